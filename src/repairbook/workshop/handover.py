"""Take it home: a couple's whole workbook as one file, and opening that file at home.

The file is a ZIP archive (:mod:`zipfile`, deflate) with exactly two members:

``repairbook-handover.json``  {"format": 1, "app": "repairbook", "made": ISO time,
                              "workshop": the workshop's name}
``workbook.sqlite``           a consistent copy of the workbook, made with SQLite's online
                              backup API (:meth:`Workbook.backup`) while the server may run

Private entries are sealed in the database with their writer's passphrase, so they stay
sealed in the file; nothing is decrypted or re-encrypted on the way. :func:`import_handover`
refuses anything else with one sentence: other or extra members, names with folders or
``..`` in them, a member larger than :data:`MAX_UNPACKED` (or a zip bomb claiming to be
smaller), a newer format, or a database that fails SQLite's integrity check. It unpacks
into a fresh folder only; an existing workbook is never overwritten.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from repairbook.content import workshop as W
from repairbook.workshop.roster import Workshop, WorkshopError

MANIFEST = "repairbook-handover.json"
DB_MEMBER = "workbook.sqlite"
FORMAT = 1
#: the largest workbook we unpack (a workbook of years of daily entries is a few MB)
MAX_UNPACKED = 512 * 1024 * 1024
MAX_MANIFEST = 64 * 1024
CHUNK = 1024 * 1024


class HandoverError(WorkshopError):
    """A take-home file that cannot be written or opened; one plain sentence."""


def write_handover(ws: Workshop, label: str, out: str | os.PathLike[str]) -> Path:
    """Write couple ``label``'s whole workbook to ``out`` (mode 0600) and return its path."""
    from repairbook.store import Workbook
    from repairbook.store.workbook import DB_NAME

    record = ws.couple(label)
    folder = ws.workbook_path(record)
    if not (folder / DB_NAME).is_file():
        raise HandoverError(W.HANDOVER_NOT_STARTED.format(label=record.label))
    out = Path(out)
    wb = Workbook.open(folder)
    try:
        copy = wb.backup(keep=0)  # SQLite's backup API: consistent while pages write
    finally:
        wb.close()
    manifest = {
        "format": FORMAT,
        "app": "repairbook",
        "made": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "workshop": ws.name,
    }
    tmp = out.with_name(f".{out.name}.partial")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with (
            os.fdopen(fd, "wb") as fh,
            zipfile.ZipFile(fh, "w", compression=zipfile.ZIP_DEFLATED) as zf,
        ):
            zf.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2))
            zf.write(copy, DB_MEMBER)
        os.chmod(tmp, 0o600)
        os.replace(tmp, out)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        raise HandoverError(f"{out} could not be written: {err.strerror}.") from None
    finally:
        copy.unlink(missing_ok=True)
    return out


def _check_members(zf: zipfile.ZipFile, path: Path) -> None:
    names = [i.filename for i in zf.infolist()]
    for name in names:
        if "/" in name or "\\" in name or name.startswith(".") or ".." in name or ":" in name:
            raise HandoverError(W.IMPORT_UNSAFE.format(path=path, name=name))
    if sorted(names) != sorted([MANIFEST, DB_MEMBER]):
        raise HandoverError(W.IMPORT_NOT_A_HANDOVER.format(path=path))
    for info in zf.infolist():
        limit = MAX_MANIFEST if info.filename == MANIFEST else MAX_UNPACKED
        if info.file_size > limit or info.is_dir():
            raise HandoverError(W.IMPORT_TOO_BIG.format(path=path, limit=MAX_UNPACKED // 2**20))


def _copy_limited(zf: zipfile.ZipFile, name: str, dest: Path, limit: int, path: Path) -> None:
    """Unpack one member, counting the bytes really produced (a zip bomb lies about them)."""
    written = 0
    fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out, zf.open(name) as src:
        while chunk := src.read(CHUNK):
            written += len(chunk)
            if written > limit:
                raise HandoverError(W.IMPORT_TOO_BIG.format(path=path, limit=limit // 2**20))
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())


def import_handover(source: str | os.PathLike[str], folder: str | os.PathLike[str]) -> Path:
    """Open a take-home file into the new workbook folder ``folder`` and return it."""
    from repairbook.store import StoreError, Workbook
    from repairbook.store.workbook import DB_NAME

    source, folder = Path(source), Path(folder)
    if (folder / DB_NAME).exists():
        raise HandoverError(W.IMPORT_TARGET_TAKEN.format(folder=folder))
    if folder.is_dir() and any(folder.iterdir()):
        raise HandoverError(W.IMPORT_TARGET_TAKEN.format(folder=folder))
    try:
        zf = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise HandoverError(W.IMPORT_NOT_A_HANDOVER.format(path=source)) from None
    made_folder = not folder.exists()
    staging: Path | None = None
    try:
        with zf:
            _check_members(zf, source)
            try:
                manifest = json.loads(zf.read(MANIFEST).decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError, zipfile.BadZipFile):
                raise HandoverError(W.IMPORT_NOT_A_HANDOVER.format(path=source)) from None
            if not isinstance(manifest, dict) or manifest.get("app") != "repairbook":
                raise HandoverError(W.IMPORT_NOT_A_HANDOVER.format(path=source))
            fmt = manifest.get("format")
            if not isinstance(fmt, int) or fmt < 1:
                raise HandoverError(W.IMPORT_NOT_A_HANDOVER.format(path=source))
            if fmt > FORMAT:
                raise HandoverError(W.IMPORT_NEWER.format(path=source))
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            os.chmod(folder, 0o700)
            staging = folder / f".{DB_NAME}.importing"
            staging.unlink(missing_ok=True)
            try:
                _copy_limited(zf, DB_MEMBER, staging, MAX_UNPACKED, source)
            except (zipfile.BadZipFile, EOFError, OSError) as err:
                detail = getattr(err, "strerror", None) or str(err) or type(err).__name__
                raise HandoverError(W.IMPORT_DAMAGED.format(path=source, detail=detail)) from None
        try:
            probe = sqlite3.connect(f"file:{staging}?mode=ro", uri=True)
            try:
                ok = probe.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            finally:
                probe.close()
        except sqlite3.Error as err:
            raise HandoverError(W.IMPORT_DAMAGED.format(path=source, detail=str(err))) from None
        if not ok:
            raise HandoverError(W.IMPORT_DAMAGED.format(path=source, detail="integrity check"))
        os.replace(staging, folder / DB_NAME)
        staging = None
        for sub in ("backups", "exports"):
            (folder / sub).mkdir(exist_ok=True, mode=0o700)
        try:
            Workbook.open(folder).close()  # migrates an older workbook, checks it is ours
        except StoreError as err:
            (folder / DB_NAME).unlink(missing_ok=True)
            raise HandoverError(W.IMPORT_DAMAGED.format(path=source, detail=str(err))) from None
    except BaseException:
        if staging is not None:
            staging.unlink(missing_ok=True)
        if made_folder and folder.exists() and not (folder / DB_NAME).exists():
            shutil.rmtree(folder, ignore_errors=True)
        raise
    return folder


__all__ = ["DB_MEMBER", "MANIFEST", "HandoverError", "import_handover", "write_handover"]

"""The workbook: a folder on the couple's machine, SQLite inside.

Layout::

    WORKBOOK/
      workbook.sqlite     entries, partners, history (WAL mode)
      backups/            timestamped copies made with SQLite's backup API
      exports/            research exports the couple chose to make

Every write runs in ``BEGIN IMMEDIATE`` with ``synchronous=FULL``: when a save
returns, the entry is on disk. Private entries are sealed with the author's key
before they reach SQLite, so no plaintext of theirs is ever written to the folder.
"""

from __future__ import annotations

import builtins
import contextlib
import json
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from repairbook.content import messages
from repairbook.entries import Entry, EntryError, load_entry, revise_entry
from repairbook.store import crypto
from repairbook.store.schema import MIGRATIONS, SCHEMA_VERSION

DB_NAME = "workbook.sqlite"
APP_ID = "repairbook"
#: How long a save waits for another process's save before saying the workbook is busy.
#: ``REPAIRBOOK_BUSY_TIMEOUT_MS`` overrides it (read when a workbook is opened).
BUSY_TIMEOUT_MS = 5000
ENV_BUSY_TIMEOUT = "REPAIRBOOK_BUSY_TIMEOUT_MS"


def _busy_timeout_ms() -> int:
    try:
        return max(0, int(os.environ.get(ENV_BUSY_TIMEOUT, BUSY_TIMEOUT_MS)))
    except ValueError:
        return BUSY_TIMEOUT_MS


class StoreError(Exception):
    """A problem with the workbook, phrased for the person using it."""


class NotAWorkbook(StoreError):
    pass


class WorkbookTooNew(StoreError):
    pass


class CorruptWorkbook(StoreError):
    pass


class WorkbookBusy(StoreError):
    pass


class DiskFull(StoreError):
    pass


class UnknownPartner(StoreError):
    pass


class PassphraseError(StoreError):
    pass


class EntryNotFound(StoreError):
    pass


def _iso(dt: datetime) -> str:
    return dt.astimezone(UTC).isoformat()


def entry_to_json(entry: Entry) -> dict[str, Any]:
    """The stable JSON form of an entry (what the CLI prints)."""
    data = entry.model_dump(mode="json")
    return {"kind": entry.kind, **data}


@dataclass
class CheckReport:
    ok: bool
    schema_version: int | None
    integrity: str
    counts: dict[str, int] = field(default_factory=dict)
    partners: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    passphrase_ok: dict[str, bool] = field(default_factory=dict)


def _translate(err: sqlite3.Error, path: Path) -> StoreError:
    text = str(err).lower()
    if "locked" in text or "busy" in text:
        return WorkbookBusy(messages.LOCKED)
    if "full" in text or "disk i/o" in text or "too large" in text:
        return DiskFull(messages.DISK_FULL)
    if "readonly" in text or "read-only" in text:
        return StoreError(messages.READ_ONLY)
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return CorruptWorkbook(messages.CORRUPT.format(path=path, backups=path.parent / "backups"))
    return StoreError(f"The workbook could not be used: {err}.")


class Workbook:
    """One couple's workbook. Open with :meth:`open` or create with :meth:`create`."""

    def __init__(self, folder: Path, db: sqlite3.Connection):
        self.folder = folder
        self.path = folder / DB_NAME
        self.db = db
        self._lock = threading.RLock()
        self._keys: dict[str, bytes] = {}
        self._partners: builtins.list[str] | None = None

    # -- opening ---------------------------------------------------------------------
    @staticmethod
    def _connect(path: Path, *, configure: bool = True) -> sqlite3.Connection:
        ms = _busy_timeout_ms()
        db = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=ms / 1000)
        db.execute(f"PRAGMA busy_timeout={ms}")
        if configure:
            Workbook._configure(db)
        return db

    @staticmethod
    def _configure(db: sqlite3.Connection) -> None:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=FULL")
        db.execute("PRAGMA foreign_keys=ON")
        db.execute("PRAGMA secure_delete=ON")

    @classmethod
    def create(
        cls,
        folder: str | os.PathLike[str],
        partners: list[str],
        *,
        passphrases: dict[str, str] | None = None,
        scrypt_n: int = crypto.DEFAULT_SCRYPT_N,
    ) -> Workbook:
        folder = Path(folder)
        names = [p.strip() for p in partners]
        if len(names) != 2 or len({n.casefold() for n in names}) != 2:
            raise StoreError(messages.NEED_TWO_PARTNERS)
        if any(not (1 <= len(n) <= 80) for n in names):
            raise StoreError(messages.BAD_NAME)
        if not all(_encodable(n) for n in names):
            raise StoreError(messages.BAD_UNICODE.format(label="A name"))
        if (folder / DB_NAME).exists():
            raise StoreError(messages.ALREADY_A_WORKBOOK.format(path=folder))
        if folder.is_dir() and any(folder.iterdir()):
            raise NotAWorkbook(messages.FOLDER_NOT_EMPTY.format(path=folder))
        for p in (passphrases or {}).values():
            _check_passphrase(p)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "backups").mkdir(exist_ok=True)
            (folder / "exports").mkdir(exist_ok=True)
            db = cls._connect(folder / DB_NAME)
        except OSError as err:
            raise StoreError(
                f"The workbook folder {folder} could not be made: {err.strerror}."
            ) from None
        except sqlite3.Error as err:
            raise _translate(err, folder / DB_NAME) from None
        wb = cls(folder, db)
        try:
            wb._migrate()
            now = _iso(datetime.now(UTC))
            with wb._write() as cur:
                cur.execute("INSERT INTO meta VALUES ('app', ?)", (APP_ID,))
                cur.execute("INSERT INTO meta VALUES ('created', ?)", (now,))
                for i, name in enumerate(names):
                    cur.execute(
                        "INSERT INTO partners (name, position, created) VALUES (?, ?, ?)",
                        (name, i, now),
                    )
        except BaseException:
            db.close()
            raise
        for name, phrase in (passphrases or {}).items():
            wb.set_passphrase(name, phrase, scrypt_n=scrypt_n)
        return wb

    @classmethod
    def open(cls, folder: str | os.PathLike[str], *, migrate: bool = True) -> Workbook:
        folder = Path(folder)
        path = folder / DB_NAME
        if not path.is_file():
            if folder.exists() and any(folder.iterdir()) if folder.is_dir() else folder.exists():
                raise NotAWorkbook(messages.NOT_A_WORKBOOK.format(path=folder))
            raise NotAWorkbook(messages.NO_WORKBOOK_YET.format(path=folder))
        # Look before touching: the file is only switched to WAL (a change on disk) once
        # it is known to be a workbook this code can read.
        db: sqlite3.Connection | None = None
        try:
            db = cls._connect(path, configure=False)
            row = db.execute("SELECT value FROM meta WHERE key='app'").fetchone()
        except sqlite3.DatabaseError as err:
            if db is not None:
                db.close()
            if "no such table" in str(err).lower():
                raise NotAWorkbook(messages.NOT_A_WORKBOOK.format(path=folder)) from None
            raise _translate(err, path) from None
        if not row or row[0] != APP_ID:
            db.close()
            raise NotAWorkbook(messages.NOT_A_WORKBOOK.format(path=folder))
        wb = cls(folder, db)
        try:
            found = wb.schema_version()
            if found > SCHEMA_VERSION:
                raise WorkbookTooNew(messages.TOO_NEW.format(found=found, known=SCHEMA_VERSION))
            cls._configure(db)
        except sqlite3.Error as err:
            db.close()
            raise _translate(err, path) from None
        except BaseException:
            db.close()
            raise
        if migrate and found < SCHEMA_VERSION:
            wb._migrate()
        for sub in ("backups", "exports"):
            with contextlib.suppress(OSError):
                (folder / sub).mkdir(exist_ok=True)
        return wb

    @classmethod
    def open_or_create(cls, folder: str | os.PathLike[str], partners: list[str]) -> Workbook:
        if (Path(folder) / DB_NAME).exists():
            return cls.open(folder)
        return cls.create(folder, partners)

    def close(self) -> None:
        with self._lock:
            self._keys.clear()
            with contextlib.suppress(sqlite3.Error):
                self.db.close()

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions ----------------------------------------------------------------
    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Cursor]:
        with self._lock:
            cur = self.db.cursor()
            try:
                cur.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as err:
                raise _translate(err, self.path) from None
            try:
                yield cur
                cur.execute("COMMIT")
            except BaseException as err:
                with contextlib.suppress(sqlite3.Error):
                    cur.execute("ROLLBACK")
                if isinstance(err, sqlite3.Error):
                    raise _translate(err, self.path) from None
                raise

    def _read(self, sql: str, args: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            try:
                return self.db.execute(sql, tuple(args)).fetchall()
            except sqlite3.Error as err:
                raise _translate(err, self.path) from None

    def _migrate(self) -> None:
        with self._write() as cur:
            cur.execute(
                "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied TEXT NOT NULL)"
            )
            done = {r[0] for r in cur.execute("SELECT name FROM migrations")}
            for name, fn in MIGRATIONS:
                if name in done:
                    continue
                fn(self.db)
                cur.execute("INSERT INTO migrations VALUES (?, ?)", (name, _iso(datetime.now(UTC))))
            cur.execute(
                "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),)
            )

    def schema_version(self) -> int:
        rows = self._read("SELECT value FROM meta WHERE key='schema_version'")
        if rows:
            return int(rows[0][0])
        # the very first workbooks recorded only their migrations
        try:
            return len(self._read("SELECT name FROM migrations"))
        except StoreError:
            return 1

    # -- meta -----------------------------------------------------------------------------
    #: keys the store itself manages; :meth:`set_meta` refuses them
    RESERVED_META = frozenset({"app", "created", "schema_version"})

    def get_meta(self, key: str) -> str | None:
        """A small per-workbook setting kept in the ``meta`` table (None when unset)."""
        rows = self._read("SELECT value FROM meta WHERE key=?", (key,))
        return str(rows[0][0]) if rows else None

    def set_meta(self, key: str, value: str, *, only_if_unset: bool = False) -> str:
        """Store ``value`` under ``key`` durably and return the stored value.

        With ``only_if_unset`` an existing value is kept and returned (first writer wins,
        also across processes)."""
        if key in self.RESERVED_META or not key or not isinstance(value, str):
            raise StoreError(f"The workbook setting {key!r} cannot be changed this way.")
        with self._write() as cur:
            if only_if_unset:
                cur.execute("INSERT OR IGNORE INTO meta VALUES (?, ?)", (key, value))
                (stored,) = cur.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
                return str(stored)
            cur.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))
        return value

    # -- partners & passphrases ---------------------------------------------------------
    @property
    def partners(self) -> builtins.list[str]:
        # the two names never change once the workbook exists: read them once (every
        # save looks its author up, so this saves a query per entry)
        if self._partners is None:
            rows = self._read("SELECT name FROM partners ORDER BY position")
            self._partners = [r[0] for r in rows]
        return list(self._partners)

    def partner(self, name: str) -> str:
        """The partner's stored name for ``name`` (case-insensitive), or UnknownPartner."""
        for p in self.partners:
            if p == name or p.casefold() == name.strip().casefold():
                return p
        raise UnknownPartner(
            messages.UNKNOWN_AUTHOR.format(name=name, names=" and ".join(self.partners))
        )

    def other(self, name: str) -> str:
        a, b = self.partners
        return b if self.partner(name) == a else a

    def has_passphrase(self, name: str) -> bool:
        name = self.partner(name)
        rows = self._read("SELECT check_value FROM partners WHERE name=?", (name,))
        return bool(rows and rows[0][0])

    def set_passphrase(
        self, name: str, passphrase: str, *, scrypt_n: int = crypto.DEFAULT_SCRYPT_N
    ) -> None:
        name = self.partner(name)
        _check_passphrase(passphrase)
        if self.has_passphrase(name):
            raise PassphraseError(messages.PASSPHRASE_SET.format(name=name))
        salt = crypto.new_salt()
        key = crypto.derive_key(passphrase, salt, scrypt_n)
        with self._write() as cur:
            cur.execute(
                "UPDATE partners SET salt=?, scrypt_n=?, check_value=? WHERE name=?",
                (salt, scrypt_n, crypto.make_check(key), name),
            )
        self._keys[name] = key

    def unlock(self, name: str, passphrase: str) -> None:
        name = self.partner(name)
        rows = self._read("SELECT salt, scrypt_n, check_value FROM partners WHERE name=?", (name,))
        salt, n, check = rows[0]
        if not check:
            raise PassphraseError(messages.NO_PASSPHRASE.format(name=name))
        key = crypto.derive_key(passphrase, salt, int(n))
        if not crypto.verify_check(key, check):
            raise PassphraseError(messages.WRONG_PASSPHRASE.format(name=name))
        self._keys[name] = key

    def lock(self, name: str | None = None) -> None:
        if name is None:
            self._keys.clear()
        else:
            self._keys.pop(self.partner(name), None)

    def is_unlocked(self, name: str) -> bool:
        return self.partner(name) in self._keys

    def _key_for(self, name: str) -> bytes:
        if name not in self._keys:
            if not self.has_passphrase(name):
                raise PassphraseError(messages.NO_PASSPHRASE.format(name=name))
            raise PassphraseError(messages.LOCKED_PRIVATE.format(name=name))
        return self._keys[name]

    # -- entries ---------------------------------------------------------------------------
    def _body(self, entry: Entry) -> bytes:
        plain = json.dumps(entry_to_json(entry), ensure_ascii=False).encode("utf-8")
        if entry.visibility == "private":
            key = self._key_for(entry.author)
            return crypto.seal(key, plain, _aad(entry.id, entry.kind, entry.author))
        return plain

    def _prepare(self, entry: Entry) -> Entry:
        author = self.partner(entry.author)
        if author != entry.author:
            entry = entry.model_copy(update={"author": author})
        if entry.visibility == "private":
            self._key_for(author)
        return entry

    def add(self, entry: Entry) -> str:
        """Store a new entry durably and return its id."""
        return self.add_many([entry])[0]

    def add_many(self, entries: Iterable[Entry]) -> list[str]:
        prepared = [self._prepare(e) for e in entries]
        rows = [(e, self._body(e)) for e in prepared]
        with self._write() as cur:
            for e, body in rows:
                cur.execute(
                    "INSERT INTO entries (id, kind, author, visibility, created, updated,"
                    " schema_version, body, version) VALUES (?,?,?,?,?,?,?,?,1)",
                    (
                        e.id,
                        e.kind,
                        e.author,
                        e.visibility,
                        _iso(e.created),
                        _iso(e.updated),
                        e.schema_version,
                        body,
                    ),
                )
                cur.execute(
                    "INSERT INTO entry_versions (id, version, updated, body) VALUES (?,1,?,?)",
                    (e.id, _iso(e.updated), body),
                )
        return [e.id for e, _ in rows]

    def update(self, entry_id: str, changes: dict[str, Any], *, by: str) -> Entry:
        """Save a new version of an entry; earlier versions stay readable in history."""
        by = self.partner(by)
        current = self.get(entry_id, viewer=by)
        if current.author != by and (
            current.visibility == "private" or not _shared_edit(current, changes)
        ):
            raise StoreError(messages.NOT_YOURS.format(name=current.author))
        if changes.get("visibility", current.visibility) != current.visibility:
            # history keeps every version sealed (or not) as it was first written
            raise StoreError(messages.VISIBILITY_FIXED)
        revised = revise_entry(current, dict(changes))
        body = self._body(revised)
        with self._write() as cur:
            (version,) = cur.execute(
                "SELECT version FROM entries WHERE id=?", (entry_id,)
            ).fetchone()
            cur.execute(
                "UPDATE entries SET updated=?, body=?, version=?, visibility=? WHERE id=?",
                (_iso(revised.updated), body, version + 1, revised.visibility, entry_id),
            )
            cur.execute(
                "INSERT INTO entry_versions (id, version, updated, body) VALUES (?,?,?,?)",
                (entry_id, version + 1, _iso(revised.updated), body),
            )
        return revised

    def _decode(self, kind: str, author: str, visibility: str, eid: str, body: bytes) -> Entry:
        if visibility == "private":
            plain = crypto.open_sealed(self._keys[author], bytes(body), _aad(eid, kind, author))
        else:
            plain = bytes(body) if isinstance(body, (bytes, memoryview)) else str(body).encode()
        data = json.loads(plain)
        data.pop("kind", None)
        return load_entry(kind, data)

    def _visible(self, visibility: str, author: str, viewer: str | None) -> bool:
        if visibility == "shared":
            return True
        return viewer is not None and author == viewer and author in self._keys

    def get(self, entry_id: str, *, viewer: str | None = None) -> Entry:
        viewer = self.partner(viewer) if viewer else None
        rows = self._read(
            "SELECT kind, author, visibility, body FROM entries WHERE id=?", (entry_id,)
        )
        if not rows or not self._visible(rows[0][2], rows[0][1], viewer):
            raise EntryNotFound(messages.NOT_FOUND.format(id=entry_id))
        kind, author, visibility, body = rows[0]
        return self._decode(kind, author, visibility, entry_id, body)

    def list(
        self,
        kind: str | None = None,
        *,
        viewer: str | None = None,
        author: str | None = None,
        private: bool = True,
    ) -> list[Entry]:
        """Entries the viewer may read: every shared one, and the viewer's own private
        ones while unlocked. Another partner's private entries are never returned."""
        viewer = self.partner(viewer) if viewer else None
        sql = "SELECT id, kind, author, visibility, body FROM entries"
        where, args = [], []
        if kind:
            where.append("kind=?")
            args.append(kind)
        if author:
            where.append("author=?")
            args.append(self.partner(author))
        if not private or viewer is None:
            where.append("visibility='shared'")
        else:
            where.append("(visibility='shared' OR author=?)")
            args.append(viewer)
        sql += " WHERE " + " AND ".join(where) + " ORDER BY created, rowid"
        out = []
        for eid, k, a, vis, body in self._read(sql, args):
            if not self._visible(vis, a, viewer):
                continue
            out.append(self._decode(k, a, vis, eid, body))
        return out

    def private_count(self, author: str, kind: str | None = None) -> int:
        sql = "SELECT COUNT(*) FROM entries WHERE visibility='private' AND author=?"
        args: list[Any] = [self.partner(author)]
        if kind:
            sql += " AND kind=?"
            args.append(kind)
        return int(self._read(sql, args)[0][0])

    def history(self, entry_id: str, *, viewer: str | None = None) -> builtins.list[Entry]:
        current = self.get(entry_id, viewer=viewer)  # raises if not visible
        rows = self._read(
            "SELECT body FROM entry_versions WHERE id=? ORDER BY version", (entry_id,)
        )
        return [
            self._decode(current.kind, current.author, current.visibility, entry_id, r[0])
            for r in rows
        ]

    def version(self, entry_id: str) -> int:
        rows = self._read("SELECT version FROM entries WHERE id=?", (entry_id,))
        if not rows:
            raise EntryNotFound(messages.NOT_FOUND.format(id=entry_id))
        return int(rows[0][0])

    def counts(self) -> dict[str, int]:
        return {
            k: int(n)
            for k, n in self._read("SELECT kind, COUNT(*) FROM entries GROUP BY kind ORDER BY kind")
        }

    def latest(
        self, kind: str, *, viewer: str | None = None, author: str | None = None
    ) -> Entry | None:
        items = self.list(kind, viewer=viewer, author=author)
        return max(items, key=lambda e: e.updated) if items else None

    # -- backups & checks --------------------------------------------------------------------
    @property
    def backups_dir(self) -> Path:
        return self.folder / "backups"

    def backup(self, keep: int = 10) -> Path:
        """Copy the workbook with SQLite's online backup API; keep the newest ``keep``."""
        self.backups_dir.mkdir(exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        target = self.backups_dir / f"workbook-{stamp}.sqlite"
        tmp = target.with_suffix(".partial")
        try:
            dest = sqlite3.connect(tmp)
            with self._lock:
                self.db.backup(dest)
            dest.execute("PRAGMA journal_mode=DELETE")
            dest.close()
            os.replace(tmp, target)
        except sqlite3.Error as err:
            tmp.unlink(missing_ok=True)
            raise _translate(err, self.path) from None
        except OSError as err:
            tmp.unlink(missing_ok=True)
            raise (
                DiskFull(messages.DISK_FULL) if err.errno == 28 else StoreError(str(err))
            ) from None
        for old in self.list_backups()[:-keep] if keep > 0 else []:
            old.unlink(missing_ok=True)
        return target

    def list_backups(self) -> builtins.list[Path]:
        return list_backups(self.folder)

    def check(self, passphrases: dict[str, str] | None = None) -> CheckReport:
        return check_workbook(self.folder, passphrases, wb=self)


def _shared_edit(entry: Entry, changes: dict[str, Any]) -> bool:
    """Shared entries the other partner may change: accepting an agreement, and a new
    version of the repair contract (it belongs to both)."""
    if entry.kind in ("contract", "settings"):
        return True
    return entry.kind == "agreement" and set(changes) <= {"accepted_by"}


def _aad(eid: str, kind: str, author: str) -> bytes:
    return f"{eid}|{kind}|{author}".encode()


def _encodable(text: str) -> bool:
    """False for text with a lone surrogate, which SQLite (UTF-8) cannot store."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _check_passphrase(p: str) -> None:
    if not isinstance(p, str) or len(p) < 8:
        raise PassphraseError(messages.PASSPHRASE_SHORT)


def list_backups(folder: str | os.PathLike[str]) -> list[Path]:
    d = Path(folder) / "backups"
    return sorted(d.glob("workbook-*.sqlite")) if d.is_dir() else []


def restore(folder: str | os.PathLike[str], backup: str | None = None) -> Path:
    """Bring back a backup (the newest when ``backup`` is None). The damaged file is
    kept beside it as ``workbook.sqlite.damaged-STAMP`` so nothing is thrown away."""
    folder = Path(folder)
    backups = list_backups(folder)
    if backup is None:
        if not backups:
            raise StoreError(messages.NO_BACKUP.format(name="(any)"))
        source = backups[-1]
    else:
        source = Path(backup)
        if not source.is_file():
            source = folder / "backups" / backup
        if not source.is_file():
            raise StoreError(messages.NO_BACKUP.format(name=backup))
    # verify the backup before touching anything
    try:
        probe = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        ok = probe.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        probe.close()
    except sqlite3.Error:
        ok = False
    if not ok:
        raise CorruptWorkbook(f"The backup {source.name} is damaged too; pick an older one.")
    db = folder / DB_NAME
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    for suffix in ("", "-wal", "-shm"):
        p = Path(f"{db}{suffix}")
        if p.exists():
            os.replace(p, Path(f"{db}{suffix}.damaged-{stamp}"))
    tmp = folder / (DB_NAME + ".restoring")
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(tmp)
    src.backup(dst)
    src.close()
    dst.close()
    os.replace(tmp, db)
    Workbook.open(folder).close()  # migrate if the backup is older
    return source


def check_workbook(
    folder: str | os.PathLike[str],
    passphrases: dict[str, str] | None = None,
    wb: Workbook | None = None,
) -> CheckReport:
    """Integrity check, schema version, counts, and an optional passphrase test."""
    folder = Path(folder)
    own = wb is None
    try:
        if wb is None:
            wb = Workbook.open(folder, migrate=False)
    except StoreError as err:
        return CheckReport(
            ok=False, schema_version=None, integrity="unreadable", problems=[str(err)]
        )
    report = CheckReport(ok=True, schema_version=None, integrity="")
    try:
        rows = wb._read("PRAGMA integrity_check")
        report.integrity = "; ".join(str(r[0]) for r in rows)
        if report.integrity != "ok":
            report.ok = False
            report.problems.append(messages.CORRUPT.format(path=wb.path, backups=wb.backups_dir))
        report.schema_version = wb.schema_version()
        if report.schema_version < SCHEMA_VERSION:
            report.problems.append(
                f"The workbook is at format {report.schema_version}; opening it updates it to "
                f"{SCHEMA_VERSION}."
            )
        report.counts = wb.counts()
        report.partners = wb.partners
        orphans = wb._read(
            "SELECT COUNT(*) FROM entries e WHERE NOT EXISTS "
            "(SELECT 1 FROM entry_versions v WHERE v.id=e.id AND v.version=e.version)"
        )[0][0]
        if orphans:
            report.ok = False
            report.problems.append(f"{orphans} entries are missing their current version.")
        for name, phrase in (passphrases or {}).items():
            try:
                wb.unlock(name, phrase)
                # every private entry of theirs must decrypt
                for eid, k, vis, body in wb._read(
                    "SELECT id, kind, visibility, body FROM entries WHERE author=? AND visibility='private'",
                    (wb.partner(name),),
                ):
                    wb._decode(k, wb.partner(name), vis, eid, body)
                report.passphrase_ok[name] = True
            except (StoreError, crypto.InvalidTag) as err:
                report.passphrase_ok[name] = False
                report.ok = False
                report.problems.append(str(err) or f"A private entry of {name} does not decrypt.")
    except StoreError as err:
        report.ok = False
        report.problems.append(str(err))
    finally:
        if own:
            wb.close()
    return report


__all__ = [
    "CheckReport",
    "CorruptWorkbook",
    "DiskFull",
    "EntryError",
    "EntryNotFound",
    "NotAWorkbook",
    "PassphraseError",
    "StoreError",
    "UnknownPartner",
    "Workbook",
    "WorkbookBusy",
    "WorkbookTooNew",
    "check_workbook",
    "entry_to_json",
    "list_backups",
    "restore",
]

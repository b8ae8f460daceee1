"""Taking words back: an entry removed for good, with every version of it, from the
workbook file, its write-ahead log and (when asked) the earlier backups.

SQLite keeps deleted rows' bytes on free pages, and a WAL keeps earlier copies of every
page it wrote. So a deletion here runs with ``secure_delete`` on (freed space is
overwritten with zeros), then checkpoints the WAL with ``TRUNCATE`` (the log file is
emptied), and each backup asked for is rewritten with ``VACUUM INTO`` a fresh file
that replaces it (no free pages, no journal left behind).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from repairbook.content import paths as words
from repairbook.store.workbook import (
    EntryNotFound,
    StoreError,
    Workbook,
    _uri,
    list_backups,
)


def delete_entry(wb: Workbook, entry_id: str, *, by: str) -> str:
    """Remove ``entry_id`` and its whole history; only its author may. Returns its kind.

    Raises :class:`EntryNotFound` when there is no such entry and :class:`StoreError`
    with one sentence when it is someone else's."""
    if wb.read_only:
        raise StoreError(words.DELETE_READ_ONLY)
    by = wb.partner(by)
    rows = wb._read("SELECT kind, author FROM entries WHERE id=?", (entry_id,))
    if not rows:
        raise EntryNotFound(words.DELETE_NOT_FOUND)
    kind, author = str(rows[0][0]), str(rows[0][1])
    if author != by:
        raise StoreError(words.DELETE_NOT_YOURS.format(name=author))
    with wb._write() as cur:
        cur.execute("DELETE FROM entry_versions WHERE id=?", (entry_id,))
        cur.execute("DELETE FROM entries WHERE id=?", (entry_id,))
    scrub_log(wb)
    return kind


def scrub_log(wb: Workbook) -> bool:
    """Copy the WAL into the file and empty it, so no earlier page copy stays in the log.
    False when another reader kept it from being emptied now (it is emptied at the next
    deletion, or when every page has closed the workbook)."""
    with wb._lock:
        try:
            busy, _log, _done = wb.db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        except sqlite3.Error:
            return False
    return not busy


def erase_from_backups(folder: str | os.PathLike[str], entry_ids: list[str]) -> list[Path]:
    """Rewrite every backup of the workbook at ``folder`` that holds one of ``entry_ids``
    without them. Each is written afresh next to it and then put in its place, so a
    stop half-way leaves the old backup whole. Returns the backups that were rewritten."""
    changed: list[Path] = []
    for backup in list_backups(folder):
        tmp = backup.with_name(backup.name + ".rewrite")
        tmp.unlink(missing_ok=True)
        try:
            db = sqlite3.connect(backup, isolation_level=None)
        except sqlite3.Error:
            continue
        try:
            db.execute("PRAGMA trusted_schema=OFF")
            db.execute("PRAGMA secure_delete=ON")
            marks = ",".join("?" * len(entry_ids))
            found = db.execute(
                f"SELECT COUNT(*) FROM entries WHERE id IN ({marks})", entry_ids
            ).fetchone()[0]
            if not found:
                continue
            db.execute("BEGIN IMMEDIATE")
            db.execute(f"DELETE FROM entry_versions WHERE id IN ({marks})", entry_ids)
            db.execute(f"DELETE FROM entries WHERE id IN ({marks})", entry_ids)
            db.execute("COMMIT")
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            os.close(fd)
            tmp.unlink()
            db.execute("VACUUM INTO ?", (str(tmp),))
        except sqlite3.Error as err:
            with contextlib.suppress(sqlite3.Error):
                db.execute("ROLLBACK")
            tmp.unlink(missing_ok=True)
            raise StoreError(words.DELETE_BACKUP_FAILED.format(name=backup.name)) from err
        finally:
            db.close()
        os.chmod(tmp, 0o600)
        os.replace(tmp, backup)
        changed.append(backup)
    return changed


def backups_holding(folder: str | os.PathLike[str], entry_id: str) -> list[Path]:
    """The backups that still hold ``entry_id``."""
    out = []
    for backup in list_backups(folder):
        try:
            db = sqlite3.connect(_uri(backup, "mode=ro"), uri=True)
        except sqlite3.Error:
            continue
        try:
            if db.execute("SELECT 1 FROM entries WHERE id=?", (entry_id,)).fetchone():
                out.append(backup)
        except sqlite3.Error:
            pass
        finally:
            db.close()
    return out


__all__ = ["backups_holding", "delete_entry", "erase_from_backups", "scrub_log"]

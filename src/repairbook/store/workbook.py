"""The workbook: a folder on the couple's machine, SQLite inside.

Layout::

    WORKBOOK/
      workbook.sqlite     entries, partners, history (WAL mode)
      backups/            timestamped copies made with SQLite's backup API
      exports/            research exports the couple chose to make

Every write runs in ``BEGIN IMMEDIATE`` with ``synchronous=FULL``: when a save
returns, the entry is on disk. Private entries are sealed with the author's key
before they reach SQLite, so no plaintext of theirs is ever written to the folder.

The folder is the couple's alone: it is kept at mode 0700 and every file in it at
0600 (tightened each time a workbook is opened). While a :class:`Workbook` is open it
holds a shared lock on ``WORKBOOK/.lock`` and names itself in ``WORKBOOK/.open/``, so
:func:`restore` can refuse, and say who has it open, instead of swapping the file
under a page that goes on saving.

One damaged row never hides the others: :meth:`Workbook.list` and
:meth:`Workbook.history` return every entry that reads, leave the damaged ones out and
name them in ``Workbook.skipped`` (and in a ``problems`` list when one is passed);
:meth:`Workbook.get` raises :class:`DamagedEntry` with one sentence.
"""

from __future__ import annotations

import builtins
import contextlib
import json
import os
import sqlite3
import stat
import sys
import threading
import time
import unicodedata
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from repairbook.content import messages
from repairbook.entries import Entry, EntryError, check_dates, load_entry, revise_entry
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


class DamagedEntry(StoreError):
    """An entry whose stored bytes no longer read (broken JSON, a changed sealed body)."""

    def __init__(self, entry_id: str):
        super().__init__(messages.DAMAGED_ENTRY.format(id=entry_id))
        self.entry_id = entry_id


try:  # POSIX; elsewhere restore cannot see other processes and only checks this one
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]

LOCK_NAME = ".lock"
HOLDERS_DIR = ".open"
#: How long a private page may sit untouched before it locks (minutes), unless the
#: couple chose otherwise (:meth:`Workbook.set_idle_lock_minutes`).
IDLE_LOCK_MINUTES = 10
IDLE_META_KEY = "idle_lock_minutes"
#: The largest body a row may hold before it is read as damaged (entries are far smaller).
MAX_BODY_BYTES = 4 * 1024 * 1024


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
        #: per unlocked partner: the check value and seal format the key was opened
        #: with, compared inside every private write (a passphrase changed by another
        #: process must not leave entries sealed under a key nobody holds any more)
        self._seals: dict[str, tuple[bytes, int]] = {}
        self._touched: dict[str, float] = {}
        self._partners: builtins.list[str] | None = None
        self._guard: _OpenLock | None = None
        self._earliest: date | None = None
        #: True when the folder cannot be written: the workbook is read from a copy in
        #: memory and every save is refused with one sentence
        self.read_only = False
        #: ids of the entries the last :meth:`list` or :meth:`history` left out because
        #: they are damaged (empty when everything read)
        self.skipped: builtins.list[str] = []

    # -- opening ---------------------------------------------------------------------
    @staticmethod
    def _connect(path: Path, *, configure: bool = True) -> sqlite3.Connection:
        ms = _busy_timeout_ms()
        db = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=ms / 1000)
        db.execute(f"PRAGMA busy_timeout={ms}")
        # a file brought in by `restore` cannot run functions from its views or triggers
        db.execute("PRAGMA trusted_schema=OFF")
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
        created: datetime | None = None,
    ) -> Workbook:
        """A new workbook for two partners. ``created`` back-dates it (the demo's
        made-up history starts months ago; dates before it, less a year, are refused)."""
        folder = Path(folder)
        names = check_names(partners)
        if (folder / DB_NAME).exists():
            raise StoreError(messages.ALREADY_A_WORKBOOK.format(path=folder))
        if folder.is_dir() and any(folder.iterdir()):
            raise NotAWorkbook(messages.FOLDER_NOT_EMPTY.format(path=folder))
        for p in (passphrases or {}).values():
            _check_passphrase(p)
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            (folder / "backups").mkdir(exist_ok=True, mode=0o700)
            (folder / "exports").mkdir(exist_ok=True, mode=0o700)
            _tighten(folder)
            # made 0600 before SQLite sees it; its -wal and -shm take the same mode
            os.close(os.open(folder / DB_NAME, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            guard = _OpenLock(folder)
        except OSError as err:
            raise StoreError(
                f"The workbook folder {folder} could not be made: {err.strerror}."
            ) from None
        try:
            db = cls._connect(folder / DB_NAME)
        except sqlite3.Error as err:
            guard.release()
            with contextlib.suppress(OSError):
                if (folder / DB_NAME).stat().st_size == 0:
                    (folder / DB_NAME).unlink()
            raise _translate(err, folder / DB_NAME) from None
        wb = cls(folder, db)
        wb._guard = guard
        try:
            wb._migrate()
            now = _iso(created or datetime.now(UTC))
            with wb._write() as cur:
                cur.execute("INSERT INTO meta VALUES ('app', ?)", (APP_ID,))
                cur.execute("INSERT INTO meta VALUES ('created', ?)", (now,))
                for i, name in enumerate(names):
                    cur.execute(
                        "INSERT INTO partners (name, position, created) VALUES (?, ?, ?)",
                        (name, i, now),
                    )
        except BaseException:
            wb.close()
            raise
        for name, phrase in (passphrases or {}).items():
            wb.set_passphrase(name, phrase, scrypt_n=scrypt_n)
        return wb

    @classmethod
    def open(
        cls, folder: str | os.PathLike[str], *, migrate: bool = True, _guarded: bool = True
    ) -> Workbook:
        """Open an existing workbook (migrating an older one). A workbook in a folder
        that cannot be written is read from a copy in memory (``read_only``); saves
        then say so in one sentence."""
        folder = Path(folder)
        path = folder / DB_NAME
        if not path.is_file():
            if folder.exists() and any(folder.iterdir()) if folder.is_dir() else folder.exists():
                if (folder / (DB_NAME + ".restoring")).exists():
                    raise NotAWorkbook(messages.EMPTY_WORKBOOK.format(path=folder))
                raise NotAWorkbook(messages.NOT_A_WORKBOOK.format(path=folder))
            raise NotAWorkbook(messages.NO_WORKBOOK_YET.format(path=folder))
        read_only = not (os.access(folder, os.W_OK) and os.access(path, os.W_OK))
        # Look before touching: the file is only switched to WAL (a change on disk), and
        # the folder locked and tightened, once it is known to be a workbook this code
        # can read.
        db: sqlite3.Connection | None = None
        guard: _OpenLock | None = None
        try:
            inode = path.stat().st_ino
            db = cls._connect_ro(path) if read_only else cls._connect(path, configure=False)
            row = db.execute("SELECT value FROM meta WHERE key='app'").fetchone()
            if row and row[0] == APP_ID and not read_only and _guarded:
                guard = _OpenLock(folder)
                if path.stat().st_ino != inode:  # restored meanwhile: open the new file
                    db.close()
                    db = cls._connect(path, configure=False)
                    row = db.execute("SELECT value FROM meta WHERE key='app'").fetchone()
        except (sqlite3.DatabaseError, OSError, StoreError) as err:
            if db is not None:
                db.close()
            if guard:
                guard.release()
            if isinstance(err, StoreError):
                raise
            if isinstance(err, OSError):
                raise NotAWorkbook(messages.EMPTY_WORKBOOK.format(path=folder)) from None
            if "no such table" in str(err).lower():
                if _looks_empty(path):
                    raise NotAWorkbook(messages.EMPTY_WORKBOOK.format(path=folder)) from None
                raise NotAWorkbook(messages.NOT_A_WORKBOOK.format(path=folder)) from None
            raise _translate(err, path) from None
        if not row or row[0] != APP_ID:
            db.close()
            if guard:
                guard.release()
            raise NotAWorkbook(messages.NOT_A_WORKBOOK.format(path=folder))
        wb = cls(folder, db)
        wb._guard = guard
        wb.read_only = read_only
        if not read_only:
            _tighten(folder)
        try:
            found = wb.schema_version()
            if found > SCHEMA_VERSION:
                raise WorkbookTooNew(messages.TOO_NEW.format(found=found, known=SCHEMA_VERSION))
            if not read_only:
                cls._configure(db)
        except sqlite3.Error as err:
            wb.close()
            raise _translate(err, path) from None
        except BaseException:
            wb.close()
            raise
        if (migrate or read_only) and found < SCHEMA_VERSION:
            try:
                wb._migrate()  # read-only: only the copy in memory
            except BaseException:
                wb.close()
                raise
        if read_only:
            db.execute("PRAGMA query_only=ON")
        else:
            for sub in ("backups", "exports"):
                with contextlib.suppress(OSError):
                    (folder / sub).mkdir(exist_ok=True, mode=0o700)
            _clean_partials(folder / "backups")
        return wb

    @staticmethod
    def _connect_ro(path: Path) -> sqlite3.Connection:
        """The workbook read into memory from a folder that cannot be written."""
        try:
            src = sqlite3.connect(_uri(path, "mode=ro"), uri=True)
            src.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
        except sqlite3.OperationalError:
            # a WAL-mode file on a read-only disk without its -shm: read it as it lies
            # (a cleanly closed workbook has nothing left in a -wal)
            src = sqlite3.connect(_uri(path, "immutable=1"), uri=True)
        try:
            mem = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
            src.backup(mem)
        finally:
            src.close()
        return mem

    @classmethod
    def open_or_create(cls, folder: str | os.PathLike[str], partners: list[str]) -> Workbook:
        if (Path(folder) / DB_NAME).exists():
            return cls.open(folder)
        return cls.create(folder, partners)

    def close(self) -> None:
        with self._lock:
            self._keys.clear()
            self._seals.clear()
            with contextlib.suppress(sqlite3.Error):
                self.db.close()
            if self._guard is not None:
                self._guard.release()
                self._guard = None

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
        """The partner's stored name for ``name``, or UnknownPartner. Both sides are
        compared in the same normal form (NFC, trimmed, case-folded), so a name typed
        in the other Unicode form still finds its partner."""
        key = _name_key(name) if isinstance(name, str) else None
        for p in self.partners:
            if p == name or _name_key(p) == key:
                return p
        shown = _visible_name(name) if isinstance(name, str) else repr(name)
        raise UnknownPartner(
            messages.UNKNOWN_AUTHOR.format(name=shown, names=" and ".join(self.partners))
        )

    def other(self, name: str) -> str:
        a, b = self.partners
        return b if self.partner(name) == a else a

    def has_passphrase(self, name: str) -> bool:
        name = self.partner(name)
        rows = self._read("SELECT check_value FROM partners WHERE name=?", (name,))
        return bool(rows and rows[0][0])

    def set_passphrase(
        self,
        name: str,
        passphrase: str,
        *,
        scrypt_n: int = crypto.DEFAULT_SCRYPT_N,
        set_by: str | None = None,
    ) -> None:
        """Set a first passphrase. The check that none is set yet and the setting are
        one ``BEGIN IMMEDIATE`` transaction: of two at once, exactly one wins and the
        other gets :class:`PassphraseError`. ``set_by``: who typed it, when that is
        not the partner themself; the passphrase is then marked as set by someone else
        (:meth:`passphrase_set_by_other`) until the partner replaces it."""
        name = self.partner(name)
        by = self.partner(set_by) if set_by else name
        _check_passphrase(passphrase)
        if self.has_passphrase(name):
            raise PassphraseError(messages.PASSPHRASE_SET.format(name=name))
        salt = crypto.new_salt()
        key = crypto.derive_key(passphrase, salt, scrypt_n)  # slow: outside the lock
        check = crypto.make_check(key)
        with self._write() as cur:
            (current,) = cur.execute(
                "SELECT check_value FROM partners WHERE name=?", (name,)
            ).fetchone()
            if current:
                raise PassphraseError(messages.PASSPHRASE_SET_RACE.format(name=name))
            cur.execute(
                "UPDATE partners SET salt=?, scrypt_n=?, check_value=?, seal_format=?, "
                "set_by=? WHERE name=?",
                (salt, scrypt_n, check, crypto.SEAL_FORMAT, None if by == name else by, name),
            )
        self._remember(name, key, check, crypto.SEAL_FORMAT)

    def passphrase_set_by_other(self, name: str) -> str | None:
        """Who set ``name``'s passphrase when it was not ``name`` (else None). A page
        asks that partner, on their next visit, to replace it with their own
        (:meth:`change_passphrase`, or :meth:`claim_passphrase` before any private
        entry exists)."""
        name = self.partner(name)
        rows = self._read("SELECT set_by, check_value FROM partners WHERE name=?", (name,))
        return str(rows[0][0]) if rows and rows[0][0] and rows[0][1] else None

    def keep_passphrase(self, name: str, passphrase: str) -> None:
        """The partner keeps a passphrase someone else set (they proved they know it):
        the mark is cleared and they are unlocked."""
        name = self.partner(name)
        key, check, fmt, _n = self._verify(name, passphrase)
        with self._write() as cur:
            cur.execute(
                "UPDATE partners SET set_by=NULL WHERE name=? AND check_value=?", (name, check)
            )
        self._remember(name, key, check, fmt)

    def change_passphrase(
        self,
        name: str,
        current: str,
        new: str,
        *,
        scrypt_n: int | None = None,
    ) -> int:
        """Re-seal every private entry of ``name`` (and every earlier version) under a
        key from ``new``, in one transaction: if anything stops it half-way, the current
        passphrase still opens everything; once it returns, only the new one does.
        Returns how many private entries were re-sealed (their history with them)."""
        name = self.partner(name)
        _check_passphrase(new)
        if current == new:
            raise PassphraseError(messages.PASSPHRASE_SAME)
        old_key, check, fmt, n = self._verify(name, current)
        return self._rekey(name, old_key, check, fmt, new, scrypt_n or crypto.upgraded_n(n))

    def claim_passphrase(self, name: str, new: str, *, scrypt_n: int | None = None) -> None:
        """Replace a passphrase someone else set for ``name`` without knowing it. Only
        while ``name`` has no private entry under it (they would be lost); otherwise
        the current passphrase is needed (:meth:`change_passphrase`)."""
        name = self.partner(name)
        _check_passphrase(new)
        by = self.passphrase_set_by_other(name)
        if not by:
            raise PassphraseError(messages.PASSPHRASE_SET.format(name=name))
        rows = self._read("SELECT scrypt_n FROM partners WHERE name=?", (name,))
        n = scrypt_n or crypto.upgraded_n(int(rows[0][0]))
        salt = crypto.new_salt()
        key = crypto.derive_key(new, salt, n)
        check = crypto.make_check(key)
        with self._write() as cur:
            (count,) = cur.execute(
                "SELECT COUNT(*) FROM entries WHERE author=? AND visibility='private'", (name,)
            ).fetchone()
            (still,) = cur.execute("SELECT set_by FROM partners WHERE name=?", (name,)).fetchone()
            if count or not still:
                raise PassphraseError(
                    messages.PASSPHRASE_CLAIM_HAS_ENTRIES.format(name=name, by=by)
                )
            cur.execute(
                "UPDATE partners SET salt=?, scrypt_n=?, check_value=?, seal_format=?, "
                "set_by=NULL WHERE name=?",
                (salt, n, check, crypto.SEAL_FORMAT, name),
            )
        self._remember(name, key, check, crypto.SEAL_FORMAT)

    def _verify(self, name: str, passphrase: str) -> tuple[bytes, bytes, int, int]:
        """The key for ``passphrase`` with the partner's check value, seal format and
        Scrypt cost, or one sentence when it is the wrong one."""
        try:
            rows = self._read(
                "SELECT salt, scrypt_n, check_value, seal_format FROM partners WHERE name=?",
                (name,),
            )
        except StoreError:  # a format-3 workbook opened without migrating (`check`)
            rows = [
                (*r, 1)
                for r in self._read(
                    "SELECT salt, scrypt_n, check_value FROM partners WHERE name=?", (name,)
                )
            ]
        salt, n, check, fmt = rows[0]
        if not check:
            raise PassphraseError(messages.NO_PASSPHRASE.format(name=name))
        key = crypto.derive_key(passphrase, bytes(salt), int(n))
        if not crypto.verify_check(key, bytes(check)):
            raise PassphraseError(messages.WRONG_PASSPHRASE.format(name=name))
        return key, bytes(check), int(fmt), int(n)

    def _rekey(
        self, name: str, old_key: bytes, old_check: bytes, old_fmt: int, new: str, n: int
    ) -> int:
        salt = crypto.new_salt()
        key = crypto.derive_key(new, salt, n)  # slow: outside the lock
        check = crypto.make_check(key)
        done = 0
        with self._write() as cur:
            row = cur.execute("SELECT check_value FROM partners WHERE name=?", (name,)).fetchone()
            if bytes(row[0] or b"") != old_check:
                self._forget(name)
                raise PassphraseError(messages.PASSPHRASE_CHANGED_ELSEWHERE.format(name=name))
            current = cur.execute(
                "SELECT id, kind, version, body FROM entries "
                "WHERE author=? AND visibility='private'",
                (name,),
            ).fetchall()
            for eid, kind, version, body in current:
                try:
                    plain = self._open_body(old_key, old_fmt, eid, kind, name, version, body)
                except DamagedEntry:
                    continue  # stays as it is: `check` names it, a backup brings it back
                cur.execute(
                    "UPDATE entries SET body=? WHERE id=?",
                    (crypto.seal(key, plain, crypto.aad(eid, kind, name, version)), eid),
                )
                done += 1
            kinds = {eid: kind for eid, kind, _v, _b in current}
            olds = cur.execute(
                "SELECT v.id, v.version, v.body FROM entry_versions v JOIN entries e "
                "ON e.id = v.id WHERE e.author=? AND e.visibility='private'",
                (name,),
            ).fetchall()
            for eid, version, body in olds:
                kind = kinds[eid]
                try:
                    plain = self._open_body(old_key, old_fmt, eid, kind, name, version, body)
                except DamagedEntry:
                    continue
                cur.execute(
                    "UPDATE entry_versions SET body=? WHERE id=? AND version=?",
                    (crypto.seal(key, plain, crypto.aad(eid, kind, name, version)), eid, version),
                )
            cur.execute(
                "UPDATE partners SET salt=?, scrypt_n=?, check_value=?, seal_format=?, "
                "set_by=NULL WHERE name=?",
                (salt, n, check, crypto.SEAL_FORMAT, name),
            )
        self._remember(name, key, check, crypto.SEAL_FORMAT)
        return done

    @staticmethod
    def _open_body(
        key: bytes, fmt: int, eid: str, kind: str, author: str, version: int, body: Any
    ) -> bytes:
        try:
            return crypto.open_sealed(
                key, bytes(body), crypto.aad(eid, kind, author, int(version), fmt)
            )
        except (crypto.InvalidTag, ValueError, TypeError):
            raise DamagedEntry(eid) from None

    def unlock(self, name: str, passphrase: str) -> None:
        """Open ``name``'s private entries. A key from an earlier Scrypt cost, or
        entries sealed before the version was bound, are re-sealed now (one
        transaction, the same passphrase); if the workbook cannot be written just
        then, that waits for the next unlock."""
        name = self.partner(name)
        key, check, fmt, n = self._verify(name, passphrase)
        self._remember(name, key, check, fmt)
        if self.read_only or (fmt >= crypto.SEAL_FORMAT and not crypto.needs_upgrade(n)):
            return
        try:
            self._rekey(name, key, check, fmt, passphrase, crypto.upgraded_n(n))
        except PassphraseError:  # another process upgraded it a moment ago: same passphrase
            key, check, fmt, n = self._verify(name, passphrase)
            self._remember(name, key, check, fmt)
        except StoreError:
            pass  # busy, full or read-only just now: the next unlock tries again

    def _remember(self, name: str, key: bytes, check: bytes, fmt: int) -> None:
        self._keys[name] = key
        self._seals[name] = (check, fmt)
        self._touched[name] = time.monotonic()

    def _forget(self, name: str) -> None:
        self._keys.pop(name, None)
        self._seals.pop(name, None)
        self._touched.pop(name, None)

    def lock(self, name: str | None = None) -> None:
        if name is None:
            self._keys.clear()
            self._seals.clear()
            self._touched.clear()
        else:
            self._forget(self.partner(name))

    def is_unlocked(self, name: str) -> bool:
        return self.partner(name) in self._keys

    # -- idle lock -------------------------------------------------------------------------
    def idle_lock_minutes(self) -> int:
        """Minutes a private page may sit untouched before it locks (0: never)."""
        raw = self.get_meta(IDLE_META_KEY)
        try:
            return max(0, min(24 * 60, int(raw))) if raw is not None else IDLE_LOCK_MINUTES
        except ValueError:
            return IDLE_LOCK_MINUTES

    def set_idle_lock_minutes(self, minutes: int) -> int:
        """Store the idle time (0 to 1440 minutes; 0 turns the idle lock off)."""
        if isinstance(minutes, bool) or not isinstance(minutes, int) or not 0 <= minutes <= 1440:
            raise StoreError("The idle lock is a whole number of minutes from 0 to 1440.")
        return int(self.set_meta(IDLE_META_KEY, str(minutes)))

    def touch(self, name: str) -> None:
        """Note that ``name`` just used their private pages (resets the idle clock)."""
        name = self.partner(name)
        if name in self._keys:
            self._touched[name] = time.monotonic()

    def lock_idle(self, now: float | None = None) -> builtins.list[str]:
        """Lock every partner idle longer than the setting; returns who was locked.
        ``now`` is a ``time.monotonic()`` reading (for tests)."""
        minutes = self.idle_lock_minutes()
        if not minutes:
            return []
        now = time.monotonic() if now is None else now
        idle = [n for n, t in self._touched.items() if now - t >= minutes * 60]
        for n in idle:
            self._forget(n)
        return idle

    def _key_for(self, name: str) -> bytes:
        if name not in self._keys:
            if not self.has_passphrase(name):
                raise PassphraseError(messages.NO_PASSPHRASE.format(name=name))
            raise PassphraseError(messages.LOCKED_PRIVATE.format(name=name))
        self._touched[name] = time.monotonic()
        return self._keys[name]

    def _keys_current(self, cur: sqlite3.Cursor, names: Iterable[str]) -> None:
        """Inside a write: every key about to seal is still the partner's current one."""
        for name in set(names):
            row = cur.execute(
                "SELECT check_value, seal_format FROM partners WHERE name=?", (name,)
            ).fetchone()
            if row is None or (bytes(row[0] or b""), int(row[1])) != self._seals.get(name):
                self._forget(name)
                raise PassphraseError(messages.PASSPHRASE_CHANGED_ELSEWHERE.format(name=name))

    # -- entries ---------------------------------------------------------------------------
    def _body(self, entry: Entry, version: int = 1) -> bytes:
        plain = json.dumps(entry_to_json(entry), ensure_ascii=False).encode("utf-8")
        if entry.visibility == "private":
            key = self._key_for(entry.author)
            fmt = self._seals[entry.author][1]
            return crypto.seal(
                key, plain, crypto.aad(entry.id, entry.kind, entry.author, version, fmt)
            )
        return plain

    def _prepare(self, entry: Entry) -> Entry:
        author = self.partner(entry.author)
        if author != entry.author:
            entry = entry.model_copy(update={"author": author})
        if entry.visibility == "private":
            self._key_for(author)
        self._check_dates(entry)
        return entry

    def _check_dates(self, entry: Entry, fields: Iterable[str] | None = None) -> None:
        """Refuse a date no one could mean (year 0025 for 2025, a check-in in 2999):
        before the workbook was started less a year, or later than the moment the entry
        was written (its own ``created``/``updated``, or now, whichever is latest)."""
        today = datetime.now(UTC).date()
        if self._earliest is None:
            created = self.get_meta("created")
            try:
                start = datetime.fromisoformat(created).date() if created else None
            except ValueError:
                start = None
            self._earliest = min(start or today, today) - timedelta(days=365)
        written = max(
            today, entry.created.astimezone(UTC).date(), entry.updated.astimezone(UTC).date()
        )
        check_dates(entry, earliest=self._earliest, today=written, fields=fields)

    def add(self, entry: Entry) -> str:
        """Store a new entry durably and return its id."""
        return self.add_many([entry])[0]

    def add_many(self, entries: Iterable[Entry]) -> list[str]:
        """Store several new entries in one transaction."""
        return self.write(adds=entries)[0]

    def update(self, entry_id: str, changes: dict[str, Any], *, by: str) -> Entry:
        """Save a new version of an entry; earlier versions stay readable in history."""
        return self.write(updates=[(entry_id, changes, by)])[1][0]

    def _revise(self, entry_id: str, changes: dict[str, Any], by: str) -> tuple[Entry, bytes]:
        by = self.partner(by)
        current = self.get(entry_id, viewer=by)
        if current.author != by and (
            current.visibility == "private" or not current.may_edit(by, changes)
        ):
            raise StoreError(messages.NOT_YOURS.format(name=current.author))
        if changes.get("visibility", current.visibility) != current.visibility:
            # history keeps every version sealed (or not) as it was first written
            raise StoreError(messages.VISIBILITY_FIXED)
        revised = revise_entry(current, dict(changes))
        self._check_dates(revised, fields=changes)
        return revised, self._body(revised)

    def write(
        self,
        adds: Iterable[Entry] = (),
        updates: Iterable[tuple[str, dict[str, Any], str]] = (),
    ) -> tuple[builtins.list[str], builtins.list[Entry]]:
        """New entries and new versions of existing ones (``(id, changes, by)``), all in
        one transaction: either every one is stored or none is, so a retry after any
        failure never stores anything twice."""
        prepared = [self._prepare(e) for e in adds]
        rows = [(e, self._body(e)) for e in prepared]
        revised = [self._revise(eid, changes, by) for eid, changes, by in updates]
        with self._write() as cur:
            self._keys_current(
                cur, [e.author for e, _ in rows + revised if e.visibility == "private"]
            )
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
            for entry, body in revised:
                (version,) = cur.execute(
                    "SELECT version FROM entries WHERE id=?", (entry.id,)
                ).fetchone()
                if entry.visibility == "private":  # sealed with the version it becomes
                    body = self._body(entry, version + 1)
                cur.execute(
                    "UPDATE entries SET updated=?, body=?, version=?, visibility=? WHERE id=?",
                    (_iso(entry.updated), body, version + 1, entry.visibility, entry.id),
                )
                cur.execute(
                    "INSERT INTO entry_versions (id, version, updated, body) VALUES (?,?,?,?)",
                    (entry.id, version + 1, _iso(entry.updated), body),
                )
        return [e.id for e, _ in rows], [e for e, _ in revised]

    def _decode(
        self, kind: str, author: str, visibility: str, eid: str, body: Any, version: int = 1
    ) -> Entry:
        """One stored body as an entry; :class:`DamagedEntry` when it does not read
        (changed sealed bytes, broken JSON, fields its kind does not accept)."""
        try:
            if visibility == "private":
                fmt = self._seals[author][1]
                return self._load(
                    kind, self._open_body(self._keys[author], fmt, eid, kind, author, version, body)
                )
            if isinstance(body, str):
                body = body.encode("utf-8", "surrogatepass")
            return self._load(kind, bytes(body))
        except (ValueError, TypeError, KeyError, EntryError, RecursionError):
            raise DamagedEntry(eid) from None

    @staticmethod
    def _load(kind: str, plain: bytes) -> Entry:
        if len(plain) > MAX_BODY_BYTES:
            raise ValueError("too large")
        data = json.loads(plain)
        if not isinstance(data, dict):
            raise ValueError("not an object")
        data.pop("kind", None)
        return load_entry(kind, data)

    def _stale_keys(self, names: Iterable[str]) -> None:
        """Before reading: a key whose passphrase another process changed is dropped
        with one sentence (its entries would otherwise look damaged)."""
        for name in set(names):
            if name not in self._seals:
                continue
            rows = self._read("SELECT check_value, seal_format FROM partners WHERE name=?", (name,))
            if not rows or (bytes(rows[0][0] or b""), int(rows[0][1])) != self._seals[name]:
                self._forget(name)
                raise PassphraseError(messages.PASSPHRASE_CHANGED_ELSEWHERE.format(name=name))

    def _visible(self, visibility: str, author: str, viewer: str | None) -> bool:
        if visibility == "shared":
            return True
        return viewer is not None and author == viewer and author in self._keys

    def get(self, entry_id: str, *, viewer: str | None = None) -> Entry:
        """One entry the viewer may read; :class:`EntryNotFound` otherwise, and
        :class:`DamagedEntry` (one sentence) when its stored bytes do not read."""
        viewer = self.partner(viewer) if viewer else None
        rows = self._read(
            f"SELECT kind, author, visibility, body, version, {_NEWEST} FROM entries e WHERE id=?",
            (entry_id,),
        )
        if not rows or not self._visible(rows[0][2], rows[0][1], viewer):
            raise EntryNotFound(messages.NOT_FOUND.format(id=entry_id))
        kind, author, visibility, body, version, newest = rows[0]
        if visibility == "private":
            self._stale_keys([author])
        if newest is not None and newest != version:
            raise DamagedEntry(entry_id)  # an older version put back in place
        return self._decode(kind, author, visibility, entry_id, body, version)

    def list(
        self,
        kind: str | None = None,
        *,
        viewer: str | None = None,
        author: str | None = None,
        private: bool = True,
        problems: builtins.list[str] | None = None,
    ) -> list[Entry]:
        """Entries the viewer may read: every shared one, and the viewer's own private
        ones while unlocked. Another partner's private entries are never returned.

        A damaged entry (broken JSON, changed sealed bytes, an older version put back)
        never hides the others: it is left out, its id is in ``self.skipped``, and when
        a ``problems`` list is passed one sentence about it is appended
        (:func:`skipped_sentence`)."""
        viewer = self.partner(viewer) if viewer else None
        sql = f"SELECT id, kind, author, visibility, body, version, {_NEWEST} FROM entries e"
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
        if viewer is not None and private:
            try:
                self._stale_keys([viewer])
            except PassphraseError as err:  # the shared entries still show
                if problems is not None:
                    problems.append(str(err))
        out, skipped = [], []
        for eid, k, a, vis, body, version, newest in self._read(sql, args):
            if not self._visible(vis, a, viewer):
                continue
            try:
                if newest is not None and newest != version:
                    raise DamagedEntry(eid)
                out.append(self._decode(k, a, vis, eid, body, version))
            except DamagedEntry:
                skipped.append(eid)
        self.skipped = skipped
        if skipped and problems is not None:
            problems.append(skipped_sentence(skipped))
        return out

    def private_count(self, author: str, kind: str | None = None) -> int:
        sql = "SELECT COUNT(*) FROM entries WHERE visibility='private' AND author=?"
        args: list[Any] = [self.partner(author)]
        if kind:
            sql += " AND kind=?"
            args.append(kind)
        return int(self._read(sql, args)[0][0])

    def history(
        self,
        entry_id: str,
        *,
        viewer: str | None = None,
        problems: builtins.list[str] | None = None,
    ) -> builtins.list[Entry]:
        """Every readable version, oldest first; damaged versions are left out as in
        :meth:`list` (``self.skipped`` holds ``ID@vN``)."""
        current = self.get(entry_id, viewer=viewer)  # raises if not visible
        rows = self._read(
            "SELECT body, version FROM entry_versions WHERE id=? ORDER BY version", (entry_id,)
        )
        out, skipped = [], []
        for body, version in rows:
            try:
                out.append(
                    self._decode(
                        current.kind, current.author, current.visibility, entry_id, body, version
                    )
                )
            except DamagedEntry:
                skipped.append(f"{entry_id}@v{version}")
        self.skipped = skipped
        if skipped and problems is not None:
            problems.append(skipped_sentence(skipped))
        return out

    def version(self, entry_id: str) -> int:
        rows = self._read("SELECT version FROM entries WHERE id=?", (entry_id,))
        if not rows:
            raise EntryNotFound(messages.NOT_FOUND.format(id=entry_id))
        return int(rows[0][0])

    def data_version(self) -> int:
        """A number that changes whenever another connection (another page, a command)
        commits a change to the workbook: a cheap way for an open page to notice."""
        return int(self._read("PRAGMA data_version")[0][0])

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
        if self.read_only:
            raise StoreError(messages.READ_ONLY)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        target = self.backups_dir / f"workbook-{stamp}.sqlite"
        tmp = target.with_suffix(".partial")
        hold = -1
        try:
            self.backups_dir.mkdir(exist_ok=True, mode=0o700)
            _clean_partials(self.backups_dir)
            # 0600 from the start; held with a lock while it is written, so a cleaner in
            # another process knows it is not a leftover
            hold = os.open(tmp, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
            if fcntl is not None:
                fcntl.flock(hold, fcntl.LOCK_EX | fcntl.LOCK_NB)
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
        finally:
            if hold >= 0:
                os.close(hold)
        for old in self.list_backups()[:-keep] if keep > 0 else []:
            old.unlink(missing_ok=True)
        return target

    def list_backups(self) -> builtins.list[Path]:
        return list_backups(self.folder)

    def check(self, passphrases: dict[str, str] | None = None) -> CheckReport:
        return check_workbook(self.folder, passphrases, wb=self)

    # -- deleting one's own words (issue 18; the work is in store/erase.py) ----------------
    def delete(self, entry_id: str, *, by: str) -> str:
        """Remove an entry ``by`` wrote, with every version of it, for good: its bytes
        are overwritten in the file and the write-ahead log is emptied. Returns its kind."""
        from repairbook.store.erase import delete_entry

        return delete_entry(self, entry_id, by=by)


#: the newest version in an entry's history (SQL, for ``entries e``): an entry whose
#: ``version`` is not it was put back from an older copy
_NEWEST = "(SELECT MAX(v.version) FROM entry_versions v WHERE v.id = e.id)"


def _uri(path: Path, query: str) -> str:
    """An SQLite URI for ``path``: percent-encoded, so a folder named ``a?b#c`` or
    ``50%`` is still that folder."""
    return f"{Path(path).resolve().as_uri()}?{query}"


def skipped_sentence(ids: builtins.list[str]) -> str:
    """One calm sentence about entries left out because they are damaged."""
    shown = ", ".join(ids[:3]) + (f" and {len(ids) - 3} more" if len(ids) > 3 else "")
    one = len(ids) == 1
    return messages.SKIPPED_ENTRIES.format(
        n=len(ids), entries="entry" if one else "entries", are="is" if one else "are", ids=shown
    )


# -- names ------------------------------------------------------------------------------
#: letters of other alphabets that look like Latin ones (after case folding); enough to
#: tell "Аlex" or an all-Cyrillic "Асе" from "Ace"
_LOOKALIKE = str.maketrans(
    {
        **dict(zip("авсеһіјкмнорѕтхуԁԛԝӏ", "abcehijkmhopstxydqwl", strict=True)),
        **dict(zip("αβεζηικμνορτυχϲ", "abezhikmvoptuxc", strict=True)),
        "0": "o",
        "1": "l",
        "|": "l",
    }
)
_LOOKALIKE_SCRIPTS = frozenset({"LATIN", "CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE"})


def normalise_name(name: str) -> str:
    """A partner's name as it is stored and compared: NFC, trimmed, runs of spaces as
    one plain space."""
    text = unicodedata.normalize("NFC", name)
    return " ".join(text.split())


def _name_key(name: str) -> str:
    return normalise_name(name).casefold()


def _visible_name(name: str) -> str:
    shown = "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in name)
    return shown[:80]


def _scripts(name: str) -> set[str]:
    out = set()
    for ch in name:
        if ch.isalpha():
            out.add(unicodedata.name(ch, "UNKNOWN").split()[0])
    return out


def check_names(partners: Iterable[str]) -> builtins.list[str]:
    """The two partner names in normal form, or one sentence saying what is wrong:
    two different names of 1 to 80 characters, no control or invisible characters,
    no letters from look-alike alphabets mixed in one name, and not two names that
    look the same."""
    raw = builtins.list(partners)
    if len(raw) != 2 or not all(isinstance(n, str) for n in raw):
        raise StoreError(messages.NEED_TWO_PARTNERS)
    if not all(_encodable(n) for n in raw):
        raise StoreError(messages.BAD_UNICODE.format(label="A name"))
    names = []
    for n in raw:
        text = unicodedata.normalize("NFC", n).strip()
        for ch in text:
            cat = unicodedata.category(ch)
            if cat[0] == "C" or cat in ("Zl", "Zp") or ch in "\u115f\u1160\u3164\uffa0":
                raise StoreError(messages.NAME_INVISIBLE)
        names.append(normalise_name(text))
    if any(not (1 <= len(n) <= 80) for n in names):
        raise StoreError(messages.BAD_NAME)
    if names[0].casefold() == names[1].casefold():
        raise StoreError(messages.NEED_TWO_PARTNERS)
    for n in names:
        if len(_scripts(n) & _LOOKALIKE_SCRIPTS) > 1:
            raise StoreError(messages.NAME_MIXED.format(name=n))
    a, b = (n.casefold().translate(_LOOKALIKE) for n in names)
    if a == b:
        raise StoreError(messages.NAME_LOOKALIKE.format(name=names[1], other=names[0]))
    return names


# -- the folder -------------------------------------------------------------------------
def _tighten(folder: Path) -> None:
    """The folder 0700 and every file in it 0600 (backups and exports too). Where a
    mode cannot be changed (someone else's copy) it is left as it is."""

    def fix(p: Path, mode: int) -> None:
        with contextlib.suppress(OSError):
            st = p.lstat()
            if stat.S_ISLNK(st.st_mode):
                return
            if stat.S_IMODE(st.st_mode) & 0o077:
                os.chmod(p, stat.S_IMODE(st.st_mode) & mode)

    fix(folder, 0o700)
    with contextlib.suppress(OSError):
        for top in folder.iterdir():
            if top.is_symlink():
                continue
            if top.is_dir():
                for root, dirs, files in os.walk(top):
                    fix(Path(root), 0o700)
                    for f in files:
                        fix(Path(root) / f, 0o600)
                    dirs[:] = [d for d in dirs if not (Path(root) / d).is_symlink()]
            else:
                fix(top, 0o600)


def _looks_empty(path: Path) -> bool:
    """An empty file, or an SQLite file without a single table: what a restore
    stopped half-way or a copy that never finished leaves."""
    try:
        if path.stat().st_size == 0:
            return True
        probe = sqlite3.connect(_uri(path, "mode=ro"), uri=True)
        try:
            return not probe.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
        finally:
            probe.close()
    except (OSError, sqlite3.Error):
        return False


def _clean_partials(backups: Path) -> None:
    """Remove ``.partial`` backups left by a backup that was stopped half-way (one
    still being written holds a lock on its file and is left alone)."""
    with contextlib.suppress(OSError):
        for p in backups.glob("*.partial"):
            try:
                fd = os.open(p, os.O_RDONLY | os.O_NONBLOCK)
            except OSError:
                continue
            try:
                if fcntl is not None:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                p.unlink(missing_ok=True)
            except OSError:
                pass  # being written right now
            finally:
                os.close(fd)


# -- who has the workbook open -------------------------------------------------------------
def _describe_holder() -> str:
    prog = Path(sys.argv[0]).name if sys.argv and sys.argv[0] else "python"
    if any(w in prog for w in ("ipykernel", "voila", "jupyter")):
        what = "a repairbook page"
    elif "repairbook" in prog or prog == "__main__.py":
        sub = next((a for a in sys.argv[1:] if a.isidentifier()), "")
        what = f"`repairbook {sub}`".replace(" `", "`") if sub else "`repairbook`"
    else:
        what = f"a program ({prog[:40]})"
    return f"{what} (process {os.getpid()}, opened at {time.strftime('%H:%M')})"


class _OpenLock:
    """A shared lock on ``WORKBOOK/.lock`` for as long as a workbook is open, and a
    note in ``WORKBOOK/.open/`` saying who holds it. :func:`restore` takes the lock
    exclusively, so it cannot swap the file under an open workbook, and opening waits
    (up to the busy timeout) while a restore runs."""

    def __init__(self, folder: Path):
        self.fd = -1
        self.note: tuple[Path, int] | None = None
        if fcntl is None:
            return
        try:
            fd = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            try:
                fd = os.open(folder / LOCK_NAME, os.O_RDONLY)
            except OSError:
                return  # a folder nobody can write: nothing can restore into it either
        deadline = time.monotonic() + _busy_timeout_ms() / 1000
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
                break
            except OSError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise WorkbookBusy(messages.BEING_RESTORED) from None
                time.sleep(0.05)
        self.fd = fd
        try:
            notes = folder / HOLDERS_DIR
            notes.mkdir(mode=0o700, exist_ok=True)
            name = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
            # written and locked under a hidden name first, so a cleaner never takes a
            # note that is still being made for a leftover
            tmp = notes / f".{name}"
            nfd = os.open(tmp, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
            fcntl.flock(nfd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            os.write(nfd, _describe_holder().encode("utf-8", "replace"))
            os.replace(tmp, notes / name)
            self.note = (notes / name, nfd)
            open_by(folder)  # clears notes left by processes that ended
        except OSError:
            pass

    def release(self) -> None:
        if self.note is not None:
            path, nfd = self.note
            with contextlib.suppress(OSError):
                path.unlink()
            with contextlib.suppress(OSError):
                os.close(nfd)
            self.note = None
        if self.fd >= 0:
            with contextlib.suppress(OSError):
                os.close(self.fd)
            self.fd = -1


def open_by(folder: str | os.PathLike[str]) -> builtins.list[str]:
    """Who has the workbook open right now (one description each); leftover notes of
    processes that ended are removed."""
    notes = Path(folder) / HOLDERS_DIR
    found: builtins.list[str] = []
    if fcntl is None or not notes.is_dir():
        return found
    for p in sorted(notes.iterdir()):
        if p.name.startswith("."):
            continue  # being written
        try:
            fd = os.open(p, os.O_RDONLY | os.O_NONBLOCK)
        except OSError:
            continue
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                found.append(os.read(fd, 400).decode("utf-8", "replace") or "a program")
                continue
            with contextlib.suppress(OSError):
                p.unlink()  # its process has ended
        finally:
            os.close(fd)
    return found


@contextlib.contextmanager
def _exclusive(folder: Path) -> Iterator[None]:
    """Hold the workbook for a restore, or say who has it open."""
    if fcntl is None:
        yield
        return
    try:
        fd = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as err:
        raise StoreError(
            f"The workbook folder {folder} cannot be changed: {err.strerror}."
        ) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            who = open_by(folder) or ["another program"]
            raise WorkbookBusy(messages.OPEN_ELSEWHERE.format(holders=" and ".join(who))) from None
        open_by(folder)  # clears notes of processes that ended
        yield
    finally:
        os.close(fd)


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
        probe = sqlite3.connect(_uri(source, "mode=ro"), uri=True)
        ok = probe.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        probe.close()
    except sqlite3.Error:
        ok = False
    if not ok:
        raise CorruptWorkbook(f"The backup {source.name} is damaged too; pick an older one.")
    with _exclusive(folder):
        db = folder / DB_NAME
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        tmp = folder / (DB_NAME + ".restoring")
        tmp.unlink(missing_ok=True)
        os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        src = sqlite3.connect(_uri(source, "mode=ro"), uri=True)
        dst = sqlite3.connect(tmp)
        src.backup(dst)
        src.close()
        dst.close()
        for suffix in ("", "-wal", "-shm"):
            p = Path(f"{db}{suffix}")
            if p.exists():
                os.replace(p, Path(f"{db}{suffix}.damaged-{stamp}"))
        os.replace(tmp, db)
        Workbook.open(folder, _guarded=False).close()  # migrate if the backup is older
    return source


def _checked(found: tuple[bytes, bytes, int, int]) -> tuple[bytes, bytes, int]:
    key, check, fmt, _n = found
    return key, check, fmt


def _damaged_rows(wb: Workbook, unlocked: set[str]) -> builtins.list[tuple[str, str]]:
    """Every row that does not read: ``(id or id@vN, author)``. Shared rows are
    parsed and validated against their kind; private rows of the ``unlocked``
    partners are opened; an entry whose current version is not its newest one is
    named too (an older copy put back)."""
    bad: builtins.list[tuple[str, str]] = []
    rows = wb._read(
        f"SELECT id, kind, author, visibility, body, version, {_NEWEST} FROM entries e "
        "ORDER BY created, rowid"
    )
    for eid, kind, author, vis, body, version, newest in rows:
        if newest is not None and newest != version:
            bad.append((eid, author))
            continue
        if vis == "private" and author not in unlocked:
            continue
        try:
            wb._decode(kind, author, vis, eid, body, version)
        except DamagedEntry:
            bad.append((eid, author))
    olds = wb._read(
        "SELECT v.id, e.kind, e.author, e.visibility, v.body, v.version FROM entry_versions v "
        "JOIN entries e ON e.id = v.id WHERE v.version <> e.version ORDER BY v.id, v.version"
    )
    for eid, kind, author, vis, body, version in olds:
        if vis == "private" and author not in unlocked:
            continue
        try:
            wb._decode(kind, author, vis, eid, body, version)
        except DamagedEntry:
            bad.append((f"{eid}@v{version}", author))
    return bad


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
        unlocked: set[str] = set()
        given: dict[str, str] = {}
        for name, phrase in (passphrases or {}).items():
            try:
                who = wb.partner(name)
                wb._remember(who, *_checked(wb._verify(who, phrase)))  # no upgrade: read only
                unlocked.add(who)
                given[who] = name
                report.passphrase_ok[name] = True
            except StoreError as err:
                report.passphrase_ok[name] = False
                report.ok = False
                report.problems.append(str(err))
        damaged = _damaged_rows(wb, unlocked)
        for _eid, author in damaged:
            if author in given:
                report.passphrase_ok[given[author]] = False
        if damaged:
            report.ok = False
            for eid, _a in damaged[:20]:
                report.problems.append(f"The entry {eid} is damaged and cannot be read.")
            if len(damaged) > 20:
                report.problems.append(f"{len(damaged) - 20} more entries are damaged too.")
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
    "DamagedEntry",
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
    "check_names",
    "check_workbook",
    "entry_to_json",
    "list_backups",
    "normalise_name",
    "open_by",
    "restore",
    "skipped_sentence",
]

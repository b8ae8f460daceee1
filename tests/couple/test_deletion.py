"""Deleting my own words: the entry's bytes are gone from the database file, its WAL and
(when asked) the rewritten backups; never the other partner's; the service
refuses a delete on a shared page until the partner has shown it is them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from repairbook.couple import Couple
from repairbook.entries import make_entry
from repairbook.store import Workbook
from repairbook.store.workbook import DB_NAME
from tests.ui_helpers import (
    PASSPHRASES,
    add,
    make_workbook,
    stored,
)

CANARY = "TAKE-BACK-CANARY-7c41"
KEEP = "STAYS-CANARY-90ad"


def _bytes_on_disk(folder: Path, *, backups: bool = True) -> bytes:
    files = [folder / DB_NAME, folder / f"{DB_NAME}-wal"]
    if backups:
        files += sorted((folder / "backups").glob("*"))
    return b"".join(p.read_bytes() for p in files if p.exists())


def _setup(tmp_path: Path) -> tuple[Path, str, bytes]:
    path = make_workbook(tmp_path / "wb")
    shared = make_entry(
        "lesson", {"what_went_wrong": CANARY, "lesson": "l", "habit": "h"}, author="Alex"
    )
    other = make_entry(
        "lesson", {"what_went_wrong": KEEP, "lesson": "l", "habit": "h"}, author="Sam"
    )
    add(path, shared, other)
    wb = Workbook.open(path)
    wb.unlock("Alex", PASSPHRASES["Alex"])
    journal = make_entry("journal", {"text": "private words"}, author="Alex", visibility="private")
    wb.add(journal)
    sealed = bytes(wb._read("SELECT body FROM entries WHERE id=?", (journal.id,))[0][0])
    wb.backup()
    wb.close()
    return path, shared.id + "|" + journal.id, sealed


def test_a_deleted_entry_is_gone_from_file_log_and_rewritten_backups(tmp_path: Path) -> None:
    path, ids, sealed = _setup(tmp_path)
    shared_id, journal_id = ids.split("|")
    assert CANARY.encode() in _bytes_on_disk(path)
    c = Couple(path)
    c.switch("Alex")
    assert not c.unlock(PASSPHRASES["Alex"])
    assert c.backups_holding(shared_id) == 1
    out = c.delete(shared_id, from_backups=True)
    assert out.ok and len(out.backups) == 1, out.sentence
    assert c.delete(journal_id, from_backups=True).ok
    on_disk = _bytes_on_disk(path)
    assert CANARY.encode() not in on_disk
    assert sealed not in on_disk and sealed[:24] not in on_disk
    assert shared_id.encode() not in on_disk and journal_id.encode() not in on_disk
    assert KEEP.encode() in on_disk  # the other partner's words stay, in file and backup
    # the rewritten backup is still a whole workbook
    backup = next((path / "backups").glob("*.sqlite"))
    probe = sqlite3.connect(backup)
    assert probe.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert probe.execute("SELECT COUNT(*) FROM entries WHERE kind='lesson'").fetchone()[0] == 1
    probe.close()
    c.lock()
    assert [e.what_went_wrong for e in stored(path, "lesson")] == [KEEP]


def test_backups_stay_as_they_are_unless_asked(tmp_path: Path) -> None:
    path, ids, _ = _setup(tmp_path)
    shared_id = ids.split("|")[0]
    c = Couple(path)
    c.switch("Alex")
    c.unlock(PASSPHRASES["Alex"])
    assert c.delete(shared_id).ok
    assert CANARY.encode() not in _bytes_on_disk(path, backups=False)
    assert CANARY.encode() in _bytes_on_disk(path)  # the backup still holds it, as the page says


def test_never_the_other_partners_words(tmp_path: Path) -> None:
    path, _, _ = _setup(tmp_path)
    c = Couple(path)
    c.switch("Alex")
    c.unlock(PASSPHRASES["Alex"])
    theirs = next(e for e in c.entries("lesson") if e.author == "Sam")
    assert not c.may_delete(theirs)
    out = c.delete(theirs.id)
    assert not out.ok and "Sam" in out.error
    assert KEEP.encode() in _bytes_on_disk(path, backups=False)


def test_on_a_shared_page_deleting_needs_the_partners_unlock(tmp_path: Path) -> None:
    path, ids, _ = _setup(tmp_path)
    c = Couple(path)
    c.switch("Alex")
    out = c.delete(ids.split("|")[0])
    assert not out.ok and out.error
    assert CANARY.encode() in _bytes_on_disk(path, backups=False)

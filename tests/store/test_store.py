"""The workbook store: layout, durability settings, history, privacy of private
entries (down to the raw bytes in the folder), backups, restore, check, and the
clear refusals (not a workbook, newer than this code, wrong passphrase)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from repairbook.entries import make_entry
from repairbook.store import (
    EntryNotFound,
    NotAWorkbook,
    PassphraseError,
    StoreError,
    UnknownPartner,
    Workbook,
    WorkbookTooNew,
    check_workbook,
    list_backups,
    restore,
)
from repairbook.store.schema import MIGRATIONS, SCHEMA_VERSION
from tests.conftest import PASSPHRASES, TEST_SCRYPT_N, make_checkin


def raw_bytes_of(folder: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def found_in(folder: Path, needle: str) -> list[Path]:
    """Every file in the folder whose raw bytes hold ``needle`` (UTF-8 or UTF-16)."""
    forms = [needle.encode("utf-8"), needle.encode("utf-16-le"), needle.encode("utf-16-be")]
    return [p for p, b in raw_bytes_of(folder).items() if any(f in b for f in forms)]


# --- create / open ------------------------------------------------------------------


def test_create_makes_the_folder_layout(tmp_path: Path) -> None:
    folder = tmp_path / "deep" / "wb"
    with Workbook.create(folder, ["Alex", "Sam"]) as wb:
        assert wb.partners == ["Alex", "Sam"]
        assert wb.schema_version() == SCHEMA_VERSION
    assert (folder / "workbook.sqlite").is_file()
    assert (folder / "backups").is_dir() and (folder / "exports").is_dir()
    with Workbook.open(folder) as wb:
        assert wb.partners == ["Alex", "Sam"]
        assert wb.list() == []


@pytest.mark.parametrize(
    ("names", "needle"),
    [(["Alex"], "two partners"), (["Alex", "alex"], "two different"), (["Alex", "x" * 81], "80")],
)
def test_create_needs_two_different_names(tmp_path: Path, names: list[str], needle: str) -> None:
    with pytest.raises(StoreError, match=needle):
        Workbook.create(tmp_path / "wb", names)
    assert not (tmp_path / "wb" / "workbook.sqlite").exists()


def test_create_refuses_to_overwrite(workbook_path: Path) -> None:
    before = raw_bytes_of(workbook_path)
    with pytest.raises(StoreError, match="already holds a workbook"):
        Workbook.create(workbook_path, ["Kim", "Lee"])
    assert raw_bytes_of(workbook_path) == before


def test_short_passphrase_refused(tmp_path: Path) -> None:
    with pytest.raises(PassphraseError, match="at least 8"):
        Workbook.create(tmp_path / "wb", ["Alex", "Sam"], passphrases={"Alex": "short"})


def test_pragmas_are_set(workbook: Workbook) -> None:
    db = workbook.db
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] > 0
    # WAL is a property of the file: a plain connection sees it too
    other = sqlite3.connect(workbook.path)
    assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    other.close()


def test_writes_use_begin_immediate(workbook: Workbook) -> None:
    seen: list[str] = []
    workbook.db.set_trace_callback(seen.append)
    workbook.add(make_checkin())
    workbook.db.set_trace_callback(None)
    assert "BEGIN IMMEDIATE" in seen and "COMMIT" in seen


# --- entries and history -------------------------------------------------------------------


def test_add_get_list(workbook: Workbook) -> None:
    a = workbook.add(make_checkin("Alex", trust=4))
    s = workbook.add(make_checkin("sam", trust=6))  # names match case-insensitively
    assert workbook.get(s).author == "Sam"
    assert [e.id for e in workbook.list("checkin")] == [a, s]
    assert [e.id for e in workbook.list("checkin", author="Sam")] == [s]
    assert workbook.list("win") == []
    assert workbook.counts() == {"checkin": 2}


def test_unknown_author(workbook: Workbook) -> None:
    with pytest.raises(UnknownPartner, match="Bob is not a partner.*Alex and Sam"):
        workbook.add(make_checkin("Bob"))
    assert workbook.counts() == {}


def test_edit_keeps_history(workbook: Workbook) -> None:
    eid = workbook.add(make_checkin("Alex", trust=3, note="first"))
    workbook.update(eid, {"trust": 5, "note": "second"}, by="Alex")
    workbook.update(eid, {"trust": 7}, by="Alex")
    assert workbook.get(eid).trust == 7  # type: ignore[attr-defined]
    assert workbook.version(eid) == 3
    hist = workbook.history(eid)
    assert [e.trust for e in hist] == [3, 5, 7]  # type: ignore[attr-defined]
    assert [e.note for e in hist] == ["first", "second", "second"]  # type: ignore[attr-defined]
    assert hist[0].updated <= hist[1].updated <= hist[2].updated
    assert len({e.id for e in hist}) == 1


def test_bad_edit_changes_nothing(workbook: Workbook) -> None:
    eid = workbook.add(make_checkin("Alex", trust=3))
    with pytest.raises(Exception, match="Trust is rated from 0 to 10; you entered 11"):
        workbook.update(eid, {"trust": 11}, by="Alex")
    assert workbook.version(eid) == 1 and workbook.get(eid).trust == 3  # type: ignore[attr-defined]


def test_only_the_author_edits_except_accepting_an_agreement(workbook: Workbook) -> None:
    eid = workbook.add(make_checkin("Alex"))
    with pytest.raises(StoreError, match="Only Alex can change"):
        workbook.update(eid, {"trust": 1}, by="Sam")
    ag = make_entry(
        "agreement",
        {"area": "privacy", "text": "We knock first.", "accepted_by": ["Alex"]},
        author="Alex",
    )
    workbook.add(ag)
    workbook.update(ag.id, {"accepted_by": ["Alex", "Sam"]}, by="Sam")
    assert workbook.get(ag.id).active  # type: ignore[attr-defined]
    with pytest.raises(StoreError, match="Only Alex"):
        workbook.update(ag.id, {"area": "spending"}, by="Sam")
    # the other partner may propose new wording (issue 18): a new version, waiting for Alex
    workbook.update(ag.id, {"text": "We knock.", "accepted_by": ["Sam"]}, by="Sam")
    assert not workbook.get(ag.id).active  # type: ignore[attr-defined]


def test_add_many_is_all_or_nothing(workbook_path: Path) -> None:
    with Workbook.open(workbook_path) as wb:  # nobody unlocked
        ok = make_checkin("Alex")
        private = make_checkin("Sam", private=True)
        with pytest.raises(PassphraseError):
            wb.add_many([ok, private])
        assert wb.counts() == {}


def test_missing_entry(workbook: Workbook) -> None:
    with pytest.raises(EntryNotFound, match="no entry with id nope"):
        workbook.get("nope")


# --- privacy ----------------------------------------------------------------------------


def test_other_partners_private_entries_are_never_returned(workbook: Workbook) -> None:
    shared = workbook.add(make_checkin("Alex"))
    mine = workbook.add(make_checkin("Alex", private=True, note="alex only"))
    theirs = workbook.add(make_checkin("Sam", private=True, note="sam only"))
    # both partners are unlocked in this process, still each sees only their own
    assert {e.id for e in workbook.list(viewer="Alex")} == {shared, mine}
    assert {e.id for e in workbook.list(viewer="Sam")} == {shared, theirs}
    assert {e.id for e in workbook.list()} == {shared}
    assert {e.id for e in workbook.list(viewer="Alex", private=False)} == {shared}
    for viewer in (None, "Alex"):
        with pytest.raises(EntryNotFound):
            workbook.get(theirs, viewer=viewer)
        with pytest.raises(EntryNotFound):
            workbook.history(theirs, viewer=viewer)
    assert workbook.get(theirs, viewer="Sam").note == "sam only"  # type: ignore[attr-defined]
    with pytest.raises(StoreError):
        workbook.update(theirs, {"trust": 1}, by="Alex")
    assert workbook.private_count("Sam") == 1


def test_private_entries_need_the_author_unlocked(workbook_path: Path) -> None:
    with Workbook.open(workbook_path) as wb:
        with pytest.raises(PassphraseError, match="locked. Enter Alex's passphrase"):
            wb.add(make_checkin("Alex", private=True))
        wb.unlock("Alex", PASSPHRASES["Alex"])
        eid = wb.add(make_checkin("Alex", private=True))
    with Workbook.open(workbook_path) as wb:
        assert wb.list(viewer="Alex") == []  # locked again after reopening
        with pytest.raises(EntryNotFound):
            wb.get(eid, viewer="Alex")
        wb.unlock("alex", PASSPHRASES["Alex"])
        assert wb.get(eid, viewer="Alex").visibility == "private"


def test_wrong_passphrase_fails_clearly_before_decrypting(
    workbook_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from repairbook.store import crypto

    with Workbook.open(workbook_path) as wb:
        wb.unlock("Alex", PASSPHRASES["Alex"])
        wb.add(make_checkin("Alex", private=True))
    calls: list[bytes] = []
    real = crypto.open_sealed

    def spy(key: bytes, blob: bytes, aad: bytes) -> bytes:
        calls.append(aad)
        return real(key, blob, aad)

    monkeypatch.setattr(crypto, "open_sealed", spy)
    with Workbook.open(workbook_path) as wb:
        with pytest.raises(PassphraseError) as info:
            wb.unlock("Alex", "not the right one")
        assert str(info.value) == (
            "That passphrase does not open Alex's private entries. Check it and try again."
        )
        assert not wb.is_unlocked("Alex")
        assert calls == [b"check"]  # only the check value was tried, no entry
        assert wb.list(viewer="Alex") == wb.list()


def test_partner_without_passphrase_is_told_how_to_set_one(tmp_path: Path) -> None:
    with Workbook.create(tmp_path / "wb", ["Alex", "Sam"]) as wb:
        with pytest.raises(PassphraseError) as info:
            wb.add(make_entry("journal", {"text": "x"}, author="Alex"))
        msg = str(info.value)
        assert "Alex has no passphrase yet" in msg
        assert "repairbook passphrase --partner Alex" in msg
        assert wb.counts() == {}
        with pytest.raises(PassphraseError, match="no passphrase"):
            wb.unlock("Alex", "whatever it is")
        wb.set_passphrase("Alex", "a new passphrase", scrypt_n=TEST_SCRYPT_N)
        assert wb.add(make_entry("journal", {"text": "x"}, author="Alex"))
        with pytest.raises(PassphraseError, match="already has a passphrase"):
            wb.set_passphrase("Alex", "another passphrase", scrypt_n=TEST_SCRYPT_N)


CANARIES = {
    "checkin": "canary-checkin-note-7f3a",
    "journal": "canary-journal-text-91bd",
    "forgiveness": "canary-forgive-text-c0de",
    "edited": "canary-edited-note-44e1",
    "unicode": "kanarie-vogeltje-ü-日本-\u05e9\u05dc\u05d5\u05dd",
}
SHARED_CANARY = "shared-visible-text-5a5a"


def write_canaries(wb: Workbook) -> None:
    wb.add(make_checkin("Alex", private=True, note=CANARIES["checkin"]))
    wb.add(make_entry("journal", {"text": CANARIES["journal"] * 50}, author="Sam"))
    wb.add(
        make_entry(
            "forgiveness_reflection",
            {"readiness": 2, "text": CANARIES["forgiveness"]},
            author="Alex",
        )
    )
    eid = wb.add(make_checkin("Sam", private=True, note="draft"))
    wb.update(eid, {"note": CANARIES["edited"]}, by="Sam")
    wb.add(make_entry("journal", {"text": CANARIES["unicode"]}, author="Alex"))
    wb.add(make_checkin("Alex", note=SHARED_CANARY))


def assert_no_canary(folder: Path) -> None:
    for name, text in CANARIES.items():
        assert found_in(folder, text) == [], name


def test_private_text_never_in_the_folder_while_open(workbook: Workbook) -> None:
    write_canaries(workbook)
    names = {p.name for p in raw_bytes_of(workbook.folder)}
    assert "workbook.sqlite-wal" in names  # the WAL really is being scanned
    assert found_in(workbook.folder, SHARED_CANARY)  # the scan does find plaintext
    assert_no_canary(workbook.folder)
    # reading them back works for the author
    notes = {e.note for e in workbook.list("checkin", viewer="Sam")}  # type: ignore[attr-defined]
    assert CANARIES["edited"] in notes


def test_private_text_never_in_the_folder_after_close_and_backup(workbook: Workbook) -> None:
    write_canaries(workbook)
    backup = workbook.backup()
    workbook.close()
    assert backup.is_file() and found_in(backup.parent, SHARED_CANARY)
    assert_no_canary(backup.parent.parent)
    restore(backup.parent.parent, backup.name)
    assert_no_canary(backup.parent.parent)
    with Workbook.open(backup.parent.parent) as wb:
        wb.unlock("Alex", PASSPHRASES["Alex"])
        texts = {e.text for e in wb.list("journal", viewer="Alex")}  # type: ignore[attr-defined]
        assert texts == {CANARIES["unicode"]}


def test_tampered_private_entry_is_reported_by_check(workbook: Workbook) -> None:
    a = workbook.add(make_checkin("Alex", private=True, note="one"))
    b = workbook.add(make_checkin("Alex", private=True, note="two"))
    # moving one sealed body onto another entry must not decrypt (bound to its id)
    with workbook._write() as cur:
        (body,) = cur.execute("SELECT body FROM entries WHERE id=?", (a,)).fetchone()
        cur.execute("UPDATE entries SET body=? WHERE id=?", (body, b))
    report = check_workbook(workbook.folder, {"Alex": PASSPHRASES["Alex"]})
    assert not report.ok and report.passphrase_ok == {"Alex": False}


# --- backups, restore, check -------------------------------------------------------------


def test_backup_keeps_the_last_n(workbook: Workbook) -> None:
    made = []
    for i in range(5):
        workbook.add(make_checkin("Alex", trust=i))
        made.append(workbook.backup(keep=3))
    kept = list_backups(workbook.folder)
    assert kept == made[-3:]
    assert not list(workbook.backups_dir.glob("*.partial"))
    # each backup is a complete, readable workbook on its own
    copy = workbook.folder.parent / "copy"
    copy.mkdir()
    (copy / "workbook.sqlite").write_bytes(kept[-1].read_bytes())
    with Workbook.open(copy) as wb:
        assert [e.trust for e in wb.list("checkin")] == [0, 1, 2, 3, 4]  # type: ignore[attr-defined]


def test_restore_brings_back_the_backup_and_keeps_the_replaced_file(workbook: Workbook) -> None:
    keep = workbook.add(make_checkin("Alex", trust=1))
    workbook.backup()
    workbook.add(make_checkin("Alex", trust=2))
    folder = workbook.folder
    workbook.close()
    source = restore(folder)
    assert source == list_backups(folder)[-1]
    with Workbook.open(folder) as wb:
        assert [e.id for e in wb.list()] == [keep]
    assert list(folder.glob("workbook.sqlite.damaged-*"))
    assert check_workbook(folder).ok


def test_restore_without_backups(workbook_path: Path) -> None:
    with pytest.raises(StoreError, match="backup --list"):
        restore(workbook_path)
    with pytest.raises(StoreError, match="no backup called nope"):
        restore(workbook_path, "nope")


def test_check_reports_counts_and_passphrases(workbook: Workbook) -> None:
    workbook.add(make_checkin("Alex"))
    workbook.add(make_checkin("Sam", private=True))
    report = check_workbook(workbook.folder, dict(PASSPHRASES))
    assert report.ok and report.integrity == "ok"
    assert report.schema_version == SCHEMA_VERSION
    assert report.counts == {"checkin": 2}
    assert report.partners == ["Alex", "Sam"]
    assert report.passphrase_ok == {"Alex": True, "Sam": True}
    bad = check_workbook(workbook.folder, {"Sam": "wrong passphrase"})
    assert not bad.ok and bad.passphrase_ok == {"Sam": False}
    assert any("does not open Sam's" in p for p in bad.problems)


# --- refusals -----------------------------------------------------------------------------


def test_missing_or_empty_folder(tmp_path: Path) -> None:
    for folder in (tmp_path / "nothing", tmp_path):
        with pytest.raises(NotAWorkbook, match="repairbook init"):
            Workbook.open(folder)


def test_folder_that_is_not_a_workbook(tmp_path: Path) -> None:
    (tmp_path / "holiday.jpg").write_bytes(b"\xff\xd8 not ours")
    with pytest.raises(NotAWorkbook, match="is not a repairbook workbook"):
        Workbook.open(tmp_path)
    assert {p.name for p in tmp_path.iterdir()} == {"holiday.jpg"}


def test_someone_elses_sqlite_file_is_left_alone(tmp_path: Path) -> None:
    other = sqlite3.connect(tmp_path / "workbook.sqlite")
    other.execute("CREATE TABLE recipes (name TEXT)")
    other.execute("INSERT INTO recipes VALUES ('soup')")
    other.commit()
    other.close()
    before = raw_bytes_of(tmp_path)
    with pytest.raises(NotAWorkbook, match="is not a repairbook workbook"):
        Workbook.open(tmp_path)
    assert raw_bytes_of(tmp_path) == before
    assert check_workbook(tmp_path).ok is False


def test_a_newer_workbook_is_refused_and_left_unchanged(workbook: Workbook) -> None:
    workbook.add(make_checkin("Alex"))
    with workbook._write() as cur:
        cur.execute("UPDATE meta SET value='99' WHERE key='schema_version'")
    folder = workbook.folder
    workbook.close()
    before = raw_bytes_of(folder)
    with pytest.raises(WorkbookTooNew) as info:
        Workbook.open(folder)
    assert str(info.value) == (
        f"This workbook was written by a newer repairbook (format 99; this one reads up to "
        f"{SCHEMA_VERSION}). Update repairbook to open it; nothing was changed."
    )
    assert raw_bytes_of(folder) == before
    report = check_workbook(folder)
    assert not report.ok
    assert raw_bytes_of(folder) == before


def test_migrations_are_recorded(workbook: Workbook) -> None:
    names = [r[0] for r in workbook._read("SELECT name FROM migrations ORDER BY name")]
    assert names == [name for name, _ in MIGRATIONS]


@pytest.mark.parametrize("private", [False, True])
def test_an_edit_cannot_change_privacy(workbook: Workbook, private: bool) -> None:
    eid = workbook.add(make_checkin("Alex", private=private, note="draft"))
    other = "shared" if private else "private"
    with pytest.raises(StoreError, match="keeps the privacy it was saved with"):
        workbook.update(eid, {"visibility": other, "note": "changed"}, by="Alex")
    assert workbook.version(eid) == 1
    workbook.update(eid, {"note": "changed"}, by="Alex")
    assert [e.note for e in workbook.history(eid, viewer="Alex")] == ["draft", "changed"]  # type: ignore[attr-defined]


def test_a_workbook_is_never_started_in_a_folder_with_other_files(tmp_path: Path) -> None:
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "letter.txt").write_text("mine")
    with pytest.raises(NotAWorkbook, match="already holds other files"):
        Workbook.create(folder, ["Alex", "Sam"])
    assert sorted(p.name for p in folder.iterdir()) == ["letter.txt"]

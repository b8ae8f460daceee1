"""Issue 19 on the couple's page: a passphrase strength hint that never blocks, a
passphrase someone else set (replace it or keep it), changing the passphrase, and one
damaged entry that never hides the others."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from repairbook.content import shared as S
from repairbook.entries import make_entry
from repairbook.store import StoreError, Workbook
from tests.ui_helpers import (
    PASSPHRASES,
    TEST_SCRYPT_N,
    find,
    has,
    make_workbook,
    page_text,
    press,
    shows_friendly_error,
    start_app,
    status_text,
    stored,
    unlock,
)

SET_BY_ALEX = "alex chose this one"


def _sam_set_by_alex(tmp_path: Path, *, sam_private: bool = False) -> Path:
    """Alex has their own passphrase; Alex also set Sam's."""
    path = make_workbook(tmp_path / "wb", passphrases={"Alex": PASSPHRASES["Alex"]})
    wb = Workbook.open(path)
    try:
        wb.set_passphrase("Sam", SET_BY_ALEX, scrypt_n=TEST_SCRYPT_N, set_by="Alex")
        if sam_private:
            wb.add(make_entry("journal", {"text": "sam alone"}, author="Sam", visibility="private"))
    finally:
        wb.close()
    return path


def _opens(path: Path, name: str, passphrase: str) -> bool:
    wb = Workbook.open(path)
    try:
        wb.unlock(name, passphrase)
        return True
    except StoreError:
        return False
    finally:
        wb.close()


def test_hint_follows_what_is_typed_and_never_blocks(tmp_path: Path) -> None:
    path = make_workbook(tmp_path / "wb", passphrases={})
    app = start_app(path, "Alex")
    app.show("private")
    first = find(app, "rb-passphrase1")
    assert find(app, "rb-passphrase-hint").value == ""
    first.value = "password"
    assert "guess" in page_text(find(app, "rb-passphrase-hint"))
    first.value = "copper kettle moonlight harbour"
    assert find(app, "rb-passphrase-hint").value == ""
    # a weak passphrase is still set: the hint is advice only
    first.value = find(app, "rb-passphrase2").value = "password"
    press(app, "rb-passphrase-set")
    assert app.session.has_passphrase() and app.session.unlocked()
    assert _opens(path, "Alex", "password")


def test_set_by_other_asks_on_today_and_private(tmp_path: Path) -> None:
    path = _sam_set_by_alex(tmp_path)
    app = start_app(path, "Sam")
    assert app.current[0] == "today"
    assert "Alex set the passphrase" in page_text(find(app, "rb-claim-today"))
    press(app, "rb-claim-open")
    assert app.current[0] == "private" and has(app, "rb-claim")
    # Alex on their own page is not asked anything
    alex = start_app(path, "Alex")
    assert not has(alex, "rb-claim-today")


def test_claim_replaces_it_with_their_own(tmp_path: Path) -> None:
    path = _sam_set_by_alex(tmp_path)
    app = start_app(path, "Sam")
    app.show("private")
    find(app, "rb-claim-passphrase1").value = "sams very own words"
    find(app, "rb-claim-passphrase2").value = "sams very own wordz"
    press(app, "rb-claim-set")
    assert S.SET_PASSPHRASE_MISMATCH in status_text(app, "rb-claim-status")
    find(app, "rb-claim-passphrase2").value = "sams very own words"
    press(app, "rb-claim-set")
    assert app.session.unlocked() and not has(app, "rb-claim")
    assert _opens(path, "Sam", "sams very own words")
    assert not _opens(path, "Sam", SET_BY_ALEX)
    app.show("today")
    assert not has(app, "rb-claim-today")


def test_keep_needs_the_passphrase(tmp_path: Path) -> None:
    path = _sam_set_by_alex(tmp_path)
    app = start_app(path, "Sam")
    app.show("private")
    find(app, "rb-claim-keep-passphrase").value = "not the one at all"
    press(app, "rb-claim-keep")
    assert status_text(app, "rb-claim-status")  # one sentence, still asked
    assert not app.session.unlocked() and has(app, "rb-claim")
    find(app, "rb-claim-keep-passphrase").value = SET_BY_ALEX
    press(app, "rb-claim-keep")
    assert app.session.unlocked() and not has(app, "rb-claim")
    assert app.session.passphrase_set_by() == ""


def test_claim_is_not_offered_once_private_entries_exist(tmp_path: Path) -> None:
    path = _sam_set_by_alex(tmp_path, sam_private=True)
    app = start_app(path, "Sam")
    app.show("private")
    assert has(app, "rb-claim") and not has(app, "rb-claim-set")
    assert S.PASSPHRASE_CLAIM_HAS_ENTRIES_PAGE in page_text(app)
    assert has(app, "rb-claim-keep")


def test_change_passphrase_reseals_and_says_so(tmp_path: Path) -> None:
    path = make_workbook(tmp_path / "wb")
    app = start_app(path, "Alex")
    unlock(app)
    assert app.session.save("journal", {"text": "only mine"}, visibility="private").ok
    app.show("private")
    cur, n1, n2 = (find(app, f"rb-change-{c}") for c in ("current", "passphrase1", "passphrase2"))
    cur.value = "wrong wrong wrong"
    n1.value = n2.value = "a brand new passphrase"
    press(app, "rb-change-passphrase")
    refused = status_text(app, "rb-change-passphrase-status")
    assert refused and refused != S.PASSPHRASE_CHANGED
    assert n1.value == "a brand new passphrase"
    assert _opens(path, "Alex", PASSPHRASES["Alex"])
    cur.value = PASSPHRASES["Alex"]
    press(app, "rb-change-passphrase")
    assert status_text(app, "rb-change-passphrase-status") == S.PASSPHRASE_CHANGED
    assert not _opens(path, "Alex", PASSPHRASES["Alex"])
    kept = stored(path, "journal", "Alex", "a brand new passphrase")
    assert [e.text for e in kept] == ["only mine"]


@pytest.mark.parametrize("page", ["today", "private"])
def test_one_damaged_entry_is_a_quiet_line(tmp_path: Path, page: str) -> None:
    path = make_workbook(tmp_path / "wb")
    app = start_app(path, "Alex")
    unlock(app)
    app.show(page)
    assert not has(app, "rb-damaged-note")
    wb = Workbook.open(path)
    try:
        sam_hope = wb.list("intention", author="Sam")[0].id
    finally:
        wb.close()
    db = sqlite3.connect(path / "workbook.sqlite")
    with db:
        db.execute("UPDATE entries SET body=? WHERE id=?", (b"{broken", sam_hope))
    db.close()
    app.show(page)
    assert not shows_friendly_error(app)
    note = page_text(find(app, "rb-damaged-note"))
    assert sam_hope in note
    if page == "today":
        assert has(app, "rb-checkin-save")  # the rest of the page is there

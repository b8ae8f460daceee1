"""The paths around the journey on the page (issue 18): taking one's own words back,
agreements both partners shape, promises renegotiated with new terms, going on alone
for now, the summary for a counsellor, the hopes and the next step on Today."""

from __future__ import annotations

from pathlib import Path

from repairbook.content import paths as P
from tests.test_deletion import CANARY, KEEP, _bytes_on_disk, _setup
from tests.ui_helpers import (
    PASSPHRASES,
    find_all,
    page_text,
    press,
    start_app,
    stored,
)


# --- deleting my own words -------------------------------------------------------------------
def test_the_page_deletes_my_own_entry_after_saying_what_happens_to_backups(
    tmp_path: Path,
) -> None:
    path, _, _ = _setup(tmp_path)
    app = start_app(path, "Alex")
    app.session.unlock(PASSPHRASES["Alex"])
    app.show("module", number=13)
    assert len(find_all(app, "rb-delete-open")) == 1  # only on Alex's own lesson, never Sam's
    press(app, "rb-delete-open")
    text = page_text(app)
    assert P.DELETE_BACKUPS in text and P.DELETE_ALSO_BACKUPS in text
    find_all(app, "rb-delete-backups")[0].value = True  # type: ignore[attr-defined]
    press(app, "rb-delete-confirm")
    assert CANARY not in page_text(app)
    assert P.DELETED_WITH_BACKUPS.format(n=1) in page_text(app)
    assert KEEP in page_text(app)
    assert CANARY.encode() not in _bytes_on_disk(path)


def test_keep_it_deletes_nothing_and_the_other_partner_gets_no_delete(tmp_path: Path) -> None:
    path, _, _ = _setup(tmp_path)
    app = start_app(path, "Alex")
    app.session.unlock(PASSPHRASES["Alex"])
    app.show("module", number=13)
    press(app, "rb-delete-open")
    press(app, "rb-delete-cancel")
    assert CANARY in page_text(app)
    assert len(stored(path, "lesson")) == 2
    sam = start_app(path, "Sam")
    sam.show("module", number=13)
    assert len(find_all(sam, "rb-delete-open")) == 1  # Sam's own lesson only


def test_a_private_journal_entry_is_deleted_from_private(tmp_path: Path) -> None:
    path, _, _ = _setup(tmp_path)
    app = start_app(path, "Alex")
    app.session.unlock(PASSPHRASES["Alex"])
    app.show("private")
    assert "private words" in page_text(app)
    press(app, "rb-delete-open")
    assert P.DELETE_BACKUPS in page_text(app)  # the backup made in _setup holds it
    press(app, "rb-delete-confirm")
    assert "private words" not in page_text(app)
    assert stored(path, "journal", "Alex", PASSPHRASES["Alex"]) == []

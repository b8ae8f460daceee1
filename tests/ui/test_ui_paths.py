"""The paths around the journey on the page (issue 18): taking one's own words back,
agreements both partners shape, promises renegotiated with new terms, going on alone
for now, the summary for a counsellor, the hopes and the next step on Today."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from repairbook.content import paths as P
from repairbook.content.modules import MODULES
from repairbook.entries import Intention, make_entry
from tests.couple.test_deletion import CANARY, KEEP, _bytes_on_disk, _setup
from tests.couple.test_summary import (
    MINE,
    MINE_NOT_CHOSEN,
    THEIR_PRIVATE,
    THEIR_SHARED,
    _text,
    _workbook,
)
from tests.ui_helpers import (
    PASSPHRASES,
    add,
    find,
    find_all,
    has,
    history,
    make_workbook,
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


# --- agreements both partners shape ----------------------------------------------------------
SPECIFIC = "We tell each other within 24 hours when an ex gets in touch."
VAGUE = "We will be more honest."


def _agreement(path: Path, text: str) -> str:
    e = make_entry(
        "agreement", {"area": "communication", "text": text, "accepted_by": ["Alex"]}, author="Alex"
    )
    add(path, e)
    return e.id


def test_the_other_partner_declines_with_a_reason_and_proposes_a_change(tmp_path: Path) -> None:
    path = make_workbook(tmp_path / "wb")
    aid = _agreement(path, SPECIFIC)
    alex = start_app(path, "Alex")
    alex.show("module", number=8)
    # the author only withdraws: no accept, decline or proposal on their own wording
    assert not has(alex, "rb-agreement-accept") and not has(alex, "rb-agreement-decline")
    assert has(alex, "rb-agreement-withdraw")
    sam = start_app(path, "Sam")
    sam.show("module", number=8)
    assert not has(sam, "rb-agreement-withdraw")
    press(sam, "rb-agreement-decline")
    press(sam, "rb-agreement-decline-save")  # no reason yet: one sentence, nothing stored
    assert P.AGREEMENT_REASON_NEEDED in page_text(sam)
    assert stored(path, "agreement")[0].status == "open"
    find(sam, "rb-agreement-decline-text").value = "Not 24 hours: the same evening."  # type: ignore[attr-defined]
    press(sam, "rb-agreement-decline-save")
    assert "Declined by Sam: Not 24 hours: the same evening." in page_text(sam)
    alex.show("module", number=8)
    press(alex, "rb-agreement-propose")
    find(alex, "rb-agreement-propose-text").value = "We tell each other the same evening."  # type: ignore[attr-defined]
    press(alex, "rb-agreement-propose-save")
    sam.show("module", number=8)
    press(sam, "rb-agreement-accept")
    text = page_text(sam)
    assert MODULES[8].extra["active"] in text
    assert P.AGREEMENT_HISTORY in text and f"Version 1: “{SPECIFIC}”" in text
    assert len(history(path, aid)) == 4
    alex.show("module", number=8)
    press(alex, "rb-agreement-withdraw")
    assert "Withdrawn by Alex" in page_text(alex)
    assert not has(alex, "rb-agreement-propose")


def test_accepting_a_vague_agreement_asks_once_more(tmp_path: Path) -> None:
    path = make_workbook(tmp_path / "wb")
    _agreement(path, VAGUE)
    sam = start_app(path, "Sam")
    sam.show("module", number=8)
    press(sam, "rb-agreement-accept")
    assert "hard to check" in page_text(sam)
    assert stored(path, "agreement")[0].accepted_by == ["Alex"]  # not yet
    press(sam, "rb-agreement-accept-anyway")
    assert sorted(stored(path, "agreement")[0].accepted_by) == ["Alex", "Sam"]
    assert MODULES[8].extra["active"] in page_text(sam)


# --- promises renegotiated with new terms ---------------------------------------------------
def test_a_promise_is_renegotiated_with_new_text_and_due_time(tmp_path: Path) -> None:
    path = make_workbook(tmp_path / "wb")
    due = datetime.now(UTC) + timedelta(hours=3)
    p = make_entry("promise", {"text": "Call at lunch", "due": due}, author="Alex")
    add(path, p)
    sam = start_app(path, "Sam")
    sam.show("module", number=6)
    assert not has(sam, "rb-promise-renegotiate")  # only its author renegotiates
    app = start_app(path, "Alex")
    app.show("module", number=6)
    press(app, "rb-promise-renegotiate")
    find(app, "rb-promise-new-text").value = "Call after work"  # type: ignore[attr-defined]
    new_due = (datetime.now() + timedelta(days=2)).replace(
        hour=18, minute=30, second=0, microsecond=0
    )
    find(app, "rb-promise-new-due").value = new_due  # type: ignore[attr-defined]
    press(app, "rb-promise-renegotiate-save")
    [kept] = stored(path, "promise")
    assert kept.text == "Call after work" and kept.renegotiated == 1 and kept.status == "open"
    assert kept.due.astimezone(app.session.zone()).replace(tzinfo=None) == new_due
    assert len(history(path, p.id)) == 2
    assert "Renegotiated from “Call at lunch”" in page_text(app)


# --- on my own for now ------------------------------------------------------------------------
def _alone(tmp_path: Path) -> Path:
    """A workbook where Sam never joins: only Alex has been through the welcome."""
    path = make_workbook(tmp_path / "wb", welcomed=False)
    add(path, make_entry("intention", {"hope": "Alex's hope"}, author="Alex"))
    return path


def test_a_partner_whose_partner_never_joins_goes_on_alone(tmp_path: Path) -> None:
    path = _alone(tmp_path)
    app = start_app(path, "Alex")
    assert app.current[0] == "today"
    why = P.SOLO_WHY["not_joined"].format(other="Sam")
    assert why in page_text(find(app, "rb-solo-link"))
    app.show("journey")
    press(app, "rb-open-solo")
    assert app.current[0] == "solo"
    text = page_text(app)
    assert P.SOLO_TITLE in text and why in text and P.SOLO_PRIVATE_NOTE in text
    for _target, line in P.SOLO_ITEMS:
        assert line in text
    press(app, "rb-solo-open-private")
    assert app.current[0] == "private"
    app.show("solo")
    press(app, "rb-solo-open-module-13")
    assert app.current == ("module", {"number": 13})
    assert not has(app, "rb-needs-both")  # lessons can be done alone
    app.show("module", number=4)  # work done alone starts out private
    assert find(app, "rb-reflection-private").value is True  # type: ignore[attr-defined]
    app.show("module", number=8)  # agreements need both: said kindly, with the way on alone
    assert P.SOLO_NEEDS_BOTH in page_text(find(app, "rb-needs-both"))
    press(app, "rb-open-solo")
    assert app.current[0] == "solo"


def test_going_on_alone_is_said_and_undone_by_the_partner_alone(tmp_path: Path) -> None:
    path = make_workbook(tmp_path / "wb")
    app = start_app(path, "Alex")
    assert not has(app, "rb-solo-link")  # both take part: nothing about going alone
    app.show("module", number=8)
    assert not has(app, "rb-needs-both")
    app.show("module", number=4)
    assert find(app, "rb-reflection-private").value is False  # type: ignore[attr-defined]
    app.show("solo")
    press(app, "rb-solo-alone")
    assert P.SOLO_WHY["left"] in page_text(app)
    app.show("today")
    assert P.SOLO_WHY["left"] in page_text(find(app, "rb-solo-link"))
    sam = start_app(path, "Sam")
    assert not has(sam, "rb-solo-link")  # Alex's choice says nothing on Sam's page
    app.show("solo")
    press(app, "rb-solo-together")
    app.show("today")
    assert not has(app, "rb-solo-link")


def test_the_pause_signal_on_progress_leads_to_what_can_be_done_alone(tmp_path: Path) -> None:
    from tests.progress.helpers import _apology, _response

    path = make_workbook(tmp_path / "wb")
    ap = _apology(date.today() - timedelta(days=30))
    add(path, ap, _response(ap, date.today() - timedelta(days=22), False))
    app = start_app(path, "Alex")
    app.show("progress")
    assert has(app, "rb-signal-pause")
    press(app, "rb-signal-pause-solo")
    assert app.current[0] == "solo"


# --- a summary for a counsellor ---------------------------------------------------------------
def _pdf_text(link_html: str, tmp_path: Path, name: str) -> str:
    import base64
    import re

    b64 = re.search(r'href="data:application/pdf;base64,([^"]+)"', link_html)
    assert b64, "no PDF download on the page"
    (tmp_path / name).mkdir()
    pdf = tmp_path / name / "summary.pdf"
    pdf.write_bytes(base64.b64decode(b64.group(1)))
    return _text(pdf, tmp_path / name)


def test_module_15_makes_the_summary_with_what_the_partner_chose_and_asks_the_other(
    tmp_path: Path,
) -> None:
    path, chosen = _workbook(tmp_path)
    app = start_app(path, "Alex")
    app.show("module", number=15)
    text = page_text(find(app, "rb-summary"))
    assert P.SUMMARY_YOURS in text and P.SUMMARY_OTHER_ASK.format(other="Sam") in text
    picks = page_text(find(app, "rb-summary-picks"))
    assert "Alex's hope" in picks and THEIR_SHARED not in picks  # Alex's own entries only
    find(app, f"rb-summary-pick-{chosen}").value = True  # type: ignore[attr-defined]
    press(app, "rb-summary-make")
    first = _pdf_text(find(app, "rb-summary-out").children[0].value, tmp_path, "one")  # type: ignore[attr-defined]
    assert MINE in first and MINE_NOT_CHOSEN not in first
    assert THEIR_SHARED not in first and THEIR_PRIVATE not in first
    press(app, "rb-summary-ask")
    assert P.SUMMARY_ASKED.format(other="Sam") in page_text(app)
    sam = start_app(path, "Sam")  # Sam is asked at their next visit, on Today
    assert P.SUMMARY_CONSENT_TITLE.format(other="Alex") in page_text(sam)
    press(sam, "rb-summary-consent-yes")
    assert P.SUMMARY_CONSENT_SAVED_YES in page_text(sam)
    app.show("module", number=15)
    assert P.SUMMARY_OTHER_AGREED.format(other="Sam") in page_text(app)
    press(app, "rb-summary-make")
    second = _pdf_text(find(app, "rb-summary-out").children[0].value, tmp_path, "two")  # type: ignore[attr-defined]
    assert THEIR_SHARED in second and THEIR_PRIVATE not in second


# --- the hopes come back, and the next step -------------------------------------------------
def test_today_shows_the_next_step_and_the_hopes_and_module_0_keeps_them(tmp_path: Path) -> None:
    path = make_workbook(tmp_path / "wb")
    app = start_app(path, "Alex")
    step = page_text(find(app, "rb-next-step"))
    assert P.NEXT_STEP.format(number=1, title=MODULES[1].title) in step
    hopes = page_text(find(app, "rb-hopes"))  # the first day: the hopes just written
    assert "Alex: “Alex's hope”" in hopes and "Sam: “Sam's hope”" in hopes
    press(app, "rb-open-next-step")
    assert app.current == ("module", {"number": 1})
    add(
        path,
        make_entry("lesson", {"what_went_wrong": "w", "lesson": "l", "habit": "h"}, author="Sam"),
    )
    app.show("module", number=0)
    assert "Sam: “Sam's hope”" in page_text(find(app, "rb-hopes"))
    app.show("journey")
    assert P.NEXT_STEP.format(number=1, title=MODULES[1].title) in page_text(app)


def test_the_hopes_come_back_now_and_then_not_every_day(tmp_path: Path) -> None:
    path = make_workbook(tmp_path / "wb", welcomed=False)
    then = datetime.now().astimezone() - timedelta(days=3)
    for name in ("Alex", "Sam"):
        add(path, Intention(author=name, created=then, updated=then, hope=f"{name}'s hope"))
    yesterday = date.today() - timedelta(days=1)
    add(path, make_entry("checkin", {"day": yesterday, "trust": 5}, author="Alex"))
    app = start_app(path, "Alex")
    assert has(app, "rb-next-step") and not has(app, "rb-hopes")  # day 3, here yesterday


def test_times_on_the_page_are_in_the_couples_zone(tmp_path: Path) -> None:
    path = make_workbook(tmp_path / "wb")
    due = (datetime.now(UTC) + timedelta(days=2)).replace(
        hour=12, minute=0, second=0, microsecond=0
    )
    add(
        path,
        make_entry("settings", {"timezone": "Asia/Kolkata"}, author="Sam"),
        make_entry("promise", {"text": "Walk together", "due": due}, author="Alex"),
    )
    app = start_app(path, "Alex")
    app.show("module", number=6)
    shown = page_text(find(app, "rb-item-promise"))
    assert ", 17:30" in shown  # 12:00 UTC is 17:30 in Kolkata, whatever this machine's zone

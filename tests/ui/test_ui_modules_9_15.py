"""Journey modules 9-15 with real widgets: the contract (versions, signatures, PDF, calendar),
rituals and streaks, processing windows and the private journal, listening, lessons,
forgiveness and outside help."""

from __future__ import annotations

import base64
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

import repairbook.ui as rb
from repairbook.content import shared as S
from repairbook.content.modules import MODULES
from repairbook.entries import make_entry
from tests.ui_helpers import (
    PASSPHRASES,
    add,
    errors,
    find,
    has,
    history,
    make_workbook,
    open_module,
    page_text,
    press,
    set_field,
    status_text,
    stored,
    unlock,
    walk,
)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return make_workbook(tmp_path / "wb")


def data_uri_bytes(html: str) -> bytes:
    m = re.search(r'href="data:[^;]+;base64,([A-Za-z0-9+/=]+)"', html)
    assert m, f"no data URI in {html[:200]!r}"
    return base64.b64decode(m.group(1))


# -- 9. the repair contract ----------------------------------------------------------------


COMMITMENTS = {
    "Alex": [
        "I tell you my plans each evening.",
        "I answer messages within an hour.",
        "I see a counsellor every other week.",
    ],
    "Sam": ["I say when I feel unsafe.", "I ask before I check.", "I keep Friday evenings for us."],
}


def _write_contract(app: rb.App) -> None:
    for i, who in enumerate(("Alex", "Sam"), start=1):
        for k, text in enumerate(COMMITMENTS[who], start=1):
            find(app, f"rb-commitment-{i}-{k}").value = text  # type: ignore[attr-defined]
    find(app, "rb-contract-support").value = "Patience on hard days."  # type: ignore[attr-defined]
    find(app, "rb-contract-breaks").value = "Hiding contact with the ex."  # type: ignore[attr-defined]
    press(app, "rb-contract-save")


def test_m9_contract_signed_versions_pdf_and_calendar(path: Path) -> None:
    x = MODULES[9].extra
    alex = open_module(path, 9)
    revisit = find(alex, "rb-contract-revisit-on").value  # type: ignore[attr-defined]
    assert revisit == date.today() + timedelta(days=30)  # monthly at first, suggested
    _write_contract(alex)
    (c,) = stored(path, "contract")
    assert c.commitments == COMMITMENTS and c.revisit_on == revisit
    assert c.support == "Patience on hard days." and c.breaks == "Hiding contact with the ex."
    shown = page_text(find(alex, "rb-contract-current"))
    assert COMMITMENTS["Sam"][2] in shown
    assert x["unsigned"].format(name="Alex") in shown and x["unsigned"].format(name="Sam") in shown

    # both sign, each with their own action; a signature speaks for its partner, so on
    # the page they share it needs that partner's passphrase first
    press(alex, "rb-contract-sign")
    assert S.PROVE_IT.format(name="Alex") in page_text(alex)
    assert stored(path, "signature") == []
    unlock(alex)
    press(alex, "rb-contract-sign")
    assert not has(alex, "rb-contract-sign")
    sam = open_module(path, 9, "Sam")
    unlock(sam)
    press(sam, "rb-contract-sign")
    sigs = stored(path, "signature")
    assert sorted(s.author for s in sigs) == ["Alex", "Sam"]
    assert {(s.contract_id, s.contract_version) for s in sigs} == {(c.id, 1)}
    assert x["in_effect"] in page_text(find(sam, "rb-contract-current"))

    # the PDF and the calendar come as downloads made from the bytes
    press(sam, "rb-make-pdf")
    links = [h.value for h in find(sam, "rb-downloads").children]  # type: ignore[attr-defined]
    assert (
        len(links) == 1
        and "rb-contract-pdf" in links[0]
        and 'download="repair-contract.pdf"' in links[0]
    )
    assert data_uri_bytes(links[0]).startswith(b"%PDF")
    press(sam, "rb-make-ics")
    links = [h.value for h in find(sam, "rb-downloads").children]  # type: ignore[attr-defined]
    ics = data_uri_bytes(links[-1])
    assert ics.startswith(b"BEGIN:VCALENDAR")
    assert revisit.strftime("%Y%m%d").encode() in ics

    # a change makes version 2, which nobody has signed yet; version 1 stays readable
    editor = find(sam, "rb-contract-editor")
    assert editor.layout.display == "none"  # behind its button until wanted
    press(sam, "rb-contract-change")
    assert editor.layout.display is None
    assert find(sam, "rb-commitment-2-3").value == COMMITMENTS["Sam"][2]  # type: ignore[attr-defined]
    find(sam, "rb-commitment-2-3").value = "I keep Saturday mornings for us."  # type: ignore[attr-defined]
    press(sam, "rb-contract-save")
    (c2,) = stored(path, "contract")
    assert c2.id == c.id and c2.commitments["Sam"][2] == "I keep Saturday mornings for us."
    assert len(history(path, c.id)) == 2
    assert [s for s in stored(path, "signature") if s.contract_version == 2] == []
    current = page_text(find(sam, "rb-contract-current"))
    assert x["version_label"].format(n=2) in current
    assert x["unsigned"].format(name="Sam") in current and x["in_effect"] not in current
    versions = page_text(find(sam, "rb-contract-versions"))
    assert COMMITMENTS["Sam"][2] in versions and "I keep Saturday mornings for us." in versions
    press(sam, "rb-contract-sign")
    v2 = [s for s in stored(path, "signature") if s.contract_version == 2]
    assert [s.author for s in v2] == ["Sam"]


def test_m9_a_new_version_keeps_the_chosen_revisit_date(path: Path) -> None:
    app = open_module(path, 9)
    chosen = date.today() + timedelta(days=45)
    find(app, "rb-contract-revisit-on").value = chosen  # type: ignore[attr-defined]
    _write_contract(app)
    press(app, "rb-contract-change")
    assert find(app, "rb-contract-revisit-on").value == chosen  # type: ignore[attr-defined]
    find(app, "rb-commitment-1-1").value = "I tell you my plans each morning."  # type: ignore[attr-defined]
    press(app, "rb-contract-save")
    (c,) = stored(path, "contract")
    assert c.commitments["Alex"][0] == "I tell you my plans each morning."
    assert c.revisit_on == chosen


def test_m9_an_incomplete_contract_says_why_and_keeps_the_text(path: Path) -> None:
    app = open_module(path, 9)
    find(app, "rb-commitment-1-1").value = "Only one commitment"  # type: ignore[attr-defined]
    find(app, "rb-contract-support").value = "Kindness"  # type: ignore[attr-defined]
    find(app, "rb-contract-breaks").value = "Lies"  # type: ignore[attr-defined]
    press(app, "rb-contract-save")
    assert stored(path, "contract") == []
    assert page_text(find(app, "rb-contract-editor").children[-2]).strip()  # the error line
    assert "alert" in find(app, "rb-contract-status").value  # type: ignore[attr-defined]
    assert find(app, "rb-commitment-1-1").value == "Only one commitment"  # type: ignore[attr-defined]
    # no contract yet: no PDF button, the calendar still works
    assert not has(app, "rb-make-pdf") and has(app, "rb-make-ics")


# -- 10. connection rituals ----------------------------------------------------------------------


def test_m10_rituals_saved_and_streaks(path: Path) -> None:
    x = MODULES[10].extra
    today = date.today()
    # two earlier days of the daily act of care, so today's makes three in a row
    add(
        path,
        *(
            make_entry(
                "ritual",
                {"ritual": "care_act", "day": today - timedelta(days=d), "note": f"earlier {d}"},
                author="Sam",
            )
            for d in (1, 2)
        ),
    )
    app = open_module(path, 10)
    care = find(app, "rb-form-ritual-care-act")
    set_field(care, "note", "Made you coffee before work.")
    press(app, "rb-ritual-care-act-save")
    chk = find(app, "rb-form-ritual-repair-checkin")
    set_field(chk, "minutes", "25")
    set_field(chk, "facts", "Two late evenings, both with a message.")
    set_field(chk, "feelings", "Calmer than last week.")
    set_field(chk, "progress", "We talked without raising voices.")
    press(app, "rb-ritual-repair-checkin-save")
    set_field(find(app, "rb-form-ritual-fun-date"), "note", "Board games at the cafe.")
    press(app, "rb-ritual-fun-date-save")
    set_field(
        find(app, "rb-form-ritual-public-support"), "note", "I kept our business private at dinner."
    )
    press(app, "rb-ritual-public-support-save")
    mine = {r.ritual: r for r in stored(path, "ritual") if r.author == "Alex"}
    assert set(mine) == {"care_act", "repair_checkin", "fun_date", "public_support"}
    assert all(r.day == today for r in mine.values())
    assert mine["care_act"].note == "Made you coffee before work."
    rc = mine["repair_checkin"]
    assert (rc.minutes, rc.facts, rc.feelings, rc.progress) == (
        25,
        "Two late evenings, both with a message.",
        "Calmer than last week.",
        "We talked without raising voices.",
    )
    streaks = page_text(find(app, "rb-streaks"))
    assert x["streak"].format(n=3) in streaks
    assert x["care_act"] in streaks and x["fun_date"] in streaks
    assert "Board games at the cafe." in page_text(find(app, "rb-list-ritual"))
    assert x["fun_ideas_title"] in page_text(app)


def test_m10_a_gap_is_welcomed_back_not_scolded(path: Path) -> None:
    add(
        path,
        make_entry(
            "ritual", {"ritual": "care_act", "day": date.today() - timedelta(days=9)}, author="Alex"
        ),
    )
    app = open_module(path, 10)
    streaks = page_text(find(app, "rb-streaks"))
    assert MODULES[10].extra["welcome_back"] in streaks
    assert "broke" not in streaks.lower() and "missed" not in streaks.lower()


# -- 11. processing the past ------------------------------------------------------------------


def test_m11_window_saved_inside_and_outside(path: Path) -> None:
    x = MODULES[11].extra
    app = open_module(path, 11)
    assert x["outside_window"] in page_text(app)
    assert not has(app, "rb-open-conversation")
    start = (datetime.now() + timedelta(days=2)).replace(hour=19, minute=0, second=0, microsecond=0)
    set_field(app, "starts_at", start)
    set_field(app, "minutes", 30)
    set_field(app, "weekly", True)
    press(app, "rb-window-save")
    (win,) = stored(path, "processing_window")
    assert win.starts_at == start.astimezone() and win.minutes == 30 and win.weekly
    assert x["next_window"].split("{")[0] in page_text(app)
    press(app, "rb-open-grounding")
    assert app.current == ("module", {"number": 7})

    # a window that began ten minutes ago: the page says it is time to talk
    add(
        path,
        make_entry(
            "processing_window",
            {
                "starts_at": datetime.now(UTC) - timedelta(minutes=10),
                "minutes": 45,
                "weekly": False,
            },
            author="Sam",
        ),
    )
    app = open_module(path, 11)
    assert x["inside_window"] in page_text(app)
    press(app, "rb-open-conversation")
    assert app.current == ("module", {"number": 2})


def test_m11_journal_is_private_and_encrypted(path: Path) -> None:
    words = "orchid-umbrella I keep replaying that night"
    app = open_module(path, 11)
    journal = find(app, "rb-journal")
    assert has(journal, "rb-unlock-passphrase") and not has(journal, "rb-journal-save")
    find(app, "rb-unlock-passphrase").value = "not the passphrase"  # type: ignore[attr-defined]
    press(app, "rb-unlock")
    assert status_text(app, "rb-unlock-status")
    assert not app.session.unlocked()
    find(app, "rb-unlock-passphrase").value = PASSPHRASES["Alex"]  # type: ignore[attr-defined]
    press(app, "rb-unlock")
    assert app.session.unlocked()
    set_field(find(app, "rb-journal"), "text", words)
    press(app, "rb-journal-save")
    assert stored(path, "journal") == []
    (j,) = stored(path, "journal", viewer="Alex", passphrase=PASSPHRASES["Alex"])
    assert j.text == words and j.visibility == "private"
    assert words in page_text(find(app, "rb-list-journal"))
    for f in path.iterdir():
        if f.is_file():
            assert words.encode() not in f.read_bytes(), f.name
    sam = open_module(path, 11, "Sam")
    unlock(sam)
    assert words not in page_text(sam)


def test_m11_journal_without_a_passphrase_says_how(tmp_path: Path) -> None:
    path = make_workbook(tmp_path / "wb", passphrases={})
    app = open_module(path, 11)
    assert not has(app, "rb-journal-save")
    from repairbook.content import shared as S

    assert S.NO_PASSPHRASE_PAGE in page_text(app)


# -- 12. listening practice -------------------------------------------------------------------


def test_m12_listening_round_and_swap(path: Path) -> None:
    x = MODULES[12].extra
    app = open_module(path, 12)
    assert x["speaker_turn"].format(name="Alex") in page_text(app)
    set_field(app, "speaker_text", "I get scared when the phone goes face down.")
    set_field(app, "paraphrase", "You feel afraid when my phone is hidden.")
    set_field(app, "heard", 4)
    set_field(app, "missed", "That it is about the past too.")
    press(app, "rb-listening-save")
    (r,) = stored(path, "listening_round")
    assert (r.speaker, r.listener, r.heard) == ("Alex", "Sam", 4)
    assert r.speaker_text == "I get scared when the phone goes face down."
    assert r.paraphrase == "You feel afraid when my phone is hidden."
    assert r.missed == "That it is about the past too."
    assert "4/5" in page_text(find(app, "rb-list-listening-round"))
    press(app, "rb-listening-swap")
    assert x["speaker_turn"].format(name="Sam") in page_text(app)
    set_field(app, "speaker_text", "I want us to plan weekends together.")
    set_field(app, "paraphrase", "You would like to decide weekends as a pair.")
    set_field(app, "heard", 5)
    press(app, "rb-listening-save")
    second = [e for e in stored(path, "listening_round") if e.id != r.id]
    assert [(e.speaker, e.listener, e.heard) for e in second] == [("Sam", "Alex", 5)]
    assert x["speaker_turn"].format(name="Sam") in page_text(app)  # the turn stays after saving


def test_m12_heard_is_one_to_five(path: Path) -> None:
    app = open_module(path, 12)
    heard = find(app, "rb-f-heard")
    values = [v for _label, v in heard.options]  # type: ignore[attr-defined]
    assert values[1:] == [1, 2, 3, 4, 5]  # after "not answered"


# -- 13. lessons and habits ---------------------------------------------------------------------


def test_m13_lesson_becomes_a_promise_and_a_ritual(path: Path) -> None:
    x = MODULES[13].extra
    app = open_module(path, 13)
    set_field(app, "what_went_wrong", "We let small worries pile up.")
    set_field(app, "lesson", "Small things said early stay small.")
    set_field(app, "habit", "Name one worry at dinner each day.")
    press(app, "rb-lesson-save")
    (lesson,) = stored(path, "lesson")
    assert lesson.habit == "Name one worry at dinner each day."
    press(app, "rb-lesson-promise")
    assert x["made_promise"] in status_text(app, "rb-lesson-" + lesson.id[:8] + "-status")
    (p,) = stored(path, "promise")
    assert p.text == lesson.habit and p.status == "open" and p.author == "Alex"
    assert p.due > datetime.now(UTC)
    press(app, "rb-lesson-ritual")
    assert x["made_ritual"] in status_text(app, "rb-lesson-" + lesson.id[:8] + "-status")
    (r,) = stored(path, "ritual")
    assert r.note == lesson.habit and r.day == date.today()


def test_m13_an_empty_lesson_shows_messages(path: Path) -> None:
    app = open_module(path, 13)
    set_field(app, "lesson", "Kept")
    press(app, "rb-lesson-save")
    assert stored(path, "lesson") == []
    assert {"what_went_wrong", "habit"} <= set(errors(app))
    assert find(app, "rb-f-lesson").value == "Kept"  # type: ignore[attr-defined]


# -- 14. forgiveness, when ready ------------------------------------------------------------------


def _checkins(path: Path, author: str, safety: int, days: int = 5) -> None:
    add(
        path,
        *(
            make_entry(
                "checkin",
                {
                    "day": date.today() - timedelta(days=d),
                    "trust": 5,
                    "safety": safety,
                    "connection": 5,
                    "honest": True,
                    "affection": 1,
                    "same_argument": False,
                    "urge_to_check": 3,
                },
                author=author,
            )
            for d in range(days)
        ),
    )


def test_m14_forgiveness_reflection_is_private(path: Path) -> None:
    app = open_module(path, 14)
    assert has(app, "rb-unlock-passphrase")
    unlock(app)
    set_field(app, "readiness", 3)
    set_field(app, "text", "quince-harbor not yet, and that is all right")
    press(app, "rb-forgiveness-save")
    assert stored(path, "forgiveness_reflection") == []
    (f,) = stored(path, "forgiveness_reflection", viewer="Alex", passphrase=PASSPHRASES["Alex"])
    assert f.readiness == 3 and f.visibility == "private"
    assert "quince-harbor" in page_text(find(app, "rb-list-forgiveness-reflection"))
    assert b"quince-harbor" not in (path / "workbook.sqlite").read_bytes()
    sam = open_module(path, 14, "Sam")
    unlock(sam)
    assert "quince-harbor" not in page_text(sam)


def test_m14_gentle_note_when_recent_safety_is_low(path: Path) -> None:
    _checkins(path, "Alex", safety=2)
    _checkins(path, "Sam", safety=9)
    alex = open_module(path, 14)
    assert has(alex, "rb-safety-low")
    assert MODULES[14].extra["safety_low"] in page_text(alex)
    # it is about the author's own felt safety: Sam's is high, Sam sees no such note
    assert not has(open_module(path, 14, "Sam"), "rb-safety-low")


def test_m14_no_note_when_safety_is_high_or_unknown(path: Path) -> None:
    assert not has(open_module(path, 14), "rb-safety-low")
    _checkins(path, "Alex", safety=8)
    assert not has(open_module(path, 14), "rb-safety-low")


# -- 15. getting outside help ----------------------------------------------------------------------


def test_m15_resources_saved_and_listed(path: Path) -> None:
    x = MODULES[15].extra
    app = open_module(path, 15)
    assert x["resources_empty"] in page_text(find(app, "rb-list-resource"))
    set_field(app, "name", "Riverside Couples Clinic")
    set_field(app, "role", "couples_therapist")
    set_field(app, "phone", "+44 20 7946 0000")
    set_field(app, "web", "https://example.org/clinic")
    set_field(app, "note", "Evening sessions on Thursdays.")
    press(app, "rb-resource-save")
    (r,) = stored(path, "resource")
    assert (r.name, r.role, r.phone, r.web, r.note) == (
        "Riverside Couples Clinic",
        "couples_therapist",
        "+44 20 7946 0000",
        "https://example.org/clinic",
        "Evening sessions on Thursdays.",
    )
    listing = page_text(find(app, "rb-list-resource"))
    assert "Riverside Couples Clinic" in listing and "+44 20 7946 0000" in listing
    assert x["role_couples_therapist"] in listing
    assert x["not_therapy"].split(".")[0] in page_text(app)
    # the other partner sees it too
    assert "Riverside Couples Clinic" in page_text(open_module(path, 15, "Sam"))


def test_m15_a_resource_needs_a_name(path: Path) -> None:
    app = open_module(path, 15)
    set_field(app, "phone", "0800 000 000")
    press(app, "rb-resource-save")
    assert stored(path, "resource") == []
    assert "name" in errors(app)
    assert find(app, "rb-f-phone").value == "0800 000 000"  # type: ignore[attr-defined]


def test_m10_rhythm_times_chosen_by_either_partner_and_carried_to_the_calendar(path: Path) -> None:
    from icalendar import Calendar

    app = open_module(path, 10)
    form = find(app, "rb-form-rhythms")
    set_field(form, "timezone", "Mars/Olympus")
    press(app, "rb-rhythms-save")
    assert "not a time zone" in errors(app).get("timezone", "")
    assert stored(path, "settings") == []
    form = find(app, "rb-form-rhythms")
    set_field(form, "timezone", "Europe/Berlin")
    set_field(form, "checkin_time", "21:15")
    set_field(form, "repair_checkin_day", "wed")
    press(app, "rb-rhythms-save")
    (s,) = stored(path, "settings")
    assert (s.timezone, s.checkin_time, s.repair_checkin_day) == ("Europe/Berlin", "21:15", "wed")
    # the other partner changes a time: a new version of the same settings
    app = open_module(path, 10, partner="Sam")
    set_field(find(app, "rb-form-rhythms"), "fun_date_time", "18:45")
    press(app, "rb-rhythms-save")
    (s,) = stored(path, "settings")
    assert s.fun_date_time == "18:45" and s.checkin_time == "21:15"
    press(app, "rb-rhythms-make-ics")
    html = " ".join(
        w_.value
        for w_ in walk(find(app, "rb-form-rhythms"))
        if isinstance(getattr(w_, "value", None), str)
    )
    cal = Calendar.from_ical(data_uri_bytes(html))
    starts = [ev.get("dtstart").dt for ev in cal.walk("VEVENT")]
    assert any(d.hour == 21 and d.minute == 15 for d in starts)
    assert any(d.hour == 18 and d.minute == 45 for d in starts)

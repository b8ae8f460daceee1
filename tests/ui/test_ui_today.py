"""Today with real widgets: the daily check-in (under eight interactions, editable, messages
next to the field, private notes into the journal), what is due, and the code word."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import ipywidgets as w
import pytest

from repairbook.content import shared as S
from repairbook.content.modules import MODULES
from repairbook.entries import make_entry
from repairbook.ui import App
from tests.ui_helpers import (
    PASSPHRASES,
    add,
    errors,
    find,
    find_all,
    has,
    history,
    make_workbook,
    page_text,
    press,
    start_app,
    status_text,
    stored,
    unlock,
)

NOTE = "Walked the dog together, it felt easy."


def today_app(path: Path, partner: str = "Alex") -> App:
    app = start_app(path, partner)
    press(app, "rb-nav-today")
    assert app.current[0] == "today"
    return app


class Counter:
    """Counts what a person does on the page: each value set and each button pressed."""

    def __init__(self, app: App):
        self.app = app
        self.n = 0

    def set(self, field: str, value: Any) -> None:
        find(self.app, f"rb-f-{field}").value = value  # type: ignore[attr-defined]
        self.n += 1

    def press(self, cls: str) -> None:
        press(self.app, cls)
        self.n += 1


def _fill(c: Counter, **over: Any) -> dict[str, Any]:
    values = {
        "trust": 7,
        "safety": 4,
        "connection": 8,
        "honest": True,
        "same_argument": False,
        "affection": 3,
        "urge_to_check": 2,
    }
    values.update(over)
    for k, v in values.items():
        c.set(k, v)
    return values


def test_checkin_in_at_most_eight_interactions(tmp_path: Path) -> None:
    path = make_workbook(tmp_path / "wb")
    app = today_app(path)
    c = Counter(app)
    values = _fill(c)
    c.press("rb-checkin-save")
    assert c.n <= 8
    (ci,) = stored(path, "checkin")
    assert ci.author == "Alex" and ci.visibility == "shared"
    assert ci.day == date.today()
    for k, v in values.items():
        assert getattr(ci, k) == v, k
    assert ci.note == ""
    assert S.CHECKIN_SAVED in status_text(app, "rb-checkin-status")
    assert find(app, "rb-checkin-save").description == S.CHECKIN_EDIT  # type: ignore[attr-defined]
    # the sliders show the numbers and what their ends mean
    trust = find(app, "rb-f-trust")
    assert isinstance(trust, w.SelectionSlider) and trust.readout
    assert [label for label, _v in trust.options][1:] == [str(i) for i in range(11)]
    assert has(find(app, "rb-field-trust"), "rb-ends")


def test_saving_again_edits_todays_checkin(tmp_path: Path) -> None:
    path = make_workbook(tmp_path / "wb")
    app = today_app(path)
    c = Counter(app)
    _fill(c)
    c.press("rb-checkin-save")
    # later that day the page is opened again: it opens with today's check-in
    app = today_app(path)
    assert find(app, "rb-f-trust").value == 7  # type: ignore[attr-defined]
    assert S.CHECKIN_EDIT_INTRO in page_text(app)
    find(app, "rb-f-trust").value = 9  # type: ignore[attr-defined]
    press(app, "rb-checkin-save")
    (ci,) = stored(path, "checkin")
    assert ci.trust == 9 and ci.safety == 4
    versions = history(path, ci.id)
    assert [v.trust for v in versions] == [7, 9]
    # and a third save on the same page edits the same one again
    find(app, "rb-f-safety").value = 6  # type: ignore[attr-defined]
    press(app, "rb-checkin-save")
    (ci,) = stored(path, "checkin")
    assert ci.safety == 6 and len(history(path, ci.id)) == 3


def test_an_unanswered_question_is_stored_as_null_and_says_so(
    tmp_path: Path,
) -> None:
    """Unanswered is not a number: every rating starts unanswered and says so; an item
    left alone is stored as null, never as 5 or 0, and the rest is kept as typed."""
    path = make_workbook(tmp_path / "wb")
    app = today_app(path)
    for k in ("trust", "safety", "connection", "urge_to_check", "affection"):
        ctl = find(app, f"rb-f-{k}")
        assert ctl.options[ctl.index][0] == S.RATING_UNANSWERED, k  # type: ignore[attr-defined]
    # nothing answered at all: refused with a sentence, nothing stored, the note kept
    find(app, "rb-f-note").value = NOTE  # type: ignore[attr-defined]
    press(app, "rb-checkin-save")
    assert stored(path, "checkin") == []
    assert "at least one question" in find(app, "rb-checkin-status").value  # type: ignore[attr-defined]
    assert find(app, "rb-f-note").value == NOTE  # type: ignore[attr-defined]
    find(app, "rb-f-trust").value = 3  # type: ignore[attr-defined]
    find(app, "rb-f-affection").value = 5  # type: ignore[attr-defined]
    find(app, "rb-f-same_argument").value = True  # type: ignore[attr-defined]
    # "honest", safety, connection and the urge are left unanswered
    press(app, "rb-checkin-save")
    (ci,) = stored(path, "checkin")
    assert (ci.trust, ci.affection, ci.same_argument, ci.note) == (3, 5, True, NOTE)
    assert (ci.honest, ci.safety, ci.connection, ci.urge_to_check) == (None, None, None, None)
    assert errors(app) == {}
    # answering one later and saving again keeps the others as they were
    find(app, "rb-f-honest").value = False  # type: ignore[attr-defined]
    press(app, "rb-checkin-save")
    (ci,) = stored(path, "checkin")
    assert ci.honest is False and ci.note == NOTE and ci.trust == 3 and ci.safety is None


def test_affection_count_cannot_go_out_of_range(tmp_path: Path) -> None:
    app = today_app(make_workbook(tmp_path / "wb"))
    box = find(app, "rb-f-affection")
    values = [v for _label, v in box.options]  # type: ignore[attr-defined]
    assert values[1:] == list(range(101))  # 0 to 100, nothing else can be chosen
    for bad in (500, -3):
        with pytest.raises(Exception):  # noqa: B017, PT011 - the control refuses it
            box.value = bad  # type: ignore[attr-defined]


def test_a_private_note_goes_to_the_journal_not_the_checkin(tmp_path: Path) -> None:
    path = make_workbook(tmp_path / "wb")
    secret = "zebra-lantern only for me"
    app = today_app(path)
    c = Counter(app)
    _fill(c)
    find(app, "rb-f-note").value = secret  # type: ignore[attr-defined]
    find(app, "rb-checkin-note-private").value = True  # type: ignore[attr-defined]
    press(app, "rb-checkin-save")
    # locked: asked to open the private pages first, nothing stored, nothing lost
    assert S.UNLOCK_FIRST_FOR_PRIVATE in status_text(app, "rb-checkin-status")
    assert stored(path, "checkin") == []
    assert find(app, "rb-f-note").value == secret  # type: ignore[attr-defined]
    app.session.unlock(PASSPHRASES["Alex"])
    press(app, "rb-checkin-save")
    assert S.CHECKIN_SAVED_PRIVATE_NOTE in status_text(app, "rb-checkin-status")
    (ci,) = stored(path, "checkin")
    assert ci.note == "" and ci.visibility == "shared"
    assert stored(path, "journal") == []  # not readable without Alex's passphrase
    (j,) = stored(path, "journal", viewer="Alex", passphrase=PASSPHRASES["Alex"])
    assert j.text == secret and j.visibility == "private" and j.day == date.today()
    assert secret.encode() not in (path / "workbook.sqlite").read_bytes()
    wal = path / "workbook.sqlite-wal"
    assert not wal.exists() or secret.encode() not in wal.read_bytes()
    assert find(app, "rb-f-note").value == ""  # type: ignore[attr-defined]
    # Sam never sees it
    sam = today_app(path, "Sam")
    unlock(sam)
    assert secret not in page_text(sam)


def test_private_note_box_says_a_passphrase_is_needed(tmp_path: Path) -> None:
    app = today_app(make_workbook(tmp_path / "wb", passphrases={}))
    box = find(app, "rb-checkin-note-private")
    assert box.disabled  # type: ignore[attr-defined]
    assert box.description == S.NOTE_PRIVATE_NEEDS_PASSPHRASE  # type: ignore[attr-defined]


def test_due_and_overdue_promises_show_on_today(tmp_path: Path) -> None:
    path = make_workbook(tmp_path / "wb")
    now = datetime.now(UTC)
    # later today, also in the last half hour of a day (the page's "today" is local)
    local_now = now.astimezone()
    end_of_day = local_now.replace(hour=23, minute=59, second=59, microsecond=0)
    soon_due = now + min(timedelta(minutes=30), (end_of_day - local_now) / 2)
    soon = make_entry(
        "promise",
        {"text": "Text when I leave work", "due": soon_due},
        author="Sam",
    )
    late = make_entry(
        "promise",
        {"text": "Call the bank together", "due": now - timedelta(days=1)},
        author="Alex",
        now=now - timedelta(days=2),
    )
    later = make_entry(
        "promise", {"text": "Plan the summer trip", "due": now + timedelta(days=5)}, author="Alex"
    )
    add(path, soon, late, later)
    app = today_app(path)
    due = page_text(find(app, "rb-list-due"))
    assert "Text when I leave work" in due and "Call the bank together" in due
    assert "Plan the summer trip" not in due
    assert MODULES[6].extra["overdue"] in due
    assert S.NOTHING_DUE not in due
    # one button per due promise Alex made (only its author marks a promise); it opens
    # the promises module. Sam's promise is listed without a button Alex cannot use.
    buttons = find_all(app, "rb-due-open-promises")
    assert len(buttons) == 1
    rows = [r for r in find_all(app, "rb-item") if "Text when I leave work" in page_text(r)]
    assert rows and not any(has(r, "rb-due-open-promises") for r in rows)
    buttons[0].click()  # type: ignore[attr-defined]
    assert app.current == ("module", {"number": 6})


def test_nothing_due_says_so(tmp_path: Path) -> None:
    app = today_app(make_workbook(tmp_path / "wb"))
    text = page_text(find(app, "rb-list-due"))
    # the daily act of care is always offered; no promise is listed
    assert "Text when" not in text
    assert not has(app, "rb-codeword-use")


def test_code_word_button_logs_its_use(tmp_path: Path) -> None:
    path = make_workbook(tmp_path / "wb")
    add(path, make_entry("code_word", {"word": "lighthouse", "reassurance": "a hug"}, author="Sam"))
    app = today_app(path)
    btn = find(app, "rb-codeword-use")
    assert "lighthouse" in btn.description  # type: ignore[attr-defined]
    press(app, "rb-codeword-use")
    (use,) = stored(path, "code_word_use")
    assert use.author == "Alex"
    assert MODULES[7].extra["code_word_logged"] in status_text(app, "rb-codeword-status")


def test_the_days_prompt_and_greeting(tmp_path: Path) -> None:
    path = make_workbook(tmp_path / "wb")
    app = today_app(path)
    prompt = page_text(find(app, "rb-prompt"))
    assert app.session.prompt_of_the_day() in prompt
    assert "Alex" in page_text(app._page_widget)

"""First run and module 0 with real widgets: set-up, the passphrase step, the hope, the private
safety screen, and that the answers change nothing on the other partner's pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from repairbook.content import shared as S
from repairbook.content.messages import PASSPHRASE_SHORT
from repairbook.content.modules import MODULES
from repairbook.entries import make_entry
from repairbook.store import Workbook
from repairbook.ui import App
from tests.ui_helpers import (
    find,
    has,
    page_text,
    press,
    stable_text,
    start_app,
    status_text,
    stored,
)

X = MODULES[0].extra
ALEX_PHRASE = "alex welcome passphrase"
HOPE = "That we can talk about hard things without it turning into a fight."
NO_ANSWERS = {
    "afraid": False,
    "threatened": False,
    "controlled": False,
    "hurt": False,
    "betrayal_or_addiction": False,
}


def setup(path: Path, names: tuple[str, str] = ("Alex", "Sam")) -> App:
    app = start_app(path)
    assert app.current[0] == "setup"
    find(app, "rb-setup-name1").value = names[0]  # type: ignore[attr-defined]
    find(app, "rb-setup-name2").value = names[1]  # type: ignore[attr-defined]
    press(app, "rb-setup-create")
    return app


def to_screen(app: App, passphrase: str | None = ALEX_PHRASE, hope: str = HOPE) -> None:
    """From 'please step away' through the passphrase and the hope to the safety screen."""
    press(app, "rb-welcome-start")
    if passphrase:
        find(app, "rb-passphrase1").value = passphrase  # type: ignore[attr-defined]
        find(app, "rb-passphrase2").value = passphrase  # type: ignore[attr-defined]
        press(app, "rb-passphrase-set")
    else:
        press(app, "rb-passphrase-skip")
    find(app, "rb-f-hope").value = hope  # type: ignore[attr-defined]
    press(app, "rb-hope-save")
    assert has(app, "rb-screen-save")


def answer_screen(app: App, answers: dict[str, bool]) -> None:
    for q, v in answers.items():
        find(app, f"rb-screen-{q}").value = v  # type: ignore[attr-defined]
    press(app, "rb-screen-save")


# -- set-up ---------------------------------------------------------------------------------


def test_setup_with_two_names_creates_the_workbook(tmp_path: Path) -> None:
    path = tmp_path / "ours"
    app = setup(path, ("Robin", "Kai"))
    assert (path / "workbook.sqlite").exists()
    wb = Workbook.open(path)
    try:
        assert wb.partners == ["Robin", "Kai"]
        assert not wb.has_passphrase("Robin")
    finally:
        wb.close()
    assert app.current[0] == "welcome"
    assert "Robin & Kai" in page_text(find(app, "rb-brand"))
    assert X["step_away"].format(other="Kai", name="Robin") in page_text(app)
    assert app.nav_box.layout.display is None  # navigation appears once there is a workbook


@pytest.mark.parametrize("names", [("Robin", ""), ("", ""), ("Robin", "robin")])
def test_setup_needs_two_different_names(tmp_path: Path, names: tuple[str, str]) -> None:
    path = tmp_path / "ours"
    app = start_app(path)
    find(app, "rb-setup-name1").value = names[0]  # type: ignore[attr-defined]
    find(app, "rb-setup-name2").value = names[1]  # type: ignore[attr-defined]
    press(app, "rb-setup-create")
    assert S.SETUP_NAMES_NEEDED in status_text(app, "rb-setup-status")
    assert not (path / "workbook.sqlite").exists()
    assert find(app, "rb-setup-name1").value == names[0]  # type: ignore[attr-defined]
    assert app.current[0] == "setup"


# -- the passphrase step ----------------------------------------------------------------------


def test_passphrase_step_mismatch_short_and_success(tmp_path: Path) -> None:
    path = tmp_path / "wb"
    app = setup(path)
    press(app, "rb-welcome-start")
    assert X["passphrase_warning"] in page_text(app)  # a forgotten passphrase cannot be recovered

    find(app, "rb-passphrase1").value = "one long passphrase"  # type: ignore[attr-defined]
    find(app, "rb-passphrase2").value = "another long passphrase"  # type: ignore[attr-defined]
    press(app, "rb-passphrase-set")
    assert S.SET_PASSPHRASE_MISMATCH in status_text(app, "rb-passphrase-status")
    assert not app.session.has_passphrase()

    find(app, "rb-passphrase1").value = "short"  # type: ignore[attr-defined]
    find(app, "rb-passphrase2").value = "short"  # type: ignore[attr-defined]
    press(app, "rb-passphrase-set")
    assert PASSPHRASE_SHORT in status_text(app, "rb-passphrase-status")
    assert not app.session.has_passphrase()

    find(app, "rb-passphrase1").value = ALEX_PHRASE  # type: ignore[attr-defined]
    find(app, "rb-passphrase2").value = ALEX_PHRASE  # type: ignore[attr-defined]
    press(app, "rb-passphrase-set")
    assert app.session.has_passphrase() and app.session.unlocked()
    assert has(app, "rb-hope-save")  # on to the next step
    assert ALEX_PHRASE not in page_text(app)  # the passphrase does not stay in the page
    wb = Workbook.open(path)
    try:
        assert wb.has_passphrase("Alex") and not wb.has_passphrase("Sam")
        wb.unlock("Alex", ALEX_PHRASE)  # the one that was typed works
    finally:
        wb.close()


def test_hope_is_saved_as_a_shared_intention(tmp_path: Path) -> None:
    path = tmp_path / "wb"
    app = setup(path)
    to_screen(app, passphrase=None)
    (intent,) = stored(path, "intention")
    assert intent.author == "Alex" and intent.hope == HOPE and intent.visibility == "shared"


def test_an_empty_hope_is_asked_for_again(tmp_path: Path) -> None:
    path = tmp_path / "wb"
    app = setup(path)
    press(app, "rb-welcome-start")
    press(app, "rb-passphrase-skip")
    press(app, "rb-hope-save")
    assert stored(path, "intention") == []
    assert has(app, "rb-hope-save")
    assert page_text(find(app, "rb-error-hope")).strip()


# -- the safety screen ------------------------------------------------------------------------


def test_all_no_stores_a_private_screen_and_shows_the_all_clear(tmp_path: Path) -> None:
    path = tmp_path / "wb"
    app = setup(path)
    to_screen(app)
    answer_screen(app, NO_ANSWERS)
    assert X["all_clear"] in page_text(app)
    assert not has(app, "rb-safety")
    assert stored(path, "safety_screen") == []  # nobody without the passphrase can read it
    (screen,) = stored(path, "safety_screen", viewer="Alex", passphrase=ALEX_PHRASE)
    assert screen.visibility == "private" and screen.author == "Alex"
    assert {q: getattr(screen, q) for q in NO_ANSWERS} == NO_ANSWERS
    # the next step hands over to Sam
    press(app, "rb-welcome-handover")
    assert app.session.me == "Sam" and not app.session.unlocked()
    assert X["step_away"].format(other="Alex", name="Sam") in page_text(app)


def test_the_screen_asks_for_every_answer(tmp_path: Path) -> None:
    path = tmp_path / "wb"
    app = setup(path)
    to_screen(app)
    answer_screen(app, {"afraid": False, "threatened": False})
    assert S.SCREEN_ANSWER_ALL in status_text(app, "rb-screen-status")
    assert stored(path, "safety_screen", viewer="Alex", passphrase=ALEX_PHRASE) == []
    assert find(app, "rb-screen-afraid").value is False  # type: ignore[attr-defined]


@pytest.mark.parametrize("which", ["afraid", "threatened", "controlled", "hurt"])
def test_any_yes_shows_the_safety_card_with_the_emergency_number(
    tmp_path: Path, which: str
) -> None:
    path = tmp_path / "wb"
    app = setup(path)
    wb = Workbook.open(path)
    wb.add(
        make_entry(
            "resource",
            {"name": "Emergency services", "role": "emergency", "phone": "999"},
            author="Sam",
        )
    )
    wb.close()
    to_screen(app)
    answer_screen(app, {**NO_ANSWERS, which: True})
    card = find(app, "rb-safety")
    text = page_text(card)
    assert X["safety_title"] in text
    assert X["safety_emergency"].format(number="999") in text
    assert X["safety_helpline_unset"] in text
    assert has(app, "rb-safety-continue") and has(app, "rb-safety-pause")
    (screen,) = stored(path, "safety_screen", viewer="Alex", passphrase=ALEX_PHRASE)
    assert getattr(screen, which) is True and screen.visibility == "private"


def test_safety_card_defaults_and_pause_and_continue(tmp_path: Path) -> None:
    path = tmp_path / "wb"
    app = setup(path)
    to_screen(app)
    answer_screen(app, {**NO_ANSWERS, "hurt": True})
    assert X["safety_emergency"].format(number="112") in page_text(find(app, "rb-safety"))
    press(app, "rb-safety-pause")
    # the pause says what it did, and the page opens on it until Alex goes on again
    assert X["paused_body"] in page_text(app) and S.PAUSED_DONE in page_text(app)
    app.show("today")
    assert S.PAUSED_NOTICE in page_text(app)
    press(app, "rb-resume")
    assert S.PAUSED_NOTICE not in page_text(app)
    app.show("welcome", step="screen")
    answer_screen(app, {**NO_ANSWERS, "hurt": True})
    press(app, "rb-safety-continue")
    assert X["all_clear"] in page_text(app)


def test_without_a_passphrase_the_screen_is_not_stored(tmp_path: Path) -> None:
    """Private answers need a passphrase; without one they are shown but never written."""
    path = tmp_path / "wb"
    app = setup(path)
    to_screen(app, passphrase=None)
    assert X["screen_no_passphrase"] in page_text(app)
    answer_screen(app, {**NO_ANSWERS, "afraid": True})
    assert has(app, "rb-safety")
    wb = Workbook.open(path)
    try:
        assert wb.counts().get("safety_screen", 0) == 0
    finally:
        wb.close()


def _other_partners_view(path: Path) -> str:
    """Sam's Today, Journey, Progress and module 0 pages: every value and label the browser
    would receive (HTML, chart images and all). Sam has been through his own welcome."""
    wb = Workbook.open(path)
    try:
        if not wb.list("intention", author="Sam"):
            wb.add(make_entry("intention", {"hope": "Sam's hope"}, author="Sam"))
    finally:
        wb.close()
    app = start_app(path, "Sam")
    parts = []
    for name in ("today", "journey", "progress"):
        app.show(name)
        parts.append(stable_text(app._page_widget, raw=True))
    app.show("module", number=0)
    parts.append(stable_text(app._page_widget, raw=True))
    parts.append(stable_text(app.header, raw=True))
    return "\n=====\n".join(parts)


def test_the_answers_change_nothing_on_the_other_partners_pages(tmp_path: Path) -> None:
    views = {}
    for case, answers in (
        ("all-no", NO_ANSWERS),
        ("yes", {**NO_ANSWERS, "afraid": True, "controlled": True, "betrayal_or_addiction": True}),
    ):
        path = tmp_path / case
        app = setup(path)
        to_screen(app)
        # the same shared check-in in both workbooks, so Progress has something to show
        app.show("today")
        for k, v in {
            "trust": 4,
            "safety": 3,
            "connection": 5,
            "honest": True,
            "same_argument": True,
            "affection": 1,
            "urge_to_check": 6,
        }.items():
            find(app, f"rb-f-{k}").value = v  # type: ignore[attr-defined]
        press(app, "rb-checkin-save")
        app.show("welcome", step="screen")
        answer_screen(app, answers)
        assert has(app, "rb-safety") == (case == "yes")
        views[case] = _other_partners_view(path)
    assert views["all-no"] == views["yes"]
    assert (
        "Alex" in views["yes"] and "data:image/png" in views["yes"]
    )  # it showed the couple's data

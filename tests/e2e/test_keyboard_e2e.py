"""The daily check-in by keyboard alone (issue 17): from a page that has the focus to a saved
check-in in at most 20 key presses, every answer read back from the workbook on disk, so a
key whose change never reached the kernel fails the test."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from repairbook.entries import Checkin
from tests.e2e.helpers import Driver, fresh_workbook, on_disk

pytestmark = pytest.mark.e2e

BUDGET = 20


class Keys:
    """The keyboard, and nothing else: every press goes through here and is counted."""

    def __init__(self, page: Any):
        self.page = page
        self.pressed: list[str] = []

    def __call__(self, *keys: str) -> None:
        for key in keys:
            self.page.keyboard.press(key)
            self.pressed.append(key)


def focused(page: Any, selector: str) -> bool:
    return bool(page.evaluate("(s) => document.activeElement.matches(s)", selector))


def valuetext(page: Any, name: str) -> str | None:
    """What a screen reader says for a rating: its handle's aria-valuetext."""
    v = page.locator(f".rb-f-{name} .noUi-handle").first.get_attribute("aria-valuetext")
    return None if v is None else str(v)


def test_checkin_by_keyboard_in_twenty_presses(tmp_path: Path, new_page, served) -> None:
    folder = fresh_workbook(tmp_path / "wb")
    srv = served(folder)
    page = Driver(new_page()).open(srv.url).page
    page.wait_for_selector(".rb-checkin .noUi-handle")
    assert valuetext(page, "trust") == "not answered"  # an untouched rating is no rating

    # the page has the focus: a click on the empty space beside the app
    app = page.locator(".rb-app").bounding_box()
    x, y = app["x"] / 2, app["y"] + 200
    assert page.evaluate("([x, y]) => !document.elementFromPoint(x, y).closest('.rb-app')", [x, y])
    page.mouse.click(x, y)

    keys = Keys(page)
    keys("Tab")  # the first stop: "Skip to today's check-in"
    assert focused(page, ".rb-skip-checkin")
    keys("Enter")  # straight to the first rating
    assert focused(page, ".rb-f-trust .noUi-handle")
    keys("7", "Tab", "4", "Tab", "2")  # trust, felt safety, connection: typed numbers
    keys("Tab", "Space")  # honest: the first answer, Yes
    keys("Tab", "3")  # affection: the list takes the typed number
    keys("Tab", "ArrowRight")  # the same argument: the arrow chooses No
    keys("Tab", "9")  # the urge to check
    keys("Tab", "Tab", "Tab")  # past the note and its private box
    assert focused(page, ".rb-checkin-save")
    keys("Enter")
    page.wait_for_selector(".rb-checkin-status .rb-saved")
    assert len(keys.pressed) <= BUDGET, keys.pressed
    assert [valuetext(page, n) for n in ("trust", "safety", "connection", "urge_to_check")] == [
        "7",
        "4",
        "2",
        "9",
    ]
    with on_disk(folder) as wb:
        (c,) = wb.list("checkin")
    assert isinstance(c, Checkin)
    answers = {k: getattr(c, k) for k in ("trust", "safety", "connection", "urge_to_check")}
    assert answers == {"trust": 7, "safety": 4, "connection": 2, "urge_to_check": 9}
    assert (c.honest, c.affection, c.same_argument) == (True, 3, False)

    # a rating set by a number and then cleared is no rating again
    keys("Shift+Tab", "Shift+Tab", "Shift+Tab")
    assert focused(page, ".rb-f-urge_to_check .noUi-handle")
    keys("Backspace")
    assert valuetext(page, "urge_to_check") == "not answered"
    keys("Tab", "Tab", "Tab", "Enter")
    page.wait_for_selector(".rb-checkin-status .rb-saved[data-n='2']")
    with on_disk(folder) as wb:
        (c,) = wb.list("checkin")
    assert isinstance(c, Checkin)
    assert c.urge_to_check is None
    assert (c.trust, c.safety, c.connection, c.affection) == (7, 4, 2, 3)

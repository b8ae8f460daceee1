"""The busy guard on buttons: a sign of work while an action runs, and a button pressed
twice saves once. Widget tests with a fake slow action and a fake clock (no sleeping)."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as w
import pytest

from repairbook.entries import make_entry
from repairbook.store import Workbook
from repairbook.ui.busy import BUSY_CLASS, guarded_click


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def press(b: w.Button) -> None:
    """What the browser sends when the button is clicked."""
    b._handle_button_msg(None, {"event": "click"}, [])


@pytest.fixture
def workbook(tmp_path: Path):
    wb = Workbook.create(tmp_path / "wb", ["Alex", "Sam"])
    yield wb
    wb.close()


def test_pressing_a_busy_button_twice_saves_once(workbook: Workbook) -> None:
    clock = Clock()
    save = w.Button(description="Save")
    seen: list[tuple[bool, bool]] = []

    def slow_save(b: w.Button) -> None:
        seen.append((BUSY_CLASS in b._dom_classes, b.disabled))
        press(b)  # pressed again while the action runs
        clock.now += 1.5  # a slow save
        workbook.add(make_entry("intention", {"hope": "calm evenings"}, author="Alex"))

    guard = guarded_click(save, slow_save, clock=clock)
    press(save)
    press(save)  # the press that waited in the kernel's queue meanwhile
    assert len(workbook.list(kind="intention")) == 1
    assert guard.runs == 1 and guard.ignored == 2
    assert seen == [(True, True)]  # busy and disabled while it worked
    assert BUSY_CLASS not in save._dom_classes and not save.disabled  # and back after


def test_a_later_press_runs_the_action_again(workbook: Workbook) -> None:
    clock = Clock()
    save = w.Button(description="Save")

    def quick_save(_b: w.Button) -> None:
        workbook.add(make_entry("intention", {"hope": "calm evenings"}, author="Alex"))

    guarded_click(save, quick_save, clock=clock)
    press(save)
    clock.now += 2
    press(save)
    assert len(workbook.list(kind="intention")) == 2


def test_a_failing_action_leaves_the_button_usable() -> None:
    clock = Clock()
    b = w.Button(description="Send")
    calls: list[int] = []

    def broken(_b: w.Button) -> None:
        calls.append(1)
        raise RuntimeError("disk full")

    guarded_click(b, broken, clock=clock)
    b.click()  # ipywidgets logs the error; the page's own handlers show a sentence
    assert BUSY_CLASS not in b._dom_classes and not b.disabled
    clock.now += 2
    b.click()
    assert len(calls) == 2


def test_an_action_that_disables_its_own_button_keeps_it_disabled() -> None:
    b = w.Button(description="Sign")

    def sign_once(btn: w.Button) -> None:
        btn.disabled = True

    guarded_click(b, sign_once)
    b.click()
    assert b.disabled and BUSY_CLASS not in b._dom_classes


def test_an_action_that_closes_its_page_is_fine() -> None:
    b = w.Button(description="Go")
    box = w.VBox([b])
    guarded_click(b, lambda btn: (box.close(), btn.close()))
    b.click()  # no error from restoring a closed button

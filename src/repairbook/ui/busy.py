"""A sign of work on the control that started it, and no second press meanwhile.

    guarded_click(save_button, lambda _b: save())

While the action runs, the button carries the CSS class ``rb-busy`` and is disabled. The
page's style (``repairbook.css``) keeps a busy button looking exactly as before for the
first third of a second, then dims it gently and shows a progress cursor, so quick
actions never flicker and slow ones show that something is happening.

A second press while the action runs is ignored, so the action runs once. The kernel
handles one message at a time: a press that reached it while the action was running is
handled only after the action returns, so presses in a short quiet spell just after the
action (``GRACE`` seconds) are ignored too. A press after that spell runs the action again.

Wiring it in one place: :func:`repairbook.ui.widgets.button` calls ``b.on_click(...)``;
calling ``guarded_click(b, ...)`` there instead guards every button the pages make.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

import ipywidgets as w

log = logging.getLogger(__name__)

BUSY_CLASS = "rb-busy"
#: seconds after an action returns during which a press still counts as "pressed twice"
GRACE = 0.3
#: roughly when the busy state becomes visible (set in repairbook.css; documented here)
SHOW_AFTER = 0.33


class ClickGuard:
    """Runs ``handler(button)`` on a click, at most once at a time (see the module text)."""

    def __init__(
        self,
        button: w.Button,
        handler: Callable[[w.Button], Any],
        *,
        grace: float = GRACE,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.button = button
        self.handler = handler
        self.grace = grace
        self.clock = clock
        self.busy = False
        self.runs = 0
        self.ignored = 0
        self._quiet_until = float("-inf")
        self._setting = False
        self._wanted_disabled = False
        # every assignment to ``disabled`` passes here, even one that changes nothing (an
        # action that disables its own button while it is busy, and therefore disabled)
        earlier = button._trait_validators.get("disabled")

        def watch(obj: Any, proposal: Any) -> Any:
            value = earlier(obj, proposal) if earlier is not None else proposal["value"]
            if self.busy and not self._setting:
                self._wanted_disabled = bool(value)
            return value

        button._register_validator(watch, ("disabled",))

    def __call__(self, button: w.Button) -> None:
        if self.busy or self.clock() < self._quiet_until:
            self.ignored += 1
            return
        self.busy = True
        self.runs += 1
        self._wanted_disabled = bool(button.disabled)
        self._set(busy=True)
        try:
            self.handler(button)
        finally:
            self._set(busy=False)
            self.busy = False
            self._quiet_until = self.clock() + self.grace

    def _set(self, *, busy: bool) -> None:
        b = self.button
        if getattr(b, "comm", None) is None:
            return  # the page was closed by the action (it moved to another page)
        self._setting = True
        try:
            with b.hold_sync():
                if busy:
                    b.add_class(BUSY_CLASS)
                    b.disabled = True
                else:
                    b.remove_class(BUSY_CLASS)
                    b.disabled = self._wanted_disabled
        finally:
            self._setting = False


def guarded_click(
    button: w.Button,
    handler: Callable[[w.Button], Any],
    *,
    grace: float = GRACE,
    clock: Callable[[], float] = time.monotonic,
) -> ClickGuard:
    """``button.on_click(handler)``, with the busy state and the once-at-a-time guard.
    Returns the guard (its ``runs`` and ``ignored`` counts help tests)."""
    guard = ClickGuard(button, handler, grace=grace, clock=clock)
    button.on_click(guard)
    return guard


__all__ = ["BUSY_CLASS", "GRACE", "ClickGuard", "guarded_click"]

"""Shared helpers for the journey browser tests: a driver that waits for the kernel to
finish each round trip (it watches the kernel's busy/idle status on the page's websocket)
instead of sleeping a fixed time, and a way to read the workbook on disk."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from repairbook.store import Workbook
from tests.e2e.conftest import open_app, shoot

PARTNERS = ["Alex", "Sam"]
PASSPHRASES = {"Alex": "alex's long test passphrase", "Sam": "sam's long test passphrase"}


def fresh_workbook(folder: Path) -> Path:
    """A couple past the welcome: both passphrases set, an intention each, so the app
    opens on Today."""
    from repairbook.entries import make_entry

    wb = Workbook.create(folder, PARTNERS, passphrases=PASSPHRASES, scrypt_n=2**10)
    for p in PARTNERS:
        wb.add(make_entry("intention", {"hope": "To feel at ease together again."}, author=p))
    wb.close()
    return folder


@contextmanager
def on_disk(folder: Path, unlock: str | None = None) -> Iterator[Workbook]:
    """The workbook as it is on disk now, opened from this process (not the server's)."""
    wb = Workbook.open(folder)
    try:
        if unlock:
            wb.unlock(unlock, PASSPHRASES[unlock])
        yield wb
    finally:
        wb.close()


class Driver:
    """One page of the app, driven as a person would. Every action waits until the
    kernel has answered (busy, then idle again) before the next one."""

    def __init__(self, page: Any):
        self.page = page
        self.seq = 0
        self.busy = False
        page.on("websocket", self._on_ws)

    # -- kernel status -------------------------------------------------------------------
    def _on_ws(self, ws: Any) -> None:
        ws.on("framereceived", self._on_frame)

    def _on_frame(self, payload: str | bytes) -> None:
        text = payload if isinstance(payload, str) else payload.decode("utf-8", "replace")
        if '"msg_type":"status"' not in text and '"msg_type": "status"' not in text:
            return
        if '"execution_state":"busy"' in text or '"execution_state": "busy"' in text:
            self.busy = True
            self.seq += 1
        elif '"execution_state":"idle"' in text or '"execution_state": "idle"' in text:
            self.busy = False
            self.seq += 1

    def settle(self, since: int, timeout: float = 20.0, quiet_ms: int = 80) -> None:
        """Wait until the kernel has been busy and is idle again after ``since``; an
        action that sends nothing returns after a short grace period."""
        start = time.monotonic()
        grace = 2.5
        while True:
            self.page.wait_for_timeout(25)
            elapsed = time.monotonic() - start
            if self.seq > since and not self.busy:
                # a short quiet spell: a reply may start another round trip
                seen = self.seq
                self.page.wait_for_timeout(quiet_ms)
                if self.seq == seen and not self.busy:
                    return
                continue
            if self.seq == since and elapsed > grace:
                return
            if elapsed > timeout:
                raise AssertionError("the page's kernel did not finish in time")

    def act(self, fn: Callable[[], object]) -> None:
        since = self.seq
        fn()
        self.settle(since)

    # -- the app --------------------------------------------------------------------------
    def open(self, url: str) -> Driver:
        open_app(self.page, url)
        self.settle(self.seq, timeout=60)
        return self

    def loc(self, selector: str) -> Any:
        return self.page.locator(selector).first

    def click(self, cls: str, scope: str = "") -> None:
        target = self.loc(f"{scope} .{cls}".strip())
        target.wait_for()
        self.act(target.click)

    def fill(self, cls: str, text: str, scope: str = "") -> None:
        """Type into a field's box and leave it (widgets sync on blur)."""
        pre = f"{scope} " if scope else ""
        box = self.loc(f"{pre}.{cls} input, {pre}.{cls} textarea")
        box.wait_for()
        box.fill(text)
        self.act(lambda: box.press("Tab"))

    def choose(self, cls: str, label: str, scope: str = "") -> None:
        sel = self.loc(f"{scope} .{cls} select".strip())
        self.act(lambda: sel.select_option(label=label))

    def yes_no(self, cls: str, yes: bool, scope: str = "") -> None:
        btn = self.page.locator(f"{scope} .{cls} button".strip(), has_text="Yes" if yes else "No")
        self.act(btn.first.click)

    def check(self, selector: str) -> None:
        box = self.loc(selector)
        self.act(box.check)

    def slide(self, cls: str, steps: int, scope: str = "") -> None:
        """Move a slider with its handle and the keyboard, as a keyboard user would."""
        handle = self.loc(f"{scope} .{cls} .noUi-handle".strip())
        handle.focus()
        key = "ArrowRight" if steps > 0 else "ArrowLeft"
        for _ in range(abs(steps)):
            handle.press(key)
        self.act(lambda: handle.press("Tab"))

    def nav(self, name: str) -> None:
        self.click(f"rb-nav-{name}")
        self.page.wait_for_selector(f".rb-page-{name}")

    def module(self, n: int) -> None:
        self.nav("journey")
        self.click(f"rb-open-module-{n}")
        self.page.wait_for_selector(f".rb-module-{n}" if n else ".rb-page-module")

    def switch(self, name: str) -> None:
        btn = self.page.locator(".rb-partner-switch button", has_text=name)
        self.act(btn.first.click)
        assert "mod-active" in (btn.first.get_attribute("class") or "")

    def text(self, selector: str) -> str:
        return str(self.loc(selector).inner_text())

    def count(self, selector: str) -> int:
        return int(self.page.locator(selector).count())

    def shoot(self, name: str) -> Path:
        self.loc(".rb-header").scroll_into_view_if_needed()
        return shoot(self.page, name)

"""The safety path in the browser, at one shared laptop: Alex answers "yes", sees the
guidance and starts typing a helpline; Sam takes the page. Nothing of Alex's view is on
Sam's page or in any websocket frame Sam's page receives after the switch. Help shows a
real number, and the quick exit leaves a neutral page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from repairbook.content import shared as S
from repairbook.content.modules import MODULES
from tests.e2e.helpers import Driver, fresh_workbook

pytestmark = pytest.mark.e2e

CANARY = "canary-helpline-3b9d"
X = MODULES[0].extra


class Frames:
    """Every websocket frame the page receives, as text."""

    def __init__(self, page: Any) -> None:
        self.frames: list[str] = []
        page.on("websocket", lambda ws: ws.on("framereceived", self._add))

    def _add(self, payload: str | bytes) -> None:
        self.frames.append(
            payload if isinstance(payload, str) else payload.decode("utf-8", "replace")
        )

    def since(self, n: int) -> str:
        return "\n".join(self.frames[n:])


def _to_guidance(d: Driver) -> None:
    d.module(0)
    d.click("rb-welcome-start")
    d.page.wait_for_selector(".rb-hope-save")
    d.fill("rb-f-hope", "To be calm together.")
    d.click("rb-hope-save")
    d.page.wait_for_selector(".rb-screen-save")
    d.yes_no("rb-screen-afraid", True)
    for q in ("threatened", "controlled", "hurt"):
        d.yes_no(f"rb-screen-{q}", False)
    d.click("rb-screen-save")
    d.page.wait_for_selector(".rb-safety")


@pytest.mark.parametrize("when", ["guidance", "paused"])
def test_a_switch_during_the_safety_path_sends_sam_nothing_of_alexs(
    when: str, tmp_path: Path, new_page, served
) -> None:  # type: ignore[no-untyped-def]
    folder = fresh_workbook(tmp_path / "wb")
    srv = served(folder)
    page = new_page(390, 844)
    frames = Frames(page)
    d = Driver(page).open(srv.url)
    _to_guidance(d)
    # the guidance shows at once, for Alex, who has not unlocked
    assert X["safety_title"] in d.text(".rb-safety")
    d.fill("rb-helpline-name", CANARY)
    if when == "paused":
        d.click("rb-safety-pause")
        page.wait_for_selector(".rb-paused")
    mark = len(frames.frames)
    d.switch("Sam")
    page.wait_for_selector(".rb-switch-notice .rb-notice")
    assert S.NOW_USING.format(name="Sam") in d.text(".rb-switch-notice")
    body = page.inner_text("body")
    sent = frames.since(mark)
    for text in (body, sent):
        assert CANARY not in text
        assert X["safety_title"] not in text
        assert S.PAUSED_DONE not in text
    assert d.count(".rb-safety") == 0 and d.count(".rb-paused") == 0
    # Help: a real number, no placeholder
    d.nav("help")
    help_text = d.text(".rb-page-help")
    assert "{" not in help_text and "112" in help_text


def test_quick_exit_leaves_a_neutral_page(tmp_path: Path, new_page, served) -> None:  # type: ignore[no-untyped-def]
    folder = fresh_workbook(tmp_path / "wb")
    srv = served(folder)
    page = new_page(390, 844)
    d = Driver(page).open(srv.url)
    _to_guidance(d)
    d.click("rb-quick-exit")
    page.wait_for_selector(".rb-neutral")
    text = page.inner_text("body")
    assert "Alex" not in text and "Sam" not in text and "repairbook" not in text
    assert X["safety_title"] not in text


def test_a_reload_frees_the_previous_pages_kernel(tmp_path: Path, new_page, served) -> None:  # type: ignore[no-untyped-def]
    """A couple reloads often: the page's "closing" request must stop its kernel, so
    reloads never pile up kernels (or reach the server's cap on open pages)."""
    import time

    from tests.e2e.test_workshop_e2e import _kernels

    srv = served(fresh_workbook(tmp_path / "wb"))
    page = new_page(390, 844)
    page.goto(srv.url)
    page.wait_for_selector(".rb-page-who", timeout=90_000)
    # this page's kernel, and the one the start-up check's plain request left behind
    before = _kernels(srv.proc.pid)
    for _ in range(4):
        page.reload()
        page.wait_for_selector(".rb-page-who", timeout=90_000)
    deadline = time.time() + 20
    while _kernels(srv.proc.pid) > before and time.time() < deadline:
        time.sleep(0.25)  # the last closing request may still be on its way
    assert _kernels(srv.proc.pid) == before

"""Warm kernels: the next page's kernel is started ahead, with nobody's data in it.

The server keeps one kernel started with the notebook's imports done. A page takes it
(the page's kernel is the process that was already running before the page was asked
for), the page's own request reaches it (a personal link's key decides what it shows),
another kernel starts warming behind it, and a warm kernel answers no browser.
"""

from __future__ import annotations

import http.client
import os
import re
import signal
import time
from pathlib import Path

import pytest

from repairbook.serve import free_port
from repairbook.serve_voila import WARM_FILE
from repairbook.store import Workbook
from tests.e2e.conftest import launch, open_app, processes

pytestmark = pytest.mark.e2e


def _kernels(folder: str) -> dict[str, int]:
    """The server's kernels: kernel id -> process id (from the connection file's name)."""
    out = {}
    for pid, cmd in processes().items():
        m = re.search(re.escape(folder) + r"\S*kernel-([0-9a-f-]{36})\.json", cmd)
        if m and "ipykernel" in cmd:
            out[m.group(1)] = pid
    return out


def _ready(folder: str) -> list[str]:
    """The warm kernels the server says are ready for a page."""
    try:
        return (Path(folder) / WARM_FILE).read_text().split()
    except FileNotFoundError:
        return []


def _wait_for(predicate, timeout: float = 120):  # type: ignore[no-untyped-def]
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        got = predicate()
        if got:
            return got
        time.sleep(0.25)
    return predicate()


def _status(port: int, path: str) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path)
    status = conn.getresponse().status
    conn.close()
    return status


def test_a_page_takes_the_warm_kernel_with_its_own_request(tmp_path: Path, browser) -> None:  # type: ignore[no-untyped-def]
    wb = Workbook.create(tmp_path / "wb", ["Alex", "Sam"])
    wb.close()
    port = free_port()
    # idle page kernels are culled after a second here; a warm kernel is not a page's
    srv = launch(
        [
            "--workbook",
            str(tmp_path / "wb"),
            "serve",
            "--port",
            str(port),
            "--cull-interval",
            "1",
            "--cull-idle-timeout",
            "1",
        ],
        tmp_path,
    )
    try:
        folder = srv.server_folder()
        token = srv.urls[0].split("token=", 1)[1]
        # before anyone asks for a page, one kernel is running and says it is ready
        ready = _wait_for(lambda: _ready(folder))
        assert len(ready) == 1, ready
        (warm_id,) = ready
        assert set(_kernels(folder)) == {warm_id}
        # three culling rounds later it is still there, still ready
        time.sleep(3.5)
        assert _ready(folder) == [warm_id] and set(_kernels(folder)) == {warm_id}
        # nobody's browser may use it: no page opened it, so no binding cookie exists
        assert _status(port, f"/api/kernels/{warm_id}?token={token}") in (403, 404)

        # a visitor with a key that opens nothing: the page's request reached the warm
        # kernel (without it the page would ask who is using it)
        ctx = browser.new_context()
        page = ctx.new_page()
        page.goto(srv.urls[0] + "&key=not-a-real-key")
        page.wait_for_selector(".rb-invalid-link", timeout=120_000)
        html = page.content()
        m = re.search(
            r"&quot;kernelId&quot;: &quot;([0-9a-f-]{36})|\"kernelId\": \"([0-9a-f-]{36})", html
        )
        page_kernel = next(g for g in m.groups() if g) if m else None
        assert page_kernel == warm_id, (page_kernel, warm_id)
        assert "Alex" not in page.inner_text("body")
        ctx.close()

        # the page's kernel left the warm list; another warms behind it, and the next
        # visitor's page works as ever
        after = _wait_for(lambda: _ready(folder))
        assert after and warm_id not in after
        ctx = browser.new_context()
        page = ctx.new_page()
        open_app(page, srv.urls[0])
        assert "Alex" in page.inner_text(".rb-app")
        ctx.close()

        # a warm kernel that dies (killed here) does not break the next visitor's page
        (next_warm,) = _wait_for(lambda: _ready(folder))
        os.kill(_kernels(folder)[next_warm], signal.SIGKILL)
        ctx = browser.new_context()
        page = ctx.new_page()
        open_app(page, srv.urls[0])
        assert "Alex" in page.inner_text(".rb-app")
        ctx.close()
    finally:
        srv.kill()

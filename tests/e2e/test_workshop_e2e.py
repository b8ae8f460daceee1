"""The room server in a real browser: two couples at once, refused links, stranger requests,
and idle kernels given back.

The browser is the suite's one Chromium (tests/e2e/conftest.py: the system Chromium with the
house flags). One `repairbook workshop serve` process for the whole module, on a free 127.0.0.1 port, with
short cull settings so the memory test finishes in seconds.
"""

from __future__ import annotations

import http.client
import os
import re
import signal
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from repairbook.entries import make_entry
from repairbook.serve import free_port
from repairbook.store import Workbook
from repairbook.workshop import Workshop
from tests.e2e.conftest import drawn
from tests.e2e.helpers import Driver

pytestmark = pytest.mark.e2e

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
SQLITE = b"SQLite format 3"
POOL = 1


@dataclass
class Room:
    base: str
    port: int
    ws: Workshop
    keys: dict[str, str]
    proc: subprocess.Popen[bytes]

    def url(self, key: str | None, token: bool = True) -> str:
        q = {}
        if token:
            q["token"] = self.ws.room_token
        if key is not None:
            q["key"] = key
        return self.base + ("?" + urllib.parse.urlencode(q) if q else "")


def _seed(path: Path, names: list[str], note: str) -> None:
    wb = Workbook.create(path, names)
    for who in names:
        wb.add(make_entry("intention", {"hope": f"{note} hope of {who}"}, author=who))
        data = {
            "day": time.strftime("%Y-%m-%d"),
            "trust": 6,
            "safety": 6,
            "connection": 6,
            "honest": True,
            "affection": 1,
            "same_argument": False,
            "urge_to_check": 2,
            "note": note,
        }
        wb.add(make_entry("checkin", data, author=who))
    wb.close()


def _kernels(server_pid: int) -> int:
    """ipykernel processes under the server (the CLI -> voila -> kernels)."""
    children: dict[int, list[int]] = {}
    cmd: dict[int, str] = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as fh:
                ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{d}/cmdline", "rb") as fh:
                cmd[int(d)] = fh.read().replace(b"\0", b" ").decode(errors="replace")
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(d))
    todo, n = [server_pid], 0
    while todo:
        pid = todo.pop()
        for child in children.get(pid, []):
            if "ipykernel" in cmd.get(child, ""):
                n += 1
            todo.append(child)
    return n


def _wait_for(predicate, timeout: float, step: float = 0.5) -> bool:  # type: ignore[no-untyped-def]
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(step)
    return predicate()


def _get(port: int, path: str) -> tuple[int, bytes, dict[str, str]]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=180)
    try:
        conn.request("GET", path)
        res = conn.getresponse()
        return res.status, res.read(), dict(res.getheaders())
    finally:
        conn.close()


@pytest.fixture(scope="module")
def room(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Room]:
    root = tmp_path_factory.mktemp("workshop") / "room"
    ws, fkey = Workshop.create(root, "Spring group")
    keys = {"facilitator": fkey}
    for label, names, note in (
        ("Table 1", ["Alex", "Sam"], "zqnote-table-one"),
        ("Table 2", ["Kim", "Lee"], "zqnote-table-two"),
        ("Gone", ["Ana", "Bo"], "zqnote-gone"),
    ):
        record, keys[label] = ws.add_couple(label)
        _seed(ws.workbook_path(record), names, note)
    port = free_port()
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "repairbook",
            "workshop",
            "serve",
            str(root),
            "--port",
            str(port),
            "--pool-size",
            str(POOL),
            "--cull-interval",
            "2",
            "--cull-idle-timeout",
            "4",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,
    )
    r = Room(f"http://127.0.0.1:{port}/", port, ws, keys, proc)

    def up() -> bool:
        if proc.poll() is not None:
            raise RuntimeError(proc.stderr.read().decode() if proc.stderr else "server died")
        try:
            return _get(port, "/login")[0] in (200, 302)
        except OSError:
            return False

    assert _wait_for(up, 60), "the room server did not start"
    yield r
    os.killpg(proc.pid, signal.SIGINT)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def _open(browser, url: str):  # type: ignore[no-untyped-def]
    """A new context on ``url``, with a Driver watching the page's kernel from the start."""
    ctx = browser.new_context(viewport={"width": 1100, "height": 820})
    page = ctx.new_page()
    d = Driver(page)
    page.goto(url, wait_until="commit", timeout=90_000)
    return ctx, page, d


def test_two_couples_side_by_side_each_see_only_their_own(room: Room, browser) -> None:  # type: ignore[no-untyped-def]
    ctx1, p1, d1 = _open(browser, room.url(room.keys["Table 1"]))
    ctx2, p2, _ = _open(browser, room.url(room.keys["Table 2"]))
    try:
        for p in (p1, p2):
            p.wait_for_selector(".rb-app .rb-brand", timeout=90_000)
        one = p1.locator(".rb-brand").inner_text()
        two = p2.locator(".rb-brand").inner_text()
        assert "Alex & Sam" in one and "Kim" not in one
        assert "Kim & Lee" in two and "Alex" not in two
        html1, html2 = p1.content(), p2.content()
        text1, text2 = p1.inner_text("body"), p2.inner_text("body")
        assert "zqnote-table-two" not in html1 and not re.search(r"\b(Kim|Lee)\b", text1)
        assert "zqnote-table-one" not in html2 and not re.search(r"\b(Alex|Sam)\b", text2)
        d1.settle(0, timeout=60)  # the kernel has sent the whole page
        drawn(p1)
        p1.screenshot(path=str(SHOTS / "workshop_couple.png"))
    finally:
        ctx1.close()
        ctx2.close()


def test_made_up_altered_and_revoked_keys_see_the_neutral_page(room: Room, browser) -> None:  # type: ignore[no-untyped-def]
    good = room.keys["Table 1"]
    altered = good[:-1] + ("A" if good[-1] != "A" else "B")
    Workshop.open(room.ws.root).remove_couple("Gone")  # revoked while the server runs
    for n, key in enumerate(("madeupmadeupmadeupmadeupmadeup12", altered, room.keys["Gone"], None)):
        ctx, page, _ = _open(browser, room.url(key))
        try:
            page.wait_for_selector(".rb-invalid-link", timeout=90_000)
            assert page.locator(".rb-app").count() == 0
            text = page.inner_text("body")
            assert "This link is not valid" in text
            for name in ("Alex", "Sam", "Kim", "Ana", "Table", "Spring group"):
                assert name not in text
            if n == 0:
                page.screenshot(path=str(SHOTS / "workshop_invalid_link.png"))
        finally:
            ctx.close()


def test_strangers_get_no_workbook_byte(room: Room) -> None:
    folder = room.ws.workbook_path("Table 1").name
    token = room.ws.room_token
    key = room.keys["Table 1"]
    secret_bits = [room.ws.data.salt, room.ws.data.couples[0].key_hash or "x" * 64]
    no_token = [
        "/",
        f"/?key={key}",
        f"/voila/files/{folder}/workbook.sqlite",
        f"/voila/files/../{folder}/workbook.sqlite",
        f"/voila/files/..%2f{folder}%2fworkbook.sqlite",
        "/voila/files/%2e%2e/workshop.json",
        "/voila/static/../../workshop.json",
        "/static/..%2f..%2fworkshop.json",
        f"/files/{folder}/workbook.sqlite",
        "/api/kernels",
        "/api/contents",
        f"/api/contents/{folder}/workbook.sqlite",
        "/api/sessions",
        "/tree",
        "/lab",
        "/voila/render/repairbook.ipynb",
        f"/voila/render/{folder}",
    ]
    for path in no_token:
        status, body, headers = _get(room.port, path)
        assert SQLITE not in body, path
        assert not any(s.encode() in body for s in secret_bits), path
        assert status in (301, 302, 303, 400, 401, 403, 404, 405), (path, status)
        if status in (301, 302, 303):
            assert "login" in headers.get("Location", "") or status == 301, (path, headers)
    # even with the room token, no file of the workshop is served
    with_token = [
        f"/voila/files/{folder}/workbook.sqlite?token={token}",
        f"/voila/files/../{folder}/workbook.sqlite?token={token}",
        f"/files/{folder}/workbook.sqlite?token={token}",
        f"/api/contents/{folder}/workbook.sqlite?token={token}",
        f"/voila/files/workshop.json?token={token}",
        f"/tree?token={token}",
        f"/lab?token={token}",
    ]
    for path in with_token:
        status, body, _h = _get(room.port, path)
        assert SQLITE not in body, path
        assert not any(s.encode() in body for s in secret_bits), path
        assert status in (301, 302, 400, 403, 404, 405), (path, status)


def test_idle_kernels_return_to_the_baseline(room: Room) -> None:
    pid = room.proc.pid
    # pages opened by earlier tests are closed: their kernels go first
    assert _wait_for(lambda: _kernels(pid) <= POOL, 90), _kernels(pid)
    baseline = _kernels(pid)
    path = room.url(room.keys["Table 2"])[len(room.base) - 1 :]
    for _ in range(3):
        _wait_for(lambda: _kernels(pid) >= baseline, 60)  # the warm kernel is back
        status, body, _h = _get(room.port, path)
        assert status == 200 and b"rb-app" in body and SQLITE not in body
        assert _kernels(pid) > baseline - POOL  # the page holds a kernel of its own
    peak = _kernels(pid)
    assert peak > baseline or _wait_for(lambda: _kernels(pid) > baseline, 30)
    assert _wait_for(lambda: _kernels(pid) <= baseline, 90), _kernels(pid)

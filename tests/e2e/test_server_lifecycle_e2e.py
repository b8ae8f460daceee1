"""Both servers stop completely, whatever stops them, and guard what a page uses.

Each lifecycle test starts the real command in its own session (as a terminal would), opens
a page (so a kernel runs), sends one signal to the command itself, and then checks the
process table (no Voilà, no kernel of that server), the port (free again) and the server's
temporary folder (gone). A kill -9 of the command must end the same way: Voilà notices its
parent is gone and stops its kernels.
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import time
import uuid
from pathlib import Path

import pytest

from repairbook.serve import free_port
from repairbook.store import Workbook
from repairbook.workshop import Workshop
from tests.e2e.conftest import Launched, launch, open_app, processes

pytestmark = pytest.mark.e2e


def _workbook(tmp: Path) -> Path:
    folder = tmp / "wb"
    Workbook.create(folder, ["Alex", "Sam"]).close()
    return folder


def _room(tmp: Path) -> tuple[Path, dict[str, str]]:
    root = tmp / "room"
    ws, _fkey = Workshop.create(root, "Saturday group")
    keys = {}
    for label, names in (("Table 1", ["Ana", "Bo"]), ("Table 2", ["Kim", "Lee"])):
        record, keys[label] = ws.add_couple(label)
        Workbook.create(ws.workbook_path(record), names).close()
    return root, keys


def _get(port: int, path: str, host: str | None = None) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        conn.request("GET", path, headers={"Host": host} if host else {})
        res = conn.getresponse()
        return res.status, res.read()
    finally:
        conn.close()


def _port_free(port: int) -> bool:
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _left_over(folder: str) -> list[str]:
    """Processes still running for the server whose temporary folder is ``folder``."""
    return [cmd for cmd in processes().values() if folder in cmd]


def _wait(predicate, timeout: float) -> bool:  # type: ignore[no-untyped-def]
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.25)
    return bool(predicate())


def _start(kind: str, tmp: Path) -> tuple[Launched, int, str]:
    """The command running with one page open; (launched, port, the page's path)."""
    port = free_port()
    if kind == "serve":
        folder = _workbook(tmp)
        srv = launch(["--workbook", str(folder), "serve", "--port", str(port)], tmp)
        path = "/?" + srv.urls[0].split("?", 1)[1]
    else:
        root, keys = _room(tmp)
        srv = launch(["workshop", "serve", str(root), "--port", str(port)], tmp)
        token = Workshop.open(root).room_token
        path = f"/?token={token}&key={keys['Table 1']}"
    assert srv.proc.poll() is None, Path(srv.log).read_text()
    status, body = _get(port, path)
    assert status == 200 and b"jupyter-config-data" in body
    return srv, port, path


CASES = [
    ("serve", signal.SIGINT),
    ("serve", signal.SIGTERM),
    ("serve", signal.SIGHUP),
    ("serve", signal.SIGKILL),
    ("workshop", signal.SIGTERM),
    ("workshop", signal.SIGHUP),
    ("workshop", signal.SIGKILL),
]


@pytest.mark.parametrize(("kind", "sig"), CASES, ids=[f"{k}-{s.name}" for k, s in CASES])
def test_a_signal_to_the_command_stops_everything(
    kind: str, sig: signal.Signals, tmp_path: Path
) -> None:
    srv, port, _path = _start(kind, tmp_path)
    try:
        folder = srv.server_folder()
        assert any("ipykernel" in cmd for cmd in _left_over(folder)), "the page has no kernel"
        os.kill(srv.proc.pid, sig)  # the command itself, not its process group
        srv.proc.wait(timeout=30)
        assert _wait(lambda: not _left_over(folder), 20), _left_over(folder)
        assert _wait(lambda: _port_free(port), 10), f"port {port} still taken"
        assert not Path(folder).exists()
        if sig != signal.SIGKILL:
            assert srv.proc.returncode == 0
            assert srv.proc.stdout is not None
            assert "Stopped." in srv.proc.stdout.read()
    finally:
        srv.kill()


def test_a_taken_port_is_reported_and_nothing_is_printed_as_served(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        srv = launch(
            ["--workbook", str(_workbook(tmp_path)), "serve", "--port", str(port)], tmp_path
        )
        srv.proc.wait(timeout=60)
        err = srv.log.read_text()
    assert srv.proc.returncode == 1
    assert f"Port {port}" in err and "already in use" in err
    assert not srv.urls  # no address printed that leads nowhere
    assert not [
        c
        for c in processes().values()
        if "repairbook.serve_voila" in c and f"--port={port} " in c + " "
    ]


def test_the_token_is_not_on_any_command_line(tmp_path: Path) -> None:
    srv, _port, path = _start("serve", tmp_path)
    try:
        token = path.split("token=", 1)[1]
        listing = processes().values()
        assert not [cmd for cmd in listing if token in cmd]
        assert not [cmd for cmd in listing if "serve_voila" in cmd and "--token" in cmd]
    finally:
        srv.kill()


def test_host_header_cap_and_query_socket(tmp_path: Path, browser) -> None:  # type: ignore[no-untyped-def]
    """A foreign Host is refused; past --max-pages a calm page; the preheat hand-off
    socket that let a stranger stall the next visitor does not exist; a visitor loads."""
    from websockets.exceptions import InvalidStatus
    from websockets.sync.client import connect

    port = free_port()
    folder = _workbook(tmp_path)
    srv = launch(
        ["--workbook", str(folder), "serve", "--port", str(port), "--max-pages", "2"], tmp_path
    )
    try:
        path = "/?" + srv.urls[0].split("?", 1)[1]
        # DNS rebinding: the right token, the wrong name
        status, body = _get(port, path, host=f"attacker.example:{port}")
        assert status == 404 and b"jupyter-config-data" not in body
        # two token-less sockets on a made-up id, one closed: refused at the handshake
        made_up = uuid.uuid4()
        for _ in range(2):
            with pytest.raises(InvalidStatus):
                connect(f"ws://127.0.0.1:{port}/voila/query/{made_up}", open_timeout=10).close()
        # a real visitor loads and sees the couple
        ctx = browser.new_context()
        page = ctx.new_page()
        open_app(page, srv.urls[0])
        assert "Alex" in page.inner_text(".rb-app")
        # one more page fits under the cap of two; the third waits calmly
        status, _b = _get(port, path)
        assert status == 200
        status, body = _get(port, path)
        assert status == 503 and b"A moment, please" in body and b"Traceback" not in body
        ctx.close()
    finally:
        srv.kill()


def test_a_kernel_answers_only_the_browser_that_opened_its_page(tmp_path: Path) -> None:
    """Two visitors with the same token (two couples in a room): neither reaches the
    other's kernel by its id."""
    from websockets.exceptions import InvalidStatus
    from websockets.sync.client import connect

    from tests.e2e.test_strangers_e2e import _kernel_id, page_and_cookie

    srv, port, path = _start("workshop", tmp_path)
    try:
        token = path.split("token=", 1)[1].split("&", 1)[0]
        html_a, cookie_a = page_and_cookie(port, path)
        html_b, cookie_b = page_and_cookie(port, path)
        kernel_a = _kernel_id(html_a)
        url = f"ws://127.0.0.1:{port}/api/kernels/{kernel_a}/channels?token={token}"
        with pytest.raises(InvalidStatus) as refused:
            connect(url, open_timeout=20, additional_headers={"Cookie": cookie_b}).close()
        assert refused.value.response.status_code == 403
        with connect(url, open_timeout=20, additional_headers={"Cookie": cookie_a}):
            pass
        assert _kernel_id(html_b) != kernel_a
    finally:
        srv.kill()

"""Strangers at the server: what someone who is not the couple (or is, but pokes around)
can get out of `repairbook serve` and `repairbook workshop serve`.

Every response body is searched for a workbook byte (the SQLite header, and a canary
sentence written into a shared entry), for a Python traceback and for a system file; the
server must still answer the page afterwards; and the kernels that page loads start are
culled back to the baseline (the servers run with a 2 s cull interval and a 4 s idle
timeout so that takes seconds, not minutes).

The kernel's websocket is tried as a stranger holding the page's own kernel id: Voilà
passes only comm and info messages to the kernel, so an ``execute_request`` (code that
would write a marker file) must never run; an unknown ``comm_open`` and a 20 MB message
must not bring anything down.
"""

from __future__ import annotations

import http.client
import json
import re
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from repairbook.entries import make_entry
from repairbook.store import Workbook, check_workbook
from tests.e2e.conftest import Served, serve
from tests.e2e.test_workshop_e2e import Room, _kernels, _wait_for, room  # noqa: F401 - fixture

pytestmark = pytest.mark.e2e

SQLITE = b"SQLite format 3"
CANARY = "KESTREL-SHARED-CANARY-5521"
#: what must never leave the server, in any body
LEAKS = (SQLITE, CANARY.encode(), b"Traceback", b'File "', b"root:x:0:0")
CULL = ["--cull-interval", "2", "--cull-idle-timeout", "4"]


def _leaks(body: bytes) -> list[bytes]:
    return [bad for bad in LEAKS if bad in body]


def _request(
    port: int, method: str, path: str, body: bytes | None = None, timeout: float = 120
) -> tuple[int, bytes, dict[str, str]]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body)
        res = conn.getresponse()
        return res.status, res.read(), dict(res.getheaders())
    finally:
        conn.close()


def page_and_cookie(port: int, path: str) -> tuple[bytes, str]:
    """The page and the Cookie header its browser would send back (the page's kernel is
    bound to it: see repairbook.serve_voila)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        conn.request("GET", path)
        res = conn.getresponse()
        body = res.read()
        assert res.status == 200, res.status
        jar = [c.split(";", 1)[0] for c in res.headers.get_all("Set-Cookie") or []]
        return body, "; ".join(jar)
    finally:
        conn.close()


def _port(srv: Served) -> int:
    return int(srv.base.rsplit(":", 1)[1])


def _kernel_id(html: bytes) -> str:
    """The page's own kernel, as the page's JavaScript finds it."""
    m = re.search(
        rb'<script id="jupyter-config-data" type="application/json">(.*?)</script>', html, re.S
    )
    assert m, "the page has no jupyter-config-data"
    return str(json.loads(m.group(1))["kernelId"])


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """`repairbook serve` on a lived-in demo workbook with a canary in a shared entry."""
    from repairbook.demo import make_demo

    tmp = tmp_path_factory.mktemp("strangers")
    folder = tmp / "workbook"
    make_demo(folder, days=14, seed=5)
    wb = Workbook.open(folder)
    wb.add(make_entry("intention", {"hope": CANARY}, author=wb.partners[0]))
    wb.close()
    srv = serve(folder, tmp, args=CULL)
    yield srv
    srv.stop()
    assert check_workbook(folder).ok


# -- plain HTTP --------------------------------------------------------------------------


def stranger_paths(token: str, workbook: Path, kernel: str) -> list[tuple[str, str]]:
    """(method, path) a stranger would try: every route Voilà has, with and without the
    token, and path traversal in each, plain and url-encoded."""
    wb = str(workbook).lstrip("/")
    db = f"{wb}/workbook.sqlite"
    up = "../" * 12
    enc = "..%2f" * 12
    t = f"token={token}"
    paths = [
        "/",
        "/?token=wrong",
        f"/?token={token[:-1]}",
        "/login",
        "/api/kernels",
        f"/api/kernels?{t}",
        f"/api/kernels/{kernel}",
        f"/api/kernels/{uuid.uuid4()}?{t}",
        "/api/contents",
        f"/api/contents?{t}",
        f"/api/contents/{db}?{t}",
        "/api/sessions",
        f"/api/sessions?{t}",
        "/api/terminals",
        "/lab",
        f"/lab?{t}",
        "/tree",
        f"/tree?{t}",
        "/terminals",
        f"/terminals/websocket/1?{t}",
        "/files/workbook.sqlite",
        f"/files/{db}?{t}",
        "/voila/files/workbook.sqlite",
        f"/voila/files/workbook.sqlite?{t}",
        f"/voila/files/repairbook.ipynb?{t}",
        f"/voila/files/{up}{db}",
        f"/voila/files/{up}{db}?{t}",
        f"/voila/files/{enc}{db.replace('/', '%2f')}?{t}",
        f"/voila/files/{enc}etc%2fpasswd",
        f"/voila/render/{up}{db}",
        f"/voila/render/{up}{db}?{t}",
        f"/voila/render/{enc}etc%2fpasswd?{t}",
        f"/voila/tree?{t}",
        f"/voila/api/contents/{db}?{t}",
        f"/voila/static/{up}etc/passwd",
        f"/voila/static/{enc}etc%2fpasswd",
        f"/voila/static/{up}{db}",
        f"/voila/templates/repairbook/static/{up}{db}",
        f"/voila/templates/repairbook/static/{enc}etc%2fpasswd",
        f"/voila/templates/{enc}{wb.replace('/', '%2f')}/static/workbook.sqlite",
        "/voila/templates/repairbook/repairbook.css",
        f"/voila/labextensions/{up}etc/passwd",
        f"/voila/labextensions/{enc}etc%2fpasswd",
        f"/voila/api/themes/{up}etc/passwd",
        f"/voila/api/themes/{enc}{db.replace('/', '%2f')}",
        f"/static/{up}{db}",
        f"/static/{enc}etc%2fpasswd",
        f"/{up}{db}?{t}",
        f"/{enc}etc%2fpasswd?{t}",
        "/%00",
        "/" + "a" * 8000,
    ]
    return [("GET", p) for p in paths] + [
        ("DELETE", f"/api/kernels/{kernel}"),
        # the token alone lets its holder stop a kernel, but only one whose id it knows:
        # ids are random and no route lists them
        ("DELETE", f"/api/kernels/{uuid.uuid4()}?{t}"),
        ("POST", f"/voila/api/shutdown/{kernel}"),
        ("POST", f"/voila/api/shutdown/{uuid.uuid4()}?{t}"),
        ("POST", "/api/kernels"),
        ("PUT", f"/api/contents/evil.txt?{t}"),
    ]


def _page_ok(port: int, token: str) -> bytes:
    status, body, _h = _request(port, "GET", f"/?token={token}")
    assert status == 200 and b"jupyter-config-data" in body, status
    assert not _leaks(body)
    return body


def test_every_route_refuses_strangers_and_leaks_nothing(app: Served) -> None:
    port = _port(app)
    kernel = _kernel_id(_page_ok(port, app.token))
    answered = []
    for method, path in stranger_paths(app.token, app.workbook, kernel):
        status, body, headers = _request(port, method, path)
        assert not _leaks(body), (method, path, status, _leaks(body))
        answered.append((method, path, status))
        if path == "/login":
            continue  # Jupyter Server's own token form: a page, but nothing behind it
        # refused: a redirect to the login page (or into the empty files route), or an
        # error status; never a file, never the app without the whole token
        if status in (301, 302, 303):
            where = headers.get("Location", "")
            assert "login" in where or where.startswith("/voila/files/"), (path, where)
        else:
            allowed = {400, 403, 404, 405}
            if path.startswith("/voila/templates/"):
                # Voilà's template file handler answers a malformed path with a bare
                # 500 page (an assertion in its URL parser); it carries no detail
                allowed.add(500)
            assert status in allowed, (method, path, status)
    # a redirect into /voila/files leads nowhere either
    status, body, _h = _request(port, "GET", f"/voila/files/api/kernels?token={app.token}")
    assert status in (403, 404) and not _leaks(body)
    # the page's kernel is still there (nobody shut it down): its own browser sees it, the
    # token alone does not
    status, body, _h = _request(port, "GET", f"/api/kernels/{kernel}?token={app.token}")
    assert status == 403 and not _leaks(body)
    _page_ok(port, app.token)
    assert app.proc.poll() is None
    assert len(answered) > 50


# -- the kernel's websocket --------------------------------------------------------------


def _msg(msg_type: str, content: dict[str, Any], channel: str = "shell") -> dict[str, Any]:
    return {
        "header": {
            "msg_id": uuid.uuid4().hex,
            "msg_type": msg_type,
            "username": "stranger",
            "session": uuid.uuid4().hex,
            "date": "2026-01-01T00:00:00Z",
            "version": "5.3",
        },
        "parent_header": {},
        "metadata": {},
        "content": content,
        "channel": channel,
        "buffers": [],
    }


def _replies(ws: Any, seconds: float) -> list[dict[str, Any]]:
    """Every JSON message the kernel sends within ``seconds``."""
    import websockets.exceptions

    got: list[dict[str, Any]] = []
    end = time.monotonic() + seconds
    while (left := end - time.monotonic()) > 0:
        try:
            frame = ws.recv(timeout=left)
        except TimeoutError:
            break
        except websockets.exceptions.ConnectionClosed:
            break
        if isinstance(frame, str):
            got.append(json.loads(frame))
    return got


def _reply_to(ws: Any, msg: dict[str, Any], seconds: float = 20) -> list[dict[str, Any]]:
    """Send ``msg``; the messages that answer it (parent_header points at it)."""
    ws.send(json.dumps(msg))
    mine = msg["header"]["msg_id"]
    out: list[dict[str, Any]] = []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        for m in _replies(ws, 1.0):
            if m.get("parent_header", {}).get("msg_id") == mine:
                out.append(m)
        if any(m.get("msg_type", m["header"]["msg_type"]).endswith("_reply") for m in out):
            break
    return out


def _kernel_socket_url(port: int, kernel: str, token: str | None) -> str:
    q = f"session_id={uuid.uuid4().hex}"
    if token is not None:
        q += f"&token={token}"
    return f"ws://127.0.0.1:{port}/api/kernels/{kernel}/channels?{q}"


def websocket_probe(port: int, token: str, marker: Path) -> None:
    """The stranger's websocket session against the page's kernel (shared by both servers)."""
    from websockets.exceptions import ConnectionClosed, InvalidStatus
    from websockets.sync.client import connect

    html, cookie = page_and_cookie(port, f"/?token={token}")
    kernel = _kernel_id(html)
    assert kernel in cookie  # the binding cookie names the page's kernel

    # without the token, or with a wrong one, the socket is refused at the handshake
    for bad in (None, "wrong", token[:-1]):
        with pytest.raises(InvalidStatus) as refused:
            connect(_kernel_socket_url(port, kernel, bad), open_timeout=20).close()
        assert refused.value.response.status_code in (302, 401, 403)
        assert not _leaks(refused.value.response.body or b"")
    # the token without the page's own cookie (another couple in the room holds the token)
    with pytest.raises(InvalidStatus) as refused:
        connect(_kernel_socket_url(port, kernel, token), open_timeout=20).close()
    assert refused.value.response.status_code == 403
    mine = {"Cookie": cookie}

    with connect(
        _kernel_socket_url(port, kernel, token),
        open_timeout=30,
        max_size=None,
        additional_headers=mine,
    ) as ws:
        # the channel is live: an info request is answered
        info = _reply_to(ws, _msg("kernel_info_request", {}))
        assert any(m["header"]["msg_type"] == "kernel_info_reply" for m in info), info

        # code sent by a visitor never runs
        code = f"open({str(marker)!r}, 'w').write('ran')"
        req = _msg(
            "execute_request",
            {"code": code, "silent": False, "store_history": False, "allow_stdin": False},
        )
        answer = _reply_to(ws, req, seconds=6)
        assert answer == [], answer  # no busy/idle, no reply: the server dropped it
        for channel in ("control", "iopub", "stdin"):
            req = _msg("execute_request", {"code": code, "silent": False}, channel=channel)
            assert _reply_to(ws, req, seconds=2) == []
        assert not marker.exists()

        # a comm for a target nobody registered: the kernel shrugs it off
        comm = _msg(
            "comm_open",
            {"comm_id": uuid.uuid4().hex, "target_name": "no.such.target", "data": {"x": 1}},
        )
        ws.send(json.dumps(comm))
        for m in _replies(ws, 2):
            assert not _leaks(json.dumps(m).encode()), m
        again = _reply_to(ws, _msg("kernel_info_request", {}))
        assert any(m["header"]["msg_type"] == "kernel_info_reply" for m in again)

        # malformed frames are ignored or close this socket, nothing more
        for junk in ("not json", "{}", json.dumps({"header": {}, "channel": "shell"})):
            try:
                ws.send(junk)
            except ConnectionClosed:
                break

    # an oversize message (20 MB): this socket is closed, the server carries on
    big = _msg("comm_msg", {"comm_id": "x", "data": {"blob": "x" * (20 * 1024 * 1024)}})
    with connect(
        _kernel_socket_url(port, kernel, token),
        open_timeout=30,
        max_size=None,
        additional_headers=mine,
    ) as ws:
        try:
            ws.send(json.dumps(big))
            _replies(ws, 3)
        except ConnectionClosed:
            pass
    assert not marker.exists()
    _page_ok(port, token)


def test_kernel_websocket_runs_no_visitor_code(app: Served, tmp_path: Path) -> None:
    marker = tmp_path / "visitor-code-ran"
    websocket_probe(_port(app), app.token, marker)
    assert app.proc.poll() is None
    assert not marker.exists()


# -- a flood, then the kernels go back --------------------------------------------------


def flood(port: int, token_paths: list[str], stranger_paths: list[str]) -> list[int]:
    """Every path at once from a small thread pool, reading each body to the end."""
    leaks: list[tuple[str, list[bytes]]] = []
    hung: list[str] = []

    def one(path: str) -> int:
        try:
            status, body, _h = _request(port, "GET", path, timeout=120)
        except TimeoutError:
            hung.append(path)
            return 0
        if _leaks(body):
            leaks.append((path, _leaks(body)))
        return status

    mixed = [p for pair in zip(stranger_paths, token_paths, strict=False) for p in pair]
    mixed += stranger_paths[len(token_paths) :]
    with ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(one, mixed))
    assert not leaks, leaks
    assert not hung, f"no answer within 120 s: {hung}"
    return statuses


#: each page load that carries the token starts a kernel (about 2-4 s of CPU on this kind of
#: machine), so the flood is 200 loads of the page of which a few carry the whole token;
#: the rest are strangers guessing (no token, wrong token, the token cut short)
REAL_LOADS = 6
FLOOD = 200


def test_flood_of_page_loads_then_kernels_culled_to_baseline(app: Served) -> None:
    port = _port(app)
    pid = app.proc.pid
    # earlier loads are idle: their kernels go, leaving the preheated pool
    assert _wait_for(lambda: _kernels(pid) <= 1, 90), _kernels(pid)
    baseline = _kernels(pid)
    token = app.token
    guesses = ["/", "/?token=", "/?token=wrong", f"/?token={token[:-2]}", f"/?token={token}x"]
    strangers = [guesses[i % len(guesses)] for i in range(FLOOD - REAL_LOADS)]
    statuses = flood(port, [f"/?token={token}"] * REAL_LOADS, strangers)
    assert len(statuses) == FLOOD
    assert statuses.count(200) == REAL_LOADS, statuses
    assert all(s in (200, 302, 403) for s in statuses), set(statuses)
    assert _kernels(pid) > baseline  # the real loads did start kernels
    _page_ok(port, token)
    assert app.proc.poll() is None
    # nobody keeps those pages open: every kernel but the pool is given back
    assert _wait_for(lambda: _kernels(pid) <= baseline, 120), _kernels(pid)


# -- the workshop's room server ------------------------------------------------------------


def test_room_server_websocket_runs_no_visitor_code(room: Room, tmp_path: Path) -> None:  # noqa: F811
    marker = tmp_path / "room-visitor-code-ran"
    websocket_probe(room.port, room.ws.room_token, marker)
    assert room.proc.poll() is None
    assert not marker.exists()


def test_room_server_keys_and_traversal_leak_nothing(room: Room) -> None:  # noqa: F811
    """Couples' keys swapped, altered and stacked, with traversal in every route."""
    token = room.ws.room_token
    one, two = room.keys["Table 1"], room.keys["Table 2"]
    folder = room.ws.workbook_path("Table 2").name
    paths = [
        f"/?key={one}",
        f"/?token=wrong&key={one}",
        f"/?token={token}&key={one}&key={two}",
        f"/?token={token}&key={one[:-1]}",
        f"/?token={token}&key=../{folder}",
        f"/?token={token}&key=..%2f{folder}%2fworkbook.sqlite",
        f"/{folder}/workbook.sqlite?token={token}&key={one}",
        f"/voila/files/{folder}/workbook.sqlite?token={token}&key={one}",
        f"/voila/files/..%2f{folder}%2fworkbook.sqlite?token={token}",
        f"/voila/render/..%2f..%2f{folder}%2fworkbook.sqlite?token={token}",
        f"/voila/static/..%2f..%2f{folder}%2fworkbook.sqlite",
        f"/voila/templates/repairbook/static/..%2f..%2f{folder}%2fworkbook.sqlite",
        "/voila/files/..%2fworkshop.json",
        f"/api/kernels?token={token}",
        f"/api/sessions?token={token}",
        f"/api/contents/{folder}?token={token}",
        f"/terminals?token={token}",
    ]
    secret = [room.ws.data.salt.encode(), one.encode(), two.encode(), b"zqnote-table-two"]
    for path in paths:
        status, body, _h = _request(room.port, "GET", path)
        assert not _leaks(body), (path, _leaks(body))
        assert not [s for s in secret if s in body], path
    status, body, _h = _request(room.port, "GET", f"/?token={token}&key={one}")
    assert status == 200 and not _leaks(body)
    assert room.proc.poll() is None


def test_room_server_flood_then_kernels_culled(room: Room) -> None:  # noqa: F811
    pid = room.proc.pid
    assert _wait_for(lambda: _kernels(pid) <= 1, 90), _kernels(pid)
    baseline = _kernels(pid)
    token = room.ws.room_token
    real = [f"/?token={token}&key={room.keys['Table 1']}"] * 3 + [f"/?token={token}&key=made-up"]
    guesses = ["/", f"/?key={room.keys['Table 1']}", "/?token=wrong", f"/?token={token[:-1]}"]
    strangers = [guesses[i % len(guesses)] for i in range(FLOOD - len(real))]
    statuses = flood(room.port, real, strangers)
    assert statuses.count(200) == len(real)
    assert _kernels(pid) > baseline
    assert room.proc.poll() is None
    assert _wait_for(lambda: _kernels(pid) <= baseline, 120), _kernels(pid)

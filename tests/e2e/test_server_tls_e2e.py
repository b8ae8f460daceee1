"""HTTPS on a loopback alias (127.0.0.2 stands in for the home network's address; nothing
leaves this machine): printed addresses are https, the certificate made on first use is
the one served and verifies for that address, its fingerprint is printed, plain HTTP gets
no page, and the page works in Chromium. The room server does the same."""

from __future__ import annotations

import http.client
import socket
import ssl
from pathlib import Path

import pytest

from repairbook.serve import free_port
from repairbook.store import Workbook
from repairbook.tls import fingerprint, format_fingerprint, tls_folder
from repairbook.workshop import Workshop
from tests.e2e.conftest import launch

pytestmark = pytest.mark.e2e

ALIAS = "127.0.0.2"


def _served_cert(port: int) -> bytes:
    """The certificate the server presents (DER), without trusting it."""
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    with (
        socket.create_connection((ALIAS, port), timeout=30) as raw,
        ctx.wrap_socket(raw, server_hostname=ALIAS) as tls,
    ):
        der = tls.getpeercert(binary_form=True)
    assert der
    return der


def _verified_get(port: int, path: str, cafile: Path) -> tuple[int, bytes]:
    """GET over HTTPS trusting only the folder's certificate, with hostname checking."""
    ctx = ssl.create_default_context(cafile=str(cafile))
    conn = http.client.HTTPSConnection(ALIAS, port, context=ctx, timeout=120)
    try:
        conn.request("GET", path)
        res = conn.getresponse()
        return res.status, res.read()
    finally:
        conn.close()


def _plain_http_gets_no_page(port: int, path: str) -> None:
    conn = http.client.HTTPConnection(ALIAS, port, timeout=20)
    try:
        conn.request("GET", path)
        res = conn.getresponse()
        body = res.read()
    except (ConnectionError, http.client.HTTPException, OSError):
        return
    finally:
        conn.close()
    assert b"jupyter-config-data" not in body and res.status != 200


def test_serve_on_an_address_speaks_https_with_its_own_certificate(
    tmp_path: Path,
    browser,  # type: ignore[no-untyped-def]
) -> None:
    folder = tmp_path / "wb"
    Workbook.create(folder, ["Alex", "Sam"]).close()
    port = free_port(ALIAS)
    srv = launch(
        ["--workbook", str(folder), "serve", "--host", ALIAS, "--port", str(port)], tmp_path
    )
    try:
        assert srv.proc.poll() is None, srv.log.read_text()
        assert srv.urls and all(u.startswith(f"https://{ALIAS}:{port}/") for u in srv.urls)
        key = tls_folder(folder) / "key.pem"
        assert key.stat().st_mode & 0o777 == 0o600
        printed = fingerprint(folder)
        assert printed and printed in "\n".join(srv.lines)
        assert format_fingerprint(_served_cert(port)) == printed
        path = "/?" + srv.urls[0].split("?", 1)[1]
        status, body = _verified_get(port, path, tls_folder(folder) / "cert.pem")
        assert status == 200 and b"jupyter-config-data" in body
        _plain_http_gets_no_page(port, path)
        # the page in a browser (which, like a phone, was told to accept this certificate)
        ctx = browser.new_context(ignore_https_errors=True)
        page = ctx.new_page()
        page.goto(srv.urls[0])
        page.wait_for_selector(".rb-app", timeout=90_000)
        assert "Alex" in page.inner_text(".rb-app")
        ctx.close()
    finally:
        srv.kill()
    # the next start reuses the certificate: a phone that accepted it sees no new warning
    again = launch(
        ["--workbook", str(folder), "serve", "--host", ALIAS, "--port", str(free_port(ALIAS))],
        tmp_path,
    )
    try:
        assert fingerprint(folder) == printed and printed in "\n".join(again.lines)
    finally:
        again.kill()


def test_plain_http_off_127_0_0_1_needs_the_flag(tmp_path: Path) -> None:
    folder = tmp_path / "wb"
    Workbook.create(folder, ["Alex", "Sam"]).close()
    port = free_port(ALIAS)
    srv = launch(
        [
            "--workbook",
            str(folder),
            "serve",
            "--host",
            ALIAS,
            "--port",
            str(port),
            "--insecure-http",
        ],
        tmp_path,
    )
    try:
        assert srv.urls and srv.urls[0].startswith(f"http://{ALIAS}:{port}/")
        assert not tls_folder(folder).exists()
    finally:
        srv.kill()


def test_room_server_on_an_address_speaks_https(tmp_path: Path, browser) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path / "room"
    ws, _fkey = Workshop.create(root, "Saturday group")
    record, key = ws.add_couple("Table 1")
    Workbook.create(ws.workbook_path(record), ["Ana", "Bo"]).close()
    port = free_port(ALIAS)
    srv = launch(["workshop", "serve", str(root), "--host", ALIAS, "--port", str(port)], tmp_path)
    try:
        assert srv.proc.poll() is None, srv.log.read_text()
        assert srv.urls and all(u.startswith("https://") for u in srv.urls)
        printed = fingerprint(root)
        assert printed and printed in "\n".join(srv.lines)
        assert (tls_folder(root) / "key.pem").stat().st_mode & 0o777 == 0o600
        path = f"/?token={ws.room_token}&key={key}"
        status, body = _verified_get(port, path, tls_folder(root) / "cert.pem")
        assert status == 200
        _plain_http_gets_no_page(port, path)
        ctx = browser.new_context(ignore_https_errors=True)
        page = ctx.new_page()
        page.goto(f"https://{ALIAS}:{port}{path}")
        page.wait_for_selector(".rb-app .rb-brand", timeout=90_000)
        assert "Ana & Bo" in page.inner_text(".rb-brand")
        ctx.close()
    finally:
        srv.kill()

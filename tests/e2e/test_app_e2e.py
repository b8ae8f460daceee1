"""The couple's page, driven as a couple would: first run, welcome and both partners'
private safety checks, both check-ins, a reload, a partner switch, hostile text; then the
workbook on disk is checked after each step."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from repairbook.store import Workbook
from tests.e2e.conftest import open_app, shoot
from tests.e2e.helpers import Driver

pytestmark = pytest.mark.e2e

ALEX_PASS = "alex's long passphrase"
SAM_PASS = "sam's long passphrase"
SECRET = "ZEBRA-PRIVATE-CANARY-4471"
HOSTILE = (
    '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
    "\u202eRTL override \u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627 "
    "\U0001f49b emoji \x07bell\x1b[31m " + "long " * 400
)


def click(d: Driver, cls: str) -> None:
    d.act(d.page.locator(f".{cls}").first.click)


def fill(d: Driver, cls: str, text: str) -> None:
    box = d.page.locator(f".{cls} input, .{cls} textarea").first
    box.fill(text)
    d.act(lambda: box.press("Tab"))  # widgets sync on blur


def yes_no(d: Driver, cls: str, yes: bool) -> None:
    d.act(d.page.locator(f".{cls} button", has_text="Yes" if yes else "No").click)


def collect_frames(page) -> list[str]:  # type: ignore[no-untyped-def]
    """Every websocket message the page receives: the widget state the browser got."""
    frames: list[str] = []

    def on_ws(ws):  # type: ignore[no-untyped-def]
        ws.on(
            "framereceived",
            lambda payload: frames.append(
                payload if isinstance(payload, str) else payload.decode("utf-8", "replace")
            ),
        )

    page.on("websocket", on_ws)
    return frames


def welcome_partner(d: Driver, name: str, passphrase: str, hope: str, afraid: bool) -> None:
    page = d.page
    page.wait_for_selector(".rb-welcome-start")
    click(d, "rb-welcome-start")
    fill(d, "rb-passphrase1", passphrase)
    fill(d, "rb-passphrase2", passphrase)
    click(d, "rb-passphrase-set")
    fill(d, "rb-f-hope", hope)
    click(d, "rb-hope-save")
    page.wait_for_selector(".rb-screen-afraid")
    yes_no(d, "rb-screen-afraid", afraid)
    for q in ("threatened", "controlled", "hurt"):
        yes_no(d, f"rb-screen-{q}", False)
    yes_no(d, "rb-screen-betrayal_or_addiction", name == "Sam")
    click(d, "rb-screen-save")


def test_first_run_welcome_safety_checkins_privacy(tmp_path: Path, new_page, served) -> None:  # type: ignore[no-untyped-def]
    wb_path = tmp_path / "workbook"
    srv = served(wb_path)
    page = new_page()
    d = Driver(page)
    hosts: set[str] = set()
    page.on("request", lambda r: hosts.add(re.sub(r"^(\w+://[^/]+).*", r"\1", r.url)))
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    frames = collect_frames(page)
    open_app(page, srv.url)

    # first run: the two names
    page.wait_for_selector(".rb-setup-name1")
    shoot(page, "setup")
    fill(d, "rb-setup-name1", "Alex")
    fill(d, "rb-setup-name2", "Sam")
    click(d, "rb-setup-create")
    assert (wb_path / "workbook.sqlite").exists()
    assert Workbook.open(wb_path).partners == ["Alex", "Sam"]

    # Alex: passphrase, hope, safety check all "no"
    page.wait_for_selector(".rb-welcome-start")
    shoot(page, "welcome")
    click(d, "rb-welcome-start")
    fill(d, "rb-passphrase1", ALEX_PASS)
    fill(d, "rb-passphrase2", ALEX_PASS + "x")
    click(d, "rb-passphrase-set")
    assert "do not match" in page.locator(".rb-passphrase-status").inner_text()
    fill(d, "rb-passphrase2", ALEX_PASS)
    click(d, "rb-passphrase-set")
    fill(d, "rb-f-hope", "To laugh together again.")
    click(d, "rb-hope-save")
    page.wait_for_selector(".rb-screen-afraid")
    shoot(page, "safety_screen")
    for q in ("afraid", "threatened", "controlled", "hurt", "betrayal_or_addiction"):
        yes_no(d, f"rb-screen-{q}", False)
    click(d, "rb-screen-save")
    page.wait_for_selector(".rb-welcome-handover")
    all_clear_alex = page.locator(".rb-page-welcome").inner_text()

    # hand over to Sam, who answers one "yes": private guidance, only for Sam
    click(d, "rb-welcome-handover")
    welcome_partner(d, "Sam", SAM_PASS, "To be relied on.", afraid=True)
    page.wait_for_selector(".rb-safety-continue")
    guidance = page.locator(".rb-page-welcome").inner_text()
    assert "112" in guidance  # the emergency number
    assert "not your fault" in guidance.lower()
    shoot(page, "safety_guidance")
    click(d, "rb-safety-continue")
    page.wait_for_selector(".rb-welcome-done")

    wb = Workbook.open(wb_path)
    assert {e.author for e in wb.list("intention")} == {"Alex", "Sam"}
    assert wb.private_count("Alex", "safety_screen") == 1
    assert wb.private_count("Sam", "safety_screen") == 1
    assert wb.list("safety_screen") == []  # nobody reads them without a passphrase
    wb.unlock("Sam", SAM_PASS)
    (sam_screen,) = wb.list("safety_screen", viewer="Sam")
    assert sam_screen.afraid is True and sam_screen.visibility == "private"
    wb.close()

    # Today: Sam checks in with a private note
    click(d, "rb-welcome-done")
    page.wait_for_selector(".rb-checkin-save")
    shoot(page, "today")
    # every rating starts "not answered" and says so
    assert page.locator(".rb-f-trust .widget-readout").first.inner_text().strip() == "not answered"
    page.locator(".rb-f-trust .noUi-handle").first.focus()
    for _ in range(6):  # from "not answered" to 5
        page.keyboard.press("ArrowRight")
    yes_no(d, "rb-f-honest", True)
    page.locator(".rb-f-affection select").select_option(label="3")
    yes_no(d, "rb-f-same_argument", False)
    fill(d, "rb-f-note", SECRET)
    d.act(page.locator(".rb-checkin-note-private input").check)
    click(d, "rb-checkin-save")
    # Sam's private pages are still locked from the welcome? then unlock on Private first
    status = page.locator(".rb-checkin-status").inner_text()
    if "open your private pages" in status:
        click(d, "rb-nav-private")
        fill(d, "rb-unlock-passphrase", SAM_PASS)
        click(d, "rb-unlock")
        click(d, "rb-nav-today")
        yes_no(d, "rb-f-honest", True)
        yes_no(d, "rb-f-same_argument", False)
        fill(d, "rb-f-note", SECRET)
        d.act(page.locator(".rb-checkin-note-private input").check)
        click(d, "rb-checkin-save")
    page.wait_for_selector(".rb-checkin-status .rb-saved")
    shoot(page, "checkin_saved")

    # switch to Alex: Sam's note and safety answers are nowhere on the page or in its state
    frames_before_switch = len(frames)
    d.act(page.locator(".rb-partner-switch button", has_text="Alex").click)
    yes_no(d, "rb-f-honest", False)
    fill(d, "rb-f-note", HOSTILE)
    yes_no(d, "rb-f-same_argument", True)
    click(d, "rb-checkin-save")
    page.wait_for_selector(".rb-checkin-status .rb-saved")
    for name in ("private", "journey", "progress", "help", "today"):
        click(d, f"rb-nav-{name}")
        page.wait_for_selector(f".rb-page-{name}")
        assert SECRET not in page.content()
    after_switch = "".join(frames[frames_before_switch:])
    assert SECRET not in after_switch
    assert 'afraid": true' not in after_switch

    # the hostile note: stored byte-exact, shown as text, no script ran, no dialog
    wb = Workbook.open(wb_path)
    alex_checkin = [c for c in wb.list("checkin") if c.author == "Alex"][-1]
    assert alex_checkin.note == HOSTILE
    sam_checkin = [c for c in wb.list("checkin") if c.author == "Sam"][-1]
    assert sam_checkin.note == ""  # the private note went to Sam's journal instead
    wb.unlock("Sam", SAM_PASS)
    assert [j.text for j in wb.list("journal", viewer="Sam")] == [SECRET]
    wb.close()
    assert page.evaluate("() => window.__pwned") is None
    assert dialogs == []

    # reload: the shared page asks who is here (it opened as nobody), then Alex's
    # check-in of today is there, ready to edit
    page.reload()
    page.wait_for_selector(".rb-page-who")
    assert page.locator(".rb-checkin-save").count() == 0
    page.locator(".rb-who-1").click()
    page.wait_for_selector(".rb-checkin-save")
    assert page.locator(".rb-checkin-save").inner_text().startswith("Change")
    assert page.locator(".rb-f-note textarea").input_value() == HOSTILE
    assert page.evaluate("() => window.__pwned") is None

    # the page asked nothing of any other host
    assert hosts == {srv.base}, hosts
    # no Python traceback reached the page at any point
    assert "Traceback" not in page.content()
    assert all_clear_alex  # Alex saw the all-clear, not the guidance
    assert "not your fault" not in all_clear_alex.lower()
    srv.stop()
    # Ctrl-C stopped it cleanly and the workbook is intact
    assert srv.proc.returncode == 0, srv.log.read_text()[-2000:]
    from repairbook.store import check_workbook

    assert check_workbook(wb_path).ok


def test_strangers_get_nothing(tmp_path: Path, served) -> None:  # type: ignore[no-untyped-def]
    """Requests a stranger would send: no token, wrong token, files, APIs, traversal."""
    import http.client
    import urllib.parse

    wb = Workbook.create(tmp_path / "wb", ["Alex", "Sam"])
    wb.close()
    srv = served(tmp_path / "wb")
    host, port = urllib.parse.urlsplit(srv.base).netloc.split(":")
    paths = [
        "/",
        "/?token=wrong",
        "/voila/files/workbook.sqlite",
        f"/voila/files/workbook.sqlite?token={srv.token}",
        f"/voila/files/{tmp_path}/wb/workbook.sqlite?token={srv.token}",
        f"/voila/files/../../../../{tmp_path}/wb/workbook.sqlite?token={srv.token}",
        "/voila/files/..%2f..%2f..%2fetc%2fpasswd",
        f"/voila/files/repairbook.ipynb?token={srv.token}",
        "/api/kernels",
        "/api/contents",
        "/api/sessions",
        f"/api/contents?token={srv.token}",
        "/lab",
        "/tree",
        "/terminals",
        f"/terminals/websocket/1?token={srv.token}",
        f"/static/../../../../{tmp_path}/wb/workbook.sqlite",
        f"/voila/templates/repairbook/static/../../../../../../{tmp_path}/wb/workbook.sqlite",
    ]
    for p in paths:
        conn = http.client.HTTPConnection(host, int(port), timeout=10)
        conn.request("GET", p)
        r = conn.getresponse()
        body = r.read()
        conn.close()
        assert b"SQLite format 3" not in body, p
        assert b"Traceback" not in body, p
        # refused: a redirect to the login page, or an error status; never the file
        if p != f"/?token={srv.token}":
            assert r.status >= 300, (p, r.status)
    # the server is still up and the real page still answers
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    conn.request("GET", f"/?token={srv.token}")
    assert conn.getresponse().status == 200


def test_damaged_workbook_shows_a_sentence_not_a_traceback(
    tmp_path: Path, new_page, served
) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "wb"
    Workbook.create(folder, ["Alex", "Sam"]).close()
    srv = served(folder, args=["--no-preheat"])
    (folder / "workbook.sqlite").write_bytes(b"this is not a database " * 500)
    for suffix in ("-wal", "-shm"):
        Path(str(folder / "workbook.sqlite") + suffix).unlink(missing_ok=True)
    page = open_app(new_page(), srv.url)
    text = page.locator(".rb-unavailable").inner_text()
    assert "damaged" in text and "repairbook restore" in text
    assert "Traceback" not in page.content()
    assert 'File "' not in page.content()

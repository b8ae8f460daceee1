"""Accessibility, checked the way a screen-reader or keyboard user meets the app.

axe-core (vendored in tests/e2e/a11y/, injected into the real page) runs on every page:
setup, the welcome steps, Today, Journey, the 16 module pages, Progress on a lived-in demo,
Private locked and unlocked, Help, and the workshop's link page (a valid and an invalid
link). No serious or critical violation may remain. The check-in and the breathing timer
are driven with the keyboard alone, and the progress charts are checked to tell the two
partners apart by line style and marker, not by colour alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from repairbook.store import Workbook
from tests.e2e.conftest import Served, drawn, serve
from tests.e2e.helpers import Driver
from tests.e2e.test_workshop_e2e import Room, room  # noqa: F401 - fixture

pytestmark = pytest.mark.e2e

AXE = Path(__file__).resolve().parent / "a11y" / "axe.min.js"
BLOCKING = ("serious", "critical")

#: Nothing is excluded. (ipywidgets' slider handles had no accessible name; our page
#: template now gives each handle its slider's label, see docs/accessibility.md.)
EXCLUDE: list[list[str]] = []


def axe_violations(page: Any, exclude: list[list[str]] | None = None) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it is now."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return list(
        page.evaluate(
            """async (exclude) => {
                const r = await axe.run({include: [['html']], exclude: exclude},
                                        {resultTypes: ['violations']});
                return r.violations.map(v => ({
                    id: v.id, impact: v.impact, help: v.help, url: v.helpUrl,
                    targets: v.nodes.map(n => n.target.join(' '))}));
            }""",
            EXCLUDE if exclude is None else exclude,
        )
    )


def assert_accessible(page: Any, where: str, found: dict[str, list[dict[str, Any]]]) -> None:
    """Collect the page's blocking violations under ``where`` (reported together)."""
    drawn(page)  # a just-shown page has finished drawing
    bad = [v for v in axe_violations(page) if v["impact"] in BLOCKING]
    if bad:
        found[where] = bad


def report(found: dict[str, list[dict[str, Any]]]) -> str:
    lines = []
    for where, violations in found.items():
        for v in violations:
            targets = ", ".join(v["targets"][:6])
            lines.append(f"{where}: {v['id']} ({v['impact']}) on {targets} - {v['help']}")
    return "serious or critical accessibility problems:\n" + "\n".join(lines)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    from repairbook.demo import make_demo

    tmp = tmp_path_factory.mktemp("a11y")
    make_demo(tmp / "wb", days=60, seed=11)
    srv = serve(tmp / "wb", tmp)
    yield srv
    srv.stop()


def current_partner(d: Driver) -> str:
    return d.text(".rb-partner-switch button.mod-active").strip()


def test_every_app_page_has_no_serious_violation(demo: Served, new_page) -> None:  # type: ignore[no-untyped-def]
    from repairbook.demo import DEMO_PASSPHRASES

    found: dict[str, list[dict[str, Any]]] = {}
    d = Driver(new_page()).open(demo.url)
    page = d.page
    # every slider handle has a name a screen reader can say
    names = page.evaluate(
        "() => [...document.querySelectorAll('.noUi-handle')].map(h => h.getAttribute('aria-label'))"
    )
    assert names and all(names), names
    assert_accessible(page, "today", found)
    d.nav("journey")
    assert_accessible(page, "journey", found)
    for n in range(16):
        d.module(n)
        assert_accessible(page, f"module {n}", found)
    d.nav("progress")
    page.wait_for_selector(".rb-page-progress", timeout=30_000)
    assert_accessible(page, "progress", found)
    d.nav("private")
    assert_accessible(page, "private (locked)", found)
    d.fill("rb-unlock-passphrase", DEMO_PASSPHRASES[current_partner(d)])
    d.click("rb-unlock")
    assert page.locator(".rb-lock-now").count() == 1, "Private did not unlock"
    assert_accessible(page, "private (unlocked)", found)
    d.nav("help")
    assert_accessible(page, "help", found)
    # the page as a whole: a language, a title, a main landmark
    assert page.evaluate("() => document.documentElement.lang") == "en"
    assert page.title().strip()
    assert page.locator("main").count() == 1
    assert not found, report(found)


def test_setup_and_welcome_steps_have_no_serious_violation(tmp_path: Path, new_page) -> None:  # type: ignore[no-untyped-def]
    found: dict[str, list[dict[str, Any]]] = {}
    srv = serve(tmp_path / "new", tmp_path)
    try:
        d = Driver(new_page()).open(srv.url)
        d.page.wait_for_selector(".rb-setup-name1")
        assert_accessible(d.page, "setup", found)
        d.fill("rb-setup-name1", "Alex")
        d.fill("rb-setup-name2", "Sam")
        d.click("rb-setup-create")
        d.page.wait_for_selector(".rb-welcome-start")
        assert_accessible(d.page, "welcome", found)
        d.click("rb-welcome-start")
        d.page.wait_for_selector(".rb-passphrase1")
        assert_accessible(d.page, "welcome: passphrase", found)
        d.click("rb-passphrase-skip")
        d.page.wait_for_selector(".rb-hope-save")
        assert_accessible(d.page, "welcome: hope", found)
        d.fill("rb-f-hope", "To be at ease together.")
        d.click("rb-hope-save")
        d.page.wait_for_selector(".rb-screen-afraid")
        assert_accessible(d.page, "welcome: safety screen", found)
        for q in ("afraid", "threatened", "controlled", "hurt", "betrayal_or_addiction"):
            d.yes_no(f"rb-screen-{q}", q == "afraid")
        d.click("rb-screen-save")
        d.page.wait_for_selector(".rb-safety-continue")
        assert_accessible(d.page, "welcome: safety guidance", found)
    finally:
        srv.stop()
    assert not found, report(found)


def test_workshop_link_pages_have_no_serious_violation(room: Room, browser) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    found: dict[str, list[dict[str, Any]]] = {}
    for where, key, ready in (
        ("workshop: couple's link", room.keys["Table 1"], ".rb-app .rb-brand"),
        ("workshop: invalid link", "madeupmadeupmadeupmadeupmadeup12", ".rb-invalid-link"),
    ):
        ctx = browser.new_context(viewport={"width": 1100, "height": 820})
        try:
            page = ctx.new_page()
            d = Driver(page)
            page.goto(room.url(key), wait_until="commit", timeout=90_000)
            page.wait_for_selector(ready, timeout=90_000)
            d.settle(0, timeout=60)  # the kernel has sent the whole page
            assert_accessible(page, where, found)
        finally:
            ctx.close()
    assert not found, report(found)


# -- the keyboard alone ----------------------------------------------------------------------


def tab_to(page: Any, selector: str, *, back: bool = False, limit: int = 120) -> None:
    """Press Tab (or Shift+Tab) until the focused element matches ``selector``."""
    key = "Shift+Tab" if back else "Tab"
    for _ in range(limit):
        if page.evaluate(
            "(sel) => !!document.activeElement && document.activeElement.matches(sel)", selector
        ):
            return
        page.keyboard.press(key)
    raise AssertionError(f"{selector} cannot be reached with {key}")


def test_checkin_and_breathing_timer_with_the_keyboard_alone(tmp_path: Path, new_page) -> None:  # type: ignore[no-untyped-def]
    from tests.e2e.helpers import fresh_workbook

    folder = fresh_workbook(tmp_path / "wb")
    srv = serve(folder, tmp_path)
    try:
        d = Driver(new_page()).open(srv.url)
        page = d.page
        page.wait_for_selector(".rb-checkin-save")
        page.locator("body").click(position={"x": 2, "y": 2})  # start from the top
        tab_to(page, ".rb-f-trust .noUi-handle")
        for _ in range(8):  # from "not answered" to 7
            page.keyboard.press("ArrowRight")
        tab_to(page, ".rb-f-honest button:first-child")
        assert page.evaluate("() => document.activeElement.textContent").strip() == "Yes"
        d.act(lambda: page.keyboard.press("Enter"))
        tab_to(page, ".rb-f-same_argument button:first-child")  # one stop; arrows choose
        d.act(lambda: page.keyboard.press("ArrowRight"))
        assert page.evaluate("() => document.activeElement.textContent").strip() == "No"
        tab_to(page, ".rb-checkin-save")
        d.act(lambda: page.keyboard.press("Enter"))
        page.wait_for_selector(".rb-checkin-status .rb-saved")

        # module 7's grounding routine: Next to the breathing step, then the timer
        d.module(7)
        page.locator(".rb-page-module").click(position={"x": 2, "y": 2})
        tab_to(page, ".rb-routine-next")
        d.act(lambda: page.keyboard.press("Enter"))
        tab_to(page, ".rb-breathe-start", back=True)
        d.act(lambda: page.keyboard.press("Enter"))
        page.wait_for_selector(".rb-breath .rb-circle")
        assert page.locator(".rb-breath[role=timer]").count() == 1
    finally:
        srv.stop()
    wb = Workbook.open(folder)
    (c,) = wb.list("checkin")
    wb.close()
    assert c.honest is True and c.same_argument is False
    assert c.trust == 7  # eight steps right of "not answered"


# -- charts: colour is never the only difference --------------------------------------------


def test_charts_tell_partners_apart_without_colour(tmp_path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.colors
    from matplotlib.lines import Line2D

    from repairbook import charts
    from repairbook.demo import make_demo
    from repairbook.progress import progress_report

    make_demo(tmp_path / "wb", days=45, seed=3)
    wb = Workbook.open(tmp_path / "wb")
    try:
        rep = progress_report(wb.list(), wb.partners)
    finally:
        wb.close()
    colours = [s["color"].lower() for s in charts.PARTNER_STYLES]
    both = 0
    for ch in charts.all_charts(rep):
        seen: dict[str, tuple[set[str], set[str]]] = {c: (set(), set()) for c in colours}
        for ax in ch.figure.axes:
            for line in ax.get_lines():
                assert isinstance(line, Line2D)
                colour = matplotlib.colors.to_hex(line.get_color()).lower()
                if colour not in seen or len(line.get_xdata()) == 0:
                    continue
                style, marker = str(line.get_linestyle()), str(line.get_marker())
                if style not in ("None", "none", ""):
                    seen[colour][0].add(style)
                if marker not in ("None", "none", ""):
                    seen[colour][1].add(marker)
        a, b = seen[colours[0]], seen[colours[1]]
        if (a[0] or a[1]) and (b[0] or b[1]):
            both += 1
            assert a[0] and b[0] and not a[0] & b[0], (ch.key, "line styles", a[0], b[0])
            assert a[1] and b[1] and not a[1] & b[1], (ch.key, "markers", a[1], b[1])
        assert ch.alt.strip(), ch.key  # every chart also says what it shows in words
    assert both >= 3  # the ratings and weekly charts drew both partners

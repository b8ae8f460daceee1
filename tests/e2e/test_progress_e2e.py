"""Progress in the browser, on the demo couple's 120 days: the overview chart with its alt
text and summaries, every chart in detail, then Private (unlocked) and Help for the
screenshots in docs/screenshots. On a 390 px phone: our own loading screen first, then
each marker as its own chart with its sentence, and no chart text under 11 px on screen."""

from __future__ import annotations

from pathlib import Path

import pytest

from repairbook.charts import CHARTS, PHONE_ORDER
from repairbook.demo import DEMO_PASSPHRASES, make_demo
from tests.e2e.conftest import shoot
from tests.e2e.helpers import Driver

pytestmark = pytest.mark.e2e


def alt_of(page, selector: str) -> str:  # type: ignore[no-untyped-def]
    return str(page.locator(selector).first.get_attribute("alt") or "").strip()


def test_progress_charts_private_and_help_on_the_demo(tmp_path: Path, new_page, served) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "demo"
    make_demo(folder, days=120)
    srv = served(folder)
    d = Driver(new_page()).open(srv.url)
    page = d.page
    page.wait_for_selector(".rb-checkin-save")

    d.nav("progress")
    img = page.wait_for_selector(".rb-chart-overview img")
    assert img is not None
    assert alt_of(page, ".rb-chart-overview img")
    assert img.evaluate("e => e.complete && e.naturalWidth > 0")  # a real picture
    summaries = page.locator(".rb-summaries li")
    assert summaries.count() >= 3
    assert all(t.strip() for t in summaries.all_inner_texts())
    assert d.text(".rb-chart-overview figcaption").strip()
    assert d.text(".rb-timeline").strip()
    assert d.count(".rb-progress-phone:visible") == 0  # the phone stack is for phones

    d.shoot("progress")

    d.click("rb-progress-details")
    page.wait_for_selector(".rb-chart-details img")
    for key in CHARTS:
        sel = f".rb-chart-details .rb-chart-{key} img"
        assert page.locator(sel).count() == 1, key
        assert alt_of(page, sel), f"the {key} chart has no alt text"
        assert page.locator(sel).first.evaluate("e => e.complete && e.naturalWidth > 0"), key
    assert d.count(".rb-progress-details:visible") == 0
    d.shoot("progress_details")

    d.nav("private")
    d.fill("rb-unlock-passphrase", DEMO_PASSPHRASES["Alex"])
    d.click("rb-unlock")
    page.wait_for_selector(".rb-lock-now")
    assert d.count(".rb-list-journal .rb-item") >= 1  # Alex's own journal, now readable
    d.shoot("private")

    d.nav("help")
    page.wait_for_selector(".rb-help-section")
    d.shoot("help")
    assert "Traceback" not in page.content()


#: the smallest chart text a phone may show, in CSS pixels
MIN_TEXT_PX = 11.0


def test_progress_on_a_phone_stacks_one_readable_chart_per_marker(
    tmp_path: Path, new_page, served
) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "demo"
    make_demo(folder, days=365)
    srv = served(folder)
    page = new_page(390, 844)
    d = Driver(page)
    # a calm start: our loading screen (the app's name and one line), not Voila's spinner
    page.goto(srv.url, wait_until="commit")
    loading = page.wait_for_selector(".rb-loading", state="attached")
    assert loading is not None
    assert d.text(".rb-loading-name").strip() == "repairbook"
    assert d.text(".rb-loading-line").strip()
    assert page.locator("#loading_text").count() == 0
    page.wait_for_selector('.rb-app [class*="rb-page-"]', timeout=60_000)
    page.wait_for_selector(".rb-loading", state="detached")
    assert "Running" not in page.inner_text("body")
    if page.locator(".rb-page-who").count():  # a shared page asks who is using it
        page.locator(".rb-who-1").first.click()
        page.wait_for_selector(".rb-page-who", state="detached", timeout=60_000)
    d.settle(d.seq, timeout=60)

    d.nav("progress")
    page.wait_for_selector(".rb-progress-phone img")
    assert d.count(".rb-chart-overview:visible") == 0  # the wide grid gives way
    assert d.count(".rb-progress-details:visible") == 0
    for key in ("timeline", *PHONE_ORDER):
        fig = page.locator(f".rb-progress-phone figure.rb-chart-{key}")
        assert fig.count() == 1, key
        assert fig.locator("figcaption").inner_text().strip(), f"{key} has no sentence"
    charts = page.eval_on_selector_all(
        ".rb-progress-phone img",
        """imgs => imgs.map(i => ({
            alt: i.alt,
            shown: i.getBoundingClientRect().width,
            right: i.getBoundingClientRect().right,
            natural: i.naturalWidth,
            font: parseFloat(i.dataset.minFontPx)
        }))""",
    )
    assert len(charts) == len(PHONE_ORDER) + 1
    for c in charts:
        assert c["natural"] > 0 and c["alt"]
        assert c["right"] <= 390  # sized for the screen: nothing to scroll sideways
        on_screen = c["shown"] / c["natural"] * c["font"]
        assert on_screen >= MIN_TEXT_PX, f"{c['alt'][:40]}: text {on_screen:.1f} px"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shoot(page, "progress_phone")

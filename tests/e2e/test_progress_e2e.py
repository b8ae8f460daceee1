"""Progress in the browser, on the demo couple's 120 days: the overview chart with its alt
text and summaries, every chart in detail, then Private (unlocked) and Help for the
screenshots in docs/screenshots."""

from __future__ import annotations

from pathlib import Path

import pytest

from repairbook.charts import CHARTS
from repairbook.demo import DEMO_PASSPHRASES, make_demo
from tests.e2e.conftest import serve
from tests.e2e.helpers import Driver

pytestmark = pytest.mark.e2e


def alt_of(page, selector: str) -> str:  # type: ignore[no-untyped-def]
    return str(page.locator(selector).first.get_attribute("alt") or "").strip()


def test_progress_charts_private_and_help_on_the_demo(tmp_path: Path, new_page) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "demo"
    make_demo(folder, days=120)
    srv = serve(folder, tmp_path)
    try:
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
    finally:
        srv.stop()

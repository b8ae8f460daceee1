"""Charts render for an empty workbook, a single day and two years of the demo couple."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, time
from pathlib import Path

import numpy as np
import pytest

from repairbook import charts
from repairbook.content import progress as W
from repairbook.demo import DEMO_PASSPHRASES, make_demo
from repairbook.entries import Checkin
from repairbook.progress import progress_report

PARTNERS = ["Alex", "Sam"]
DAY = date(2026, 5, 6)


def _texts(fig) -> str:
    return " ".join(t.get_text() for t in fig.findobj(lambda o: hasattr(o, "get_text")))


def _series_lines(fig):
    return [
        ln for ax in fig.axes for ln in ax.get_lines() if str(ln.get_gid()).startswith("series:")
    ]


@pytest.fixture(scope="module")
def demo_report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo") / "wb"
    wb = make_demo(folder, days=730, today=date(2026, 11, 1))
    wb.unlock("Alex", DEMO_PASSPHRASES["Alex"])
    entries = wb.list(viewer="Alex")
    wb.close()
    return progress_report(entries, PARTNERS, today=date(2026, 11, 1))


def _one_day():
    when = datetime.combine(DAY, time(20), tzinfo=UTC)
    entries = [
        Checkin(
            author=p,
            created=when,
            updated=when,
            day=DAY,
            trust=t,
            safety=5,
            connection=6,
            honest=True,
            affection=2,
            same_argument=False,
            urge_to_check=3,
        )
        for p, t in zip(PARTNERS, (4, 6), strict=True)
    ]
    return progress_report(entries, PARTNERS, today=DAY)


def _png_ok(fig) -> None:
    data = charts.to_png_bytes(fig, dpi=40)
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    import matplotlib.image as mpimg

    img = mpimg.imread(io.BytesIO(data))
    assert img.shape[0] > 50 and img.shape[1] > 100
    assert float(np.std(img[..., :3])) > 0.01  # not a blank page


def test_every_chart_of_an_empty_workbook_says_what_will_appear():
    report = progress_report([], PARTNERS, today=DAY)
    for chart in [*charts.all_charts(report), charts.overview_chart(report)]:
        assert chart.title and chart.alt
        assert not _series_lines(chart.figure), chart.key
        _png_ok(chart.figure)
    arg = charts.arguments_chart(report)
    flat = " ".join(_texts(arg.figure).split())
    assert " ".join(W.MARKERS["arguments"]["empty"].split()) in flat
    assert W.MARKERS["arguments"]["empty"] in arg.alt


def test_one_day_of_check_ins_draws_one_point_per_partner():
    report = _one_day()
    chart = charts.ratings_chart(report)
    lines = _series_lines(chart.figure)
    assert len(lines) == 6  # three panels, two partners each
    trust = [ln for ln in lines if ln.axes is chart.figure.axes[0]]
    ys = sorted(float(ln.get_ydata()[0]) for ln in trust)
    assert ys == [4.0, 6.0]
    for c in [*charts.all_charts(report), charts.overview_chart(report)]:
        _png_ok(c.figure)


def test_demo_two_years_every_chart_has_its_series(demo_report):
    report = demo_report
    every = {c.key: c for c in charts.all_charts(report, viewer="Alex", weeks=None)}
    assert set(every) == {*W.MARKERS, "timeline"}
    weeks = report.frames["arguments"]["week"].nunique()
    assert weeks > 100
    for key in ("arguments", "promises"):
        labels = sorted(ln.get_label() for ln in _series_lines(every[key].figure))
        assert labels == sorted([*PARTNERS, W.TOGETHER_LABEL]), key
        for ln in _series_lines(every[key].figure):
            assert len(ln.get_xdata()) == weeks
    for key in ("recovery", "affection", "urge"):
        labels = sorted(ln.get_label() for ln in _series_lines(every[key].figure))
        assert labels == PARTNERS, key
    ratings = _series_lines(every["ratings"].figure)
    assert len(ratings) == 6 and all(len(ln.get_xdata()) == 730 for ln in ratings)
    rituals = every["rituals"].figure
    assert len(rituals.axes) == 3
    for ax in rituals.axes:
        (steps,) = ax.patches
        assert len(steps.get_data().values) == weeks
    assert "longest" in _texts(rituals)
    wins = report.wins_for("Alex")
    assert len(wins) >= 5 and wins[-1].title[:20] in _texts(every["wins"].figure)
    assert report.timeline.stages[-1].title in _texts(every["timeline"].figure)
    for c in every.values():
        assert c.summary and c.alt and c.title
        _png_ok(c.figure)
    overview = charts.overview_chart(report, viewer="Alex")
    assert len(_series_lines(overview.figure)) >= 10
    assert "the last 26 weeks" in overview.title
    _png_ok(overview.figure)


def test_charts_show_the_last_year_by_default(demo_report):
    arg = charts.arguments_chart(demo_report)
    for ln in _series_lines(arg.figure):
        assert len(ln.get_xdata()) == 52
    daily = _series_lines(charts.ratings_chart(demo_report).figure)
    assert all(len(ln.get_xdata()) <= 52 * 7 for ln in daily)
    assert "1 November 2026" in arg.alt and "2024" not in arg.alt


def test_partners_differ_by_line_style_and_marker_not_only_colour(demo_report):
    for key in ("arguments", "recovery", "promises", "affection", "urge", "ratings"):
        chart = charts.chart(demo_report, key)
        by_label = {ln.get_label(): ln for ln in _series_lines(chart.figure)}
        a, b = by_label["Alex"], by_label["Sam"]
        assert a.get_linestyle() != b.get_linestyle(), key
        assert a.get_marker() != b.get_marker(), key
        assert "solid line" in chart.alt and "dashed line" in chart.alt


def test_alt_text_and_summary_come_from_the_data(demo_report):
    chart = charts.promises_chart(demo_report)
    assert chart.summary == demo_report.summaries["promises"]
    assert chart.summary in chart.alt
    assert "1 November 2026" in chart.alt


def test_charts_leave_pyplot_alone():
    import sys

    report = _one_day()
    charts.overview_chart(report)
    if "matplotlib.pyplot" in sys.modules:
        import matplotlib.pyplot as plt

        assert not plt.get_fignums()


def test_png_bytes_can_be_written(tmp_path: Path):
    chart = charts.timeline_chart(_one_day())
    out = tmp_path / "timeline.png"
    out.write_bytes(charts.to_png_bytes(chart.figure))
    assert out.stat().st_size > 1000


def test_phone_charts_stack_one_marker_each_with_text_readable_on_a_phone(demo_report):
    stack = charts.phone_charts(demo_report, viewer="Alex")
    assert [c.key for c in stack] == ["timeline", *charts.PHONE_ORDER]
    for c in stack:
        width_in = float(c.figure.get_size_inches()[0])
        assert width_in == charts.PHONE_WIDTH
        # shown 340 px wide (a 390 px screen less the page's margins)
        on_screen = charts.smallest_text_px(c.figure, 100) * 340 / (width_in * 100)
        assert on_screen >= 11, f"{c.key}: {on_screen:.1f} px"
        assert c.summary and c.alt and c.title
        _png_ok(c.figure)
    trust = [ln for ln in _series_lines(stack[1].figure) if ln.axes is stack[1].figure.axes[0]]
    assert sorted(ln.get_label() for ln in trust) == PARTNERS


def test_an_empty_phone_chart_names_itself_and_says_what_will_appear():
    report = progress_report([], PARTNERS, today=DAY)
    for key in charts.PHONE_ORDER:
        c = charts.phone_chart(report, key)
        flat = " ".join(_texts(c.figure).split())
        assert W.MARKERS[key]["title"] in flat, key
        assert " ".join(W.MARKERS[key]["empty"].split()) in flat, key
        assert not _series_lines(c.figure)

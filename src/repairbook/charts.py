"""Charts: matplotlib figures drawn from a :class:`repairbook.progress.Report`.

No I/O, no widgets and no pyplot global state: every function builds a
:class:`matplotlib.figure.Figure` directly and returns a :class:`Chart` holding the figure,
its plain-language title, an alt text and the one-sentence summary. The two partners are
told apart by line style and marker shape as well as by colour.

    report = progress_report(entries, partners)
    for chart in all_charts(report):
        png = to_png_bytes(chart.figure)
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from repairbook.content import progress as W
from repairbook.progress import RATINGS, TOGETHER, Report, day_text

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

# calm, muted colours with enough contrast on white (WCAG AA for graphics)
INK = "#333333"
MUTED = "#6B6B6B"
GRID = "#E4E4E4"
SOFT = "#DCE8E6"
PARTNER_STYLES: tuple[dict[str, Any], dict[str, Any]] = (
    {"color": "#2F6B6A", "linestyle": "-", "marker": "o"},
    {"color": "#8A5A83", "linestyle": "--", "marker": "s"},
)
TOGETHER_STYLE: dict[str, Any] = {"color": "#5E6B7A", "linestyle": ":", "marker": "^"}
BAR = "#7FA7A3"
WIDTH = 7.5  # inches; about 750 px at the default 100 dpi
#: how many recent weeks a chart shows by default (None: the whole history)
WEEKS = 52
OVERVIEW_WEEKS = 26


@dataclass
class Chart:
    key: str  #: the marker key (see repairbook.progress.MARKERS), "timeline" or "overview"
    figure: Figure
    title: str
    alt: str
    summary: str


def to_png_bytes(fig: Figure, dpi: int = 100) -> bytes:
    """The figure as PNG bytes (rendered with Agg)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, facecolor="white")
    return buf.getvalue()


def _windowed(report: Report, weeks: int | None) -> Report:
    """The same report with its frames cut to the last ``weeks`` weeks (charts only)."""
    if weeks is None or report.start is None:
        return report
    lo = report.today - timedelta(days=7 * weeks - 1)
    lo = lo - timedelta(days=lo.weekday())
    if lo <= report.start:
        return report
    frames = {}
    for key, df in report.frames.items():
        col = "week" if "week" in df.columns else "day"
        frames[key] = df[df[col] >= pd.Timestamp(lo)].reset_index(drop=True)
    return replace(report, frames=frames, start=lo)


def _figure(height: float, width: float = WIDTH) -> Figure:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), layout="constrained", facecolor="white")
    return fig


def _style_axes(ax: Axes, ylabel: str = "") -> None:
    ax.set_facecolor("white")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color("#BBBBBB")
    ax.tick_params(colors=INK, labelsize=8)
    ax.grid(True, axis="y", color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    if ylabel:
        ax.set_ylabel(ylabel, color=MUTED, fontsize=8)


def _date_axis(ax: Axes, report: Report | None = None) -> None:
    """Readable dates; every chart of a report spans the same days, so they line up."""
    import matplotlib.dates as mdates

    if report is not None and report.start is not None:
        pad = pd.Timedelta(days=3)
        ax.set_xlim(pd.Timestamp(report.start) - pad, pd.Timestamp(report.today) + pad)
    locator = mdates.AutoDateLocator(minticks=3, maxticks=6)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def _styles(report: Report) -> dict[str, dict[str, Any]]:
    a, b = report.partners
    return {a: PARTNER_STYLES[0], b: PARTNER_STYLES[1], TOGETHER: TOGETHER_STYLE}


def _label(who: str) -> str:
    return W.TOGETHER_LABEL if who == TOGETHER else who


def _series(ax: Axes, x: pd.Series, y: pd.Series, style: dict[str, Any], label: str) -> None:
    """A line that breaks at gaps; markers thinned on long series, but a lone point between
    two gaps always keeps its marker so no data goes missing."""
    xs = np.asarray(x)
    ys = np.asarray(y, dtype="float64")
    n = len(ys)
    every = max(1, n // 40)
    ax.plot(
        xs,
        ys,
        color=style["color"],
        linestyle=style["linestyle"],
        linewidth=1.8,
        marker=style["marker"],
        markersize=4.5,
        markevery=every,
        label=label,
        gid=f"series:{label}",
    )
    if every > 1 and n:
        have = ~np.isnan(ys)
        prev = np.concatenate([[False], have[:-1]])
        nxt = np.concatenate([have[1:], [False]])
        lone = have & ~prev & ~nxt
        if lone.any():
            ax.plot(
                xs[lone],
                ys[lone],
                linestyle="none",
                color=style["color"],
                marker=style["marker"],
                markersize=4.5,
            )


def _has_data(df: pd.DataFrame, col: str) -> bool:
    return bool(len(df)) and bool(df[col].notna().any())


def _empty(ax: Axes, text: str, width: int = 60) -> None:
    import textwrap

    ax.set_axis_off()
    ax.text(
        0.5,
        0.5,
        textwrap.fill(text, width),
        ha="center",
        va="center",
        color=MUTED,
        fontsize=10,
        transform=ax.transAxes,
        wrap=True,
    )


def _span(report: Report) -> str:
    start = report.start or report.today
    return W.SPAN.format(start=day_text(start), end=day_text(report.today))


def _alt_lines(report: Report, key: str, daily: bool, together: bool, title: str) -> str:
    a, b = report.partners
    style = W.ALT_STYLE.format(a=a, b=b) + (W.ALT_TOGETHER if together else "")
    return W.ALT_LINES.format(
        kind=W.DAILY_KIND if daily else W.WEEKLY_KIND,
        title=title,
        span=_span(report),
        names=(W.ALT_NAMES_TOGETHER if together else W.ALT_NAMES).format(a=a, b=b),
        who_style=style,
        summary=report.summaries.get(key, ""),
    )


def _title(ax: Axes, text: str, compact: bool) -> None:
    ax.set_title(text, loc="left", color=INK, fontsize=10 if compact else 12, pad=6)


# --------------------------------------------------------------------------------------------
# one drawing function per marker; each draws into an axes and says if it had data
# --------------------------------------------------------------------------------------------

# marker -> (frame, column, include the "together" line, y limits)
_WEEKLY: dict[str, tuple[str, str, bool, tuple[float | None, float | None]]] = {
    "arguments": ("arguments", "days", True, (0, 7.3)),
    "recovery": ("recovery", "median_minutes", False, (0, None)),
    "promises": ("promises", "rate_4w", True, (0, 1.05)),
    "affection": ("affection", "mean", False, (0, None)),
    "urge": ("urge", "mean", False, (0, 10.3)),
}


def _draw_weekly(ax: Axes, report: Report, key: str, compact: bool = False, wrap: int = 60) -> bool:
    frame, col, together, (lo, hi) = _WEEKLY[key]
    df = report.frames[frame]
    if not _has_data(df, col):
        _empty(ax, W.MARKERS[key]["empty"], wrap)
        return False
    styles = _styles(report)
    who = [*report.partners, *([TOGETHER] if together else [])]
    for p in who:
        # a partner without data still gets an (empty) line, so the legend names both
        part = df[df["partner"] == p]
        _series(ax, part["week"], part[col], styles[p], _label(p))
    _style_axes(ax, W.AXIS[key])
    ax.set_ylim(bottom=lo, top=hi)
    if key == "promises":
        ax.yaxis.set_major_formatter(_percent())
    _date_axis(ax, report)
    return True


def _percent() -> Any:
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda v, _pos: f"{v:.0%}")


def _draw_ratings(ax: Axes, report: Report, measure: str = "trust", compact: bool = False) -> bool:
    daily = report.frames["daily"]
    col = measure + "_7d"
    if not _has_data(daily, col):
        _empty(ax, W.MARKERS["ratings"]["empty"])
        return False
    styles = _styles(report)
    a, b = report.partners
    pa = daily[daily["partner"] == a]
    pb = daily[daily["partner"] == b]
    ax.fill_between(
        np.asarray(pa["day"]),
        np.asarray(pa[col], dtype="float64"),
        np.asarray(pb[col], dtype="float64"),
        color=SOFT,
        linewidth=0,
        label=W.GAP_LABEL,
    )
    _series(ax, pa["day"], pa[col], styles[a], a)
    _series(ax, pb["day"], pb[col], styles[b], b)
    _style_axes(ax, "" if compact else W.AXIS["ratings"])
    ax.set_ylim(0, 10.3)
    ax.set_yticks([0, 5, 10])
    _date_axis(ax, report)
    return True


def _legend(fig: Figure, ax: Axes, ncol: int = 4) -> None:
    handles, labels = ax.get_legend_handles_labels()
    if handles:
        fig.legend(
            handles,
            labels,
            loc="outside lower center",
            ncol=ncol,
            frameon=False,
            fontsize=9,
            labelcolor=INK,
        )


# --------------------------------------------------------------------------------------------
# public chart functions
# --------------------------------------------------------------------------------------------


def _weekly_chart(report: Report, key: str) -> Chart:
    title = W.MARKERS[key]["title"]
    fig = _figure(3.4)
    ax = fig.add_subplot()
    has = _draw_weekly(ax, report, key)
    _title(ax, title, False)
    if has:
        _legend(fig, ax)
        alt = _alt_lines(report, key, False, _WEEKLY[key][2], title)
    else:
        alt = W.ALT_EMPTY.format(title=title, empty=W.MARKERS[key]["empty"])
    return Chart(key, fig, title, alt, report.summaries.get(key, ""))


def arguments_chart(report: Report, weeks: int | None = WEEKS) -> Chart:
    return _weekly_chart(_windowed(report, weeks), "arguments")


def recovery_chart(report: Report, weeks: int | None = WEEKS) -> Chart:
    return _weekly_chart(_windowed(report, weeks), "recovery")


def promises_chart(report: Report, weeks: int | None = WEEKS) -> Chart:
    return _weekly_chart(_windowed(report, weeks), "promises")


def affection_chart(report: Report, weeks: int | None = WEEKS) -> Chart:
    return _weekly_chart(_windowed(report, weeks), "affection")


def urge_chart(report: Report, weeks: int | None = WEEKS) -> Chart:
    return _weekly_chart(_windowed(report, weeks), "urge")


def _empty_chart(report: Report, key: str) -> Chart:
    """A calm figure saying what will appear here once there is data."""
    title = W.MARKERS[key]["title"]
    fig = _figure(3.0)
    ax = fig.add_subplot()
    _empty(ax, W.MARKERS[key]["empty"])
    _title(ax, title, False)
    alt = W.ALT_EMPTY.format(title=title, empty=W.MARKERS[key]["empty"])
    return Chart(key, fig, title, alt, report.summaries.get(key, ""))


def ratings_chart(report: Report, weeks: int | None = WEEKS) -> Chart:
    """Trust, felt safety and connection: 7-day averages, with the gap between you shaded."""
    report = _windowed(report, weeks)
    title = W.MARKERS["ratings"]["title"]
    daily = report.frames["daily"]
    if not _has_data(daily, "trust_7d"):
        return _empty_chart(report, "ratings")
    fig = _figure(6.2)
    axes = fig.subplots(3, 1, sharex=True)
    for ax, m in zip(axes, RATINGS, strict=True):
        _draw_ratings(ax, report, m)
        ax.set_title(W.RATING_LABELS[m], loc="left", color=INK, fontsize=10)
        ax.set_ylabel("")
    fig.suptitle(title, x=0.01, ha="left", color=INK, fontsize=12)
    fig.supylabel(W.AXIS["ratings"], color=MUTED, fontsize=8)
    _legend(fig, axes[0], ncol=3)
    alt = _alt_lines(report, "ratings", True, False, title)
    return Chart("ratings", fig, title, alt, report.summaries.get("ratings", ""))


def _draw_rituals(axes: list[Axes], report: Report, compact: bool = False) -> bool:
    df = report.frames["rituals"]
    streaks = report.streaks.set_index("ritual")
    any_data = False
    for ax, ritual in zip(axes, ("care_act", "repair_checkin", "fun_date"), strict=True):
        part = df[df["ritual"] == ritual]
        x = np.asarray(part["week"])
        y = np.asarray(part["count"], dtype="float64")
        any_data = any_data or bool(np.nansum(y) > 0)
        if len(x):
            import matplotlib.dates as mdates

            # one step patch per ritual (fast for years of weeks); a run of kept weeks
            # reads as one block, which is what a streak looks like
            starts = mdates.date2num(x)
            edges = np.append(starts, starts[-1] + 7)
            ax.stairs(
                np.nan_to_num(y),
                edges,
                fill=True,
                color=BAR,
                label=W.RITUAL_LABELS[ritual],
            )
        row = streaks.loc[ritual]
        one, many = W.RITUAL_UNITS[str(row["cadence"])]
        streak = W.STREAK_TEXT.format(
            current=int(row["current"]),
            unit=one if int(row["current"]) == 1 else many,
            best=int(row["best"]),
        )
        ax.set_title(
            W.RITUAL_TITLE.format(label=W.RITUAL_LABELS[ritual], streak=streak),
            loc="left",
            color=INK,
            fontsize=9 if compact else 10,
        )
        _style_axes(ax)
        top = 7 if ritual == "care_act" else 1
        ax.set_ylim(0, top + 0.3)
        ax.set_yticks([0, top])
        _date_axis(ax, report)
    return any_data


def _draw_streaks(ax: Axes, report: Report) -> None:
    """Rituals as three lines of text: the current and the longest streak."""
    ax.set_axis_off()
    if not report.streaks["total"].any():
        _empty(ax, W.MARKERS["rituals"]["empty"])
        return
    for i, row in enumerate(report.streaks.itertuples(index=False)):
        y = 0.8 - i * 0.3
        one, many = W.RITUAL_UNITS[str(row.cadence)]
        unit = one if int(row.current) == 1 else many
        ax.text(
            0.0,
            y,
            W.RITUAL_LABELS[str(row.ritual)],
            fontsize=9,
            color=INK,
            va="center",
            transform=ax.transAxes,
        )
        ax.text(
            0.0,
            y - 0.12,
            W.STREAK_TEXT.format(current=int(row.current), unit=unit, best=int(row.best)),
            fontsize=8,
            color=MUTED,
            va="center",
            transform=ax.transAxes,
        )


def rituals_chart(report: Report, weeks: int | None = WEEKS) -> Chart:
    report = _windowed(report, weeks)
    title = W.MARKERS["rituals"]["title"]
    df = report.frames["rituals"]
    if not _has_data(df, "count") or not (df["count"] > 0).any():
        return _empty_chart(report, "rituals")
    fig = _figure(5.2)
    axes = list(fig.subplots(3, 1, sharex=True))
    _draw_rituals(axes, report)
    fig.suptitle(title, x=0.01, ha="left", color=INK, fontsize=12)
    fig.supylabel(W.AXIS["rituals"], color=MUTED, fontsize=8)
    alt = W.ALT_RITUALS.format(title=title, span=_span(report), summary=report.summaries["rituals"])
    return Chart("rituals", fig, title, alt, report.summaries.get("rituals", ""))


def _draw_wins(
    ax: Axes,
    report: Report,
    viewer: str | None,
    limit: int,
    compact: bool,
    width: int | None = None,
) -> int:
    import textwrap

    wins = list(reversed(report.wins_for(viewer)))
    ax.set_axis_off()
    if not wins:
        _empty(ax, W.MARKERS["wins"]["empty"], width or 60)
        return 0
    shown = wins[:limit]
    step = 1.0 / (limit + 1)
    width = width or (52 if compact else 70)
    for i, w in enumerate(shown):
        y = 1 - (i + 0.7) * step
        marker = "*" if w.source == "logged" else "o"
        ax.plot(
            [0.015],
            [y],
            marker=marker,
            color=PARTNER_STYLES[0]["color"],
            markersize=8,
            transform=ax.transAxes,
            clip_on=False,
        )
        text = textwrap.shorten(w.title, width=width, placeholder="…")
        ax.text(
            0.05,
            y,
            text,
            va="center",
            fontsize=8 if compact else 10,
            color=INK,
            transform=ax.transAxes,
        )
        if not compact:
            ax.text(
                0.99,
                y,
                W.WIN_LINE.format(day=day_text(w.day), source=W.WIN_SOURCE[w.source]),
                va="center",
                ha="right",
                fontsize=8,
                color=MUTED,
                transform=ax.transAxes,
            )
    if compact:
        key = ax.text(0.015, 0.0, W.WINS_KEY, fontsize=7, color=MUTED, transform=ax.transAxes)
        key.set_in_layout(False)
    return len(shown)


def wins_chart(
    report: Report, viewer: str | None = None, limit: int = 10, weeks: int | None = None
) -> Chart:
    """The newest small wins (the ones ``viewer`` may see), logged ones with a star."""
    title = W.MARKERS["wins"]["title"]
    n = len(report.wins_for(viewer))
    fig = _figure(0.9 + 0.32 * max(3, min(n, limit)))
    ax = fig.add_subplot()
    _draw_wins(ax, report, viewer, limit, False)
    _title(ax, title, False)
    if n:
        alt = W.ALT_WINS.format(title=title, n=n, summary=report.summaries.get("wins", ""))
    else:
        alt = W.ALT_EMPTY.format(title=title, empty=W.MARKERS["wins"]["empty"])
    return Chart("wins", fig, title, alt, report.summaries.get("wins", ""))


def _draw_timeline(ax: Axes, report: Report, compact: bool = False) -> None:
    import textwrap

    from matplotlib.patches import Rectangle

    tl = report.timeline
    n = len(tl.stages)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_axis_off()
    for i, stage in enumerate(tl.stages):
        x0 = i / n
        ax.add_patch(
            Rectangle(
                (x0 + 0.004, 0.25),
                1 / n - 0.008,
                0.3,
                facecolor=SOFT if stage.current else "#F3F3F3",
                edgecolor=PARTNER_STYLES[0]["color"] if stage.current else "#CCCCCC",
                linewidth=1.4 if stage.current else 0.8,
                transform=ax.transAxes,
            )
        )
        ax.text(
            x0 + 0.5 / n,
            0.4,
            textwrap.fill(stage.title, 16 if compact else 24),
            ha="center",
            va="center",
            fontsize=8 if compact else 9,
            color=INK,
            fontweight="bold" if stage.current else "normal",
            transform=ax.transAxes,
        )
    if tl.days is not None:
        x = min(max(tl.position, 0.01), 0.99)
        ax.plot([x], [0.62], marker="v", color=INK, markersize=9, transform=ax.transAxes)
        ax.text(
            x,
            0.7,
            W.TIMELINE_YOU_ARE_HERE,
            ha="right" if x > 0.92 else "left" if x < 0.08 else "center",
            va="bottom",
            fontsize=8,
            color=INK,
            transform=ax.transAxes,
        )
    note = tl.here if tl.days is not None else W.TIMELINE_EMPTY
    text = ax.text(
        0.005,
        0.1,
        textwrap.fill(note if compact else f"{note} {tl.note}", 120),
        ha="left",
        va="center",
        fontsize=8,
        color=MUTED,
        transform=ax.transAxes,
    )
    text.set_in_layout(False)


def timeline_chart(report: Report, weeks: int | None = None) -> Chart:
    title = report.timeline.title
    fig = _figure(2.0)
    ax = fig.add_subplot()
    _draw_timeline(ax, report)
    _title(ax, title, False)
    here = report.timeline.here
    return Chart("timeline", fig, title, W.ALT_TIMELINE.format(here=here), here)


# --------------------------------------------------------------------------------------------
# all of them, and the one-page overview
# --------------------------------------------------------------------------------------------

CHARTS: dict[str, Callable[..., Chart]] = {
    "ratings": ratings_chart,
    "arguments": arguments_chart,
    "recovery": recovery_chart,
    "promises": promises_chart,
    "affection": affection_chart,
    "urge": urge_chart,
    "rituals": rituals_chart,
    "wins": wins_chart,
    "timeline": timeline_chart,
}


def chart(report: Report, key: str, weeks: int | None = WEEKS) -> Chart:
    """One chart by marker key (or "timeline", "overview"), showing the last ``weeks`` weeks
    (None: the whole history)."""
    if key == "overview":
        return overview_chart(report, weeks=weeks)
    return CHARTS[key](report, weeks=weeks)


def all_charts(report: Report, viewer: str | None = None, weeks: int | None = WEEKS) -> list[Chart]:
    """One chart per marker, then the timeline (the overview is separate)."""
    out = []
    for key, fn in CHARTS.items():
        if key == "wins":
            out.append(wins_chart(report, viewer))
        else:
            out.append(fn(report, weeks=weeks))
    return out


def overview_chart(
    report: Report, viewer: str | None = None, weeks: int | None = OVERVIEW_WEEKS
) -> Chart:
    """One page: the timeline, trust, the weekly markers (the last ``weeks`` weeks), rituals
    and the newest wins."""
    full = report
    report = _windowed(report, weeks)
    title = W.OVERVIEW_TITLE
    if report is not full:
        title = W.OVERVIEW_WINDOW.format(title=title, weeks=weeks)
    fig = _figure(11.0, 8.5)
    if report.empty:
        ax = fig.add_subplot()
        _empty(ax, W.OVERVIEW_EMPTY)
        _title(ax, title, False)
        alt = W.ALT_EMPTY.format(title=title, empty=W.OVERVIEW_EMPTY)
        return Chart("overview", fig, title, alt, W.OVERVIEW_EMPTY)
    grid = fig.add_gridspec(5, 2, height_ratios=[0.8, 1, 1, 1, 1.1])
    ax = fig.add_subplot(grid[0, :])
    _draw_timeline(ax, report, compact=True)
    _title(ax, report.timeline.title, True)
    panels = [
        ("ratings", grid[1, 0]),
        ("arguments", grid[1, 1]),
        ("promises", grid[2, 0]),
        ("recovery", grid[2, 1]),
        ("affection", grid[3, 0]),
        ("urge", grid[3, 1]),
    ]
    legend_ax = None
    for key, spec in panels:
        ax = fig.add_subplot(spec)
        if key == "ratings":
            has = _draw_ratings(ax, report, "trust", compact=True)
            _title(ax, W.OVERVIEW_TRUST, True)
        else:
            has = _draw_weekly(ax, report, key, compact=True)
            _title(ax, W.MARKERS[key]["title"], True)
        if has and legend_ax is None and key == "arguments":
            legend_ax = ax
    ax = fig.add_subplot(grid[4, 0])
    _draw_streaks(ax, report)
    _title(ax, W.MARKERS["rituals"]["title"], True)
    ax = fig.add_subplot(grid[4, 1])
    _draw_wins(ax, report, viewer, 6, True)
    _title(ax, W.MARKERS["wins"]["title"], True)
    fig.suptitle(title, x=0.01, ha="left", color=INK, fontsize=14)
    if legend_ax is not None:
        _legend(fig, legend_ax, ncol=3)
    alt = W.ALT_OVERVIEW.format(
        n=9, summaries=" ".join(report.summaries[k] for k in report.summaries)
    )
    return Chart("overview", fig, title, alt, report.timeline.here)


# --------------------------------------------------------------------------------------------
# on a phone: each marker its own narrow chart, stacked, with text that stays readable
# --------------------------------------------------------------------------------------------

#: inches; 360 px at 100 dpi, about the width a chart gets on a 390 px phone screen
PHONE_WIDTH = 3.6
#: points; no text on a phone chart is smaller (10 pt is 13.9 px at 100 dpi, so it stays
#: above 11 px on screen even when the picture is shown at 80 % of its own width)
PHONE_FONT = 10.0
#: the markers in the order the phone stack shows them, after the timeline
PHONE_ORDER = (
    "ratings",
    "arguments",
    "promises",
    "recovery",
    "affection",
    "urge",
    "rituals",
    "wins",
)
#: characters per line of a phone chart's wrapped text
PHONE_WRAP = 34


def text_sizes(fig: Figure, draw: bool = True) -> list[float]:
    """The font size (points) of every piece of text the figure draws. Tick labels exist
    only once the figure has been drawn: ``draw=False`` right after saving it skips a
    second drawing."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.text import Text

    if draw:
        if not isinstance(fig.canvas, FigureCanvasAgg):
            FigureCanvasAgg(fig)
        fig.canvas.draw()
    return [
        float(t.get_fontsize())
        for t in fig.findobj(Text)
        if t.get_visible() and t.get_text().strip() and t.get_figure() is not None
    ]


def smallest_text_px(fig: Figure, dpi: float = 100, draw: bool = True) -> float:
    """The smallest text the figure draws, in pixels of its own PNG at ``dpi``."""
    sizes = text_sizes(fig, draw)
    return min(sizes) * dpi / 72 if sizes else 0.0


def _phone_text(fig: Figure) -> None:
    """Every text at least PHONE_FONT, dates thinned for a narrow axis."""
    import matplotlib.dates as mdates
    from matplotlib.text import Text

    for ax in fig.axes:
        ax.tick_params(labelsize=PHONE_FONT)
        ax.xaxis.get_offset_text().set_fontsize(PHONE_FONT)
        ax.yaxis.get_offset_text().set_fontsize(PHONE_FONT)
        if isinstance(ax.xaxis.get_major_locator(), mdates.AutoDateLocator):
            locator = mdates.AutoDateLocator(minticks=2, maxticks=4)
            ax.xaxis.set_major_locator(locator)
            ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    for t in fig.findobj(Text):
        if float(t.get_fontsize()) < PHONE_FONT:
            t.set_fontsize(PHONE_FONT)


def _phone_title(ax: Axes, text: str, size: float = 12) -> None:
    import textwrap

    ax.set_title(
        textwrap.fill(text, int(PHONE_WRAP * 10 / size)), loc="left", color=INK, fontsize=size
    )


def _phone_empty(report: Report, key: str, title: str) -> Chart:
    fig = _figure(1.9, PHONE_WIDTH)
    ax = fig.add_subplot()
    _empty(ax, W.MARKERS[key]["empty"], PHONE_WRAP)
    _phone_title(ax, title)
    _phone_text(fig)
    alt = W.ALT_EMPTY.format(title=title, empty=W.MARKERS[key]["empty"])
    return Chart(key, fig, title, alt, report.summaries.get(key, ""))


def _phone_timeline(report: Report) -> Chart:
    """The usual course as a column of stages, the current one marked."""
    import textwrap

    from matplotlib.patches import Rectangle

    tl = report.timeline
    n = len(tl.stages)
    fig = _figure(0.55 * n + 0.7, PHONE_WIDTH)
    ax = fig.add_subplot()
    ax.set_xlim(0, 1)
    ax.set_ylim(0, n)
    ax.set_axis_off()
    for i, stage in enumerate(tl.stages):
        y = n - 1 - i
        ax.add_patch(
            Rectangle(
                (0.0, y + 0.08),
                0.72,
                0.84,
                facecolor=SOFT if stage.current else "#F3F3F3",
                edgecolor=PARTNER_STYLES[0]["color"] if stage.current else "#CCCCCC",
                linewidth=1.4 if stage.current else 0.8,
            )
        )
        ax.text(
            0.03,
            y + 0.5,
            textwrap.fill(stage.title, 26),
            va="center",
            fontsize=PHONE_FONT,
            color=INK,
            fontweight="bold" if stage.current else "normal",
        )
        if stage.current and tl.days is not None:
            ax.text(
                0.75,
                y + 0.5,
                "\u25c0 " + W.TIMELINE_YOU_ARE_HERE,
                va="center",
                fontsize=PHONE_FONT,
                color=INK,
            )
    _phone_title(ax, tl.title)
    _phone_text(fig)
    return Chart("timeline", fig, tl.title, W.ALT_TIMELINE.format(here=tl.here), tl.here)


def phone_chart(report: Report, key: str, viewer: str | None = None) -> Chart:
    """One marker (or "timeline") drawn for a phone: PHONE_WIDTH wide, text at least
    PHONE_FONT, the last OVERVIEW_WEEKS weeks; an empty one names its chart and says what
    will appear."""
    if key == "timeline":
        return _phone_timeline(report)
    report = _windowed(report, OVERVIEW_WEEKS if key != "wins" else None)
    title = W.MARKERS[key]["title"]
    if key == "ratings":
        if not _has_data(report.frames["daily"], "trust_7d"):
            return _phone_empty(report, key, title)
        fig = _figure(5.6, PHONE_WIDTH)
        axes = fig.subplots(3, 1, sharex=True)
        for ax, m in zip(axes, RATINGS, strict=True):
            _draw_ratings(ax, report, m, compact=True)
            ax.set_title(W.RATING_LABELS[m], loc="left", color=INK, fontsize=PHONE_FONT + 1)
        fig.suptitle(title, x=0.02, ha="left", color=INK, fontsize=12)
        _legend(fig, axes[0], ncol=2)
        alt = _alt_lines(report, key, True, False, title)
    elif key == "rituals":
        df = report.frames["rituals"]
        if not _has_data(df, "count") or not (df["count"] > 0).any():
            return _phone_empty(report, key, title)
        fig = _figure(5.0, PHONE_WIDTH)
        axes = list(fig.subplots(3, 1, sharex=True))
        _draw_rituals(axes, report, compact=True)
        for ax in axes:
            _phone_title(ax, ax.get_title(loc="left"), PHONE_FONT)
        fig.suptitle(title, x=0.02, ha="left", color=INK, fontsize=12)
        alt = W.ALT_RITUALS.format(title=title, span=_span(report), summary=report.summaries[key])
    elif key == "wins":
        n = len(report.wins_for(viewer))
        if not n:
            return _phone_empty(report, key, title)
        limit = 6
        fig = _figure(0.8 + 0.42 * min(n, limit), PHONE_WIDTH)
        ax = fig.add_subplot()
        _draw_wins(ax, report, viewer, limit, True, width=PHONE_WRAP)
        _phone_title(ax, title)
        alt = W.ALT_WINS.format(title=title, n=n, summary=report.summaries.get(key, ""))
    else:
        frame, col, together, _limits = _WEEKLY[key]
        if not _has_data(report.frames[frame], col):
            return _phone_empty(report, key, title)
        fig = _figure(3.0, PHONE_WIDTH)
        ax = fig.add_subplot()
        _draw_weekly(ax, report, key, compact=True, wrap=PHONE_WRAP)
        _phone_title(ax, title)
        _legend(fig, ax, ncol=2)
        alt = _alt_lines(report, key, False, together, title)
    _phone_text(fig)
    return Chart(key, fig, title, alt, report.summaries.get(key, ""))


def phone_charts(report: Report, viewer: str | None = None) -> list[Chart]:
    """The timeline, then one phone chart per marker (see :func:`phone_chart`)."""
    return [phone_chart(report, k, viewer) for k in ("timeline", *PHONE_ORDER)]


__all__ = [
    "CHARTS",
    "PARTNER_STYLES",
    "TOGETHER_STYLE",
    "Chart",
    "affection_chart",
    "all_charts",
    "arguments_chart",
    "chart",
    "overview_chart",
    "phone_chart",
    "phone_charts",
    "promises_chart",
    "ratings_chart",
    "recovery_chart",
    "rituals_chart",
    "smallest_text_px",
    "text_sizes",
    "timeline_chart",
    "to_png_bytes",
    "urge_chart",
    "wins_chart",
]

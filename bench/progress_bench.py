"""Progress cost versus history length: five years of the demo couple against one month.

Both workbooks are made in the same run; their entries are read once (the store is not
timed here). Timed: :func:`repairbook.progress.progress_report` (every marker, summary,
win, the timeline and the signals, with Alex's private entries, so his private view is
computed too) and every chart plus the overview, rendered to PNG. The best of a few
repeats is kept.

    python bench/progress_bench.py [--quick]

Figures: 5 years / 1 month for the report, for the charts and for both together
(goal <= 2x: the cost is about flat in history length).
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from repairbook.charts import all_charts, overview_chart, to_png_bytes
from repairbook.demo import DEMO_PASSPHRASES, make_demo
from repairbook.entries import Entry
from repairbook.progress import Report, progress_report

TODAY = date(2026, 11, 1)
PARTNERS = ["Alex", "Sam"]


def _entries(folder: Path, days: int) -> list[Entry]:
    wb = make_demo(folder, days=days, today=TODAY)
    wb.unlock("Alex", DEMO_PASSPHRASES["Alex"])
    try:
        return wb.list(viewer="Alex")
    finally:
        wb.close()


def _best(fn: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def _report(entries: list[Entry]) -> Report:
    return progress_report(entries, PARTNERS, today=TODAY)


def _charts(report: Report) -> None:
    for chart in [*all_charts(report, "Alex"), overview_chart(report, "Alex")]:
        to_png_bytes(chart.figure)


def run(quick: bool = False) -> list[dict[str, object]]:
    repeats = 1 if quick else 3
    with tempfile.TemporaryDirectory() as tmp:
        month = _entries(Path(tmp) / "month", 30)
        years = _entries(Path(tmp) / "years", 5 * 365 + 1)
    _charts(_report(month))  # warm up imports and font caches
    rows: list[dict[str, object]] = []
    t_report = {n: _best(lambda e=e: _report(e), repeats) for n, e in (("m", month), ("y", years))}
    reports = {"m": _report(month), "y": _report(years)}
    t_charts = {n: _best(lambda r=r: _charts(r), repeats) for n, r in reports.items()}
    goal = "<= 2x"
    rows.append(
        {
            "benchmark": "progress",
            "figure": f"report: 5 years ({len(years)} entries) / 1 month ({len(month)} entries)",
            "value": t_report["y"] / t_report["m"],
            "goal": goal,
        }
    )
    rows.append(
        {
            "benchmark": "progress",
            "figure": "charts rendered to PNG: 5 years / 1 month",
            "value": t_charts["y"] / t_charts["m"],
            "goal": goal,
        }
    )
    total_m = t_report["m"] + t_charts["m"]
    total_y = t_report["y"] + t_charts["y"]
    rows.append(
        {
            "benchmark": "progress",
            "figure": "report and charts together: 5 years / 1 month",
            "value": total_y / total_m,
            "goal": goal,
        }
    )
    rows.append(
        {
            "benchmark": "progress",
            "figure": "seconds for 5 years, report and charts (for reference)",
            "value": total_y,
            "goal": "-",
        }
    )
    return rows


if __name__ == "__main__":
    for row in run(quick="--quick" in sys.argv):
        value = float(str(row["value"]))
        unit = "s" if row["goal"] == "-" else "x"
        print(f"{value:>7.2f}{unit}  {row['figure']}  (goal {row['goal']})")

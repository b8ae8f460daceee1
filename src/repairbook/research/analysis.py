"""Ready-made analyses over a research dataset (DuckDB), with matplotlib charts.

Every function takes the dataset folder made by ``repairbook research build`` and
returns a tidy pandas frame; the ``plot_*`` functions turn those frames into
matplotlib Figures (Agg canvas, no pyplot state), so they work in a notebook, a
script or a test alike::

    from repairbook.research import analysis as A
    traj = A.weekly_trajectories("dataset")
    A.plot_trajectories(traj)

Confidence intervals are normal-approximation 95 % intervals of the mean across
couples (each couple first averaged within the week), so couples who check in more
often do not weigh more.
"""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import pandas as pd

from repairbook.research.codebook import tables
from repairbook.research.dataset import dataset_info

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

Z95 = 1.959964
OUTCOMES = ("trust", "safety", "connection", "urge_to_check")


def _glob(dataset: str | os.PathLike[str], table: str) -> str:
    path = (Path(dataset) / table).as_posix().replace("'", "''")
    return f"{path}/**/*.parquet"


def connect(dataset: str | os.PathLike[str]) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection with one view per table (``cohort`` included)."""
    dataset_info(dataset)  # a clear error when the folder is not a dataset
    con = duckdb.connect()
    for name in tables():
        con.execute(
            f'CREATE VIEW "{name}" AS SELECT * FROM '
            f"read_parquet('{_glob(dataset, name)}', hive_partitioning = true)"
        )
    return con


def load(dataset: str | os.PathLike[str], table: str) -> pd.DataFrame:
    """One table of the dataset as a pandas frame."""
    if table not in tables():
        raise KeyError(f"The dataset has no table {table!r}; tables: {', '.join(tables())}.")
    with connect(dataset) as con:
        return con.execute(f'SELECT * FROM "{table}"').df()


def summary(dataset: str | os.PathLike[str]) -> pd.DataFrame:
    """Cohorts with their couples, check-ins and skipped exports."""
    info = dataset_info(dataset)
    rows = []
    for name, c in info.get("cohorts", {}).items():
        rows.append(
            {
                "cohort": name,
                "couples": c.get("couples", 0),
                "checkins": c.get("rows", {}).get("checkin", 0),
                "triggers": c.get("rows", {}).get("trigger", 0),
                "promises": c.get("rows", {}).get("promise", 0),
                "skipped_exports": len(c.get("skipped", [])),
            }
        )
    return pd.DataFrame(rows)


def _where(cohort: str | None) -> tuple[str, list[Any]]:
    return ("WHERE cohort = ?", [cohort]) if cohort else ("", [])


def weekly_trajectories(
    dataset: str | os.PathLike[str],
    outcomes: Sequence[str] = ("trust", "safety"),
    *,
    cohort: str | None = None,
) -> pd.DataFrame:
    """Mean and 95 % CI per week since start, across couples, for each check-in outcome.

    Columns: week, outcome, mean, ci_low, ci_high, couples."""
    bad = [o for o in outcomes if o not in OUTCOMES]
    if bad:
        raise KeyError(f"Unknown outcome {bad[0]!r}; choose from {', '.join(OUTCOMES)}.")
    where, args = _where(cohort)
    frames = []
    with connect(dataset) as con:
        for o in outcomes:
            df = con.execute(
                f"""
                WITH per_couple AS (
                    SELECT couple_id, week, avg("{o}") AS v FROM checkin {where}
                    GROUP BY couple_id, week
                )
                SELECT week, '{o}' AS outcome, avg(v) AS mean, stddev_samp(v) AS sd,
                       count(*) AS couples
                FROM per_couple GROUP BY week ORDER BY week
                """,
                args,
            ).df()
            frames.append(df)
    out = pd.concat(frames, ignore_index=True)
    return _with_ci(out)


def _with_ci(df: pd.DataFrame) -> pd.DataFrame:
    half = Z95 * df["sd"].fillna(0.0) / df["couples"].clip(lower=1) ** 0.5
    df["ci_low"] = df["mean"] - half
    df["ci_high"] = df["mean"] + half
    return df.drop(columns=["sd"])


def promise_follow_through(
    dataset: str | os.PathLike[str], *, cohort: str | None = None
) -> pd.DataFrame:
    """Per week of the due day: share of due promises kept on time (mean and CI across
    couples), promises due, and the median minutes late of promises kept late.

    Open (not yet due) promises are left out. Columns: week, mean, ci_low, ci_high,
    couples, due, median_minutes_late."""
    extra, args = (" AND cohort = ?", [cohort]) if cohort else ("", [])
    with connect(dataset) as con:
        df = con.execute(
            f"""
            WITH per_couple AS (
                SELECT couple_id, due_day // 7 AS due_week,
                       avg(CASE WHEN status = 'kept' THEN 1.0 ELSE 0.0 END) AS v,
                       count(*) AS due
                FROM promise WHERE status <> 'open' {extra} GROUP BY couple_id, due_week
            ),
            late AS (
                SELECT due_day // 7 AS due_week, median(minutes_late) AS median_minutes_late
                FROM promise WHERE status = 'kept_late' {extra} GROUP BY due_week
            )
            SELECT p.due_week AS week, avg(v) AS mean, stddev_samp(v) AS sd,
                   count(*) AS couples, sum(due) AS due,
                   any_value(l.median_minutes_late) AS median_minutes_late
            FROM per_couple p LEFT JOIN late l USING (due_week)
            GROUP BY p.due_week ORDER BY p.due_week
            """,
            args + args,
        ).df()
    return _with_ci(df)


def trigger_recovery(dataset: str | os.PathLike[str], *, cohort: str | None = None) -> pd.DataFrame:
    """Per week: triggers logged, couples with a trigger, median minutes to feel steady
    again, mean intensity and the share with the grounding routine done."""
    where, args = _where(cohort)
    with connect(dataset) as con:
        return con.execute(
            f"""
            SELECT week, count(*) AS triggers, count(DISTINCT couple_id) AS couples,
                   median(recovery_minutes) AS median_recovery_minutes,
                   avg(intensity) AS mean_intensity,
                   avg(CASE WHEN grounding_done THEN 1.0 ELSE 0.0 END) AS grounding_share
            FROM "trigger" {where} GROUP BY week ORDER BY week
            """,
            args,
        ).df()


def tidy_frame(dataset: str | os.PathLike[str], *, cohort: str | None = None) -> pd.DataFrame:
    """One row per couple, partner and week: ready for a mixed-effects model such as
    ``trust ~ week + (week | couple_id/partner_id)``.

    Columns: cohort, couple_id, partner_id, week, checkins, trust, safety, connection,
    urge_to_check (weekly means), affection (weekly sum), same_argument_share."""
    where, args = _where(cohort)
    with connect(dataset) as con:
        return con.execute(
            f"""
            SELECT cohort, couple_id, partner_id, week, count(*) AS checkins,
                   avg(trust) AS trust, avg(safety) AS safety, avg(connection) AS connection,
                   avg(urge_to_check) AS urge_to_check, sum(affection) AS affection,
                   avg(CASE WHEN same_argument THEN 1.0 ELSE 0.0 END) AS same_argument_share
            FROM checkin {where}
            GROUP BY cohort, couple_id, partner_id, week
            ORDER BY cohort, couple_id, partner_id, week
            """,
            args,
        ).df()


# -- charts -----------------------------------------------------------------------------------


def _figure(width: float = 8.0, height: float = 4.0) -> Figure:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def _band(ax: Any, df: pd.DataFrame, label: str) -> None:
    ax.plot(df["week"], df["mean"], label=label, linewidth=2)
    ax.fill_between(df["week"], df["ci_low"], df["ci_high"], alpha=0.2)


def plot_trajectories(traj: pd.DataFrame, title: str = "Check-ins per week since start") -> Figure:
    """Lines of the weekly mean with a shaded 95 % CI, one per outcome."""
    fig = _figure()
    ax = fig.add_subplot()
    for outcome, df in traj.groupby("outcome", sort=False):
        _band(ax, df, str(outcome).replace("_", " "))
    ax.set_xlabel("week since start")
    ax.set_ylabel("mean rating (0-10)")
    ax.set_ylim(0, 10)
    ax.set_title(title)
    ax.legend(loc="lower right")
    ax.grid(alpha=0.3)
    return fig


def plot_follow_through(df: pd.DataFrame) -> Figure:
    fig = _figure()
    ax = fig.add_subplot()
    _band(ax, df.assign(**{c: df[c] * 100 for c in ("mean", "ci_low", "ci_high")}), "kept on time")
    ax.set_xlabel("week since start")
    ax.set_ylabel("promises kept on time (%)")
    ax.set_ylim(0, 100)
    ax.set_title("Follow-through on small promises")
    ax.grid(alpha=0.3)
    return fig


def plot_trigger_recovery(df: pd.DataFrame) -> Figure:
    fig = _figure()
    ax = fig.add_subplot()
    ax.plot(df["week"], df["median_recovery_minutes"], linewidth=2, label="median minutes")
    ax.set_xlabel("week since start")
    ax.set_ylabel("minutes to feel steady again")
    ax.set_title("Recovery after triggers")
    ax2 = ax.twinx()
    ax2.bar(df["week"], df["triggers"], alpha=0.2, color="grey", label="triggers logged")
    ax2.set_ylabel("triggers logged")
    ax.set_zorder(ax2.get_zorder() + 1)  # the line above the bars
    ax.patch.set_visible(False)
    ax.grid(alpha=0.3)
    return fig


def figure_png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def show(fig: Figure) -> Any:
    """The figure as an IPython image, for notebooks (``show(plot_trajectories(...))``)."""
    from IPython.display import Image

    return Image(figure_png(fig))


__all__ = [
    "OUTCOMES",
    "connect",
    "figure_png",
    "load",
    "plot_follow_through",
    "plot_trajectories",
    "plot_trigger_recovery",
    "promise_follow_through",
    "show",
    "summary",
    "tidy_frame",
    "trigger_recovery",
    "weekly_trajectories",
]

"""Ready-made analyses over a research dataset (DuckDB), with matplotlib charts.

Every function takes the dataset folder made by ``repairbook research build`` and
returns a tidy pandas frame; the ``plot_*`` functions turn those frames into
matplotlib Figures (Agg canvas, no pyplot state), so they work in a notebook, a
script or a test alike::

    from repairbook.research import analysis as A
    traj = A.weekly_trajectories("dataset")
    A.plot_trajectories(traj)

Every table is made per couple first and pooled after: each couple is summarised
within the week (its mean rating, its share of promises kept, its median recovery
time), and the week's figure is the mean of those couple summaries with a t-based 95 %
interval (statsmodels ``DescrStatsW.tconfint_mean``; no interval from a single couple).
Rows with fewer than ``min_couples`` couples (:data:`MIN_COUPLES`, 5 unless told) are
left out of every ready-made table: small cells single couples out. Unanswered items
are null and are skipped, never counted as 0.

:func:`mixed_model` fits a linear mixed model of the daily ratings with statsmodels
(``MixedLM``): the couple as the group, each partner as a variance component within it,
week and the partner's role as fixed effects, on the long frame :func:`daily_frame`
(one row per couple, partner and day, with the other partner's same-day rating for an
actor-partner model).

A dataset holding both synthetic and real cohorts is never pooled: name a cohort.
"""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import pandas as pd

from repairbook.content import research as R
from repairbook.research.codebook import tables
from repairbook.research.dataset import DatasetError, cohort_kinds, dataset_info

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure
    from statsmodels.regression.mixed_linear_model import MixedLMResults

OUTCOMES = ("trust", "safety", "connection", "urge_to_check")
#: the smallest number of couples a ready-made table shows a row for
MIN_COUPLES = 5
#: role codes in the model's order; partners without an answer are "unknown"
ROLE_LEVELS = ("hurt", "broke_trust", "both", "prefer_not", "unknown")


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


def check_pooling(dataset: str | os.PathLike[str], cohort: str | None) -> None:
    """Refuse to pool synthetic and real cohorts (``cohort=None`` over a mixed dataset)."""
    if cohort:
        return
    kinds = cohort_kinds(dataset_info(dataset))
    found = {k for k in kinds.values() if k in ("synthetic", "real", "mixed")}
    if len(found) > 1 or (found and "unknown" in kinds.values()):
        shown = ", ".join(f"{n} ({k})" for n, k in sorted(kinds.items()))
        raise DatasetError(R.POOL_MIXED.format(cohorts=shown))


def pick_cohort(dataset: str | os.PathLike[str], cohort: str | None = None) -> str:
    """``cohort`` when the dataset has it; with None, the dataset's only cohort. Raises
    :class:`DatasetError` with the cohorts there are otherwise."""
    kinds = cohort_kinds(dataset_info(dataset))
    known = ", ".join(f"{n} ({k})" for n, k in sorted(kinds.items())) or "none"
    if cohort is None:
        if len(kinds) == 1:
            return next(iter(kinds))
        raise DatasetError(R.REDCAP_WHICH_COHORT.format(known=known).replace("--cohort", "cohort="))
    if cohort not in kinds:
        raise DatasetError(R.REDCAP_NO_COHORT.format(cohort=cohort, known=known))
    return cohort


def describe_cohort(dataset: str | os.PathLike[str], cohort: str) -> str:
    """One line naming the cohort: what it is, its couples and the repairbook version."""
    c = (dataset_info(dataset).get("cohorts") or {}).get(cohort, {})
    return R.COHORT_LINE.format(
        cohort=cohort,
        kind=c.get("kind", "unknown"),
        couples=c.get("couples", 0),
        inputs=len(c.get("inputs") or []),
        version=c.get("repairbook_version", "?"),
    )


def _where(cohort: str | None) -> tuple[str, list[Any]]:
    return ("WHERE cohort = ?", [cohort]) if cohort else ("", [])


def _pool(
    per_couple: pd.DataFrame,
    by: str,
    value: str,
    min_couples: int,
    extra: dict[str, str] | None = None,
) -> pd.DataFrame:
    """Per ``by``: mean of the couples' ``value`` with a t-based 95 % interval, couples,
    and ``extra`` {output column: input column summed}; small cells left out."""
    from statsmodels.stats.weightstats import DescrStatsW

    rows = []
    for key, g in per_couple.dropna(subset=[value]).groupby(by, sort=True):
        x = g[value].to_numpy(dtype=float)
        n = len(x)
        row: dict[str, Any] = {by: key, "mean": float(x.mean()), "couples": n}
        if n >= 2:
            lo, hi = DescrStatsW(x).tconfint_mean(alpha=0.05)
            row["ci_low"], row["ci_high"] = float(lo), float(hi)
        else:
            row["ci_low"] = row["ci_high"] = float("nan")
        for out, col in (extra or {}).items():
            row[out] = g[col].sum()
        rows.append(row)
    cols = [by, "mean", "ci_low", "ci_high", "couples", *(extra or {})]
    df = pd.DataFrame(rows, columns=cols)
    return df[df["couples"] >= min_couples].reset_index(drop=True)


def weekly_trajectories(
    dataset: str | os.PathLike[str],
    outcomes: Sequence[str] = ("trust", "safety"),
    *,
    cohort: str | None = None,
    min_couples: int = MIN_COUPLES,
) -> pd.DataFrame:
    """Per week since start and check-in outcome: the mean of the couples' weekly means
    with a t-based 95 % interval. Weeks with fewer than ``min_couples`` couples are left out.

    Columns: week, outcome, mean, ci_low, ci_high, couples."""
    bad = [o for o in outcomes if o not in OUTCOMES]
    if bad:
        raise KeyError(f"Unknown outcome {bad[0]!r}; choose from {', '.join(OUTCOMES)}.")
    check_pooling(dataset, cohort)
    where, args = _where(cohort)
    frames = []
    with connect(dataset) as con:
        for o in outcomes:
            per_couple = con.execute(
                f"""
                SELECT couple_id, week, avg("{o}") AS v FROM checkin {where}
                GROUP BY couple_id, week
                """,
                args,
            ).df()
            df = _pool(per_couple, "week", "v", min_couples)
            df.insert(1, "outcome", o)
            frames.append(df)
    return pd.concat(frames, ignore_index=True)


def promise_follow_through(
    dataset: str | os.PathLike[str],
    *,
    cohort: str | None = None,
    min_couples: int = MIN_COUPLES,
) -> pd.DataFrame:
    """Per week of the due day: the mean of the couples' shares of due promises kept on
    time (t-based 95 % interval), promises due, and the median of the couples' median
    minutes late (promises kept late). Open (not yet due) promises are left out; weeks
    with fewer than ``min_couples`` couples too.

    Columns: week, mean, ci_low, ci_high, couples, due, median_minutes_late."""
    check_pooling(dataset, cohort)
    extra, args = (" AND cohort = ?", [cohort]) if cohort else ("", [])
    with connect(dataset) as con:
        per_couple = con.execute(
            f"""
            SELECT couple_id, due_day // 7 AS due_week,
                   avg(CASE WHEN status = 'kept' THEN 1.0 ELSE 0.0 END) AS v,
                   count(*) AS due,
                   median(minutes_late) FILTER (WHERE status = 'kept_late') AS late
            FROM promise WHERE status <> 'open' {extra} GROUP BY couple_id, due_week
            """,
            args,
        ).df()
    per_couple = per_couple.rename(columns={"due_week": "week"})
    df = _pool(per_couple, "week", "v", min_couples, {"due": "due"})
    late = per_couple.groupby("week")["late"].median()
    df["median_minutes_late"] = df["week"].map(late)
    return df


def trigger_recovery(
    dataset: str | os.PathLike[str],
    *,
    cohort: str | None = None,
    min_couples: int = MIN_COUPLES,
) -> pd.DataFrame:
    """Per week: triggers logged, couples with a trigger, the median of the couples'
    median minutes to feel steady again, the mean of their mean intensities and the
    share of couples' triggers with the grounding routine done (each couple summarised
    first, so a couple who logs many triggers does not weigh more). Weeks with fewer than
    ``min_couples`` couples are left out."""
    check_pooling(dataset, cohort)
    where, args = _where(cohort)
    with connect(dataset) as con:
        per_couple = con.execute(
            f"""
            SELECT couple_id, week, count(*) AS triggers,
                   median(recovery_minutes) AS recovery, avg(intensity) AS intensity,
                   avg(CAST(grounding_done AS DOUBLE)) AS grounding
            FROM "trigger" {where} GROUP BY couple_id, week
            """,
            args,
        ).df()
    g = per_couple.groupby("week", sort=True)
    df = pd.DataFrame(
        {
            "triggers": g["triggers"].sum(),
            "couples": g["couple_id"].nunique(),
            "median_recovery_minutes": g["recovery"].median(),
            "mean_intensity": g["intensity"].mean(),
            "grounding_share": g["grounding"].mean(),
        }
    ).reset_index()
    return df[df["couples"] >= min_couples].reset_index(drop=True)


def tidy_frame(dataset: str | os.PathLike[str], *, cohort: str | None = None) -> pd.DataFrame:
    """One row per couple, partner and week: ready for a mixed-effects model such as
    ``trust ~ week + (week | couple_id/partner_id)``.

    Columns: cohort, couple_id, partner_id, week, checkins, trust, safety, connection,
    urge_to_check (weekly means of the answered items), affection (weekly sum),
    same_argument_share (of the days it was answered). Not suppressed: it is the data
    itself, for models."""
    check_pooling(dataset, cohort)
    where, args = _where(cohort)
    with connect(dataset) as con:
        return con.execute(
            f"""
            SELECT cohort, couple_id, partner_id, week, count(*) AS checkins,
                   avg(trust) AS trust, avg(safety) AS safety, avg(connection) AS connection,
                   avg(urge_to_check) AS urge_to_check, sum(affection) AS affection,
                   avg(CAST(same_argument AS DOUBLE)) AS same_argument_share
            FROM checkin {where}
            GROUP BY cohort, couple_id, partner_id, week
            ORDER BY cohort, couple_id, partner_id, week
            """,
            args,
        ).df()


def daily_frame(dataset: str | os.PathLike[str], *, cohort: str | None = None) -> pd.DataFrame:
    """The long frame for dyadic models: one row per couple, partner and day with a
    check-in, the partner's role, and the other partner's same-day ratings
    (``partner_trust`` ...; null when they did not check in or did not answer).

    Columns: cohort, couple_id, partner_id, role, day, week, trust, safety, connection,
    urge_to_check, partner_trust, partner_safety, partner_connection,
    partner_urge_to_check. Ratings are null where unanswered."""
    check_pooling(dataset, cohort)
    where, args = _where(cohort)
    items = ", ".join(f"avg({o}) AS {o}" for o in OUTCOMES)
    other = ", ".join(f"b.{o} AS partner_{o}" for o in OUTCOMES)
    sql = f"""
        WITH d AS (
            SELECT cohort, couple_id, partner_id, day, min(week) AS week, {items}
            FROM checkin {where} GROUP BY cohort, couple_id, partner_id, day
        )
        SELECT a.cohort, a.couple_id, a.partner_id,
               coalesce(p.role, 'unknown') AS role, a.day, a.week,
               {", ".join(f"a.{o}" for o in OUTCOMES)}, {other}
        FROM d a
        LEFT JOIN d b ON b.cohort = a.cohort AND b.couple_id = a.couple_id
                     AND b.day = a.day AND b.partner_id <> a.partner_id
        LEFT JOIN partners p ON p.cohort = a.cohort AND p.couple_id = a.couple_id
                            AND p.partner_id = a.partner_id
        ORDER BY a.cohort, a.couple_id, a.partner_id, a.day
    """
    with connect(dataset) as con:
        df = con.execute(sql, args).df()
    df["role"] = pd.Categorical(df["role"], categories=list(ROLE_LEVELS))
    return df


def mixed_model(
    dataset: str | os.PathLike[str],
    outcome: str = "trust",
    *,
    cohort: str | None = None,
    frame: pd.DataFrame | None = None,
) -> MixedLMResults:
    """A linear mixed model of the daily ``outcome`` (statsmodels MixedLM, REML):
    ``outcome ~ week + C(role)`` with a random intercept per couple and a variance
    component per partner within the couple. Days where the item was unanswered are
    left out. Pass ``frame`` (from :func:`daily_frame`) to reuse a loaded frame.

    Returns the fitted results (``.summary()``, ``.params``, ``.conf_int()``)."""
    import statsmodels.formula.api as smf

    if outcome not in OUTCOMES:
        raise KeyError(f"Unknown outcome {outcome!r}; choose from {', '.join(OUTCOMES)}.")
    df = daily_frame(dataset, cohort=cohort) if frame is None else frame
    df = df.dropna(subset=[outcome]).copy()
    df["role"] = df["role"].cat.remove_unused_categories()
    terms = "week" + (" + C(role)" if df["role"].nunique() > 1 else "")
    model = smf.mixedlm(
        f"{outcome} ~ {terms}",
        df,
        groups="couple_id",
        re_formula="1",
        vc_formula={"partner": "0 + C(partner_id)"},
    )
    return model.fit(reml=True)


def model_table(result: MixedLMResults) -> pd.DataFrame:
    """The fixed effects of a fit as a frame: term, estimate, se, ci_low, ci_high, p."""
    ci = result.conf_int()
    fe = result.fe_params.index
    return pd.DataFrame(
        {
            "term": list(fe),
            "estimate": result.fe_params.to_numpy(),
            "se": result.bse_fe.to_numpy(),
            "ci_low": ci.loc[fe, 0].to_numpy(),
            "ci_high": ci.loc[fe, 1].to_numpy(),
            "p": result.pvalues.loc[fe].to_numpy(),
        }
    )


# -- charts -----------------------------------------------------------------------------------


def _figure(width: float = 8.0, height: float = 4.0) -> Figure:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def _note_if_empty(ax: Any, df: pd.DataFrame) -> None:
    """An empty table (every row a small cell) says so on the chart instead of a blank."""
    if df.empty:
        ax.text(
            0.5,
            0.5,
            R.SUPPRESSED_NOTE.format(k=MIN_COUPLES),
            ha="center",
            va="center",
            transform=ax.transAxes,
            wrap=True,
        )


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
    if not traj.empty:
        ax.legend(loc="lower right")
    _note_if_empty(ax, traj)
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
    _note_if_empty(ax, df)
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
    _note_if_empty(ax, df)
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
    "MIN_COUPLES",
    "OUTCOMES",
    "check_pooling",
    "connect",
    "daily_frame",
    "describe_cohort",
    "pick_cohort",
    "mixed_model",
    "model_table",
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

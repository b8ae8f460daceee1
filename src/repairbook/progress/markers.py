"""The weekly marker frames: ratings, the same argument, recovery, promises, affection,
the urge to check up and rituals, plus the daily ratings and the gap between you.

Every weekly frame is tidy: one row per (week, partner), ``partner`` one of the two names
or :data:`TOGETHER`. A week without the data a value rests on is ``NaN`` (a gap on a
chart), never ``0``; counts are ``0`` only in weeks when the couple used the workbook.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from repairbook.progress.tables import Tables, monday, to_ts

TOGETHER = "together"
RATINGS = ("trust", "safety", "connection")
MARKERS = ("ratings", "arguments", "recovery", "promises", "affection", "urge", "rituals", "wins")
RITUAL_TYPES = ("care_act", "repair_checkin", "fun_date", "public_support")


def _weekly(
    df: pd.DataFrame,
    weeks: np.ndarray,
    partners: Sequence[str],
    spec: dict[str, tuple[str, str]],
    together: pd.DataFrame | None = None,
    by: str = "author",
) -> pd.DataFrame:
    """Aggregate ``df`` per (partner, week) and for both together; missing weeks are NaN."""
    cols = list(spec)
    idx = pd.MultiIndex.from_product([list(partners), weeks], names=["partner", "week"])
    if len(df):
        per = df.groupby([by, "week"]).agg(**spec)
        per.index = per.index.set_names(["partner", "week"])
        per = per.reindex(idx)
    else:
        per = pd.DataFrame(np.nan, index=idx, columns=cols)
    src = df if together is None else together
    if len(src):
        tog = src.groupby("week").agg(**spec).reindex(weeks)
    else:
        tog = pd.DataFrame(np.nan, index=pd.Index(weeks, name="week"), columns=cols)
    tog.index = pd.MultiIndex.from_product([[TOGETHER], weeks], names=["partner", "week"])
    out = pd.concat([per, tog]).astype("float64").reset_index()
    out["week"] = to_ts(out["week"].to_numpy())
    return out[["week", "partner", *cols]]


def _fill_active(df: pd.DataFrame, cols: Sequence[str], active: np.ndarray) -> pd.DataFrame:
    """Counts are 0 (not a gap) in weeks when the couple used the workbook."""
    on = df["week"].isin(to_ts(active))
    for c in cols:
        df.loc[on & df[c].isna(), c] = 0.0
    return df


def marker_frames(
    t: Tables, partners: Sequence[str], start: int, tday: int
) -> dict[str, pd.DataFrame]:
    weeks = np.arange(monday(start), monday(tday) + 1, 7, dtype="int64")
    active = np.unique(t["any"]["week"].to_numpy())
    ck = t["checkin"]
    if len(ck):
        active = np.union1d(active, ck["week"].unique())
    frames: dict[str, pd.DataFrame] = {}

    # ratings, weekly
    frames["ratings"] = _weekly(
        ck,
        weeks,
        partners,
        {
            "trust": ("trust", "mean"),
            "safety": ("safety", "mean"),
            "connection": ("connection", "mean"),
            "checkin_days": ("day", "count"),
        },
    )
    # the same argument: days per week; together = days when either said so
    if len(ck):
        per_day = ck.groupby("day").agg(same_argument=("same_argument", "any")).reset_index()
        per_day["week"] = monday(per_day["day"].to_numpy())
    else:
        per_day = pd.DataFrame({"day": [], "same_argument": [], "week": []})
    frames["arguments"] = _weekly(
        ck,
        weeks,
        partners,
        {"days": ("same_argument", "sum"), "checkin_days": ("day", "count")},
        together=per_day,
    )
    frames["affection"] = _weekly(
        ck,
        weeks,
        partners,
        {
            "mean": ("affection", "mean"),
            "total": ("affection", "sum"),
            "checkin_days": ("day", "count"),
        },
    )
    frames["urge"] = _weekly(
        ck, weeks, partners, {"mean": ("urge", "mean"), "checkin_days": ("day", "count")}
    )
    tr = t["trigger"]
    frames["recovery"] = _fill_active(
        _weekly(
            tr,
            weeks,
            partners,
            {
                "median_minutes": ("recovery", "median"),
                "triggers": ("id", "count"),
                "max_intensity": ("intensity", "max"),
            },
        ),
        ["triggers"],
        active,
    )
    frames["promises"] = _promise_frame(t["promise"], weeks, partners, active)
    frames["rituals"] = _ritual_frame(t["ritual"], weeks, active)
    daily, gap = _daily(ck, partners, start, tday)
    frames["daily"] = daily
    frames["gap"] = gap
    return frames


def promise_flags(pr: pd.DataFrame) -> pd.DataFrame:
    pr = pr.copy()
    st = pr["status"]
    pr["kept"] = st == "kept"
    pr["kept_late"] = st == "kept_late"
    pr["broken"] = st == "broken"
    pr["renegotiated"] = (st == "renegotiated") | (pr["renegotiations"] > 0)
    pr["open"] = st == "open"
    pr["counted"] = pr["kept"] | pr["kept_late"] | pr["broken"]
    return pr


def _promise_frame(
    pr: pd.DataFrame, weeks: np.ndarray, partners: Sequence[str], active: np.ndarray
) -> pd.DataFrame:
    pr = promise_flags(pr)
    counts = ["due", "kept", "kept_late", "broken", "renegotiated", "open"]
    spec = {
        "due": ("counted", "sum"),
        "kept": ("kept", "sum"),
        "kept_late": ("kept_late", "sum"),
        "broken": ("broken", "sum"),
        "renegotiated": ("renegotiated", "sum"),
        "open": ("open", "sum"),
        "minutes_late": ("minutes_late", "median"),
    }
    df = _fill_active(_weekly(pr, weeks, partners, spec), counts, active)
    with np.errstate(invalid="ignore", divide="ignore"):
        rate = df["kept"] / df["due"]
    df["rate"] = rate.where(df["due"] > 0)
    # a calmer line: kept / due over the last 4 weeks (weeks without promises don't count)
    roll = df.groupby("partner", sort=False)[["kept", "due"]].rolling(4, min_periods=1).sum()
    roll = roll.reset_index(level=0, drop=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        df["rate_4w"] = (roll["kept"] / roll["due"]).where(roll["due"] > 0)
    df.loc[df["due"].isna(), "rate_4w"] = np.nan
    return df[["week", "partner", *counts, "rate", "rate_4w", "minutes_late"]]


def _ritual_frame(rt: pd.DataFrame, weeks: np.ndarray, active: np.ndarray) -> pd.DataFrame:
    """Days each ritual was kept per week (rituals belong to the couple, not one partner)."""
    uniq = rt.drop_duplicates(["ritual", "day"])
    df = _weekly(uniq, weeks, RITUAL_TYPES, {"count": ("day", "count")}, by="ritual")
    df = df[df["partner"] != TOGETHER].rename(columns={"partner": "ritual"})
    return _fill_active(df.reset_index(drop=True), ["count"], active)


def _daily(
    ck: pd.DataFrame, partners: Sequence[str], start: int, tday: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Daily ratings and their 7-day mean per partner and together; the gap between you."""
    days = np.arange(start, tday + 1, dtype="int64")
    idx = pd.Index(days, name="day")
    parts = []
    gap = pd.DataFrame(index=idx)
    for m in RATINGS:
        if len(ck):
            wide = ck.pivot(index="day", columns="author", values=m)
        else:
            wide = pd.DataFrame(index=idx)
        wide = wide.reindex(index=idx, columns=list(partners)).astype("float64")
        wide[TOGETHER] = wide[list(partners)].mean(axis=1)
        smooth = wide.rolling(7, min_periods=1).mean()
        gap[m] = (smooth[partners[0]] - smooth[partners[1]]).abs()
        long = wide.stack(future_stack=True).rename(m).to_frame()
        long[m + "_7d"] = smooth.stack(future_stack=True)
        parts.append(long)
    daily = pd.concat(parts, axis=1)
    daily.index = daily.index.set_names(["day", "partner"])
    daily = daily.reset_index()
    daily["day"] = to_ts(daily["day"].to_numpy())
    daily = daily.sort_values(["partner", "day"], kind="stable").reset_index(drop=True)
    cols = ["day", "partner", *RATINGS, *(m + "_7d" for m in RATINGS)]
    gap = gap.reset_index()
    gap["day"] = to_ts(gap["day"].to_numpy())
    return daily[cols], gap

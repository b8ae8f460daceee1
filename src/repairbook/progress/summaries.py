"""Summaries: one calm sentence per marker (the last 4 weeks against the 4 before), and the
timeline, a map of the usual course (never a deadline)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

from repairbook.content import progress as W
from repairbook.progress.markers import MARKERS, promise_flags
from repairbook.progress.tables import Tables, day_text, to_ts
from repairbook.progress.wins import SmallWin


@dataclass(frozen=True)
class Stage:
    key: str
    title: str
    text: str
    from_day: int
    to_day: int | None
    current: bool


@dataclass(frozen=True)
class Timeline:
    """Where the couple is on the usual course: a map, never a deadline."""

    days: int | None  #: days since the first entry (None before any)
    stage: str | None  #: key of the current stage
    title: str
    here: str  #: one sentence: where you are
    note: str  #: that this is a map, not a schedule
    stages: list[Stage]
    position: float  #: 0..1 along the map (each stage takes a quarter)

    def to_json(self) -> dict[str, Any]:
        return {
            "days": self.days,
            "stage": self.stage,
            "title": self.title,
            "here": self.here,
            "note": self.note,
            "position": self.position,
            "stages": [
                {
                    "key": s.key,
                    "title": s.title,
                    "text": s.text,
                    "from_day": s.from_day,
                    "to_day": s.to_day,
                    "current": s.current,
                }
                for s in self.stages
            ],
        }


def _n(x: float) -> str:
    return str(int(round(x))) if abs(x - round(x)) < 0.05 else f"{x:.1f}"


def _compare(key: str, then: float | None, now: float | None) -> str | None:
    """Pick the template: up, down, same, or only (no earlier month to compare with)."""
    texts = W.SUMMARY[key]
    if now is None or (isinstance(now, float) and math.isnan(now)):
        return None
    if then is None or (isinstance(then, float) and math.isnan(then)):
        return texts["only"]
    if abs(now - then) <= W.SAME_WITHIN[key] or _n(now) == _n(then):
        return texts["same"]
    return texts["up"] if now > then else texts["down"]


def marker_summaries(
    t: Tables,
    frames: dict[str, pd.DataFrame],
    streaks: pd.DataFrame,
    wins: list[SmallWin],
    tday: int,
) -> dict[str, str]:
    out: dict[str, str] = {}
    now_lo, then_lo = tday - 27, tday - 55

    def split(df: pd.DataFrame, col: str = "day") -> tuple[pd.DataFrame, pd.DataFrame]:
        d = df[col]
        return df[(d >= then_lo) & (d < now_lo)], df[(d >= now_lo) & (d <= tday)]

    ck = t["checkin"]
    a, b = split(ck)

    # the same argument: days when either of you said so
    def arg_days(df: pd.DataFrame) -> float | None:
        if not len(df):
            return None
        return float(df.groupby("day")["same_argument"].any().sum())

    then, now = arg_days(a), arg_days(b)
    tpl = _compare("arguments", then, now)
    out["arguments"] = tpl.format(then=_n(then or 0), now=_n(now or 0)) if tpl else W.SUMMARY_EMPTY

    tr = t["trigger"]
    ta, tb = split(tr)
    med = lambda df: float(df["recovery"].median()) if df["recovery"].notna().any() else None  # noqa: E731
    then, now = med(ta), med(tb)
    if now is None and len(tr):
        out["recovery"] = W.SUMMARY["recovery"]["none_now"]
    else:
        tpl = _compare("recovery", then, now)
        out["recovery"] = (
            tpl.format(then=round(then or 0), now=round(now or 0)) if tpl else W.SUMMARY_EMPTY
        )

    pr = promise_flags(t["promise"])
    pr = pr[pr["counted"]]
    pa, pb = split(pr, "due_day")
    rate = lambda df: float(df["kept"].mean()) if len(df) else None  # noqa: E731
    tpl = _compare("promises", rate(pa), rate(pb))
    if tpl:
        text = tpl.format(
            then=f"{int(pa['kept'].sum())} of {len(pa)}",
            now=f"{int(pb['kept'].sum())} of {len(pb)}",
        )
        late = pb.loc[pb["kept_late"], "minutes_late"]
        if late.notna().any():
            text += W.SUMMARY["promises"]["late"].format(late=_n(float(late.median())))
        out["promises"] = text
    else:
        out["promises"] = W.SUMMARY_EMPTY

    for key, col in (("affection", "affection"), ("urge", "urge"), ("ratings", "trust")):
        then = float(a[col].mean()) if len(a) else None
        now = float(b[col].mean()) if len(b) else None
        tpl = _compare(key, then, now)
        if not tpl:
            out[key] = W.SUMMARY_EMPTY
            continue
        text = tpl.format(then=_n(then or 0), now=_n(now or 0))
        if key == "ratings":
            gap = frames["gap"]
            recent = gap.loc[gap["day"] >= to_ts([tday - 6])[0], "trust"].dropna()
            if len(recent):
                text += W.SUMMARY["ratings"]["gap"].format(gap=_n(float(recent.iloc[-1])))
            else:
                text += W.SUMMARY["ratings"]["no_gap"]
        out[key] = text

    parts = []
    for row in streaks.itertuples(index=False):
        if row.total:
            one, many = W.RITUAL_UNITS[row.cadence]
            parts.append(
                W.SUMMARY["rituals"]["part"].format(
                    label=W.RITUAL_LABELS[row.ritual],
                    current=row.current,
                    unit=one if row.current == 1 else many,
                    best=row.best,
                )
            )
    out["rituals"] = (
        W.SUMMARY["rituals"]["some"].format(parts="; ".join(parts))
        if parts
        else W.SUMMARY["rituals"]["none"]
    )

    if wins:
        last = wins[-1]
        key = "one" if len(wins) == 1 else "some"
        out["wins"] = W.SUMMARY["wins"][key].format(
            n=len(wins), title=last.title, day=day_text(last.day)
        )
    else:
        out["wins"] = W.MARKERS["wins"]["empty"]
    return {k: W.singular(out[k]) for k in MARKERS}


def timeline(days: int | None) -> Timeline:
    """Where ``days`` since the start falls on the usual course (a map, never a deadline)."""
    stages_raw = W.TIMELINE_STAGES
    if days is None or days < 0:
        stages = [_stage(s, False) for s in stages_raw]
        return Timeline(
            None, None, W.TIMELINE_TITLE, W.TIMELINE_EMPTY, W.TIMELINE_NOTE, stages, 0.0
        )
    current = 0
    for i, s in enumerate(stages_raw):
        to = s["to_day"]
        if days >= int(s["from_day"]) and (to is None or days < int(to)):
            current = i
    stages = [_stage(s, i == current) for i, s in enumerate(stages_raw)]
    cur = stages[current]
    span = (cur.to_day if cur.to_day is not None else cur.from_day * 2) - cur.from_day
    frac = min(1.0, (days - cur.from_day) / span) if span > 0 else 1.0
    position = (current + frac) / len(stages)
    name = str(stages_raw[current]["inline"])
    if days < 14:
        here = W.TIMELINE_HERE.format(days=days, stage=name)
    elif days < 120:
        here = W.TIMELINE_HERE_WEEKS.format(weeks=days // 7, stage=name)
    elif days < 548:
        here = W.TIMELINE_HERE_MONTHS.format(months=round(days / 30.44), stage=name)
    else:
        here = W.TIMELINE_HERE_YEARS.format(years=_n(round(days / 365.25 * 2) / 2), stage=name)
    here = W.singular(here)
    return Timeline(days, cur.key, W.TIMELINE_TITLE, here, W.TIMELINE_NOTE, stages, position)


def _stage(s: dict[str, Any], current: bool) -> Stage:
    to = s["to_day"]
    return Stage(
        key=str(s["key"]),
        title=str(s["title"]),
        text=str(s["text"]),
        from_day=int(s["from_day"]),
        to_day=None if to is None else int(to),
        current=current,
    )

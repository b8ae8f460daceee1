"""Small wins: the ones the couple logged, and the ones the workbook notices (each awarded
once, the first time it happens, with the reason; the numbers live in
``repairbook.content.progress.AUTO_WINS``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

import numpy as np
import pandas as pd

from repairbook.content import progress as W
from repairbook.progress.markers import promise_flags
from repairbook.progress.streaks import runs
from repairbook.progress.tables import Tables, day_text, dnum, fmt, monday, to_date


@dataclass(frozen=True)
class SmallWin:
    day: date
    title: str
    reason: str
    source: Literal["logged", "automatic"]
    entry_ids: list[str]
    key: str  #: "logged:<id>" or the automatic rule's key
    audience: str = "both"
    private: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "day": self.day.isoformat(),
            "title": self.title,
            "reason": self.reason,
            "source": self.source,
            "entry_ids": list(self.entry_ids),
            "key": self.key,
            "audience": self.audience,
            "private": self.private,
        }


def small_wins(t: Tables, partners: Sequence[str], tday: int) -> list[SmallWin]:
    out: list[SmallWin] = []
    for r in t["win"].itertuples(index=False):
        out.append(
            SmallWin(
                day=to_date(r.day),
                title=str(r.text),
                reason=W.LOGGED_WIN_REASON,
                source="logged",
                entry_ids=[str(r.id)],
                key=f"logged:{r.id}",
            )
        )
    rules = W.AUTO_WINS

    def auto(key: str, on: int, ids: Iterable[str], **kw: Any) -> None:
        rule = rules[key]
        out.append(
            SmallWin(
                day=to_date(on),
                title=fmt(rule["title"], **kw),
                reason=fmt(rule["reason"], **kw),
                source="automatic",
                entry_ids=sorted(set(map(str, ids))),
                key=key,
            )
        )

    def award_week(key: str, hits: pd.DataFrame, src: pd.DataFrame, **extra: Any) -> None:
        """Award ``key`` for the first week in ``hits`` (indexed by week); ``extra`` values
        are functions of that week's row."""
        if not len(hits):
            return
        w = int(hits.index[0])
        first = hits.iloc[0]
        kw = {k: f(first) for k, f in extra.items()}
        auto(key, w + 6, src.loc[src["week"] == w, "id"], week=day_text(to_date(w)), **kw)

    done_week = monday(tday) - 7  # the last week that is over

    # first week with every promise kept on time
    pr = promise_flags(t["promise"])
    pr = pr[pr["counted"]]
    if len(pr):
        g = pr.groupby("week").agg(due=("counted", "sum"), kept=("kept", "sum"))
        ok = g[(g["due"] >= int(rules["promises_all_kept"]["min_promises"]))]
        ok = ok[(ok["kept"] == ok["due"]) & (ok.index <= done_week)]
        award_week("promises_all_kept", ok, pr, n=lambda r: int(r["due"]))

    # first month without a trigger over N (with check-ins in that month)
    rule = rules["month_without_strong_trigger"]
    level, span = int(rule["intensity"]), int(rule["days"])
    ck_days = np.unique(t["checkin"]["day"].to_numpy(dtype="int64"))
    if len(ck_days):
        tr = t["trigger"]
        strong = np.unique(tr.loc[tr["intensity"] > level, "day"].to_numpy(dtype="int64"))
        first = int(min(ck_days[0], t["any"]["day"].min()))
        begins = np.concatenate([[first], strong + 1])
        ends = np.concatenate([strong, [tday + 1]])
        fits = (ends - begins) >= span
        # some check-ins in the month, so it is not a month away from the workbook
        n_ck = np.searchsorted(ck_days, begins + span) - np.searchsorted(ck_days, begins)
        fits &= n_ck >= span // 4
        if fits.any():
            b = int(begins[np.argmax(fits)])
            auto(
                "month_without_strong_trigger",
                b + span - 1,
                [],
                intensity=level,
                start=day_text(to_date(b)),
                end=day_text(to_date(b + span - 1)),
            )

    ck = t["checkin"]
    if len(ck):
        # first week both checked in every day
        per = ck.groupby(["week", "author"]).size().unstack("author")
        per = per.reindex(columns=list(partners))
        full = per[(per.fillna(0) >= 7).all(axis=1)]
        award_week("both_checked_in_every_day", full, ck)
        # first finished week without the same argument, after it had come up before
        rule = rules["week_without_same_argument"]
        wk = ck.groupby("week").agg(n=("day", "count"), args=("same_argument", "sum"))
        had_before = (wk["args"].cumsum() - wk["args"]) > 0
        calm = wk[
            (wk["args"] == 0)
            & (wk["n"] >= int(rule["min_checkin_days"]))
            & had_before
            & (wk.index <= done_week)
        ]
        award_week("week_without_same_argument", calm, ck, days=lambda r: int(r["n"]))
        # first week with trust at N or more for both
        level = int(rules["trust_seven_both"]["level"])
        tw = ck.groupby(["week", "author"])["trust"].mean().unstack("author")
        tw = tw.reindex(columns=list(partners))
        high = tw[(tw >= level).all(axis=1)]
        award_week(
            "trust_seven_both",
            high,
            ck,
            level=lambda r: level,
            a=lambda r: f"{r[partners[0]]:.1f}",
            b=lambda r: f"{r[partners[1]]:.1f}",
        )

    # steady again within N minutes, after a longer recovery before
    tr = t["trigger"]
    minutes = int(rules["quick_recovery"]["minutes"])
    rec = tr.dropna(subset=["recovery"])
    if len(rec):
        slow_before = (rec["recovery"] > minutes).cummax().shift(1, fill_value=False)
        quick = rec[(rec["recovery"] <= minutes) & slow_before]
        if len(quick):
            q = quick.iloc[0]
            auto(
                "quick_recovery",
                int(q["day"]),
                [q["id"]],
                minutes=minutes,
                day=day_text(to_date(int(q["day"]))),
                actual=int(q["recovery"]),
            )

    # N repair check-ins in a row
    n_weeks = int(rules["repair_checkins_month"]["weeks"])
    rt = t["ritual"]
    rdays = rt.loc[rt["ritual"] == "repair_checkin", "day"].to_numpy(dtype="int64")
    units = np.unique(monday(rdays) // 7)
    starts, lengths = runs(units)
    long_runs = starts[lengths >= n_weeks]
    if len(long_runs):
        w = int(long_runs[0] + n_weeks - 1) * 7 + 4  # back from week number to its Monday
        ids = rt.loc[
            (rt["ritual"] == "repair_checkin")
            & (rt["week"] >= w - 7 * (n_weeks - 1))
            & (rt["week"] <= w),
            "id",
        ]
        auto("repair_checkins_month", w + 6, ids, weeks=n_weeks, week=day_text(to_date(w)))

    # an apology that was heard; fully heard in a listening round
    rs = t["apology_response"]
    heard = rs[rs["felt_heard"]]
    if len(heard):
        h = heard.iloc[0]
        day = int(h["day"])
        auto("apology_heard", day, [h["id"]], day=day_text(to_date(day)), name=h["author"])
    lr = t["listening_round"]
    five = lr[lr["heard"] >= 5]
    if len(five):
        h = five.iloc[0]
        day = int(h["day"])
        auto("heard_fully", day, [h["id"]], day=day_text(to_date(day)), name=h["speaker"])

    out.sort(key=lambda w: (w.day, w.key))
    return [w for w in out if dnum(w.day) <= tday]

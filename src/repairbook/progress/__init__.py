"""Progress: pure functions from entries to tidy pandas frames, summaries, wins and signals.

No I/O and no widgets: the Progress page, the CLI and notebooks all call
:func:`progress_report` and read the :class:`Report` it returns.

Conventions

* Weeks are ISO weeks, labelled by their Monday (``week`` column, a Timestamp).
* Every weekly frame is *tidy*: one row per (week, partner) with ``partner`` one of the two
  names or :data:`TOGETHER`; a week without the data a value rests on is ``NaN`` (a gap on a
  chart), never ``0``. Counts are ``0`` only in weeks where the couple used the workbook.
* Dates are UTC dates. ``today`` defaults to the current UTC date.
* Entries are sorted by (created, id) first, so the result never depends on the order they
  were given in.
* Signals and wins built on a private entry are shown only to that entry's author: use
  :meth:`Report.signals_for` and :meth:`Report.wins_for` with the person looking.

The work is vectorized with pandas / numpy: its cost grows with the number of entries
only through a few array operations, so five years cost about what one month does.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Any, Literal

import numpy as np
import pandas as pd

from repairbook.content import progress as W
from repairbook.content import signals as S
from repairbook.entries import Entry

TOGETHER = "together"
RATINGS = ("trust", "safety", "connection")
MARKERS = ("ratings", "arguments", "recovery", "promises", "affection", "urge", "rituals", "wins")
STREAK_RITUALS = {"care_act": "day", "repair_checkin": "week", "fun_date": "week"}
RITUAL_TYPES = ("care_act", "repair_checkin", "fun_date", "public_support")
SIGNAL_NAMES = S.SIGNAL_NAMES

_EPOCH = date(1970, 1, 1)


# --------------------------------------------------------------------------------------------
# results
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Signal:
    """A gentle signal with the reasons it was raised and the entries it rests on."""

    name: str  #: therapist, pause, forgiveness_rushed, avoidance or ease_off
    title: str
    text: str
    reasons: list[str]
    entry_ids: list[str]
    audience: str  #: "both", or the one partner who may see it
    private: bool
    rules: list[str]  #: the threshold rules (keys of content.signals.RULES) behind it
    partners: list[str] = field(default_factory=list)  #: whom the reasons are about

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title,
            "text": self.text,
            "reasons": list(self.reasons),
            "entry_ids": list(self.entry_ids),
            "audience": self.audience,
            "private": self.private,
            "rules": list(self.rules),
            "partners": list(self.partners),
        }


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


@dataclass
class Report:
    """Everything the Progress page and ``repairbook progress`` show.

    ``frames`` (tidy pandas frames, see :func:`progress_report`), ``streaks`` (one row per
    ritual), ``summaries`` (marker -> one sentence), ``wins``, ``timeline`` and ``signals``.
    ``signals`` / ``wins`` hold the shared ones (audience "both") and the private ones
    (audience = their author's name); show a person only :meth:`signals_for` them.
    """

    partners: list[str]
    today: date
    start: date | None
    frames: dict[str, pd.DataFrame]
    streaks: pd.DataFrame
    summaries: dict[str, str]
    wins: list[SmallWin]
    timeline: Timeline
    signals: list[Signal]
    views: dict[str, tuple[list[Signal], list[SmallWin]]] = field(default_factory=dict, repr=False)

    @property
    def empty(self) -> bool:
        """True before the first check-in or log: the page shows its empty state."""
        return self.start is None

    def signals_for(self, viewer: str | None) -> list[Signal]:
        """The signals ``viewer`` may see (None: shared ones only)."""
        if viewer is not None and viewer in self.views:
            return list(self.views[viewer][0])
        return [s for s in self.signals if s.audience == "both"]

    def wins_for(self, viewer: str | None) -> list[SmallWin]:
        if viewer is not None and viewer in self.views:
            return list(self.views[viewer][1])
        return [w for w in self.wins if w.audience == "both"]

    def frame(self, marker: str) -> pd.DataFrame:
        return self.frames[marker]

    def to_json(self, viewer: str | None = None) -> dict[str, Any]:
        """A JSON-ready dict (weekly frames as records, NaN as null)."""
        weekly = {k: _records(v) for k, v in self.frames.items() if k not in ("daily", "gap")}
        return {
            "partners": list(self.partners),
            "today": self.today.isoformat(),
            "start": self.start.isoformat() if self.start else None,
            "timeline": self.timeline.to_json(),
            "summaries": dict(self.summaries),
            "streaks": _records(self.streaks),
            "wins": [w.to_json() for w in self.wins_for(viewer)],
            "signals": [s.to_json() for s in self.signals_for(viewer)],
            "markers": weekly,
        }


def _records(df: pd.DataFrame) -> list[dict[str, Any]]:
    out = []
    for row in df.to_dict(orient="records"):
        clean: dict[str, Any] = {}
        for k, v in row.items():
            if isinstance(v, pd.Timestamp):
                clean[k] = v.date().isoformat()
            elif isinstance(v, (date, datetime)):
                clean[k] = v.isoformat()
            elif isinstance(v, (float, np.floating)):
                clean[k] = None if math.isnan(v) else float(v)
            elif isinstance(v, np.integer):
                clean[k] = int(v)
            elif isinstance(v, np.bool_):
                clean[k] = bool(v)
            else:
                clean[k] = v
        out.append(clean)
    return out


# --------------------------------------------------------------------------------------------
# entries -> tables
# --------------------------------------------------------------------------------------------


def _dnum(d: date | datetime) -> int:
    if isinstance(d, datetime):
        d = d.astimezone(UTC).date()
    return (d - _EPOCH).days


def _to_date(n: int | np.integer) -> date:
    return date.fromordinal(_EPOCH.toordinal() + int(n))


def _to_ts(n: np.ndarray | Sequence[int]) -> pd.DatetimeIndex:
    arr = np.asarray(n, dtype="int64").astype("datetime64[D]").astype("datetime64[ns]")
    return pd.DatetimeIndex(arr)


def _monday(n: np.ndarray | int) -> Any:
    """Day number of the Monday of the ISO week (1970-01-01 was a Thursday)."""
    return n - ((n + 3) % 7)


_COLUMNS: dict[str, tuple[str, ...]] = {
    "checkin": (
        "day",
        "trust",
        "safety",
        "connection",
        "affection",
        "same_argument",
        "urge",
    ),
    "trigger": ("day", "intensity", "recovery"),
    "promise": ("due_day", "status", "minutes_late"),
    "ritual": ("day", "ritual"),
    "conversation_plan": ("day", "status"),
    "conversation_outcome": ("day", "felt_heard"),
    "apology": ("day", "updated"),
    "apology_response": ("day", "created", "apology_id", "felt_heard"),
    "listening_round": ("day", "speaker", "heard"),
    "forgiveness_reflection": ("day", "readiness"),
    "safety_screen": ("day", "updated", "betrayal"),
    "win": ("day", "text"),
    "any": ("day",),
}


def _num(v: Any) -> float:
    """A check-in item as a number; NaN when it was left unanswered."""
    return np.nan if v is None else float(v)


def _row(e: Any) -> tuple[Any, ...] | None:
    k = e.kind
    c = _dnum(e.created)
    if k == "checkin":
        # an unanswered item is missing (NaN): skipped by every mean, count and signal
        return (
            _dnum(e.day),
            _num(e.trust),
            _num(e.safety),
            _num(e.connection),
            _num(e.affection),
            _num(e.same_argument),
            _num(e.urge_to_check),
        )
    if k == "trigger":
        rec = np.nan if e.recovery_minutes is None else float(e.recovery_minutes)
        return (c, e.intensity, rec)
    if k == "promise":
        late = np.nan if e.minutes_late is None else float(e.minutes_late)
        return (_dnum(e.due), e.status, late)
    if k == "ritual":
        return (_dnum(e.day), e.ritual)
    if k == "conversation_plan":
        return (_dnum(e.when), e.status)
    if k == "conversation_outcome":
        return (c, bool(e.felt_heard))
    if k == "apology":
        return (c, e.updated.timestamp())
    if k == "apology_response":
        return (c, e.created.timestamp(), e.apology_id, bool(e.felt_heard))
    if k == "listening_round":
        return (c, e.speaker, e.heard)
    if k == "forgiveness_reflection":
        return (c, e.readiness)
    if k == "safety_screen":
        return (c, e.updated.timestamp(), bool(e.betrayal_or_addiction))
    if k == "win":
        return (_dnum(e.day), e.text)
    return None


Tables = dict[str, pd.DataFrame]


def _tables(entries: Iterable[Entry], partners: Sequence[str], tday: int) -> Tables:
    """One frame per kind the markers use; entries dated after ``today``, or more than a
    year before the first entry was written, are left out."""
    by_id: dict[str, Entry] = {}
    for e in entries:
        prev = by_id.get(e.id)
        if prev is None or (e.updated, e.created) >= (prev.updated, prev.created):
            by_id[e.id] = e
    ordered = sorted(by_id.values(), key=lambda e: (e.created, e.id))
    rows: dict[str, list[tuple[Any, ...]]] = {k: [] for k in _COLUMNS}
    allowed = set(partners)
    for e in ordered:
        if e.author not in allowed:
            continue
        head = (e.id, e.author, e.visibility)
        rows["any"].append((*head, _dnum(e.created)))
        r = _row(e)
        if r is not None:
            rows[e.kind].append((*head, *r))
    # a stray date (year 0025 typed for 2025) cannot stretch the work to centuries: what
    # lies more than a year before the first entry was written is left out, like the future
    floor = min((r[3] for r in rows["any"]), default=tday) - 366
    out: Tables = {}
    for kind, cols in _COLUMNS.items():
        df = pd.DataFrame.from_records(rows[kind], columns=["id", "author", "vis", *cols])
        col = df["due_day" if kind == "promise" else "day"]
        df = df[(col <= tday) & (col >= floor)]
        out[kind] = df.reset_index(drop=True)
    ck = out["checkin"]
    if len(ck):
        # one check-in per partner and day: the latest written counts
        out["checkin"] = ck.drop_duplicates(["author", "day"], keep="last").reset_index(drop=True)
    for df in out.values():
        if "day" in df:
            df["day"] = df["day"].astype("int64")
            df["week"] = _monday(df["day"].to_numpy())
    pr = out["promise"]
    pr["week"] = _monday(pr["due_day"].to_numpy(dtype="int64")) if len(pr) else pr["due_day"]
    return out


def _view(t: Tables, author: str | None) -> Tables:
    """Shared entries, plus ``author``'s private ones."""
    out = {}
    for k, df in t.items():
        keep = df["vis"] == "shared"
        if author is not None:
            keep |= df["author"] == author
        out[k] = df[keep]
    return out


# --------------------------------------------------------------------------------------------
# weekly frames
# --------------------------------------------------------------------------------------------


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
    out["week"] = _to_ts(out["week"].to_numpy())
    return out[["week", "partner", *cols]]


def _fill_active(df: pd.DataFrame, cols: Sequence[str], active: np.ndarray) -> pd.DataFrame:
    """Counts are 0 (not a gap) in weeks when the couple used the workbook."""
    on = df["week"].isin(_to_ts(active))
    for c in cols:
        df.loc[on & df[c].isna(), c] = 0.0
    return df


def _frames(t: Tables, partners: Sequence[str], start: int, tday: int) -> dict[str, pd.DataFrame]:
    weeks = np.arange(_monday(start), _monday(tday) + 1, 7, dtype="int64")
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
        per_day["week"] = _monday(per_day["day"].to_numpy())
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


def _promise_flags(pr: pd.DataFrame) -> pd.DataFrame:
    pr = pr.copy()
    st = pr["status"]
    pr["kept"] = st == "kept"
    pr["kept_late"] = st == "kept_late"
    pr["broken"] = st == "broken"
    pr["renegotiated"] = st == "renegotiated"
    pr["open"] = st == "open"
    pr["counted"] = pr["kept"] | pr["kept_late"] | pr["broken"]
    return pr


def _promise_frame(
    pr: pd.DataFrame, weeks: np.ndarray, partners: Sequence[str], active: np.ndarray
) -> pd.DataFrame:
    pr = _promise_flags(pr)
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
    daily["day"] = _to_ts(daily["day"].to_numpy())
    daily = daily.sort_values(["partner", "day"], kind="stable").reset_index(drop=True)
    cols = ["day", "partner", *RATINGS, *(m + "_7d" for m in RATINGS)]
    gap = gap.reset_index()
    gap["day"] = _to_ts(gap["day"].to_numpy())
    return daily[cols], gap


# --------------------------------------------------------------------------------------------
# streaks
# --------------------------------------------------------------------------------------------


def _runs(units: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(run start unit, run length) for sorted unique integer units."""
    if not len(units):
        return np.array([], dtype="int64"), np.array([], dtype="int64")
    breaks = np.flatnonzero(np.diff(units) != 1) + 1
    starts = np.concatenate([[0], breaks])
    ends = np.concatenate([breaks, [len(units)]])
    return units[starts], ends - starts


def _streaks(rt: pd.DataFrame, tday: int) -> pd.DataFrame:
    """Current and longest streak per ritual. A streak is still current if it was kept
    in the present unit or the one before (today is not over yet)."""
    rows = []
    for ritual, cadence in STREAK_RITUALS.items():
        days = np.unique(rt.loc[rt["ritual"] == ritual, "day"].to_numpy(dtype="int64"))
        if cadence == "day":
            units, now = days, tday
        else:
            units, now = np.unique(_monday(days) // 7), _monday(tday) // 7
        _, lengths = _runs(units)
        best = int(lengths.max()) if len(lengths) else 0
        current = int(lengths[-1]) if len(units) and units[-1] >= now - 1 else 0
        rows.append(
            {
                "ritual": ritual,
                "cadence": cadence,
                "current": current,
                "best": best,
                "total": int(len(units)),
                "last": _to_date(days[-1]) if len(days) else None,
            }
        )
    return pd.DataFrame(rows, columns=["ritual", "cadence", "current", "best", "total", "last"])


# --------------------------------------------------------------------------------------------
# wins
# --------------------------------------------------------------------------------------------


def day_text(d: date) -> str:
    """A date as people write it: 3 March 2026."""
    return f"{d.day} {d:%B %Y}"


def _fmt(template: object, **kw: Any) -> str:
    return W.singular(str(template).format(**kw))


def _wins(t: Tables, partners: Sequence[str], tday: int) -> list[SmallWin]:
    out: list[SmallWin] = []
    for r in t["win"].itertuples(index=False):
        out.append(
            SmallWin(
                day=_to_date(r.day),
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
                day=_to_date(on),
                title=_fmt(rule["title"], **kw),
                reason=_fmt(rule["reason"], **kw),
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
        auto(key, w + 6, src.loc[src["week"] == w, "id"], week=day_text(_to_date(w)), **kw)

    done_week = _monday(tday) - 7  # the last week that is over

    # first week with every promise kept on time
    pr = _promise_flags(t["promise"])
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
                start=day_text(_to_date(b)),
                end=day_text(_to_date(b + span - 1)),
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
                day=day_text(_to_date(int(q["day"]))),
                actual=int(q["recovery"]),
            )

    # N repair check-ins in a row
    n_weeks = int(rules["repair_checkins_month"]["weeks"])
    rt = t["ritual"]
    rdays = rt.loc[rt["ritual"] == "repair_checkin", "day"].to_numpy(dtype="int64")
    units = np.unique(_monday(rdays) // 7)
    starts, lengths = _runs(units)
    long_runs = starts[lengths >= n_weeks]
    if len(long_runs):
        w = int(long_runs[0] + n_weeks - 1) * 7 + 4  # back from week number to its Monday
        ids = rt.loc[
            (rt["ritual"] == "repair_checkin")
            & (rt["week"] >= w - 7 * (n_weeks - 1))
            & (rt["week"] <= w),
            "id",
        ]
        auto("repair_checkins_month", w + 6, ids, weeks=n_weeks, week=day_text(_to_date(w)))

    # an apology that was heard; fully heard in a listening round
    rs = t["apology_response"]
    heard = rs[rs["felt_heard"]]
    if len(heard):
        h = heard.iloc[0]
        day = int(h["day"])
        auto("apology_heard", day, [h["id"]], day=day_text(_to_date(day)), name=h["author"])
    lr = t["listening_round"]
    five = lr[lr["heard"] >= 5]
    if len(five):
        h = five.iloc[0]
        day = int(h["day"])
        auto("heard_fully", day, [h["id"]], day=day_text(_to_date(day)), name=h["speaker"])

    out.sort(key=lambda w: (w.day, w.key))
    return [w for w in out if _dnum(w.day) <= tday]


# --------------------------------------------------------------------------------------------
# signals
# --------------------------------------------------------------------------------------------


@dataclass
class _Finding:
    rule: str
    reason: str
    ids: list[str]
    partner: str | None = None


def _rule(key: str) -> dict[str, Any]:
    return dict(S.RULES[key])


def _in_window(df: pd.DataFrame, tday: int, days: int) -> pd.DataFrame:
    return df[(df["day"] > tday - days) & (df["day"] <= tday)]


def _findings(t: Tables, partners: Sequence[str], tday: int) -> list[_Finding]:
    found: list[_Finding] = []

    # therapist: tabled conversations
    r = _rule("tabled")
    plans = _in_window(t["conversation_plan"], tday, r["days"])
    tabled = plans[plans["status"] == "tabled"]
    if len(tabled) >= r["count"]:
        found.append(
            _Finding(
                "tabled",
                _fmt(S.REASONS["tabled"], n=len(tabled), weeks=r["days"] // 7),
                list(tabled["id"]),
            )
        )

    # therapist: strong triggers that did not settle
    r = _rule("unsettled_triggers")
    tr = _in_window(t["trigger"], tday, r["days"])
    hard = tr[
        (tr["intensity"] >= r["intensity"])
        & (tr["recovery"].isna() | (tr["recovery"] >= r["recovery_minutes"]))
    ]
    if len(hard) >= r["count"]:
        found.append(
            _Finding(
                "unsettled_triggers",
                _fmt(
                    S.REASONS["unsettled_triggers"],
                    n=len(hard),
                    intensity=r["intensity"],
                    weeks=r["days"] // 7,
                    minutes=r["recovery_minutes"],
                ),
                list(hard["id"]),
            )
        )

    # therapist: a partner repeatedly not feeling heard
    r = _rule("not_heard")
    oc = _in_window(t["conversation_outcome"], tday, r["days"])
    rs = _in_window(t["apology_response"], tday, r["days"])
    lr = _in_window(t["listening_round"], tday, r["days"])
    for p in partners:
        a = oc[(oc["author"] == p) & ~oc["felt_heard"].astype(bool)]
        b = rs[(rs["author"] == p) & ~rs["felt_heard"].astype(bool)]
        c = lr[(lr["speaker"] == p) & (lr["heard"] <= r["listening_heard_max"])]
        n = len(a) + len(b) + len(c)
        if n >= r["count"]:
            bits = [
                _fmt(S.REASONS[key], n=len(df))
                for key, df in (
                    ("not_heard_conversation", a),
                    ("not_heard_apology", b),
                    ("not_heard_listening", c),
                )
                if len(df)
            ]
            found.append(
                _Finding(
                    "not_heard",
                    _fmt(
                        S.REASONS["not_heard"],
                        name=p,
                        n=n,
                        weeks=r["days"] // 7,
                        parts=", ".join(bits),
                    ),
                    [*a["id"], *b["id"], *c["id"]],
                    p,
                )
            )

    # therapist: low felt safety over weeks
    r = _rule("low_safety")
    ck = t["checkin"]
    weeks_needed = int(r["weeks"])
    this_week = _monday(tday)
    for p in partners:
        mine = ck[ck["author"] == p]
        if not len(mine):
            continue
        end = this_week if (mine["week"] == this_week).any() else this_week - 7
        want = np.arange(end - 7 * (weeks_needed - 1), end + 1, 7)
        recent = mine[mine["week"].isin(want)]
        means = recent.groupby("week")["safety"].mean().reindex(want)
        if means.notna().all() and (means <= r["safety_max"]).all():
            values = ", ".join(f"{v:.1f}" for v in means)
            found.append(
                _Finding(
                    "low_safety",
                    _fmt(S.REASONS["low_safety"], name=p, values=values, weeks=weeks_needed),
                    list(recent["id"]),
                    p,
                )
            )

    # therapist: betrayal or addiction named at intake (the latest safety screen counts)
    sc = t["safety_screen"].sort_values(["author", "updated"], kind="stable")
    for _, latest in sc.groupby("author").tail(1).iterrows():
        if bool(latest["betrayal"]):
            found.append(_Finding("intake", S.REASONS["intake"], [latest["id"]], latest["author"]))

    # pause: apologies not taken up, responsibility refused
    ap = t["apology"]
    ap_updated = dict(zip(ap["id"], ap["updated"], strict=True))
    ap_author = dict(zip(ap["id"], ap["author"], strict=True))
    allr = t["apology_response"]
    known = allr[allr["apology_id"].isin(ap_updated)]
    if len(known):
        revised = known["apology_id"].map(ap_updated).astype("float64") > known["created"]
        unmet = known[~known["felt_heard"].astype(bool) & ~revised]
    else:
        unmet = known
    r = _rule("apology_not_heard")
    recent_unmet = _in_window(unmet, tday, r["days"])
    for p in partners:
        mine = recent_unmet[recent_unmet["author"] == p]
        if mine["apology_id"].nunique() >= r["count"]:
            ids = [*mine["id"], *mine["apology_id"].unique()]
            found.append(
                _Finding(
                    "apology_not_heard",
                    _fmt(
                        S.REASONS["apology_not_heard"],
                        name=p,
                        n=mine["apology_id"].nunique(),
                        weeks=r["days"] // 7,
                    ),
                    ids,
                    p,
                )
            )
    r = _rule("apology_unanswered")
    if len(known):
        latest = known.sort_values("created", kind="stable").groupby("apology_id").tail(1)
        latest = latest[~latest["felt_heard"].astype(bool)]
        latest = latest[latest["apology_id"].map(ap_updated).astype("float64") <= latest["created"]]
        age = tday - latest["day"]
        latest = latest[(age >= r["days"]) & (age <= r["max_days"])]
        for row in latest.itertuples(index=False):
            # a newer apology from the same partner since then also answers it
            author = ap_author[row.apology_id]
            newer = ap[(ap["author"] == author) & (ap["updated"] > row.created)]
            if len(newer):
                continue
            found.append(
                _Finding(
                    "apology_unanswered",
                    _fmt(S.REASONS["apology_unanswered"], days=tday - row.day, name=row.author),
                    [row.id, row.apology_id],
                    str(row.author),
                )
            )

    # forgiveness rushed: a leaning-to-forgive reflection while felt safety is low
    r = _rule("forgiveness")
    fr = _in_window(t["forgiveness_reflection"], tday, r["recent_days"])
    fr = fr[fr["readiness"] >= r["min_readiness"]]
    for p in partners:
        mine = fr[fr["author"] == p]
        for row in mine.iloc[::-1].itertuples(index=False):
            before = ck[
                (ck["author"] == p)
                & (ck["day"] <= row.day)
                & (ck["day"] > row.day - r["lookback_days"])
            ]
            if len(before) and before["safety"].mean() <= r["safety_max"]:
                found.append(
                    _Finding(
                        "forgiveness",
                        _fmt(
                            S.REASONS["forgiveness"],
                            day=day_text(_to_date(row.day)),
                            readiness=row.readiness,
                            safety=f"{before['safety'].mean():.1f}",
                        ),
                        [row.id, *before["id"]],
                        p,
                    )
                )
                break

    # avoidance: no check-in for a week
    r = _rule("avoidance")
    if len(ck):
        last = ck.groupby("author")["day"].max()
        quiet = [p for p in partners if p in last.index and tday - int(last[p]) >= r["days"]]
        if len(quiet) == len(partners) or (len(quiet) and len(last) < len(partners)):
            d = int(last.max())
            ids = list(ck.loc[ck["day"] == d, "id"])
            found.append(
                _Finding(
                    "avoidance",
                    _fmt(S.REASONS["avoidance_both"], day=day_text(_to_date(d)), days=tday - d),
                    ids,
                )
            )
        else:
            for p in quiet:
                d = int(last[p])
                ids = list(ck.loc[(ck["author"] == p) & (ck["day"] == d), "id"])
                found.append(
                    _Finding(
                        "avoidance",
                        _fmt(
                            S.REASONS["avoidance"],
                            name=p,
                            day=day_text(_to_date(d)),
                            days=tday - d,
                        ),
                        ids,
                        p,
                    )
                )

    # ease off: several steady weeks
    r = _rule("ease_off")
    n = int(r["weeks"])
    want = np.arange(this_week - 7 * n, this_week, 7)
    recent = ck[ck["week"].isin(want)]
    if len(recent):
        g = recent.groupby(["week", "author"]).agg(
            n=("day", "count"), trust=("trust", "mean"), safety=("safety", "mean")
        )
        full = pd.MultiIndex.from_product([want, list(partners)], names=["week", "author"])
        g = g.reindex(full)
        steady = (
            (g["n"] >= r["min_checkin_days"])
            & (g["trust"] >= r["trust_min"])
            & (g["safety"] >= r["safety_min"])
        ).all()
        args = recent.groupby(["week", "day"])["same_argument"].any().groupby("week").sum()
        tr_recent = t["trigger"][t["trigger"]["week"].isin(want)]
        calm = (args <= r["max_argument_days"]).all() and not (
            tr_recent["intensity"] > r["max_trigger_intensity"]
        ).any()
        if steady and calm:
            found.append(
                _Finding(
                    "ease_off",
                    _fmt(S.REASONS["ease_off"], weeks=n, level=int(r["trust_min"])),
                    list(recent["id"]),
                )
            )
    return found


def _group(found: list[_Finding], private_ids: set[str], owner: str | None) -> list[Signal]:
    """One signal per name (and per audience): shared findings for both, private ones for
    their author only."""
    buckets: dict[tuple[str, str], list[_Finding]] = {}
    for f in found:
        name = str(S.RULES[f.rule]["signal"])
        audience = owner if (owner and any(i in private_ids for i in f.ids)) else "both"
        buckets.setdefault((name, audience), []).append(f)
    out = []
    for name in SIGNAL_NAMES:
        for audience in ("both", *([owner] if owner else [])):
            items = buckets.get((name, audience or "both"))
            if not items:
                continue
            ids: list[str] = []
            for f in items:
                ids.extend(i for i in f.ids if i not in ids)
            words = S.SIGNALS[name]
            reasons = [f.reason for f in items]
            private = audience != "both"
            out.append(
                Signal(
                    name=name,
                    title=words["title"],
                    text=words["text"],
                    reasons=reasons,
                    entry_ids=ids,
                    audience=str(audience),
                    private=private,
                    rules=[f.rule for f in items],
                    partners=sorted({f.partner for f in items if f.partner}),
                )
            )
    return out


# --------------------------------------------------------------------------------------------
# summaries
# --------------------------------------------------------------------------------------------


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


def _summaries(
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

    pr = _promise_flags(t["promise"])
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
            recent = gap.loc[gap["day"] >= _to_ts([tday - 6])[0], "trust"].dropna()
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


# --------------------------------------------------------------------------------------------
# timeline
# --------------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------------
# the report
# --------------------------------------------------------------------------------------------


def _private_ids(t: Tables, author: str) -> set[str]:
    ids: set[str] = set()
    for df in t.values():
        ids.update(df.loc[(df["vis"] == "private") & (df["author"] == author), "id"])
    return ids


def progress_report(
    entries: Iterable[Entry],
    partners: Sequence[str],
    today: date | None = None,
    *,
    start: date | None = None,
) -> Report:
    """Compute every marker, summary, win, the timeline and the signals from ``entries``.

    ``entries``: what the person looking may see (shared entries, plus their own private
    ones when unlocked). ``partners``: the two names, in workbook order. ``today``: the day
    to look back from (default: today, UTC). ``start``: the first day (default: the day of
    the earliest entry).

    ``Report.frames`` holds tidy frames (weekly unless noted):

    * ``ratings``: week, partner, trust, safety, connection (weekly means), checkin_days
    * ``daily``: day, partner, trust, safety, connection and their 7-day means (``*_7d``)
    * ``gap``: day, trust, safety, connection: the gap between the partners' 7-day means
    * ``arguments``: week, partner, days (same argument came back), checkin_days
    * ``recovery``: week, partner, median_minutes, triggers, max_intensity
    * ``promises``: week, partner, due, kept, kept_late, broken, renegotiated, open, rate,
      rate_4w (the same over the last 4 weeks), minutes_late (median, of the ones kept late)
    * ``affection``: week, partner, mean (per check-in), total, checkin_days
    * ``urge``: week, partner, mean, checkin_days
    * ``rituals``: week, ritual, count (days kept that week)
    """
    partners = list(partners)
    if len(partners) != 2:
        raise ValueError("progress_report needs the two partners' names.")
    today = today or datetime.now(UTC).date()
    tday = _dnum(today)
    t = _tables(entries, partners, tday)
    first_days = [int(t["any"]["day"].min())] if len(t["any"]) else []
    if len(t["checkin"]):
        first_days.append(int(t["checkin"]["day"].min()))
    if start is not None:
        first = _dnum(start)
    elif first_days:
        first = min(first_days)
    else:
        first = None
    begin = first if first is not None else tday
    frames = _frames(t, partners, begin, tday)
    streaks = _streaks(t["ritual"], tday)

    shared = _view(t, None)
    shared_found = _findings(shared, partners, tday)
    signals = _group(shared_found, set(), None)
    shared_wins = _wins(shared, partners, tday)
    wins = list(shared_wins)
    views: dict[str, tuple[list[Signal], list[SmallWin]]] = {}
    for author in partners:
        private = _private_ids(t, author)
        if not private:
            continue
        mine = _view(t, author)
        own_signals = _group(_findings(mine, partners, tday), private, author)
        own_wins = []
        for w in _wins(mine, partners, tday):
            if any(i in private for i in w.entry_ids):
                w = replace(w, audience=author, private=True)
            own_wins.append(w)
        views[author] = (own_signals, own_wins)
        signals.extend(s for s in own_signals if s.private)
        wins.extend(w for w in own_wins if w.private)
    wins.sort(key=lambda w: (w.day, w.key))

    summaries = _summaries(t, frames, streaks, shared_wins, tday)
    days = None if first is None else tday - first
    return Report(
        partners=partners,
        today=today,
        start=None if first is None else _to_date(first),
        frames=frames,
        streaks=streaks,
        summaries=summaries,
        wins=wins,
        timeline=timeline(days),
        signals=signals,
        views=views,
    )


def signals(
    entries: Iterable[Entry], partners: Sequence[str], today: date | None = None
) -> list[Signal]:
    """Every signal (shared ones, and private ones marked with their audience)."""
    return progress_report(entries, partners, today).signals


__all__ = [
    "MARKERS",
    "RATINGS",
    "SIGNAL_NAMES",
    "TOGETHER",
    "day_text",
    "Report",
    "Signal",
    "SmallWin",
    "Stage",
    "Timeline",
    "progress_report",
    "signals",
    "timeline",
]

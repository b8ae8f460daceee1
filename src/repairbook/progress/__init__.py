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

Layout: :mod:`.tables` (entries -> one tidy frame per kind, day numbers), :mod:`.markers`
(the weekly and daily marker frames), :mod:`.streaks`, :mod:`.wins`, :mod:`.signals` (one
function per rule of ``content.signals.RULES``, in a registry), :mod:`.summaries` (one
sentence per marker, and the timeline); this module puts them together in
:func:`progress_report`. Import from ``repairbook.progress``; the modules are its inside.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, tzinfo
from typing import Any

import numpy as np
import pandas as pd

from repairbook.entries import Entry
from repairbook.progress.markers import MARKERS, RATINGS, TOGETHER, marker_frames
from repairbook.progress.markers import RITUAL_TYPES as RITUAL_TYPES
from repairbook.progress.signals import SIGNAL_NAMES, Signal, findings, group
from repairbook.progress.streaks import STREAK_RITUALS as STREAK_RITUALS
from repairbook.progress.streaks import ritual_streaks
from repairbook.progress.summaries import Stage, Timeline, marker_summaries, timeline
from repairbook.progress.tables import Tables as Tables
from repairbook.progress.tables import day_text, dnum, entry_tables, private_ids, to_date, view
from repairbook.progress.wins import SmallWin, small_wins


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


def progress_report(
    entries: Iterable[Entry],
    partners: Sequence[str],
    today: date | None = None,
    *,
    start: date | None = None,
    zone: tzinfo | None = None,
) -> Report:
    """Compute every marker, summary, win, the timeline and the signals from ``entries``.

    ``entries``: what the person looking may see (shared entries, plus their own private
    ones when unlocked). ``partners``: the two names, in workbook order. ``today``: the day
    to look back from (default: today, UTC). ``start``: the first day (default: the day of
    the earliest entry). ``zone``: the couple's time zone, the one ``today`` is in; when an
    entry was written and when a promise is due count on their dates there (default UTC).

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
    today = today or datetime.now(zone or UTC).date()
    tday = dnum(today)
    t = entry_tables(entries, partners, tday, zone or UTC)
    first_days = [int(t["any"]["day"].min())] if len(t["any"]) else []
    if len(t["checkin"]):
        first_days.append(int(t["checkin"]["day"].min()))
    if start is not None:
        first = dnum(start)
    elif first_days:
        first = min(first_days)
    else:
        first = None
    begin = first if first is not None else tday
    frames = marker_frames(t, partners, begin, tday)
    streaks = ritual_streaks(t["ritual"], tday)

    shared = view(t, None)
    shared_found = findings(shared, partners, tday)
    signals = group(shared_found, set(), None)
    shared_wins = small_wins(shared, partners, tday)
    wins = list(shared_wins)
    views: dict[str, tuple[list[Signal], list[SmallWin]]] = {}
    for author in partners:
        private = private_ids(t, author)
        if not private:
            continue
        mine = view(t, author)
        own_signals = group(findings(mine, partners, tday), private, author)
        own_wins = []
        for w in small_wins(mine, partners, tday):
            if any(i in private for i in w.entry_ids):
                w = replace(w, audience=author, private=True)
            own_wins.append(w)
        views[author] = (own_signals, own_wins)
        signals.extend(s for s in own_signals if s.private)
        wins.extend(w for w in own_wins if w.private)
    wins.sort(key=lambda w: (w.day, w.key))

    summaries = marker_summaries(t, frames, streaks, shared_wins, tday)
    days = None if first is None else tday - first
    return Report(
        partners=partners,
        today=today,
        start=None if first is None else to_date(first),
        frames=frames,
        streaks=streaks,
        summaries=summaries,
        wins=wins,
        timeline=timeline(days),
        signals=signals,
        views=views,
    )


# Defined after the imports above on purpose: ``repairbook.progress.signals`` stays this
# function (as before the split); the rules module is reached with
# ``from repairbook.progress.signals import RULES``.
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

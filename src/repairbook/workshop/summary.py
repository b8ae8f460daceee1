"""The facilitator's group view: numeric progress only, and only with both partners' consent.

What goes in, and what never does:

* only couples whose **both** partners currently let the facilitator see their numbers
  (the facilitator view's own consent, :mod:`repairbook.workshop.consent`, separate from
  research consent); everyone else is listed by label with the status "not shared" (or
  "not started yet") and nothing more; couples sorted by label;
* only the last seven days (today included);
* only **shared** entries (``Workbook.list(viewer=None)``), only the kinds the numeric
  markers are computed from (check-ins, triggers, promises, rituals): no private entry, no
  safety screen, no text is ever read into the report;
* only whitelisted **numeric** columns of ``progress_report(...).to_json()["markers"]``,
  for the couple as a whole ("together"): weekly means of the ratings, same-argument days,
  trigger recovery, promise follow-through, affection and the urge to check up. Partner
  names are left out; summaries and signals (sentences) are never copied.

Coarse on purpose, so a labelled row cannot be matched exactly to a pseudonymous research
export (whose weekly means are exact): ratings, affection and the urge to check up are
whole numbers, the promise rate is rounded to 10 %, minutes to 10 minutes; each rating
also gets its direction against the week before (``trust_trend``: up, down or same).
Group figures (means over the sharing couples) are left out when fewer than
``min_couples`` couples (:data:`MIN_COUPLES`, 5 unless told) are behind them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from repairbook.content import workshop as W
from repairbook.workshop.roster import CoupleRecord, Workshop

#: the group view covers the last seven days (today included)
WINDOW_DAYS = 7
#: the kinds the numeric markers are computed from; nothing else is read
MARKER_KINDS = ("checkin", "trigger", "promise", "ritual")

#: marker -> {column in progress_report's frame: name in the summary}
FIELDS: dict[str, dict[str, str]] = {
    "ratings": {
        "trust": "trust",
        "safety": "safety",
        "connection": "connection",
        "checkin_days": "checkin_days",
    },
    "arguments": {"days": "argument_days"},
    "recovery": {
        "median_minutes": "recovery_median_minutes",
        "triggers": "triggers",
        "max_intensity": "trigger_max_intensity",
    },
    "promises": {
        "due": "promises_due",
        "kept": "promises_kept",
        "kept_late": "promises_kept_late",
        "broken": "promises_broken",
        "rate": "promise_rate",
        "minutes_late": "promise_minutes_late",
    },
    "affection": {"mean": "affection_mean"},
    "urge": {"mean": "urge_mean"},
}
NUMBERS = tuple(name for cols in FIELDS.values() for name in cols.values())
#: numbers shown as whole numbers; the promise rate to 10 %, minutes to 10 minutes
WHOLE = ("trust", "safety", "connection", "affection_mean", "urge_mean")
TENS_OF_MINUTES = ("recovery_median_minutes", "promise_minutes_late")
#: ratings with a direction of change against the week before (``<name>_trend``)
TRENDS = ("trust", "safety", "connection")
UP, DOWN, SAME = "up", "down", "same"
#: the smallest number of couples a group figure is shown for (small cells single out)
MIN_COUPLES = 5

SHARED = "shared"
NOT_SHARED = "not shared"
NOT_STARTED = "not started"
UNREADABLE = "unreadable"


@dataclass
class CoupleSummary:
    label: str
    status: str
    #: weekly rows {"week": ISO date, name: number | None}, oldest first (empty unless shared)
    weeks: list[dict[str, Any]] = field(default_factory=list)

    @property
    def shared(self) -> bool:
        return self.status == SHARED

    @property
    def latest(self) -> dict[str, Any]:
        """The latest week with any check-in (else the latest week), or {}."""
        for row in reversed(self.weeks):
            if row.get("checkin_days"):
                return row
        return self.weeks[-1] if self.weeks else {}

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"label": self.label, "status": self.status}
        if self.shared:
            out["weeks"] = self.weeks
            out["latest"] = self.latest
        return out


@dataclass
class GroupSummary:
    name: str
    today: date
    couples: list[CoupleSummary]
    min_couples: int = MIN_COUPLES

    @property
    def shared(self) -> list[CoupleSummary]:
        return [c for c in self.couples if c.shared]

    @property
    def suppressed(self) -> bool:
        """True when too few couples share for group figures to be shown."""
        return len([c for c in self.shared if c.latest]) < self.min_couples

    def group_latest(self) -> dict[str, Any]:
        """Means over the sharing couples of each couple's latest week (every number None
        when fewer than ``min_couples`` couples are behind them)."""
        latest = [c.latest for c in self.shared if c.latest]
        return {"couples": len(latest), **_means(latest, len(latest) >= self.min_couples)}

    def group_weeks(self) -> list[dict[str, Any]]:
        """Per calendar week: means over the sharing couples with that week (weeks with
        fewer than ``min_couples`` couples are left out)."""
        by_week: dict[str, list[dict[str, Any]]] = {}
        for c in self.shared:
            for row in c.weeks:
                by_week.setdefault(row["week"], []).append(row)
        return [
            {"week": wk, "couples": len(rows), **_means(rows)}
            for wk, rows in sorted(by_week.items())
            if len(rows) >= self.min_couples
        ]

    def to_json(self) -> dict[str, Any]:
        return {
            "workshop": self.name,
            "today": self.today.isoformat(),
            "couples": [c.to_json() for c in self.couples],
            "group": {
                "couples": len(self.couples),
                "shared": len(self.shared),
                "not_shared": len(self.couples) - len(self.shared),
                "latest": self.group_latest(),
                "weeks": self.group_weeks(),
            },
        }


def _means(rows: list[dict[str, Any]], show: bool = True) -> dict[str, float | None]:
    """Means of the answered values (None is skipped, never counted as 0), one decimal."""
    out: dict[str, float | None] = {}
    for name in NUMBERS:
        vals = [r[name] for r in rows if isinstance(r.get(name), (int, float))]
        out[name] = round(sum(vals) / len(vals), 1) if vals and show else None
    return out


def _coarse(name: str, v: float | None) -> float | int | None:
    """A number as coarse as the group view shows it."""
    if v is None:
        return None
    if name in WHOLE:
        return int(round(v))
    if name == "promise_rate":
        return round(round(v * 10) / 10, 1)
    if name in TENS_OF_MINUTES:
        return int(round(v / 10) * 10)
    return v


def _trends(rows: list[dict[str, Any]]) -> None:
    """Add ``<rating>_trend`` to each week: up, down or same against the week before."""
    before: dict[str, Any] = {}
    for row in rows:
        for name in TRENDS:
            now, then = row.get(name), before.get(name)
            row[f"{name}_trend"] = (
                None
                if now is None or then is None
                else (UP if now > then else DOWN if now < then else SAME)
            )
            if now is not None:
                before[name] = now


def _number(v: Any) -> float | None:
    """Only a finite number passes; anything else (text included) becomes None."""
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return None
    f = float(v)
    return None if math.isnan(f) or math.isinf(f) else round(f, 3)


def couple_summary(ws: Workshop, couple: CoupleRecord, today: date | None = None) -> CoupleSummary:
    """One couple's numbers, or only its label and status when it does not share them."""
    from repairbook.progress import TOGETHER, progress_report
    from repairbook.store import StoreError, Workbook
    from repairbook.store.workbook import DB_NAME
    from repairbook.workshop.consent import both_share

    path = ws.workbook_path(couple)
    if not (path / DB_NAME).is_file():
        return CoupleSummary(couple.label, NOT_STARTED)
    try:
        wb = Workbook.open(path)
    except StoreError:
        return CoupleSummary(couple.label, UNREADABLE)
    try:
        if not both_share(wb):  # the facilitator view's own consent, not research consent
            return CoupleSummary(couple.label, NOT_SHARED)
        since = (today or datetime.now(UTC).date()) - timedelta(days=WINDOW_DAYS - 1)
        entries = [
            e
            for kind in MARKER_KINDS
            for e in wb.list(kind, viewer=None)
            if e.visibility == "shared" and e.created.astimezone().date() >= since
        ]
        report = progress_report(entries, wb.partners, today)
    finally:
        wb.close()
    markers = report.to_json()["markers"]
    weeks: dict[str, dict[str, Any]] = {}
    for marker, cols in FIELDS.items():
        for rec in markers.get(marker, []):
            if rec.get("partner") != TOGETHER:
                continue
            row = weeks.setdefault(str(rec["week"]), {"week": str(rec["week"])})
            for col, name in cols.items():
                row[name] = _coarse(name, _number(rec.get(col)))
    rows = [weeks[k] for k in sorted(weeks)]
    for row in rows:
        for name in NUMBERS:
            row.setdefault(name, None)
    _trends(rows)
    return CoupleSummary(couple.label, SHARED, rows)


def group_summary(
    ws: Workshop, today: date | None = None, *, min_couples: int = MIN_COUPLES
) -> GroupSummary:
    """Every current couple of the workshop: numbers for those who share, a status for the
    rest; group figures only from ``min_couples`` sharing couples on."""
    today = today or datetime.now(UTC).date()
    couples = sorted(ws.couples, key=lambda c: c.label.casefold())
    return GroupSummary(
        ws.name, today, [couple_summary(ws, c, today) for c in couples], min_couples
    )


def status_words(status: str) -> str:
    return {
        SHARED: W.STATUS_SHARED,
        NOT_SHARED: W.STATUS_NOT_SHARED,
        NOT_STARTED: W.STATUS_NOT_STARTED,
        UNREADABLE: W.STATUS_UNREADABLE,
    }.get(status, W.STATUS_NOT_SHARED)


ARROWS = {UP: "↑", DOWN: "↓", SAME: "→"}


def fmt(name: str, value: Any, trend: str | None = None) -> str:
    """A number as the group view shows it: rates as %, others with one decimal, and the
    direction against the week before as an arrow when there is one."""
    text = _fmt(name, value)
    arrow = ARROWS.get(trend or "")
    return f"{text} {arrow}" if arrow and value is not None else text


def _fmt(name: str, value: Any) -> str:
    if value is None:
        return W.NO_VALUE
    if name == "promise_rate":
        return f"{100 * float(value):.0f} %"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.1f}"
    return f"{value:g}" if isinstance(value, float) else str(value)


def table_rows(summary: GroupSummary) -> tuple[list[str], list[list[str]]]:
    """(headings, rows) of the latest-week table: one row per couple and one for the group."""
    cols = W.SUMMARY_COLUMNS
    head = [W.COLUMNS["label"], W.COLUMNS["status"], W.COLUMNS["week"]]
    head += [W.COLUMNS[c] for c in cols]
    rows = []
    for c in summary.couples:
        latest = c.latest if c.shared else {}
        row = [c.label, status_words(c.status), str(latest.get("week", W.NO_VALUE))]
        row += [
            fmt(n, latest.get(n), latest.get(f"{n}_trend")) if c.shared else W.NO_VALUE
            for n in cols
        ]
        rows.append(row)
    if summary.shared:
        g = summary.group_latest()
        row = [W.GROUP_ROW, f"{len(summary.shared)}/{len(summary.couples)}", W.NO_VALUE]
        row += [fmt(n, g.get(n)) for n in cols]
        rows.append(row)
    return head, rows


__all__ = [
    "FIELDS",
    "MARKER_KINDS",
    "MIN_COUPLES",
    "CoupleSummary",
    "GroupSummary",
    "couple_summary",
    "fmt",
    "group_summary",
    "status_words",
    "table_rows",
]

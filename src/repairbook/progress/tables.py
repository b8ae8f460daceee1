"""Entries -> tidy tables: one pandas frame per kind of entry the markers rest on.

Days are whole numbers (days since 1970-01-01, UTC) so the rest of the package works on
integer arrays; a week is the day number of its Monday. :func:`entry_tables` keeps the
latest version of each entry, sorts by (created, id), and leaves out what lies in the
future or more than a year before the first entry was written. An unanswered check-in
item is ``NaN`` here, so every mean, count and signal after this skips it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, tzinfo
from typing import Any

import numpy as np
import pandas as pd

from repairbook.content import progress as W
from repairbook.entries import Entry

_EPOCH = date(1970, 1, 1)

Tables = dict[str, pd.DataFrame]


def dnum(d: date | datetime, zone: tzinfo = UTC) -> int:
    """A day as a number; a moment counts on its date in ``zone`` (the couple's)."""
    if isinstance(d, datetime):
        d = d.astimezone(zone).date()
    return (d - _EPOCH).days


def to_date(n: int | np.integer) -> date:
    return date.fromordinal(_EPOCH.toordinal() + int(n))


def to_ts(n: np.ndarray | Sequence[int]) -> pd.DatetimeIndex:
    arr = np.asarray(n, dtype="int64").astype("datetime64[D]").astype("datetime64[ns]")
    return pd.DatetimeIndex(arr)


def monday(n: np.ndarray | int) -> Any:
    """Day number of the Monday of the ISO week (1970-01-01 was a Thursday)."""
    return n - ((n + 3) % 7)


def day_text(d: date) -> str:
    """A date as people write it: 3 March 2026."""
    return f"{d.day} {d:%B %Y}"


def fmt(template: object, **kw: Any) -> str:
    return W.singular(str(template).format(**kw))


COLUMNS: dict[str, tuple[str, ...]] = {
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
    "promise": ("due_day", "status", "minutes_late", "renegotiations"),
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


def _row(e: Any, zone: tzinfo = UTC) -> tuple[Any, ...] | None:
    k = e.kind
    c = dnum(e.created, zone)
    if k == "checkin":
        # an unanswered item is missing (NaN): skipped by every mean, count and signal
        return (
            dnum(e.day),
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
        # new terms agreed keep a promise open and count its renegotiations
        return (dnum(e.due, zone), e.status, late, int(getattr(e, "renegotiated", 0) or 0))
    if k == "ritual":
        return (dnum(e.day), e.ritual)
    if k == "conversation_plan":
        return (dnum(e.when, zone), e.status)
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
        return (dnum(e.day), e.text)
    return None


def entry_tables(
    entries: Iterable[Entry], partners: Sequence[str], tday: int, zone: tzinfo = UTC
) -> Tables:
    """One frame per kind the markers use; entries dated after ``today``, or more than a
    year before the first entry was written, are left out. Moments (when an entry was
    written, when a promise is due) count on their date in ``zone``, the couple's, the
    same zone ``tday`` was taken in."""
    by_id: dict[str, Entry] = {}
    for e in entries:
        prev = by_id.get(e.id)
        if prev is None or (e.updated, e.created) >= (prev.updated, prev.created):
            by_id[e.id] = e
    ordered = sorted(by_id.values(), key=lambda e: (e.created, e.id))
    rows: dict[str, list[tuple[Any, ...]]] = {k: [] for k in COLUMNS}
    allowed = set(partners)
    for e in ordered:
        if e.author not in allowed:
            continue
        head = (e.id, e.author, e.visibility)
        rows["any"].append((*head, dnum(e.created, zone)))
        r = _row(e, zone)
        if r is not None:
            rows[e.kind].append((*head, *r))
    # a stray date (year 0025 typed for 2025) cannot stretch the work to centuries: what
    # lies more than a year before the first entry was written is left out, like the future
    floor = min((r[3] for r in rows["any"]), default=tday) - 366
    out: Tables = {}
    for kind, cols in COLUMNS.items():
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
            df["week"] = monday(df["day"].to_numpy())
    pr = out["promise"]
    pr["week"] = monday(pr["due_day"].to_numpy(dtype="int64")) if len(pr) else pr["due_day"]
    return out


def view(t: Tables, author: str | None) -> Tables:
    """Shared entries, plus ``author``'s private ones."""
    out = {}
    for k, df in t.items():
        keep = df["vis"] == "shared"
        if author is not None:
            keep |= df["author"] == author
        out[k] = df[keep]
    return out


def private_ids(t: Tables, author: str) -> set[str]:
    ids: set[str] = set()
    for df in t.values():
        ids.update(df.loc[(df["vis"] == "private") & (df["author"] == author), "id"])
    return ids

"""Entry builders and small readers shared by the progress tests.

Two partners, a Monday to start from, and a Wednesday twelve weeks later as today.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pandas as pd

from repairbook.entries import (
    Apology,
    ApologyResponse,
    Checkin,
    ConversationOutcome,
    ConversationPlan,
    Entry,
    ForgivenessReflection,
    ListeningRound,
    Promise,
    Ritual,
    Trigger,
)
from repairbook.progress import progress_report

A, B = "Alex", "Sam"
PARTNERS = [A, B]
MON = date(2026, 3, 2)  # a Monday
TODAY = MON + timedelta(days=7 * 12 + 2)  # a Wednesday, twelve weeks later


def at(d: date, hour: int = 20) -> datetime:
    return datetime.combine(d, time(hour), tzinfo=UTC)


def _env(d: date, author: str, private: bool, hour: int = 20) -> dict[str, Any]:
    return {
        "author": author,
        "created": at(d, hour),
        "updated": at(d, hour),
        "visibility": "private" if private else "shared",
    }


def checkin(author: str, d: date, *, private: bool = False, **kw: Any) -> Checkin:
    fields: dict[str, Any] = {
        "day": d,
        "trust": 5,
        "safety": 5,
        "connection": 5,
        "honest": True,
        "affection": 1,
        "same_argument": False,
        "urge_to_check": 3,
    }
    fields.update(kw)
    return Checkin(**_env(d, author, private), **fields)


def trigger(d: date, intensity: int, recovery: int | None, author: str = A) -> Trigger:
    return Trigger(
        **_env(d, author, False, 12),
        what_happened="a message lit up",
        intensity=intensity,
        recovery_minutes=recovery,
    )


def promise(author: str, due: date, status: str, late: int | None = None) -> Promise:
    return Promise(
        **_env(due - timedelta(days=1), author, False, 8),
        text="call at six",
        due=at(due, 18),
        status=status,
        minutes_late=late,
    )


def ritual(kind: str, d: date, author: str = A) -> Ritual:
    return Ritual(**_env(d, author, False, 19), ritual=kind, day=d)


def plan(d: date, status: str) -> ConversationPlan:
    extra = {"return_at": at(d + timedelta(days=2))} if status == "tabled" else {}
    return ConversationPlan(
        **_env(d - timedelta(days=1), A, False), topic="money", when=at(d), status=status, **extra
    )


def daily(author: str, first: date, days: int, **kw: Any) -> list[Entry]:
    return [checkin(author, first + timedelta(days=i), **kw) for i in range(days)]


def report(entries: list[Entry], today: date = TODAY, **kw: Any):
    return progress_report(entries, PARTNERS, today=today, **kw)


def row(df: pd.DataFrame, week: date, partner: str) -> pd.Series:
    hit = df[(df["week"] == pd.Timestamp(week)) & (df["partner"] == partner)]
    assert len(hit) == 1
    return hit.iloc[0]


def names(rep, viewer: str | None = None) -> set[str]:
    return {s.name for s in rep.signals_for(viewer)}


def rules(rep, viewer: str | None = None) -> set[str]:
    return {r for s in rep.signals_for(viewer) for r in s.rules}


def _outcome(d: date, author: str, heard: bool) -> ConversationOutcome:
    return ConversationOutcome(
        **_env(d, author, False), plan_id="p", understood=True, felt_heard=heard
    )


def _listen(d: date, speaker: str, heard: int) -> ListeningRound:
    return ListeningRound(
        **_env(d, speaker, False),
        speaker=speaker,
        listener=A if speaker == B else B,
        speaker_text="x",
        paraphrase="y",
        heard=heard,
    )


def _apology(d: date, revised: date | None = None) -> Apology:
    env = _env(d, B, False)
    if revised:
        env["updated"] = at(revised, 22)
    return Apology(**env, act="a", impact="b", responsibility="c", plan="d")


def _response(ap: Apology, d: date, heard: bool) -> ApologyResponse:
    return ApologyResponse(**_env(d, A, False), apology_id=ap.id, felt_heard=heard)


def _forgive(d: date, readiness: int, author: str = A) -> ForgivenessReflection:
    return ForgivenessReflection(**_env(d, author, True), readiness=readiness, text="")

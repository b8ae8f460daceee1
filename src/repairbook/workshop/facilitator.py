"""What the facilitator notebook shows: the plan, the consented group numbers, one couple.

Each function returns a pandas DataFrame (or a short string), so the notebook stays a few
lines and every piece is tested here.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pandas as pd

from repairbook.content import workshop as W
from repairbook.workshop.plan import module_titles, next_session
from repairbook.workshop.roster import Workshop
from repairbook.workshop.summary import NUMBERS, group_summary, status_words, table_rows

ENV_WORKSHOP = "REPAIRBOOK_WORKSHOP"


def resolve(workshop: str | os.PathLike[str] | None = None) -> Path:
    """The workshop folder: the notebook parameter, else $REPAIRBOOK_WORKSHOP, else ./workshop."""
    if workshop:
        return Path(workshop)
    return Path(os.environ.get(ENV_WORKSHOP) or "workshop")


def plan_table(workshop: str | os.PathLike[str], today: date | None = None) -> pd.DataFrame:
    """One row per session: number, date, minutes, modules (numbers and titles), next."""
    ws = Workshop.open(workshop)
    nxt = next_session(ws.plan, today)
    rows = [
        {
            "session": i,
            "date": s.date.isoformat() if s.date else None,
            "minutes": s.minutes,
            "modules": ", ".join(str(m) for m in s.modules),
            "titles": module_titles(s.modules),
            "next": i == nxt,
        }
        for i, s in enumerate(ws.plan, start=1)
    ]
    return pd.DataFrame(rows, columns=["session", "date", "minutes", "modules", "titles", "next"])


def group_table(workshop: str | os.PathLike[str], today: date | None = None) -> pd.DataFrame:
    """The latest week per couple (numbers only for couples where both partners share)."""
    head, rows = table_rows(group_summary(Workshop.open(workshop), today))
    return pd.DataFrame(rows, columns=head)


def group_weeks(workshop: str | os.PathLike[str], today: date | None = None) -> pd.DataFrame:
    """Per calendar week: the means over the sharing couples."""
    summary = group_summary(Workshop.open(workshop), today)
    return pd.DataFrame(summary.group_weeks(), columns=["week", "couples", *NUMBERS])


def couple_weeks(
    workshop: str | os.PathLike[str], couple: str | None, today: date | None = None
) -> pd.DataFrame | str:
    """One couple's weekly numbers, or a sentence when none is chosen or it does not share."""
    if not couple:
        return ""
    ws = Workshop.open(workshop)
    record = ws.couple(couple)
    from repairbook.workshop.summary import couple_summary

    s = couple_summary(ws, record, today)
    if not s.shared:
        return f"{s.label}: {status_words(s.status)}"
    return pd.DataFrame(s.weeks, columns=["week", *NUMBERS])


def title(workshop: str | os.PathLike[str]) -> str:
    return W.GROUP_TITLE.format(name=Workshop.open(workshop).name)


__all__ = ["couple_weeks", "group_table", "group_weeks", "plan_table", "resolve", "title"]

"""The session plan as plain text: for the Today page, the facilitator notebook and handouts."""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from repairbook.content import workshop as W
from repairbook.content.modules import MODULES
from repairbook.workshop.roster import FILE, PlanSession, Workshop, WorkshopError


def parse_modules(text: str) -> list[int]:
    """``"2,3"`` -> ``[2, 3]``; a clear sentence for anything else."""
    out: list[int] = []
    for part in (text or "").replace(" ", "").split(","):
        if not part:
            continue
        if not part.isdigit() or int(part) not in MODULES:
            raise WorkshopError(W.BAD_MODULES)
        out.append(int(part))
    return out


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except (ValueError, AttributeError):
        raise WorkshopError(W.BAD_DATE) from None


def short_date(d: date) -> str:
    """ "5 Dec 2031": the year always, so a plan read next year stays clear."""
    return f"{d.day} {d.strftime('%b')} {d.year}"


def module_titles(modules: Sequence[int]) -> str:
    titles = [MODULES[m].title for m in modules if m in MODULES]
    return ", ".join(titles) if titles else W.PLAN_NO_MODULES


def session_line(number: int, s: PlanSession) -> str:
    """ "Session 2 · 5 Dec 2031 · 90 min: The honest conversation, Ownership and apology"."""
    mods = module_titles(s.modules)
    if s.date is not None:
        return W.PLAN_LINE.format(
            number=number, date=short_date(s.date), minutes=s.minutes, modules=mods
        )
    return W.PLAN_LINE_NO_DATE.format(number=number, minutes=s.minutes, modules=mods)


def next_session(plan: Sequence[PlanSession], today: date | None = None) -> int | None:
    """The 1-based number of the first dated session on or after ``today``."""
    today = today or datetime.now().astimezone().date()
    for i, s in enumerate(plan, start=1):
        if s.date is not None and s.date >= today:
            return i
    return None


def plan_lines(plan: Sequence[PlanSession], today: date | None = None) -> list[str]:
    """One plain line per session, the next one marked."""
    nxt = next_session(plan, today)
    lines = []
    for i, s in enumerate(plan, start=1):
        line = session_line(i, s)
        lines.append(line + W.PLAN_NEXT if i == nxt else line)
    return lines or [W.PLAN_EMPTY]


def plan_for_workbook(
    workbook_path: str | os.PathLike[str], today: date | None = None
) -> tuple[str, list[str]] | None:
    """(title, lines) of the workshop plan when this workbook belongs to a workshop: the
    folder's parent holds a ``workshop.json`` that lists this folder for a current couple.
    None otherwise. The Today page escapes the text."""
    folder = Path(workbook_path)
    parent = folder.parent
    if not (parent / FILE).is_file():
        return None
    try:
        ws = Workshop.open(parent)
    except WorkshopError:
        return None
    if not any(c.folder == folder.name for c in ws.couples):
        return None
    return W.PLAN_TITLE.format(name=ws.name), plan_lines(ws.plan, today)


__all__ = [
    "module_titles",
    "next_session",
    "parse_date",
    "parse_modules",
    "plan_for_workbook",
    "plan_lines",
    "session_line",
]

"""The page's state apart from its widgets: which workbook, who is using it now,
what is unlocked. Widgets call this; it calls the store. No widget runs SQL or opens files.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from repairbook.content.prompts import PROMPTS
from repairbook.entries import Entry, EntryError, Visibility, make_entry
from repairbook.store import (
    StoreError,
    Workbook,
    resolve_workbook,
)
from repairbook.store.workbook import DB_NAME


@dataclass
class SaveResult:
    entry: Entry | None = None
    problems: dict[str, str] = field(default_factory=dict)
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.entry is not None


class Session:
    """One open page: a workbook and the partner using it now."""

    def __init__(self, path: str | Path | None = None):
        self.path = resolve_workbook(path)
        self.wb: Workbook | None = None
        self.partner: str | None = None
        self.listeners: list[Callable[[], None]] = []
        self.settings_override: dict[str, Any] = {}
        if (self.path / DB_NAME).exists() or (self.path.is_dir() and any(self.path.iterdir())):
            # a folder with other files in it is refused with a sentence, never written to
            self.wb = Workbook.open(self.path)
            self.partner = self.wb.partners[0]

    # -- set-up --------------------------------------------------------------------
    @property
    def ready(self) -> bool:
        return self.wb is not None

    def create(self, names: list[str], passphrases: dict[str, str]) -> None:
        self.wb = Workbook.create(self.path, names)
        for name, phrase in passphrases.items():
            if phrase:
                self.wb.set_passphrase(name, phrase)
        self.partner = self.wb.partners[0]

    @property
    def workbook(self) -> Workbook:
        """The open workbook (the app only shows pages that need it once it exists)."""
        assert self.wb is not None
        return self.wb

    @property
    def partners(self) -> list[str]:
        return self.wb.partners if self.wb else []

    @property
    def other(self) -> str:
        assert self.wb and self.partner
        return self.wb.other(self.partner)

    def switch(self, name: str) -> None:
        """Change who uses the page; every private thing locks again."""
        assert self.wb
        self.wb.lock()
        self.partner = self.wb.partner(name)

    # -- passphrases ---------------------------------------------------------------
    def has_passphrase(self, name: str | None = None) -> bool:
        return bool(self.wb and self.wb.has_passphrase(name or self.me))

    def unlocked(self) -> bool:
        return bool(self.wb and self.partner and self.wb.is_unlocked(self.partner))

    def unlock(self, passphrase: str) -> str:
        """Unlock the current partner's private entries; '' on success, else a sentence."""
        assert self.wb
        try:
            self.wb.unlock(self.me, passphrase)
        except StoreError as err:
            return str(err)
        return ""

    def set_passphrase(self, passphrase: str) -> str:
        assert self.wb
        try:
            self.wb.set_passphrase(self.me, passphrase)
        except StoreError as err:
            return str(err)
        return ""

    def lock(self) -> None:
        if self.wb:
            self.wb.lock()

    @property
    def me(self) -> str:
        assert self.partner
        return self.partner

    # -- entries --------------------------------------------------------------------
    def save(
        self,
        kind: str,
        data: dict[str, Any],
        *,
        visibility: Visibility | None = None,
        author: str | None = None,
        now: datetime | None = None,
    ) -> SaveResult:
        assert self.wb
        try:
            entry = make_entry(kind, data, author=author or self.me, visibility=visibility, now=now)
            self.wb.add(entry)
        except EntryError as err:
            return SaveResult(problems=err.problems)
        except StoreError as err:
            return SaveResult(error=str(err))
        self._changed()
        return SaveResult(entry=entry)

    def update(self, entry_id: str, changes: dict[str, Any]) -> SaveResult:
        assert self.wb
        try:
            entry = self.wb.update(entry_id, changes, by=self.me)
        except EntryError as err:
            return SaveResult(problems=err.problems)
        except StoreError as err:
            return SaveResult(error=str(err))
        self._changed()
        return SaveResult(entry=entry)

    def entries(
        self, kind: str, *, author: str | None = None, mine_private: bool = True
    ) -> list[Any]:
        """Entries the current partner may read (never the other's private ones)."""
        if not self.wb:
            return []
        return self.wb.list(kind, viewer=self.partner, author=author, private=mine_private)

    def all_visible(self) -> list[Entry]:
        return self.wb.list(None, viewer=self.partner) if self.wb else []

    def history(self, entry_id: str) -> list[Any]:
        assert self.wb
        return self.wb.history(entry_id, viewer=self.partner)

    def version(self, entry_id: str) -> int:
        assert self.wb
        return self.wb.version(entry_id)

    def latest(self, kind: str, author: str | None = None) -> Any:
        return self.wb.latest(kind, viewer=self.partner, author=author) if self.wb else None

    def emergency_number(self) -> str:
        """The emergency number the couple or a facilitator set (module 15), or ''."""
        numbers = [r.phone for r in self.entries("resource") if r.role == "emergency" and r.phone]
        return numbers[-1] if numbers else ""

    def on_change(self, fn: Callable[[], None]) -> None:
        self.listeners.append(fn)

    def _changed(self) -> None:
        for fn in list(self.listeners):
            fn()

    # -- the day ---------------------------------------------------------------------
    def today(self) -> date:
        return datetime.now().astimezone().date()

    def start_day(self) -> date:
        assert self.wb
        first = self.wb.list("intention") or self.wb.list("checkin")
        if first:
            return min(e.created for e in first).astimezone().date()
        return self.today()

    def todays_checkin(self) -> Any:
        today = self.today()
        mine = [
            e for e in self.entries("checkin", author=self.me) if getattr(e, "day", None) == today
        ]
        return max(mine, key=lambda e: e.updated) if mine else None

    def days_since_last_checkin(self) -> int | None:
        mine = self.entries("checkin", author=self.me)
        if not mine:
            return None
        last = max(e.day for e in mine)  # type: ignore[attr-defined]
        return (self.today() - last).days

    def prompt_of_the_day(self, day: date | None = None) -> str:
        """A rotating prompt: a fixed shuffle per couple, one a day, no repeats for
        ``len(PROMPTS)`` days (at least two months)."""
        day = day or self.today()
        seed_text = "|".join(self.partners) or "repairbook"
        seed = int(hashlib.sha256(seed_text.encode()).hexdigest()[:12], 16)
        order = list(range(len(PROMPTS)))
        random.Random(seed).shuffle(order)
        start = self.start_day() if self.wb else day
        n = (day - start).days % len(PROMPTS)
        return PROMPTS[order[n]]

    def due_promises(self) -> list[Any]:
        """Open promises due by the end of today, soonest first (both partners')."""
        end = datetime.combine(self.today() + timedelta(days=1), datetime.min.time()).astimezone(
            UTC
        )
        items = [e for e in self.entries("promise") if e.status == "open" and e.due <= end]  # type: ignore[attr-defined]
        return sorted(items, key=lambda e: e.due)  # type: ignore[attr-defined]

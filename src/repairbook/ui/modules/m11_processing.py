"""Module 11: processing the past. One or two processing windows a week; outside them the
page offers the private journal and grounding tools instead of reopening the topic."""

from __future__ import annotations

from datetime import datetime, timedelta

import ipywidgets as w

from repairbook.content.modules import MODULES
from repairbook.entries import ProcessingWindow
from repairbook.ui.module_page import ModulePage
from repairbook.ui.parts.journal import journal_card
from repairbook.ui.widgets import button, card, esc


def window_state(windows: list[ProcessingWindow], now: datetime) -> tuple[bool, datetime | None]:
    """(inside a window now?, the next window's start). Weekly windows repeat each week."""
    inside = False
    upcoming: list[datetime] = []
    for win in windows:
        start = win.starts_at
        length = timedelta(minutes=win.minutes)
        if win.weekly and start < now:
            weeks = (now - start).days // 7
            start = start + timedelta(weeks=weeks)
            if start + length < now:
                start += timedelta(weeks=1)
        if start <= now < start + length:
            inside = True
        if start > now:
            upcoming.append(start)
    return inside, min(upcoming) if upcoming else None


class ProcessingPage(ModulePage):
    number = 11

    def body(self) -> list[w.Widget]:
        x = self.x
        windows = self.session.entries(ProcessingWindow)
        inside, nxt = window_state(windows, datetime.now().astimezone())
        if inside:
            state = card(
                self.note(x["inside_window"], "rb-why"),
                button(
                    MODULES[2].title,
                    "open-conversation",
                    on=lambda: self.app.show("module", number=2),
                ),
            )
        else:
            msg = x["outside_window"]
            if nxt is not None:
                msg += " " + x.get("next_window", "{when}").format(when=self.when(nxt))
            state = card(
                self.note(msg, "rb-why"),
                w.HBox(
                    [
                        button(
                            x.get("grounding_link", MODULES[7].title),
                            "open-grounding",
                            on=lambda: self.app.show("module", number=7),
                        )
                    ]
                ),
            )
        return [
            state,
            self.form(
                "processing_window",
                ["starts_at", "minutes", "weekly"],
                title=x["windows_title"],
                private="never",
                name="window",
            ).widget,
            self.listing(ProcessingWindow, self.render, limit=10),
            journal_card(self),
        ]

    def render(self, e: ProcessingWindow) -> str:
        weekly = f" · {esc(self.text.fields['weekly'].label)}" if e.weekly else ""
        return f"{esc(self.when(e.starts_at))} · {e.minutes} min{weekly}"


PAGE = ProcessingPage

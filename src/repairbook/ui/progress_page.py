"""Progress: charts and plain-language summaries, the timeline, wins and gentle signals."""

from __future__ import annotations

import ipywidgets as w

from repairbook.content import shared as S
from repairbook.ui.page import Page
from repairbook.ui.widgets import card, esc, heading, html_box


class ProgressPage(Page):
    name = "progress"

    def build(self) -> w.Widget:
        from repairbook.ui.progress_view import progress_view

        return progress_view(self)

    @staticmethod
    def empty() -> w.Widget:
        return card(
            heading(S.PROGRESS_TITLE, S.PROGRESS_INTRO), html_box(f"<p>{esc(S.PROGRESS_EMPTY)}</p>")
        )

"""Module 4: from blame to understanding. Understanding is not excusing."""

from __future__ import annotations

import ipywidgets as w

from repairbook.entries import Reflection
from repairbook.ui.module_page import ModulePage
from repairbook.ui.widgets import card, esc


class UnderstandingPage(ModulePage):
    number = 4

    def body(self) -> list[w.Widget]:
        return [
            card(self.note(self.x["not_excusing"], "rb-why")),
            self.form("reflection", ["feeling", "needing", "own_part"]).widget,
            self.listing(Reflection, self.render),
        ]

    def render(self, e: Reflection) -> str:
        f = self.text.fields
        own = (
            f"<p><strong>{esc(f['own_part'].label)}</strong> {esc(e.own_part)}</p>"
            if e.own_part
            else ""
        )
        return (
            f"<p><strong>{esc(f['feeling'].label)}</strong> {esc(e.feeling)}</p>"
            f"<p><strong>{esc(f['needing'].label)}</strong> {esc(e.needing)}</p>{own}"
        )


PAGE = UnderstandingPage

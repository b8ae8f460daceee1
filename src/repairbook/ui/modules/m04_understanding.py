"""Module 4: from blame to understanding. Understanding is not excusing."""

from __future__ import annotations

import ipywidgets as w

from repairbook.ui.journey import ModulePage
from repairbook.ui.widgets import card, esc


class UnderstandingPage(ModulePage):
    number = 4

    def body(self) -> list[w.Widget]:
        f = self.text.fields
        return [
            card(self.note(self.x["not_excusing"], "rb-why")),
            self.form("reflection", ["feeling", "needing", "own_part"]),
            self.listing(
                "reflection",
                lambda e: (
                    f"<p><strong>{esc(f['feeling'].label)}</strong> {esc(e.feeling)}</p>"  # type: ignore[attr-defined]
                    f"<p><strong>{esc(f['needing'].label)}</strong> {esc(e.needing)}</p>"  # type: ignore[attr-defined]
                    + (
                        f"<p><strong>{esc(f['own_part'].label)}</strong> {esc(e.own_part)}</p>"  # type: ignore[attr-defined]
                        if e.own_part
                        else ""
                    )  # type: ignore[attr-defined]
                ),
            ),
        ]


PAGE = UnderstandingPage

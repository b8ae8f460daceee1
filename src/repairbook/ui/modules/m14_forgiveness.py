"""Module 14: forgiveness, when ready. A private readiness reflection; when the author's
recent felt safety is low, the page says gently that forgiveness follows safety."""

from __future__ import annotations

from datetime import timedelta

import ipywidgets as w

from repairbook.content.signals import RULES
from repairbook.entries import Checkin, ForgivenessReflection
from repairbook.ui.module_page import ModulePage
from repairbook.ui.parts.privacy import lock_line
from repairbook.ui.widgets import card, esc


class ForgivenessPage(ModulePage):
    number = 14

    def recent_safety(self) -> float | None:
        since = self.session.today() - timedelta(days=int(RULES["forgiveness"]["lookback_days"]))
        mine = [
            c.safety
            for c in self.session.entries(Checkin, author=self.session.me)
            if c.day >= since and c.safety is not None
        ]
        return sum(mine) / len(mine) if mine else None

    def body(self) -> list[w.Widget]:
        x = self.x
        parts: list[w.Widget] = [
            card(
                lock_line(x.get("private_note", "").lstrip("🔒 ")),
                self.note(x.get("ready_help", "")),
                private=True,
            )
        ]
        safety = self.recent_safety()
        if safety is not None and safety <= float(RULES["forgiveness"]["safety_max"]):
            parts.append(card(self.note(x["safety_low"], "rb-why"), cls="rb-safety-low"))
        parts.append(
            self.form(
                "forgiveness_reflection", ["readiness", "text"], name="forgiveness", lock=False
            ).widget
        )
        if self.session.unlocked():
            parts.append(self.listing(ForgivenessReflection, self.render, author=self.session.me))
        return parts

    def render(self, e: ForgivenessReflection) -> str:
        label = esc(self.text.fields["readiness"].label)
        return f"<strong>{label}: {e.readiness}/10</strong><p>{esc(e.text)}</p>"


PAGE = ForgivenessPage

"""Module 14: forgiveness, when ready. A private readiness reflection; when the author's
recent felt safety is low, the page says gently that forgiveness follows safety."""

from __future__ import annotations

from datetime import timedelta

import ipywidgets as w

from repairbook.content.signals import RULES
from repairbook.ui.journey import ModulePage
from repairbook.ui.widgets import card, esc, lock_line


class ForgivenessPage(ModulePage):
    number = 14

    def recent_safety(self) -> float | None:
        since = self.session.today() - timedelta(days=int(RULES["forgiveness"]["lookback_days"]))
        mine = [
            c.safety
            for c in self.session.entries("checkin", author=self.session.me)
            if c.day >= since
        ]  # type: ignore[attr-defined]
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
            )
        )
        if self.session.unlocked():
            parts.append(
                self.listing(
                    "forgiveness_reflection",
                    lambda e: (
                        f"<strong>{esc(self.text.fields['readiness'].label)}: {e.readiness}/10</strong>"  # type: ignore[attr-defined]
                        f"<p>{esc(e.text)}</p>"
                    ),  # type: ignore[attr-defined]
                    author=self.session.me,
                )
            )
        return parts


PAGE = ForgivenessPage

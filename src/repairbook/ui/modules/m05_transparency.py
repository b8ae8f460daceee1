"""Module 5: transparency without surveillance. Offers, never demands, each with an end
or review date; ended offers are shown as ended and suggested for phasing out."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from repairbook.checkers import check_transparency
from repairbook.ui.journey import ModulePage
from repairbook.ui.widgets import button, card, esc, heading, html_box, when


class TransparencyPage(ModulePage):
    number = 5

    def body(self) -> list[w.Widget]:
        x = self.x
        cats = {
            c: x.get(f"category_{c}", c)
            for c in (
                "shared_plans",
                "running_late",
                "password_sharing",
                "location",
                "phone_open",
                "other",
            )
        }
        prompts = "".join(
            f"<li>{esc(p.strip())}</li>" for p in x["curious_prompts"].split("|") if p.strip()
        )
        return [
            card(self.note(x["offer_not_demand"], "rb-why")),
            self.form(
                "transparency_offer",
                ["item", "category", "offered_freely", "review_on"],
                private="never",
                choice_labels={"category": cats},
                coach=check_transparency,
                coach_field="item",
                name="offer",
            ),
            self.listing("transparency_offer", self.render, actions=self.actions),
            card(heading(x.get("curious_title", ""), level=3), html_box(f"<ul>{prompts}</ul>")),
        ]

    def ended(self, e: Any) -> bool:
        return e.status == "ended" or e.review_on <= self.session.today()  # type: ignore[attr-defined]

    def render(self, e: Any) -> str:
        x = self.x
        if self.ended(e):
            badge = f'<span class="rb-badge">{esc(x["ended"])}</span> <span class="rb-muted">{esc(x["phase_out"])}</span>'
        else:
            badge = f'<span class="rb-badge">{esc(x["status_active"])}</span>'
        return (
            f"<strong>{esc(e.item)}</strong> {badge}<br>"  # type: ignore[attr-defined]
            f"{esc(self.text.fields['review_on'].label)}: {esc(when(e.review_on))}"
        )  # type: ignore[attr-defined]

    def actions(self, e: Any) -> list[w.Widget]:
        if e.author != self.session.me or e.status == "ended":  # type: ignore[attr-defined]
            return []

        def end() -> None:
            self.session.update(e.id, {"status": "ended"})
            self.refresh()

        return [button(self.x["let_go"], "offer-end", on=end)]


PAGE = TransparencyPage

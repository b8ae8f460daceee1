"""Module 5: transparency without surveillance. Offers, never demands, each with an end
or review date; ended offers are shown as ended and suggested for phasing out."""

from __future__ import annotations

import ipywidgets as w

from repairbook.checkers import check_transparency
from repairbook.entries import TransparencyOffer
from repairbook.ui.module_page import ModulePage
from repairbook.ui.parts.form_card import Coach
from repairbook.ui.widgets import Status, button, card, esc, heading, html_box, when


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
                coach=Coach(check_transparency, field="item"),
                name="offer",
            ).widget,
            self.listing(TransparencyOffer, self.render, actions=self.actions),
            card(heading(x.get("curious_title", ""), level=3), html_box(f"<ul>{prompts}</ul>")),
        ]

    def ended(self, e: TransparencyOffer) -> bool:
        return e.status == "ended" or e.review_on <= self.session.today()

    def render(self, e: TransparencyOffer) -> str:
        x = self.x
        if self.ended(e):
            badge = f'<span class="rb-badge">{esc(x["ended"])}</span> <span class="rb-muted">{esc(x["phase_out"])}</span>'
        else:
            badge = f'<span class="rb-badge">{esc(x["status_active"])}</span>'
        return (
            f"<strong>{esc(e.item)}</strong> {badge}<br>"
            f"{esc(self.text.fields['review_on'].label)}: {esc(when(e.review_on))}"
        )

    def actions(self, e: TransparencyOffer) -> list[w.Widget]:
        if e.author != self.session.me or e.status == "ended":
            return []

        status = Status(f"offer-{e.id[:8]}-status")

        def end() -> None:
            res = self.session.update(e.id, {"status": "ended"})
            if not res.ok:
                status.failed(res)  # refused: say why, next to the control
                return
            self.refresh()

        return [button(self.x["let_go"], "offer-end", on=end), status.widget]


PAGE = TransparencyPage

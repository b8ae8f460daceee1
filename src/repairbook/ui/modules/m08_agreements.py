"""Module 8: boundaries and agreements in five areas. The coach asks for specific wording;
an agreement counts as active once both partners accept it."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from repairbook.checkers import check_agreement
from repairbook.ui.module_page import ModulePage
from repairbook.ui.parts.form_card import Coach
from repairbook.ui.widgets import Status, button, card, esc, html_box

AREAS = ("communication", "privacy", "social_media", "substances", "spending")


class AgreementsPage(ModulePage):
    number = 8

    def body(self) -> list[w.Widget]:
        x = self.x
        areas = {a: x[f"area_{a}"] for a in AREAS}
        hints = "".join(
            f"<li><strong>{esc(x[f'area_{a}'])}</strong>: {esc(x.get(f'area_{a}_hint', ''))}</li>"
            for a in AREAS
        )
        return [
            card(html_box(f"<ul>{hints}</ul>"), self.note(x.get("specific_example", ""))),
            self.form(
                "agreement",
                ["area", "text"],
                private="never",
                choice_labels={"area": areas},
                coach=Coach(check_agreement, clean=x.get("coach_clean", ""), field="text"),
                fixed=lambda: {"accepted_by": [self.session.me]},
                name="agreement",
            ).widget,
            self.listing("agreement", self.render, actions=self.actions),
        ]

    def render(self, e: Any) -> str:
        x = self.x
        who = ", ".join(e.accepted_by)
        state = (
            x["active"]
            if e.active
            else x["waiting_accept"].format(
                name=" / ".join(p for p in self.session.partners if p not in e.accepted_by)
            )
        )
        return (
            f'<span class="rb-badge">{esc(x["area_" + e.area])}</span> '
            f"<strong>{esc(e.text)}</strong><br>"
            f'<span class="rb-muted">{esc(x["accepted_by"].format(names=who))} · {esc(state)}</span>'
        )

    def actions(self, e: Any) -> list[w.Widget]:
        me = self.session.me
        if me in e.accepted_by:
            return []
        status = Status(f"agreement-{e.id[:8]}-status")

        def accept() -> None:
            res = self.session.update(e.id, {"accepted_by": [*e.accepted_by, me]})
            if not res.ok:
                status.failed(res)
                return
            self.refresh()

        return [
            w.HBox(
                [
                    button(self.x["accept"], "agreement-accept", primary=True, on=accept),
                    status.widget,
                ]
            )
        ]


PAGE = AgreementsPage

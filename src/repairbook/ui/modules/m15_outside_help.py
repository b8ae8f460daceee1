"""Module 15: getting outside help. When and why to see a couples therapist, individual
support, resources the couple or a facilitator sets; clearly not therapy."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from repairbook.ui.module_page import ModulePage
from repairbook.ui.widgets import card, esc, heading, html_box, para

ROLES = ("couples_therapist", "individual_support", "safety", "emergency", "other")


class OutsideHelpPage(ModulePage):
    number = 15

    def body(self) -> list[w.Widget]:
        x = self.x
        roles = {r: x.get(f"role_{r}", r) for r in ROLES}
        return [
            card(
                heading(x.get("when_therapist_title", ""), level=3),
                html_box(para(x["when_therapist"])),
                heading(x.get("individual_support_title", ""), level=3),
                html_box(para(x["individual_support"])),
                html_box(para(x["not_therapy"]), "rb-why"),
            ),
            self.listing(
                "resource",
                self.render,
                title=x["resources_title"],
                empty=x["resources_empty"],
                newest_first=False,
            ),
            self.form(
                "resource",
                ["name", "role", "phone", "web", "note"],
                title=x["add_resource"],
                private="never",
                choice_labels={"role": roles},
                name="resource",
            ).widget,
        ]

    def render(self, e: Any) -> str:
        x = self.x
        contact = " · ".join(esc(v) for v in (e.phone, e.web) if v)
        return (
            f'<strong>{esc(e.name)}</strong> <span class="rb-badge">{esc(x.get("role_" + e.role, e.role))}</span>'
            f"<br>{contact}" + (f"<br>{esc(e.note)}" if e.note else "")
        )


PAGE = OutsideHelpPage

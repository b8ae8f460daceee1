"""Module 8: boundaries and agreements in five areas. The coach asks for specific wording.
Both partners shape an agreement: the other partner accepts it, declines with a reason,
or proposes other wording; its author may withdraw it. It counts as active once both
have accepted the same wording; every version stays readable. Accepting one the coach
finds hard to check asks once more."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from repairbook.checkers import check_agreement
from repairbook.content import paths as P
from repairbook.couple.paths import agreement_state
from repairbook.entries import Agreement
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
            self.listing(Agreement, self.render, actions=self.actions),
        ]

    def state(self, e: Agreement) -> str:
        key, values = agreement_state(e, self.session.partners)
        if key == "active":
            return str(self.x["active"])
        if key == "proposed":
            return str(self.x["waiting_accept"].format(name=values["names"]))
        return P.AGREEMENT_STATE[key].format(**values)

    def render(self, e: Agreement) -> str:
        x = self.x
        who = ", ".join(e.accepted_by)
        return (
            f'<span class="rb-badge">{esc(x["area_" + e.area])}</span> '
            f"<strong>{esc(e.text)}</strong><br>"
            f'<span class="rb-muted">{esc(x["accepted_by"].format(names=who))} · '
            f'<span class="rb-agreement-state">{esc(self.state(e))}</span></span>'
            + self.versions(e)
        )

    def versions(self, e: Agreement) -> str:
        """The earlier wordings and where each stood, oldest first."""
        if self.session.version(e.id) < 2:
            return ""
        earlier = [v for v in self.session.history(e.id) if isinstance(v, Agreement)][:-1]
        rows = "".join(
            f"<li>{esc(P.AGREEMENT_VERSION.format(n=i, text=v.text, state=self.state(v)))}</li>"
            for i, v in enumerate(earlier, start=1)
        )
        return (
            f'<details class="rb-agreement-history"><summary>{esc(P.AGREEMENT_HISTORY)}</summary>'
            f"<ul>{rows}</ul></details>"
        )

    def actions(self, e: Agreement) -> list[w.Widget]:
        """Only the actions the service takes from the partner here now."""
        allowed = self.session.agreement_actions(e)
        if not allowed:
            return []
        status = Status(f"agreement-{e.id[:8]}-status")
        more = w.VBox([])
        more.add_class("rb-agreement-more")

        def act(action: str, **data: Any) -> None:
            res = self.session.agreement_action(e, action, **data)
            if res.ok:
                self.refresh()
            elif "vague" in res.problems:
                ask_again(res.problems["vague"])
            else:
                status.failed(res)

        def ask_again(question: str) -> None:
            more.children = [
                html_box(f"<p>{esc(question)}</p>", "rb-agreement-vague"),
                w.HBox(
                    [
                        button(
                            P.AGREEMENT_VAGUE_YES,
                            "agreement-accept-anyway",
                            on=lambda: act("accept", sure=True),
                        ),
                        button(P.DELETE_CANCEL, "agreement-not-now", on=close),
                    ],
                    layout=w.Layout(flex_flow="row wrap"),
                ),
            ]

        def close() -> None:
            more.children = []

        def open_text(label: str, save: str, cls: str, value: str, then: Any) -> None:
            box = w.Textarea(value=value, description=label, rows=2)
            box.style.description_width = "initial"
            box.add_class(f"rb-agreement-{cls}-text")
            field = w.VBox([box])
            field.add_class("rb-field")
            more.children = [
                field,
                button(save, f"agreement-{cls}-save", primary=True, on=lambda: then(box.value)),
            ]

        def decline() -> None:
            open_text(
                P.AGREEMENT_DECLINE_REASON,
                P.AGREEMENT_DECLINE_SAVE,
                "decline",
                "",
                lambda reason: act("decline", reason=reason),
            )

        def propose() -> None:
            open_text(
                P.AGREEMENT_PROPOSE_TEXT,
                P.AGREEMENT_PROPOSE_SAVE,
                "propose",
                e.text,
                lambda text: act("propose", text=text),
            )

        offered = {
            "accept": button(
                self.x["accept"], "agreement-accept", primary=True, on=lambda: act("accept")
            ),
            "decline": button(P.AGREEMENT_DECLINE, "agreement-decline", on=decline),
            "propose": button(P.AGREEMENT_PROPOSE, "agreement-propose", on=propose),
            "withdraw": button(
                P.AGREEMENT_WITHDRAW, "agreement-withdraw", on=lambda: act("withdraw")
            ),
        }
        row = [b for k, b in offered.items() if k in allowed]
        return [
            w.HBox([*row, status.widget], layout=w.Layout(flex_flow="row wrap")),
            more,
        ]


PAGE = AgreementsPage

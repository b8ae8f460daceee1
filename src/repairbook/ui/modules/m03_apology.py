"""Module 3: ownership and apology. A four-part apology with the coach (versions kept),
what the hurt partner needs to know, and their response."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from repairbook.checkers import check_apology
from repairbook.ui.module_page import ModulePage
from repairbook.ui.parts.coach import flag_widgets
from repairbook.ui.widgets import card, esc, heading

PARTS = ("act", "impact", "responsibility", "plan")


def _apology_flags(text: str) -> list[Any]:
    return list(check_apology(text))


class ApologyPage(ModulePage):
    number = 3

    def body(self) -> list[w.Widget]:
        s, x = self.session, self.x
        mine = s.latest("apology", author=s.me)
        theirs = s.latest("apology", author=s.other)
        out: list[w.Widget] = []
        # the hurt partner may first say what they need to know
        out.append(
            self.form(
                "need_to_know",
                ["questions"],
                title=x["need_to_know_title"],
                intro=x.get("need_to_know_help", ""),
                save=x.get("save_need_to_know", ""),
                private="never",
                name="need-to-know",
            ).widget
        )
        asked = self.session.entries("need_to_know", author=s.other)
        if asked:
            out.append(
                self.listing(
                    "need_to_know",
                    lambda e: esc(e.questions),
                    author=s.other,
                    title=x["need_to_know_title"],
                    limit=3,
                )
            )
        # the partner who broke trust builds the apology (a change makes a new version)
        form = self.form(
            "apology",
            [*PARTS, "why", "prevention"],
            title=x["for_partner_who_broke_trust"],
            private="never",
            load=mine,
            name="apology",
            save=x["new_version"] if mine else "",
        )
        out.append(form.widget)
        coach = w.VBox([])
        coach.add_class("rb-coach-apology")
        fields = form.form.fields

        def run(_c: object = None) -> None:
            kids: list[w.Widget] = []
            for p in PARTS:
                text = str(fields[p].control.value or "")
                flags = [
                    f
                    for f in check_apology(**{p: text})
                    if getattr(f, "kind", "") != "missing_part"
                ]
                kids += flag_widgets(flags, text)
            if not kids and any(str(fields[p].control.value).strip() for p in PARTS):
                kids = flag_widgets([], "x", x["coach_clean"])
            coach.children = kids

        for p in PARTS:
            fields[p].control.continuous_update = False
            fields[p].control.observe(run, "value")
        run()
        form.extra.children = [heading(x["coach_title"], level=3), coach]
        if mine is not None and self.session.version(mine.id) > 1:
            out.append(self.versions(mine))
        if theirs is not None:
            out.append(self.respond(theirs))
        out.append(
            self.listing("apology_response", self.render_response, title=x["response_title"])
        )
        return out

    def versions(self, e: Any) -> w.Widget:
        rows = []
        for i, v in enumerate(self.session.history(e.id), start=1):
            parts = "".join(
                f"<p><strong>{esc(self.text.fields[p].label)}</strong> {esc(getattr(v, p))}</p>"
                for p in PARTS
            )
            h = w.HTML(f'<div class="rb-meta">v{i} · {esc(self.when(v.updated))}</div>{parts}')
            h.add_class("rb-item")
            rows.append(w.VBox([h]))
        row = w.HBox(rows)
        row.add_class("rb-side")
        return card(heading(self.x["versions_title"], level=3), row, cls="rb-apology-versions")

    def respond(self, apology: Any) -> w.Widget:
        body = "".join(
            f"<p><strong>{esc(self.text.fields[p].label)}</strong> {esc(getattr(apology, p))}</p>"
            for p in PARTS
        )
        shown = card(heading(self.x["for_hurt_partner"], level=3), w.HTML(body))
        form = self.form(
            "apology_response",
            ["felt_heard", "accepted", "missing"],
            private="never",
            fixed={"apology_id": apology.id},
            save=self.x.get("save_response", ""),
            name="apology-response",
        )
        return w.VBox([shown, form.widget])

    def render_response(self, e: Any) -> str:
        f = self.text.fields
        return (
            f"{esc(f['felt_heard'].label)}: {'✓' if e.felt_heard else '✗'} · "
            f"{esc(f['accepted'].label)}: {'✓' if e.accepted else '✗'}"
            + (f"<p>{esc(e.missing)}</p>" if e.missing else "")
        )


PAGE = ApologyPage

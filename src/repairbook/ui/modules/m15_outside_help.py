"""Module 15: getting outside help. When and why to see a couples therapist, individual
support, resources the couple or a facilitator sets; clearly not therapy. A partner makes
a summary for a counsellor here: a PDF of the last weeks with only the entries of their
own they choose, and the other partner's shared entries only when that partner agrees."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from repairbook.content import paths as P
from repairbook.content import shared as S
from repairbook.content.messages import kind_label
from repairbook.couple.summary import chosen_entries
from repairbook.ui.module_page import ModulePage
from repairbook.ui.widgets import Status, button, card, download_link, esc, heading, html_box, para

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
            *self.room_card(),
            self.summary_card(),
        ]

    def room_card(self) -> list[w.Widget]:
        """In a workshop: the room's emergency number and helplines, set by the facilitator."""
        room = self.session.room_help()
        if not room:
            return []
        lines = []
        if room.get("emergency"):
            lines.append(f"<li>{esc(S.ROOM_EMERGENCY.format(number=room['emergency']))}</li>")
        for h in room.get("helplines", []):
            contact = " · ".join(v for v in (h.get("phone", ""), h.get("web", "")) if v)
            lines.append(f"<li><strong>{esc(h.get('name', ''))}</strong> {esc(contact)}</li>")
        if not lines:
            return []
        return [
            card(
                heading(S.ROOM_HELP_TITLE, level=3),
                html_box(f"<ul>{''.join(lines)}</ul>", "rb-room-help"),
            )
        ]

    # -- a summary for a counsellor ----------------------------------------------------------
    def summary_card(self) -> w.Widget:
        s = self.session
        weeks = w.BoundedIntText(value=4, min=1, max=52, description=P.SUMMARY_WEEKS)
        weeks.style.description_width = "initial"
        weeks.add_class("rb-summary-weeks")
        picks = w.VBox([])
        picks.add_class("rb-summary-picks")
        boxes: dict[str, w.Checkbox] = {}
        status = Status("summary-status")
        out = w.VBox([])
        out.add_class("rb-summary-out")

        def fill(_change: object = None) -> None:
            mine = chosen_entries(s, int(weeks.value))
            kept = {k for k, b in boxes.items() if b.value}
            boxes.clear()
            for e in sorted(mine, key=lambda e: e.created, reverse=True)[:60]:
                lock = "🔒 " if e.visibility == "private" else ""
                label = f"{lock}{self.when(e.created)} · {kind_label(e.kind).capitalize()}: {e.summary()}"
                box = w.Checkbox(value=e.id in kept, description=label[:120], indent=False)
                box.add_class("rb-summary-pick")
                box.add_class(f"rb-summary-pick-{e.id}")
                box.layout.width = "auto"
                boxes[e.id] = box
            if boxes:
                picks.children = list(boxes.values())
            else:
                picks.children = [html_box(f'<p class="rb-muted">{esc(P.SUMMARY_PICK_NONE)}</p>')]

        weeks.observe(fill, "value")
        fill()

        def make() -> None:
            chosen = [k for k, b in boxes.items() if b.value]
            try:
                data = s.summary_pdf(int(weeks.value), chosen)
            except ValueError as err:
                status.problem(str(err))
                return
            except Exception:  # noqa: BLE001 - one friendly line, never a traceback
                status.problem(S.FRIENDLY_ERROR)
                return
            size = f"{max(1, len(data) // 1024)} KB"
            status.saved(P.SUMMARY_MADE.format(size=size))
            out.children = [
                download_link(
                    data, "summary-for-a-counsellor.pdf", "application/pdf", "summary-pdf"
                )
            ]

        return card(
            heading(P.SUMMARY_TITLE, P.SUMMARY_INTRO, level=3),
            w.VBox([weeks], layout=w.Layout(margin="0 0 8px 0")),
            heading(P.SUMMARY_PICK, level=3),
            picks,
            self.other_agreement(),
            html_box(para(P.SUMMARY_YOURS), "rb-summary-yours"),
            w.HBox(
                [button(P.SUMMARY_MAKE, "summary-make", primary=True, on=make), status.widget],
                layout=w.Layout(align_items="center", flex_flow="row wrap"),
            ),
            out,
            cls="rb-summary",
        )

    def other_agreement(self) -> w.Widget:
        """Whether the other partner's shared entries go in: only with their agreement,
        asked at their next visit or given here when they are present."""
        s = self.session
        other = s.other
        state = s.summary_agreement()
        line = {
            "yes": P.SUMMARY_OTHER_AGREED,
            "no": P.SUMMARY_OTHER_DECLINED,
            "asked": P.SUMMARY_ASKED,
        }.get(state, P.SUMMARY_OTHER_ASK)
        parts: list[w.Widget] = [
            heading(P.SUMMARY_OTHER_SHARED.format(other=other), level=3),
            html_box(para(line.format(other=other)), "rb-summary-other"),
        ]
        if state != "yes":

            def ask() -> None:
                s.ask_summary_agreement()
                self.refresh()

            # agreeing for the partner who is present speaks for them: their passphrase
            pw = w.Password(description=S.THEIR_PASSPHRASE.format(name=other))
            pw.style.description_width = "initial"
            pw.add_class("rb-summary-other-passphrase")
            status = Status("summary-agree-status")

            def here() -> None:
                why = s.agree_for_present_partner(pw.value)
                pw.value = ""
                if why:
                    status.problem(why)
                    return
                self.refresh()

            offered: list[w.Widget] = [
                button(P.SUMMARY_BOTH_HERE.format(other=other), "summary-both-here", on=here)
            ]
            if s.has_passphrase(other):
                parts.append(pw)
            if state not in ("asked", "no"):
                offered.insert(
                    0, button(P.SUMMARY_ASK_BUTTON.format(other=other), "summary-ask", on=ask)
                )
            parts.append(w.HBox(offered, layout=w.Layout(flex_flow="row wrap")))
            parts.append(status.widget)
        box = w.VBox(parts)
        box.add_class("rb-summary-agreement")
        return box

    def render(self, e: Any) -> str:
        x = self.x
        contact = " · ".join(esc(v) for v in (e.phone, e.web) if v)
        return (
            f'<strong>{esc(e.name)}</strong> <span class="rb-badge">{esc(x.get("role_" + e.role, e.role))}</span>'
            f"<br>{contact}" + (f"<br>{esc(e.note)}" if e.note else "")
        )


PAGE = OutsideHelpPage

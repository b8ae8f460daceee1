"""On my own for now: what a partner can do alone when the other has not joined, has
paused, or has left; their own check-ins, private journal, safety, boundaries for
themselves, outside help and lessons. The partner can say they go on alone for now,
and undo it. Everything here is about the partner using the page, never the other."""

from __future__ import annotations

import functools

import ipywidgets as w

from repairbook.content import paths as P
from repairbook.ui.page import Page
from repairbook.ui.parts.solo import why_alone
from repairbook.ui.widgets import button, card, esc, heading, html_box, para


class SoloPage(Page):
    name = "solo"

    def build(self) -> w.Widget:
        s = self.session
        reason = s.solo_mode()
        why = why_alone(self.app)
        top: list[w.Widget] = [heading(P.SOLO_TITLE, P.SOLO_INTRO)]
        if why:
            top.append(html_box(para(why), "rb-solo-why"))
        if s.has_passphrase():
            top.append(html_box(f'<p class="rb-muted">{esc(P.SOLO_PRIVATE_NOTE)}</p>'))
        rows: list[w.Widget] = []
        for target, text in P.SOLO_ITEMS:
            label = html_box(para(text))
            slug = target.replace(":", "-")
            go = button(P.SOLO_OPEN, f"solo-open-{slug}", on=functools.partial(self.open, target))
            row = w.HBox(
                [label, go],
                layout=w.Layout(
                    justify_content="space-between", align_items="center", flex_flow="row wrap"
                ),
            )
            row.add_class("rb-item")
            rows.append(row)
        if reason == "left":
            toggle = button(P.SOLO_BACK_TOGETHER, "solo-together", on=lambda: self.alone(False))
        elif reason == "paused":
            toggle = None  # the pause has its own way back (on Today and the welcome)
        else:
            toggle = button(P.SOLO_GO_ON_ALONE, "solo-alone", on=lambda: self.alone(True))
        parts = [
            card(*top, cls="rb-solo"),
            card(heading(P.SOLO_CAN_DO, level=3), *rows, cls="rb-solo-can-do"),
        ]
        if toggle is not None:
            parts.append(card(w.HBox([toggle])))
        return w.VBox(parts)

    def open(self, target: str) -> None:
        if target.startswith("module:"):
            self.app.show("module", number=int(target.split(":", 1)[1]))
        else:
            self.app.show(target)

    def alone(self, alone: bool) -> None:
        self.session.go_alone(alone)
        self.app.show("solo")

"""The way to "On my own for now": a short card on Today, Journey and the modules that
need both partners, shown when the partner here goes on alone (the other has not joined
yet, they paused, or they said they go on alone). Only ever about the partner here."""

from __future__ import annotations

import ipywidgets as w

from repairbook.content import paths as P
from repairbook.ui.page import Host
from repairbook.ui.widgets import button, card, html_box, para


def why_alone(app: Host) -> str:
    """The sentence saying why the partner here is on their own now, or ''."""
    reason = app.session.solo_mode()
    return P.SOLO_WHY[reason].format(other=app.session.other) if reason else ""


def solo_link(app: Host, text: str = "") -> w.Widget | None:
    """A card leading to the page for going on alone, or None when both take part.
    ``text`` replaces the sentence saying why (a module that needs both says so)."""
    why = why_alone(app)
    if not why:
        return None
    return card(
        html_box(para(text or why), "rb-solo-why"),
        w.HBox([button(P.SOLO_OPEN_PATH, "open-solo", on=lambda: app.show("solo"))]),
        cls="rb-solo-link",
    )

"""Workshops: a facilitator runs a room of couples.

* :class:`Workshop` — the workshop folder: roster, hashed per-couple keys, session plan;
* :func:`workbook_for` — a couple's workbook folder from its label (for module notebooks);
* :mod:`repairbook.workshop.plan` — the session plan as text (Today page, notebook, handouts);
* :mod:`repairbook.workshop.summary` — the consented, numeric group view;
* :mod:`repairbook.workshop.handouts` — one printable page per couple with its link and QR code.

The room server itself (one Voilà process, a room token and a key per couple) is started by
``repairbook workshop serve``; its page is :mod:`repairbook.ui.workshop_app`.
"""

from repairbook.workshop.roster import (
    Access,
    CoupleRecord,
    PlanSession,
    Workshop,
    WorkshopError,
    add_roster,
    base_url,
    link,
    parse_roster,
    workbook_for,
)

__all__ = [
    "Access",
    "CoupleRecord",
    "PlanSession",
    "Workshop",
    "WorkshopError",
    "add_roster",
    "base_url",
    "link",
    "parse_roster",
    "workbook_for",
]

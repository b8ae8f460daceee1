"""Workshops: a facilitator runs a room of couples.

* :class:`Workshop` — the workshop folder: roster, hashed per-couple keys, session plan;
* :func:`workbook_for` — a couple's workbook folder from its label (for module notebooks);
* :mod:`repairbook.workshop.plan` — the session plan as text (Today page, notebook, handouts);
* :mod:`repairbook.workshop.summary` — the consented, numeric group view;
* :mod:`repairbook.workshop.handouts` — printable pages per couple and partner with link and QR code;
* :mod:`repairbook.workshop.handover` — a couple's whole workbook as one take-home file, and back;
* :mod:`repairbook.workshop.consent` — the facilitator view's own consent;
* :func:`mode_for`, :func:`room_help_for` — home or workshop, and the room's help, for a workbook.

The room server itself (one Voilà process, a room token and a key per couple) is started by
``repairbook workshop serve``; its page is :mod:`repairbook.ui.workshop_app`.
"""

from repairbook.workshop.roster import (
    Access,
    Address,
    CoupleRecord,
    Helpline,
    KeyWatch,
    PlanSession,
    Workshop,
    WorkshopError,
    add_roster,
    base_url,
    is_loopback,
    link,
    mode_for,
    parse_roster,
    room_help_for,
    workbook_for,
    workshop_of,
)

__all__ = [
    "Access",
    "Address",
    "CoupleRecord",
    "Helpline",
    "KeyWatch",
    "PlanSession",
    "Workshop",
    "WorkshopError",
    "add_roster",
    "base_url",
    "is_loopback",
    "link",
    "mode_for",
    "parse_roster",
    "room_help_for",
    "workbook_for",
    "workshop_of",
]

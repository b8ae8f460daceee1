"""A partner's role in what happened, as they told the welcome (for dyad analyses).

The welcome asks each partner, privately and optionally, about their part: ``hurt`` (the
one who was hurt), ``broke_trust`` (the one who broke trust), ``both`` or ``prefer_not``.
The answer lives in a field named ``role`` on one of that partner's own welcome entries
(:data:`ROLE_KINDS`, whichever the welcome stores it in); the latest answer wins. Only
entries the partner can read right now are looked at: a private answer while their pages
are locked is not read (the export then says so and leaves the role empty).

:func:`partner_role` is the one place that knows where the answer is kept.
"""

from __future__ import annotations

from repairbook.content import research as R
from repairbook.entries import KINDS
from repairbook.store import Workbook

#: the role codes, in codebook order
ROLES = tuple(R.ROLES)

#: kinds the welcome may keep the answer in, checked in this order ("resource" also has a
#: field called ``role``, about help services, and is never one of them)
ROLE_KINDS = ("role", "dyad_role", "welcome", "intake", "intention", "safety_screen")


def role_kinds() -> tuple[str, ...]:
    """The kinds of :data:`ROLE_KINDS` that exist and have a ``role`` field."""
    return tuple(k for k in ROLE_KINDS if k in KINDS and "role" in KINDS[k].model_fields)


def partner_role(wb: Workbook, partner: str) -> str | None:
    """``partner``'s latest answer to the role question, or None (not answered, or kept on
    a private page that is locked)."""
    name = wb.partner(partner)
    best: tuple[object, str] | None = None
    for kind in role_kinds():
        for e in wb.list(kind, viewer=name, author=name):
            value = getattr(e, "role", None)
            if value in ROLES and (best is None or e.updated > best[0]):  # type: ignore[operator]
                best = (e.updated, str(value))
    return best[1] if best else None


def role_locked(wb: Workbook, partner: str) -> bool:
    """True when ``partner`` keeps private pages that are locked now (a private answer
    could not be read)."""
    name = wb.partner(partner)
    return wb.has_passphrase(name) and not wb.is_unlocked(name)


__all__ = ["ROLES", "ROLE_KINDS", "partner_role", "role_kinds", "role_locked"]

"""The facilitator view's own consent: each partner's choice to let a workshop facilitator see
the couple's numbers in the group view.

It is separate from research consent: a partner may share numbers with the person running
their workshop without taking part in research, and the other way round. Each choice is kept
in the couple's workbook (the ``facilitator_view`` setting: every choice in order, with its
time, so the history stays), and the latest choice per partner counts. The group view shows a
couple's numbers only while **both** partners' latest choice is yes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from repairbook.store import Workbook

META_KEY = "facilitator_view"


@dataclass(frozen=True)
class ShareState:
    partner: str
    given: bool = False
    on: date | None = None


def _history(wb: Workbook) -> list[dict[str, Any]]:
    raw = wb.get_meta(META_KEY)
    if not raw:
        return []
    try:
        data = json.loads(raw)
    except json.JSONDecodeError:
        return []
    return [r for r in data if isinstance(r, dict)] if isinstance(data, list) else []


def share_status(wb: Workbook) -> dict[str, ShareState]:
    """{partner: their current choice}, for both partners, in workbook order."""
    latest: dict[str, ShareState] = {}
    for rec in _history(wb):
        name, given, at = rec.get("partner"), rec.get("given"), rec.get("at")
        if name not in wb.partners or not isinstance(given, bool):
            continue
        try:
            on = datetime.fromisoformat(str(at)).date()
        except ValueError:
            on = None
        latest[str(name)] = ShareState(str(name), given, on)
    return {p: latest.get(p, ShareState(p)) for p in wb.partners}


def both_share(wb: Workbook) -> bool:
    """True while both partners' latest choice lets the facilitator see their numbers."""
    states = share_status(wb)
    return len(states) == 2 and all(s.given for s in states.values())


def set_share(
    wb: Workbook, partner: str, given: bool, *, now: datetime | None = None
) -> ShareState:
    """Record ``partner``'s choice (yes or no) and return their new state. The caller makes
    sure it is that partner speaking (their personal link, or their passphrase)."""
    name = wb.partner(partner)
    history = _history(wb)
    at = (now or datetime.now(UTC)).replace(microsecond=0).isoformat()
    history.append({"partner": name, "given": bool(given), "at": at})
    wb.set_meta(META_KEY, json.dumps(history, ensure_ascii=False))
    return share_status(wb)[name]


__all__ = ["META_KEY", "ShareState", "both_share", "set_share", "share_status"]

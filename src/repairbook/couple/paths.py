"""Policy for the paths around the journey (issue 18), called through :class:`Couple`.

* **On my own for now.** :func:`solo_reason` says why the partner here goes on alone:
  the other has not been through the welcome yet (``not_joined``; their hope is a shared
  entry, so that much is already visible), the partner here chose "pause here for now"
  (``paused``), or said they go on alone for now (``left``, a marker only they can
  clear). It is never derived from the *other* partner's pause: that pause follows their
  private safety answers, and nothing of those reaches this partner's page.
* **Deleting my own words.** :func:`delete`: only the author, who has shown it is them
  (their unlock or personal link on a shared page); the store overwrites the bytes and
  empties the log; backups are rewritten without it when asked.
* **Agreements both partners shape**, **promises renegotiated with new terms**, the
  **role** told at the welcome (kept privately with the safety answers), the **hopes**,
  the **next step**, the couple's **time zone** and the **summary agreement** (whether a
  partner lets their shared entries go into the other's summary for a counsellor).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from repairbook.content import paths as P
from repairbook.content import shared as S
from repairbook.entries import KINDS, Agreement, EntryError, Intention, Promise, make_entry
from repairbook.store import EntryNotFound, StoreError

if TYPE_CHECKING:
    from repairbook.couple.service import Couple, SaveResult
    from repairbook.store import Workbook

SOLO_REASONS = ("paused", "left", "not_joined")
ROLES = ("hurt", "broke_trust", "both", "prefer_not")
#: modules that need both partners (their pages say so kindly in solo mode)
NEEDS_BOTH = frozenset({2, 3, 5, 8, 9, 10, 12})


def _key(prefix: str, name: str) -> str:
    return f"{prefix}:{hashlib.sha256(name.encode('utf-8')).hexdigest()[:16]}"


# --- on my own for now ---------------------------------------------------------------------
def solo_reason(c: Couple) -> str | None:
    if not (c.wb and c.partner):
        return None
    if c.paused():
        return "paused"
    if c.wb.get_meta(_key("alone", c.me)):
        return "left"
    if not c.welcomed(c.other):
        return "not_joined"
    return None


def set_alone(c: Couple, alone: bool) -> None:
    assert c.wb
    c.wb.set_meta(_key("alone", c.me), c.today().isoformat() if alone else "")


# --- deleting my own words -------------------------------------------------------------------
@dataclass
class Deleted:
    ok: bool
    error: str = ""
    backups: list[Path] = field(default_factory=list)
    log_clear: bool = True

    @property
    def sentence(self) -> str:
        if not self.ok:
            return self.error
        if not self.log_clear:
            return P.DELETED_LOG_BUSY
        if self.backups:
            return P.DELETED_WITH_BACKUPS.format(n=len(self.backups))
        return P.DELETED


def delete(c: Couple, entry_id: str, *, from_backups: bool = False) -> Deleted:
    from repairbook.store.erase import erase_from_backups, scrub_log

    assert c.wb
    why = c.speaks_as_partner()
    if why:
        return Deleted(False, why)
    try:
        entry = c.wb.get(entry_id, viewer=c.me)
    except EntryNotFound:
        return Deleted(False, P.DELETE_NOT_FOUND)
    except StoreError as err:
        return Deleted(False, str(err))
    if entry.author != c.me:
        return Deleted(False, P.DELETE_NOT_YOURS.format(name=entry.author))
    try:
        c.wb.delete(entry_id, by=c.me)
    except StoreError as err:
        return Deleted(False, str(err))
    out = Deleted(True, log_clear=scrub_log(c.wb))
    if from_backups:
        try:
            out.backups = erase_from_backups(c.path, [entry_id])
        except StoreError as err:
            out.error = str(err)
    return out


# --- agreements both partners shape -----------------------------------------------------------
def agreement_state(a: Agreement, partners: list[str]) -> tuple[str, dict[str, str]]:
    """(state key of :data:`content.paths.AGREEMENT_STATE`, its values)."""
    waiting = [p for p in partners if p not in a.accepted_by]
    if a.status == "withdrawn":
        return "withdrawn", {"name": a.author}
    if a.status == "declined":
        return "declined", {"name": " / ".join(waiting) or "?", "reason": a.reason}
    if a.active:
        return "active", {}
    if a.changed_by:
        return "changed", {"name": a.changed_by}
    return "proposed", {"names": " / ".join(waiting)}


def agreement_actions(c: Couple, a: Agreement) -> list[str]:
    me = c.me
    if a.status == "withdrawn":
        return []
    acts: list[str] = []
    if a.status == "open" and not a.active and me not in a.accepted_by:
        acts += ["accept", "decline", "propose"]
    elif a.status == "declined" and me in a.accepted_by or a.active:
        acts.append("propose")
    if a.author == me:
        acts.append("withdraw")
    return acts


def vague_flags(text: str) -> list[Any]:
    from repairbook.checkers import check_agreement

    return list(check_agreement(text))


def agreement_action(c: Couple, a: Agreement, action: str, **data: Any) -> SaveResult:
    from repairbook.couple.service import SaveResult

    if action not in agreement_actions(c, a):
        why = P.AGREEMENT_ONLY_AUTHOR if action == "withdraw" else P.AGREEMENT_NOT_OPEN
        return SaveResult(error=why.format(name=a.author))
    me = c.me
    changes: dict[str, Any]
    if action == "accept":
        flags = vague_flags(a.text)
        if flags and not data.get("sure"):
            why = str(getattr(flags[0], "message", "")).strip()
            return SaveResult(problems={"vague": P.AGREEMENT_VAGUE_ASK.format(why=why)})
        changes = {"accepted_by": [*a.accepted_by, me]}
    elif action == "decline":
        reason = str(data.get("reason") or "").strip()
        if not reason:
            return SaveResult(problems={"reason": P.AGREEMENT_REASON_NEEDED})
        changes = {"status": "declined", "reason": reason}
    elif action == "propose":
        text = str(data.get("text") or "").strip()
        changes = {
            "text": text,
            "accepted_by": [me],
            "status": "open",
            "reason": "",
            "changed_by": "" if me == a.author else me,
        }
    else:  # withdraw
        changes = {"status": "withdrawn"}
    return c.update(a.id, changes)


# --- promises renegotiated with new terms ---------------------------------------------------------
def renegotiate(c: Couple, p: Promise, text: str, due: datetime) -> SaveResult:
    from repairbook.couple.service import SaveResult

    if not c.may_mark(p):
        return SaveResult(error=S.ONLY_AUTHOR_MARKS.format(name=p.author))
    try:  # the new terms are checked as a new promise would be (a due time still ahead)
        make_entry("promise", {"text": text, "due": due}, author=c.me)
    except EntryError as err:
        return SaveResult(problems=err.problems)
    return c.update(
        p.id,
        {
            "text": text.strip(),
            "due": due,
            "status": "open",
            "resolved_at": None,
            "minutes_late": None,
            "renegotiated": p.renegotiated + 1,
        },
    )


# --- the role, the hopes, the next step, the time zone ----------------------------------------------
def my_role(c: Couple) -> str | None:
    if not (c.wb and c.partner and c.unlocked()):
        return None
    best: tuple[datetime, str] | None = None
    for e in c.entries("safety_screen", author=c.me):
        role = getattr(e, "role", None)
        if role in ROLES and (best is None or e.updated > best[0]):
            best = (e.updated, str(role))
    return best[1] if best else None


def hopes(c: Couple) -> list[tuple[str, str]]:
    out = []
    for name in c.partners:
        mine = c.entries(Intention, author=name, mine_private=False)
        if mine:
            out.append((name, max(mine, key=lambda e: e.updated).hope))
    return out


def next_step(c: Couple) -> int | None:
    used = {e.kind for e in c.all_visible()}
    started = {m.module for k, m in KINDS.items() if k in used and m.module is not None}
    for n in range(1, 16):
        if n not in started:
            return n
    return None


def local_zone_name() -> str:
    """This machine's zone name (TZ, /etc/timezone or /etc/localtime), else "UTC"."""
    from repairbook.documents import machine_zone_name

    return machine_zone_name()


def zone(c: Couple) -> ZoneInfo:
    return zone_named(getattr(c.latest("settings") if c.wb else None, "timezone", None))


def workbook_zone(wb: Workbook) -> ZoneInfo:
    """The couple's time zone from a workbook opened without the service (the CLI)."""
    return zone_named(getattr(wb.latest("settings"), "timezone", None))


def zone_named(name: str | None) -> ZoneInfo:
    """The zone ``name`` (the settings' choice), else this machine's, else UTC."""
    name = name or local_zone_name()
    try:
        return ZoneInfo(name)
    except (ValueError, KeyError, OSError):
        return ZoneInfo("UTC")


def local(c: Couple, dt: datetime) -> datetime:
    """``dt`` in the couple's time zone."""
    return (dt if dt.tzinfo else dt.replace(tzinfo=UTC)).astimezone(zone(c))


# --- whether a partner lets their shared entries into the other's summary -------------------------
def summary_agreement(c: Couple, name: str) -> str:
    assert c.wb
    return c.wb.get_meta(_key("summary-ok", c.wb.partner(name))) or ""


def set_summary_agreement(c: Couple, name: str, value: str) -> None:
    assert c.wb
    c.wb.set_meta(_key("summary-ok", c.wb.partner(name)), value)


def window(c: Couple, weeks: int) -> tuple[Any, Any]:
    """The first and last day of the last ``weeks`` weeks."""
    end = c.today()
    return end - timedelta(days=7 * weeks - 1), end


__all__ = [
    "NEEDS_BOTH",
    "ROLES",
    "SOLO_REASONS",
    "Deleted",
    "agreement_action",
    "agreement_actions",
    "agreement_state",
    "delete",
    "hopes",
    "local",
    "local_zone_name",
    "my_role",
    "next_step",
    "renegotiate",
    "set_alone",
    "set_summary_agreement",
    "solo_reason",
    "summary_agreement",
    "window",
    "zone",
]

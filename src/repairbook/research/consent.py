"""Research consent: recorded as ``consent`` entries, the latest one per partner wins.

A revocation is a new entry with ``given=False``; nothing is ever deleted, so the
workbook keeps the whole history of each partner's choices with their dates and the
version of the consent text they read.

Only the partner can choose, and every choice records how they proved it was them
(``how``): ``"passphrase"`` (their passphrase opened their pages, e.g. at the command
line), ``"personal_link"`` (the page opened by their own workshop link) or ``"page"``
(their own page in the app, after "who is using the page now?"). With ``"passphrase"``
the partner's pages must be unlocked, otherwise :class:`ConsentNotProven` is raised and
nothing is saved. ``how`` is stored in the consent entry's ``how`` field when the entry
model has one, and otherwise in the workbook's meta table under
``research.consent_how.<entry id>`` (so it is kept either way).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from repairbook.content import research as R
from repairbook.entries import Consent, make_entry
from repairbook.store import StoreError, Workbook

#: the ways a partner proves a choice is theirs
HOW = tuple(R.CONSENT_HOW)
META_HOW = "research.consent_how."


class ConsentNotProven(StoreError):
    """The partner's passphrase has not opened their pages: the choice is not saved."""


@dataclass(frozen=True)
class ConsentState:
    """One partner's current research choice."""

    partner: str
    given: bool = False
    numeric: bool = False
    scrubbed_text: bool = False
    facilitator: bool = False
    private_numeric: bool = False
    text_version: str | None = None
    on: date | None = None
    #: False when the partner has never chosen
    recorded: bool = False
    #: how the latest choice was made: passphrase, personal_link, page (None: not kept)
    how: str | None = None

    @property
    def shares_numbers(self) -> bool:
        """Their numeric rows may appear in a research export."""
        return self.given and self.numeric

    @property
    def shares_text(self) -> bool:
        return self.shares_numbers and self.scrubbed_text

    @property
    def shares_private_numbers(self) -> bool:
        return self.shares_numbers and self.private_numeric

    @property
    def shares_with_facilitator(self) -> bool:
        """Numeric progress may appear in a workshop facilitator's group view."""
        return self.given and self.facilitator

    @property
    def current_text(self) -> bool:
        """They read the consent text now in use."""
        return self.text_version == R.CONSENT_TEXT_VERSION

    def describe(self) -> str:
        """One plain sentence about this choice, for a page or the CLI."""
        if not self.recorded:
            return R.STATUS_NONE.format(name=self.partner)
        on = f"{self.on.day} {self.on:%B %Y}" if self.on else "?"
        if not self.given:
            return R.STATUS_REVOKED.format(name=self.partner, on=on)
        what = []
        if self.numeric:
            what.append(R.WHAT_NUMBERS)
        if self.scrubbed_text:
            what.append(R.WHAT_TEXT)
        if self.private_numeric:
            what.append(R.WHAT_PRIVATE)
        if self.facilitator:
            what.append(R.WHAT_FACILITATOR)
        joined = (
            ", ".join(what[:-1]) + (" and " if len(what) > 1 else "") + what[-1] if what else "-"
        )
        return R.STATUS_GIVEN.format(
            name=self.partner, what=joined, on=on, version=self.text_version
        )


def _how(wb: Workbook, entry: Consent) -> str | None:
    value = getattr(entry, "how", None) or wb.get_meta(META_HOW + entry.id)
    return value if value in HOW else None


def _state(partner: str, entry: Consent | None, how: str | None = None) -> ConsentState:
    if entry is None:
        return ConsentState(partner=partner)
    return ConsentState(
        partner=partner,
        given=entry.given,
        numeric=entry.given and entry.numeric,
        scrubbed_text=entry.given and entry.scrubbed_text,
        facilitator=entry.given and entry.facilitator,
        private_numeric=entry.given and entry.private_numeric,
        text_version=entry.text_version,
        on=entry.on,
        recorded=True,
        how=how,
    )


def consent_status(wb: Workbook) -> dict[str, ConsentState]:
    """{partner name: their current ConsentState}, for both partners, in workbook order."""
    latest: dict[str, Consent] = {}
    for e in wb.list("consent"):  # ordered by created time, then insertion
        assert isinstance(e, Consent)
        latest[e.author] = e
    out = {}
    for p in wb.partners:
        mine = latest.get(p)
        out[p] = _state(p, mine, _how(wb, mine) if mine is not None else None)
    return out


def _record(
    wb: Workbook, name: str, data: dict[str, object], how: str, now: datetime | None
) -> None:
    if how not in HOW:
        raise StoreError(R.CONSENT_BAD_HOW.format(how=how))
    if how == "passphrase" and not (wb.has_passphrase(name) and wb.is_unlocked(name)):
        raise ConsentNotProven(R.CONSENT_NOT_PROVEN.format(name=name))
    in_entry = "how" in Consent.model_fields
    if in_entry:
        data["how"] = how
    if now is not None:
        data["on"] = now.date().isoformat()
    entry = make_entry("consent", data, author=name, now=now)
    if now is not None:
        entry.created = entry.updated = now
    wb.add(entry)
    if not in_entry:
        wb.set_meta(META_HOW + entry.id, how)


def give_consent(
    wb: Workbook,
    partner: str,
    *,
    numeric: bool = True,
    scrubbed_text: bool = False,
    facilitator: bool = False,
    private_numeric: bool = False,
    text_version: str = R.CONSENT_TEXT_VERSION,
    how: str = "page",
    now: datetime | None = None,
) -> ConsentState:
    """Record ``partner``'s consent and return their new state.

    ``how`` says how the partner proved it is them (see the module doc); with
    ``"passphrase"`` their pages must be unlocked (:class:`ConsentNotProven`)."""
    name = wb.partner(partner)
    data = {
        "given": True,
        "numeric": numeric,
        "scrubbed_text": scrubbed_text,
        "facilitator": facilitator,
        "private_numeric": private_numeric,
        "text_version": text_version,
    }
    _record(wb, name, data, how, now)
    return consent_status(wb)[name]


def revoke_consent(
    wb: Workbook, partner: str, *, how: str = "page", now: datetime | None = None
) -> ConsentState:
    """Record that ``partner`` takes back every research consent (also the facilitator view)."""
    name = wb.partner(partner)
    data: dict[str, object] = {
        "given": False,
        "numeric": False,
        "scrubbed_text": False,
        "facilitator": False,
        "private_numeric": False,
        "text_version": R.CONSENT_TEXT_VERSION,
    }
    _record(wb, name, data, how, now)
    return consent_status(wb)[name]


__all__ = [
    "HOW",
    "ConsentNotProven",
    "ConsentState",
    "consent_status",
    "give_consent",
    "revoke_consent",
]

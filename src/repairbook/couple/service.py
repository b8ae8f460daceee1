"""The one service every surface calls for what a couple does: open or create the
workbook, who is here, unlock, saves (each one transaction), what is due, the safety
screen and its outcome, consent, and the rules of who may do what.

Pages, the CLI and the notebooks are thin adapters over :class:`Couple`; it owns no
widgets and calls the store. No widget runs SQL or opens files.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar, overload

from repairbook.content import shared as S
from repairbook.content.prompts import prompts_for
from repairbook.entries import (
    Checkin,
    ConversationPlan,
    Entry,
    EntryError,
    Promise,
    Resource,
    SafetyScreen,
    Visibility,
    make_entry,
)
from repairbook.store import (
    StoreError,
    Workbook,
    resolve_workbook,
)
from repairbook.store.workbook import DB_NAME

E = TypeVar("E", bound=Entry)

#: the safety questions whose "yes" means: plain safety guidance, now
DANGER_QUESTIONS = ("afraid", "threatened", "controlled", "hurt")
#: the default emergency number when neither the couple nor a workshop set one
DEFAULT_EMERGENCY = "112"


@dataclass(frozen=True)
class Emergency:
    """The number to call in danger, and whether it is only our default."""

    number: str
    is_default: bool


@dataclass(frozen=True)
class ScreenOutcome:
    """What answering the safety screen did: whether any answer calls for the guidance
    now, and whether the answers are kept (privately) or why not."""

    any_yes: bool
    kept: bool
    why_not: str = ""


@dataclass
class SaveResult:
    entry: Entry | None = None
    problems: dict[str, str] = field(default_factory=dict)
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.entry is not None


class Couple:
    """One couple's workbook as one open page (or one command) uses it: the partner
    using it now, what is unlocked, and every action they take."""

    def __init__(self, path: str | Path | None = None):
        self.path = resolve_workbook(path)
        self.wb: Workbook | None = None
        self.partner: str | None = None
        self.listeners: list[Callable[[], None]] = []
        #: opened through the partner's personal link: the link proves who they are
        self.proven = False
        self.settings_override: dict[str, Any] = {}
        if (self.path / DB_NAME).exists() or (self.path.is_dir() and any(self.path.iterdir())):
            # a folder with other files in it is refused with a sentence, never written to
            self.wb = Workbook.open(self.path)
            self.partner = self.wb.partners[0]

    @classmethod
    def as_partner(cls, path: str | Path | None, partner: str) -> Couple:
        """The workbook at ``path`` as ``partner`` uses it (the command line's way in);
        close it with :meth:`close` or use it in a ``with`` block."""
        couple = cls(path)
        if not couple.wb:
            raise StoreError(f"There is no workbook at {couple.path} yet.")
        couple.switch(partner)
        return couple

    def close(self) -> None:
        if self.wb:
            self.wb.close()

    def __enter__(self) -> Couple:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- set-up --------------------------------------------------------------------
    @property
    def ready(self) -> bool:
        return self.wb is not None

    def create(self, names: list[str], passphrases: dict[str, str]) -> None:
        self.wb = Workbook.create(self.path, names)
        for name, phrase in passphrases.items():
            if phrase:
                self.wb.set_passphrase(name, phrase)
        self.partner = self.wb.partners[0]

    @property
    def workbook(self) -> Workbook:
        """The open workbook (the app only shows pages that need it once it exists)."""
        assert self.wb is not None
        return self.wb

    @property
    def partners(self) -> list[str]:
        return self.wb.partners if self.wb else []

    @property
    def other(self) -> str:
        assert self.wb and self.partner
        return self.wb.other(self.partner)

    def switch(self, name: str) -> None:
        """Change who uses the page; every private thing locks again."""
        assert self.wb
        self.wb.lock()
        self.partner = self.wb.partner(name)

    # -- passphrases ---------------------------------------------------------------
    def has_passphrase(self, name: str | None = None) -> bool:
        return bool(self.wb and self.wb.has_passphrase(name or self.me))

    def passphrase_set_by_other(self, name: str | None = None) -> bool:
        """Whether someone other than the partner set their passphrase (they are asked to
        replace it at their next visit)."""
        fn = getattr(self.wb, "passphrase_set_by_other", None)
        return bool(self.wb and self.partner and fn and fn(name or self.me))

    def unlocked(self) -> bool:
        return bool(self.wb and self.partner and self.wb.is_unlocked(self.partner))

    def unlock(self, passphrase: str) -> str:
        """Unlock the current partner's private entries; '' on success, else a sentence."""
        return self._sentence(self.workbook.unlock, passphrase)

    def set_passphrase(self, passphrase: str) -> str:
        return self._sentence(self.workbook.set_passphrase, passphrase)

    def _sentence(self, action: Callable[[str, str], object], passphrase: str) -> str:
        """Run a passphrase action for the partner here: '' when it worked, else the
        store's one sentence."""
        try:
            action(self.me, passphrase)
        except StoreError as err:
            return str(err)
        return ""

    def lock(self) -> None:
        if self.wb:
            self.wb.lock()

    @property
    def me(self) -> str:
        assert self.partner
        return self.partner

    # -- entries --------------------------------------------------------------------
    def may_edit(self, entry: Entry, changes: dict[str, Any] | None = None) -> bool:
        """Whether the partner using the page may change ``entry`` (the model says which
        kinds both partners may edit)."""
        return bool(self.partner) and entry.may_edit(self.me, changes)

    def may_mark(self, promise: Promise) -> bool:
        """Only the partner who made a promise marks it kept, late or renegotiated."""
        return promise.author == self.partner

    def may_table(self, plan: ConversationPlan) -> bool:
        """Only the partner who planned a conversation tables it (with a return time)."""
        return plan.author == self.partner

    def record_conversation(self, plan: ConversationPlan, data: dict[str, Any]) -> SaveResult:
        """The partner's outcome of a planned conversation, and the plan marked held, in
        one transaction: either both are stored or neither is."""
        wb = self.workbook

        def record() -> Entry:
            outcome = make_entry(
                "conversation_outcome", {**data, "plan_id": plan.id}, author=self.me
            )
            updates = [] if plan.status == "held" else [(plan.id, {"status": "held"}, self.me)]
            wb.write(adds=[outcome], updates=updates)
            return outcome

        return self._attempt(record)

    def save(
        self,
        kind: str,
        data: dict[str, Any],
        *,
        visibility: Visibility | None = None,
        author: str | None = None,
        now: datetime | None = None,
    ) -> SaveResult:
        wb = self.workbook

        def add() -> Entry:
            entry = make_entry(kind, data, author=author or self.me, visibility=visibility, now=now)
            wb.add(entry)
            return entry

        return self._attempt(add)

    def _attempt(self, action: Callable[[], Entry]) -> SaveResult:
        """Run one save: the entry on success; else the entry's problems, one sentence
        per field, or the store's one sentence. Nothing half-saved either way."""
        try:
            entry = action()
        except EntryError as err:
            return SaveResult(problems=err.problems)
        except StoreError as err:
            return SaveResult(error=str(err))
        self._changed()
        return SaveResult(entry=entry)

    def update(self, entry_id: str, changes: dict[str, Any]) -> SaveResult:
        wb = self.workbook
        return self._attempt(lambda: wb.update(entry_id, changes, by=self.me))

    def save_checkin(self, data: dict[str, Any], *, note_private: bool = False) -> SaveResult:
        """Today's check-in, new or a new version of today's, with its note kept in the
        private journal when ``note_private``: one transaction, so a retry after any
        failure never stores two check-ins or two notes."""
        assert self.wb
        me = self.me
        day = self.today()
        values = {k: v for k, v in data.items() if k != "day"}
        note = str(values.get("note") or "")
        note_private = note_private and bool(note.strip())
        if note_private:
            if not self.has_passphrase():
                return SaveResult(error=S.NOTE_PRIVATE_NEEDS_PASSPHRASE)
            if not self.unlocked():
                return SaveResult(error=S.UNLOCK_FIRST_FOR_PRIVATE)
            values["note"] = ""
        existing = self.todays_checkin()
        wb = self.workbook

        def write() -> Entry:
            adds: list[Entry] = []
            if existing is None:
                adds.append(make_entry("checkin", {**values, "day": day}, author=me))
            else:
                make_entry("checkin", {**existing.content(), **values, "day": day}, author=me)
            if note_private:
                adds.append(
                    make_entry(
                        "journal", {"text": note, "day": day}, author=me, visibility="private"
                    )
                )
            updates = [] if existing is None else [(existing.id, values, me)]
            _ids, revised = wb.write(adds=adds, updates=updates)
            return revised[0] if revised else adds[0]

        return self._attempt(write)

    # -- the welcome and the safety screen ------------------------------------------------
    def welcomed(self, name: str | None = None) -> bool:
        """Whether ``name`` (default: the partner here) has been through the welcome."""
        if not self.wb:
            return False
        who = self.wb.partner(name) if name else self.me
        return bool(self.wb.list("intention", author=who, viewer=self.partner, private=False))

    def screen_answers(self, answers: dict[str, bool | None]) -> dict[str, bool] | str:
        """The safety screen's answers made whole, or a sentence saying what is missing."""
        if any(answers.get(q) is None for q in DANGER_QUESTIONS):
            return S.SCREEN_ANSWER_ALL
        out = {q: bool(answers[q]) for q in DANGER_QUESTIONS}
        out["betrayal_or_addiction"] = bool(answers.get("betrayal_or_addiction"))
        return out

    def answer_screen(self, answers: dict[str, Any]) -> ScreenOutcome:
        """Keep the partner's safety answers privately when that is possible now. The
        outcome says whether the guidance is due, independent of any unlock, and says
        plainly when the answers could not be kept (nothing is kept silently elsewhere,
        and never under the other partner's name)."""
        # the rule is the entry's own (SafetyScreen.any_yes), not re-derived here
        any_yes = SafetyScreen(
            author=self.me,
            afraid=bool(answers.get("afraid")),
            threatened=bool(answers.get("threatened")),
            controlled=bool(answers.get("controlled")),
            hurt=bool(answers.get("hurt")),
        ).any_yes
        if not self.has_passphrase():
            return ScreenOutcome(any_yes, False, S.SCREEN_NOT_KEPT_NO_PASSPHRASE)
        if not self.unlocked():
            return ScreenOutcome(any_yes, False, S.SCREEN_NOT_KEPT_LOCKED)
        res = self.save("safety_screen", dict(answers), visibility="private")
        if not res.ok:
            return ScreenOutcome(any_yes, False, res.error or " ".join(res.problems.values()))
        return ScreenOutcome(any_yes, True)

    def keep_screen(self, answers: dict[str, Any]) -> SaveResult:
        """Keep answers given earlier, now that the partner has unlocked."""
        return self.save("safety_screen", dict(answers), visibility="private")

    def last_screen(self) -> SafetyScreen | None:
        """The partner's own latest safety answers (private: needs their unlock)."""
        mine = self.entries(SafetyScreen, author=self.me) if self.unlocked() else []
        return max(mine, key=lambda e: e.created) if mine else None

    def own_helplines(self) -> list[Resource]:
        """Helplines the partner here added for themselves (private, sealed)."""
        if not self.unlocked():
            return []
        return [
            r
            for r in self.entries(Resource, author=self.me)
            if r.role == "safety" and r.visibility == "private"
        ]

    def add_own_helpline(self, name: str, phone: str = "", web: str = "") -> SaveResult:
        """A helpline for the partner here alone: sealed like every private entry, so the
        other partner never reads it."""
        if not self.has_passphrase():
            return SaveResult(error=S.KEEP_PRIVATE_NEEDS_PASSPHRASE)
        if not self.unlocked():
            return SaveResult(error=S.UNLOCK_FIRST_FOR_PRIVATE)
        return self.save(
            "resource",
            {"name": name, "phone": phone, "web": web, "role": "safety"},
            visibility="private",
        )

    def _pause_key(self, name: str | None = None) -> str:
        who = self.wb.partner(name) if (self.wb and name) else self.me
        digest = hashlib.sha256(who.encode("utf-8")).hexdigest()[:16]
        return f"paused:{digest}"

    def paused(self) -> bool:
        """Whether the partner here chose "pause here for now"."""
        return bool(self.wb and self.wb.get_meta(self._pause_key()))

    def pause(self) -> None:
        """Pause the joint steps for the partner here: the page stops asking them to go on
        and everything private locks. Only they can undo it (:meth:`resume`)."""
        assert self.wb
        self.wb.set_meta(self._pause_key(), self.today().isoformat())
        self.wb.lock()
        self._changed()

    def resume(self) -> None:
        assert self.wb
        self.wb.set_meta(self._pause_key(), "")
        self._changed()

    def quick_exit(self) -> None:
        """Lock everything private at once (the page then shows a neutral screen)."""
        if self.wb:
            self.wb.lock()

    # -- research consent ---------------------------------------------------------------
    def consent_state(self) -> Any:
        """The partner here's research consent as it stands."""
        from repairbook.research.consent import consent_status

        return consent_status(self.workbook)[self.me]

    def give_consent(
        self,
        *,
        numeric: bool,
        scrubbed_text: bool,
        private_numeric: bool,
    ) -> Any:
        """Consent given by the partner here, on their own page (which proves who they
        are: their unlock, or their personal link)."""
        from repairbook.research.consent import give_consent

        return give_consent(
            self.workbook,
            self.me,
            how=self._how(),
            numeric=numeric,
            scrubbed_text=scrubbed_text,
            private_numeric=private_numeric,
            facilitator=False,  # the group view has its own choice (set_facilitator_share)
        )

    def revoke_consent(self) -> Any:
        from repairbook.research.consent import revoke_consent

        return revoke_consent(self.workbook, self.me, how=self._how())

    def _how(self) -> str:
        """How the partner here showed it is them: their personal link, else their unlock
        (consent lives on Private, which their passphrase opens), else the page alone."""
        if self.proven:
            return "personal_link"
        return "passphrase" if self.has_passphrase() and self.unlocked() else "page"

    @overload
    def entries(
        self, kind: type[E], *, author: str | None = None, mine_private: bool = True
    ) -> list[E]: ...
    @overload
    def entries(
        self, kind: str, *, author: str | None = None, mine_private: bool = True
    ) -> list[Any]: ...
    def entries(
        self, kind: str | type[Entry], *, author: str | None = None, mine_private: bool = True
    ) -> list[Any]:
        """Entries the current partner may read (never the other's private ones);
        ``entries(Checkin)`` is typed as ``list[Checkin]``."""
        if not self.wb:
            return []
        name = kind if isinstance(kind, str) else kind.kind
        items = self.wb.list(name, viewer=self.partner, author=author, private=mine_private)
        return self._revealed(items) if name == "checkin" else items

    # -- each answers alone: a check-in is shown to the other once both have answered ------
    def _my_checkin_days(self) -> set[date]:
        if not (self.wb and self.partner):
            return set()
        mine = self.wb.list("checkin", viewer=self.partner, author=self.partner)
        return {e.day for e in mine if isinstance(e, Checkin)}

    def _revealed(self, items: list[Any]) -> list[Any]:
        """Drop the other partner's check-ins of days the partner here has not checked in
        yet: each answers alone, then they see each other's (on every page, in progress
        charts and counts alike)."""
        if not any(e.kind == "checkin" and e.author != self.partner for e in items):
            return items
        days = self._my_checkin_days()
        return [
            e
            for e in items
            if e.kind != "checkin" or e.author == self.partner or getattr(e, "day", None) in days
        ]

    def other_checked_in_today(self) -> bool:
        """Whether the other partner has checked in today (that much is shown; their
        answers wait until the partner here has checked in too)."""
        if not (self.wb and self.partner):
            return False
        today = self.today()
        theirs = self.wb.list("checkin", viewer=self.partner, author=self.other, private=False)
        return any(getattr(e, "day", None) == today for e in theirs)

    def others_checkin_today(self) -> Checkin | None:
        """The other partner's check-in of today, once both have checked in; else None."""
        today = self.today()
        theirs = [
            e
            for e in self.entries(Checkin, author=self.other, mine_private=False)
            if e.day == today
        ]
        return max(theirs, key=lambda e: e.updated) if theirs else None

    def in_workshop(self) -> bool:
        return bool(self.where_words_live().mode == "workshop")

    def facilitator_share(self) -> bool | None:
        """The partner here's choice for the workshop's group view (None: not chosen)."""
        from repairbook.workshop.consent import share_status

        state = share_status(self.workbook)[self.me]
        return state.given if state.on is not None else None

    def set_facilitator_share(self, given: bool) -> str:
        """Let the facilitator see (or stop seeing) this partner's numbers in the group
        view; it speaks for the partner, so it needs them ('' when done, else a sentence)."""
        from repairbook.workshop.consent import set_share

        why = self.speaks_as_partner()
        if why:
            return why
        set_share(self.workbook, self.me, given)
        self._changed()
        return ""

    def where_words_live(self) -> Any:
        """The words about where this couple's words live, true for their mode: at home,
        this computer; in a workshop, the facilitator's computer for its time."""
        from repairbook.content.workshop import where_words_live

        mode = "home"
        try:
            from repairbook.workshop import mode_for

            mode = mode_for(self.path)
        except Exception:  # noqa: BLE001 - a damaged workshop file: the words stay careful
            mode = "workshop" if (self.path.parent / "workshop.json").exists() else "home"
        return where_words_live(mode)

    def touch(self) -> None:
        """The partner here is using the page: their idle clock starts again."""
        if self.wb and self.partner:
            self.wb.touch(self.partner)

    def lock_idle(self) -> bool:
        """Lock whoever has not used their private pages for the workbook's idle time;
        True when that locked the partner here (the page then shows them locked)."""
        if not self.wb:
            return False
        return bool(self.partner) and self.partner in self.wb.lock_idle()

    def certificate_fingerprint(self) -> str | None:
        """The SHA-256 fingerprint of the certificate `repairbook serve --host/--lan` made
        for this workbook (a partner compares it with what the terminal printed)."""
        from repairbook.tls import fingerprint

        try:
            return fingerprint(self.path)
        except Exception:  # noqa: BLE001 - an unreadable certificate: nothing to compare
            return None

    def speaks_as_partner(self) -> str:
        """'' when the partner here has shown it is them (their personal link, or their
        passphrase on a shared page); else the sentence saying what to do first."""
        if self.proven or not self.has_passphrase() or self.unlocked():
            return ""
        return S.PROVE_IT.format(name=self.me)

    def sign_contract(self, contract_id: str, version: int) -> SaveResult:
        """The partner here signs this version of the contract. A signature speaks for
        them, so on a shared page it needs their passphrase (when they have one)."""
        why = self.speaks_as_partner()
        if why:
            return SaveResult(error=why)
        return self.save("signature", {"contract_id": contract_id, "contract_version": version})

    def partner_for_key(self, key: str | None) -> str | None:
        """Whose personal link this key is (None: not valid, renewed or revoked)."""
        from repairbook.couple.links import partner_for_key

        return partner_for_key(self.wb, key) if self.wb else None

    def change_stamp(self) -> int:
        """Changes whenever someone else (the other partner's page, a command) saved
        something: an open page polls it to show new entries without a reload."""
        return self.wb.data_version() if self.wb else 0

    def all_visible(self) -> list[Entry]:
        return self._revealed(self.wb.list(None, viewer=self.partner)) if self.wb else []

    def history(self, entry_id: str) -> list[Any]:
        assert self.wb
        return self.wb.history(entry_id, viewer=self.partner)

    def version(self, entry_id: str) -> int:
        assert self.wb
        return self.wb.version(entry_id)

    @overload
    def latest(self, kind: type[E], author: str | None = None) -> E | None: ...
    @overload
    def latest(self, kind: str, author: str | None = None) -> Any: ...
    def latest(self, kind: str | type[Entry], author: str | None = None) -> Any:
        name = kind if isinstance(kind, str) else kind.kind
        if name == "checkin":
            items = self.entries("checkin", author=author)
            return max(items, key=lambda e: e.updated) if items else None
        return self.wb.latest(name, viewer=self.partner, author=author) if self.wb else None

    def emergency(self) -> Emergency:
        """The number to call in danger: the one the couple set (module 15), else the
        workshop's, else our default (and the page says to check the local number)."""
        numbers = [r.phone for r in self.entries(Resource) if r.role == "emergency" and r.phone]
        if numbers:
            return Emergency(numbers[-1], False)
        room = self.room_help()
        if room.get("emergency"):
            return Emergency(str(room["emergency"]), False)
        return Emergency(DEFAULT_EMERGENCY, True)

    def emergency_number(self) -> str:
        """The emergency number the couple or a facilitator set, or ''."""
        e = self.emergency()
        return "" if e.is_default else e.number

    def room_help(self) -> dict[str, Any]:
        """The workshop room's emergency number and helplines when this workbook belongs to
        a workshop (``{"emergency": str, "helplines": [...]}``), else ``{}``."""
        try:
            from repairbook.workshop import room_help_for
        except ImportError:
            return {}
        try:
            return dict(room_help_for(self.path) or {})
        except Exception:  # noqa: BLE001 - a damaged workshop file never hides safety help
            return {}

    def on_change(self, fn: Callable[[], None]) -> None:
        self.listeners.append(fn)

    def _changed(self) -> None:
        for fn in list(self.listeners):
            fn()

    # -- the day ---------------------------------------------------------------------
    def today(self) -> date:
        """The date where the couple lives (Settings.timezone), which a machine set to
        another zone may not share: a check-in belongs to the couple's day."""
        return datetime.now(self.zone()).date() if self.wb else datetime.now().astimezone().date()

    def start_day(self) -> date:
        assert self.wb
        first = self.wb.list("intention") or self.wb.list("checkin")
        if first:
            return min(e.created for e in first).astimezone(self.zone()).date()
        return self.today()

    def todays_checkin(self) -> Any:
        today = self.today()
        mine = [
            e for e in self.entries("checkin", author=self.me) if getattr(e, "day", None) == today
        ]
        return max(mine, key=lambda e: e.updated) if mine else None

    def days_since_last_checkin(self) -> int | None:
        mine = self.entries(Checkin, author=self.me)
        if not mine:
            return None
        last = max(e.day for e in mine)
        return (self.today() - last).days

    def prompt_of_the_day(self, day: date | None = None) -> str:
        """A rotating prompt for the partner here: from the prompts that fit their role
        (issue 18; only those for both when none is told), a fixed shuffle per partner,
        one a day, no repeat for as many days as the pool holds (at least two months)."""
        day = day or self.today()
        role = self.my_role() if self.partner else None
        pool = prompts_for(role)
        seed_text = "|".join([*self.partners, self.partner or "", role or ""]) or "repairbook"
        seed = int(hashlib.sha256(seed_text.encode()).hexdigest()[:12], 16)
        order = list(range(len(pool)))
        random.Random(seed).shuffle(order)
        start = self.start_day() if self.wb else day
        n = (day - start).days % len(pool)
        return pool[order[n]]

    def due_promises(self) -> list[Promise]:
        """Open promises due by the end of today, soonest first (both partners')."""
        end = datetime.combine(
            self.today() + timedelta(days=1), datetime.min.time(), tzinfo=self.zone()
        ).astimezone(UTC)
        items = [e for e in self.entries(Promise) if e.status == "open" and e.due <= end]
        return sorted(items, key=lambda e: e.due)

    # -- module 9's contract and the couple's documents (moved here from the page) --------
    def revise_contract(self, contract_id: str, data: dict[str, Any]) -> SaveResult:
        """A new version of the contract, checked like a new contract first (its revisit
        date still ahead), then stored as the next version."""
        try:
            make_entry("contract", data, author=self.me)
        except EntryError as err:
            return SaveResult(problems=err.problems)
        return self.update(contract_id, data)

    def contract_pdf(self, contract_id: str) -> bytes:
        """The contract as a PDF, as the partner here may read it."""
        from repairbook import documents

        return documents.contract_pdf_for(self.workbook, contract_id, viewer=self.me)

    def rhythm_calendar(self) -> bytes:
        """The couple's rhythms as a calendar file (.ics)."""
        from repairbook import documents

        return documents.rhythm_calendar_for(self.workbook, viewer=self.me)

    # == the paths around the journey (issue 18): on my own for now, deleting my own words,
    # == agreements both shape, renegotiated promises, roles and prompts, hopes, next step,
    # == a summary for a counsellor. Policy lives in repairbook.couple.paths. ==============
    def solo_mode(self) -> str | None:
        """Why the partner here goes on alone for now ("not_joined", "paused", "left"), or
        None when both take part. Never derived from the other's pause or safety answers."""
        from repairbook.couple import paths

        return paths.solo_reason(self)

    def go_alone(self, alone: bool = True) -> None:
        """The partner here says they go on alone for now (or that they are together
        again); only they can undo it."""
        from repairbook.couple import paths

        paths.set_alone(self, alone)
        self._changed()

    def may_delete(self, entry: Entry) -> bool:
        """A partner deletes only what they wrote."""
        return bool(self.partner) and entry.author == self.partner

    def backups_holding(self, entry_id: str) -> int:
        from repairbook.store.erase import backups_holding

        return len(backups_holding(self.path, entry_id))

    def delete(self, entry_id: str, *, from_backups: bool = False) -> Any:
        """Delete an entry the partner here wrote, with its history, for good (and from
        the earlier backups when asked). A :class:`repairbook.couple.paths.Deleted`."""
        from repairbook.couple import paths

        out = paths.delete(self, entry_id, from_backups=from_backups)
        if out.ok:
            self._changed()
        return out

    def agreement_action(self, agreement: Any, action: str, **data: Any) -> SaveResult:
        """accept / decline (``reason``) / propose (``text``) / withdraw an agreement;
        accepting one the coach finds vague needs ``sure=True`` (asked once more)."""
        from repairbook.couple import paths

        return paths.agreement_action(self, agreement, action, **data)

    def agreement_actions(self, agreement: Any) -> list[str]:
        """The actions the partner here may take on ``agreement`` now."""
        from repairbook.couple import paths

        return paths.agreement_actions(self, agreement)

    def renegotiate(self, promise: Promise, text: str, due: datetime) -> SaveResult:
        """New terms for a promise (its text and due time), kept as its next version."""
        from repairbook.couple import paths

        return paths.renegotiate(self, promise, text, due)

    def my_role(self) -> str | None:
        """The partner here's answer to the welcome's role question (private: None
        while their pages are locked)."""
        from repairbook.couple import paths

        return paths.my_role(self)

    def hopes(self) -> list[tuple[str, str]]:
        """(name, hope) for each partner who wrote one at the welcome."""
        from repairbook.couple import paths

        return paths.hopes(self)

    def next_step(self) -> int | None:
        """The journey module to take next: the first (1-15) with nothing in it yet."""
        from repairbook.couple import paths

        return paths.next_step(self)

    def zone(self) -> Any:
        """The couple's time zone (Settings.timezone; the machine's own when unset)."""
        from repairbook.couple import paths

        return paths.zone(self)

    def summary_agreement(self, name: str | None = None) -> str:
        """Whether ``name`` (default: the other partner) lets their shared entries go
        into a summary for a counsellor: "yes", "no", "asked" or ""."""
        from repairbook.couple import paths

        return paths.summary_agreement(self, name or self.other)

    def ask_summary_agreement(self) -> None:
        from repairbook.couple import paths

        paths.set_summary_agreement(self, self.other, "asked")

    def answer_summary_agreement(self, yes: bool, *, name: str | None = None) -> None:
        """The partner here (or ``name``, present at the same page) answers the ask."""
        from repairbook.couple import paths

        paths.set_summary_agreement(self, name or self.me, "yes" if yes else "no")
        self._changed()

    def agree_for_present_partner(self, passphrase: str = "") -> str:
        """The other partner, present at this page, agrees to the summary: it speaks for
        them, so it needs their passphrase when they have one ('' when done, else why).
        Their pages are locked again at once: nothing of theirs opens here."""
        from repairbook.couple import paths

        other = self.other
        if self.workbook.has_passphrase(other):
            try:
                self.workbook.unlock(other, passphrase)
            except StoreError as err:
                return str(err)
            finally:
                self.workbook.lock(other)
        paths.set_summary_agreement(self, other, "yes")
        self._changed()
        return ""

    def summary_pdf(self, weeks: int, own_ids: list[str]) -> bytes:
        """The summary for a counsellor of the last ``weeks`` weeks, as the partner here
        may read it, with the entries of their own they chose."""
        from repairbook.couple import summary

        return summary.summary_pdf(self, weeks, own_ids)

    # == passphrases on the page (issue 19): a strength hint, a passphrase someone else set,
    # == changing it, and entries left out because they are damaged ========================
    def passphrase_hint(self, passphrase: str) -> str:
        """A kind hint when ``passphrase`` looks easy to guess ('' when it looks fine or
        nothing is typed yet). It never blocks anything."""
        from repairbook.store.crypto import passphrase_hint

        if not passphrase:
            return ""
        return passphrase_hint(passphrase, names=tuple(self.partners)) or ""

    def passphrase_set_by(self) -> str:
        """Who set the passphrase of the partner here, when it was someone else ('')."""
        if not (self.wb and self.partner):
            return ""
        return self.wb.passphrase_set_by_other(self.me) or ""

    def may_claim_passphrase(self) -> bool:
        """Whether the partner here may replace a passphrase someone else set without
        knowing it: only while nothing private of theirs is sealed under it."""
        return bool(self.passphrase_set_by()) and self.workbook.private_count(self.me) == 0

    def claim_passphrase(self, new: str) -> str:
        """Replace a passphrase someone else set with the partner's own ('' when done)."""
        err = self._sentence(self.workbook.claim_passphrase, new)
        if not err:
            self._changed()
        return err

    def keep_passphrase(self, passphrase: str) -> str:
        """The partner keeps a passphrase someone else set, proving they know it ('')."""
        err = self._sentence(self.workbook.keep_passphrase, passphrase)
        if not err:
            self._changed()
        return err

    def change_passphrase(self, current: str, new: str) -> str:
        """Re-seal every private entry of the partner here under ``new`` ('' when done,
        else the store's one sentence; nothing changes then)."""
        try:
            self.workbook.change_passphrase(self.me, current, new)
        except StoreError as err:
            return str(err)
        self._changed()
        return ""

    def skipped_note(self) -> str:
        """One calm sentence when entries the partner here may read are left out because
        they are damaged ('' when every one reads)."""
        if not (self.wb and self.partner):
            return ""
        from repairbook.store.workbook import skipped_sentence

        self.wb.list(None, viewer=self.partner)
        return skipped_sentence(self.wb.skipped) if self.wb.skipped else ""

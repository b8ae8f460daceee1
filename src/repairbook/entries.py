"""Entry types: one pydantic model per kind of entry the workbook stores.

Every entry carries the same envelope (id, kind, author, created/updated time,
visibility, schema version) and its own fields. Ranges are enforced by the models
and :func:`friendly_errors` turns pydantic's errors into sentences a person
understands ("Trust is rated from 0 to 10; you entered 12.").

Rules that depend on "now" (a due time or a review date in the future) only apply
to a *new* entry: pass ``context={"new": True, "now": ...}`` (see :func:`make_entry`).
Reading an old entry back never fails because time has passed.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from repairbook.content import messages

#: 2: a check-in item nobody answered is null (version 1 stored every item; it reads as is)
SCHEMA_VERSION = 2

Visibility = Literal["shared", "private"]


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_id() -> str:
    return uuid.uuid4().hex


class EntryError(ValueError):
    """Bad input for an entry; ``problems`` maps field name -> one friendly sentence."""

    def __init__(self, problems: dict[str, str]):
        self.problems = problems
        super().__init__(" ".join(problems.values()))


Rating = Annotated[int, Field(ge=0, le=10)]
MAX_MINUTES = 60 * 24 * 30
Minutes = Annotated[int, Field(ge=0, le=MAX_MINUTES)]
ShortText = Annotated[str, Field(max_length=2_000)]
LongText = Annotated[str, Field(max_length=2_000_000)]


class Entry(BaseModel):
    """The envelope every entry shares."""

    model_config = ConfigDict(extra="forbid", validate_assignment=False, frozen=False)

    kind: ClassVar[str] = "entry"
    #: kinds whose content is private by nature and can never be stored shared
    private_only: ClassVar[bool] = False
    #: the journey module (0-15) this kind belongs to, or None for rhythms
    module: ClassVar[int | None] = None
    #: the field that gives an entry its one-line title in lists
    summary_field: ClassVar[str | None] = None
    #: which changes the partner who did not write a shared entry may make to it:
    #: ``True`` for any change, a set of field names for just those, ``False`` for none
    both_may_edit: ClassVar[bool | frozenset[str]] = False

    id: str = Field(default_factory=new_id, title="Id", description="Random entry id.")
    author: str = Field(
        title="Author", min_length=1, max_length=80, description="The partner who wrote it."
    )
    created: datetime = Field(default_factory=utcnow, title="Created", description="UTC time.")
    updated: datetime = Field(default_factory=utcnow, title="Updated", description="UTC time.")
    visibility: Visibility = Field(
        default="shared",
        title="Visibility",
        description="shared: both partners see it; private: only its author.",
    )
    schema_version: int = Field(default=SCHEMA_VERSION, title="Schema version")

    @model_validator(mode="after")
    def _private_kinds_stay_private(self) -> Entry:
        if self.private_only and self.visibility != "private":
            raise ValueError(messages.PRIVATE_ONLY.format(kind=messages.kind_label(self.kind)))
        return self

    @field_validator("created", "updated")
    @classmethod
    def _aware(cls, v: datetime) -> datetime:
        return v if v.tzinfo else v.replace(tzinfo=UTC)

    @field_validator("*", mode="after")
    @classmethod
    def _whole_characters(cls, v: Any, info: ValidationInfo) -> Any:
        # pydantic refuses a lone surrogate in a plain str field but lets one through in
        # `str | None`; UTF-8 cannot hold it, so the store could not write the entry
        if _has_surrogate(v):
            field = cls.model_fields.get(info.field_name or "")
            label = field.title if field and field.title else str(info.field_name)
            raise ValueError(messages.BAD_UNICODE.format(label=label))
        return v

    # -- helpers ---------------------------------------------------------------
    def may_edit(self, by: str, changes: dict[str, Any] | None = None) -> bool:
        """Whether partner ``by`` may save ``changes`` to this entry (``None``: some change)."""
        if by == self.author:
            return True
        if self.visibility == "private" or not self.both_may_edit:
            return False
        if self.both_may_edit is True or changes is None:
            return True
        return set(changes) <= self.both_may_edit

    def content(self) -> dict[str, Any]:
        """The kind's own fields (everything but the envelope), JSON-ready."""
        data = self.model_dump(mode="json")
        for key in ENVELOPE_FIELDS:
            data.pop(key, None)
        return data

    def summary(self) -> str:
        if self.summary_field:
            value = getattr(self, self.summary_field, "")
            if isinstance(value, list):
                value = ", ".join(str(v) for v in value)
            return str(value)
        return messages.kind_label(self.kind)


def _has_surrogate(v: Any) -> bool:
    """True when ``v`` (a str, or a list or dict of them) holds a lone surrogate."""
    if isinstance(v, str):
        if v.isascii():
            return False
        try:
            v.encode("utf-8")
        except UnicodeEncodeError:
            return True
        return False
    if isinstance(v, (list, tuple)):
        return any(_has_surrogate(x) for x in v)
    if isinstance(v, dict):
        return any(_has_surrogate(k) or _has_surrogate(x) for k, x in v.items())
    return False


ENVELOPE_FIELDS = ("id", "kind", "author", "created", "updated", "visibility", "schema_version")


def _is_new(info: ValidationInfo) -> bool:
    return bool(info.context and info.context.get("new"))


def _now(info: ValidationInfo) -> datetime:
    if info.context and info.context.get("now"):
        now = info.context["now"]
        return now if now.tzinfo else now.replace(tzinfo=UTC)
    return utcnow()


def _aware(v: datetime | None) -> datetime | None:
    if v is None:
        return None
    return v if v.tzinfo else v.replace(tzinfo=UTC)


# --- module 0: welcome & safety ------------------------------------------------


class Intention(Entry):
    kind: ClassVar[str] = "intention"
    module: ClassVar[int | None] = 0
    summary_field: ClassVar[str | None] = "hope"

    hope: LongText = Field(
        title="What you hope for", min_length=1, description="What this partner hopes for."
    )


class SafetyScreen(Entry):
    """A private safety screen. Any yes leads to safety guidance for that partner."""

    kind: ClassVar[str] = "safety_screen"
    private_only: ClassVar[bool] = True
    module: ClassVar[int | None] = 0

    visibility: Visibility = "private"
    afraid: bool = Field(title="Afraid of your partner", description="Feels afraid of the partner.")
    threatened: bool = Field(title="Threatened", description="Has been threatened.")
    controlled: bool = Field(
        title="Controlled", description="Money, phone or movements are controlled."
    )
    hurt: bool = Field(title="Hurt", description="Has been physically hurt or forced.")
    betrayal_or_addiction: bool = Field(
        default=False,
        title="Betrayal or addiction",
        description="The injury involves betrayal or addiction.",
    )
    role: Literal["hurt", "broke_trust", "both", "prefer_not"] | None = Field(
        default=None,
        title="Your part in what happened",
        description="Optional: hurt, broke_trust, both or prefer_not (chooses daily prompts).",
    )

    @property
    def any_yes(self) -> bool:
        return self.afraid or self.threatened or self.controlled or self.hurt


# --- module 1: what safety means to me -----------------------------------------


class SafetyNeed(Entry):
    kind: ClassVar[str] = "safety_need"
    module: ClassVar[int | None] = 1
    summary_field: ClassVar[str | None] = "helps"

    helps: list[Annotated[str, Field(min_length=1, max_length=500)]] = Field(
        title="What helps me feel secure", min_length=1, max_length=30
    )
    harder: list[Annotated[str, Field(min_length=1, max_length=500)]] = Field(
        default_factory=list, title="What makes trust harder", max_length=30
    )
    note: LongText = Field(default="", title="In my words")


# --- module 2: the honest conversation ------------------------------------------


class ConversationPlan(Entry):
    kind: ClassVar[str] = "conversation_plan"
    module: ClassVar[int | None] = 2
    summary_field: ClassVar[str | None] = "topic"
    #: either partner records that the conversation took place (its status)
    both_may_edit: ClassVar[bool | frozenset[str]] = frozenset({"status"})

    topic: ShortText = Field(title="What you want to talk about", min_length=1)
    when: datetime = Field(title="A calm time", description="When the conversation happens.")
    goal: Literal["understanding", "problem_solving"] = Field(
        default="understanding", title="The goal", description="Understanding comes first."
    )
    both_present: bool = Field(default=True, title="Both of you present")
    no_distractions: bool = Field(default=True, title="No phones or distractions")
    status: Literal["planned", "held", "tabled"] = Field(default="planned", title="Status")
    return_at: datetime | None = Field(
        default=None, title="When you return to it", description="Set when tabled."
    )

    _aware_when = field_validator("when", "return_at")(classmethod(lambda cls, v: _aware(v)))

    @model_validator(mode="after")
    def _tabled_needs_return(self) -> ConversationPlan:
        if self.status == "tabled" and self.return_at is None:
            raise ValueError(messages.TABLED_NEEDS_RETURN)
        if self.return_at is not None and self.return_at < self.when:
            raise ValueError(messages.RETURN_BEFORE_PLAN)
        return self


class IStatement(Entry):
    kind: ClassVar[str] = "i_statement"
    module: ClassVar[int | None] = 2
    summary_field: ClassVar[str | None] = "text"

    text: LongText = Field(title="Your I-statement", min_length=1)
    plan_id: str | None = Field(default=None, title="Conversation")


class ConversationOutcome(Entry):
    kind: ClassVar[str] = "conversation_outcome"
    module: ClassVar[int | None] = 2
    summary_field: ClassVar[str | None] = "note"

    plan_id: str = Field(title="Conversation", min_length=1)
    understood: bool = Field(title="I feel I understood my partner")
    felt_heard: bool = Field(title="I felt heard")
    note: LongText = Field(default="", title="What you take from it")


# --- module 3: ownership & apology ------------------------------------------------


class NeedToKnow(Entry):
    kind: ClassVar[str] = "need_to_know"
    module: ClassVar[int | None] = 3
    summary_field: ClassVar[str | None] = "questions"

    questions: LongText = Field(title="What I need to know to feel informed and safe", min_length=1)


class Apology(Entry):
    kind: ClassVar[str] = "apology"
    module: ClassVar[int | None] = 3
    summary_field: ClassVar[str | None] = "act"

    act: LongText = Field(title="What I did", min_length=1)
    impact: LongText = Field(title="How it affected you", min_length=1)
    responsibility: LongText = Field(title="What I take responsibility for", min_length=1)
    plan: LongText = Field(title="What I will do to make amends and change", min_length=1)
    why: LongText = Field(default="", title="Why it happened (not an excuse)")
    prevention: LongText = Field(default="", title="What will prevent it")

    @property
    def text(self) -> str:
        return "\n".join(p for p in (self.act, self.impact, self.responsibility, self.plan) if p)


class ApologyResponse(Entry):
    kind: ClassVar[str] = "apology_response"
    module: ClassVar[int | None] = 3
    summary_field: ClassVar[str | None] = "missing"

    apology_id: str = Field(title="Apology", min_length=1)
    felt_heard: bool = Field(title="I felt heard")
    accepted: bool = Field(default=False, title="I can take this apology in")
    missing: LongText = Field(default="", title="What is still missing")


# --- module 4: from blame to understanding -------------------------------------------


class Reflection(Entry):
    kind: ClassVar[str] = "reflection"
    module: ClassVar[int | None] = 4
    summary_field: ClassVar[str | None] = "feeling"

    feeling: LongText = Field(title="What I was feeling at the time", min_length=1)
    needing: LongText = Field(title="What I was needing", min_length=1)
    own_part: LongText = Field(default="", title="My own part in the dynamic")


# --- module 5: transparency without surveillance -----------------------------------

TransparencyCategory = Literal[
    "shared_plans", "running_late", "password_sharing", "location", "phone_open", "other"
]


class TransparencyOffer(Entry):
    kind: ClassVar[str] = "transparency_offer"
    module: ClassVar[int | None] = 5
    summary_field: ClassVar[str | None] = "item"

    item: ShortText = Field(title="What I offer", min_length=1)
    category: TransparencyCategory = Field(default="other", title="Kind of openness")
    offered_freely: bool = Field(title="I offer this freely")
    review_on: date = Field(title="End or review date")
    status: Literal["active", "ended"] = Field(default="active", title="Status")

    @field_validator("offered_freely")
    @classmethod
    def _freely(cls, v: bool) -> bool:
        if not v:
            raise ValueError(messages.OFFER_NOT_FREE)
        return v

    @field_validator("review_on")
    @classmethod
    def _future_review(cls, v: date, info: ValidationInfo) -> date:
        if _is_new(info):
            today = _now(info).date()
            if v <= today:
                raise ValueError(messages.REVIEW_IN_FUTURE)
            if v > today + timedelta(days=366):
                raise ValueError(messages.REVIEW_WITHIN_YEAR)
        return v


# --- module 6: promises ------------------------------------------------------------------

PromiseStatus = Literal["open", "kept", "kept_late", "broken", "renegotiated"]


class Promise(Entry):
    kind: ClassVar[str] = "promise"
    module: ClassVar[int | None] = 6
    summary_field: ClassVar[str | None] = "text"

    text: ShortText = Field(title="The promise", min_length=1)
    due: datetime = Field(title="Due", description="When it is due (UTC).")
    status: PromiseStatus = Field(default="open", title="Status")
    minutes_late: Minutes | None = Field(
        default=None, title="Minutes late", description="Only for kept late."
    )
    resolved_at: datetime | None = Field(default=None, title="Marked at")
    renegotiated: int = Field(
        default=0, ge=0, le=1000, title="Times renegotiated", description="New terms agreed."
    )

    _aware_due = field_validator("due", "resolved_at")(classmethod(lambda cls, v: _aware(v)))

    @model_validator(mode="after")
    def _due_not_past(self, info: ValidationInfo) -> Promise:
        # a model validator: `status` is declared after `due`, so a field validator on
        # `due` would never see it and would refuse a kept promise recorded afterwards
        if _is_new(info) and self.status == "open" and self.due < _now(info) - timedelta(minutes=5):
            raise ValueError(messages.DUE_IN_FUTURE)
        return self

    @model_validator(mode="after")
    def _late_minutes(self) -> Promise:
        if self.status == "kept_late":
            if self.minutes_late is None:
                if self.resolved_at is None:
                    raise ValueError(messages.KEPT_LATE_NEEDS_MINUTES)
                delta = (self.resolved_at - self.due).total_seconds() / 60
                # kept within the field's own range, or the entry could not be read back
                self.minutes_late = min(max(1, round(delta)), MAX_MINUTES)
        elif self.minutes_late not in (None, 0):
            raise ValueError(messages.MINUTES_LATE_ONLY_FOR_LATE)
        return self

    @property
    def is_overdue(self) -> bool:
        return self.status == "open" and self.due < utcnow()


# --- module 7: triggers ------------------------------------------------------------------


class Trigger(Entry):
    kind: ClassVar[str] = "trigger"
    module: ClassVar[int | None] = 7
    summary_field: ClassVar[str | None] = "what_happened"

    what_happened: LongText = Field(title="What happened (the facts)", min_length=1)
    intensity: Rating = Field(title="Intensity")
    recovery_minutes: Minutes | None = Field(default=None, title="Minutes to feel steady again")
    grounding_done: bool = Field(default=False, title="We did the grounding routine")
    reassurance: LongText = Field(default="", title="The reassurance that helped")
    repair: LongText = Field(default="", title="A tiny repair")


class CodeWord(Entry):
    kind: ClassVar[str] = "code_word"
    module: ClassVar[int | None] = 7
    summary_field: ClassVar[str | None] = "word"

    word: Annotated[str, Field(min_length=1, max_length=60)] = Field(title="Our code word")
    reassurance: ShortText = Field(default="", title="What the code word asks for")


class CodeWordUse(Entry):
    kind: ClassVar[str] = "code_word_use"
    module: ClassVar[int | None] = 7

    used_at: datetime = Field(default_factory=utcnow, title="Used at")


# --- module 8: boundaries & agreements -----------------------------------------------

AgreementArea = Literal["communication", "privacy", "social_media", "substances", "spending"]


class Agreement(Entry):
    kind: ClassVar[str] = "agreement"
    module: ClassVar[int | None] = 8
    summary_field: ClassVar[str | None] = "text"
    #: both partners shape an agreement: the other accepts, declines with a reason or
    #: proposes new wording (each a new version); only its author withdraws it
    both_may_edit: ClassVar[bool | frozenset[str]] = frozenset(
        {"accepted_by", "text", "status", "reason", "changed_by"}
    )

    area: AgreementArea = Field(title="Area")
    text: ShortText = Field(title="The agreement", min_length=1)
    accepted_by: list[Annotated[str, Field(min_length=1, max_length=80)]] = Field(
        default_factory=list, title="Accepted by", max_length=2
    )
    status: Literal["open", "declined", "withdrawn"] = Field(
        default="open", title="Where it stands"
    )
    reason: ShortText = Field(default="", title="Why it was declined")
    changed_by: Annotated[str, Field(max_length=80)] = Field(
        default="", title="Wording proposed by", description="Empty: the author's wording."
    )

    @property
    def active(self) -> bool:
        return self.status == "open" and len(set(self.accepted_by)) >= 2


# --- module 9: repair contract -------------------------------------------------------


class Contract(Entry):
    kind: ClassVar[str] = "contract"
    module: ClassVar[int | None] = 9
    #: the contract belongs to both: either partner may save a new version
    both_may_edit: ClassVar[bool | frozenset[str]] = True
    summary_field: ClassVar[str | None] = "support"

    commitments: dict[
        Annotated[str, Field(min_length=1, max_length=80)],
        list[Annotated[str, Field(min_length=1, max_length=1000)]],
    ] = Field(title="Commitments", description="Three commitments from each partner.")
    support: LongText = Field(title="What support looks like", min_length=1)
    breaks: LongText = Field(title="What breaks it", min_length=1)
    revisit_on: date = Field(title="Revisit on")

    @field_validator("commitments")
    @classmethod
    def _three_each(cls, v: dict[str, list[str]]) -> dict[str, list[str]]:
        if len(v) != 2:
            raise ValueError(messages.CONTRACT_TWO_PARTNERS)
        for name, items in v.items():
            if len(items) != 3:
                raise ValueError(messages.CONTRACT_THREE_EACH.format(name=name, n=len(items)))
        return v

    @field_validator("revisit_on")
    @classmethod
    def _revisit_future(cls, v: date, info: ValidationInfo) -> date:
        if _is_new(info) and v <= _now(info).date():
            raise ValueError(messages.REVISIT_IN_FUTURE)
        return v


class Signature(Entry):
    kind: ClassVar[str] = "signature"
    module: ClassVar[int | None] = 9

    contract_id: str = Field(title="Contract", min_length=1)
    contract_version: int = Field(title="Contract version", ge=1)
    signed_at: datetime = Field(default_factory=utcnow, title="Signed at")


# --- module 10: connection rituals ---------------------------------------------------

RitualType = Literal["repair_checkin", "fun_date", "care_act", "public_support"]


class Ritual(Entry):
    kind: ClassVar[str] = "ritual"
    module: ClassVar[int | None] = 10
    summary_field: ClassVar[str | None] = "note"

    ritual: RitualType = Field(title="Ritual")
    day: date = Field(title="Day")
    minutes: Minutes | None = Field(default=None, title="Minutes")
    facts: LongText = Field(default="", title="Facts")
    feelings: LongText = Field(default="", title="Feelings")
    progress: LongText = Field(default="", title="Progress")
    note: LongText = Field(default="", title="Note")


# --- module 11: processing the past --------------------------------------------------


class ProcessingWindow(Entry):
    kind: ClassVar[str] = "processing_window"
    module: ClassVar[int | None] = 11

    starts_at: datetime = Field(title="Starts at")
    minutes: int = Field(default=45, title="Length in minutes", ge=10, le=120)
    weekly: bool = Field(default=True, title="Every week")

    _aware_start = field_validator("starts_at")(classmethod(lambda cls, v: _aware(v)))


class Journal(Entry):
    kind: ClassVar[str] = "journal"
    private_only: ClassVar[bool] = True
    module: ClassVar[int | None] = 11
    summary_field: ClassVar[str | None] = "text"

    visibility: Visibility = "private"
    text: LongText = Field(title="Journal", min_length=1)
    day: date | None = Field(default=None, title="Day", description="Set for a check-in note.")


# --- module 12: listening practice -------------------------------------------------


class ListeningRound(Entry):
    kind: ClassVar[str] = "listening_round"
    module: ClassVar[int | None] = 12
    summary_field: ClassVar[str | None] = "speaker_text"

    speaker: str = Field(title="Speaker", min_length=1, max_length=80)
    listener: str = Field(title="Listener", min_length=1, max_length=80)
    speaker_text: LongText = Field(title="What the speaker said", min_length=1)
    paraphrase: LongText = Field(title="What the listener heard", min_length=1)
    heard: int = Field(title="Feeling heard", ge=1, le=5)
    missed: LongText = Field(default="", title="What was missed")


# --- module 13: lessons & habits ---------------------------------------------------


class Lesson(Entry):
    kind: ClassVar[str] = "lesson"
    module: ClassVar[int | None] = 13
    summary_field: ClassVar[str | None] = "lesson"

    what_went_wrong: LongText = Field(title="What went wrong", min_length=1)
    lesson: LongText = Field(title="The lesson", min_length=1)
    habit: LongText = Field(title="The habit that prevents it", min_length=1)


# --- module 14: forgiveness ---------------------------------------------------------


class ForgivenessReflection(Entry):
    kind: ClassVar[str] = "forgiveness_reflection"
    private_only: ClassVar[bool] = True
    module: ClassVar[int | None] = 14
    summary_field: ClassVar[str | None] = "text"

    visibility: Visibility = "private"
    readiness: Rating = Field(title="Readiness to forgive")
    text: LongText = Field(default="", title="Where I am with forgiveness")


# --- module 15: outside help --------------------------------------------------------


class Resource(Entry):
    kind: ClassVar[str] = "resource"
    module: ClassVar[int | None] = 15
    summary_field: ClassVar[str | None] = "name"

    name: ShortText = Field(title="Name", min_length=1)
    phone: Annotated[str, Field(max_length=60)] = Field(default="", title="Phone")
    web: Annotated[str, Field(max_length=500)] = Field(default="", title="Web")
    role: Literal["couples_therapist", "individual_support", "safety", "emergency", "other"] = (
        Field(default="other", title="Kind of help")
    )
    note: ShortText = Field(default="", title="Note")


# --- rhythms ---------------------------------------------------------------------------


class Checkin(Entry):
    kind: ClassVar[str] = "checkin"
    summary_field: ClassVar[str | None] = "day"

    day: date = Field(title="Day")
    # every item may be left unanswered (null): an untouched rating is no rating
    trust: int | None = Field(default=None, ge=0, le=10, title="Trust")
    safety: int | None = Field(default=None, ge=0, le=10, title="Felt safety")
    connection: int | None = Field(default=None, ge=0, le=10, title="Connection")
    honest: bool | None = Field(default=None, title="Honest with each other today")
    affection: int | None = Field(default=None, title="Moments of affection", ge=0, le=100)
    same_argument: bool | None = Field(default=None, title="Argued again about the same thing")
    urge_to_check: int | None = Field(
        default=None, ge=0, le=10, title="Urge to check up on your partner"
    )
    note: LongText = Field(default="", title="Note")

    #: the items a person answers (the note is not one of them)
    ITEMS: ClassVar[tuple[str, ...]] = (
        "trust",
        "safety",
        "connection",
        "honest",
        "affection",
        "same_argument",
        "urge_to_check",
    )

    @model_validator(mode="after")
    def _something_answered(self) -> Checkin:
        if all(getattr(self, k) is None for k in self.ITEMS):
            raise ValueError(messages.CHECKIN_NOTHING_ANSWERED)
        return self

    @field_validator("day")
    @classmethod
    def _not_future(cls, v: date, info: ValidationInfo) -> date:
        if _is_new(info) and v > _now(info).date() + timedelta(days=1):
            raise ValueError(messages.CHECKIN_NOT_FUTURE)
        return v


class Win(Entry):
    kind: ClassVar[str] = "win"
    summary_field: ClassVar[str | None] = "text"

    text: ShortText = Field(title="A small win", min_length=1)
    day: date = Field(title="Day")


class Consent(Entry):
    kind: ClassVar[str] = "consent"
    summary_field: ClassVar[str | None] = "given"

    given: bool = Field(title="Consent given")
    numeric: bool = Field(default=True, title="Numeric data")
    scrubbed_text: bool = Field(default=False, title="Scrubbed free text")
    facilitator: bool = Field(default=False, title="Numeric progress shared with a facilitator")
    private_numeric: bool = Field(
        default=False,
        title="Numeric answers from private pages",
        description="Yes/no and 0-10 answers from this partner's private pages (never their words).",
    )
    text_version: str = Field(default="1", title="Consent text version", max_length=20)
    how: Literal["passphrase", "personal_link", "page"] | None = Field(
        default=None,
        title="How it was given",
        description=(
            "How the partner showed it was them: their passphrase, their personal link, or "
            "their unlocked page. Empty for consents recorded before this was kept."
        ),
    )
    on: date = Field(default_factory=lambda: utcnow().date(), title="Date")


#: a clock time of day, 00:00 to 23:59
ClockTime = r"^([01]\d|2[0-3]):[0-5]\d$"


class Settings(Entry):
    """Couple-level settings: rhythm times, session plan choices."""

    kind: ClassVar[str] = "settings"
    both_may_edit: ClassVar[bool | frozenset[str]] = True
    checkin_time: str = Field(
        default="20:00", title="Daily check-in time", pattern=ClockTime, max_length=5
    )
    repair_checkin_day: Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"] = Field(
        default="sun", title="Weekly repair check-in day"
    )
    repair_checkin_time: str = Field(
        default="19:00", title="Repair check-in time", pattern=ClockTime, max_length=5
    )
    fun_date_day: Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"] = Field(
        default="fri", title="Weekly fun date day"
    )
    fun_date_time: str = Field(
        default="19:30", title="Fun date time", pattern=ClockTime, max_length=5
    )
    timezone: str = Field(default="UTC", title="Time zone", max_length=64)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, v: str) -> str:
        import zoneinfo

        try:
            zoneinfo.ZoneInfo(v)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise ValueError(messages.UNKNOWN_ZONE.format(zone=_visible(v, 64))) from None
        return v


KINDS: dict[str, type[Entry]] = {
    cls.kind: cls
    for cls in (
        Intention,
        SafetyScreen,
        SafetyNeed,
        ConversationPlan,
        IStatement,
        ConversationOutcome,
        NeedToKnow,
        Apology,
        ApologyResponse,
        Reflection,
        TransparencyOffer,
        Promise,
        Trigger,
        CodeWord,
        CodeWordUse,
        Agreement,
        Contract,
        Signature,
        Ritual,
        ProcessingWindow,
        Journal,
        ListeningRound,
        Lesson,
        ForgivenessReflection,
        Resource,
        Checkin,
        Win,
        Consent,
        Settings,
    )
}


def model_for(kind: str) -> type[Entry]:
    try:
        return KINDS[kind]
    except KeyError:
        raise EntryError(
            {
                "kind": messages.UNKNOWN_KIND.format(
                    kind=_visible(str(kind), 40), kinds=", ".join(sorted(KINDS))
                )
            }
        ) from None


def friendly_errors(err: ValidationError, model: type[Entry]) -> dict[str, str]:
    """One plain sentence per field from a pydantic ValidationError."""
    out: dict[str, str] = {}
    for e in err.errors(include_url=False):
        loc = [str(p) for p in e["loc"]]
        field = loc[0] if loc else "_"
        info = model.model_fields.get(field)
        label = (info.title if info and info.title else field.replace("_", " ")).strip()
        ctx = e.get("ctx") or {}
        typ = e["type"]
        given = e.get("input")
        shown = _shown(given)
        lo = hi = None
        if info is not None:
            for m in info.metadata:
                lo = getattr(m, "ge", lo) if getattr(m, "ge", None) is not None else lo
                hi = getattr(m, "le", hi) if getattr(m, "le", None) is not None else hi
        if typ in ("greater_than_equal", "less_than_equal") and lo is not None and hi is not None:
            msg = messages.RANGE.format(label=label, lo=lo, hi=hi, given=shown)
        elif typ == "greater_than_equal":
            msg = messages.AT_LEAST.format(label=label, lo=ctx.get("ge"), given=shown)
        elif typ == "less_than_equal":
            msg = messages.AT_MOST.format(label=label, hi=ctx.get("le"), given=shown)
        elif typ == "missing":
            msg = messages.MISSING.format(label=label)
        elif typ == "extra_forbidden":
            msg = messages.EXTRA.format(
                field=_visible(field, 40), kind=messages.kind_label(model.kind)
            )
        elif typ == "string_too_short":
            msg = messages.EMPTY.format(label=label)
        elif typ == "string_too_long":
            msg = messages.TOO_LONG.format(label=label, n=ctx.get("max_length"))
        elif typ == "too_short":
            msg = messages.LIST_TOO_SHORT.format(label=label, n=ctx.get("min_length"))
        elif typ == "too_long":
            msg = messages.LIST_TOO_LONG.format(label=label, n=ctx.get("max_length"))
        elif typ.startswith("bool") and given is None:
            msg = messages.YES_NO_MISSING.format(label=label)
        elif typ.startswith("bool"):
            msg = messages.YES_NO.format(label=label, given=shown)
        elif typ.startswith("int") or typ.startswith("float"):
            msg = messages.WHOLE_NUMBER.format(label=label, given=shown)
        elif typ.startswith("date") or typ.startswith("datetime"):
            msg = messages.BAD_DATE.format(label=label, given=shown)
        elif typ == "literal_error":
            msg = messages.CHOICE.format(label=label, choices=ctx.get("expected"), given=shown)
        elif typ == "string_pattern_mismatch":
            msg = messages.PATTERN.format(label=label, given=shown)
        elif typ == "string_unicode":
            # lone surrogates (half of an emoji): they cannot be written as UTF-8
            msg = messages.BAD_UNICODE.format(label=label)
        elif typ == "value_error":
            msg = str(ctx.get("error") or e["msg"]).removeprefix("Value error, ")
        elif typ.startswith("string") or typ.endswith("_type"):
            msg = messages.WRONG_TYPE.format(label=label)
        else:
            msg = f"{label}: {e['msg']}."
        out.setdefault(field, msg)
    return out


def _shown(v: Any) -> str:
    s = repr(v) if not isinstance(v, (int, float, str)) or isinstance(v, bool) else str(v)
    return _visible(s, 40)


def _visible(s: str, limit: int) -> str:
    """``s`` as it may be echoed in a message: control characters, bidi overrides and other
    invisible or unencodable characters shown as escapes (so a message can never clear a
    terminal or reorder itself), cut to ``limit`` characters."""
    if not s.isprintable():
        s = "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in s)
    return s if len(s) <= limit else s[: limit - 3] + "..."


def make_entry(
    kind: str,
    data: dict[str, Any],
    *,
    author: str,
    visibility: Visibility | None = None,
    now: datetime | None = None,
) -> Entry:
    """Validate a *new* entry of ``kind``; raises :class:`EntryError` with friendly messages."""
    model = model_for(kind)
    if not isinstance(data, dict):
        raise EntryError({"_": messages.NOT_AN_OBJECT})
    payload = dict(data)
    for key in ("id", "created", "updated", "schema_version", "kind"):
        payload.pop(key, None)
    payload["author"] = author
    if visibility is not None:
        payload["visibility"] = visibility
    elif model.private_only:
        payload["visibility"] = "private"
    try:
        return model.model_validate(payload, context={"new": True, "now": now or utcnow()})
    except ValidationError as err:
        raise EntryError(friendly_errors(err, model)) from None


def revise_entry(entry: Entry, changes: dict[str, Any], *, now: datetime | None = None) -> Entry:
    """Return a new version of ``entry`` with ``changes`` applied, validated."""
    model = type(entry)
    payload = entry.model_dump()
    for key in ("id", "author", "created", "schema_version", "kind"):
        changes.pop(key, None)
    payload.update(changes)
    payload["updated"] = now or utcnow()
    try:
        return model.model_validate(payload, context={"new": False})
    except ValidationError as err:
        raise EntryError(friendly_errors(err, model)) from None


def load_entry(kind: str, data: dict[str, Any]) -> Entry:
    """Rebuild a stored entry (no time-relative checks)."""
    return model_for(kind).model_validate(data)


def kinds_schema() -> dict[str, dict[str, Any]]:
    """{kind: JSON Schema} for every kind; feeds `repairbook kinds` and the codebook."""
    out = {}
    for kind, model in KINDS.items():
        schema = model.model_json_schema()
        schema["x-module"] = model.module
        schema["x-private-only"] = model.private_only
        out[kind] = schema
    return out


#: Date fields that may lie ahead (a plan, a due time, a review); every other date field
#: of a kind is about something that already happened.
FUTURE_DATE_FIELDS = frozenset(
    {
        ("conversation_plan", "when"),
        ("conversation_plan", "return_at"),
        ("transparency_offer", "review_on"),
        ("promise", "due"),
        ("contract", "revisit_on"),
        ("ritual", "day"),
        ("processing_window", "starts_at"),
    }
)
#: How far ahead a plan may reach.
FUTURE_LIMIT = timedelta(days=5 * 366)


def check_dates(
    entry: Entry,
    *,
    earliest: date,
    today: date | None = None,
    fields: Any = None,
) -> None:
    """Refuse dates no one could mean, with one sentence: before ``earliest`` (the
    store passes a year before the workbook was started), after today for what has
    already happened, more than five years ahead for plans. ``fields`` limits the
    check to the fields an edit changed (None: every field)."""
    today = today or utcnow().date()
    problems: dict[str, str] = {}
    for name, info in type(entry).model_fields.items():
        if name in ("created", "updated") or (fields is not None and name not in fields):
            continue
        value = getattr(entry, name, None)
        if not isinstance(value, date):
            continue
        day = value.astimezone(UTC).date() if isinstance(value, datetime) else value
        label = info.title or name
        if day < earliest:
            problems[name] = messages.DATE_TOO_EARLY.format(
                label=label, given=day.isoformat(), earliest=earliest.isoformat()
            )
        elif (entry.kind, name) in FUTURE_DATE_FIELDS:
            if day > today + FUTURE_LIMIT:
                problems[name] = messages.DATE_TOO_LATE.format(
                    label=label, given=day.isoformat(), latest=(today + FUTURE_LIMIT).isoformat()
                )
        elif day > today + timedelta(days=1):
            problems[name] = messages.DATE_IN_FUTURE.format(label=label, given=day.isoformat())
    if problems:
        raise EntryError(problems)

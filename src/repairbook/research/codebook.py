"""The research codebook: which tables and columns an export holds, and what they mean.

The table layout below is the single source of truth for exports, synthetic cohorts
and dataset validation. Each column names where it comes from (``kind.field``) and how
it is derived; its type, range, categories and meaning come from the pydantic models'
JSON Schema (:func:`repairbook.entries.kinds_schema`), so the codebook follows the
models. A field that is not listed here never leaves the workbook: new fields are
private until someone adds them on purpose.

Writers: :func:`codebook_markdown`, :func:`datapackage`, :func:`redcap_dictionary`,
:func:`consent_texts_markdown` and :func:`write_codebook` (all four files into a folder).

REDCap: every variable has a short name (:func:`redcap_names`: lowercase, at most 26
characters, unique) with the long ``table.column`` meaning in its label and annotation;
``record_id`` comes first (one record per partner: ``<couple_id>_<partner_id>``); the
``partners`` form is the record's own, every other table is a repeating instrument.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pyarrow as pa

from repairbook.content import messages
from repairbook.content import research as R
from repairbook.content import shared as S
from repairbook.entries import KINDS, kinds_schema

#: bump when the export layout changes in a way older readers cannot follow
EXPORT_FORMAT = 2

PARTS_OF_DAY = ("night", "morning", "afternoon", "evening")
PARTNER_IDS = ("p1", "p2")

#: kinds that never become a table, and why
EXCLUDED_KINDS = {
    "resource": "local help services set by a facilitator: names, phone numbers, web links",
    "settings": "rhythm times and the time zone (a place)",
    "consent": "summarised in the partners table",
}

ARROW_TYPES: dict[str, pa.DataType] = {
    "string": pa.string(),
    "bool": pa.bool_(),
    "int16": pa.int16(),
    "int32": pa.int32(),
}
_FRICTIONLESS = {"string": "string", "bool": "boolean", "int16": "integer", "int32": "integer"}


@dataclass(frozen=True)
class Column:
    """One exported column."""

    name: str
    type: str  # a key of ARROW_TYPES
    meaning: str
    #: how the value is made: value, day, part, count, partner, ref, ref_to, text, couple_id,
    #: partner_id, entry_day, week, hours_until_due, any_yes, accepted_count,
    #: commitments_count, consent_* (partners table)
    how: str
    source: str = "derived"  # kind.field, or "derived"
    field: str | None = None
    module: int | None = None
    unit: str = ""
    minimum: int | None = None
    maximum: int | None = None
    enum: tuple[str, ...] | None = None
    nullable: bool = False
    text: bool = False
    #: the question as the person saw it, with its anchors ("0 = not at all, 10 = completely")
    wording: str = ""

    @property
    def arrow_type(self) -> pa.DataType:
        return ARROW_TYPES[self.type]


@dataclass(frozen=True)
class Table:
    name: str
    kind: str | None
    meaning: str
    module: int | None
    private: bool
    columns: tuple[Column, ...] = field(default_factory=tuple)

    @property
    def schema(self) -> pa.Schema:
        return pa.schema(
            [pa.field(c.name, c.arrow_type, nullable=c.nullable) for c in self.columns]
        )

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)


# -- building the layout from the JSON Schema -------------------------------------------

# one spec per table: (how, field[, extra]) in column order after the shared columns
_SPEC: dict[str, tuple[tuple[str, ...], ...]] = {
    "intention": (("text", "hope"),),
    "safety_screen": (
        ("value", "afraid"),
        ("value", "threatened"),
        ("value", "controlled"),
        ("value", "hurt"),
        ("value", "betrayal_or_addiction"),
        ("any_yes", ""),
    ),
    "safety_need": (
        ("count", "helps"),
        ("count", "harder"),
        ("text", "helps"),
        ("text", "harder"),
        ("text", "note"),
    ),
    "conversation_plan": (
        ("ref", ""),
        ("day", "when"),
        ("part", "when"),
        ("value", "goal"),
        ("value", "both_present"),
        ("value", "no_distractions"),
        ("value", "status"),
        ("day", "return_at"),
        ("text", "topic"),
    ),
    "i_statement": (("ref_to", "plan_id", "conversation_plan"), ("text", "text")),
    "conversation_outcome": (
        ("ref_to", "plan_id", "conversation_plan"),
        ("value", "understood"),
        ("value", "felt_heard"),
        ("text", "note"),
    ),
    "need_to_know": (("text", "questions"),),
    "apology": (
        ("ref", ""),
        ("text", "act"),
        ("text", "impact"),
        ("text", "responsibility"),
        ("text", "plan"),
        ("text", "why"),
        ("text", "prevention"),
    ),
    "apology_response": (
        ("ref_to", "apology_id", "apology"),
        ("value", "felt_heard"),
        ("value", "accepted"),
        ("text", "missing"),
    ),
    "reflection": (("text", "feeling"), ("text", "needing"), ("text", "own_part")),
    "transparency_offer": (
        ("value", "category"),
        ("value", "status"),
        ("day", "review_on"),
        ("text", "item"),
    ),
    "promise": (
        ("day", "due"),
        ("part", "due"),
        ("hours_until_due", ""),
        ("value", "status"),
        ("value", "minutes_late"),
        ("day", "resolved_at"),
        ("text", "text"),
    ),
    "trigger": (
        ("part", "created"),
        ("value", "intensity"),
        ("value", "recovery_minutes"),
        ("value", "grounding_done"),
        ("text", "what_happened"),
        ("text", "reassurance"),
        ("text", "repair"),
    ),
    "code_word": (("text", "reassurance"),),
    "code_word_use": (("day", "used_at"), ("part", "used_at")),
    "agreement": (("value", "area"), ("accepted_count", ""), ("text", "text")),
    "contract": (
        ("ref", ""),
        ("day", "revisit_on"),
        ("commitments_count", ""),
        ("text", "support"),
        ("text", "breaks"),
    ),
    "signature": (
        ("ref_to", "contract_id", "contract"),
        ("value", "contract_version"),
        ("day", "signed_at"),
    ),
    "ritual": (
        ("value", "ritual"),
        ("value", "minutes"),
        ("text", "facts"),
        ("text", "feelings"),
        ("text", "progress"),
        ("text", "note"),
    ),
    "processing_window": (
        ("day", "starts_at"),
        ("part", "starts_at"),
        ("value", "minutes"),
        ("value", "weekly"),
    ),
    "journal": (),
    "listening_round": (
        ("partner", "speaker"),
        ("partner", "listener"),
        ("value", "heard"),
        ("text", "speaker_text"),
        ("text", "paraphrase"),
        ("text", "missed"),
    ),
    "lesson": (("text", "what_went_wrong"), ("text", "lesson"), ("text", "habit")),
    "forgiveness_reflection": (("value", "readiness"),),
    "checkin": (
        ("value", "trust"),
        ("value", "safety"),
        ("value", "connection"),
        ("value", "honest"),
        ("value", "affection"),
        ("value", "same_argument"),
        ("value", "urge_to_check"),
        ("text", "note"),
    ),
    "win": (("text", "text"),),
}

#: kinds whose own ``day`` field is the row's day
OWN_DAY_KINDS = frozenset({"checkin", "ritual", "win", "journal"})

#: private kinds never export text, even scrubbed
_NO_TEXT_FROM_PRIVATE = True

_UNITS = {
    "minutes": "minutes",
    "minutes_late": "minutes",
    "recovery_minutes": "minutes",
    "affection": "count per day",
}


@cache
def _schemas() -> dict[str, dict[str, Any]]:
    return kinds_schema()


def _prop(kind: str, name: str) -> dict[str, Any]:
    prop = dict(_schemas()[kind]["properties"][name])
    nullable = False
    if "anyOf" in prop:
        options = [p for p in prop["anyOf"] if p.get("type") != "null"]
        nullable = len(options) < len(prop["anyOf"])
        merged = {k: v for k, v in prop.items() if k != "anyOf"}
        merged.update(options[0] if options else {})
        prop = merged
    prop["x-nullable"] = nullable
    return prop


def _wording(kind: str, name: str) -> str:
    """The question and its anchors as the app shows them (check-in items)."""
    if kind != "checkin" or name not in S.CHECKIN_FIELDS:
        return ""
    f = S.CHECKIN_FIELDS[name]
    parts = [f.help or f.label]
    if f.low and f.high:
        parts.append(f"({f.low}, {f.high})")
    return " ".join(p for p in parts if p)


def _title(kind: str, name: str) -> str:
    prop = _prop(kind, name)
    title = str(prop.get("title") or name.replace("_", " "))
    desc = prop.get("description")
    return f"{title}. {desc}" if desc else title


def _column(kind: str, module: int | None, spec: tuple[str, ...]) -> Column:
    how, name = spec[0], spec[1]
    src = f"{kind}.{name}" if name else "derived"
    if how == "value":
        prop = _prop(kind, name)
        if prop.get("type") == "boolean":
            typ = "bool"
        elif prop.get("type") == "integer":
            hi = prop.get("maximum")
            typ = "int16" if hi is not None and hi <= 32_000 else "int32"
        else:
            typ = "string"
        enum = tuple(prop["enum"]) if "enum" in prop else None
        return Column(
            name=name,
            type=typ,
            meaning=_title(kind, name),
            how=how,
            source=src,
            field=name,
            module=module,
            unit=_UNITS.get(name, "0-10 rating" if prop.get("maximum") == 10 else ""),
            minimum=prop.get("minimum"),
            maximum=prop.get("maximum"),
            enum=enum,
            nullable=bool(prop["x-nullable"]),
            wording=_wording(kind, name),
        )
    if how == "day":
        prop = _prop(kind, name)
        title = str(prop.get("title") or name)
        return Column(
            name=f"{name.removesuffix('_at').removesuffix('_on')}_day",
            type="int32",
            meaning=R.COLUMN_DAY_OF.format(title=title),
            how=how,
            source=src,
            field=name,
            module=module,
            unit="days since start",
            minimum=0,
            nullable=bool(prop["x-nullable"]),
        )
    if how == "part":
        if name == "created":
            title, nullable, colname = "When it was written", False, "part_of_day"
        else:
            prop = _prop(kind, name)
            title, nullable = str(prop.get("title") or name), bool(prop["x-nullable"])
            colname = f"{name.removesuffix('_at')}_part_of_day"
        return Column(
            name=colname,
            type="string",
            meaning=R.COLUMN_PART_OF.format(title=title),
            how=how,
            source=src,
            field=name,
            module=module,
            enum=PARTS_OF_DAY,
            nullable=nullable,
        )
    if how == "count":
        prop = _prop(kind, name)
        return Column(
            name=f"{name}_count",
            type="int16",
            meaning=R.COLUMN_COUNT_OF.format(title=prop.get("title") or name),
            how=how,
            source=src,
            field=name,
            module=module,
            unit="items",
            minimum=0,
            maximum=prop.get("maxItems"),
        )
    if how == "partner":
        prop = _prop(kind, name)
        return Column(
            name=f"{name}_id",
            type="string",
            meaning=R.COLUMN_PARTNER_OF.format(title=prop.get("title") or name),
            how=how,
            source=src,
            field=name,
            module=module,
            enum=PARTNER_IDS,
            nullable=True,
        )
    if how == "ref":
        return Column(name="ref", type="string", meaning=R.COLUMN_REF, how=how, module=module)
    if how == "ref_to":
        target = spec[2]
        prop = _prop(kind, name)
        return Column(
            name=f"{name.removesuffix('_id')}_ref",
            type="string",
            meaning=R.COLUMN_REF_TO.format(kind=target),
            how=how,
            source=src,
            field=name,
            module=module,
            nullable=True if kind == "i_statement" else bool(prop["x-nullable"]),
        )
    if how == "text":
        prop = _prop(kind, name)
        return Column(
            name=name if kind != "safety_need" else f"{name}_text",
            type="string",
            meaning=R.COLUMN_TEXT_OF.format(title=prop.get("title") or name),
            how=how,
            source=src,
            field=name,
            module=module,
            unit="scrubbed text",
            nullable=True,
            text=True,
        )
    derived = {
        "hours_until_due": ("int32", R.COLUMN_HOURS_UNTIL_DUE, "hours", None, None),
        "any_yes": ("bool", R.COLUMN_ANY_YES, "", None, None),
        "accepted_count": ("int16", R.COLUMN_ACCEPTED_COUNT, "partners", 0, 2),
        "commitments_count": ("int16", R.COLUMN_COMMITMENTS_COUNT, "items", 0, None),
    }
    typ, meaning, unit, lo, hi = derived[how]
    return Column(
        name=how,
        type=typ,
        meaning=meaning,
        how=how,
        module=module,
        unit=unit,
        minimum=lo,
        maximum=hi,
    )


def _shared_columns(module: int | None) -> tuple[Column, ...]:
    return (
        Column("couple_id", "string", R.COLUMN_COUPLE_ID, "couple_id", module=module),
        Column(
            "partner_id",
            "string",
            R.COLUMN_PARTNER_ID,
            "partner_id",
            module=module,
            enum=PARTNER_IDS,
        ),
        Column(
            "day",
            "int32",
            R.COLUMN_DAY,
            "entry_day",
            module=module,
            unit="days since start",
            minimum=0,
        ),
        Column(
            "week",
            "int32",
            R.COLUMN_WEEK,
            "week",
            module=module,
            unit="weeks since start",
            minimum=0,
        ),
    )


def _partners_table() -> Table:
    consent = "consent"
    cols = [
        Column("couple_id", "string", R.COLUMN_COUPLE_ID, "couple_id"),
        Column("partner_id", "string", R.COLUMN_PARTNER_ID, "partner_id", enum=PARTNER_IDS),
    ]
    for name, what in (
        ("numeric", R.WHAT_NUMBERS),
        ("scrubbed_text", R.WHAT_TEXT),
        ("private_numeric", R.WHAT_PRIVATE),
        ("facilitator", R.WHAT_FACILITATOR),
    ):
        cols.append(
            Column(
                f"consent_{name}",
                "bool",
                R.COLUMN_CONSENT.format(what=what),
                f"consent_{name}",
                source=f"{consent}.{name}",
                field=name,
            )
        )
    cols.append(
        Column(
            "consent_text_version",
            "string",
            R.COLUMN_CONSENT_VERSION,
            "consent_text_version",
            source="consent.text_version",
            field="text_version",
        )
    )
    cols.append(
        Column(
            "consent_day",
            "int32",
            R.COLUMN_CONSENT_DAY,
            "consent_day",
            source="consent.on",
            field="on",
            unit="days since start",
            minimum=0,
        )
    )
    cols.append(
        Column(
            "consent_how",
            "string",
            R.COLUMN_CONSENT_HOW,
            "consent_how",
            source="consent.how",
            field="how",
            enum=tuple(R.CONSENT_HOW),
            nullable=True,
        )
    )
    cols.append(
        Column(
            "role",
            "string",
            R.COLUMN_ROLE,
            "role",
            source="welcome.role",
            field="role",
            enum=tuple(R.ROLES),
            nullable=True,
        )
    )
    return Table("partners", None, R.TABLE_PARTNERS, None, False, tuple(cols))


@cache
def tables() -> dict[str, Table]:
    """{table name: Table} in a fixed order; ``partners`` first."""
    out = {"partners": _partners_table()}
    for kind, specs in _SPEC.items():
        model = KINDS[kind]
        module = model.module
        private = model.private_only
        cols = list(_shared_columns(module))
        for spec in specs:
            col = _column(kind, module, spec)
            if private and col.text and _NO_TEXT_FROM_PRIVATE:
                continue
            cols.append(col)
        meaning = R.TABLE_FROM_KIND.format(
            label=messages.kind_label(kind),
            kind=kind,
            private=R.TABLE_PRIVATE_NOTE if private else "",
        )
        out[kind] = Table(kind, kind, meaning, module, private, tuple(cols))
    return out


def table(name: str) -> Table:
    return tables()[name]


@cache
def codebook_version() -> str:
    """A short hash of the whole layout; exports record it in their manifest."""
    data = [
        [t.name, [[c.name, c.type, c.nullable, c.minimum, c.maximum, c.enum] for c in t.columns]]
        for t in tables().values()
    ]
    return hashlib.sha256(json.dumps(data).encode()).hexdigest()[:16]


# -- writers ------------------------------------------------------------------------------


def _range(c: Column) -> str:
    if c.enum:
        return ", ".join(c.enum)
    if c.minimum is None and c.maximum is None:
        return ""
    lo = "" if c.minimum is None else str(c.minimum)
    hi = "" if c.maximum is None else str(c.maximum)
    return f"{lo}..{hi}"


def _module(m: int | None) -> str:
    return "rhythms" if m is None else f"module {m}"


def codebook_markdown() -> str:
    names = redcap_names()
    lines = [f"# {R.CODEBOOK_TITLE}", "", R.CODEBOOK_INTRO, ""]
    lines += [
        f"Export format {EXPORT_FORMAT}, codebook version `{codebook_version()}`. "
        f"The consent texts behind every version are in `{CONSENT_TEXTS_FILE}`.",
        "",
        "| table | from | rows |",
        "| --- | --- | --- |",
    ]
    for t in tables().values():
        src = t.kind or "consent"
        lines.append(
            f"| [{t.name}](#{t.name.replace('_', '-')}) | {src} ({_module(t.module)}) | {t.meaning} |"
        )
    for t in tables().values():
        lines += ["", f"## {t.name}", "", t.meaning, ""]
        lines += [
            "| column | REDCap name | type | unit | range / categories | nullable | meaning "
            "| wording and anchors | source | module |",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        ]
        for c in t.columns:
            lines.append(
                f"| `{c.name}` | `{names.get((t.name, c.name), '')}` | {c.type} | {c.unit} "
                f"| {_range(c)} | {'yes' if c.nullable else 'no'} "
                f"| {c.meaning.replace('|', '/')} | {c.wording.replace('|', '/')} "
                f"| {c.source} | {_module(c.module)} |"
            )
    lines.append("")
    return "\n".join(lines)


#: how a Parquet null reaches frictionless through pandas: an empty cell or a float NaN
#: printed as "nan" (integer columns with nulls become floats in pandas)
MISSING_VALUES = ("", "nan")


def _field(c: Column) -> dict[str, Any]:
    f: dict[str, Any] = {
        "name": c.name,
        "type": _FRICTIONLESS[c.type],
        "description": c.meaning,
        "x-arrow-type": c.type,
        "x-source": c.source,
        "x-module": c.module,
    }
    if c.wording:
        f["x-wording"] = c.wording
    if c.unit:
        f["x-unit"] = c.unit
    constraints: dict[str, Any] = {}
    if not c.nullable:
        constraints["required"] = True
    if c.minimum is not None:
        constraints["minimum"] = c.minimum
    if c.maximum is not None:
        constraints["maximum"] = c.maximum
    if c.enum:
        constraints["enum"] = list(c.enum)
    if constraints:
        f["constraints"] = constraints
    return f


def table_schema(t: Table) -> dict[str, Any]:
    """The Table Schema of one table (frictionless ``schema``)."""
    return {"fields": [_field(c) for c in t.columns], "missingValues": list(MISSING_VALUES)}


def _resource(t: Table, name: str, path: str) -> dict[str, Any]:
    return {
        "name": name,
        "type": "table",
        "profile": "tabular-data-resource",
        "path": path,
        "scheme": "file",
        "format": "parquet",
        "mediatype": "application/vnd.apache.parquet",
        "description": t.meaning,
        "x-table": t.name,
        "x-module": t.module,
        "x-private-source": t.private,
        "schema": table_schema(t),
    }


def datapackage(files: dict[str, list[str]] | None = None) -> dict[str, Any]:
    """A Frictionless tabular data package descriptor.

    Without ``files`` (the codebook copy) there is one resource per table at
    ``tables/<table>.parquet``, the layout inside an export. With ``files``
    ({table: [paths relative to the descriptor]}) there is one resource per file, named
    ``<table>-<n>``: the descriptor a built dataset carries at its root."""
    resources = []
    for t in tables().values():
        if files is None:
            resources.append(_resource(t, t.name, f"tables/{t.name}.parquet"))
            continue
        for i, path in enumerate(files.get(t.name, [])):
            resources.append(_resource(t, f"{t.name}-{i}".replace("_", "-"), path))
    return {
        "profile": "tabular-data-package",
        "name": "repairbook-research",
        "title": R.CODEBOOK_TITLE,
        "description": R.CODEBOOK_INTRO,
        "version": codebook_version(),
        "x-export-format": EXPORT_FORMAT,
        "resources": resources,
    }


REDCAP_HEADER = (
    "Variable / Field Name",
    "Form Name",
    "Section Header",
    "Field Type",
    "Field Label",
    "Choices, Calculations, OR Slider Labels",
    "Field Note",
    "Text Validation Type OR Show Slider Number",
    "Text Validation Min",
    "Text Validation Max",
    "Identifier?",
    "Branching Logic (Show field only if...)",
    "Required Field?",
    "Custom Alignment",
    "Question Number (surveys only)",
    "Matrix Group Name",
    "Matrix Ranking?",
    "Field Annotation",
)
#: REDCap allows 100; Stata and SAS read 32; we keep a margin for suffixes REDCap adds
#: to checkbox fields on export (``___1``)
REDCAP_MAX_NAME = 26
RECORD_ID = "record_id"
#: columns every table holds that REDCap keeps in the record itself (record_id)
_IN_RECORD = ("couple_id", "partner_id")
#: short prefixes per table (the form name stays the table name)
_PREFIX = {
    "partners": "",
    "intention": "int",
    "safety_screen": "ss",
    "safety_need": "sn",
    "conversation_plan": "cp",
    "i_statement": "is",
    "conversation_outcome": "co",
    "need_to_know": "ntk",
    "apology": "ap",
    "apology_response": "ar",
    "reflection": "rf",
    "transparency_offer": "to",
    "promise": "pr",
    "trigger": "tr",
    "code_word": "cw",
    "code_word_use": "cwu",
    "agreement": "ag",
    "contract": "ct",
    "signature": "sg",
    "ritual": "rt",
    "processing_window": "pw",
    "journal": "jn",
    "listening_round": "lr",
    "lesson": "ls",
    "forgiveness_reflection": "fr",
    "checkin": "ci",
    "win": "wn",
}


def _short(prefix: str, column: str) -> str:
    name = f"{prefix}_{column}" if prefix else column
    words = column.split("_")
    cut = 6
    while len(name) > REDCAP_MAX_NAME and cut >= 2:
        short = "_".join(w[:cut] for w in words)
        name = f"{prefix}_{short}" if prefix else short
        cut -= 1
    return name[:REDCAP_MAX_NAME].rstrip("_")


@cache
def redcap_names() -> dict[tuple[str, str], str]:
    """{(table, column): REDCap variable name}: lowercase, at most 26 characters, unique,
    starting with a letter. Columns REDCap holds in the record id (couple and partner id
    of every table but ``partners``) have no variable of their own."""
    out: dict[tuple[str, str], str] = {}
    used = {RECORD_ID}
    for t in tables().values():
        prefix = _PREFIX.get(t.name) or ("" if t.name == "partners" else t.name[:3])
        for c in t.columns:
            if t.name != "partners" and c.name in _IN_RECORD:
                continue
            name = _short(prefix, c.name).lower()
            base, n = name, 2
            while name in used:
                name = f"{base[: REDCAP_MAX_NAME - len(str(n)) - 1]}_{n}"
                n += 1
            used.add(name)
            out[(t.name, c.name)] = name
    return out


def redcap_repeating() -> list[str]:
    """The forms (tables) that are repeating instruments: every table but ``partners``."""
    return [t for t in tables() if t != "partners"]


def redcap_dictionary() -> str:
    """A REDCap data dictionary (CSV text): ``record_id`` first, one form per table."""
    names = redcap_names()
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(REDCAP_HEADER)
    w.writerow(
        (RECORD_ID, "partners", R.TABLE_PARTNERS, "text", R.COLUMN_RECORD_ID)
        + ("",) * 7
        + ("y", "", "", "", "", "record id: couple_id + '_' + partner_id")
    )
    for t in tables().values():
        first = True
        for c in t.columns:
            var = names.get((t.name, c.name))
            if var is None:
                continue
            vmin = "" if c.minimum is None else c.minimum
            vmax = "" if c.maximum is None else c.maximum
            if c.type == "bool":
                ftype, choices, valid, vmin, vmax = "yesno", "", "", "", ""
            elif c.enum:
                ftype = "dropdown"
                choices = " | ".join(f"{i}, {v}" for i, v in enumerate(c.enum, start=1))
                valid = ""
            elif c.type.startswith("int"):
                ftype, choices, valid = "text", "", "integer"
            else:
                ftype, choices, valid = ("notes" if c.text else "text"), "", ""
            label = c.meaning if not c.wording else f"{c.wording} {c.meaning}"
            note = c.unit
            w.writerow(
                (
                    var,
                    t.name,
                    t.meaning if first and t.name != "partners" else "",
                    ftype,
                    label,
                    choices,
                    note,
                    valid,
                    vmin,
                    vmax,
                    "",
                    "",
                    "" if c.nullable else "y",
                    "",
                    "",
                    "",
                    "",
                    f"{t.name}.{c.name}; source={c.source}; {_module(c.module)}",
                )
            )
            first = False
    return buf.getvalue()


def redcap_code(c: Column, value: Any) -> str:
    """One cell as REDCap imports it: 1/0 for yes/no, the choice number for a category,
    the number or text otherwise, and an empty string for null."""
    if value is None:
        return ""
    if c.type == "bool":
        return "1" if value else "0"
    if c.enum:
        return str(c.enum.index(value) + 1)
    return str(value)


def consent_texts_markdown() -> str:
    """Every version of the consent text, word for word."""
    lines = [f"# {R.CONSENT_TITLE}: every version", ""]
    for version, paragraphs in R.CONSENT_TEXTS.items():
        current = " (current)" if version == R.CONSENT_TEXT_VERSION else ""
        lines += [f"## Version {version}{current}", ""]
        for para in paragraphs:
            lines += [para, ""]
    return "\n".join(lines)


CONSENT_TEXTS_FILE = "consent_texts.md"
CODEBOOK_FILES = ("codebook.md", "datapackage.json", "data_dictionary.csv", CONSENT_TEXTS_FILE)


@cache
def codebook_files() -> dict[str, bytes]:
    """{file name: bytes} of the four codebook files."""
    return {
        "codebook.md": codebook_markdown().encode("utf-8"),
        "datapackage.json": json.dumps(datapackage(), indent=2, ensure_ascii=False).encode("utf-8"),
        "data_dictionary.csv": redcap_dictionary().encode("utf-8"),
        CONSENT_TEXTS_FILE: consent_texts_markdown().encode("utf-8"),
    }


def write_codebook(folder: str | Path) -> list[Path]:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name, data in codebook_files().items():
        p = folder / name
        p.write_bytes(data)
        out.append(p)
    return out


def describe() -> list[dict[str, Any]]:
    """Every column as a plain dict (handy for tests and notebooks)."""
    return [{"table": t.name, **asdict(c)} for t in tables().values() for c in t.columns]


__all__ = [
    "CODEBOOK_FILES",
    "CONSENT_TEXTS_FILE",
    "RECORD_ID",
    "REDCAP_MAX_NAME",
    "consent_texts_markdown",
    "redcap_code",
    "redcap_names",
    "redcap_repeating",
    "table_schema",
    "EXCLUDED_KINDS",
    "EXPORT_FORMAT",
    "OWN_DAY_KINDS",
    "PARTS_OF_DAY",
    "Column",
    "Table",
    "codebook_files",
    "codebook_markdown",
    "codebook_version",
    "datapackage",
    "describe",
    "redcap_dictionary",
    "table",
    "tables",
    "write_codebook",
]

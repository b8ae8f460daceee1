"""The research codebook: which tables and columns an export holds, and what they mean.

The table layout below is the single source of truth for exports, synthetic cohorts
and dataset validation. Each column names where it comes from (``kind.field``) and how
it is derived; its type, range, categories and meaning come from the pydantic models'
JSON Schema (:func:`repairbook.entries.kinds_schema`), so the codebook follows the
models. A field that is not listed here never leaves the workbook: new fields are
private until someone adds them on purpose.

Writers: :func:`codebook_markdown`, :func:`datapackage`, :func:`redcap_dictionary` and
:func:`write_codebook` (all three files into a folder).
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
from repairbook.entries import KINDS, kinds_schema

#: bump when the export layout changes in a way older readers cannot follow
EXPORT_FORMAT = 1

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
        Column("day", "int32", R.COLUMN_DAY, "entry_day", module=module, unit="days since start"),
        Column("week", "int32", R.COLUMN_WEEK, "week", module=module, unit="weeks since start"),
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
    lines = [f"# {R.CODEBOOK_TITLE}", "", R.CODEBOOK_INTRO, ""]
    lines += [
        f"Export format {EXPORT_FORMAT}, codebook version `{codebook_version()}`.",
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
            "| column | type | unit | range / categories | nullable | meaning | source | module |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |",
        ]
        for c in t.columns:
            lines.append(
                f"| `{c.name}` | {c.type} | {c.unit} | {_range(c)} | {'yes' if c.nullable else 'no'} "
                f"| {c.meaning.replace('|', '/')} | {c.source} | {_module(c.module)} |"
            )
    lines.append("")
    return "\n".join(lines)


def datapackage() -> dict[str, Any]:
    """A Frictionless-style data package descriptor (one resource per table)."""
    resources = []
    for t in tables().values():
        fields = []
        for c in t.columns:
            f: dict[str, Any] = {
                "name": c.name,
                "type": _FRICTIONLESS[c.type],
                "description": c.meaning,
                "x-arrow-type": c.type,
                "x-source": c.source,
                "x-module": c.module,
            }
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
            fields.append(f)
        resources.append(
            {
                "name": t.name,
                "path": f"tables/{t.name}.parquet",
                "format": "parquet",
                "mediatype": "application/vnd.apache.parquet",
                "description": t.meaning,
                "x-module": t.module,
                "x-private-source": t.private,
                "schema": {"fields": fields},
            }
        )
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


def redcap_variable(table_name: str, column: str) -> str:
    return f"{table_name}_{column}".lower()


def redcap_dictionary() -> str:
    """A REDCap-style data dictionary (CSV text): one form per table."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(REDCAP_HEADER)
    for t in tables().values():
        first = True
        for c in t.columns:
            if c.type == "bool":
                ftype, choices, valid = "yesno", "", ""
            elif c.enum:
                ftype = "dropdown"
                choices = " | ".join(f"{v}, {v}" for v in c.enum)
                valid = ""
            elif c.type.startswith("int"):
                ftype, choices, valid = "text", "", "integer"
            else:
                ftype, choices, valid = ("notes" if c.text else "text"), "", ""
            w.writerow(
                (
                    redcap_variable(t.name, c.name),
                    t.name,
                    t.meaning if first else "",
                    ftype,
                    c.meaning,
                    choices,
                    c.unit,
                    valid,
                    "" if c.minimum is None else c.minimum,
                    "" if c.maximum is None else c.maximum,
                    "",
                    "",
                    "" if c.nullable else "y",
                    "",
                    "",
                    "",
                    "",
                    f"source={c.source}; {_module(c.module)}",
                )
            )
            first = False
    return buf.getvalue()


CODEBOOK_FILES = ("codebook.md", "datapackage.json", "data_dictionary.csv")


@cache
def codebook_files() -> dict[str, bytes]:
    """{file name: bytes} of the three codebook files."""
    return {
        "codebook.md": codebook_markdown().encode("utf-8"),
        "datapackage.json": json.dumps(datapackage(), indent=2, ensure_ascii=False).encode("utf-8"),
        "data_dictionary.csv": redcap_dictionary().encode("utf-8"),
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

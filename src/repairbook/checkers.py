"""The wording coaches: gentle flags on I-statements, apologies, agreements and transparency offers.

Each coach takes what a partner wrote and returns a list of :class:`Flag`: what kind of
wording it noticed, where (``start``/``end`` are character offsets into the text exactly as
it was given), a short message and a suggestion, all in the app's own words.

The word lists and patterns are data, in :mod:`repairbook.content.coach`. Matching happens on
a normalized copy of the text (NFKC, lower case, straight quotes, plain dashes, no zero-width
characters) with an index map back to the original, so curly quotes, capitals, odd spacing and
compatibility characters do not fool the coaches and spans still point at what was typed.

Flags are advice, never errors: a coach never raises on any string.
"""

from __future__ import annotations

import bisect
import csv
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from repairbook.content import coach as C

__all__ = [
    "APOLOGY_PARTS",
    "COACHES",
    "FLAG_KINDS",
    "Example",
    "Flag",
    "Score",
    "check",
    "check_agreement",
    "check_apology",
    "check_i_statement",
    "check_transparency",
    "Labelled",
    "evaluate_corpus",
    "evaluate_labelled",
    "flags_to_dicts",
    "load_corpus",
    "load_labelled",
]

FLAG_KINDS: tuple[str, ...] = tuple(C.KIND_LABELS)
APOLOGY_PARTS: tuple[str, ...] = tuple(C.APOLOGY_PARTS)
_QUOTE_MAX = 60
_HIDDEN = ("Cf", "Cc", "Cs")


@dataclass(frozen=True, slots=True)
class Flag:
    """One thing a coach noticed.

    ``start``/``end`` index the original text (``text[start:end]`` is the flagged words); for a
    flag about something missing they cover the whole (trimmed) text, or are ``0, 0`` for an
    empty apology part. ``part`` names the apology part the span is in (``act``, ``impact``,
    ``responsibility``, ``plan``), else ``None``.

    A coach returns the flags on words first, in reading order, then the flags about the text
    as a whole; apology parts come in the order act, impact, responsibility, plan.
    """

    kind: str
    start: int
    end: int
    message: str
    suggestion: str
    part: str | None = None

    @property
    def label(self) -> str:
        """A short human name for the kind ("blaming absolute")."""
        return C.KIND_LABELS.get(self.kind, self.kind.replace("_", " "))

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# -- normalization with an index map ---------------------------------------------------------
_APOSTROPHES = "\u2019\u2018\u201b\u02bc\u00b4\u0060\u2032\uff07"
_QUOTES = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"

_ASCII_TABLE = {i: " " for i in range(32) if chr(i) not in "\t\n\r"}
_ASCII_TABLE[127] = " "
_ASCII_TABLE[ord("`")] = "'"
_ASCII_TABLE.update({ord(c): c.lower() for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"})
_ASCII_TRANS = str.maketrans(_ASCII_TABLE)
_ASCII_MAP = [chr(i).translate(_ASCII_TRANS) for i in range(128)]


@lru_cache(maxsize=1 << 17)
def _fold(ch: str) -> str:
    """What one character becomes in the normalized text (possibly several, or none)."""
    if ch in _APOSTROPHES:
        return "'"
    if ch in _QUOTES:
        return '"'
    if ch in _DASHES:
        return "-"
    cat = unicodedata.category(ch)
    if cat == "Cf":  # zero-width spaces, soft hyphens, joiners: invisible, dropped
        return ""
    if cat in ("Cc", "Cs", "Zs", "Zl", "Zp"):
        return "\n" if ch in "\n\r\u2028\u2029\x85" else " "
    out = unicodedata.normalize("NFKC", ch).lower()
    if out != ch:  # NFKC may give a curly quote or a dash of its own
        out = "".join(_fold(c) if c != ch else c for c in out)
    return out


def _normalize(text: str) -> tuple[str, list[int] | None]:
    """The normalized text and, when lengths changed, ``origin[i]`` = index in ``text``."""
    if text.isascii():
        return text.translate(_ASCII_TRANS), None
    pieces: list[str] = []
    origin: list[int] = []
    identity = True
    for i, ch in enumerate(text):
        out = _ASCII_MAP[ord(ch)] if ch < "\x80" else _fold(ch)
        pieces.append(out)
        if len(out) == 1:
            origin.append(i)
        else:
            identity = False
            origin.extend([i] * len(out))
    norm = "".join(pieces)
    return norm, (None if identity else origin)


class _Text:
    """A text with its normalized form and the map between them."""

    __slots__ = ("original", "norm", "origin")

    def __init__(self, text: str):
        self.original = text
        self.norm, self.origin = _normalize(text)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        if self.origin is None:
            s, e = start, end
        elif start >= end:
            s = self.origin[start] if start < len(self.origin) else len(self.original)
            e = s
        else:
            s = self.origin[start]
            e = self.origin[end - 1] + 1
        text = self.original
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        return s, e

    def whole(self) -> tuple[int, int]:
        text = self.original
        s = len(text) - len(text.lstrip())
        e = len(text.rstrip())
        return (s, e) if s < e else (0, 0)


# -- compiled rules ----------------------------------------------------------------------
def _expand(pattern: str) -> str:
    for name, value in C.MACROS.items():
        pattern = pattern.replace("{" + name + "}", value)
    return pattern.replace(" *", r"\s*").replace(" ?", r"\s*").replace(" ", r"\s+")


def _words(pattern: str) -> str:
    return r"(?<!\w)(?:" + _expand(pattern) + r")(?!\w)"


@dataclass(frozen=True)
class _Compiled:
    rule: C.Rule
    regex: re.Pattern[str]
    before: re.Pattern[str] | None
    after: re.Pattern[str] | None


@cache
def _compiled_group(name: str) -> tuple[_Compiled, ...]:
    """A group's rules, compiled. Neighbouring rules that say the same thing in the same way
    (kind, message, suggestion, exceptions) are joined into one pattern: one pass over the text
    instead of several, and at most one note where their words overlap."""
    joined: list[tuple[C.Rule, list[str]]] = []
    for rule in C.GROUPS[name]:
        key = (rule.kind, rule.message, rule.suggestion, rule.unless_before, rule.unless_after)
        last = joined[-1][0] if joined else None
        if (
            last is not None
            and not rule.soft
            and not last.soft
            and key
            == (
                last.kind,
                last.message,
                last.suggestion,
                last.unless_before,
                last.unless_after,
            )
        ):
            joined[-1][1].append(rule.pattern)
        else:
            joined.append((rule, [rule.pattern]))
    return tuple(
        _Compiled(
            rule,
            re.compile(_words("|".join(patterns))),
            re.compile(r"(?<!\w)(?:" + _expand(rule.unless_before) + r")\s*$")
            if rule.unless_before
            else None,
            re.compile(r"\s*(?:" + _expand(rule.unless_after) + ")") if rule.unless_after else None,
        )
        for rule, patterns in joined
    )


@cache
def _markers(name: str) -> re.Pattern[str]:
    patterns: Sequence[str] = getattr(C, name)
    return re.compile(_words("|".join(patterns)))


def _has(name: str, norm: str) -> bool:
    return _markers(name).search(norm) is not None


def _quote(text: str, start: int, end: int) -> str:
    words = " ".join(text[start:end].split())
    if not words.isascii():
        words = "".join(ch for ch in words if unicodedata.category(ch) not in _HIDDEN)
    if len(words) > _QUOTE_MAX:
        words = words[: _QUOTE_MAX - 1].rstrip() + "…"
    opens = start == 0 or text[max(0, start - 200) : start].rstrip()[-1:] in ("", ".", "!", "?")
    return words[:1].upper() + words[1:] if opens else words


_JOIN_GAP = re.compile(r"[\s,]*(?:(?:and|or|&)[\s,]*)?")


def _scan(t: _Text, groups: Iterable[str], part: str | None) -> list[Flag]:
    """All pattern hits of the given groups; an earlier group wins where two hits overlap."""
    norm = t.norm
    specific: bool | None = None
    kept_starts: list[int] = []
    kept: list[tuple[int, int, _Compiled]] = []
    for group in groups:
        for comp in _compiled_group(group):
            if comp.rule.soft:
                if specific is None:
                    specific = _has("SPECIFIC_MARKERS", norm)
                if specific:
                    continue
            for m in comp.regex.finditer(norm):
                s, e = m.span()
                if s == e:
                    continue
                if comp.before is not None and comp.before.search(norm, max(0, s - 60), s):
                    continue
                if comp.after is not None and comp.after.match(norm, e, e + 80):
                    continue
                i = bisect.bisect_left(kept_starts, s)
                if i > 0 and kept[i - 1][1] > s:
                    continue
                if i < len(kept) and kept[i][0] < e:
                    continue
                kept_starts.insert(i, s)
                kept.insert(i, (s, e, comp))
    # One note per phrase: hits of the same rule with only a space, a comma or an "and"
    # between them are one phrase ("be more honest", "more open and better").
    joined: list[tuple[int, int, _Compiled]] = []
    for s, e, comp in kept:
        if joined and joined[-1][2] is comp and _JOIN_GAP.fullmatch(norm, joined[-1][1], s):
            joined[-1] = (joined[-1][0], e, comp)
        else:
            joined.append((s, e, comp))
    flags = []
    for s, e, comp in joined:
        os_, oe = t.to_original(s, e)
        if os_ >= oe:
            continue
        quote = _quote(t.original, os_, oe)
        message = comp.rule.message
        if message.startswith("“{quote}"):
            message = message.replace("{quote}", quote[:1].upper() + quote[1:], 1)
        flags.append(
            Flag(
                comp.rule.kind,
                os_,
                oe,
                message.replace("{quote}", quote),
                comp.rule.suggestion.replace("{quote}", quote),
                part,
            )
        )
    return flags


def _as_text(text: object) -> str:
    if text is None:
        return ""
    return text if isinstance(text, str) else str(text)


def _whole_flag(t: _Text, kind: str, message: str, suggestion: str, part: str | None) -> Flag:
    s, e = t.whole()
    return Flag(kind, s, e, message, suggestion, part)


# -- the coaches ----------------------------------------------------------------------------
def check_i_statement(text: str) -> list[Flag]:
    """Flags for an I-statement ("When …, I feel …, and I need …").

    Notices blaming absolutes ("you always", "you never", "you make me"), "you" accusations and
    questions that accuse ("why do you always …?"), demands, sarcasm, a thought dressed as a
    feeling ("I feel that you …"), and a missing feeling or need.

    Kind words are never blame: thanks and appreciation ("you always make me laugh, and I love
    that about you") are not flagged as blaming, and need no "I need". Describing one's own way
    of reacting ("I go quiet when I'm hurt") counts as a feeling; a gentle question ("could we
    talk on Sunday?") is its own request; and only a hard feeling with nothing asked for gets
    "no need yet".
    """
    t = _Text(_as_text(text))
    norm = t.norm
    if not norm.strip():
        return []
    flags = _scan(t, C.COACH_GROUPS["i_statement"], None)
    if any(f.kind in _BLAME_KINDS for f in flags) and _has("APPRECIATION_MARKERS", norm):
        flags = [f for f in flags if not (f.kind in _BLAME_KINDS and _kind_sentence(t, f))]
    if flags or "?" in norm:
        # One note at a time: the words that blame come first. And a question that does not
        # accuse is its own request.
        return flags
    needs = _has("NEED_MARKERS", norm)
    if not (_has("FEELING_MARKERS", norm) or _has("SELF_DESCRIPTION_MARKERS", norm)):
        # Only a request or a complaint is missing the feeling behind it; kind words never are.
        if (needs or _has("COMPLAINT_MARKERS", norm)) and not _has("APPRECIATION_MARKERS", norm):
            flags.append(
                _whole_flag(t, "missing_feeling", C.MISSING_FEELING, C.MISSING_FEELING_TRY, None)
            )
    elif (
        not needs and _has("HARD_FEELING_MARKERS", norm) and not _has("APPRECIATION_MARKERS", norm)
    ):
        flags.append(_whole_flag(t, "missing_need", C.MISSING_NEED, C.MISSING_NEED_TRY, None))
    return flags


_BLAME_KINDS = frozenset(("blaming_absolute", "you_accusation", "thought_as_feeling"))
_SENTENCE_END = re.compile(r"[.!?;\n]")
_SENTENCE_MAX = 400  # look no further than this for the ends of one sentence


def _kind_sentence(t: _Text, flag: Flag) -> bool:
    """Whether the sentence a flag sits in also thanks or appreciates ("… and I love that")."""
    text = t.original
    lo = max(0, flag.start - _SENTENCE_MAX)
    start = max((m.end() for m in _SENTENCE_END.finditer(text, lo, flag.start)), default=lo)
    m = _SENTENCE_END.search(text, flag.end, flag.end + _SENTENCE_MAX)
    end = m.start() if m else min(len(text), flag.end + _SENTENCE_MAX)
    return _has("APPRECIATION_MARKERS", _normalize(text[start:end])[0])


def _check_apology_text(text: str, groups: Sequence[str], part: str | None) -> list[Flag]:
    t = _Text(text)
    if not t.norm.strip():
        if part is None:
            return []
        msg, tip = C.MISSING_PART[part]
        return [Flag("missing_part", 0, 0, msg, tip, part)]
    flags = _scan(t, groups, part)
    if flags or (part is not None and part not in C.OWNERSHIP_PARTS):
        return flags  # one note per problem: a flagged phrase already says what is missing
    if not _has("OWNERSHIP_MARKERS", t.norm):
        msg, tip = (
            (C.PASSIVE, C.PASSIVE_TRY)
            if _has("PASSIVE_MARKERS", t.norm)
            else (C.NO_OWNERSHIP, C.NO_OWNERSHIP_TRY)
        )
        flags.append(_whole_flag(t, "no_ownership", msg, tip, part))
    elif part in (None, "act") and not _has("ACT_MARKERS", t.norm):
        # Sorry (or a passive "it happened") with no act of the writer's named.
        if _has("PASSIVE_MARKERS", t.norm):
            flags.append(_whole_flag(t, "non_apology", C.PASSIVE, C.PASSIVE_TRY, part))
        elif _has("APOLOGY_WORDS", t.norm):
            msg = C.NO_ACT_OUTCOME if _has("CONSEQUENCE_MARKERS", t.norm) else C.NO_ACT
            flags.append(_whole_flag(t, "non_apology", msg, C.NO_ACT_TRY, part))
    return flags


def check_apology(
    text: str | None = None,
    *,
    act: str | None = None,
    impact: str | None = None,
    responsibility: str | None = None,
    plan: str | None = None,
) -> list[Flag]:
    """Flags for an apology, given as one text or as its four parts.

    With one ``text``: non-apologies ("sorry you felt", "sorry if", "mistakes were made",
    "I'm sorry but"), blame shifting ("but", "if you hadn't", "you made me", "because you"),
    minimising ("it was only", "not a big deal"), vagueness and sarcasm; flags have
    ``part=None``. With the parts (keywords), each part is checked with the rules that fit it,
    an empty or missing part gives a ``missing_part`` flag, and each flag's ``part`` says which
    field its span is in. Passing both ``text`` and parts is a ``TypeError``.
    """
    parts = {"act": act, "impact": impact, "responsibility": responsibility, "plan": plan}
    if text is not None:
        if any(v is not None for v in parts.values()):
            raise TypeError("check_apology takes either text or the four parts, not both")
        return _check_apology_text(_as_text(text), C.COACH_GROUPS["apology"], None)
    flags: list[Flag] = []
    for name, value in parts.items():
        flags.extend(_check_apology_text(_as_text(value), C.APOLOGY_PARTS[name], name))
    return flags


def check_agreement(text: str) -> list[Flag]:
    """Flags for an agreement: vague wording ("be more honest", "try harder"), no time, amount or
    situation named, demands, surveillance and sarcasm."""
    t = _Text(_as_text(text))
    if not t.norm.strip():
        return []
    flags = _scan(t, C.COACH_GROUPS["agreement"], None)
    if not flags and not _has("SPECIFIC_MARKERS", t.norm):
        flags.append(_whole_flag(t, "no_specifics", C.NO_SPECIFICS, C.NO_SPECIFICS_TRY, None))
    return flags


def check_transparency(
    text: str, *, review_on: date | None = None, offered_freely: bool | None = None
) -> list[Flag]:
    """Flags for a transparency item: demanded ("you must give me your password"),
    surveillance-like ("I will check your phone", "track your location"), open-ended
    ("forever", "always", or no end or review date), and sarcasm.

    The "no end or review date" flag is left out when the item is already flagged as a demand,
    as surveillance or as sarcasm: that is the first thing to change (one note at a time). A page that has its own
    end-or-review date field passes ``review_on`` (then the text need not
    name an end); ``offered_freely=False`` adds a ``not_offered`` flag.
    """
    t = _Text(_as_text(text))
    if not t.norm.strip():
        return []
    flags = _scan(t, C.COACH_GROUPS["transparency"], None)
    if (
        review_on is None
        and not any(f.kind in ("open_ended", "demand", "surveillance", "sarcasm") for f in flags)
        and not _has("TIME_LIMIT_MARKERS", t.norm)
    ):
        flags.append(_whole_flag(t, "open_ended", C.NO_END, C.NO_END_TRY, None))
    if offered_freely is False:
        flags.append(_whole_flag(t, "not_offered", C.NOT_OFFERED, C.NOT_OFFERED_TRY, None))
    return flags


COACHES: dict[str, Callable[[str], list[Flag]]] = {
    "i-statement": check_i_statement,
    "apology": check_apology,
    "agreement": check_agreement,
    "transparency": check_transparency,
}


def check(coach: str, text: str) -> list[Flag]:
    """Run the coach named ``coach`` ("i-statement", "apology", "agreement", "transparency")."""
    try:
        fn = COACHES[coach.replace("_", "-")]
    except KeyError:
        raise ValueError(f"There is no coach called {coach!r}.") from None
    return fn(text)


# -- rendering ---------------------------------------------------------------------------------
def flags_to_dicts(
    flags: Iterable[Flag], source: str | Mapping[str, str | None] | None = None
) -> list[dict[str, Any]]:
    """Flags as JSON-ready dicts: kind, label, start, end, part, message, suggestion.

    With ``source`` (the text, or a mapping of apology part -> text) each dict also carries
    ``excerpt``, the flagged words as written.
    """
    out = []
    for flag in flags:
        d = flag.to_dict()
        d["label"] = flag.label
        if source is not None:
            text = source if isinstance(source, str) else source.get(flag.part or "", "") or ""
            d["excerpt"] = text[flag.start : flag.end]
        out.append(d)
    return out


# -- evaluation on a labelled corpus -------------------------------------------------------------
@dataclass(frozen=True)
class Example:
    label: str  # "good" or "bad"
    kinds: tuple[str, ...]  # for a bad example, any of these kinds counts as caught
    text: str


def load_corpus(path: str | Path) -> list[Example]:
    """Read a corpus CSV with columns ``label`` (good/bad), ``kinds`` (a|b) and ``text``."""
    with open(path, encoding="utf-8", newline="") as fh:
        return [
            Example(
                row["label"].strip(),
                tuple(k for k in row["kinds"].split("|") if k),
                row["text"],
            )
            for row in csv.DictReader(fh)
        ]


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    true_pos: int
    false_pos: int
    false_neg: int
    misses: tuple[tuple[str, Example, tuple[str, ...]], ...]  # ("false_pos"/"false_neg", ex, got)


def evaluate_corpus(coach: str, examples: Sequence[Example]) -> Score:
    """Precision and recall of a coach on labelled examples.

    A bad example is a true positive when one of its expected kinds is flagged. A good example
    with any flag is a false positive; a bad one flagged only with other kinds counts as both a
    false positive and a false negative.
    """
    tp = fp = fn = 0
    misses = []
    for ex in examples:
        got = tuple(sorted({f.kind for f in check(coach, ex.text)}))
        if ex.label == "good":
            if got:
                fp += 1
                misses.append(("false_pos", ex, got))
        elif set(got) & set(ex.kinds):
            tp += 1
        else:
            fn += 1
            if got:
                fp += 1
            misses.append(("false_neg", ex, got))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return Score(precision, recall, tp, fp, fn, tuple(misses))


# -- evaluation on the corpus by kind ---------------------------------------------------------------
#: The coach columns of a corpus-by-kind file, and the coach each one names.
LABEL_COLUMNS: dict[str, str] = {
    "i_statement": "i-statement",
    "apology": "apology",
    "transparency": "transparency",
    "agreement": "agreement",
}


@dataclass(frozen=True)
class Labelled:
    """One sentence of the corpus by kind, with what each coach should do with it."""

    kind: str  # the kind of sentence: the file's name ("appreciation", "blame_shift_words" …)
    text: str
    flag: Mapping[str, bool]  # coach ("i-statement" …) -> should it flag? (absent: not labelled)


def load_labelled(folder: str | Path) -> list[Labelled]:
    """Read every ``<kind>.csv`` in ``folder`` (columns ``text`` and one per coach, each
    ``flag``, ``ok`` or empty), in file-name order."""
    rows: list[Labelled] = []
    for path in sorted(Path(folder).glob("*.csv")):
        with open(path, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                labels = {
                    coach: row[col].strip() == "flag"
                    for col, coach in LABEL_COLUMNS.items()
                    if (row.get(col) or "").strip()
                }
                rows.append(Labelled(path.stem, row["text"], labels))
    return rows


def evaluate_labelled(coach: str, rows: Iterable[Labelled]) -> Score:
    """Precision and recall of ``coach`` on the rows labelled for it: a sentence labelled
    ``flag`` is caught by any flag, and one labelled ``ok`` must get none."""
    tp = fp = fn = 0
    misses = []
    for row in rows:
        if coach not in row.flag:
            continue
        got = tuple(sorted({f.kind for f in check(coach, row.text)}))
        want = row.flag[coach]
        ex = Example("bad" if want else "good", (row.kind,), row.text)
        if want and got:
            tp += 1
        elif want:
            fn += 1
            misses.append(("false_neg", ex, got))
        elif got:
            fp += 1
            misses.append(("false_pos", ex, got))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return Score(precision, recall, tp, fp, fn, tuple(misses))

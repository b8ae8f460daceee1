"""The app's words: complete for every module and field, and in our voice."""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
import re
import string
import types
import typing
from collections.abc import Iterator
from typing import Any, Literal

import pytest

import repairbook.content
from repairbook.content import shared
from repairbook.content.model import FieldText, ModuleText
from repairbook.content.modules import MODULES, field_text
from repairbook.content.prompts import PROMPTS
from repairbook.entries import ENVELOPE_FIELDS, KINDS, Checkin, Entry

# -- walking every user-facing string ----------------------------------------------------------

#: content modules that are not the app's own voice (a made-up couple's words)
NOT_OUR_VOICE = {"repairbook.content.demo_text"}

RULES: dict[str, re.Pattern[str]] = {
    "exclamation": re.compile(r"!"),
    "should": re.compile(r"\bshould\b", re.IGNORECASE),
    "must": re.compile(r"\bmust\b", re.IGNORECASE),
    "diagnose": re.compile(r"diagnos", re.IGNORECASE),
    "treat": re.compile(r"treat", re.IGNORECASE),
    "heal": re.compile(r"heal", re.IGNORECASE),
    # "therapist" names outside help and is fine; "therapy", "therapeutic" are not
    "therapy": re.compile(r"therap(?!ist)", re.IGNORECASE),
}

#: (path prefix, rule) -> why the string may say it. Only "not therapy" and outside help.
ALLOWED: dict[tuple[str, str], str] = {
    ("modules.m15_outside_help.TEXT.extra.not_therapy", "therapy"): "says it is not therapy",
    ("shared.HELP_SECTIONS[0][1]", "therapy"): "What this is: says it is not therapy",
    ("documents.PDF_FOOTER", "therapy"): "the contract PDF says it is not therapy",
    ("research.CONSENT_TEXT", "treat"): "says the research is not a treatment",
    ("research.CONSENT_PARAGRAPHS", "treat"): "says the research is not a treatment",
    ("research._CONSENT_V1", "treat"): "consent text version 1: the research is not a treatment",
    ("research._CONSENT_V2", "treat"): "consent text version 2: the research is not a treatment",
    ("workshop.HANDOUT_FOOTER", "therapy"): "the handout says the workbook is not therapy",
}

PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def _content_modules() -> Iterator[types.ModuleType]:
    names = [
        info.name
        for info in pkgutil.walk_packages(repairbook.content.__path__, "repairbook.content.")
    ]
    # deepest first, so a ModuleText is named by its own file rather than by MODULES
    for name in sorted(names, key=lambda n: (-n.count("."), n)):
        if name in NOT_OUR_VOICE:
            continue
        module = importlib.import_module(name)
        if getattr(module, "VOICE_EXEMPT", None):
            continue
        yield module


def _walk(value: Any, path: str, seen: set[int]) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
        return
    if id(value) in seen:  # the same object reached again (MODULES holds each TEXT)
        return
    seen.add(id(value))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from _walk(getattr(value, f.name), f"{path}.{f.name}", seen)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, f"{path}.{key}", seen)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for i, item in enumerate(value):
            yield from _walk(item, f"{path}[{i}]", seen)


def user_strings() -> Iterator[tuple[str, str]]:
    """(path, text) for every string constant, dataclass field and container value."""
    seen: set[int] = set()
    for module in _content_modules():
        short = module.__name__.removeprefix("repairbook.content.")
        for name, value in vars(module).items():
            if (
                name.startswith("__")
                or isinstance(value, (types.ModuleType, type))
                or callable(value)
            ):
                continue
            yield from _walk(value, f"{short}.{name}", seen)


def _allowed(path: str, rule: str) -> bool:
    return any(path.startswith(prefix) and rule == r for (prefix, r) in ALLOWED)


def test_the_walker_sees_all_our_words() -> None:
    paths = {path for path, _ in user_strings()}
    assert "modules.m07_triggers.TEXT.extra.bruise" in paths
    assert "modules.m03_apology.TEXT.fields.act.placeholder" in paths
    assert "shared.CHECKIN_FIELDS.trust.low" in paths
    assert "prompts.PROMPTS[0]" in paths
    assert not any(p.startswith("demo_text.") for p in paths)


def test_no_string_breaks_the_voice() -> None:
    problems = []
    for path, text in user_strings():
        bare = PLACEHOLDER.sub("", text)  # "{name!r}" is a format field, not a shout
        for rule, pattern in RULES.items():
            if pattern.search(bare) and not _allowed(path, rule):
                problems.append(f"{path} ({rule}): {text!r}")
    assert not problems, "\n".join(problems)


def test_allowlisted_strings_still_exist_and_say_what_they_are_allowed_for() -> None:
    strings = list(user_strings())
    for (prefix, rule), _why in ALLOWED.items():
        if prefix.split(".")[0] in ("documents", "research") and not any(
            p.startswith(prefix) for p, _ in strings
        ):
            continue  # another area's file; its words may move
        hits = [t for p, t in strings if p.startswith(prefix) and RULES[rule].search(t)]
        assert hits, prefix
        assert all(re.search(r"\bnot\b", t) for t in hits), hits


# -- every module is complete ------------------------------------------------------------------


def test_sixteen_modules_with_their_core_words() -> None:
    assert sorted(MODULES) == list(range(16))
    for number, text in MODULES.items():
        assert isinstance(text, ModuleText)
        assert text.number == number
        assert text.slug and text.title and text.purpose and text.why and text.empty
        assert 3 <= len(text.steps) <= 6, text.title
        assert all(step.strip() for step in text.steps)
        assert text.save and text.save != "Save", text.title
        sentences = re.findall(r"[.?](?:\s|$)", text.why)
        assert 2 <= len(sentences) <= 3, (text.title, text.why)
        assert "\n" not in text.purpose
        assert 1 <= len(re.findall(r"[.?](?:\s|$)", text.empty)) <= 2, text.empty


def _kind_fields(model: type[Entry]) -> list[str]:
    return [name for name in model.model_fields if name not in ENVELOPE_FIELDS]


def test_every_field_of_every_module_kind_has_words() -> None:
    missing = []
    for kind, model in KINDS.items():
        if model.module is None:
            continue
        fields = MODULES[model.module].fields
        for name in _kind_fields(model):
            if name not in fields:
                missing.append(f"module {model.module}: {kind}.{name}")
    assert not missing, missing


def test_field_texts_have_labels_and_no_unknown_fields() -> None:
    for number, text in MODULES.items():
        known = {
            name
            for model in KINDS.values()
            if model.module == number
            for name in _kind_fields(model)
        } | {
            f"{model.kind}.{name}"
            for model in KINDS.values()
            if model.module == number
            for name in _kind_fields(model)
        }
        for name, words in text.fields.items():
            assert isinstance(words, FieldText)
            assert words.label.strip(), (number, name)
            assert name in known, f"module {number} has words for an unknown field {name}"


def test_two_kinds_with_one_field_name_get_their_own_words() -> None:
    trigger = field_text(7, "reassurance", kind="trigger")
    code_word = field_text(7, "reassurance", kind="code_word")
    assert trigger.label != code_word.label
    assert field_text(6, "no_such_field").label == "No such field"


def _range(model: type[Entry], name: str) -> tuple[int, int] | None:
    lo = hi = None
    for m in model.model_fields[name].metadata:
        lo = getattr(m, "ge", None) if getattr(m, "ge", None) is not None else lo
        hi = getattr(m, "le", None) if getattr(m, "le", None) is not None else hi
    if lo is None or hi is None or hi - lo > 10:
        return None
    return lo, hi


def test_every_slider_says_what_its_ends_mean() -> None:
    checked = 0
    for model in [*(m for m in KINDS.values() if m.module is not None), Checkin]:
        for name in _kind_fields(model):
            ends = _range(model, name)
            if ends is None:
                continue
            words = (
                shared.CHECKIN_FIELDS[name]
                if model is Checkin
                else field_text(model.module, name, kind=model.kind)
            )
            lo, hi = ends
            assert words.low.startswith(f"{lo} = "), (model.kind, name, words.low)
            assert words.high.startswith(f"{hi} = "), (model.kind, name, words.high)
            checked += 1
    assert checked >= 7  # intensity, readiness, heard and the four check-in sliders


def test_every_choice_has_a_label() -> None:
    missing = []
    for model in KINDS.values():
        if model.module is None:
            continue
        hints = typing.get_type_hints(model)
        for name in _kind_fields(model):
            if typing.get_origin(hints[name]) is not Literal:
                continue
            for value in typing.get_args(hints[name]):
                if f"{name}_{value}" not in MODULES[model.module].extra:
                    missing.append(f"module {model.module}: {name}_{value}")
    assert not missing, missing


# -- extras the pages rely on ------------------------------------------------------------------

REQUIRED_EXTRA: dict[int, list[str] | tuple[str, ...]] = {
    0: [
        "setup_title",
        "setup_intro",
        "names_label",
        "passphrase_label",
        "passphrase_help",
        "passphrase_warning",
        "hope_label",
        "step_away",
        "screen_intro",
        "screen_q_afraid",
        "screen_q_threatened",
        "screen_q_controlled",
        "screen_q_hurt",
        "screen_q_betrayal",
        "screen_no_passphrase",
        "safety_title",
        "safety_body",
        "safety_emergency",
        "safety_helpline",
        "safety_helpline_unset",
        "continue",
        "pause",
        "paused_body",
        "all_clear",
        "done",
    ],
    1: ("helps_options", "harder_options", "add_own", "waiting_for_other", "side_by_side_title"),
    2: [
        "plan_title",
        "goal_understanding",
        "goal_problem_solving",
        "table_it",
        "tabled_saved",
        "outcome_title",
        "coach_title",
        "coach_clean",
    ],
    3: [
        "for_partner_who_broke_trust",
        "for_hurt_partner",
        "need_to_know_title",
        "response_title",
        "versions_title",
        "coach_title",
        "coach_clean",
    ],
    4: ("not_excusing", "own_part_help"),
    5: ("offer_not_demand", "ended", "phase_out", "curious_prompts", "coach_title"),
    6: (
        "due_today",
        "overdue",
        "kept",
        "kept_late",
        "broken",
        "renegotiated",
        "minutes_late",
        "mark_as",
    ),
    7: [
        "routine_title",
        "step_name",
        "step_breathe",
        "step_facts",
        "step_reassure",
        "step_repair",
        "breathe_in",
        "breathe_out",
        "breathe_done",
        "code_word_title",
        "code_word_button",
        "code_word_logged",
        "recovery_label",
        "bruise",
    ],
    8: [
        "area_communication",
        "area_privacy",
        "area_social_media",
        "area_substances",
        "area_spending",
        "accept",
        "accepted_by",
        "waiting_accept",
        "active",
        "coach_title",
    ],
    9: [
        "commitments_of",
        "sign_as",
        "signed",
        "unsigned",
        "new_version",
        "versions_title",
        "download_pdf",
        "add_to_calendar",
        "revisit_suggested",
    ],
    10: [
        "repair_checkin",
        "fun_date",
        "care_act",
        "public_support",
        "fun_ideas",
        "streak",
        "welcome_back",
        "public_support_help",
    ],
    11: ("windows_title", "inside_window", "outside_window", "journal_title", "journal_private"),
    12: ("speaker_turn", "listener_turn", "rate_heard", "swap"),
    13: ("make_promise", "make_ritual", "made_promise", "made_ritual"),
    14: ("private_note", "safety_low", "ready_help"),
    15: [
        "when_therapist",
        "individual_support",
        "not_therapy",
        "resources_title",
        "resources_empty",
        "add_resource",
    ],
}

PLACEHOLDERS: dict[tuple[int, str], set[str]] = {
    (0, "your_turn"): {"name"},
    (0, "step_away"): {"other"},
    (0, "safety_emergency"): {"number"},
    (0, "safety_helpline"): {"name", "contact"},
    (1, "waiting_for_other"): {"other"},
    (2, "tabled_saved"): {"when"},
    (6, "minutes_late"): {"n"},
    (7, "code_word_button"): {"word"},
    (8, "accepted_by"): {"names"},
    (8, "waiting_accept"): {"name"},
    (9, "commitments_of"): {"name"},
    (9, "sign_as"): {"name"},
    (9, "signed"): {"name", "when"},
    (9, "unsigned"): {"name"},
    (9, "revisit_suggested"): {"date"},
    (9, "version_label"): {"n"},
    (10, "streak"): {"n"},
    (11, "next_window"): {"when"},
    (12, "speaker_turn"): {"name"},
    (12, "listener_turn"): {"name"},
}


def _names(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("number", sorted(REQUIRED_EXTRA))
def test_module_extras_are_there(number: int) -> None:
    extra = MODULES[number].extra
    missing = [key for key in REQUIRED_EXTRA[number] if not extra.get(key, "").strip()]
    assert not missing, missing


def test_every_module_file_lists_its_extra_keys() -> None:
    for number, text in MODULES.items():
        module = importlib.import_module(
            next(
                f"repairbook.content.modules.{info.name}"
                for info in pkgutil.iter_modules(
                    importlib.import_module("repairbook.content.modules").__path__
                )
                if info.name.startswith(f"m{number:02d}_")
            )
        )
        doc = module.__doc__ or ""
        unlisted = [key for key in text.extra if not re.search(rf"\b{re.escape(key)}\b", doc)]
        assert not unlisted, (module.__name__, unlisted)


def test_placeholders_are_exactly_the_ones_pages_fill_in() -> None:
    for (number, key), wanted in PLACEHOLDERS.items():
        text = MODULES[number].extra[key]
        assert _names(text) == wanted, (number, key, text)
        text.format(**{name: "X" for name in wanted})
    for number, text in MODULES.items():
        for key, value in text.extra.items():
            if (number, key) not in PLACEHOLDERS:
                assert not _names(value), f"module {number}: {key} has a stray placeholder"
    assert _names(shared.TODAY_GREETING) == {"name"}
    assert _names(shared.WELCOME_BACK) == {"name"}
    assert _names(shared.HELP_EMERGENCY) == {"emergency"}


def test_lists_have_the_promised_lengths() -> None:
    helps = [o.strip() for o in MODULES[1].extra["helps_options"].split(",")]
    harder = [o.strip() for o in MODULES[1].extra["harder_options"].split(",")]
    assert 8 <= len(helps) <= 10 and 8 <= len(harder) <= 10
    assert all(helps) and all(harder)
    assert any("transparency" in o.lower() for o in helps)
    assert any("consisten" in o.lower() for o in helps)
    assert 5 <= len(MODULES[5].extra["curious_prompts"].split("|")) <= 6
    assert len(MODULES[10].extra["fun_ideas"].split("|")) == 8


def test_the_nudges_sit_where_the_mistakes_happen() -> None:
    def nudges(n: int) -> str:
        return " ".join(MODULES[n].nudges).lower()

    assert "forgiv" in nudges(14) or "deadline" in nudges(14)
    assert "argument" in nudges(5)  # weaponizing what was shared
    assert "score" in nudges(6) and "ledger" in nudges(10)
    assert "but" in nudges(3)
    assert "putting a talk off" in nudges(2) and "skipping a window" in nudges(11)


def test_safety_words_are_plain_and_point_outward() -> None:
    extra = MODULES[0].extra
    assert "not your fault" in extra["safety_body"]
    assert "emergency" in extra["safety_body"]
    assert "on your own" in extra["safety_body"]
    assert "helpline" in extra["safety_helpline_unset"]
    assert "cannot be recovered" in extra["passphrase_warning"]
    assert "not therapy" in MODULES[15].extra["not_therapy"]


# -- shared phrases ----------------------------------------------------------------------------


def test_shared_phrases() -> None:
    assert shared.NAV == ("Today", "Journey", "Progress", "Private", "Help")
    assert shared.PARTNER_SWITCH_LABEL == "Who is using the page now?"
    assert "🔒" in shared.PRIVATE_MARK and "Only you can see this." in shared.PRIVATE_MARK
    assert "🔒" in shared.NOTE_PRIVATE and "🔒" in shared.PRIVATE_INTRO
    assert shared.SAVED.endswith(".") and len(shared.SAVED) < 20
    assert "nothing was lost" in shared.FRIENDLY_ERROR.lower()
    assert set(shared.CHECKIN_FIELDS) >= set(_kind_fields(Checkin)) - {"day"}
    assert all(isinstance(v, FieldText) and v.label for v in shared.CHECKIN_FIELDS.values())


def test_help_covers_what_people_ask() -> None:
    headings = [h.lower() for h, _ in shared.HELP_SECTIONS]
    bodies = {h.lower(): b for h, b in shared.HELP_SECTIONS}
    for topic in ("what this is", "privacy", "keyboard", "outside help", "safety", "back"):
        assert any(topic in h for h in headings), topic
    assert "not therapy" in bodies["what this is"]
    assert "cannot be recovered" in bodies["how privacy works"]
    safety = next(b for h, b in shared.HELP_SECTIONS if "safety" in h.lower())
    assert _names(safety) == {"emergency"}
    backup = next(b for h, b in shared.HELP_SECTIONS if "back" in h.lower())
    assert "copy" in backup and "folder" in backup


# -- daily prompts -----------------------------------------------------------------------------


def test_enough_prompts_for_two_months_without_repeats() -> None:
    assert len(PROMPTS) >= 64
    folded = [" ".join(p.lower().split()) for p in PROMPTS]
    assert len(set(folded)) == len(folded)


def test_each_prompt_is_one_short_sentence() -> None:
    for prompt in PROMPTS:
        assert prompt == prompt.strip() and prompt[0].isupper(), prompt
        assert prompt[-1] in ".?", prompt
        assert len(re.findall(r"[.?]", prompt)) == 1, prompt
        assert len(prompt) <= 100, prompt

"""The shape of a module's words. Each journey module has one ``ModuleText``."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class FieldText:
    """A form field's visible label and an optional one-line help under it."""

    label: str
    help: str = ""
    #: for 0-10 sliders: what the two ends mean
    low: str = ""
    high: str = ""
    placeholder: str = ""


@dataclass(frozen=True)
class ModuleText:
    number: int
    slug: str
    title: str
    #: one line: what you do here
    purpose: str
    #: two or three sentences: why this helps
    why: str
    #: the steps, each a short instruction
    steps: tuple[str, ...]
    #: field name (as in repairbook.entries) -> its words
    fields: dict[str, FieldText] = field(default_factory=dict)
    #: one or two sentences shown before there are any entries
    empty: str = ""
    #: the main button's words
    save: str = "Save"
    #: module-specific phrases, by key (documented in the module file)
    extra: dict[str, str] = field(default_factory=dict)
    #: gentle nudges about common mistakes shown where they happen
    nudges: tuple[str, ...] = ()

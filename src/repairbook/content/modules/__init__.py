"""The words of the sixteen journey modules, one file per module.

``MODULES[n]`` is module ``n``'s :class:`~repairbook.content.model.ModuleText`. Each file's
docstring lists the keys of its ``extra`` phrases. Choice fields have a label per value in
``extra`` named ``<field>_<value>`` (for example ``goal_understanding``, ``area_spending``).
"""

from __future__ import annotations

import importlib

from repairbook.content.model import FieldText, ModuleText

#: one file per module, in journey order
FILES = (
    "m00_welcome",
    "m01_safety_needs",
    "m02_conversation",
    "m03_apology",
    "m04_understanding",
    "m05_transparency",
    "m06_promises",
    "m07_triggers",
    "m08_agreements",
    "m09_contract",
    "m10_rituals",
    "m11_processing",
    "m12_listening",
    "m13_lessons",
    "m14_forgiveness",
    "m15_outside_help",
)

MODULES: dict[int, ModuleText] = {
    text.number: text
    for text in (importlib.import_module(f"{__name__}.{name}").TEXT for name in FILES)
}


def field_text(module: int, field: str, kind: str | None = None) -> FieldText:
    """The words for ``field`` in ``module``.

    A ``"kind.field"`` key wins over a plain ``"field"`` key when ``kind`` is given (two kinds
    of module 7 both have a ``reassurance`` field). A field with no words gets its own name.
    """
    fields = MODULES[module].fields
    if kind is not None and f"{kind}.{field}" in fields:
        return fields[f"{kind}.{field}"]
    return fields.get(field) or FieldText(label=field.replace("_", " ").capitalize())


__all__ = ["MODULES", "field_text"]

"""Module 6 — Promises.

Keys in ``TEXT.extra``:

due_today, overdue, kept, kept_late, broken, renegotiated, minutes_late ({n}), mark_as,
status_open, status_kept, status_kept_late, status_broken, status_renegotiated,
open_title, earlier_title, renegotiate_help.
"""

from repairbook.content.model import FieldText, ModuleText

TEXT = ModuleText(
    number=6,
    slug="promises",
    title="Promises",
    purpose="Make small promises and note how each one went.",
    why=(
        "Trust grows back through many small things done when you said you would. "
        "A promise kept to the minute says more than a big speech. An honest record lets "
        "you both see the pattern over the weeks."
    ),
    steps=(
        "Write one small promise you can keep.",
        "Set when it is due.",
        "If plans change, renegotiate before the due time.",
        "When the time comes, mark it kept, kept late, not kept or renegotiated.",
    ),
    fields={
        "text": FieldText(
            label="The promise",
            help="Small and specific works best.",
            placeholder="Text you when I leave the office",
        ),
        "due": FieldText(label="Due", help="The day and time it will be done by."),
        "status": FieldText(label="How it went"),
        "minutes_late": FieldText(label="Minutes late"),
        "resolved_at": FieldText(label="Marked at"),
        "renegotiated": FieldText(label="Times renegotiated"),
    },
    empty=(
        "Your promises appear here, with what is due first. "
        "Start with one small promise for today or tomorrow."
    ),
    save="Save this promise",
    nudges=(
        "This record is for noticing patterns, not for keeping score. Counting each other's "
        "misses tends to turn partners into opponents.",
        "A late promise marked honestly is worth more than a record that only looks perfect.",
    ),
    extra={
        "due_today": "Due today",
        "overdue": "Past its time",
        "kept": "Kept",
        "kept_late": "Kept late",
        "broken": "Not kept",
        "renegotiated": "Renegotiated",
        "minutes_late": "{n} minutes late",
        "mark_as": "Mark as",
        "status_open": "Open",
        "status_kept": "Kept",
        "status_kept_late": "Kept late",
        "status_broken": "Not kept",
        "status_renegotiated": "Renegotiated",
        "open_title": "Open promises",
        "earlier_title": "Earlier promises",
        "renegotiate_help": (
            "If plans change, saying so before the due time is part of keeping your word."
        ),
    },
)

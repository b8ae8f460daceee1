"""Module 13 — Lessons and habits.

Keys in ``TEXT.extra``:

make_promise, make_ritual, made_promise, made_ritual.
"""

from repairbook.content.model import FieldText, ModuleText

TEXT = ModuleText(
    number=13,
    slug="lessons",
    title="Lessons and habits",
    purpose="Turn what went wrong into a lesson, and a habit that carries it.",
    why=(
        "Mistakes tend to repeat when nothing around them changes. Naming the lesson, and a "
        "small habit that carries it, makes doing things differently easier next time. "
        "A habit can become a promise or a ritual in one step."
    ),
    steps=(
        "Write what went wrong, as plain facts.",
        "Write the lesson you take from it.",
        "Choose a small habit that carries the lesson.",
        "If you like, turn the habit into a promise or a ritual.",
    ),
    fields={
        "what_went_wrong": FieldText(
            label="What went wrong",
            placeholder="I said I would call at lunch and forgot.",
        ),
        "lesson": FieldText(
            label="The lesson",
            placeholder="Silence worries you more than the delay.",
        ),
        "habit": FieldText(
            label="The habit that guards against it",
            placeholder="A reminder at noon to send a short message.",
        ),
    },
    empty=(
        "Your lessons appear here. "
        "Start with one thing that went wrong lately and what it taught you."
    ),
    save="Save this lesson",
    nudges=("A lesson looks at what to do next, not at who was to blame.",),
    extra={
        "make_promise": "Make this a promise",
        "make_ritual": "Make this a ritual",
        "made_promise": "Added to your promises.",
        "made_ritual": "Added to your rituals.",
    },
)

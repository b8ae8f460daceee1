"""Module 7 — Triggers.

Two kinds here share a field name: ``fields["reassurance"]`` is the trigger's
reassurance, ``fields["code_word.reassurance"]`` is the code word's.

Keys in ``TEXT.extra``:

routine_title, step_name, step_breathe, step_facts, step_reassure, step_repair,
next_step, breathe_start, breathe_in, breathe_out, breathe_done, code_word_title,
code_word_help, save_code_word, code_word_button ({word}), code_word_logged, recovery_label,
bruise_title, bruise.
"""

from repairbook.content.model import FieldText, ModuleText

TEXT = ModuleText(
    number=7,
    slug="triggers",
    title="Triggers",
    purpose="Note what set off a wave of hurt, and find your footing again together.",
    why=(
        "Triggers are a normal part of rebuilding trust. A short routine, done together, "
        "can bring you both back to steady ground. Noting the facts and how long it took to "
        "settle shows you, over time, how things are changing."
    ),
    steps=(
        "Name it: say that you are triggered.",
        "Breathe together for thirty seconds.",
        "Clarify the facts of what happened.",
        "Offer the reassurance you agreed on.",
        "Make one tiny repair.",
        "Note how long it took to feel steady again.",
    ),
    fields={
        "what_happened": FieldText(
            label="What happened (the facts)",
            help="What a camera would have seen, without guesses about why.",
            placeholder="The phone lit up during dinner and was turned face down.",
        ),
        "intensity": FieldText(
            label="How strong it was",
            low="0 = barely there",
            high="10 = overwhelming",
        ),
        "recovery_minutes": FieldText(
            label="Minutes until you felt steady again",
            help="A rough number is fine.",
        ),
        "grounding_done": FieldText(label="We did the grounding routine together"),
        "reassurance": FieldText(
            label="The reassurance that helped",
            placeholder="You sat with me and showed me the message.",
        ),
        "repair": FieldText(
            label="A tiny repair",
            placeholder="We made tea and sat outside for a while.",
        ),
        "word": FieldText(
            label="Our code word",
            help="Easy to say, agreed by both of you, and unlikely to come up by chance.",
            placeholder="Lighthouse",
        ),
        "code_word.reassurance": FieldText(
            label="What the code word asks for",
            placeholder="Stop what you are doing, hold my hand, and tell me we are okay.",
        ),
        "used_at": FieldText(label="Used at"),
    },
    empty=(
        "Triggers you note appear here, with how long it took to settle. "
        "When the next one comes, start with the grounding routine."
    ),
    save="Save this trigger",
    nudges=(
        "When your partner is triggered, explaining why they need not feel it tends to make "
        "it worse. Listening first helps more than a defence.",
        "A trigger is not a step backwards. It is a moment to practise together.",
    ),
    extra={
        "routine_title": "The grounding routine",
        "step_name": "Name it. Say out loud: I am triggered right now.",
        "step_breathe": "Breathe together. Follow the circle for thirty seconds.",
        "step_facts": "Clarify the facts. What happened, and what do you both know?",
        "step_reassure": "Offer the reassurance you agreed on, calmly and without defending.",
        "step_repair": "Make a tiny repair: a hug, a cup of tea, a short walk.",
        "next_step": "Next",
        "breathe_start": "Start breathing together",
        "breathe_in": "Breathe in",
        "breathe_out": "Breathe out",
        "breathe_done": "Thirty seconds. Notice your feet on the floor.",
        "code_word_title": "Our code word",
        "code_word_help": (
            "A word either of you can say, or press on the Today page, to ask for quick "
            "reassurance without having to explain."
        ),
        "save_code_word": "Save our code word",
        "code_word_button": "Our word: {word}",
        "code_word_logged": "Noted. Take the moment you asked for, together.",
        "recovery_label": "Minutes until you felt steady again",
        "bruise_title": "Tending the bruise",
        "bruise": (
            "After a trigger, what tends to help is being met rather than corrected. Name "
            "what your partner feels, and offer steady reassurance instead of a defence. "
            "Every feeling has room here. Grief keeps no timetable, so the same thing may "
            "hurt again, and that is allowed."
        ),
    },
)

"""Module 12 — Listening practice.

Keys in ``TEXT.extra``:

speaker_turn ({name}), listener_turn ({name}), speaker_help, listener_help,
rate_heard, swap.
"""

from repairbook.content.model import FieldText, ModuleText

TEXT = ModuleText(
    number=12,
    slug="listening",
    title="Listening practice",
    purpose="Take turns to speak and to listen, until the speaker feels heard.",
    why=(
        "Feeling heard is often what a hurt needs before anything else. Saying back what "
        "you heard slows a talk down and shows the speaker what landed. Swapping roles "
        "gives each of you the same care."
    ),
    steps=(
        "Choose who speaks first.",
        "The speaker says one thing that matters to them, in a few sentences.",
        "The listener says back what they heard, without adding or defending.",
        "The speaker rates how heard they feel and names anything missed.",
        "Swap roles.",
    ),
    fields={
        "speaker": FieldText(label="Speaker"),
        "listener": FieldText(label="Listener"),
        "speaker_text": FieldText(
            label="What the speaker said",
            placeholder="What I would like you to hear is …",
        ),
        "paraphrase": FieldText(
            label="What the listener heard",
            placeholder="What I hear you saying is …",
        ),
        "heard": FieldText(
            label="How heard I feel",
            low="1 = not heard",
            high="5 = fully heard",
        ),
        "missed": FieldText(
            label="What was missed",
            placeholder="The part I would like you to hear again is …",
        ),
    },
    empty="Your listening rounds appear here. Start by choosing who speaks first.",
    save="Save this round",
    nudges=(
        "As the listener, the urge to correct or explain can be strong. "
        "Your turn to speak comes next.",
    ),
    extra={
        "speaker_turn": "{name} speaks",
        "listener_turn": "{name} listens",
        "speaker_help": "One thing at a time, in a few sentences, about you.",
        "listener_help": "Say it back in your own words. Questions and answers can wait.",
        "rate_heard": "How heard do you feel?",
        "swap": "Swap roles",
    },
)

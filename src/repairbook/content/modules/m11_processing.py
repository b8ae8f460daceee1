"""Module 11 — Processing the past.

Keys in ``TEXT.extra``:

windows_title, next_window ({when}), inside_window, outside_window, grounding_link,
journal_title, journal_private, save_journal, journal_saved.
"""

from repairbook.content.model import FieldText, ModuleText

TEXT = ModuleText(
    number=11,
    slug="processing",
    title="Processing the past",
    purpose="Give the past a set time each week, and keep the rest of the week for living.",
    why=(
        "Talking about what happened is part of moving on, and it can also take over every "
        "evening. One or two set windows a week give the past a place without letting it "
        "fill every day. In between, a private journal holds what comes up."
    ),
    steps=(
        "Agree on one or two windows a week, of 30 to 60 minutes each.",
        "Bring what has come up to the next window.",
        "Between windows, write in your private journal.",
        "If a wave of feeling comes, use the grounding routine.",
    ),
    fields={
        "starts_at": FieldText(label="Starts at"),
        "minutes": FieldText(
            label="Length in minutes",
            help="Between 10 and 120. Around 45 suits many couples.",
        ),
        "weekly": FieldText(label="Every week"),
        "text": FieldText(
            label="Journal",
            help="🔒 Only you can see this.",
            placeholder="What is on my mind right now is …",
        ),
        "day": FieldText(label="Day"),
    },
    empty=(
        "Your windows and journal entries appear here. "
        "Start by choosing a regular time for your first window."
    ),
    save="Save this window",
    nudges=(
        "When things feel calm, skipping a window is tempting. Keeping it, even briefly, "
        "gives the past a place so it does not spill into other times.",
        "Outside a window, a question about the past can wait. Writing it down keeps it "
        "safe until then.",
    ),
    extra={
        "windows_title": "Your processing windows",
        "next_window": "Next window: {when}",
        "inside_window": (
            "You are inside a processing window. This is the time set aside to talk about "
            "the past, calmly and together."
        ),
        "outside_window": (
            "This is outside your processing windows. Rather than reopening the topic now, "
            "you might write it in your private journal or try the grounding routine, and "
            "bring it to your next window."
        ),
        "grounding_link": "Open the grounding routine",
        "journal_title": "My private journal",
        "journal_private": "🔒 Only you can see this. Your journal is locked with your passphrase.",
        "save_journal": "Save to my journal",
        "journal_saved": "Saved to your journal.",
    },
)

"""Module 5 — Transparency without surveillance.

Keys in ``TEXT.extra``:

category_shared_plans, category_running_late, category_password_sharing,
category_location, category_phone_open, category_other, status_active, status_ended,
offer_not_demand, ended, phase_out, renew, let_go, curious_title,
curious_prompts (``|``-separated), coach_title.
"""

from repairbook.content.model import FieldText, ModuleText

TEXT = ModuleText(
    number=5,
    slug="transparency",
    title="Transparency without surveillance",
    purpose="Offer openness freely and for a set time, never as a demand.",
    why=(
        "Openness that is offered freely can help the hurt partner feel steadier. Openness "
        "that is demanded turns into surveillance, and that wears trust down on both sides. "
        "An end or review date keeps each offer a bridge rather than a rule forever."
    ),
    steps=(
        "Choose something you are willing to be open about.",
        "Pick its kind and an end or review date.",
        "Check that you offer it freely. If it feels demanded, talk about it first.",
        "When the date comes, review it together. Ended offers can be let go.",
    ),
    fields={
        "item": FieldText(
            label="What I offer",
            help="Something small and concrete.",
            placeholder="A message when I leave work",
        ),
        "category": FieldText(label="Kind of openness"),
        "offered_freely": FieldText(
            label="I offer this freely",
            help="Only offers made freely are kept here.",
        ),
        "review_on": FieldText(
            label="End or review date",
            help="Within the next year. Shorter offers are easier to live with.",
        ),
        "status": FieldText(label="Status"),
    },
    empty=(
        "Your offers appear here with their end or review dates. "
        "Start with one small thing you are glad to be open about."
    ),
    save="Offer this",
    nudges=(
        "What your partner shares openly is an act of trust. Bringing it up later as proof "
        "in an argument makes openness feel unsafe. You might keep shared details out of "
        "disagreements.",
        "Checking more than was offered tends to feed the worry rather than ease it.",
    ),
    extra={
        "category_shared_plans": "Shared plans",
        "category_running_late": "Running-late messages",
        "category_password_sharing": "A password shared for a while",
        "category_location": "Location shared for a while",
        "category_phone_open": "Phone left open",
        "category_other": "Something else",
        "status_active": "Active",
        "status_ended": "Ended",
        "offer_not_demand": (
            "An offer comes from the one who gives it. If you are the one asking, talk it "
            "through together first, and let your partner decide."
        ),
        "ended": "This offer has ended.",
        "phase_out": (
            "This offer has reached its date. You might agree to let it go, or to renew it "
            "for a shorter time."
        ),
        "renew": "Renew for a shorter time",
        "let_go": "Let it go",
        "curious_title": "Be curious without controlling",
        "curious_prompts": (
            "How was your day, really?"
            "|Is there anything you would like me to know about this week?"
            "|What was the best part of your evening?"
            "|Is something on your mind that you have not said yet?"
            "|What would help you feel closer to me today?"
            "|What are you looking forward to tomorrow?"
        ),
        "coach_title": "Openness or control",
    },
)

"""Module 8 — Boundaries and agreements.

Keys in ``TEXT.extra``:

area_communication, area_privacy, area_social_media, area_substances, area_spending,
area_communication_hint, area_privacy_hint, area_social_media_hint, area_substances_hint,
area_spending_hint, accept, accepted_by ({names}), waiting_accept ({name}), active,
coach_title, coach_clean, specific_example, status_open, status_declined, status_withdrawn.
"""

from repairbook.content.model import FieldText, ModuleText

TEXT = ModuleText(
    number=8,
    slug="agreements",
    title="Boundaries and agreements",
    purpose="Write new, specific agreements together in five areas of your life.",
    why=(
        "The old ways of doing things left room for trust to break. New agreements, clear "
        "enough that you both know when they are kept, give you shared footing. An "
        "agreement counts once both of you have accepted it."
    ),
    steps=(
        "Pick an area: communication, privacy, social media, substances or spending.",
        "Write one agreement in specific words: what, when, and how much.",
        "Look at the wording again. Swap vague words for something you can both see.",
        "Each of you accepts it. It is active once you both have.",
    ),
    fields={
        "area": FieldText(label="Area"),
        "text": FieldText(
            label="The agreement",
            help="Specific works better than vague: a time, an amount or a clear situation.",
            placeholder="If either of us is running more than 15 minutes late, we text first.",
        ),
        "accepted_by": FieldText(label="Accepted by"),
        "status": FieldText(label="Where it stands"),
        "reason": FieldText(
            label="Why it was declined",
            help="One sentence, so your partner can understand and propose other words.",
        ),
        "changed_by": FieldText(label="Wording proposed by"),
    },
    empty=(
        "Your agreements appear here, grouped by area. "
        "Start with the area that matters most to you both right now."
    ),
    save="Propose this agreement",
    nudges=(
        "An agreement works best when both of you can say yes freely. Take the time you "
        "need before accepting.",
    ),
    extra={
        "status_open": "Open",
        "status_declined": "Declined",
        "status_withdrawn": "Withdrawn",
        "area_communication": "Communication",
        "area_privacy": "Privacy",
        "area_social_media": "Social media",
        "area_substances": "Alcohol and other substances",
        "area_spending": "Spending",
        "area_communication_hint": "How and when you tell each other things.",
        "area_privacy_hint": "What stays private, and what you share.",
        "area_social_media_hint": "Messages, follows and what you post.",
        "area_substances_hint": "Drinking and anything else that changes how you act.",
        "area_spending_hint": "Money you spend, and when you mention it.",
        "accept": "I accept this agreement",
        "accepted_by": "Accepted by {names}",
        "waiting_accept": "Waiting for {name} to accept.",
        "active": "Active",
        "coach_title": "Make it specific",
        "coach_clean": "This is specific: you will both be able to tell when it is kept.",
        "specific_example": (
            "“We tell each other within 24 hours” is easier to keep than “be more honest”."
        ),
    },
)

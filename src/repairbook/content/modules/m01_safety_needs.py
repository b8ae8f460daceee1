"""Module 1 — What safety means to me.

Keys in ``TEXT.extra``:

helps_options (comma-separated), harder_options (comma-separated), helps_heading,
harder_heading, add_own, add_own_placeholder, waiting_for_other ({other}),
side_by_side_title.
"""

from repairbook.content.model import FieldText, ModuleText

TEXT = ModuleText(
    number=1,
    slug="safety_needs",
    title="What safety means to me",
    purpose="Each of you names what helps you feel secure and what makes trust harder.",
    why=(
        "Safety feels different to each person. One of you may need plans shared, the other "
        "may need patience with questions. Seeing both lists side by side helps you offer "
        "each other what actually helps."
    ),
    steps=(
        "Pick what helps you feel secure. Add your own if something is missing.",
        "Pick what makes trust harder for you.",
        "Add a few words of your own, if you like.",
        "Save. Your lists appear next to your partner's once you have both answered.",
    ),
    fields={
        "helps": FieldText(
            label="What helps me feel secure",
            help="Pick as many as fit. You can add your own.",
        ),
        "harder": FieldText(
            label="What makes trust harder",
            help="Pick what applies. It is fine to leave this empty.",
        ),
        "note": FieldText(
            label="In my words",
            help="Optional. Your partner sees this.",
            placeholder="I feel safest when …",
        ),
    },
    empty=(
        "Your answers and your partner's appear here side by side once you have both saved. "
        "Start by picking what helps you feel secure."
    ),
    save="Save what safety means to me",
    nudges=("Your partner's list may look very different from yours. Both lists are real.",),
    extra={
        "helps_options": (
            "Transparency about plans, Consistency in small things, Emotional attentiveness, "
            "A text when running late, Honest answers to my questions, "
            "Patience when I ask again, Reassurance when I feel unsure, "
            "Time together without phones, Being asked before being judged, "
            "Knowing who you spend time with"
        ),
        "harder_options": (
            "Vague answers, Plans changing without a word, Secrecy about the phone, "
            "Long silences with no reason, Being told to get over it, "
            "Questions that feel like an interrogation, Raised voices, "
            "Going quiet after an argument, Jokes about what happened"
        ),
        "helps_heading": "Helps me feel secure",
        "harder_heading": "Makes trust harder",
        "add_own": "Add your own",
        "add_own_placeholder": "Something else that matters to you",
        "waiting_for_other": (
            "Your answers are saved. They appear next to {other}'s once {other} has answered too."
        ),
        "side_by_side_title": "What safety means to each of you",
    },
)

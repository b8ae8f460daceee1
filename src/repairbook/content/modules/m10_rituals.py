"""Module 10 — Connection rituals.

Keys in ``TEXT.extra``:

repair_checkin, fun_date, care_act, public_support (names of the rituals),
ritual_repair_checkin, ritual_fun_date, ritual_care_act, ritual_public_support (the same,
by field value), repair_checkin_help, fun_date_help, care_act_help, public_support_help,
fun_ideas_title, fun_ideas (``|``-separated), streak ({n}), welcome_back.
"""

from repairbook.content.model import FieldText, ModuleText

TEXT = ModuleText(
    number=10,
    slug="rituals",
    title="Connection rituals",
    purpose="Make time every week, and every day, for each other.",
    why=(
        "Repair is about more than handling damage. A weekly check-in, a weekly date with "
        "no heavy talk and a small daily act of care keep reminding you both why you are "
        "doing this. Closeness is built from small things repeated."
    ),
    steps=(
        "Once a week, hold a repair check-in of 20 to 30 minutes: facts, feelings, progress.",
        "Once a week, go on a fun date. Leave heavy topics at home.",
        "Each day, do one small act of care.",
        "Stand up for each other when others are around.",
        "Note each ritual here once you have done it.",
    ),
    fields={
        "ritual": FieldText(label="Ritual"),
        "day": FieldText(label="Day"),
        "minutes": FieldText(
            label="Minutes",
            help="For the repair check-in, 20 to 30 minutes is enough.",
        ),
        "facts": FieldText(label="Facts", placeholder="What happened this week, plainly."),
        "feelings": FieldText(label="Feelings", placeholder="How each of us felt this week."),
        "progress": FieldText(label="Progress", placeholder="One thing that went better."),
        "note": FieldText(label="Note", placeholder="What we did, in a few words."),
    },
    empty=(
        "Your rituals appear here as you note them. "
        "Start with this week's repair check-in or a small act of care today."
    ),
    save="Note this ritual",
    nudges=(
        "Rituals are gifts, not entries in a ledger. Counting whose turn it was, or who did "
        "more, turns care into a debt.",
    ),
    extra={
        "repair_checkin": "Weekly repair check-in",
        "fun_date": "Fun date",
        "care_act": "Small act of care",
        "public_support": "Standing up for each other",
        "ritual_repair_checkin": "Weekly repair check-in",
        "ritual_fun_date": "Fun date",
        "ritual_care_act": "Small act of care",
        "ritual_public_support": "Standing up for each other",
        "repair_checkin_help": (
            "Twenty to thirty minutes. Start with the facts of the week, then feelings, "
            "then what has moved forward."
        ),
        "fun_date_help": "Heavy topics stay at home tonight. This time is for enjoying each other.",
        "care_act_help": "Something small and kind: a coffee made, a note left, a door held.",
        "public_support_help": (
            "Speak well of your partner around others, keep private matters private, and "
            "step in kindly when someone runs them down. Note a moment when you did."
        ),
        "fun_ideas_title": "Ideas for a fun date",
        "fun_ideas": (
            "Cook something neither of you has made before"
            "|Walk somewhere new and get a little lost"
            "|Play a board game or a card game"
            "|Watch a film you both loved years ago"
            "|Have a picnic, even on the living-room floor"
            "|Follow a dance lesson from a video at home"
            "|Visit a market and each choose one thing to share"
            "|Build a playlist together, one song each in turn"
        ),
        "streak": "{n} in a row, one at a time.",
        "welcome_back": "Welcome back. Pick up wherever you like; there is nothing to catch up on.",
    },
)

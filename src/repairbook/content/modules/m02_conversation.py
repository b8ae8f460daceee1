"""Module 2 — The honest conversation.

Keys in ``TEXT.extra``:

plan_title, goal_understanding, goal_problem_solving, goal_hint, status_planned,
status_held, status_tabled, i_statement_title, save_i_statement, table_it, table_help,
tabled_saved ({when}), mark_held, outcome_title, coach_title, coach_clean.
"""

from repairbook.content.model import FieldText, ModuleText

TEXT = ModuleText(
    number=2,
    slug="conversation",
    title="The honest conversation",
    purpose="Plan a calm time to talk, and say what you feel without blame.",
    why=(
        "Hard talks go better in a calm moment you chose than in the middle of a hurt. "
        "Aiming first to understand each other, and only later to solve, keeps you on the "
        "same side. I-statements let you say how something lands on you without accusing."
    ),
    steps=(
        "Choose one topic and a calm time when you are both free.",
        "Agree the goal. Understanding each other comes first.",
        "Each of you writes an I-statement: when …, I feel …, and I need ….",
        "Talk. If feelings run too high, table it and pick a time to return.",
        "Afterwards, each of you notes whether you understood and felt heard.",
    ),
    fields={
        "topic": FieldText(
            label="What you want to talk about",
            help="One topic per conversation is plenty.",
            placeholder="How we handle late evenings at work",
        ),
        "when": FieldText(
            label="A calm time",
            help="A time when you are both rested and free of interruptions.",
        ),
        "goal": FieldText(
            label="The goal",
            help="Understanding comes first. Solving can wait for another talk.",
        ),
        "both_present": FieldText(label="Both of us are there"),
        "no_distractions": FieldText(label="Phones away, no distractions"),
        "status": FieldText(label="Where this conversation stands"),
        "return_at": FieldText(
            label="When you come back to it",
            help="A tabled talk needs a time to return, so it does not quietly drop away.",
        ),
        "text": FieldText(
            label="Your I-statement",
            help="Say what happened and how it lands on you, rather than who your partner is.",
            placeholder="When …, I feel …, and I need …",
        ),
        "plan_id": FieldText(label="Which conversation"),
        "understood": FieldText(label="I feel I understood my partner"),
        "felt_heard": FieldText(label="I felt heard"),
        "note": FieldText(
            label="What you take from it",
            placeholder="One thing I understand better now is …",
        ),
    },
    empty=("Your planned conversations appear here. Start by choosing a topic and a calm time."),
    save="Plan this conversation",
    nudges=(
        "Putting a talk off again and again can feel like relief, and it also leaves the "
        "hurt on its own. Tabling is fine; a time to return keeps the door open.",
        "Words like “you always” or “you never” tend to start a defence. You might describe "
        "one moment and how it felt instead.",
    ),
    extra={
        "plan_title": "Plan a calm conversation",
        "goal_understanding": "Understand each other",
        "goal_problem_solving": "Solve something together",
        "goal_hint": "When in doubt, aim to understand. Solutions come easier after that.",
        "status_planned": "Planned",
        "status_held": "Held",
        "status_tabled": "Tabled for later",
        "i_statement_title": "Your I-statements",
        "save_i_statement": "Save this I-statement",
        "table_it": "Table it for now",
        "table_help": (
            "When feelings run over, stopping is a good choice. Pick a time to come back to it."
        ),
        "tabled_saved": "Tabled. You come back to it on {when}.",
        "mark_held": "We had this conversation",
        "outcome_title": "After the conversation",
        "coach_title": "A second look at your words",
        "coach_clean": "This reads as an I-statement. It speaks about you, without blame.",
    },
)

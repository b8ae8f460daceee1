"""Module 14 — Forgiveness, when ready.

Keys in ``TEXT.extra``:

private_note, safety_low, ready_help, for_partner_who_broke_trust.
"""

from repairbook.content.model import FieldText, ModuleText

TEXT = ModuleText(
    number=14,
    slug="forgiveness",
    title="Forgiveness, when ready",
    purpose="Reflect, privately, on where you are with forgiveness.",
    why=(
        "Forgiveness tends to follow safety, not come before it. Noticing where you are, "
        "without pressure, lets it come in its own time. Not being ready is an honest "
        "place to be."
    ),
    steps=(
        "Take a quiet moment on your own.",
        "Rate how ready you feel to forgive, today.",
        "Write a few words about where you are.",
        "Come back whenever you like. Nothing here is shared.",
    ),
    fields={
        "readiness": FieldText(
            label="How ready I feel to forgive",
            help="Today's answer only. It can change.",
            low="0 = not ready at all",
            high="10 = completely ready",
        ),
        "text": FieldText(
            label="Where I am with forgiveness",
            help="🔒 Only you can see this.",
            placeholder="Right now, forgiveness feels …",
        ),
    },
    empty=(
        "Your reflections appear here, for you alone. "
        "Start whenever you like, with how ready you feel today."
    ),
    save="Save my reflection",
    nudges=(
        "Forgiving before you feel safe can leave the hurt unspoken. There is no deadline.",
        "Asking when forgiveness will come puts a clock on something that has none.",
    ),
    extra={
        "private_note": "🔒 Only you can see this. Your partner never sees these reflections.",
        "safety_low": (
            "Your felt safety has been low lately. Forgiveness tends to follow safety, and it "
            "is never owed on a schedule. There is no need to hurry it."
        ),
        "ready_help": (
            "Being ready, or not, is not a test. Forgiveness can come slowly, in parts, or "
            "later than anyone expects."
        ),
        "for_partner_who_broke_trust": (
            "If you are the partner who broke trust, this page is for your own reflection, "
            "not for asking to be forgiven. Your part is the steady work of building safety."
        ),
    },
)

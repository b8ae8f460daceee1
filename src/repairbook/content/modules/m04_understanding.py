"""Module 4 — From blame to understanding.

Keys in ``TEXT.extra``:

not_excusing, own_part_help, side_by_side_title.
"""

from repairbook.content.model import FieldText, ModuleText

TEXT = ModuleText(
    number=4,
    slug="understanding",
    title="From blame to understanding",
    purpose="Each of you writes what you were feeling and needing at the time.",
    why=(
        "Blame keeps you circling who is at fault. Looking at what each of you felt and "
        "needed at the time shows the pattern you were both caught in. Seeing it clearly "
        "helps you choose what to change."
    ),
    steps=(
        "Think back to the time before trust broke.",
        "Write what you were feeling then.",
        "Write what you were needing, said or unsaid.",
        "If you are ready, name your own part in how things went between you.",
        "Read each other's words with curiosity.",
    ),
    fields={
        "feeling": FieldText(
            label="What I was feeling at the time",
            placeholder="Back then I often felt …",
        ),
        "needing": FieldText(
            label="What I was needing",
            placeholder="What I needed, and did not ask for, was …",
        ),
        "own_part": FieldText(
            label="My own part in the dynamic",
            help="Optional, and open to both of you.",
            placeholder="Looking back, I see that I …",
        ),
    },
    empty=(
        "Your reflections appear here side by side. Start with what you were feeling at the time."
    ),
    save="Save my reflection",
    nudges=(
        "If your partner's feelings at the time sound like an excuse, you can say so gently "
        "and keep reading. Understanding them is not agreeing with them.",
        "Naming your own part is about the space between you, not about sharing the blame "
        "for the breach.",
    ),
    extra={
        "not_excusing": (
            "Understanding is not excusing. What happened still happened, and responsibility "
            "for it stays with the one who did it."
        ),
        "own_part_help": (
            "Each of you, the hurt partner included, may name a part you played in the "
            "space between you, such as talks you avoided or signs you missed. Naming it "
            "does not excuse the breach or move the blame for it."
        ),
        "side_by_side_title": "What each of you felt and needed",
    },
)

"""Module 9 — Repair contract.

Keys in ``TEXT.extra``:

commitments_of ({name}), commitment_placeholder, sign_as ({name}), signed ({name}, {when}),
unsigned ({name}), in_effect, new_version, new_version_help, version_label ({n}),
versions_title, download_pdf, add_to_calendar, revisit_suggested ({date}).
"""

from repairbook.content.model import FieldText, ModuleText

TEXT = ModuleText(
    number=9,
    slug="contract",
    title="Repair contract",
    purpose="Write down three commitments each, sign them, and revisit them.",
    why=(
        "A written contract turns good intentions into something you can both come back "
        "to. Three commitments each keeps it small enough to live by. Revisiting it, "
        "monthly at first, lets it change as you do."
    ),
    steps=(
        "Each of you writes three commitments.",
        "Together, describe what support looks like and what would break the contract.",
        "Choose a date to revisit it. Monthly works well at first.",
        "Each of you signs. Any change makes a new version, signed again.",
    ),
    fields={
        "commitments": FieldText(
            label="Commitments",
            help="Three from each of you, each one something the other can see.",
        ),
        "support": FieldText(
            label="What support looks like",
            placeholder="Asking how the other is doing, and listening to the answer.",
        ),
        "breaks": FieldText(
            label="What breaks it",
            placeholder="Lying about where we are or who we are with.",
        ),
        "revisit_on": FieldText(
            label="Revisit on",
            help="Monthly at first. You can space revisits out later.",
        ),
        "contract_id": FieldText(label="Contract"),
        "contract_version": FieldText(label="Version"),
        "signed_at": FieldText(label="Signed at"),
    },
    empty=(
        "Your contract appears here once you have written it. Start with three commitments each."
    ),
    save="Save the contract",
    nudges=(
        "Commitments you can see being kept, like a message or a time, are easier to live "
        "by than promises about feelings.",
    ),
    extra={
        "commitments_of": "{name}'s commitments",
        "commitment_placeholder": "I will …",
        "sign_as": "Sign as {name}",
        "signed": "Signed by {name} on {when}",
        "unsigned": "Not yet signed by {name}",
        "in_effect": "Signed by both of you",
        "new_version": "Save as a new version",
        "new_version_help": (
            "Changing the contract makes a new version. You both sign it again, and earlier "
            "versions stay here to read."
        ),
        "version_label": "Version {n}",
        "versions_title": "Earlier versions",
        "download_pdf": "Download PDF",
        "add_to_calendar": "Add revisits to your calendar",
        "revisit_suggested": "Suggested revisit: {date}",
    },
)

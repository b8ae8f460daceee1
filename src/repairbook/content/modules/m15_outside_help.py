"""Module 15 — Getting outside help.

Keys in ``TEXT.extra``:

when_therapist_title, when_therapist, individual_support_title, individual_support,
not_therapy, resources_title, resources_empty, add_resource, role_couples_therapist,
role_individual_support, role_safety, role_emergency, role_other.
"""

from repairbook.content.model import FieldText, ModuleText

TEXT = ModuleText(
    number=15,
    slug="outside_help",
    title="Getting outside help",
    purpose="Know when someone from outside can help, and where to find them.",
    why=(
        "Some things are too heavy to carry with a workbook alone. A trained professional "
        "can hold a conversation for both of you in a way no app can. Reaching out is a "
        "sign of care for each other, not of failure."
    ),
    steps=(
        "Read when outside help tends to make a difference.",
        "Look at the resources set for you here.",
        "Add a couples therapist, a counsellor or a helpline you trust.",
        "If one of you will not take part, look for support of your own.",
    ),
    fields={
        "name": FieldText(label="Name", placeholder="The counselling centre in town"),
        "phone": FieldText(label="Phone"),
        "web": FieldText(label="Web address", placeholder="https://"),
        "role": FieldText(label="Kind of help"),
        "note": FieldText(label="Note", placeholder="Open on weekday evenings."),
    },
    empty=(
        "Resources that you or a facilitator add appear here. "
        "Start with a local couples therapist or a helpline."
    ),
    save="Save this resource",
    nudges=(
        "Waiting until things are at their worst makes help harder to reach. Asking early is fine.",
    ),
    extra={
        "when_therapist_title": "When a couples therapist can help",
        "when_therapist": (
            "A couples therapist can help when your talks keep spiralling into the same "
            "fight, however carefully you plan them. The same is true when the hurt involves "
            "an affair, another betrayal or an addiction; these often run deeper than a "
            "workbook can reach. If either of you feels unsafe, or feels unheard again and "
            "again, that is a clear sign too. Asking for outside help is a strength. It "
            "shows how much this matters to you."
        ),
        "individual_support_title": "When your partner will not take part",
        "individual_support": (
            "Rebuilding trust takes both of you. If your partner will not take part, or "
            "keeps playing it down or shifting the blame, you cannot do this alone, "
            "and you do not have to try. Support for yourself, from a counsellor or someone "
            "you trust, is a good next step."
        ),
        "not_therapy": (
            "This app is a workbook, not therapy. It helps you practise and keep an honest "
            "record, and it does not replace a professional."
        ),
        "resources_title": "Resources",
        "resources_empty": (
            "No resources have been added yet. A facilitator, or either of you, can add a "
            "couples therapist, a helpline or an emergency number here."
        ),
        "add_resource": "Add a resource",
        "role_couples_therapist": "Couples therapist",
        "role_individual_support": "Support for one of you",
        "role_safety": "Safety and domestic-abuse help",
        "role_emergency": "Emergency",
        "role_other": "Other",
    },
)

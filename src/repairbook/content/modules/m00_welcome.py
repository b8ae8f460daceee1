"""Module 0 — Welcome and safety.

Keys in ``TEXT.extra``:

setup_title, setup_intro, names_label, name_first_label, name_second_label,
names_same, passphrase_label, passphrase_confirm_label, passphrase_mismatch,
passphrase_help, passphrase_warning, passphrase_skip, hope_label, your_turn ({name}),
step_away ({other}), step_away_ready, screen_title, screen_intro, screen_q_afraid,
screen_q_threatened, screen_q_controlled, screen_q_hurt, screen_q_betrayal, yes, no,
screen_submit, screen_no_passphrase, safety_title, safety_body, safety_emergency ({number}),
safety_helpline ({name}, {contact}), safety_helpline_unset, safety_close, continue, pause,
paused_body, all_clear, done, role_hurt, role_broke_trust, role_both, role_prefer_not.
"""

from repairbook.content.model import FieldText, ModuleText

TEXT = ModuleText(
    number=0,
    slug="welcome",
    title="Welcome and safety",
    purpose="Say who you are and what you hope for, and check privately that you are safe.",
    why=(
        "Rebuilding trust starts from a place where both of you are safe. "
        "A few quiet questions, answered alone, show whether this workbook is the right "
        "next step for you. What you each hope for gives you something to come back to."
    ),
    steps=(
        "Write both of your first names.",
        "Each of you may choose a passphrase for your private pages.",
        "Each of you writes, in a sentence or two, what you hope for.",
        "Each of you answers a short safety check alone, while the other steps away.",
    ),
    fields={
        "hope": FieldText(
            label="What you hope for",
            help="A sentence or two is enough. Your partner sees this.",
            placeholder="I hope that we can …",
        ),
        "afraid": FieldText(label="Afraid of your partner"),
        "threatened": FieldText(label="Threatened by your partner"),
        "controlled": FieldText(
            label="Money, phone or movements controlled",
            help="For example, your partner decides what you spend, reads your phone "
            "against your wishes, or stops you going out.",
        ),
        "hurt": FieldText(label="Hurt or forced by your partner"),
        "betrayal_or_addiction": FieldText(
            label="Betrayal or addiction involved",
            help="This helps point you to the right kind of outside help later on.",
        ),
        "role": FieldText(
            label="Your part in what happened",
            help="Private and optional. It chooses which daily prompts you see.",
        ),
    },
    empty=(
        "What you each hope for appears here once you have written it. "
        "Start with your names, then a sentence about your hopes."
    ),
    save="Save and continue",
    nudges=("There are no right answers here. Honest ones help you most.",),
    extra={
        "role_hurt": "I was the one hurt",
        "role_broke_trust": "I broke trust",
        "role_both": "Both of us hurt each other",
        "role_prefer_not": "I would rather not say",
        "setup_title": "Getting started",
        "setup_intro": (
            "This workbook belongs to the two of you, and it stays on this computer. "
            "Start with your first names."
        ),
        "names_label": "Your first names",
        "name_first_label": "One of you",
        "name_second_label": "The other",
        "names_same": "The two names are the same. Use two different names, so each of you has a page.",
        "passphrase_label": "Your passphrase (optional)",
        "passphrase_confirm_label": "Type it once more",
        "passphrase_mismatch": "The two passphrases do not match. Type them again.",
        "passphrase_help": (
            "A passphrase locks your private pages: your safety check, your journal, your "
            "forgiveness reflections and any note you mark private. Only you can open them. "
            "A few words you can remember work well."
        ),
        "passphrase_warning": (
            "A forgotten passphrase cannot be recovered, by anyone. Your private entries "
            "would then stay locked for good. Your shared entries are not affected."
        ),
        "passphrase_skip": "Skip for now",
        "hope_label": "What do you hope for?",
        "your_turn": "{name}, this is your turn for the private safety check.",
        "step_away": (
            "The next part is private. {other}, we ask you to step away for a few minutes, "
            "so your partner can answer alone. Your own turn comes after."
        ),
        "step_away_ready": "I am alone now",
        "screen_title": "A private check",
        "screen_intro": (
            "🔒 Only you see this. Answer for how things are now. Your answers are private "
            "and are never shown to your partner."
        ),
        "screen_q_afraid": "Do you feel afraid of your partner?",
        "screen_q_threatened": (
            "Has your partner threatened you, or someone or something you care about?"
        ),
        "screen_q_controlled": "Does your partner control your money, your phone or where you go?",
        "screen_q_hurt": "Has your partner hurt you physically, or forced you into anything?",
        "screen_q_betrayal": (
            "Does the hurt between you involve an affair, another betrayal, or an addiction?"
        ),
        "yes": "Yes",
        "no": "No",
        "screen_submit": "Done",
        "screen_no_passphrase": (
            "You have no passphrase, so these answers are not kept. "
            "They only shape what you see right now."
        ),
        "safety_title": "Your safety comes first",
        "safety_body": (
            "Thank you for answering. It is not your fault. "
            "If you are in danger right now, call the emergency number. "
            "A domestic-abuse helpline can listen and help you think through what to do next. "
            "Before working on your relationship together, we recommend support for you on "
            "your own. Nothing you answered is shown to your partner."
        ),
        "safety_emergency": "In an emergency, call {number}.",
        "safety_helpline": "Helpline: {name}, {contact}.",
        "safety_helpline_unset": (
            "No helpline is set here yet. You can add one for yourself just below; only you "
            "will see it. Until then, search for the domestic-abuse helpline where you live, "
            "on a device only you use."
        ),
        "safety_close": "If someone could see this screen, you can close this page at any time.",
        "continue": "Continue to the workbook",
        "pause": "Pause here for now",
        "paused_body": (
            "The workbook is paused for you. Nothing is lost, and nothing changes on your "
            "partner's pages. You can come back whenever you choose."
        ),
        "all_clear": "Thank you. Nothing here changes what your partner sees.",
        "done": "You are both set up. Your first step is on the Today page.",
    },
)

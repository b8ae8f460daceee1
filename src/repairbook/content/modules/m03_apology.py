"""Module 3 — Ownership and apology.

Keys in ``TEXT.extra``:

for_partner_who_broke_trust, for_hurt_partner, need_to_know_title, need_to_know_help,
save_need_to_know, response_title, save_response, versions_title, new_version,
coach_title, coach_clean.
"""

from repairbook.content.model import FieldText, ModuleText

TEXT = ModuleText(
    number=3,
    slug="apology",
    title="Ownership and apology",
    purpose=(
        "The partner who broke trust offers a full apology, and the hurt partner says how it lands."
    ),
    why=(
        "A full apology names what was done, shows its impact, takes responsibility without "
        "excuses, and says what will change. Hearing that in plain words can help the hurt "
        "partner feel seen. Saying what is still missing keeps the apology honest rather "
        "than final."
    ),
    steps=(
        "The hurt partner may first write what they need to know to feel informed and safe.",
        "The partner who broke trust writes what they did, as plain facts.",
        "Then how it affected their partner, what they own, and their plan for amends and change.",
        "Read it together. The hurt partner says whether they felt heard and what is missing.",
        "A new version can follow. Earlier versions are kept.",
    ),
    fields={
        "questions": FieldText(
            label="What I need to know to feel informed and safe",
            help="The questions that keep coming back. Your partner reads these before writing.",
            placeholder="I need to know …",
        ),
        "act": FieldText(
            label="What I did",
            help="Name it plainly, in your own words, with no fuzzy spots.",
            placeholder="I …",
        ),
        "impact": FieldText(
            label="How it affected you",
            help="What it did to your partner, as best you understand it.",
            placeholder="Because of what I did, you …",
        ),
        "responsibility": FieldText(
            label="What I take responsibility for",
            help="Own it fully, with no “but” and no “if”.",
            placeholder="This was my choice …",
        ),
        "plan": FieldText(
            label="What I will do to make amends and change",
            help="Concrete steps your partner can see.",
            placeholder="From now on, I …",
        ),
        "why": FieldText(
            label="Why it happened (not an excuse)",
            help="Optional. Understanding the why can guide the change; it never makes it okay.",
            placeholder="Looking back, I see that I …",
        ),
        "prevention": FieldText(
            label="What will prevent it",
            help="Optional. What you will notice, and what you will do then.",
            placeholder="If I notice …, I will …",
        ),
        "apology_id": FieldText(label="Which apology"),
        "felt_heard": FieldText(label="I felt heard"),
        "accepted": FieldText(
            label="I can take this apology in",
            help="“Not yet” is an honest answer.",
        ),
        "missing": FieldText(
            label="What is still missing",
            placeholder="What I still need to hear is …",
        ),
    },
    empty=(
        "Apologies and responses appear here, with earlier versions kept. When you are "
        "ready, start with what the hurt partner needs to know."
    ),
    save="Save this apology",
    nudges=(
        "A “but” halfway through an apology tends to cancel what came before it. You might "
        "end the sentence there and keep the context for another time.",
        "“I'm sorry you felt that way” points at your partner's feelings rather than at "
        "what you did. You might name the act itself.",
        "When you hear what is still missing, try listening before explaining. “But I …” can wait.",
    ),
    extra={
        "for_partner_who_broke_trust": "For the partner who broke trust",
        "for_hurt_partner": "For the hurt partner",
        "need_to_know_title": "What I need to know",
        "need_to_know_help": (
            "Write what you need to know to feel informed and safe. Your partner answers it "
            "with the whole truth: what happened, why, and what will prevent it."
        ),
        "save_need_to_know": "Save what I need to know",
        "response_title": "How the apology lands",
        "save_response": "Save my response",
        "versions_title": "Earlier versions",
        "new_version": "Write a new version",
        "coach_title": "A second look at your apology",
        "coach_clean": "This reads as a full apology. It names what you did and owns it.",
    },
)

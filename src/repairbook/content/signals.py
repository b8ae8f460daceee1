"""Gentle signals: the thresholds (as data, each with its reason for being) and their words.

A signal is raised by :mod:`repairbook.progress` from the couple's own entries. Each one
shows why it appeared, in sentences filled from the data, and which entries it rests on.
A facilitator may adapt the numbers here; the rationale says what each number protects.
"""

from __future__ import annotations

from typing import Any

SIGNAL_NAMES = ("therapist", "pause", "forgiveness_rushed", "avoidance", "ease_off")

#: rule key -> the signal it raises, its numbers, and why those numbers
RULES: dict[str, dict[str, Any]] = {
    "tabled": {
        "signal": "therapist",
        "count": 3,
        "days": 42,
        "rationale": "Tabling a conversation is a good tool once in a while. When it happens "
        "again and again, talking may keep spiralling, and a third person can help.",
    },
    "unsettled_triggers": {
        "signal": "therapist",
        "intensity": 8,
        "recovery_minutes": 180,
        "count": 2,
        "days": 28,
        "rationale": "Strong triggers are normal early on. Several strong ones in a month that "
        "took three hours or more to settle, or never settled, are heavy to carry alone.",
    },
    "not_heard": {
        "signal": "therapist",
        "count": 3,
        "days": 56,
        "listening_heard_max": 2,
        "rationale": "Feeling unheard now and then is part of learning to listen. Three or "
        "more times in two months (after a conversation, an apology or a listening round "
        "rated 2 of 5 or lower) suggests a guide could help you both.",
    },
    "low_safety": {
        "signal": "therapist",
        "safety_max": 3.0,
        "weeks": 3,
        "rationale": "Felt safety of 3 or lower, week after week for three weeks, is a sign "
        "that this partner needs more support than a workbook can give.",
    },
    "intake": {
        "signal": "therapist",
        "rationale": "When the hurt involves betrayal or addiction, repair usually goes better "
        "with a professional alongside. This rests on that partner's private answer at the "
        "start, so only they see it.",
    },
    "apology_not_heard": {
        "signal": "pause",
        "count": 2,
        "days": 56,
        "rationale": "Repair needs both of you. When apologies keep missing the mark and no "
        "new version follows, it is reasonable to pause and look after yourself first.",
    },
    "apology_unanswered": {
        "signal": "pause",
        "days": 21,
        "max_days": 91,
        "rationale": "An answer that says something is missing is an invitation. Three weeks "
        "without a new version of the apology can mean responsibility is not being taken up. "
        "After three months the answer is taken as part of the past, not of now.",
    },
    "forgiveness": {
        "signal": "forgiveness_rushed",
        "min_readiness": 5,
        "safety_max": 4.0,
        "lookback_days": 14,
        "recent_days": 28,
        "rationale": "Forgiveness follows safety. A reflection leaning towards forgiving (5 of "
        "10 or more) while felt safety over the two weeks before averaged 4 or lower may be "
        "coming too soon. A reflection that says 'not yet' never raises it.",
    },
    "avoidance": {
        "signal": "avoidance",
        "days": 7,
        "rationale": "A missed day is nothing. A whole week without a check-in often means "
        "something feels hard to face; a gentle return helps more than a long catch-up.",
    },
    "ease_off": {
        "signal": "ease_off",
        "weeks": 6,
        "trust_min": 7.0,
        "safety_min": 7.0,
        "min_checkin_days": 3,
        "max_trigger_intensity": 6,
        "max_argument_days": 2,
        "rationale": "Tracking helps at first, not forever. Six steady weeks in a row (trust "
        "and safety at 7 or more for both of you, no strong triggers, the old argument back on two days a week at most) "
        "mean you might check in less often.",
    },
}

#: signal name -> title and what it invites
SIGNALS: dict[str, dict[str, str]] = {
    "therapist": {
        "title": "A couples therapist could help",
        "text": "Some of what you are carrying may be easier with a trained person alongside "
        "you. Reaching out is a strength. The 'Getting outside help' page has ideas on where "
        "to start.",
    },
    "pause": {
        "title": "Pause and look after yourself",
        "text": "Rebuilding trust takes both of you. For now you might step back from the "
        "apology work, look after yourself, and talk to someone you trust or a counsellor.",
    },
    "forgiveness_rushed": {
        "title": "Forgiveness can wait",
        "text": "There is no hurry to forgive. Forgiveness tends to follow once you feel safe "
        "again; you can come back to this reflection whenever you like.",
    },
    "avoidance": {
        "title": "Welcome back, whenever you are ready",
        "text": "It has been a while since the last check-in. A one-minute check-in today is "
        "enough to pick up the thread; there is nothing to catch up on.",
    },
    "ease_off": {
        "title": "You might ease off tracking",
        "text": "Things have been steady for a while. You might check in a few times a week "
        "instead of every day, and keep the rituals that you enjoy.",
    },
}

#: reason templates, filled from the data
REASONS = {
    "tabled": "{n} conversations were tabled in the last {weeks} weeks.",
    "unsettled_triggers": "{n} triggers rated {intensity} or higher in the last {weeks} weeks "
    "took {minutes} minutes or more to settle, or did not settle.",
    "not_heard": "{name} said {n} times in the last {weeks} weeks that they did not feel heard "
    "({parts}).",
    "not_heard_conversation": "{n} after a conversation",
    "not_heard_apology": "{n} after an apology",
    "not_heard_listening": "{n} in a listening round",
    "low_safety": "{name}'s felt safety averaged {values} out of 10 over the last {weeks} weeks.",
    "intake": "At the start, you noted that what happened involves betrayal or addiction.",
    "apology_not_heard": "{name} answered {n} apologies in the last {weeks} weeks saying they "
    "did not feel heard, and no new version of the apology followed.",
    "apology_unanswered": "{days} days ago, {name} said something was still missing from an "
    "apology, and no new version of it has followed.",
    "forgiveness": "You wrote a forgiveness reflection on {day} (readiness {readiness} of 10) "
    "while your felt safety over the two weeks before averaged {safety} out of 10.",
    "avoidance": "The last check-in from {name} was on {day}, {days} days ago.",
    "avoidance_both": "The last check-in from either of you was on {day}, {days} days ago.",
    "ease_off": "For the last {weeks} weeks, trust and felt safety stayed at {level} or more "
    "for both of you, with no strong triggers and the old argument back on two days a week at "
    "most.",
}

ONLY_YOU = "Only you can see this, because it rests on your private entries."

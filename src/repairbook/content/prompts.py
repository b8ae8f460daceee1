"""Daily prompts around one question: what does trust look like today?

The Today page shows one prompt a day. The app rotates through ``PROMPTS`` without a
repeat for two months (the pool holds more than sixty), because the same question day
after day is what couples tire of first. Each prompt is one short sentence or question.
"""

PROMPTS: tuple[str, ...] = (
    # small actions
    "What is one small thing you can do today exactly when you said you would?",
    "Send one message today that your partner does not have to wonder about.",
    "Which promise for today is small enough to keep to the minute?",
    "What could you tell your partner about your plans before they need to ask?",
    "Offer one piece of information today before it is asked for.",
    "What is one chore you could take on today without being asked?",
    "If you run late today, how will you let your partner know?",
    "What would a kept promise look like by this evening?",
    "Choose one moment today to put your phone away and be fully present.",
    "What small thing could you do today that your partner would notice?",
    # noticing
    "When did you feel at ease with your partner today?",
    "What did your partner do today that you almost missed?",
    "Where in your day did trust feel a little easier?",
    "What did you notice about your partner's mood this morning?",
    "Which moment today would you like to remember?",
    "What did your partner say today that stayed with you?",
    "When did you feel most like a team today?",
    "What is one thing your partner did differently this week?",
    "Notice one kind thing your partner does today, and name it to them.",
    "When did you hold back a worry today, and what helped?",
    # gratitude
    "What are you grateful to your partner for today?",
    "Which small effort from your partner can you thank them for?",
    "What is something about your partner you are glad of right now?",
    "Who has been on your side this week, and how?",
    "What made today a little lighter?",
    "Which part of your life together are you thankful for today?",
    "Thank your partner for something they did without being asked.",
    "What is one thing that went right between you this week?",
    # honesty
    "What is one true thing you could say today that is easy to say?",
    "Is there something small you have not mentioned yet?",
    "What would it take to answer one question today with no fuzzy spots?",
    "Where could you be a little more open today, in your own way?",
    "What feeling have you kept to yourself today?",
    "How could you say no today, kindly and clearly?",
    "What did you want to say yesterday and did not?",
    "Which question from your partner could you welcome rather than resist?",
    # the body
    "Where in your body do you feel calm today?",
    "Take three slow breaths together before dinner.",
    "How does your body feel when your partner comes home?",
    "What does a hug that feels safe look like for you today?",
    "Sit side by side for five quiet minutes today.",
    "Where do you hold tension today, and what would ease it?",
    "Go for a short walk together, at an easy pace.",
    "What helps your shoulders drop at the end of the day?",
    # the future
    "What would you like the two of you to be doing a year from now?",
    "What is one thing you look forward to this weekend?",
    "What would a good ordinary evening together look like next month?",
    "Which small plan could you make together for next week?",
    "What is one hope for your relationship you can say out loud today?",
    "What would you like to do together that you have never done?",
    "When you picture a steadier time, what does a morning look like?",
    "What habit would you like the two of you to have by the summer?",
    # play
    "What made you both laugh recently?",
    "Which song would you play for your partner today?",
    "Share a silly memory from when you first met.",
    "Cook something together today, even something simple.",
    "What game could you play together for ten minutes tonight?",
    "Send your partner a picture of something that made you smile.",
    "Which small adventure could fit into this week?",
    "What is the most ordinary thing you enjoy doing together?",
    # the two of you
    "What does feeling safe with each other look like today?",
    "What does your partner need from you today, in their words?",
    "How could you show today that you are paying attention?",
    "What helps you feel chosen by your partner?",
    "What would a calm evening need from each of you today?",
    "Which agreement between you felt easy to keep this week?",
    "How can you make it easier for your partner to trust you today?",
    "What can you let go of today, just for today?",
    "What would you like your partner to know about your day?",
    "Which of your partner's qualities are you leaning on today?",
    "How did you look after yourself today?",
    "What does patience with each other look like today?",
    # for the partner who was hurt (shown only to them, when they told the welcome)
    "What would help you feel a little safer today, and can you ask for it?",
    "Which worry could you set down for one hour today?",
    "What do you need to hear today, and from whom?",
    "Which boundary would help you feel steadier today?",
    "How could you be gentle with yourself when a reminder catches you today?",
    "Who, besides your partner, could you lean on a little today?",
)

#: prompts that fit one partner's part in what happened, shown only to a partner who told
#: the welcome that role (or "both"); every other prompt is written for both partners
FOR_ROLE: dict[str, str] = {
    "What is one small thing you can do today exactly when you said you would?": "broke_trust",
    "Send one message today that your partner does not have to wonder about.": "broke_trust",
    "Which promise for today is small enough to keep to the minute?": "broke_trust",
    "What could you tell your partner about your plans before they need to ask?": "broke_trust",
    "Offer one piece of information today before it is asked for.": "broke_trust",
    "If you run late today, how will you let your partner know?": "broke_trust",
    "Is there something small you have not mentioned yet?": "broke_trust",
    "What would it take to answer one question today with no fuzzy spots?": "broke_trust",
    "Which question from your partner could you welcome rather than resist?": "broke_trust",
    "How can you make it easier for your partner to trust you today?": "broke_trust",
    "What would help you feel a little safer today, and can you ask for it?": "hurt",
    "Which worry could you set down for one hour today?": "hurt",
    "What do you need to hear today, and from whom?": "hurt",
    "Which boundary would help you feel steadier today?": "hurt",
    "How could you be gentle with yourself when a reminder catches you today?": "hurt",
    "Who, besides your partner, could you lean on a little today?": "hurt",
}


def prompts_for(role: str | None) -> tuple[str, ...]:
    """The prompts a partner with ``role`` sees: those for both partners, and those for
    their own role ("both": every prompt; none told, or "prefer_not": those for both)."""
    if role == "both":
        return PROMPTS
    return tuple(p for p in PROMPTS if FOR_ROLE.get(p, role) == role or p not in FOR_ROLE)

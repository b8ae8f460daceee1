"""Words for the made-up demo couple, Alex and Sam. Sam is the partner who broke trust."""

HOPES = {
    "Alex": "To stop checking Sam's phone in my head all day, and to laugh together again.",
    "Sam": "To show Alex through what I do, week after week, that I can be relied on.",
}

SAFETY_NEEDS = {
    "Alex": {
        "helps": [
            "Transparency about plans",
            "Consistency: doing what was said",
            "A text when running late",
        ],
        "harder": ["Vague answers", "Plans changing without a word"],
        "note": "Small things done on time matter more to me than big gestures.",
    },
    "Sam": {
        "helps": ["Emotional attentiveness", "Being asked before being judged"],
        "harder": ["Questions that feel like an interrogation late at night"],
        "note": "",
    },
}

RESOURCES = [
    {
        "name": "Emergency services",
        "phone": "112",
        "role": "emergency",
        "note": "When someone is in danger right now.",
    },
    {
        "name": "Local couples counselling (set by your facilitator)",
        "role": "couples_therapist",
        "web": "https://example.org/counselling",
    },
]

CODE_WORD_REASSURANCE = "Stop, hold my hand for a minute, and tell me we are okay."

NEED_TO_KNOW = "When it started, whether it has fully ended, and whether anyone else knows."

APOLOGY_V1 = {
    "act": "I kept messaging someone behind your back for months.",
    "impact": "You stopped trusting what I say.",
    "responsibility": "I am sorry it hurt you so much.",
    "plan": "I will try to be better.",
}
APOLOGY_V2 = {
    "act": "For four months I kept a secret conversation with someone and lied about it when you asked.",
    "impact": "You lost sleep, you doubted your own memory, and you feel unsafe when my phone lights up.",
    "responsibility": "That was my choice and nobody else's. Nothing you did made me do it.",
    "plan": "I have ended that contact, I tell you my plans each morning, and we review this together every Sunday.",
    "prevention": "If I notice myself hiding something, I say so the same day.",
}
APOLOGY_MISSING = "It still sounds like it is about my feelings, not about what you did."

REFLECTIONS = {
    "Alex": {
        "feeling": "Lonely and shut out for most of last year.",
        "needing": "To be let in, to hear what was going on.",
        "own_part": "I stopped raising things because I was tired of arguing.",
    },
    "Sam": {
        "feeling": "Like a failure at home and numb at work.",
        "needing": "Attention, and a place where I did not feel I was letting anyone down.",
        "own_part": "I hid instead of saying I was struggling.",
    },
}

OFFERS = [
    (
        {"item": "A message when I leave work and when I arrive home", "category": "running_late"},
        60,
    ),
    ({"item": "Our weekend plans in the shared calendar", "category": "shared_plans"}, 90),
    ({"item": "My phone stays open on the table in the evenings", "category": "phone_open"}, 30),
]

AGREEMENTS = [
    (
        "communication",
        "If either of us is running more than 15 minutes late, we text before the time we said.",
    ),
    (
        "social_media",
        "Neither of us messages an ex privately; if one gets in touch, we tell each other the same day.",
    ),
    ("spending", "Any purchase over 100 we mention to each other within 24 hours."),
]

CONTRACT = {
    "commitments": {
        "Alex": [
            "Say when I am triggered instead of going quiet",
            "Keep our Sunday check-in even when I am tired",
            "Ask one curious question before assuming the worst",
        ],
        "Sam": [
            "Tell Alex my plans each morning",
            "Text before I am late, every time",
            "Answer hard questions without getting defensive",
        ],
    },
    "support": "A hand on the shoulder and a quiet check on how the other is doing.",
    "breaks": "Secret contact with the person from before, or lying about where we are.",
}
CONTRACT_SUPPORT_V2 = (
    "A hand on the shoulder, a quiet check on how the other is doing, and a walk after dinner."
)

CHECKIN_NOTES = [
    "Quiet evening, it felt easy.",
    "Hard morning, better after we talked at lunch.",
    "We cooked together for the first time in a while.",
    "I felt on edge when the phone buzzed, but it passed.",
    "Tired, but we were kind to each other.",
]
JOURNAL = [
    "Some days I still replay it all. Writing it here helps me leave it here.",
    "I noticed I did not check today. I am not sure what to make of that yet.",
    "I miss how easy things used to be. I also like how honest we are now.",
]
TRIGGERS = [
    "Sam's phone lit up during dinner and Sam turned it over.",
    "Sam came home 40 minutes later than said, with no message.",
    "A song from that time came on in the car.",
    "Sam mentioned a work trip next month.",
    "I saw a photo of a party I did not know about.",
]
REASSURANCE = "Sam sat with me, named what I was feeling, and showed me the message."
REPAIRS = ["We made tea and sat outside.", "A long hug.", "Sam called me during the lunch break."]
PROMISES = [
    "Text when I leave the office",
    "Be home by 18:30",
    "Call at lunchtime",
    "Book the restaurant for Friday",
    "Pick up the kids at 16:00",
    "Send the plan for Saturday",
    "Take out the recycling",
]
RITUAL_FACTS = "Plans for the week, what went well, one thing that was hard."
RITUAL_FEELINGS = [
    "Calmer than last week.",
    "Some anxiety about the trip.",
    "Close, and a bit sad.",
]
RITUAL_PROGRESS = [
    "Every promise kept this week.",
    "Fewer nights of checking.",
    "We talked without it escalating.",
]
FUN_DATES = [
    "Board games and pizza.",
    "A walk by the river.",
    "Cinema, no heavy talk.",
    "Cooked a new recipe.",
]
CARE_ACTS = [
    "Made coffee before work.",
    "Left a note in the bag.",
    "Warmed up the car.",
    "Listened without fixing.",
]
TOPICS = [
    "How we handle work trips",
    "What happens when one of us is late",
    "Money we spend without telling each other",
    "How we talk to my family about this",
]
I_STATEMENTS = [
    "When plans change without a message, I feel anxious, and I need a text if you're running late.",
    "When I hear about plans after they happen, I feel left out, and I need us to share the week on Sunday.",
    "When my questions get a short answer, I feel shut out, and I need a little more detail.",
]
LISTEN_SPEAK = [
    "I get scared on Friday nights because that is when it used to happen.",
    "I feel like whatever I do, it will never be enough.",
]
LISTEN_PARA = [
    "You're saying Friday nights bring the fear back because of what happened then.",
    "You feel your efforts might never count for enough.",
]
LESSONS = [
    {
        "what_went_wrong": "I said I'd be home at seven and forgot to text when I stayed late.",
        "lesson": "Silence is what hurts most, more than the delay.",
        "habit": "Set a reminder at 17:30 to send my plan for the evening.",
    },
    {
        "what_went_wrong": "We argued about the trip at midnight.",
        "lesson": "Late-night talks go in circles.",
        "habit": "Hard topics wait for our Sunday check-in or a planned time.",
    },
    {
        "what_went_wrong": "I got defensive when asked about a new colleague.",
        "lesson": "A question is a chance to rebuild, not an attack.",
        "habit": "Answer first, then say how the question felt.",
    },
]
WINS = [
    "A whole week of check-ins from both of us.",
    "We laughed at dinner like we used to.",
    "Alex did not check my phone all weekend.",
    "First fun date without talking about it.",
    "Our contract revisit felt easy.",
]
FORGIVENESS = "I can picture forgiving one day. Not yet. I want to feel steady first."

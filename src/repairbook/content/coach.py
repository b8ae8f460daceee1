"""The wording coaches' word lists, patterns and sentences, as data.

A facilitator can adapt the coaches here without touching any code (docs/coaches.md).

How a pattern reads
-------------------
Each :class:`Rule` holds a regular expression that is matched against a *normalized* copy of
the text: lower case, curly quotes and apostrophes made straight (’ → '), dashes made plain,
compatibility characters folded (NFKC). So write patterns in lower case with a plain ``'``.

* A space in a pattern means "one or more spaces, tabs or line breaks"; " *" and " ?" mean "maybe some".
* ``{you}``, ``{you_are}``, ``{dont}`` … are shorthands listed in :data:`MACROS`; they cover
  contractions and their long forms ("you're" / "you are", "don't" / "do not").
* A pattern only matches whole words: "but" never matches inside "button".
* ``unless_before`` / ``unless_after``: the hit is skipped when the words just before / just
  after it match this pattern (for example "as if" after "I feel").
* ``soft=True``: the rule only speaks when the text names no time, amount or situation
  (see :data:`SPECIFIC_MARKERS`). "Be more honest" is vague on its own, but fine in
  "we'll be more honest by telling each other within 24 hours".
* ``{quote}`` in a message is replaced by the words the rule found.

Which groups each coach uses, and in which order, is in :data:`COACH_GROUPS`. When two hits
overlap, the one from the earlier group (or earlier rule) is kept.
"""

from __future__ import annotations

from dataclasses import dataclass

#: The voice test skips this file: most strings here are regular expressions and word lists.
#: The coaches' own sentences (messages, suggestions) are checked in tests/test_checkers.py.
VOICE_EXEMPT = "patterns and word lists"


@dataclass(frozen=True)
class Rule:
    kind: str
    pattern: str
    message: str
    suggestion: str
    unless_before: str = ""
    unless_after: str = ""
    soft: bool = False


# -- shorthands for contractions and their long forms ------------------------------------
MACROS: dict[str, str] = {
    "you": r"(?:you|u|ya)",
    "your": r"(?:your|ur|yr)",
    "you_are": r"(?:you'?re|you are|u r|u are|ur)",
    "you_will": r"(?:you'?ll|you will|you are going to|you'?re going to|you'?re gonna)",
    "you_had": r"(?:you'?d|you had|you would)",
    "dont": r"(?:don'?t|do not)",
    "doesnt": r"(?:doesn'?t|does not)",
    "didnt": r"(?:didn'?t|did not)",
    "hadnt": r"(?:hadn'?t|had not)",
    "cant": r"(?:can'?t|cannot|can not)",
    "wont": r"(?:won'?t|will not)",
    "i_am": r"(?:i'?m|i am)",
    "i_will": r"(?:i'?ll|i will|i shall|i'?m going to|i am going to|i'?m gonna|i am gonna|i can|i'?d)",
    "its": r"(?:it'?s|it is|it was|that'?s|that is|that was|this is|this was)",
    "start": r"(?:^|(?<=[.!?;:,\n\"(\-]))",
    # the partner spoken of in the third person ("he must …", "my wife has to …")
    "they": r"(?:he|she|they|my (?:partner|wife|husband|girlfriend|boyfriend|fianc[eé]e?))",
    # whose things are watched: the partner's, in any person ("your phone", "his phone", "su móvil")
    "their": r"(?:your|ur|yr|his|her|their|the other'?s|my (?:partner|wife|husband)'s|"
    r"su|sus|tu|tus|son|sa|ses)",
}

# -- words that name a feeling ------------------------------------------------------------
FEELING_WORDS: tuple[str, ...] = (
    "afraid",
    "alone",
    "angry",
    "annoyed",
    "anxious",
    "ashamed",
    "awkward",
    "betrayed",
    "bitter",
    "calm",
    "calmer",
    "close",
    "confused",
    "cornered",
    "crushed",
    "defensive",
    "desperate",
    "disappointed",
    "disconnected",
    "dismissed",
    "distant",
    "distrustful",
    "drained",
    "embarrassed",
    "empty",
    "exhausted",
    "excluded",
    "fragile",
    "frightened",
    "frustrated",
    "furious",
    "glad",
    "grateful",
    "guilty",
    "happy",
    "heartbroken",
    "helpless",
    "hopeful",
    "hopeless",
    "humiliated",
    "hurt",
    "ignored",
    "included",
    "insecure",
    "invisible",
    "irritated",
    "jealous",
    "let down",
    "left out",
    "lonely",
    "lost",
    "loved",
    "miserable",
    "misunderstood",
    "nervous",
    "numb",
    "on edge",
    "overwhelmed",
    "panicked",
    "panicky",
    "proud",
    "raw",
    "relieved",
    "resentful",
    "sad",
    "safe",
    "scared",
    "secure",
    "seen",
    "shaken",
    "shaky",
    "sick",
    "small",
    "steady",
    "steadier",
    "stressed",
    "tense",
    "terrified",
    "tired",
    "torn",
    "uncomfortable",
    "uneasy",
    "unheard",
    "unimportant",
    "unsafe",
    "unsettled",
    "unsure",
    "upset",
    "vulnerable",
    "wary",
    "warm",
    "weary",
    "worried",
    "worthless",
)

_FEELING = "(?:" + "|".join(sorted(FEELING_WORDS, key=len, reverse=True)) + ")"

# The text names a feeling of the writer's own.
FEELING_MARKERS: tuple[str, ...] = (
    r"i(?: \w+)? (?:feel|felt|feeling)",
    r"{i_am}(?: (?:so|really|very|a bit|a little|quite|pretty|feeling|getting|still|also|just|now|left))* "
    + _FEELING,
    r"i (?:was|get|got|become|became|grow|'?ve been|have been|end up|ended up)(?: (?:so|really|very|a bit|a little|quite|pretty|more))* "
    + _FEELING,
    r"makes? me (?:feel )?" + _FEELING,
    r"(?:it|this|that) (?:hurts|hurt|scares|scared|frightens|frightened|worries|worried|upsets|saddens) me",
    r"(?:je me sens|me siento|me sentí|ich fühle mich|ich fühle|mi sento|me sinto|sinto-me)",
)

# Feelings that are hard to carry: a text naming one of these and no need gets "no need yet".
# Glad, proud, calm or close feelings need nothing from anyone, so they never do.
EASY_FEELINGS: frozenset[str] = frozenset(
    (
        "calm",
        "calmer",
        "close",
        "glad",
        "grateful",
        "happy",
        "hopeful",
        "included",
        "loved",
        "proud",
        "relieved",
        "safe",
        "secure",
        "seen",
        "steady",
        "steadier",
        "warm",
    )
)
_HARD = "(?:" + "|".join(sorted(set(FEELING_WORDS) - EASY_FEELINGS, key=len, reverse=True)) + ")"
HARD_FEELING_MARKERS: tuple[str, ...] = (
    _HARD,
    r"(?:rejected|invisible|abandoned|unloved|unwanted|trapped|stuck|sidelined|brushed off|"
    r"taken for granted|judged|belittled|powerless|ashamed|panicky|shut out|on edge)",
)

# Good habits said with "always" or "never" are praise, not a rule about the partner:
# "you always remember", "you never give up on us".
_KIND_ALWAYS = (
    r"(?:really |just |so )?(?:bring|remember|make (?:time|room|me (?:laugh|smile|feel (?:safe|"
    r"loved|welcome|special|better)))|know (?:how|what|when)|ask (?:how|about|me|if|what)|listen|"
    r"help|support|notice|cheer|look after|take care|say (?:thank|sorry|goodnight|good night|please)|"
    r"thank|hug|kiss|show up|turn up|come through|have my back|stand up for|stick up for|"
    r"back me up|keep (?:your|our|my)|tell me the truth|find (?:a way|time)|"
    r"put (?:us|me|the kids|our) first)\w*"
)
_KIND_NEVER = (
    r"(?:once )?(?:forget to (?:text|call|say|ask|kiss|thank|tell)|forget (?:my|our)|"
    r"miss (?:a|our|my)|let me (?:down|carry|walk|go|pay|feel alone)|judge|give up|complain|"
    r"fail (?:to|me)|make me feel (?:stupid|small|bad|silly|alone|ashamed|guilty|judged)|"
    r"raise (?:your|ur) voice|lose (?:your|ur) temper|stop trying|leave me (?:alone|out)|"
    r"hold (?:it|a grudge|things) against|take (?:me|us) for granted|criticise|criticize|mock|"
    r"let (?:us|the kids|them) down)\w*"
)
# Words that praise the partner: "you were so gentle", "such a caring person".
_PRAISE = (
    r"brave|kind|gentle|caring|supportive|patient|open|honest|generous|thoughtful|sweet|loving|"
    r"calm|good|great|strong|wonderful|brilliant|lovely|amazing|helpful|understanding|reliable|"
    r"considerate|fun|funny|clever|smart|warm|wise|beautiful|special|sensitive to|good listener"
)
# Easy feelings a partner "makes" one feel: no blame in "you made me feel so welcome".
_EASY = (
    r"safe|loved|happy|calm|laugh|smile|glad|proud|warm|seen|heard|secure|special|better|hopeful|"
    r"relaxed|at home|welcome|cared for|looked after|valued|respected|supported|understood|"
    r"wanted|lucky|beautiful|close"
)

# Signs that a text is a complaint: only a complaint or a request is missing a feeling.
# ("You were a rock for me this week" needs no "I feel".)
COMPLAINT_MARKERS: tuple[str, ...] = (
    r"\w+n'?t|not|never|no|nothing|without|again|late|forg[eo]t\w*|ignor\w*|shout\w*|yell\w*|"
    r"lie|lied|lies|lying|left|leave|leaving|mess\w*|blame\w*|cancel\w*|miss|missed|missing|"
    r"always|every time|stop\w*|alone|instead|anymore|any more|too (?:much|late|often|little)",
    r"{start} *(?:tell|call|text|stop|give|show|come|be|do|ring|answer|pick|put|let) ",
)

# Thanks and appreciation: a kind word is never blame, and needs no "I need".
APPRECIATION_MARKERS: tuple[str, ...] = (
    r"thanks?(?! a lot| for nothing)|thank you|thankful|grateful|appreciat\w*",
    r"i (?:really |so |just )?(?:liked|like) (?:it|that|the|how|you|when|the way)",
    r"i (?:really |so |just )?(?:love|loved|adore|adored|enjoy|enjoyed|treasure|cherish)",
    r"(?:meant|means) (?:a lot|so much|the world|everything)|made my (?:day|evening|week)",
    r"(?:helped|helps|helping) me|(?:felt|feel|feeling) (?:so |really |very )?(?:loved|cared for|"
    r"looked after|supported|respected|trusted|special|valued|appreciated|heard)",
    r"lovely|made my (?:whole )?(?:day|evening|week|morning)|"
    r"i (?:noticed|was touched|was moved|smiled)|proud of (?:you|us)|(?:so )?(?:glad|lucky) (?:that )?"
    r"(?:you|we|to have)",
    r"gracias|merci|danke|grazie|obrigad[oa]|cheers for",
    r"(?:amazing|wonderful|brilliant|fantastic|lovely|thoughtful|generous|delicious|beautiful|"
    r"incredible|awesome|delighted|a star|a gift|a relief|the best|so good (?:at|to|with)|"
    r"so kind|kind of {you}|so patient|so sweet|perfect|spoil(?:ed|t) me|came through|"
    r"cheer(?:ed|s)? me up|(?:matters|mattered) (?:so much |a lot )?to me|"
    r"exactly what i needed|(?:make|makes|made|making) me (?:so |really )?(?:happy|smile|laugh))",
    r"(?:{you_are}|{you} (?:were|are|have been|'ve been)|{you}'ve been) (?:so |really |very |such an? |"
    r"a really |a very |always |such |truly )*(?:" + _PRAISE + r")\b",
    r"{you} always " + _KIND_ALWAYS,
    r"{you} never " + _KIND_NEVER,
    r"made (?:me|us) feel (?:so |really )?(?:" + _EASY + r")",
    r"(?:made|makes|make) (?:all the |a (?:real |big |huge )?)difference|(?:lifts?|brightens?|starts?|"
    r"made|makes) my (?:whole )?(?:day|week|weekend|morning|evening)|"
    r"(?:it|that|this) (?:really )?(?:helps|helped|is helping|'s helping)|(?:adores?|loves?|loved) {you}",
)

# Describing one's own way of reacting ("I go quiet when …", "I'm a worrier") is a feeling told.
SELF_DESCRIPTION_MARKERS: tuple[str, ...] = (
    r"i (?:tend to|often|usually|always|sometimes|know i|notice i|get|go|find it|struggle|"
    r"can'?t help)\b",
    r"{i_am} (?:a|an|someone|not (?:good|great|ready)|slow|easily|sensitive|learning|finding|"
    r"struggling|still|afraid|scared|not ready)\b",
    r"sometimes i|i know i|i (?:worry|panic|overthink|freeze|shut down|cry)\b",
)


# The text names a need, a wish or a request.
NEED_MARKERS: tuple[str, ...] = (
    r"i(?: \w+)? (?:need|want|ask|hope|wish|request)",
    r"i(?: \w+)? (?:needed|wanted) (?:(?:you|us|them|him|her) )?to",
    r"i(?:'d| would)(?: \w+)? (?:like|love|appreciate|prefer)",
    r"{i_am} (?:asking|hoping|requesting)",
    r"(?:could|can|would|will) (?:you|we)",
    r"let'?s",
    r"please",
    r"it(?:'d| would| will) help",
    r"what (?:would )?helps?",
    r"(?:would|will|'d) (?:really )?help",
    r"{i_am} (?:working on|learning|trying)",
    r"i(?:'ll| will) (?:try|work|learn|talk|tell)",
    r"necesito|j'ai besoin|ich brauche|preciso|ho bisogno",
)

# The text names a time, an amount or a situation: an agreement (or a plan) someone can see kept.
SPECIFIC_MARKERS: tuple[str, ...] = (
    r"\d",
    r"[£$€%]",
    r"(?:si|cuando|quand|wenn|minutos|heures?|horas?|stunden?|semaine|semana|woche)",
    r"(?:one(?! (?:of|another))|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|thirty|forty|fifty|sixty|hundred|once|twice|half|dozen|a couple)",
    r"(?:minute|hour|day|daily|week|weekly|fortnight|month|monthly|year|tonight|today|tomorrow|"
    r"morning|afternoon|evening|night|weekend|weekday|weeknight|monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday|noon|midnight|lunchtime|lunch|dinner|breakfast|payday|"
    r"bedtime|am|pm|o'?clock|meals?)s?",
    r"(?:if|when|whenever|unless|before|after|during|until|till|within|as soon as|each time|"
    r"every time|straight away|right away|immediately|the same day|first)",
    r"(?:at most|at least|no more than|more than|less than|fewer than|up to|over|under|maximum|"
    r"minimum|neither|never|not even|none|each(?! other)|every)",
)

# The offer has an end or a review (transparency coach).
TIME_LIMIT_MARKERS: tuple[str, ...] = (
    r"(?:until|till|til|through|thru|up until|hasta|jusqu'?(?:à|au)|bis)",
    r"for (?:the )?(?:next |coming |first )?(?:\d+|a|an|one|two|three|four|five|six|seven|eight|"
    r"nine|ten|eleven|twelve|few|couple of)? ?(?:day|week|month|year|fortnight|weekend|night|evening)s?",
    r"over the (?:next|coming)",
    r"(?:review|revisit|reconsider|re-?evaluate|re-?assess)\w*",
    r"(?:look at (?:this|it) again|look again|talk about (?:this|it) again|decide together|"
    r"decide then)",
    r"(?:once|this week|this weekend|this month|today|tonight)",
    r"(?:weekend|week|day|trip|visit|night|evening|holiday) only",
    r"\d{4}-\d{2}-\d{2}",
)

# The text says who did it (apology coach).
OWNERSHIP_MARKERS: tuple[str, ...] = (r"(?:i|me|my|mine|myself|im|ive)",)

_DID = (
    r"(?:\w+ed|lied|hid|hidden|broke|broken|took|taken|kept|made|let|went|gone|told|said|spent|"
    r"stole|stolen|left|forgot|forgotten|slept|drank|drunk|gave|given|ran|sent|read|chose|"
    r"chosen|did|done|had|hurt|put|bought|sold|came|got|swore|threw|thrown|wrote|written|lost|bet|"
    r"began|begun|brought|caught|fought|met|saw|seen|sat|spoke|spoken|stood|struck|took|woke|"
    r"wore|won|paid|sold|sank|hit|cut|shut|beat|meant|felt free|mocked|cheated|betrayed)"
)
_NOT_DONE = (
    r"(?:needed|wanted|hoped|wished|loved|liked|believed|realised|realized|noticed|learned|"
    r"appreciated|worried|feared|supposed|used(?= to)|guessed|imagined|assumed|felt|meant)"
)

# The writer names what they did: "I lied", "I've been hiding", "sorry for shouting",
# "it was my choice". An apology without one regrets an outcome, not an act.
ACT_MARKERS: tuple[str, ...] = (
    r"(?:i|i'?ve|i have|i'?d|i had)(?: \w+ly| just| also| then| even| still| never| really| "
    r"already| been)* (?!" + _NOT_DONE + r"\b)" + _DID,
    r"i(?:'ve|'d| have| had) been \w+ing|{i_am} (?:responsible|to blame) for|"
    r"i was (?:\w+ )?(?:somewhere else|elsewhere|distant|checked out|not there)|i (?:was|got) (?:\w+ )?(?:caught|confronted)\b",
    r"i (?:didn'?t|did not|never|wasn'?t|was not|couldn'?t be bothered|failed|should(?:n'?t| not)? "
    r"have|could have|would not|wouldn'?t|refused|chose|decided|let|ignored|kept)\b",
    r"i (?:was|have been|'ve been)(?: \w+){0,2}? (?:\w+ing|wrong|"
    r"cruel|unkind|dishonest|selfish|unfair|rude|careless|a coward|cowardly|out of line|secretive|"
    r"mean|the one|the only|the reason|late|drunk|unfaithful|disloyal|thoughtless|cold|harsh|"
    r"absent|not honest|not there|wasn'?t there|untruthful|deceitful|controlling|jealous|"
    r"irresponsible|reckless|hurtful|sarcastic|dismissive|defensive|violent|aggressive)",
    r"(?:(?:sorry|apologi[sz]e|ashamed|guilty) (?:for|about|of)|regret) (?:my |the |all the |"
    r"ever )?(?:(?:months|years|weeks|days|nights|time) of )?(?!(?:every|any|no|some)thing)"
    r"(?:\w+ing|lie|lies|affair|joke|jokes|comment|comments|remark|remarks|words|insult|"
    r"insults|messages|texts|flirting|betrayal|cheating|secrecy|silence|silent treatment|"
    r"shouting|names|deceit|dishonesty|behaviour|behavior|actions|temper|outburst|cruelty)\b",
    r"my (?:choice|choices|decision|decisions|fault|responsibility|lie|lies|lying|affair|"
    r"drinking|gambling|behaviour|behavior|actions|words|mistake|betrayal|cheating|dishonesty|"
    r"secret|secrets|temper|silence|doing|failure|part)\b",
    r"(?:it|that|this) (?:was|is|'s) (?:on )?me\b|(?:it|that|this)'s on me|i take (?:full |"
    r"complete |all the )?responsibility|i (?:own|admit)\b",
)

# Why an apology names no act, for a message that says so: passive voice ("promises were
# broken"), or sorrow about how it all came out rather than about what was done.
PASSIVE_MARKERS: tuple[str, ...] = (
    r"(?:were|was|got|have been|has been|had been|weren'?t|wasn'?t|went) (?:\w+ly )?(?!"
    + _NOT_DONE
    + r"\b)"
    + _DID
    + r"(?! (?:by me|me))",
    r"(?:it|this|that|the affair|things|the whole thing) (?:just )?happened",
)
# The text says sorry (or regrets): only then is a missing act a missing apology.
APOLOGY_WORDS: tuple[str, ...] = (
    r"sorry|apologi[sz]e\w*|apologies|regret\w*|(?:a )?(?:shame|pity)|i wish|forgive me|"
    r"lo siento|perd[oó]n|désolée?|pardon|es tut mir leid|entschuldigung|mi dispiace|desculpa",
)
CONSEQUENCE_MARKERS: tuple[str, ...] = (
    r"(?:sorry|regret|a (?:shame|pity)|wish) (?:that |about |for )?(?:{you}|it|this|that|things|"
    r"everything|the way|how|the whole|your|all (?:the|this)|the \w+)",
)


# -- shared sentences ---------------------------------------------------------------------
_BLAME_MSG = (
    "“{quote}” turns one moment into a rule about your partner, and a rule is easy to "
    "defend against and hard to hear."
)
_BLAME_TRY = (
    "Name one recent time and what you felt, for example "
    "“When you came home at one last night without a message, I felt scared.”"
)
_MAKE_ME_MSG = "“{quote}” hands your feeling to your partner to carry, when the feeling is yours and it matters."
_MAKE_ME_TRY = (
    "Try “When … happens, I feel …”, so the feeling stays yours and the moment stays specific."
)
_ACCUSE_MSG = (
    "“{quote}” sounds like a verdict on who your partner is, which makes it hard for them "
    "to hear what hurts."
)
_ACCUSE_TRY = "Describe what happened and how it landed for you: “When …, I felt …”."
_SARCASM_MSG = "“{quote}” can read as sarcasm, and on a page it lands sharper than you mean it."
_SARCASM_TRY = (
    "Say the plain feeling underneath, even if it is only “I’m tired and I feel let down.”"
)
_THOUGHT_MSG = (
    "“{quote}” starts like a feeling and goes on to a guess about your partner, which may not "
    "be what they meant."
)
_THOUGHT_TRY = "Name the feeling itself, such as hurt, scared or lonely: “When …, I feel lonely.”"
_QUESTION_MSG = (
    "“{quote}” asks a question that already holds a verdict, so your partner can only defend."
)
_QUESTION_TRY = "Say what happened and how it felt, then ask: “When …, I felt …. Could we …?”"
_DEMAND_I_MSG = (
    "“{quote}” tells your partner what to do, which can close a conversation before it opens."
)
_DEMAND_I_TRY = "Turn it into your own need: “I need …”, or ask: “Would you be willing to …?”"

_NON_APOLOGY_REACTION_MSG = (
    "“{quote}” apologises for your partner’s reaction rather than for what you did."
)
_NON_APOLOGY_REACTION_TRY = "Name your own act: “I’m sorry I …”."
_NON_APOLOGY_IF_MSG = (
    "“{quote}” makes the hurt sound uncertain, when your partner has already told you it happened."
)
_NON_APOLOGY_IF_TRY = "Leave out the “if” and name what you did: “I’m sorry I …”."
_NON_APOLOGY_PASSIVE_MSG = "“{quote}” leaves out who made them."
_NON_APOLOGY_PASSIVE_TRY = "Put yourself in the sentence: “I made a mistake when I …”."
_NON_APOLOGY_BUT_MSG = (
    "“{quote}”: what follows a “but” tends to cancel the apology that came before it."
)
_NON_APOLOGY_BUT_TRY = (
    "Let the apology stand on its own. Reasons can wait for another day, if they are asked for."
)
_NON_APOLOGY_CLOSE_MSG = (
    "“{quote}” can sound like the apology is given to end the conversation, not to open it."
)
_NON_APOLOGY_CLOSE_TRY = (
    "Take your time. Say what you did and how it affected your partner, then listen."
)

_SHIFT_BUT_MSG = (
    "“{quote}” can turn an apology into a defence: what comes after it is often heard as an excuse."
)
_SHIFT_BUT_TRY = "End the sentence before the “but”, or go on with “and”: “and I chose to …”."
_SHIFT_IF_MSG = "“{quote}” places part of the cause with your partner."
_SHIFT_IF_TRY = "Keep to your own part: “I chose to …”."
_SHIFT_MADE_MSG = "“{quote}” gives your choice to your partner."
_SHIFT_MADE_TRY = "Own the choice: “I decided to …, and that was mine.”"
_SHIFT_BECAUSE_MSG = "“{quote}” explains what you did with what your partner did."
_SHIFT_BECAUSE_TRY = (
    "Keep the apology about your own act. Their part, if there is one, belongs to another "
    "conversation."
)
_SHIFT_TURN_MSG = (
    "“{quote}” turns from your apology to what your partner did, and that part is heard as an "
    "excuse."
)
_SHIFT_TURN_TRY = (
    "End the apology before “{quote}”, or go on with what you will do: “… and I will …”."
)
_SHIFT_SHARE_MSG = "“{quote}” shares out the blame while your partner is waiting to hear your part."
_SHIFT_SHARE_TRY = "Stay with your own part for now: “What I did was …”."

_MINIMISE_MSG = "“{quote}” makes what happened sound smaller than it felt to your partner."
_MINIMISE_TRY = "Let it be as big as it was for them: “I know this hurt you deeply.”"
_MINIMISE_REACTION_MSG = "“{quote}” tells your partner that their reaction is wrong."
_MINIMISE_REACTION_TRY = "Acknowledge it instead: “I can see how much this hurt you.”"

_VAGUE_APOLOGY_MSG = "“{quote}” does not yet say what you are sorry for."
_VAGUE_APOLOGY_TRY = "Name the act in plain words: “I’m sorry I lied to you about Friday.”"
_VAGUE_PLAN_MSG = "“{quote}” is a kind intention, and it is hard for your partner to see it happen."
_VAGUE_PLAN_TRY = (
    "Add something they can notice: what you will do, and when, for example "
    "“I’ll text you by six each evening.”"
)

_VAGUE_AGREEMENT_MSG = (
    "“{quote}” can mean different things to each of you, so it is hard to tell when it is kept."
)
_VAGUE_AGREEMENT_TRY = (
    "Say what you will do and when: “tell each other within 24 hours” rather than “be more honest”."
)
_LOOSE_AGREEMENT_MSG = (
    "“{quote}” leaves a way out, so neither of you can be sure whether it was kept."
)
_LOOSE_AGREEMENT_TRY = "Make it something you can both see: a time, an amount or a situation."

_DEMAND_MSG = "“{quote}” reads as a demand, and openness holds best when both of you choose it."
_DEMAND_TRY = "Turn it into something offered: “I’m willing to …” or “We both …”."
_SURVEILLANCE_MSG = (
    "“{quote}” sounds like watching your partner rather than being open yourself, and checking "
    "up tends to keep the worry going."
)
_SURVEILLANCE_TRY = (
    "Ask for an offer, or make one of your own: “I’ll share my … until our review on …”."
)
_OPEN_ENDED_MSG = (
    "“{quote}” has no end, and openness like this helps most for a while and is then reviewed."
)
_OPEN_ENDED_TRY = "Add an end or a review date, for example “until our review on 1 March”."


# A demand inside an "if" or "whenever" clause is an offer ("whenever you need to talk").
_IF_CLAUSE = r"(?:if|when|whenever|as long as|until|in case)"

# -- the rules, in groups -------------------------------------------------------------------
GROUPS: dict[str, tuple[Rule, ...]] = {
    "blaming_absolute": (
        Rule(
            "blaming_absolute",
            r"(?:{you_are}|{you}(?:'ve| have| were)?) (?:always|constantly|forever|continually|"
            r"repeatedly|every single time)",
            _BLAME_MSG,
            _BLAME_TRY,
            unless_after=_KIND_ALWAYS,
        ),
        Rule(
            "blaming_absolute",
            r"(?:{you_are}|{you}(?:'ve| have| were)?) never",
            _BLAME_MSG,
            _BLAME_TRY,
            unless_after=_KIND_NEVER,
        ),
        Rule("blaming_absolute", r"(?:every|each) (?:single )?time {you}", _BLAME_MSG, _BLAME_TRY),
        Rule(
            "blaming_absolute",
            r"{you} (?:make|made|makes|making) me",
            _MAKE_ME_MSG,
            _MAKE_ME_TRY,
            unless_after=r"(?:feel )?(?:so |really |very )?(?:" + _EASY + r")",
        ),
        Rule("blaming_absolute", r"{you} keep (?:on )?\w+ing", _BLAME_MSG, _BLAME_TRY),
        Rule(
            "blaming_absolute",
            r"all {you} (?:ever )?(?:do|care about|think about|want)",
            _BLAME_MSG,
            _BLAME_TRY,
        ),
        Rule("blaming_absolute", r"{you} (?:{wont}|{dont}|{didnt}) ever", _BLAME_MSG, _BLAME_TRY),
    ),
    "you_accusation": (
        Rule(
            "you_accusation",
            r"{you_are}(?: (?:so|such|really|being|just|a|an|the|totally|completely|very|absolutely|"
            r"an absolute|a complete|a total|utterly))* (?:selfish|liar|cheat|cheater|coward|cruel|"
            r"heartless|cold|lazy|useless|pathetic|ridiculous|impossible|crazy|insane|mental|"
            r"paranoid|dramatic|hysterical|toxic|manipulative|controlling|needy|clingy|dishonest|"
            r"untrustworthy|careless|thoughtless|inconsiderate|immature|childish|stupid|idiot|"
            r"hopeless|unbelievable|disgusting|fake|narcissist|narcissistic|abusive|worst|reason|"
            r"problem|to blame|worthless|spoiled|spoilt|arrogant|rude|mean|awful|terrible|horrible|"
            r"nasty|evil|weak|mess|joke|disappointment|unreliable|irresponsible|self-centred|"
            r"self-centered|self centred|self centered)",
            _ACCUSE_MSG,
            _ACCUSE_TRY,
        ),
        Rule(
            "you_accusation",
            r"{you_are} such an?",
            _ACCUSE_MSG,
            _ACCUSE_TRY,
            unless_after=r"(?:\w+ )?(?:" + _PRAISE + r")",
        ),
        Rule(
            "you_accusation",
            r"(?:tu es|t'es|du bist|eres|sei) (?:toujours|immer|siempre|sempre|vraiment|so|tan|muy)|"
            r"égoïste|egoísta|egoista|egoistisch|{you} (?:always|never) \w+ (?:tarde|jamais|nunca)|"
            r"{you} (?:clearly|obviously|probably) (?:think|want|don'?t|care|prefer)|"
            r"{you_are} (?:exactly |just )?like {your} (?:mother|father|mum|mom|dad|ex|brother|sister)|"
            r"{you_are} (?:so |totally |completely )?obsessed",
            _ACCUSE_MSG,
            _ACCUSE_TRY,
        ),
        Rule(
            "you_accusation",
            r"{you} (?:{dont}|{didnt}|{doesnt}|dont|didnt|never)(?: even| really| actually| ever)? "
            r"(?:care|love|listen|respect|try|think|notice|value|appreciate|give a)",
            _ACCUSE_MSG,
            _ACCUSE_TRY,
        ),
        Rule(
            "you_accusation",
            r"{you} (?:only|just) (?:ever )?(?:care|think|want|look out)",
            _ACCUSE_MSG,
            _ACCUSE_TRY,
        ),
        Rule(
            "you_accusation",
            r"{you}(?:'ve| have)? (?:ruined|destroyed|wrecked|betrayed|humiliated|used|manipulated|"
            r"lied|cheated|abandoned|trashed|poisoned|killed|screwed|broke (?:my|our|me))",
            _ACCUSE_MSG,
            _ACCUSE_TRY,
        ),
        Rule(
            "you_accusation",
            r"(?:{its} )?(?:all )?{your} fault|(?:this|that) is on {you}|{you_are} to blame",
            _ACCUSE_MSG,
            _ACCUSE_TRY,
        ),
    ),
    "accusing_question": (
        Rule(
            "you_accusation",
            r"why (?:do|did|does|are|were|can'?t|won'?t|would|is|should|am|don'?t|didn'?t|must|"
            r"have|has|haven'?t|doesn'?t|isn'?t)(?: \w+){0,2}? (?:{you}|{your}|i always|it always)(?=[^?\n]*\?)|"
            r"why (?:is|does) (?:it|everything) (?:always|have to|so hard)|"
            r"how (?:could|dare|can|would) {you}|how many (?:more )?times|how hard is it|"
            r"how is it possible|what'?s wrong with {you}|what is wrong with {you}|"
            r"what(?:'s| is) {your} problem|what (?:kind|sort) of (?:a )?(?:person|partner|man|woman|"
            r"husband|wife|father|mother|parent)|what were {you} thinking|"
            r"do {you} (?:even|ever|have any idea|think i'?m|really think)|"
            r"are {you} (?:stupid|serious|kidding|insane|crazy|incapable|ever going|even|blind|deaf|"
            r"deliberately|an idiot|mad)|(?:can'?t|can) {you} (?:never|ever|do anything|not|just)|"
            r"is (?:it|that) (?:so|too|really so) (?:hard|much|difficult)|is {your} \w+ more important|"
            r"have {you} (?:lost {your} mind|ever once|no)|who (?:do {you} think {you_are}|taught {you})|"
            r"{dont} {you} (?:think|care|see)|when are {you} (?:going to|gonna) (?:grow up|change|stop|learn)|"
            r"why should i believe|why would anyone|what did {you} expect|por qué (?:siempre|nunca)|"
            r"pourquoi tu",
            _QUESTION_MSG,
            _QUESTION_TRY,
        ),
    ),
    "minimising_partner": (
        Rule(
            "minimising",
            r"overreact\w*|making (?:a |such a )?(?:big |huge )?(?:deal|fuss|drama|scene)|"
            r"(?:too|being|so) sensitive|oversensitive|over nothing|such (?:small|little|tiny) things|"
            r"{its}(?: really| honestly)? (?:only|just) (?:a|an|one|\w+ minutes)|"
            r"{its} just {you}",
            _MINIMISE_REACTION_MSG,
            _MINIMISE_REACTION_TRY,
        ),
        Rule(
            "minimising",
            r"calm down",
            _MINIMISE_REACTION_MSG,
            _MINIMISE_REACTION_TRY,
            unless_before=r"(?:me|us|to|i|we|help|helps|helped|could|can)",
            unless_after=r"(?:a|when|after|before|if|together|first)\b",
        ),
    ),
    "demand_personal": (
        Rule(
            "demand",
            r"{you} (?:must|have to|need to|'?ve got to|have got to|got to|gotta|should|ought to)"
            r"(?= \w)",
            _DEMAND_I_MSG,
            _DEMAND_I_TRY,
            unless_before=_IF_CLAUSE,
        ),
        Rule("demand", r"{you}(?:'d| had) better", _DEMAND_I_MSG, _DEMAND_I_TRY),
    ),
    "thought_as_feeling": (
        Rule(
            "thought_as_feeling",
            r"i(?: \w+)? (?:feel|felt|am feeling|'?m feeling) that",
            _THOUGHT_MSG,
            _THOUGHT_TRY,
            unless_after=r"(?:way|too|pain|hurt|loss|fear|[.,!?]|$)",
        ),
        Rule(
            "thought_as_feeling",
            r"i(?: \w+)? (?:feel|felt|am feeling|'?m feeling) (?:like|as if|as though)"
            r"(?= (?:{you}|{you_are}|{your})\b)",
            _THOUGHT_MSG,
            _THOUGHT_TRY,
        ),
        Rule(
            "thought_as_feeling",
            r"i (?:feel|felt)(?= {you}(?:'re|'ve|'d|'ll)? (?:don|do|did|are|were|never|always|want|"
            r"prefer|only|think|can|won|have|had|just|really|dont|didnt|take|took|wish|hate|lie|lied|"
            r"care)\w*)",
            _THOUGHT_MSG,
            _THOUGHT_TRY,
        ),
    ),
    "sarcasm": (
        Rule("sarcasm", r"(?:yeah|yea|ya|yes),? right", _SARCASM_MSG, _SARCASM_TRY),
        Rule(
            "sarcasm",
            r"oh,? (?:great|sure|wonderful|brilliant|perfect|lovely|fantastic|joy|goody|please|"
            r"so now|really)",
            _SARCASM_MSG,
            _SARCASM_TRY,
        ),
        Rule(
            "sarcasm",
            r"(?:sure|fine|ok|okay|yeah|yes|sorry)[,.!]* whatever",
            _SARCASM_MSG,
            _SARCASM_TRY,
        ),
        Rule(
            "sarcasm",
            r"{start} *whatever(?! (?:you|i|we|it|that|the|happens|he|she|they|works|helps|is|was|"
            r"time|your|my|our)\b)",
            _SARCASM_MSG,
            _SARCASM_TRY,
        ),
        Rule("sarcasm", r"(?<![/:])/s(?=\s|$|[.!?,)])", _SARCASM_MSG, _SARCASM_TRY),
        Rule(
            "sarcasm",
            r"{start} *as if",
            _SARCASM_MSG,
            _SARCASM_TRY,
            unless_after=r"(?:nothing|everything|(?:i|we|he|she|they|it) (?:were|was|had|didn'?t|"
            r"did not))\b",
        ),
        Rule(
            "sarcasm",
            r"thanks a lot|thanks for nothing|cheers for nothing|(?:wow|gee),? thanks|"
            r"thank you so much for (?:nothing|ignoring|leaving|forgetting)",
            _SARCASM_MSG,
            _SARCASM_TRY,
        ),
        Rule("sarcasm", r"(?:real|very|how) mature", _SARCASM_MSG, _SARCASM_TRY),
        Rule(
            "sarcasm",
            r"how (?:nice|kind|thoughtful|lovely|sweet|generous|considerate) of {you}",
            _SARCASM_MSG,
            _SARCASM_TRY,
        ),
        Rule(
            "sarcasm",
            r"big surprise|what a surprise|surprise,? surprise|colou?r me surprised",
            _SARCASM_MSG,
            _SARCASM_TRY,
        ),
        Rule(
            "sarcasm",
            r"(?:sorry|apologi[sz]e) for (?:breathing|existing|living|being alive|having (?:a life|"
            r"feelings|friends)|wanting)|(?:well,? )?excuse me for (?:not )?\w+ing|(?:like|as if) i care|"
            r"not (?:perfect|a saint) like {you}|not a (?:mind reader|saint)",
            _SARCASM_MSG,
            _SARCASM_TRY,
        ),
        Rule(
            "sarcasm",
            r"oh,? (?:yes|i'?m (?:so |terribly |really )?sorry|i (?:do )?apologi[sz]e)|"
            r"sorry,? (?:your majesty|your highness|my lord|my liege)|"
            r",? (?:officer|warden|boss|your majesty|my lord)[.!]*$|"
            r"(?:like|just like) (?:a|an) (?:naughty )?(?:child|prisoner|criminal|suspect)|"
            r"(?:apparently|since|because) i'?m (?:apparently )?(?:a criminal|on parole|a suspect)|"
            r"i'?m a criminal|on parole|that should (?:satisfy|keep) {you}|"
            r"is that enough\?|happy now\?|satisfied now\?",
            _SARCASM_MSG,
            _SARCASM_TRY,
        ),
        Rule(
            "sarcasm",
            r",? (?:obviously|naturally|of course|no problem)[.!]*$|"
            r"like (?:a|the) (?:happy |perfect )?couples? in (?:a|the) (?:film|movie|adverts?|ads?)|"
            r"(?:brilliant|great|genius|fantastic|wonderful) (?:plan|idea)[:!]|"
            r"(?:bravo|well done|congratulations|congrats|great job|good job|nice job|way to go)\b"
            r"[^.!?\n]*\b(?:for once|only|again|late|ignoring|finally|forgetting|forgot)|"
            r"for once\b|i (?:just|simply|absolutely) (?:adore|love)|"
            r"(?:blessed|lucky|fortunate) to have [^.!?\n]*(?:who never|who always|, really)|"
            r"{your} \"[^\"\n]{1,30}\"|(?:more|so much more) (?:important|interesting) than me|"
            r"thank(?:s| you)(?: ever so| so| very)? much for (?:nothing|ignoring|leaving|forgetting|"
            r"sharing our|telling everyone|embarrassing|humiliating)|"
            r"{start} *(?:lovely|great|wonderful|brilliant|fantastic|perfect|marvellous)[,!]+ another",
            _SARCASM_MSG,
            _SARCASM_TRY,
        ),
    ),
    "non_apology": (
        Rule(
            "non_apology",
            r"(?:sorry|regret|apologi[sz]e) (?:that )?{you}(?:'re| are| were| was| feel| felt| feeling|"
            r"'ve been| have been| took| take| see| saw| think| thought| can'?t| cannot| got| get| "
            r"chose| decided| misunderstood| reacted| believe| believed| interpret\w*| read it| read that|"
            r" took it| take it)",
            _NON_APOLOGY_REACTION_MSG,
            _NON_APOLOGY_REACTION_TRY,
        ),
        Rule(
            "non_apology",
            r"(?:sorry|apologi[sz]e|regret) if",
            _NON_APOLOGY_IF_MSG,
            _NON_APOLOGY_IF_TRY,
        ),
        Rule(
            "non_apology",
            r"if (?:i|anything i|any of my \w+|my \w+|what i did|something i (?:did|said))(?: \w+)? "
            r"(?:hurt|upset|offended|bothered|caused|messed up|did (?:anything|something)|overstepped|"
            r"went too far|was (?:out of line|wrong|rude|unkind)|were (?:unkind|hurtful|rude))|"
            r"(?:to (?:the|whatever|any) extent|in case) (?:that )?i|"
            r"if {you} (?:feel|felt|were (?:hurt|offended|upset|embarrassed)|are (?:hurt|offended|upset)|"
            r"think i owe)|(?:may|might) have (?:caused|done|said|hurt|upset)|"
            r"if (?:it|that) (?:means|matters) (?:so much|that much)|"
            r"if that'?s what {you} want to hear|if that makes {you} (?:feel )?(?:better|happy)|"
            r"(?:sorry|apologies),? (?:si|if) ",
            _NON_APOLOGY_IF_MSG,
            _NON_APOLOGY_IF_TRY,
        ),
        Rule(
            "non_apology",
            r"mistakes (?:were|have been|got) made",
            _NON_APOLOGY_PASSIVE_MSG,
            _NON_APOLOGY_PASSIVE_TRY,
        ),
        Rule(
            "non_apology",
            r"sorry[,.;:]* *(?:- *)?but",
            _NON_APOLOGY_BUT_MSG,
            _NON_APOLOGY_BUT_TRY,
        ),
        Rule(
            "non_apology",
            r"i (?:guess|suppose) {i_am} sorry|(?:fine|ok|okay)[,.!]* {i_am} sorry|"
            r"sorry[,.!]* (?:ok|okay)\?|(?:i )?(?:already )?said (?:{i_am} |i was )?sorry|"
            r"what more do {you} want|(?:can we|let'?s) (?:just )?(?:move on|drop it|"
            r"forget (?:about )?it)|get over it",
            _NON_APOLOGY_CLOSE_MSG,
            _NON_APOLOGY_CLOSE_TRY,
        ),
        Rule(
            "non_apology",
            r"sorry (?:for|about) any (?:hurt|upset|pain|offence|offense|inconvenience|harm|trouble)|"
            r"caused? any (?:upset|hurt|offence|offense|harm|pain)",
            _NON_APOLOGY_IF_MSG,
            _NON_APOLOGY_IF_TRY,
        ),
    ),
    "blame_shift": (
        Rule(
            "blame_shift",
            r"if (?:only )?{you}(?: had| hadn'?t| had not|'d| would| wouldn'?t| would not| did|"
            r" didn'?t| did not| were| weren'?t| was| wasn'?t| just| only| ever| never| always| kept|"
            r" stopped| listened| paid| cared| gave| showed| bothered| hadnt| didnt| werent| wouldnt|"
            r" wasnt)",
            _SHIFT_IF_MSG,
            _SHIFT_IF_TRY,
            unless_after=r"(?:like|prefer|rather)\b",
        ),
        Rule(
            "blame_shift",
            r"{you} (?:made|make|makes|forced|force|drove|drive|pushed|push|provoked|provoke) me|"
            r"{you} (?:left|gave) me (?:no|little) (?:choice|option)",
            _SHIFT_MADE_MSG,
            _SHIFT_MADE_TRY,
        ),
        Rule(
            "blame_shift",
            r"because (?:of )?{you}|since {you} (?:started|stopped|began|never|always|{wont}|{dont}|"
            r"wouldn'?t|{didnt}|weren'?t|were never|left|became)",
            _SHIFT_BECAUSE_MSG,
            _SHIFT_BECAUSE_TRY,
            unless_after=r"(?:trusted|believed|relied|counted|depended|had every right|deserved|"
            r"deserve|care|cared|loved|love|were right|asked|needed|thought i)\b",
        ),
        Rule(
            "blame_shift",
            r"what did {you} expect|(?:it )?takes two|{you_are} not (?:perfect|innocent|a saint)|"
            r"{you} did (?:it|the same|worse) too|{you_had} have done the same|{you} started it|"
            r"after what {you} did|{you} (?:{cant}|can'?t) judge|look who'?s talking|"
            r"we both (?:said|did|made|messed|are to blame|hurt)|on both sides|"
            r"both of us (?:did|said|are to blame)|partly {your} fault|{your} fault|blame {you}|"
            r"{you} know how i get",
            _SHIFT_SHARE_MSG,
            _SHIFT_SHARE_TRY,
            unless_before=r"(?:never|not|n't|wasn'?t|isn'?t|blaming)(?: \w+){0,4}",
        ),
        Rule(
            "blame_shift",
            r"(?:however|though|although|except(?: that)?|still|at the same time|then again|"
            r"on the other hand|that said|having said that|mind you|nevertheless|nonetheless|"
            r"even so|yet|only|but then|pero|mais|aber)[,;:]? (?:(?:honestly|frankly|to be fair|"
            r"let'?s be honest|really|obviously|clearly|if)[,]? )?"
            r"(?:{you}|{you_are}|{you_had}|{you}'?ve|{your}|he|she|they|c'est toi|tu|du)(?!\w)",
            _SHIFT_TURN_MSG,
            _SHIFT_TURN_TRY,
            unless_after=r"(?:trusted|believed|relied|counted|depended|had every right|deserved|"
            r"deserve|asked|needed|were right|are right|did nothing|didn'?t deserve|owe)\b",
        ),
    ),
    "minimising": (
        Rule(
            "minimising",
            r"overreact\w*|(?:blow|blowing|blown) (?:\w+ ){0,2}out of proportion|"
            r"making (?:a |such a )?(?:big |huge )?(?:deal|fuss|drama|scene) (?:out of|of|about)|"
            r"make (?:this|it) (?:into )?a (?:whole |big |huge )?thing|too sensitive|oversensitive",
            _MINIMISE_REACTION_MSG,
            _MINIMISE_REACTION_TRY,
        ),
        Rule(
            "minimising",
            r"{its}(?: really| honestly)? (?:only|just|nothing)|(?:only|just) (?:a|an|one|two|some|"
            r"a few|a little|a bit|a couple|once|twice|coffee|lunch|drinks|talking|texting|chatting|"
            r"flirting|friends|joking|kidding|words|messages|sex|physical|borrowed|borrowing|fun|"
            r"banter|harmless|human)|only (?:happened )?(?:once|twice|one time)",
            _MINIMISE_MSG,
            _MINIMISE_TRY,
            unless_before=r"(?:wasn'?t|was not|isn'?t|is not|not|it'?s not)",
        ),
        Rule(
            "minimising",
            r"(?:small|tiny|little white|little|harmless|silly) (?:fib|lie|thing|bet|amount|loan|"
            r"bit|one|mistake|slip)|(?:only|just|merely) (?:a |for a )?(?:minute|second|moment|"
            r"\w+ (?:minutes|hours|pounds|quid|times))|hardly (?:anything|a crime|a big deal)|"
            r"not as if i|it'?s not like (?:it|i)|(?:only|just|merely) (?:a )?"
            r"(?:one-off|bit of fun|conversation|small)|(?:didn'?t|did not) mean anything",
            _MINIMISE_MSG,
            _MINIMISE_TRY,
            unless_before=r"(?:wasn'?t|was not|isn'?t|is not|not|it'?s not)",
        ),
        Rule(
            "minimising",
            r"(?:not|no) (?:that |such |a |really a |even a )?(?:big|huge|major) (?:a |of a )?"
            r"(?:deal|thing)|(?:{didnt}|{doesnt}|{dont}|didnt|doesnt|dont) mean (?:anything|a thing)|"
            r"meant nothing|means nothing|was nothing",
            _MINIMISE_MSG,
            _MINIMISE_TRY,
        ),
        Rule(
            "minimising",
            r"technically|{its} not like|at least i|could have been (?:\w+ )?worse|"
            r"(?:everyone|everybody|all couples|people) (?:does|do|flirts|lies|has|gets)|"
            r"we all make|happens to everyone|not that bad|no harm done|harmless|"
            r"(?:wasn'?t|was not) really me|not the end of the world|a little|a bit",
            _MINIMISE_MSG,
            _MINIMISE_TRY,
        ),
    ),
    "vague_apology": (
        Rule(
            "vague",
            r"sorry (?:for|about) (?:everything|what happened|all (?:of )?(?:this|that|it)|"
            r"whatever|anything|things|stuff|the situation|how things (?:went|turned out))|"
            r"whatever i (?:did|said|may have|might have)|"
            r"anything i (?:might|may|could) have (?:done|said)",
            _VAGUE_APOLOGY_MSG,
            _VAGUE_APOLOGY_TRY,
        ),
        Rule(
            "vague",
            r"things (?:just |kind of |sort of )?(?:got|went|have gone|turned) (?:out of hand|wrong|too far|bad|badly|sideways)|"
            r"it just happened|(?:these )?things happen|stuff happens",
            _VAGUE_APOLOGY_MSG,
            _VAGUE_APOLOGY_TRY,
        ),
    ),
    "vague_plan": (
        Rule(
            "vague",
            r"(?:do|be|get) better|be a better|try (?:harder|my best|to)|do my best|"
            r"{i_will} change|{wont} happen again|never (?:happen )?again|work on (?:myself|it|things)|"
            r"turn over a new leaf|be different|a new (?:man|woman|person)",
            _VAGUE_PLAN_MSG,
            _VAGUE_PLAN_TRY,
            soft=True,
        ),
    ),
    "but": (
        Rule(
            "blame_shift",
            r"but",
            _SHIFT_BUT_MSG,
            _SHIFT_BUT_TRY,
            unless_before=r"(?:not only|nothing|all|anything|last)[,]?",
            unless_after=r"(?:also|i (?:still |then |instead |also )?(?:lied|broke|chose|hid|did|"
            r"kept|went|betrayed|ignored|let|decided|deceived|cheated|told|took|failed|hurt|"
            r"crossed)|(?:that|it|this)(?:'s| is| was)? (?:no|not an?) excuse|"
            r"there(?:'s| is) no excuse)\b",
        ),
    ),
    "vague_agreement_loose": (
        Rule(
            "vague",
            r"try (?:harder|to|not to)|do (?:our|my|your) best|(?:make|making) (?:more of )?an effort|"
            r"(?:when|whenever|if|where) possible|as much as possible|(?:when|whenever) (?:you|we|i) "
            r"can|as soon as possible|asap|(?<!as\s)soon(?:er)?|regularly|sometimes|often|too much|"
            r"so much|reasonabl[ey]|decent|appropriate(?:ly)?|responsibl[ey]|in moderation|wisely|"
            r"under control|sensibl[ey]|cut (?:back|down)|when things (?:are|get) (?:hard|tough|difficult|bad)|"
            r"quickly|more or less|properly|mindful|as needed|(?:if|when) needed|when appropriate|"
            r"at some point|eventually|now and then|from time to time|every so often|"
            r"once in a while|earlier",
            _LOOSE_AGREEMENT_MSG,
            _LOOSE_AGREEMENT_TRY,
        ),
    ),
    "vague_agreement_always": (
        Rule(
            "vague",
            r"be (?:nicer|kinder|better|more (?:romantic|affectionate|patient|loving|caring|"
            r"present|organised|organized|understanding|positive))|"
            r"look after (?:ourselves|each other|yourself|myself) better",
            _VAGUE_AGREEMENT_MSG,
            _VAGUE_AGREEMENT_TRY,
            unless_after=r"(?:\w+ )?(?:by|when|if|whenever|within)\b",
        ),
    ),
    "vague_agreement": (
        Rule(
            "vague",
            r"(?:more )?honest(?:ly|y)?|open(?:ly|ness)?|transparen(?:t|cy)|communicat\w*|better|"
            r"more|less|fewer|respect\w*|be there for|support\w*|nicer|kinder|care(?:ful)?|"
            r"considerate|affectionate|patient|quality time|space|in the loop|talk things through|"
            r"(?:keep|stay) in touch|make time|work on|fix|sort out|handle|deal with|"
            r"keep (?:our|my|your) promises|stop lying|secrets|let each other know|"
            r"tell each other|important|faithful|loyal|limit|be \w+",
            _VAGUE_AGREEMENT_MSG,
            _VAGUE_AGREEMENT_TRY,
            soft=True,
        ),
    ),
    "demand": (
        Rule(
            "demand",
            r"{you} (?:must|have to|need to|'?ve got to|have got to|got to|gotta)(?= \w)|"
            r"{you} owe me|{you}(?:'d| had) better|{you_are} not allowed|"
            r"{you} (?:aren'?t|are not|r not) allowed|{you} (?:may not|{cant} ever)|"
            r"{they} (?:must|has to|have to|needs to|need to|should|ought to|owes me|had better|"
            r"isn'?t allowed|is not allowed|aren'?t allowed|has no right|will|is going to|is to|"
            r"are to|is required to|are required to)(?= \w)|"
            r"{they}(?:'s| is) (?:going to|to|required to|not allowed|no right)(?= \w)|"
            r"{they}(?:'d| had) better|{they}'ll (?=\w)|"
            r"(?:{you_are}|{they}(?:'s| is| are)) (?:required|expected|obliged|to) (?:to )?"
            r"(?:show|give|hand|send|tell|report|check in|call|text|share|forward|let|keep|phone)|"
            r"tienes que|tiene que|debes|tu dois|il doit|elle doit|du musst|er muss|sie muss",
            _DEMAND_MSG,
            _DEMAND_TRY,
            unless_before=_IF_CLAUSE,
        ),
        Rule(
            "demand",
            r"{you_will}(?: not| never)? (?:\w+ )?(?:show|give|share|send|forward|tell|text|hand|report|"
            r"call|unlock|check in|let me|keep|be \w+ing)|{you} (?:{wont}|will never) (?:see|go|talk|meet|text|call|delete|leave|have)",
            _DEMAND_MSG,
            _DEMAND_TRY,
        ),
        Rule(
            "demand",
            r"i (?:insist|demand|require|forbid)|i expect {you} to|"
            r"i (?:want|need|expect|require) (?:him|her|them) to|i need {you} to (?:give|show|hand|"
            r"send|share|forward|report|unlock|let me)|"
            r"i (?:need|want|demand|expect|require)(?: (?:full |complete )?access to| to (?:see|read|"
            r"check|have|know|look at|go through))?(?: all| every| each)?(?: of)? {your}|"
            r"i (?:want|need|demand|expect) to (?:see|read|check|know|look at|have) "
            r"(?:all|every|each|everything)|"
            r"(?:give|hand|send|show|forward) (?:me|over)(?: all)? {your}|"
            r"without my (?:permission|say-so|ok|okay|approval)",
            _DEMAND_MSG,
            _DEMAND_TRY,
        ),
    ),
    "surveillance": (
        Rule(
            "surveillance",
            r"(?:check|checking|read|reading|go through|going through|look through|looking through|"
            r"look at|looking at|look in|looking in|monitor|monitoring|track|tracking|search|"
            r"searching|scroll through|listen in on|listen in to|keep an eye on|spy on|spying on|"
            r"read through|snoop (?:on|through|in)|snooping (?:on|through|in)|go into|going into|"
            r"record|recording|screenshot|access|log into|log in to|logging into|inspect|"
            r"inspecting|watch|watching|keep tabs on|keeping tabs on|checks|reads|tracks|monitors|"
            r"goes through|looks through)(?: \w+){0,3}? {their}"
            r"(?: \w+){0,2}? "
            r"(?:phones?|messages|texts|e-?mails?|inbox|mail|chats?|dms|call log|calls|browser|"
            r"history|location|whereabouts|accounts?|bank|statements|receipts|wallet|pockets|bag|"
            r"laptop|computer|tablet|ipad|car|diary|journal|notes|photos|pictures|social media|"
            r"facebook|instagram|whatsapp|snapchat|tiktok|twitter|contacts|calendar|apps?|"
            r"screen time|passwords?|passcodes?|logins?|drawers|room|files|cloud|icloud|gps|"
            r"movements|spending|purchases|cards?|conversations|voicemails?|emails|dms|handbag|"
            r"móvil|teléfono|mensajes|téléphone|messages|dots?)",
            _SURVEILLANCE_MSG,
            _SURVEILLANCE_TRY,
            unless_before=r"(?:{dont}|{wont}|never|not|no one|nobody) (?:\w+ )?",
        ),
        Rule(
            "surveillance",
            r"follow(?:ing)? (?:{you}|him|her|them)(?! know)|"
            r"(?:track|check|see|know|watch)(?:ing)? (?:where|who|what|when|how) (?:{you}|{they})(?! like)|"
            r"keep (?:an|a close) eye on (?:who|what|where|when|how) {you}|"
            r"tracker|tracking app|spyware|stalkerware|keylogger|spy app|"
            r"(?:install\w*|put|putting|fit|fitting) (?:\w+ ){0,3}on {their}|"
            r"(?:read|check|go through|monitor|look at)(?:ing)? (?:all|every|each) (?:\w+ ){0,2}"
            r"(?:{you}|{they}) (?:sends?|gets?|receives?|writes?)",
            _SURVEILLANCE_MSG,
            _SURVEILLANCE_TRY,
        ),
    ),
    "open_ended": (
        Rule(
            "open_ended",
            r"forever|always|from now on|from here on(?: in)?|for good|permanently|indefinitely|"
            r"for (?:the rest of (?:our|my|your) li(?:fe|ves)|ever)|at all times|all the time|"
            r"24/7|24-7|round the clock|no end(?: date)?|no review(?: needed)?|never|"
            r"until further notice|no matter what|for as long as (?:you|it takes)|"
            r"until (?:i|you|we|he|she|they)(?:'ve| have)? (?:\w+ )?(?:earned|earn|trust|feel|believe|"
            r"forgive|win|won|am trusted|prove|proves|proved|stop)|"
            r"para siempre|pour toujours|für immer|pra sempre|per sempre",
            _OPEN_ENDED_MSG,
            _OPEN_ENDED_TRY,
        ),
    ),
}

# Which groups each coach uses, in order of precedence.
COACH_GROUPS: dict[str, tuple[str, ...]] = {
    "i_statement": (
        "sarcasm",
        "thought_as_feeling",
        "blaming_absolute",
        "you_accusation",
        "accusing_question",
        "minimising_partner",
        "demand_personal",
    ),
    "apology": (
        "sarcasm",
        "non_apology",
        "blame_shift",
        "blaming_absolute",
        "minimising",
        "vague_apology",
        "vague_plan",
        "but",
    ),
    "agreement": (
        "sarcasm",
        "demand",
        "surveillance",
        "vague_agreement_loose",
        "vague_agreement_always",
        "vague_agreement",
    ),
    "transparency": ("sarcasm", "demand", "surveillance", "open_ended"),
}

# The four parts of an apology, and which groups speak to each part.
APOLOGY_PARTS: dict[str, tuple[str, ...]] = {
    "act": COACH_GROUPS["apology"],
    "impact": ("sarcasm", "non_apology", "blame_shift", "blaming_absolute", "minimising", "but"),
    "responsibility": COACH_GROUPS["apology"],
    "plan": COACH_GROUPS["apology"],
}
# Parts that need the writer in them ("I …").
OWNERSHIP_PARTS = ("act", "responsibility")

# -- sentences for what is missing ------------------------------------------------------------
MISSING_FEELING = (
    "We couldn’t find a feeling here yet, and your partner may miss what this is like for you."
)
MISSING_FEELING_TRY = "Add how it feels, for example “I feel anxious” or “I felt alone”."
MISSING_NEED = "We couldn’t find what you need yet, so your partner may not know what would help."
MISSING_NEED_TRY = (
    "Add one thing that would help, for example “I need a text if you’re running late.”"
)
NO_SPECIFICS = (
    "This agreement doesn’t yet name a time, an amount or a situation, so it is hard to "
    "tell when it is kept."
)
NO_SPECIFICS_TRY = (
    "Add one: “within 24 hours”, “no more than £50 a week”, “if one of us is running late …”."
)
NO_END = "This offer has no end or review date yet."
NO_END_TRY = _OPEN_ENDED_TRY
NOT_OFFERED = (
    "This is marked as not offered freely, and openness helps when it is given, not taken."
)
NOT_OFFERED_TRY = "Offer only what you are willing to give; you can leave this one out."
NO_OWNERSHIP = "This doesn’t yet say who did it."
NO_OWNERSHIP_TRY = "Put yourself in the sentence: “I …”."
NO_ACT = "This says sorry without yet naming what you did."
NO_ACT_OUTCOME = (
    "This is sorry about how things turned out for your partner, not yet about what you did."
)
NO_ACT_TRY = "Name your own act first: “I’m sorry I …”, and then how it landed for them."
PASSIVE = "This tells what happened without saying who did it."
PASSIVE_TRY = "Put yourself in the sentence: “I broke …”, “I said …”, “I made a mistake when I …”."
MISSING_PART: dict[str, tuple[str, str]] = {
    "act": (
        "The act is missing: what you did.",
        "Say what you did in one plain sentence, for example "
        "“I lied to you about where I was on Friday.”",
    ),
    "impact": (
        "The impact is missing: how it affected your partner.",
        "Describe what it was like for them, as far as you understand it.",
    ),
    "responsibility": (
        "Taking responsibility is missing.",
        "Say that it was your choice, with no “but” and no “if”.",
    ),
    "plan": (
        "The plan is missing: what you will do to make amends and change.",
        "Name one thing you will do, and when.",
    ),
}

# -- labels for each kind of flag (for pages and the command line) ----------------------------
KIND_LABELS: dict[str, str] = {
    "blaming_absolute": "blaming absolute",
    "you_accusation": "“you” accusation",
    "sarcasm": "sarcasm",
    "thought_as_feeling": "a thought, not a feeling",
    "demand": "demand",
    "missing_feeling": "no feeling yet",
    "missing_need": "no need yet",
    "non_apology": "non-apology",
    "blame_shift": "blame shifting",
    "minimising": "minimising",
    "vague": "vague",
    "no_ownership": "no “I” yet",
    "missing_part": "missing part",
    "no_specifics": "no specifics yet",
    "surveillance": "surveillance",
    "open_ended": "no end date",
    "not_offered": "not offered freely",
}

COACH_TITLES: dict[str, str] = {
    "i_statement": "I-statement coach",
    "apology": "Apology coach",
    "agreement": "Agreement coach",
    "transparency": "Transparency coach",
}

# -- the command line ----------------------------------------------------------------------------
NOTHING_TO_FLAG = "Nothing to flag. It reads clearly and without blame."
TRY = "Try: {suggestion}"
EMPTY_TEXT = "There is nothing to check yet. Write a few words, then try again."
TEXT_AND_PARTS = (
    "Give the apology either as one text or as its parts (--act, --impact, --responsibility, "
    "--plan), not both."
)
FLAG_COUNT = "{n} thing to look at:"
FLAG_COUNT_MANY = "{n} things to look at:"

"""Validation and error sentences, in the app's own voice.

Each one says what is wrong and how to put it right, in one or two short sentences.
"""

KIND_LABELS = {
    "intention": "hope",
    "safety_screen": "safety check",
    "safety_need": "safety need",
    "conversation_plan": "conversation plan",
    "i_statement": "I-statement",
    "conversation_outcome": "conversation outcome",
    "need_to_know": "list of what you need to know",
    "apology": "apology",
    "apology_response": "response to an apology",
    "reflection": "reflection",
    "transparency_offer": "transparency offer",
    "promise": "promise",
    "trigger": "trigger",
    "code_word": "code word",
    "code_word_use": "use of the code word",
    "agreement": "agreement",
    "contract": "repair contract",
    "signature": "signature",
    "ritual": "ritual",
    "processing_window": "processing window",
    "journal": "journal entry",
    "listening_round": "listening round",
    "lesson": "lesson",
    "forgiveness_reflection": "forgiveness reflection",
    "resource": "resource",
    "checkin": "check-in",
    "win": "small win",
    "consent": "research consent",
    "settings": "settings",
}


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind.replace("_", " "))


# -- field validation ----------------------------------------------------------------
RANGE = "{label} is rated from {lo} to {hi}; you entered {given}."
AT_LEAST = "{label} is {lo} or more; you entered {given}."
AT_MOST = "{label} is {hi} or less; you entered {given}."
MISSING = "{label} is needed here."
EMPTY = "{label} is empty. Write a few words, then save again."
TOO_LONG = "{label} is longer than we can keep ({n} characters at most)."
LIST_TOO_SHORT = "{label} needs at least {n} item."
LIST_TOO_LONG = "{label} holds at most {n} items."
YES_NO = "{label} is a yes or a no; you entered {given}."
WHOLE_NUMBER = "{label} is a whole number; you entered {given}."
BAD_DATE = (
    "{label} needs a date like 2026-03-14 (and a time like 19:30 where asked); you entered {given}."
)
CHOICE = "{label} is one of {choices}; you entered {given}."
PATTERN = "{label} needs a time like 19:30; you entered {given}."
WRONG_TYPE = "{label} is not in a form we can read. Try plain text."
BAD_UNICODE = (
    "{label} holds a broken character (half of an emoji or symbol, perhaps from a copy and "
    "paste) that cannot be saved. Type that part again, then save."
)
EXTRA = "A {kind} has no field called '{field}'. `repairbook kinds` lists the fields."
NOT_AN_OBJECT = 'The entry needs to be a JSON object, like {"trust": 7}.'
UNKNOWN_KIND = "There is no kind of entry called '{kind}'. The kinds are: {kinds}."

PRIVATE_ONLY = "A {kind} is private by nature, so it can only be kept private."
TABLED_NEEDS_RETURN = "A tabled conversation needs a time to come back to it."
RETURN_BEFORE_PLAN = "The return time comes after the planned time."
OFFER_NOT_FREE = (
    "Transparency only helps when it is offered freely. If this feels demanded, "
    "leave it out for now and talk about it first."
)
REVIEW_IN_FUTURE = "Pick an end or review date after today, so the offer has a clear limit."
REVIEW_WITHIN_YEAR = (
    "Pick a review date within the next year; offers work best when they are short."
)
DUE_IN_FUTURE = "A new promise needs a due time that has not passed yet."
KEPT_LATE_NEEDS_MINUTES = "For a promise kept late, say how many minutes late, or when it was kept."
MINUTES_LATE_ONLY_FOR_LATE = "Minutes late only go with a promise kept late."
CONTRACT_TWO_PARTNERS = "A repair contract holds commitments from both of you."
CONTRACT_THREE_EACH = "Each of you writes three commitments; {name} has {n}."
REVISIT_IN_FUTURE = "Pick a revisit date after today."
CHECKIN_NOT_FUTURE = "A check-in is for today or a day that has passed."
CHECKIN_NOTHING_ANSWERED = (
    "Answer at least one question to save a check-in; the others can stay unanswered."
)

# -- the workbook --------------------------------------------------------------------
NOT_A_WORKBOOK = (
    "{path} is not a repairbook workbook. Create one with `repairbook init`, "
    "or point --workbook at the folder that holds workbook.sqlite."
)
NO_WORKBOOK_YET = "There is no workbook at {path} yet. Create one with `repairbook init --partner NAME --partner NAME`."
ALREADY_A_WORKBOOK = "{path} already holds a workbook; nothing was changed."
TOO_NEW = (
    "This workbook was written by a newer repairbook (format {found}; this one reads up to "
    "{known}). Update repairbook to open it; nothing was changed."
)
CORRUPT = (
    "The workbook file at {path} is damaged and cannot be read. Your backups are in "
    "{backups}: `repairbook restore` brings the latest one back."
)
LOCKED = "The workbook is busy with another save. Wait a moment and try again; nothing was lost."
DISK_FULL = (
    "The disk is full, so this could not be saved. Your earlier entries are safe. "
    "Free some space, then save again."
)
READ_ONLY = "The workbook folder cannot be written to. Check its permissions; nothing was changed."
UNKNOWN_AUTHOR = "{name} is not a partner in this workbook. The partners are {names}."
NEED_TWO_PARTNERS = "A workbook is for two partners: give two different names."
BAD_NAME = "A name is between 1 and 80 characters."
NO_PASSPHRASE = (
    "{name} has no passphrase yet, so private entries cannot be kept. Set one first "
    "(`repairbook passphrase --partner {name}` or on the Welcome page)."
)
LOCKED_PRIVATE = "Private entries of {name} are locked. Enter {name}'s passphrase to open them."
WRONG_PASSPHRASE = "That passphrase does not open {name}'s private entries. Check it and try again."
PASSPHRASE_SHORT = "A passphrase has at least 8 characters. A few words you can remember work well."
PASSPHRASE_SET = "{name} already has a passphrase. It cannot be changed without the current one."
NOT_FOUND = "There is no entry with id {id} that you can see."
NOT_YOURS = "Only {name} can change this entry."
VISIBILITY_FIXED = (
    "An entry keeps the privacy it was saved with, so its earlier versions stay as private "
    "as they were. To share something, save it as a new shared entry."
)
NO_BACKUP = "There is no backup called {name}. `repairbook backup --list` shows them."
BAD_JSON = "That is not valid JSON ({detail}). Example: '{{\"trust\": 7}}'."

FOLDER_NOT_EMPTY = (
    "{path} already holds other files, so a workbook is not started there. Pick an empty "
    "or new folder for the workbook."
)
UNKNOWN_ZONE = (
    "{zone} is not a time zone we know. Use a name like Europe/Berlin or America/Toronto."
)
YES_NO_MISSING = "{label}: choose yes or no, then save again."

# -- the workbook, guarded (issue 19) -------------------------------------------------
OPEN_ELSEWHERE = (
    "The workbook is open in {holders}. Close it there first (stop `repairbook serve`, close "
    "the page), then restore again; nothing was changed."
)
BEING_RESTORED = (
    "The workbook is being restored from a backup right now. Wait a moment and open it again."
)
PASSPHRASE_CHANGED_ELSEWHERE = (
    "{name}'s passphrase was changed in another window. Enter the new one to go on; "
    "nothing was saved yet."
)
PASSPHRASE_SET_RACE = (
    "{name}'s passphrase was just set somewhere else, so this one was not used. "
    "Open private entries with the passphrase that was set."
)
PASSPHRASE_SAME = "The new passphrase is the same as the current one; nothing was changed."
PASSPHRASE_CLAIM_HAS_ENTRIES = (
    "{name} already has private entries under the passphrase {by} set, so it can only be "
    "changed with it (`repairbook passphrase --partner {name} --change`)."
)
DAMAGED_ENTRY = (
    "The entry {id} is damaged and cannot be read. `repairbook check` names every damaged "
    "entry; `repairbook restore` brings back the latest backup."
)
SKIPPED_ENTRIES = (
    "{n} damaged {entries} could not be read and {are} left out ({ids}). `repairbook check` "
    "names them; `repairbook restore` brings back the latest backup."
)
EMPTY_WORKBOOK = (
    "{path} holds an empty or half-restored workbook.sqlite. `repairbook restore` brings "
    "back the latest backup; the file found is kept beside it."
)
NAME_INVISIBLE = (
    "A name holds an invisible or control character (a line break, a zero-width space or a "
    "direction mark, perhaps from a copy and paste). Type the name again."
)
NAME_LOOKALIKE = (
    "{name} looks just like {other} but is spelled with different letters. Give two names "
    "that look different."
)
NAME_MIXED = (
    "{name} mixes letters from different alphabets, so it could pass for another name. "
    "Type it in one alphabet."
)
DATE_TOO_EARLY = (
    "{label} is {given}, long before this workbook was started. Check the year; dates from "
    "{earliest} on can be saved."
)
DATE_IN_FUTURE = "{label} is {given}, which has not come yet. Pick today or a day that has passed."
DATE_TOO_LATE = "{label} is {given}, too far ahead. Pick a date before {latest}."
JSON_TOO_BIG = "The entry's JSON is larger than we read ({n} MB at most)."
JSON_FILE = "The JSON file {path} could not be read: {why}."

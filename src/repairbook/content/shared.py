"""Phrases used across the whole app: the shell, Today, Private, Progress and Help.

Placeholders: ``TODAY_GREETING``, ``WELCOME_BACK``, ``PARTNER_SWITCHED`` and ``CHECKIN_FOR`` take
``{name}``; the safety section of ``HELP_SECTIONS`` and ``HELP_EMERGENCY`` take
``{emergency}`` (the emergency number from the workbook's resources; use
``HELP_EMERGENCY_UNSET`` in its place when none is set).
"""

from __future__ import annotations

from repairbook.content.model import FieldText

# -- the app ---------------------------------------------------------------------------------
APP_TITLE = "repairbook"
APP_TAGLINE = "A workbook for rebuilding trust, one day at a time."

# -- navigation ------------------------------------------------------------------------------
NAV_TODAY = "Today"
NAV_JOURNEY = "Journey"
NAV_PROGRESS = "Progress"
NAV_PRIVATE = "Private"
NAV_HELP = "Help"
NAV = (NAV_TODAY, NAV_JOURNEY, NAV_PROGRESS, NAV_PRIVATE, NAV_HELP)
NEXT_STEP = "Next step"
BACK = "Back"

# -- who is using the page -------------------------------------------------------------------
PARTNER_SWITCH_LABEL = "Who is using the page now?"
PARTNER_SWITCHED = "The page is now set for {name}. Private pages are locked again."

# -- private marks ---------------------------------------------------------------------------
LOCK = "🔒"
PRIVATE_WORDS = "Only you can see this."
PRIVATE_MARK = f"{LOCK} {PRIVATE_WORDS}"
VISIBILITY_LABEL = "Who can see this"
VISIBILITY_SHARED = "Both of us"
VISIBILITY_PRIVATE = f"{LOCK} Only me"
SHARED_MARK = "Both of you can see this."

# -- saving ----------------------------------------------------------------------------------
SAVED = "Saved."
SAVING = "Saving …"
SAVE_FAILED = "This was not saved. Your words are still here. Try again in a moment."
FIX_FIELDS = "A few things need a look before this can be saved. The notes sit next to each field."
FRIENDLY_ERROR = (
    "Something went wrong on our side. Your words are still in the field, and nothing was "
    "lost. Try again in a moment."
)
CANCEL = "Cancel"
EDIT = "Change"

# -- unlocking private pages -----------------------------------------------------------------
UNLOCK_TITLE = "Open your private pages"
UNLOCK_HELP = (
    "Enter your passphrase to see your private entries. They lock again when the page "
    "switches to your partner."
)
UNLOCK_LABEL = "Your passphrase"
UNLOCK_BUTTON = "Unlock"
LOCK_BUTTON = "Lock my private pages"
LOCKED_NOTE = f"{LOCK} Your private pages are locked."
UNLOCKED_NOTE = f"{LOCK} Your private pages are open. Only you can see them."
WRONG_PASSPHRASE_PAGE = "That passphrase does not open these pages. Check it and try again."
NO_PASSPHRASE_PAGE = (
    "You have no passphrase yet, so private entries cannot be kept. Set one below to "
    "start, and keep it somewhere safe."
)

SET_PASSPHRASE_TITLE = "Set your passphrase"
SET_PASSPHRASE_LABEL = "New passphrase"
SET_PASSPHRASE_CONFIRM = "Type it once more"
SET_PASSPHRASE_HELP = "At least 8 characters. A few words you can remember work well."
SET_PASSPHRASE_WARNING = (
    "A forgotten passphrase cannot be recovered, by anyone. Your private entries would stay "
    "locked for good."
)
SET_PASSPHRASE_MISMATCH = "The two passphrases do not match. Type them again."
SET_PASSPHRASE_BUTTON = "Set my passphrase"
SET_PASSPHRASE_DONE = "Your passphrase is set, and your private pages are open."

# -- Today -----------------------------------------------------------------------------------
TODAY_TITLE = "Today"
TODAY_GREETING = "Hello, {name}."
WELCOME_BACK = "Welcome back, {name}. Start wherever feels right; there is nothing to make up."
CHECKIN_TITLE = "Today's check-in"
CHECKIN_FOR = "Check-in for {name}"
CHECKIN_INTRO = "Under a minute. Move each slider to where today is, then save."
CHECKIN_FIELDS: dict[str, FieldText] = {
    "day": FieldText(label="Day"),
    "trust": FieldText(
        label="Trust",
        help="How much you trust your partner today.",
        low="0 = not at all",
        high="10 = completely",
    ),
    "safety": FieldText(
        label="Felt safety",
        help="How safe you feel with your partner today.",
        low="0 = not safe at all",
        high="10 = completely safe",
    ),
    "connection": FieldText(
        label="Connection",
        help="How close you feel today.",
        low="0 = far apart",
        high="10 = very close",
    ),
    "honest": FieldText(
        label="Honest with each other today",
        help="Did you share something openly today, however small?",
    ),
    "affection": FieldText(
        label="Moments of affection",
        help="A hug, a kind word, a hand held. A rough count is fine.",
    ),
    "same_argument": FieldText(label="Argued again about the same thing"),
    "urge_to_check": FieldText(
        label="Urge to check up on your partner",
        low="0 = no urge",
        high="10 = a very strong urge",
    ),
    "note": FieldText(
        label="A note (optional)",
        placeholder="Anything you would like to remember about today.",
    ),
}
NOTE_PRIVATE = f"{LOCK} Keep this note private"
CHECKIN_SAVE = "Save my check-in"
CHECKIN_SAVED = "Your check-in for today is saved."
CHECKIN_UPDATED = "Today's check-in is updated. You can change it again until the day is over."
CHECKIN_EDIT = "Change today's check-in"
DUE_TODAY_TITLE = "Due today"
NOTHING_DUE = "Nothing is due today."
PROMPT_TITLE = "What does trust look like today?"
PROMPT_HELP = "A question to carry through the day. You might talk about it this evening."

# -- Journey ---------------------------------------------------------------------------------
JOURNEY_TITLE = "Your journey"
JOURNEY_INTRO = (
    "Sixteen steps, each a small practice. You can go in order or start where you are. "
    "There is no rush, and you can return to any step."
)
JOURNEY_DONE_MARK = "Visited"

# -- Private ---------------------------------------------------------------------------------
PRIVATE_TITLE = "Private"
PRIVATE_INTRO = (
    f"{LOCK} Only you can see this page. Your safety check, your journal, your forgiveness "
    "reflections and your private notes are kept here, locked with your passphrase."
)
PRIVATE_EMPTY = "Your private entries appear here. Nothing is here yet."

# -- Progress --------------------------------------------------------------------------------
PROGRESS_TITLE = "Progress"
PROGRESS_INTRO = (
    "How things are moving, from what you have both noted. Lines go up and down; the "
    "direction over weeks says more than any single day."
)
PROGRESS_EMPTY = (
    "Your progress appears here after a few days of check-ins. Start with today's check-in."
)
TIMELINE_TITLE = "Where you are on the usual path"
TIMELINE_WEEKS = "Small changes often show within the first weeks."
TIMELINE_MONTHS = "Bigger shifts tend to take a few months."
TIMELINE_YEAR = "Steadiness often settles in over six to twelve months."
TIMELINE_NOTE = "This is a usual path, not a deadline. Every couple moves at its own pace."

# -- Help ------------------------------------------------------------------------------------
HELP_TITLE = "Help"
HELP_EMERGENCY = "If you or someone else is in danger right now, call {emergency}."
HELP_EMERGENCY_UNSET = "your local emergency number"
HELP_SECTIONS: list[tuple[str, str]] = [
    (
        "What this is",
        "repairbook is a workbook for two partners rebuilding trust after it was broken. It "
        "guides you through small practices and keeps an honest record of how things go. "
        "It is not therapy, and it does not replace a professional.",
    ),
    (
        "How privacy works",
        "Shared entries are seen by both of you. Private entries, marked with 🔒, are seen "
        "only by the partner who wrote them, and are locked with that partner's passphrase. "
        "A forgotten passphrase cannot be recovered, by anyone, so its private entries stay "
        "locked. Everything stays in a folder on this computer; nothing is sent anywhere.",
    ),
    (
        "Using the keyboard",
        "Tab moves to the next field and Shift+Tab moves back. On Today, the first Tab "
        "offers a link straight to the check-in. On a rating, type the number you mean (1 "
        "then 0 for 10) or move with the arrow keys; Backspace sets it back to not answered. "
        "For a yes or no, the arrow keys choose. Space ticks a box. Enter presses the button "
        "in focus.",
    ),
    (
        "When to get outside help",
        "If your talks keep spiralling, if the hurt involves betrayal or addiction, or if "
        "either of you feels unsafe or unheard, a couples therapist can help. Asking is a "
        "strength. The step Getting outside help says more.",
    ),
    (
        "Safety now",
        "If you or someone else is in danger right now, call {emergency}. It is not your "
        "fault. A domestic-abuse helpline can talk things through with you. Support for you "
        "on your own is the first step we recommend, before any work together.",
    ),
    (
        "Backing up",
        "Your workbook is one folder on this computer. To keep a copy, close the page and "
        "copy the whole folder somewhere safe, such as a USB stick. Private entries stay "
        "locked in the copy. The command `repairbook backup` makes a copy too.",
    ),
]


# -- the app shell and its pages (added with the app) ----------------------------------------
NAV_LABELS = {
    "today": NAV_TODAY,
    "journey": NAV_JOURNEY,
    "progress": NAV_PROGRESS,
    "private": f"{LOCK} {NAV_PRIVATE}",
    "help": NAV_HELP,
}
YES = "Yes"
NO = "No"
OPEN = "Open"
PARTNER_LABEL = "Partner"
LOCAL_ONLY = "Everything you write stays in a folder on this computer. Nothing is sent anywhere."
SETUP_CREATE = "Start our workbook"
SETUP_NAMES_NEEDED = "Write both of your first names (two different names), then start."
CONTINUE_AS = "I am {name}, continue"
PASSPHRASE_TITLE = "{name}, a passphrase for your private pages"
SKIP_FOR_NOW = "Not now"
SAVE_AND_CONTINUE = "Save and continue"
SAFETY_SCREEN_TITLE = "A private safety check"
SCREEN_ANSWER_ALL = "Answer each of the first four questions with yes or no, then save."
SCREEN_NONE_YET = "You have not answered the safety check yet."
SCREEN_AGAIN = "Answer the safety check again"
THANK_YOU = "Thank you, {name}"
HAND_OVER = "Hand the page to {name}"
GO_TO_TODAY = "Go to Today"
CHECKIN_EDIT_INTRO = "You checked in today already. Change anything, then save again."
CHECKIN_SAVED_PRIVATE_NOTE = "Saved. Your note is in your private journal."
NOTE_PRIVATE_NEEDS_PASSPHRASE = (
    f"{LOCK} A private note needs a passphrase. You can set one on the Private page."
)
UNLOCK_FIRST_FOR_PRIVATE = "To keep this private, open your private pages first with your passphrase (Private, at the top)."
KEEP_PRIVATE = f"{LOCK} Keep this private. Only you can see it."
KEEP_PRIVATE_NEEDS_PASSPHRASE = (
    f"{LOCK} Keeping things private needs a passphrase. You can set one on the Private page."
)
RITUAL_TAG = "Ritual"
BACK_TO_JOURNEY = "Back to the journey"
NEXT_MODULE = "Next: {title}"
OPEN_MODULE = "Open {title}"
OPEN_OUTSIDE_HELP = "Read about getting outside help"
WORKBOOK_LOCATION = "Your workbook is the folder {path}. To back it up, copy that folder."
HOW_THIS_WORKS = "How this works, step by step"
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
RHYTHMS_TITLE = "Your rhythms"
RHYTHMS_INTRO = (
    "Choose when the daily check-in, the weekly repair check-in and the fun date suit you. "
    "The calendar file carries them into your own calendar, with the contract revisit too."
)
RHYTHMS_SAVE = "Save our times"
SAVE_FILE = "Save {name}"
COUPLE_NEEDS_WORKSHOP = (
    "A couple's label needs its workshop folder too: set workshop in the first cell."
)

# -- each partner's own view of the page (the couple service) --------------------------------
WHO_IS_HERE_TITLE = "Who is using the page now?"
WHO_IS_HERE_INTRO = (
    "Choose your name. The page then shows only what is yours and what you share; "
    "your private pages still ask for your passphrase."
)
I_AM = "I am {name}"
NOW_USING = "{name} is using the page now."
SCREEN_NOT_KEPT_NO_PASSPHRASE = (
    "Your answers were not kept: keeping them needs a passphrase, and you have none yet. "
    "What matters is what you do now; you can set a passphrase under Private and answer again."
)
SCREEN_NOT_KEPT_LOCKED = (
    "Your answers are not kept yet. If you want them kept privately, unlock with your "
    "passphrase below. You can also leave them unkept."
)
SCREEN_KEEP_TITLE = "Keep these answers privately (optional)"
SCREEN_KEPT = "Your answers are kept privately. Only you can read them, under Private."
SCREEN_KEEP_BUTTON = "Unlock and keep them"
QUICK_EXIT = "Leave this page now"
QUICK_EXIT_HELP = "Hides this page at once and locks everything private."
NEUTRAL_TITLE = "Notes"
NEUTRAL_BODY = "Nothing to show here."
NEUTRAL_BACK = "Open again"
PAUSED_DONE = (
    "Paused. Your page now opens on this note instead of the steps you take together, "
    "and everything private is locked. Your partner is not told. Only you can go on "
    "again, here, when you choose."
)
PAUSED_NOTICE = "You paused the steps you take together."
RESUME = "Go on with the steps together"
HELPLINE_ADD_TITLE = "A helpline for you alone"
HELPLINE_ADD_INTRO = (
    "Add a helpline you might call. It is sealed with your passphrase: your partner never sees it."
)
HELPLINE_NAME = "Name of the helpline"
HELPLINE_PHONE = "Phone"
HELPLINE_WEB = "Website"
HELPLINE_SAVE = "Keep this helpline for me"
HELPLINE_SAVED = "Kept privately. It shows in your safety guidance."
HELPLINE_NAME_NEEDED = "Write the helpline's name, then save."
HELP_EMERGENCY_CHECK_LOCAL = (
    "{number} reaches emergency services from most phones in Europe. Check the number "
    "where you are, and add it under Getting outside help."
)
RATING_UNANSWERED = "not answered"
ONLY_AUTHOR_MARKS = "Only {name} marks this promise: it is theirs."
ONLY_AUTHOR_CLOSES = "Only {name} records this conversation: they tabled it."
CONSENT_CHOOSE = "Choose yes or no for each kind of data, then save."
PASSPHRASE_SET_BY_OTHER = (
    "Your passphrase was set by someone else. Choose your own now, so that only you "
    "can open your private pages."
)
PARTNER_TODAY = "{name} today"
PARTNER_WAITING = "{name} has checked in today. Yours first, then you see each other's."
LINK_NOT_VALID = "This link is not valid."
LINK_RENEW_OR_REVOKE = "Choose --renew or --revoke, not both."
LINK_READY = "{name} has a personal link. `repairbook serve` prints it (and a QR code with --qr)."
LINK_RENEWED = (
    "{name} has a new personal link; the old one no longer works, and pages open on it "
    "close now. `repairbook serve` prints the new address."
)
LINK_REVOKED = (
    "{name}'s personal link no longer works; pages open on it close now. "
    "`repairbook link --partner {name}` makes a new one."
)
PROVE_IT = (
    "This speaks for {name}, so it needs {name}'s passphrase first: unlock under Private, "
    "then come back. (On {name}'s own personal link, the link is enough.)"
)
HELP_CERT_TITLE = "Is this really our computer?"
HELP_CERT_BODY = (
    "On your home network this page comes from your own computer, over an encrypted "
    "connection with a certificate it made itself. Compare this fingerprint with the one "
    "`repairbook serve` printed in the terminal: if they match, you are talking to your own "
    "computer and nobody else."
)
LOCKED_IDLE = (
    "Your private pages locked after a while without use. Your passphrase opens them again."
)
FACILITATOR_TITLE = "Your facilitator's group view"
FACILITATOR_INTRO = (
    "The person running the workshop sees a group view of the couples who both agree: "
    "rounded numbers only, never your words. This choice is yours alone, apart from research."
)
FACILITATOR_SAVE = "Save my choice"
FACILITATOR_SAVED_YES = "Saved. Your numbers show in the group view once your partner agrees too."
FACILITATOR_SAVED_NO = "Saved. Your numbers do not show in the group view."
# -- passphrases on the page (issue 19) --
PASSPHRASE_HINT_LABEL = "A thought:"
PASSPHRASE_BY_OTHER_TITLE = "{name}, choose your own passphrase"
PASSPHRASE_BY_OTHER = (
    "{by} set the passphrase for your private pages. Choose your own now, so that only you "
    "can open them. If you know this one and want to keep it, type it below instead."
)
PASSPHRASE_BY_OTHER_TODAY = (
    "{by} set the passphrase for your private pages. Under Private you can choose your own, "
    "or keep this one if you know it."
)
PASSPHRASE_BY_OTHER_OPEN = "Choose my own passphrase"
PASSPHRASE_CLAIM_BUTTON = "Make this my passphrase"
PASSPHRASE_CLAIMED = "Your own passphrase is set. Only you know it now."
PASSPHRASE_CLAIM_HAS_ENTRIES_PAGE = (
    "Private entries are already kept under this passphrase, so choosing a new one needs "
    "the current one: use Change my passphrase once your private pages are open."
)
PASSPHRASE_KEEP_LABEL = "The passphrase that was set"
PASSPHRASE_KEEP_BUTTON = "Keep this one"
PASSPHRASE_KEPT = "You kept this passphrase, and your private pages are open."
PASSPHRASE_CHANGE_TITLE = "Change my passphrase"
PASSPHRASE_CHANGE_INTRO = (
    "Everything private you wrote is locked again under the new passphrase, all at once. "
    "After that only the new one opens it."
)
PASSPHRASE_CURRENT_LABEL = "My current passphrase"
PASSPHRASE_NEW_LABEL = "My new passphrase"
PASSPHRASE_CHANGE_BUTTON = "Change my passphrase"
PASSPHRASE_CHANGED = (
    "Your passphrase is changed. From now on only the new one opens your private pages."
)
ROOM_HELP_TITLE = "Help your workshop suggests"
ROOM_EMERGENCY = "In an emergency here, call {number}."
THEIR_PASSPHRASE = "{name}'s passphrase (typed by {name})"

"""Words for the paths around the journey: on my own for now, a summary for a
counsellor, taking one's words back, agreements both partners shape, and the small
promises the pages make (hopes, the next step). Warm, plain and short (VOICE.md)."""

from __future__ import annotations

# --- deleting my own words ----------------------------------------------------------------
DELETE_BUTTON = "Delete…"
DELETE_TITLE = "Take these words back"
DELETE_EXPLAIN = (
    "This removes the entry and every earlier version of it from your workbook, for good. "
    "Nobody can bring it back, not even you."
)
DELETE_BACKUPS = (
    "Earlier backups made before today may still hold it. You can remove it from them too: "
    "they are rewritten without it. Other backups stay as they are."
)
DELETE_BACKUPS_NONE = "No earlier backup holds it."
DELETE_ALSO_BACKUPS = "Also remove it from earlier backups"
DELETE_CONFIRM = "Delete for good"
DELETE_CANCEL = "Keep it"
DELETED = "Deleted. It is gone from your workbook."
DELETED_WITH_BACKUPS = "Deleted. It is gone from your workbook and from {n} earlier backups."
DELETED_LOG_BUSY = (
    "Deleted. Another open page still holds an older copy in memory; it is cleared when "
    "that page closes."
)
DELETE_NOT_YOURS = "Only {name} can delete this entry: it is in their words."
DELETE_NOT_FOUND = "That entry is not in the workbook any more."
DELETE_READ_ONLY = "The workbook folder cannot be written to, so nothing was deleted."
DELETE_BACKUP_FAILED = (
    "The backup {name} could not be rewritten, so it still holds the entry. The entry is "
    "gone from your workbook."
)

# --- on my own for now ---------------------------------------------------------------------
SOLO_TITLE = "On my own for now"
SOLO_INTRO = (
    "Rebuilding trust takes both of you. It is fine to go on alone for a while and look "
    "after yourself. What you write here stays yours unless you choose to share it."
)
SOLO_WHY = {
    "not_joined": "{other} has not started the workbook yet.",
    "paused": "You chose to pause the steps you take together.",
    "left": "You said you are going on alone for now.",
}
SOLO_CAN_DO = "What you can do on your own"
SOLO_ITEMS = (
    ("today", "Your own check-in on Today: a minute a day, for you."),
    ("private", "Your private journal: sealed with your passphrase, for your eyes only."),
    ("module:1", "What safety means to you, and the boundaries you keep for yourself."),
    ("module:13", "Lessons and habits you want to keep."),
    ("module:15", "Getting outside help: someone to talk to, just for you."),
    ("help", "Safety now: who to call if you are not safe."),
)
SOLO_OPEN = "Open"
SOLO_PRIVATE_NOTE = (
    "While you are on your own, an entry that can be private starts out private. Untick "
    "“Keep this private” to share that piece."
)
SOLO_GO_ON_ALONE = "I am going on alone for now"
SOLO_BACK_TOGETHER = "We are doing this together again"
SOLO_NEEDS_BOTH = (
    "This part is for both of you, and it can wait. For now, here is what you can do on your own."
)
SOLO_OPEN_PATH = "What I can do on my own"

# --- the hopes come back, and the next step ------------------------------------------------
HOPES_TITLE = "What you hoped for"
HOPE_LINE = "{name}: “{hope}”"
NEXT_STEP_TITLE = "Your next step"
NEXT_STEP = "Module {number}: {title}"
NEXT_STEP_OPEN = "Open module {number}"
NEXT_STEP_ALL_DONE = "You have tried every module. Come back to any of them on Journey."

# --- the role question at the welcome ---------------------------------------------------------
ROLE_QUESTION = "If you like: what was your part in what happened?"
ROLE_HELP = (
    "Private and optional. It only chooses which daily prompts you see, so none of them "
    "reads as blame, and (if you both agree to research) it is counted with your numbers."
)
ROLE_CHOICES = {
    "hurt": "I was the one hurt",
    "broke_trust": "I broke trust",
    "both": "Both of us hurt each other",
    "prefer_not": "I would rather not say",
}
ROLE_KEPT = "Your answer is kept privately."
ROLE_NOT_KEPT = (
    "Your answer about your part was not kept: a private answer needs a passphrase, and "
    "your pages are locked or have none. Your hope is saved."
)

# --- agreements both partners shape ---------------------------------------------------------
AGREEMENT_STATE = {
    "proposed": "Waiting for {names}",
    "active": "Agreed by both of you",
    "declined": "Declined by {name}: {reason}",
    "changed": "{name} proposed a change",
    "withdrawn": "Withdrawn by {name}",
}
AGREEMENT_ACCEPT = "Accept"
AGREEMENT_DECLINE = "Decline…"
AGREEMENT_DECLINE_REASON = "Why, in a sentence"
AGREEMENT_DECLINE_SAVE = "Decline"
AGREEMENT_PROPOSE = "Propose a change…"
AGREEMENT_PROPOSE_TEXT = "Your wording"
AGREEMENT_PROPOSE_SAVE = "Propose this wording"
AGREEMENT_WITHDRAW = "Withdraw"
AGREEMENT_HISTORY = "Earlier versions"
AGREEMENT_VERSION = "Version {n}: “{text}” ({state})"
AGREEMENT_VAGUE_ASK = (
    "The coach finds this agreement hard to check: {why} Accept it as it stands anyway?"
)
AGREEMENT_VAGUE_YES = "Yes, accept it as it is"
AGREEMENT_REASON_NEEDED = "Say in a sentence why you decline, so your partner can understand."
AGREEMENT_NOT_YOURS = "Only the other partner accepts, declines or proposes a change."
AGREEMENT_ONLY_AUTHOR = "Only {name}, who wrote it, can withdraw it."
AGREEMENT_NOT_OPEN = "This agreement is not waiting for an answer any more."

# --- promises renegotiated with new terms ----------------------------------------------------
PROMISE_RENEGOTIATE = "Renegotiate…"
PROMISE_NEW_TERMS = "The new terms"
PROMISE_NEW_DUE = "New due time"
PROMISE_NEW_DUE_NEEDED = "Choose when the new terms are due."
PROMISE_RENEGOTIATE_SAVE = "Save the new terms"
PROMISE_RENEGOTIATED_FROM = "Renegotiated from “{text}”, due {due}"

# --- a summary for a counsellor ----------------------------------------------------------------
SUMMARY_TITLE = "A summary for a counsellor"
SUMMARY_INTRO = (
    "A PDF of the last weeks to take to a couples therapist or counsellor: how the check-ins "
    "went, your agreements and contract, the signals and why they appeared, and only the "
    "entries of your own you choose."
)
SUMMARY_WEEKS = "Weeks"
SUMMARY_PICK = "Your own entries to include"
SUMMARY_PICK_NONE = "You have no entries of your own from these weeks yet."
SUMMARY_OTHER_SHARED = "{other}'s shared entries"
SUMMARY_OTHER_AGREED = "{other} agreed: their shared entries are included."
SUMMARY_OTHER_ASK = (
    "{other}'s shared entries are left out unless they agree. They are asked at their next "
    "visit, or they can agree here now if they are with you."
)
SUMMARY_OTHER_DECLINED = "{other} chose to keep their entries out of summaries."
SUMMARY_ASK_BUTTON = "Ask {other} at their next visit"
SUMMARY_ASKED = "{other} will be asked at their next visit."
SUMMARY_BOTH_HERE = "{other} is here and agrees"
SUMMARY_MAKE = "Make the PDF"
SUMMARY_YOURS = (
    "This file is yours to carry and to delete. It is made on this machine and sent "
    "nowhere; whoever has it can read it, so keep it somewhere only you can open, and "
    "delete it when you no longer need it."
)
SUMMARY_MADE = "Your summary is ready ({size})."
SUMMARY_WEEKS_RANGE = "Choose between 1 and 52 weeks."
SUMMARY_CONSENT_TITLE = "{other} would like to take a summary to a counsellor"
SUMMARY_CONSENT_BODY = (
    "It would include your shared entries of the last weeks (never your private ones). "
    "You can say no, and change your mind later."
)
SUMMARY_CONSENT_YES = "Yes, include my shared entries"
SUMMARY_CONSENT_NO = "No, leave them out"
SUMMARY_CONSENT_SAVED_YES = "Thank you. Your shared entries can be included."
SUMMARY_CONSENT_SAVED_NO = "Your entries stay out of summaries."

# the PDF itself
PDF_SUMMARY_TITLE = "What has been happening: {a} and {b}"
PDF_SUMMARY_SUB = "The last {weeks} weeks ({start} to {end}), made by {name} on {made}."
PDF_SUMMARY_FOR = (
    "Made with repairbook, a workbook couples use on their own to rebuild trust. It holds "
    "what {name} chose to bring."
)
PDF_MARKERS = "How the check-ins went"
PDF_NO_MARKERS = "No check-ins in these weeks."
PDF_AGREEMENTS = "Agreements"
PDF_NO_AGREEMENTS = "No agreements yet."
PDF_CONTRACT = "The repair contract"
PDF_NO_CONTRACT = "No contract yet."
PDF_CONTRACT_REVISIT = "To be revisited on {day}."
PDF_SIGNALS = "Signals and why they appeared"
PDF_NO_SIGNALS = "No signals in these weeks."
PDF_OWN = "Entries {name} chose to include"
PDF_OTHER = "{name}'s shared entries (with their agreement)"
PDF_ENTRY = "{day} · {kind}"
PDF_NOTHING_CHOSEN = "None chosen."
SUMMARY_NO_WORKBOOK = "There is no workbook there yet, so there is nothing to summarise."

"""Words for the documents repairbook makes: the repair-contract PDF and the rhythm calendar.

Everything printed in the PDF or shown as a calendar event title lives here, so one voice
carries across the app and what the couple takes away from it.
"""

from __future__ import annotations

from datetime import date, datetime

# -- the repair contract PDF ---------------------------------------------------------------

PDF_TITLE = "Our repair contract"
PDF_SUBJECT = "A repair contract between {names}"
PDF_NAMES = "{a} and {b}"
PDF_VERSION_LINE = "Version {version} · written {written}"
PDF_INTRO = (
    "These are the promises you made to each other, in your own words. "
    "Small things, done again and again, are what this agreement is for."
)

PDF_COMMITMENTS = "What we each commit to"
PDF_COMMITMENTS_OF = "{name} commits to"
PDF_NO_COMMITMENTS = "No commitments written yet."
PDF_SUPPORT = "What support looks like"
PDF_BREAKS = "What breaks it"
PDF_REVISIT = "When we come back to it"
PDF_REVISIT_LINE = "Next revisit: {date}"
PDF_REVISIT_NOTE = (
    "At first, a monthly look is a good rhythm. You can change anything then; "
    "a changed agreement becomes a new version that you both sign again."
)

PDF_SIGNATURES = "Signatures"
PDF_SIGNED = "Signed by {name}"
PDF_SIGNED_AT = "on {date} at {time}"
PDF_NOT_SIGNED = "Not yet signed by {name}"
PDF_NOT_SIGNED_NOTE = "This version is waiting for a signature in the app."

PDF_HISTORY = "Earlier versions"
PDF_HISTORY_LINE = "Version {version}, written {written}"
PDF_HISTORY_CHANGED = "Version {version} changed {parts}."
PDF_HISTORY_SAME = "Version {version} kept the same wording."
PDF_PART_NAMES = {
    "commitments": "the commitments",
    "support": "what support looks like",
    "breaks": "what breaks it",
    "revisit_on": "the revisit date",
}

PDF_FOOTER = (
    "A personal agreement between the two of you. "
    "It is not a legal document, and it is not therapy."
)
PDF_PAGE = "Page {page} of {pages}"
PDF_CREATOR = "repairbook"

# -- the rhythm calendar ---------------------------------------------------------------------

CAL_NAME = "repairbook rhythms"
CAL_DESCRIPTION = "The rhythms you chose in repairbook."

EVENT_TITLES = {
    "daily_checkin": "Daily check-in",
    "repair_checkin": "Weekly repair check-in",
    "fun_date": "Fun date",
    "promise_review": "Look over open promises",
    "contract_revisit": "Revisit our repair contract",
    "tabled_return": "Back to a tabled conversation",
}
EVENT_DESCRIPTIONS = {
    "daily_checkin": "A minute each: trust, felt safety, connection, and one honest thing.",
    "repair_checkin": "Twenty to thirty minutes together: facts, feelings, progress.",
    "fun_date": "Time for the two of you. Heavy topics can wait for another day.",
    "promise_review": "A short look at the small promises still open.",
    "contract_revisit": "A calm look at your repair contract: what holds, what to change.",
    "tabled_return": "The conversation you tabled comes back now: both present, calm, "
    "understanding first.",
}
ALARM_TEXT = "{title}"

# -- CLI and errors ----------------------------------------------------------------------------

NO_CONTRACT = (
    "There is no repair contract in this workbook yet. You can write one together on the "
    "Repair contract page, or with `repairbook add contract --author NAME --json ...`."
)
NOT_A_CONTRACT = "The entry {id} is a {kind}, not a repair contract."
BAD_TIMEZONE = "The time zone '{tz}' is not one we know. Try a name like Europe/Berlin or UTC."
BAD_TIME = "{label} needs a time like 19:30; you entered {given}."
OUT_DIR_MISSING = "The folder {folder} does not exist. Make it first, or pick another place."
OUT_NOT_WRITABLE = "The file {path} could not be written: {reason}."
PDF_WRITTEN = "Saved the repair contract (version {version}) to {path}"
CAL_WRITTEN = "Saved your calendar to {path}. Open it with your calendar app to add the events."

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def long_date(d: date) -> str:
    """14 March 2026, the same in every locale."""
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def clock(t: datetime) -> str:
    return f"{t.hour:02d}:{t.minute:02d}"

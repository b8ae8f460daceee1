"""Words for research: the consent text each partner reads (every version, so a codebook
can carry the exact words behind each export), the options it offers, the messages of the
export and dataset commands, and the meanings of the derived columns in the research
codebook.

The consent text has a version. A consent entry records the version its partner read;
when the text changes in a way that matters, add the new text to :data:`CONSENT_TEXTS`
under a new version and point :data:`CONSENT_TEXT_VERSION` at it. Old versions stay.
"""

from __future__ import annotations

CONSENT_TITLE = "Sharing with research"

#: Version 1 (until repairbook 0.x, issue 16): kept word for word; exports name it.
_CONSENT_V1 = (
    "Researchers who study how couples rebuild trust learn from numbers like yours. "
    "Sharing is your choice, each of you decides for yourself, and nothing changes in "
    "the app whichever you choose.",
    "If you say yes, an export file can be made from this workbook. It holds your "
    "ratings, yes/no answers and counts, marked by days since you started rather than "
    "by dates. It does not hold your names, your dates, or anything you wrote, unless "
    "you also choose to share cleaned-up text.",
    "Your private pages stay private. Only if you tick the extra box do their yes/no "
    "and 0-10 answers join the export, never their words.",
    "The file carries a made-up code instead of your names. The key to that code stays "
    "in this workbook, on your machine.",
    "You can take your yes back at any time. Every export made after that leaves your "
    "answers out. A file that was already handed over cannot be called back by the app.",
    "This is research about the workbook, not a treatment, and saying no is always fine.",
)

#: Version 2: adds the role question and how a choice is recorded.
_CONSENT_V2 = (
    _CONSENT_V1[0],
    _CONSENT_V1[1],
    "If you told the welcome your part in what happened (the one who was hurt, the one "
    "who broke trust, both, or rather not say), that answer joins the export as a code, "
    "so researchers can tell the two partners' paths apart. If you skipped it, nothing is "
    "sent.",
    _CONSENT_V1[2],
    _CONSENT_V1[3],
    "Only you can give or take back your yes: on your own page, through your personal "
    "link, or with your passphrase. The export notes which of these you used, the day, "
    "and the version of this text you read.",
    _CONSENT_V1[4],
    _CONSENT_V1[5],
)

#: Every version of the consent text, as paragraphs: {version: paragraphs}.
CONSENT_TEXTS: dict[str, tuple[str, ...]] = {"1": _CONSENT_V1, "2": _CONSENT_V2}
del _CONSENT_V1, _CONSENT_V2  # reachable only through CONSENT_TEXTS

CONSENT_TEXT_VERSION = "2"

#: Paragraphs of the current version, shown in order on the consent page (Private → Research).
CONSENT_PARAGRAPHS = CONSENT_TEXTS[CONSENT_TEXT_VERSION]

#: The whole consent text as one string, paragraphs separated by a blank line.
CONSENT_TEXT = "\n\n".join(CONSENT_PARAGRAPHS)

#: How a partner gave or took back consent (``consent_how`` in the export).
CONSENT_HOW = {
    "passphrase": "with their passphrase (command line)",
    "personal_link": "on the page opened by their personal link",
    "page": "on their own page in the app",
}

#: A partner's answer to the welcome's role question (``role`` in the export).
ROLES = {
    "hurt": "was hurt",
    "broke_trust": "broke trust",
    "both": "both",
    "prefer_not": "prefers not to say",
}

GIVE_BUTTON = "Save my choice"
REVOKE_BUTTON = "Take my yes back"

OPTION_NUMERIC = "Share my numbers (ratings, yes/no answers, counts)"
OPTION_SCRUBBED_TEXT = (
    "Also share what I wrote, with names, places, contact details and numbers taken out"
)
OPTION_PRIVATE_NUMERIC = "Also share yes/no and 0-10 answers from my private pages"
OPTION_FACILITATOR = "Let a workshop facilitator see my numbers in the group view"

# -- status lines ----------------------------------------------------------------------
STATUS_NONE = "{name} has not chosen yet."
STATUS_GIVEN = "{name} shares {what} (since {on}, consent text version {version})."
STATUS_REVOKED = "{name} does not share anything (changed on {on})."
WHAT_NUMBERS = "numbers"
WHAT_TEXT = "cleaned-up text"
WHAT_PRIVATE = "private yes/no and 0-10 answers"
WHAT_FACILITATOR = "a view of them for a workshop facilitator"

GIVEN_SAVED = "Thank you, {name}. Your choice is saved, and you can change it at any time."
REVOKED_SAVED = "Done, {name}. Exports made from now on leave your answers out."
GIVE_OR_REVOKE = "Choose either --give or --revoke."
TEXT_NEEDS_GIVE = "--text, --private-numeric and --facilitator go with --give."
CONSENT_NEEDS_PASSPHRASE = (
    "Only {name} can choose this, and at the command line that takes {name}'s passphrase. "
    "{name} has none yet: set one with `repairbook passphrase --partner {name}`, or choose "
    "on your own page in the app."
)
CONSENT_NOT_PROVEN = (
    "That choice was not saved: {name}'s passphrase has to open their pages first, so "
    "that only {name} can give or take back their yes."
)
CONSENT_BAD_HOW = (
    "A consent is given with a passphrase, a personal link or on the page; not {how!r}."
)

# -- export ----------------------------------------------------------------------------
NO_CONSENT = (
    "Nothing was exported: neither partner has agreed to share with research. "
    "Each partner can agree with `repairbook consent --partner NAME --give`."
)
EXPORT_DONE = "Saved an anonymized export for couple {couple_id} to {path}."
EXPORT_PARTNERS = "It holds {who}: {rows} rows in {tables} tables."
EXPORT_PRIVATE_LOCKED = (
    "{name} agreed to share private yes/no answers, but their private pages are locked, "
    "so those were left out."
)
EXPORT_ROLE_LOCKED = (
    "{name}'s answer about their part in what happened is kept on their private pages, "
    "which are locked, so it was left out."
)
EXPORT_OUT_EXISTS_DIR = "{path} is a folder; give a file name ending in .zip."

# -- dataset build ---------------------------------------------------------------------
BUILD_SKIPPED = "Skipped {name}: {reason}"
BUILD_DONE = (
    "Built {couples} couples into {path} (cohort {cohort}): {rows} rows in {tables} tables."
)
BUILD_SOME_SKIPPED = "{n} of {total} exports were skipped; see the reasons above."
BUILD_NOTHING = "None of the {total} exports could be used, so nothing was written."
BUILD_NO_INPUTS = "Give at least one export file (or a folder of them) to build from."
BUILD_NOT_A_DATASET = (
    "{path} already holds other files. Pick an empty folder or one made by "
    "`repairbook research build`."
)
BAD_COHORT = "A cohort name uses letters, digits, '-' and '_' only (at most 40); {name!r} does not."

# reasons an export is refused (each finishes the BUILD_SKIPPED sentence)
WHY_NOT_ZIP = "it is not a repairbook export (not a readable zip file)."
WHY_NO_MANIFEST = "it has no readable manifest.json."
WHY_FORMAT = "it uses export format {found}; this version reads format {known}."
WHY_MISSING_FILE = "the manifest lists {file}, but the file is not in the export."
WHY_EXTRA_FILE = "it holds {file}, which the manifest does not list."
WHY_CHECKSUM = "{file} does not match its checksum in the manifest (changed after export)."
WHY_UNKNOWN_TABLE = "it holds a table {table!r} that the codebook does not describe."
WHY_COLUMNS = "table {table} has columns {found}; the codebook expects {expected}."
WHY_TYPE = "column {table}.{column} is {found}; the codebook says {expected}."
WHY_RANGE = "column {table}.{column} has values outside {lo}..{hi}."
WHY_CHOICE = "column {table}.{column} has values outside its categories ({bad})."
WHY_NULLS = "column {table}.{column} has empty values where the codebook allows none."
WHY_COUPLE = "table {table} holds rows of another couple."
WHY_PARTNER = "table {table} holds rows of a partner the manifest does not list."
WHY_ROWS = "table {table} has {found} rows; the manifest says {expected}."
WHY_PARQUET = "{file} is not a readable Parquet file."
WHY_DUPLICATE = "couple {couple_id} is already in this build (from {first})."
WHY_BAD_ID = "its couple id {couple_id!r} is not in the expected form."

BUILD_MIXED = (
    "These exports mix synthetic (made-up) couples and real ones: {synthetic} synthetic "
    "and {real} real. Build them as separate cohorts, or add --allow-mixed to keep them "
    "together in a cohort labelled mixed."
)
BUILD_COHORT_KIND = {"synthetic": "synthetic", "real": "real", "mixed": "mixed"}
POOL_MIXED = (
    "This dataset holds synthetic and real cohorts ({cohorts}); name one with cohort=... "
    "so made-up couples are never pooled with real ones."
)
COHORT_LINE = (
    "Cohort {cohort}: {kind} data, {couples} couples from {inputs} exports "
    "(built with repairbook {version})."
)
SUPPRESSED_NOTE = "Rows with fewer than {k} couples are left out (small cells)."

# -- REDCap data ------------------------------------------------------------------------
REDCAP_DONE = (
    "Wrote {rows} REDCap rows ({records} records) for cohort {cohort} to {path}. Import it "
    "with the data dictionary in {dictionary}."
)
REDCAP_NO_COHORT = "The dataset has no cohort {cohort!r}; it has {known}."
REDCAP_WHICH_COHORT = "The dataset holds several cohorts ({known}); choose one with --cohort."

# -- synthetic cohorts -----------------------------------------------------------------
SYNTH_DONE = "Wrote {n} synthetic exports ({days} days each, seed {seed}) to {path}."
SYNTH_BAD = "--couples is 1 or more and --days is between 7 and 3650."

# -- codebook --------------------------------------------------------------------------
CODEBOOK_DONE = (
    "Wrote the codebook (Markdown, datapackage.json, data dictionary CSV and the consent "
    "texts) to {path}."
)
CODEBOOK_TITLE = "repairbook research codebook"
CODEBOOK_INTRO = (
    "Each couple's export holds the tables below. Every row belongs to one partner who "
    "agreed to share. Times are days since the couple started; there are no dates, no "
    "names and no free text except where a partner agreed to cleaned-up text. Columns "
    "marked 'scrubbed text' are empty (null) unless that partner agreed."
)

# meanings of the columns every table shares and of derived columns (researcher-facing)
COLUMN_COUPLE_ID = "Pseudonymous couple id: stable across a couple's exports, not reversible."
COLUMN_PARTNER_ID = "Partner within the couple: p1 or p2 (the order they were named in)."
COLUMN_DAY = (
    "Days since the couple started (day 0 = the earliest day in this export, so never "
    "negative). For kinds with their own day (check-ins, rituals, wins) it is that day; "
    "otherwise the day it was written."
)
COLUMN_WEEK = "Week since the couple started: floor(day / 7)."
COLUMN_REF = "Pseudonymous id of this entry, for joining related tables within a couple."
COLUMN_REF_TO = "Pseudonymous id of the related {kind} entry (same couple)."
COLUMN_DAY_OF = "{title}, as days since the couple started."
COLUMN_PART_OF = "{title}, coarsened to the part of the day (night 0-5h, morning 6-11h, afternoon 12-17h, evening 18-23h, local time)."
COLUMN_COUNT_OF = "How many items '{title}' holds."
COLUMN_PARTNER_OF = "{title}, as a partner id (p1 or p2)."
COLUMN_TEXT_OF = (
    "{title}, scrubbed text (null unless this partner agreed to share cleaned-up text)."
)
COLUMN_HOURS_UNTIL_DUE = "Whole hours between writing the promise and its due time."
COLUMN_ANY_YES = "True when any of afraid, threatened, controlled or hurt is true."
COLUMN_ACCEPTED_COUNT = "How many partners accepted the agreement (0-2)."
COLUMN_COMMITMENTS_COUNT = "How many commitments the contract holds (normally 6)."
COLUMN_CONSENT = "The partner agreed to share: {what}."
COLUMN_CONSENT_VERSION = "Version of the consent text the partner read."
COLUMN_CONSENT_DAY = "Day (since start) the partner last chose."
COLUMN_CONSENT_HOW = (
    "How the partner made that choice: passphrase (command line, passphrase checked), "
    "personal_link (the page opened by their personal link) or page (their own page in "
    "the app). Empty for choices recorded before this was kept."
)
COLUMN_ROLE = (
    "The partner's own answer to the welcome's optional question about their part in what "
    "happened: hurt, broke_trust, both or prefer_not. Empty when they did not answer."
)
COLUMN_RECORD_ID = "REDCap record: couple id and partner id joined by '_' (one record per partner)."
TABLE_PARTNERS = "One row per partner whose numbers are in the export, with what they agreed to."
TABLE_FROM_KIND = "One row per {label} ({kind} entries{private})."
TABLE_PRIVATE_NOTE = "; from private pages, only with the partner's extra consent"

# -- the consent page in the app (Private -> Research) --------------------------------------
GIVE_BUTTON = "Save my choice"
REVOKE_BUTTON = "Share nothing"

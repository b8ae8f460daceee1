"""Words for workshops: what a facilitator reads on the command line and in the group view,
what a couple reads on its handout and on a link that is not valid.

Placeholders are named in braces; each constant says which ones it takes where it is not obvious.
"""

from __future__ import annotations

# -- the session plan -----------------------------------------------------------------------

#: the default plan: six weekly sessions, each with the journey modules it works on
DEFAULT_SESSIONS: tuple[tuple[int, ...], ...] = (
    (0, 1),
    (2, 3),
    (4, 6),
    (5, 7),
    (8, 9),
    (10, 12, 15),
)
DEFAULT_MINUTES = 90

#: {number}, {date} (e.g. "5 Dec"), {minutes}, {modules} (module titles joined by ", ")
PLAN_LINE = "Session {number} · {date} · {minutes} min: {modules}"
PLAN_LINE_NO_DATE = "Session {number} · {minutes} min: {modules}"
PLAN_NEXT = " (next)"
PLAN_NO_MODULES = "open time together"
#: the heading of the plan on the Today page and on the handout; {name} is the workshop's name
PLAN_TITLE = "Your workshop: {name}"
PLAN_EMPTY = "Your facilitator has not planned the sessions yet."

# -- the page a couple sees when the link is not right ----------------------------------------

INVALID_TITLE = "This link is not valid"
INVALID_BODY = (
    "This page could not open a workbook with this link. Links can change, so the "
    "person who runs your workshop can give you the one that works now."
)
INVALID_NOTE = "Nothing you have written is lost."

# -- the facilitator's group view -------------------------------------------------------------

GROUP_TITLE = "Group view: {name}"
GROUP_INTRO = (
    "Numbers only, and only from couples where both partners chose to share them with you. "
    "No entry text, no private entries, no safety answers ever appear here."
)
GROUP_LATEST = "The latest week with check-ins, per couple"
GROUP_ALL = "All sharing couples together"
GROUP_NONE_SHARED = (
    "No couple shares numbers with you yet. Each partner can choose this on their Private page."
)
GROUP_PLAN = "Session plan"

STATUS_SHARED = "shared"
STATUS_NOT_SHARED = "not shared"
STATUS_NOT_STARTED = "not started yet"
STATUS_UNREADABLE = "could not be read"

#: column headings of the group view and of ``repairbook workshop summary``
COLUMNS: dict[str, str] = {
    "label": "Couple",
    "status": "Numbers",
    "weeks": "Weeks",
    "week": "Week of",
    "trust": "Trust",
    "safety": "Safety",
    "connection": "Connection",
    "checkin_days": "Check-in days",
    "argument_days": "Same-argument days",
    "recovery_median_minutes": "Recovery (median min)",
    "triggers": "Triggers",
    "trigger_max_intensity": "Strongest trigger",
    "promises_due": "Promises due",
    "promises_kept": "Kept on time",
    "promises_kept_late": "Kept late",
    "promises_broken": "Broken",
    "promise_rate": "On-time rate",
    "promise_minutes_late": "Minutes late (median)",
    "affection_mean": "Affection per check-in",
    "urge_mean": "Urge to check",
    "couples": "Couples",
}
#: the columns the group view and the plain summary show, in order
SUMMARY_COLUMNS = (
    "trust",
    "safety",
    "connection",
    "argument_days",
    "recovery_median_minutes",
    "promise_rate",
    "affection_mean",
    "urge_mean",
)
GROUP_ROW = "All sharing couples"
NO_VALUE = "–"

# -- handouts -----------------------------------------------------------------------------------

HANDOUT_TITLE = "Your private workbook link"
#: {name}: the workshop's name; {label}: the couple's label
HANDOUT_FOR = "{name} · for {label}"
HANDOUT_INTRO = (
    "This link opens your own workbook, and only yours. Anyone who has it can open your "
    "shared pages, so keep this sheet somewhere private, as you would a house key."
)
HANDOUT_LINK = "Your link"
HANDOUT_SCAN = "Scan the code with a phone camera, or type the link into a browser."
HANDOUT_PLAN = "The sessions"
HANDOUT_STEPS = "Your first steps"
HANDOUT_FIRST_STEPS: tuple[str, ...] = (
    "Open your link on a laptop or phone you both use, at a calm time.",
    "If the page asks for your names, type them in. You can choose any names you like.",
    "Each of you may set a passphrase for private pages. Only its owner can open them.",
    "Try today's check-in: it takes less than a minute for each of you.",
    "Bring any questions to the next session. There are no wrong answers here.",
)
HANDOUT_FOOTER = (
    "repairbook is a workbook for practising repair together. It is not therapy. "
    "If you ever feel unsafe, the Help page lists who you can contact."
)
HANDOUT_PAGE = "Page {page} of {pages}"
HANDOUT_CREATOR = "repairbook"

# -- the command line ------------------------------------------------------------------------

NO_WORKSHOP = (
    "There is no workshop in {path}. Start one with: repairbook workshop init {path} --name NAME"
)
ALREADY_WORKSHOP = "{path} already holds a workshop. Pick another folder, or keep using this one."
DAMAGED_WORKSHOP = (
    "The workshop file {path} could not be read ({detail}). A copy from a backup would help."
)
NEWER_WORKSHOP = (
    "The workshop file {path} was written by a newer repairbook. Update repairbook to use it."
)
BAD_NAME = "A workshop name has 1 to 120 characters."
BAD_LABEL = (
    "A couple's label has 1 to 60 characters, without line breaks or tabs. "
    "It can be anything you choose, such as 'Table 3' or 'Blue'."
)
LABEL_TAKEN = "The label {label!r} is already in use in this workshop. Pick another one."
UNKNOWN_LABEL = "No couple in this workshop has the label {label!r}."
PARTNERS_NEED_TWO = (
    "Give --partner twice (both names), or leave it out so the couple names themselves."
)
BAD_SESSION = (
    "There is no session {number}. Sessions are numbered 1 to {last}; {next} adds a new one."
)
BAD_MODULES = "Modules are numbers from 0 to 15 separated by commas, such as 2,3."
BAD_MINUTES = "Minutes are a whole number from 10 to 600."
BAD_DATE = "A date looks like 2025-03-14."
BAD_PORT = "--port is between 1 and 65535."

CREATED = "Created the workshop {name!r} in {path}."
FACILITATOR_LINK = "Your own group-view link (keep it to yourself):"
ADDED = "Added {label!r}. Its workbook folder is {folder}."
ADDED_NAMED = "Added {label!r} for {a} and {b}. Its workbook folder is {folder}."
LINK_ONCE = (
    "The link is stored only in {links} (delete that file once the handouts are printed); "
    "workshop.json keeps only a fingerprint of it."
)
REMOVED = (
    "Removed {label!r}: its link no longer opens anything. The workbook folder {folder} is kept."
)
REMOVED_DELETED = (
    "Removed {label!r}: its link no longer opens anything, and its workbook folder was deleted."
)
REKEYED = "{label!r} has a new link; the old one no longer opens anything:"
REKEYED_FACILITATOR = "Your group view has a new link; the old one no longer opens anything:"
ROSTER_BAD_ROW = "roster line {line}: {problem}"
ROSTER_EMPTY = "The roster file has no couples in it. Each line is: label[,partner_a,partner_b]"
ROSTER_MISSING = "The roster file {path} could not be read."
ROSTER_ROW_SHAPE = "expected label or label,partner_a,partner_b"
ROSTER_SUMMARY = "{added} added, {bad} line(s) skipped."
NO_LINKS_FILE = (
    "The clear keys were deleted after printing (links.txt is gone), so no link can be "
    "printed again. Make a fresh one with: repairbook workshop rekey {path} --label LABEL"
)
NO_LINK_FOR = "{label}: no link kept. Make a fresh one with: repairbook workshop rekey {path} --label {label_arg}"
NO_COUPLES = "This workshop has no couples yet. Add one with: repairbook workshop add-couple {path} --label LABEL"
HANDOUTS_WRITTEN = "Wrote {count} handout page(s) to {out}."
HANDOUTS_NONE = (
    "No couple has a kept link, so there is nothing to print. 'rekey' makes fresh links."
)
PLAN_UPDATED = "Session {number} is now: {line}"
PLAN_REMOVED = "Removed session {number}; the sessions after it moved up by one."

SERVE_READY = "Serving the workshop {name!r} ({count} couple(s)) at {url}"
SERVE_LINKS = "Each couple opens its own link: repairbook workshop links {path}"
SERVE_STOP = "Press Ctrl-C to stop."
SERVE_STOPPED = "Stopped. Every workbook is saved."
SERVE_FAILED = (
    "The workshop server stopped unexpectedly (exit {code}). Is port {port} already in use?"
)
TLS_WARNING = (
    "Note: the server listens on {host}, so other machines can reach it. It speaks plain "
    "HTTP: anyone on the same network could read the links and pages passing by. Put it "
    "behind a proxy that adds TLS (HTTPS), such as Caddy or nginx, and give couples the "
    "https:// links (repairbook workshop links --base-url), or use it only on a room "
    "network you trust."
)

SUMMARY_HEADER = "{name}: {shared} of {count} couple(s) share numbers with you."

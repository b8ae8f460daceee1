"""Words for workshops: what a facilitator reads on the command line and in the group view,
what a couple reads on its handout and on a link that is not valid.

Placeholders are named in braces; each constant says which ones it takes where it is not obvious.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# -- where a couple's words live, by mode -------------------------------------------------------


@dataclass(frozen=True)
class WhereWordsLive:
    """Every sentence a couple reads about where their words live, for one mode.

    ``where``: where the workbook is kept (one or two sentences); ``sealed``: what private
    entries are; ``short``: one line for the set-up and welcome pages; ``setup_intro``: the
    set-up page's opening; ``backup``: how to keep a copy or take it home."""

    mode: str
    where: str
    sealed: str
    short: str
    setup_intro: str
    backup: str

    @property
    def privacy(self) -> str:
        """``where`` and ``sealed`` together (Help's "How privacy works" ends with it)."""
        return f"{self.where} {self.sealed}"


SEALED_HOME = (
    "Private entries are locked with their writer's passphrase: only their writer can open them."
)
SEALED_WORKSHOP = (
    "Private entries are locked with their writer's passphrase on every computer they are "
    "kept on: nobody else can open them, your facilitator included."
)

_WHERE: dict[str, WhereWordsLive] = {
    "home": WhereWordsLive(
        mode="home",
        where="Everything stays in a folder on this computer; nothing is sent anywhere.",
        sealed=SEALED_HOME,
        short="Everything you write stays in a folder on this computer. Nothing is sent anywhere.",
        setup_intro=(
            "This workbook belongs to the two of you, and it stays on this computer. "
            "Start with your first names."
        ),
        backup=(
            "Your workbook is one folder on this computer. To keep a copy, close the page and "
            "copy the whole folder somewhere safe, such as a USB stick. Private entries stay "
            "locked in the copy. The command `repairbook backup` makes a copy too."
        ),
    ),
    "workshop": WhereWordsLive(
        mode="workshop",
        where=(
            "For the time of the workshop, your workbook is kept on the computer of the person "
            "who runs it, and your pages come from their server. They can see the numbers you "
            "both choose to share in their group view, and nothing else through the app. At "
            "the end you take the whole workbook home as one file, and it is removed from "
            "their computer."
        ),
        sealed=SEALED_WORKSHOP,
        short=(
            "For the workshop, what you write is kept on your facilitator's computer, and you "
            "take it home at the end. Private entries stay locked with your own passphrase."
        ),
        setup_intro=(
            "This workbook belongs to the two of you. For the workshop it is kept on your "
            "facilitator's computer, and you take it home at the end. "
            "Start with your first names."
        ),
        backup=(
            "During the workshop your facilitator keeps your workbook and its backups. At the "
            "end, ask for your take-home file: `repairbook import FILE` opens it on your own "
            "computer. Private entries stay locked in it."
        ),
    ),
}


def where_words_live(mode: Literal["home", "workshop"] | str) -> WhereWordsLive:
    """The words about where a couple's words live, true for ``mode`` ("home" or
    "workshop"; see :func:`repairbook.workshop.mode_for`). Anything else reads as home."""
    return _WHERE.get(mode, _WHERE["home"])


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

#: {number}, {date} (e.g. "5 Dec 2031"), {minutes}, {modules} (module titles joined by ", ")
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
HANDOUT_SCAN = (
    "Scan the code with a phone camera: that is the easy way. The link is printed too, "
    "for a computer without a camera."
)
HANDOUT_PARTNER_TITLE = "Your own link"
#: {name}: the workshop's name; {label}: the couple's label; {number}: 1 or 2
HANDOUT_PARTNER_FOR = "{name} · for {label}, partner {number}"
HANDOUT_PARTNER_INTRO = (
    "This link is for one of you alone, on your own phone. It opens your workbook as you, "
    "with no switch to the other partner. Your partner has their own sheet. Keep this one "
    "private, as you would a house key."
)
HANDOUT_SHARED_NOTE = (
    "This is the couple's shared link, for the two of you at one device. Each of you also "
    "has a sheet with a link of your own."
)
HANDOUT_WHERE = "Where your words live"
HANDOUT_PLAN = "The sessions"
HANDOUT_STEPS = "Your first steps"
HANDOUT_FIRST_STEPS: tuple[str, ...] = (
    "Open your link on a laptop or phone you both use, at a calm time.",
    "If the page asks for your names, type them in. You can choose any names you like.",
    "Each of you may set a passphrase for private pages. Only its owner can open them.",
    "Try today's check-in: it takes less than a minute for each of you.",
    "Bring any questions to the next session. There are no wrong answers here.",
)
HANDOUT_PARTNER_STEPS: tuple[str, ...] = (
    "Open your link on your own phone, at a calm time.",
    "If the page asks for your names, one of you types both. You can choose any names you like.",
    "You may set a passphrase for your private pages. Only you can open them.",
    "Try today's check-in: it takes less than a minute.",
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
PARTNER_WORD = "partner"
ROSTER_OR_LABEL = "Give either --roster or --label, not both."
LABEL_NEEDED = "Give --label LABEL (or --roster FILE)."
REKEY_WHICH = "Give --label LABEL (perhaps with --partner 1 or 2) or --facilitator."
HELPLINE_SHAPE = (
    'A helpline is written "Name|phone|web", such as "Lifeline|13 11 14|lifeline.org.au".'
)
SHARE_WHO = "Say whose choice it is with --partner NAME."
BAD_HOST = "--host is an address such as 192.168.1.20 or room.local, without spaces or slashes."
BAD_BASE_URL = "--base-url is an address such as https://room.example.org/."
BAD_PARTNER_NUMBER = "--partner is 1 or 2: the first or the second partner of the couple."
BAD_EMERGENCY = "An emergency number has digits (and perhaps +, spaces or dashes), such as 112."
BAD_HELPLINE = "A helpline needs a name and a phone number or web address, on one line each."
UNKNOWN_HELPLINE = "There is no helpline called {name!r} for this room."
DELETE_FAILED = (
    "The workbook folder {folder} could not be deleted completely. Check its permissions "
    "and delete it by hand."
)
ROSTER_MIXED = (
    "The roster mixes commas and semicolons, so its cells cannot be told apart. Save it "
    "again with one of them (label,partner_a,partner_b) and add it once more."
)
LOOPBACK_HANDOUTS = (
    "The handouts would point at {url}, which only this computer can open, so the codes "
    "would lead nowhere. Give the address couples reach, once: "
    "repairbook workshop address {path} --host THIS-COMPUTER'S-ADDRESS (or --base-url https://…)."
)
LOOPBACK_LINKS = (
    "Note: these links point at {url}, which only this computer can open. For couples' "
    "devices, set the room's address: repairbook workshop address {path} --host ADDRESS"
)
ADDRESS_SET = "Couples reach the room at {url} (kept in the workshop folder)."
ADDRESS_NOW = "Couples reach the room at {url}."
HELP_SET = "The room's help for every couple: {emergency}; {count} helpline(s)."
HELP_NO_EMERGENCY = "no emergency number set (couples see a line asking them to check theirs)"
HELP_EMERGENCY_IS = "emergency number {number}"
HANDOVER_WRITTEN = (
    "Wrote {label!r}'s whole workbook to {out}. Private entries stay locked in it. The couple "
    "opens it at home with: repairbook import FILE. Once they have it, erase your copy with: "
    "repairbook workshop remove-couple {path} --label {label_arg} --delete"
)
HANDOVER_NOT_STARTED = (
    "{label!r} has not started their workbook yet, so there is nothing to hand over."
)
IMPORTED = (
    "Your workbook for {names} is now at {folder}. Open it with: repairbook serve "
    "(or make app). Private entries open with your own passphrases, as before."
)
IMPORT_NOT_A_HANDOVER = (
    "{path} is not a take-home file from a workshop. Ask your facilitator for the file "
    "that `repairbook workshop handover` writes."
)
IMPORT_TOO_BIG = (
    "{path} is larger than a workbook can be ({limit} MB unpacked), so it was not opened."
)
IMPORT_UNSAFE = (
    "{path} holds a file name that points outside the workbook ({name!r}), so nothing was unpacked."
)
IMPORT_DAMAGED = "{path} is damaged ({detail}); nothing was unpacked. Ask for a fresh copy."
IMPORT_TARGET_TAKEN = (
    "{folder} already holds a workbook. Choose another folder with --workbook PATH; "
    "nothing was changed."
)
IMPORT_NEWER = "{path} was written by a newer repairbook. Update repairbook to open it."
WORKSHOP_READ_REFUSED = (
    "This workbook belongs to {label!r} in the workshop {name!r}. Their entries are theirs "
    "to read on their own page; you see only the numbers both partners share, with: "
    "repairbook workshop summary {path}"
)
SHARE_GIVEN = "{name} now lets the facilitator see this couple's numbers in the group view."
SHARE_TAKEN_BACK = "{name} no longer lets the facilitator see this couple's numbers."
SHARE_STATUS_YES = "{name}: shares numbers with the facilitator (since {on})."
SHARE_STATUS_NO = "{name}: does not share numbers with the facilitator."
NOTEBOOKS_EXIST = "{path} is already there. Pick an empty folder, or add --force to replace it."
NOTEBOOKS_WRITTEN = (
    "Wrote {count} file(s) to {out}: the notebooks, and deploy/jupyterhub_config.py for a hub."
)

CREATED = "Created the workshop {name!r} in {path}."
FACILITATOR_LINK = "Your own group-view link (keep it to yourself):"
ADDED = "Added {label!r}. Its workbook folder is {folder}."
ADDED_NAMED = "Added {label!r} for {a} and {b}. Its workbook folder is {folder}."
LINK_ONCE = (
    "The link is stored only in {links} (delete that file once the handouts are printed); "
    "workshop.json keeps only a fingerprint of it."
)
REMOVED = (
    "Removed {label!r}: its links no longer open anything, and its open pages close. "
    "The workbook folder {folder} is kept."
)
REMOVED_DELETED = (
    "Removed {label!r}: its links no longer open anything, and its workbook folder was "
    "erased from this computer, backups included."
)
REKEYED = (
    "{label!r} has new links (the shared one and each partner's); the old ones no longer "
    "open anything, and pages open with them close. The shared link:"
)
REKEYED_PARTNER = (
    "Partner {number} of {label!r} has a new link; the old one no longer opens anything, and "
    "a page open with it closes:"
)
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

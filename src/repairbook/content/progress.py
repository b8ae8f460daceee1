"""Words for the Progress page, the progress charts and the `repairbook progress` command.

Everything here is data: marker titles, the one-sentence summaries (as templates filled
in from the numbers), the small wins the app notices by itself, and the map of the
usual course. The numbers behind the win rules live next to their words.
"""

from __future__ import annotations

import re
from typing import Any

TOGETHER_LABEL = "Both of you"

PAGE_TITLE = "Your progress"
PAGE_PURPOSE = (
    "A calm look at how the last weeks have gone, drawn from your own check-ins and logs."
)
EMPTY_PAGE = (
    "Your progress appears here once you have a few check-ins. "
    "Today's check-in takes under a minute, and it is the first dot on every chart."
)

#: marker key -> title (plain language), what it is drawn from, empty-state text
MARKERS: dict[str, dict[str, str]] = {
    "ratings": {
        "title": "Trust, safety and connection",
        "from": "your daily check-ins, averaged over the last 7 days",
        "empty": "Your daily ratings of trust, felt safety and connection will be drawn here "
        "once you have checked in.",
    },
    "arguments": {
        "title": "The same argument coming back",
        "from": "days in each week when a check-in says the same argument came up again",
        "empty": "When your check-ins start, this shows how often an old argument came back "
        "each week.",
    },
    "recovery": {
        "title": "Finding your feet after a trigger",
        "from": "the minutes it took to feel steady again after each trigger, middle value per week",
        "empty": "When you log a trigger and how long it took to feel steady again, the time "
        "is drawn here.",
    },
    "promises": {
        "title": "Small promises kept on time",
        "from": "promises kept on time out of the promises that came due each week",
        "empty": "Once a few of your small promises have come due, you will see here how many "
        "were kept on time.",
    },
    "affection": {
        "title": "Moments of affection",
        "from": "moments of affection per check-in, averaged each week",
        "empty": "Your check-ins count moments of affection; they will be drawn here week by week.",
    },
    "urge": {
        "title": "The urge to check up",
        "from": "the urge to check up on your partner, averaged each week",
        "empty": "The urge to check up, from your check-ins, will be drawn here week by week.",
    },
    "rituals": {
        "title": "Rituals you keep",
        "from": "your daily act of care, weekly repair check-in and weekly fun date",
        "empty": "When you log a ritual (an act of care, a repair check-in, a fun date), "
        "the weeks you kept it show here.",
    },
    "wins": {
        "title": "Small wins",
        "from": "the wins you noted, and the ones the workbook noticed in your entries",
        "empty": "Small wins collect here: the ones you note, and the ones the workbook "
        "notices, like a first week with every promise kept.",
    },
}

RATING_LABELS = {"trust": "Trust", "safety": "Felt safety", "connection": "Connection"}
GAP_LABEL = "Gap between you"
RITUAL_LABELS = {
    "care_act": "Daily act of care",
    "repair_checkin": "Weekly repair check-in",
    "fun_date": "Weekly fun date",
    "public_support": "Standing up for each other",
}
RITUAL_UNITS = {"day": ("day", "days"), "week": ("week", "weeks")}

# -- axis labels -----------------------------------------------------------------------------
AXIS = {
    "ratings": "0 = not at all, 10 = completely",
    "arguments": "days that week",
    "recovery": "minutes to feel steady",
    "promises": "kept on time (4 weeks)",
    "affection": "moments per check-in",
    "urge": "0 = none, 10 = very strong",
    "rituals": "times that week",
}

# -- one-sentence summaries ---------------------------------------------------------------------
# {then} is the 4 weeks before the last 4; {now} is the last 4 weeks.
SUMMARY = {
    "arguments": {
        "down": "Days when the same argument came back went down from {then} to {now} over "
        "the last month.",
        "up": "Days when the same argument came back went up from {then} to {now} over the "
        "last month. Hard weeks are part of the course.",
        "same": "Days when the same argument came back stayed at {now} over the last month.",
        "only": "In the last month, the same argument came back on {now} days.",
    },
    "recovery": {
        "down": "After a trigger, feeling steady again took about {now} minutes in the last "
        "month, down from {then}.",
        "up": "After a trigger, feeling steady again took about {now} minutes in the last "
        "month, up from {then}. Take the time it takes.",
        "same": "After a trigger, feeling steady again took about {now} minutes in the last "
        "month, much as the month before.",
        "only": "After a trigger, feeling steady again took about {now} minutes in the last month.",
        "none_now": "No triggers were logged in the last month.",
    },
    "promises": {
        "up": "Promises kept on time rose from {then} to {now} over the last month.",
        "down": "Promises kept on time went from {then} to {now} over the last month.",
        "same": "Promises kept on time held at {now} over the last month.",
        "only": "In the last month, {now} promises were kept on time.",
        "late": " Late ones were about {late} minutes late.",
    },
    "affection": {
        "up": "Moments of affection rose from about {then} to {now} a day over the last month.",
        "down": "Moments of affection went from about {then} to {now} a day over the last month.",
        "same": "Moments of affection held at about {now} a day over the last month.",
        "only": "In the last month you noted about {now} moments of affection a day.",
    },
    "urge": {
        "down": "The urge to check up eased from {then} to {now} out of 10 over the last month.",
        "up": "The urge to check up rose from {then} to {now} out of 10 over the last month. "
        "That happens, especially after a trigger.",
        "same": "The urge to check up stayed near {now} out of 10 over the last month.",
        "only": "The urge to check up was about {now} out of 10 in the last month.",
    },
    "ratings": {
        "up": "Trust averaged {now} out of 10 in the last month, up from {then}",
        "down": "Trust averaged {now} out of 10 in the last month, down from {then}",
        "same": "Trust held at about {now} out of 10 over the last month",
        "only": "Trust averaged {now} out of 10 in the last month",
        "gap": "; the gap between you is about {gap} points.",
        "no_gap": ".",
    },
    "rituals": {
        "some": "Current streaks: {parts}.",
        "part": "{label} {current} {unit} (longest {best})",
        "none": "No rituals logged yet.",
    },
    "wins": {
        "some": "{n} small wins so far; the latest: {title} ({day}).",
        "one": "Your first small win: {title} ({day}).",
    },
}
#: shown for a marker without enough data for a sentence
SUMMARY_EMPTY = "A sentence about this appears once there is a little more to go on."
#: changes smaller than this (in the marker's own unit) read as "held steady"
SAME_WITHIN = {
    "arguments": 0,
    "recovery": 5.0,
    "promises": 0.05,
    "affection": 0.2,
    "urge": 0.5,
    "ratings": 0.3,
}

# -- small wins ---------------------------------------------------------------------------------
LOGGED_WIN_REASON = "You noted this one yourselves."

#: automatic wins: key -> title, reason template, and the numbers the rule uses
AUTO_WINS: dict[str, dict[str, Any]] = {
    "promises_all_kept": {
        "title": "First week with every promise kept on time",
        "reason": "In the week of {week}, all {n} promises that came due were kept on time.",
        "min_promises": 3,
    },
    "month_without_strong_trigger": {
        "title": "First month without a trigger over {intensity}",
        "reason": "From {start} to {end}, no trigger was rated above {intensity}.",
        "intensity": 7,
        "days": 30,
    },
    "both_checked_in_every_day": {
        "title": "First week you both checked in every day",
        "reason": "In the week of {week}, each of you checked in on all seven days.",
    },
    "week_without_same_argument": {
        "title": "First week without the same argument",
        "reason": "In the week of {week}, you checked in on {days} days between you and the "
        "old argument did not come back once.",
        "min_checkin_days": 5,
    },
    "quick_recovery": {
        "title": "Steady again within {minutes} minutes",
        "reason": "On {day}, feeling steady after a trigger took {actual} minutes.",
        "minutes": 30,
    },
    "repair_checkins_month": {
        "title": "{weeks} repair check-ins in a row",
        "reason": "You held your weekly repair check-in {weeks} weeks running, up to the week "
        "of {week}.",
        "weeks": 4,
    },
    "trust_seven_both": {
        "title": "First week with trust at {level} or more for both of you",
        "reason": "In the week of {week}, trust averaged {a} and {b} out of 10.",
        "level": 7,
    },
    "apology_heard": {
        "title": "An apology that was heard",
        "reason": "On {day}, {name} answered an apology saying they felt heard.",
    },
    "heard_fully": {
        "title": "Fully heard in a listening round",
        "reason": "On {day}, {name} rated feeling heard 5 out of 5.",
    },
}

# -- the usual course, as a map --------------------------------------------------------------
TIMELINE_TITLE = "Where you are on the usual course"
TIMELINE_NOTE = (
    "This is a map of how repair often unfolds, not a schedule. Every couple moves at its own "
    "pace, and going back and forth between stages is part of it."
)
#: stage key -> (from day, to day or None, title, what it often looks like)
TIMELINE_STAGES: list[dict[str, Any]] = [
    {
        "key": "first_weeks",
        "inline": "the first weeks",
        "from_day": 0,
        "to_day": 42,
        "title": "The first weeks",
        "text": "Feelings run high and change quickly. Small, steady things (a check-in, a "
        "promise kept) are what you build on here.",
    },
    {
        "key": "months",
        "inline": "the first months",
        "from_day": 42,
        "to_day": 182,
        "title": "The first months",
        "text": "Small improvements often show up now: shorter recoveries, fewer repeats of the "
        "same argument. Setbacks still come, and they are part of the way.",
    },
    {
        "key": "six_to_twelve",
        "inline": "the stretch between six and twelve months",
        "from_day": 182,
        "to_day": 365,
        "title": "Six to twelve months",
        "text": "For many couples, things grow steadier here. New habits start to feel like "
        "your own.",
    },
    {
        "key": "beyond",
        "inline": "the time beyond the first year",
        "from_day": 365,
        "to_day": None,
        "title": "Beyond a year",
        "text": "The work becomes part of ordinary life. You might need the workbook less, and "
        "that is a good sign.",
    },
]
TIMELINE_HERE = "You started {days} days ago, which puts you in {stage} on this map."
TIMELINE_HERE_WEEKS = "You started {weeks} weeks ago, which puts you in {stage} on this map."
TIMELINE_HERE_MONTHS = (
    "You started about {months} months ago, which puts you in {stage} on this map."
)
TIMELINE_HERE_YEARS = "You started about {years} years ago, which puts you in {stage} on this map."
TIMELINE_EMPTY = "Once you begin, this map shows where you are on the usual course."
TIMELINE_YOU_ARE_HERE = "you are here"

# -- charts ---------------------------------------------------------------------------------------
OVERVIEW_TITLE = "Your progress at a glance"
OVERVIEW_EMPTY = EMPTY_PAGE
OVERVIEW_TRUST = "Trust (7-day average)"
ALT_NAMES = "{a} and {b}"
ALT_NAMES_TOGETHER = "{a}, {b} and the two of you together"
OVERVIEW_WINDOW = "{title}: the last {weeks} weeks"
ALT_LINES = (
    "{kind} chart titled '{title}', {span}, with one line for each of {names}. "
    "{who_style} {summary}"
)
ALT_STYLE = "{a} is drawn with a solid line and round dots, {b} with a dashed line and squares."
ALT_TOGETHER = " The line for both of you together is dotted with triangles."
ALT_RITUALS = "Bar chart titled '{title}', {span}, one row per ritual. {summary}"
ALT_WINS = "A list titled '{title}' with {n} small wins, newest first. {summary}"
ALT_TIMELINE = "A map of the usual course of repair with four stages. {here}"
ALT_OVERVIEW = "A one-page overview of your progress with {n} small charts. {summaries}"
ALT_EMPTY = "An empty chart titled '{title}'. {empty}"
SPAN = "from {start} to {end}"
WEEKLY_KIND = "Weekly line"
DAILY_KIND = "Smoothed daily line"
STREAK_TEXT = "now {current} {unit}, longest {best}"
WINS_KEY = "\u2605 you noted it    \u25cf noticed in your entries"
WIN_LINE = "{day}, {source}"
RITUAL_TITLE = "{label}: {streak}"
WIN_SOURCE = {"logged": "you noted it", "automatic": "noticed in your entries"}

# -- the command line -------------------------------------------------------------------------
CLI_HEADING_SUMMARIES = "How things have gone"
CLI_HEADING_WINS = "Small wins"
CLI_HEADING_SIGNALS = "Worth a look"
CLI_NO_SIGNALS = "Nothing in your entries calls for a change of course right now."
CLI_WROTE_PNG = "Wrote {n} charts to {folder}."
CLI_PNG_NOT_DIR = "{path} is a file; --png needs a folder to write the charts into."
CLI_PNG_CANNOT_WRITE = "The charts could not be written to {path}: {reason}."

# -- the Progress page in the app ------------------------------------------------------------
SIGNALS_HEADING = "Gentle signals"
WINS_HEADING = "Small wins"
SHOW_DETAILS = "Show each chart in detail"


# -- grammar ---------------------------------------------------------------------------------
#: plural -> singular for the units our sentences count (nouns whose sentences have no verb
#: that would have to change with them)
SINGULAR = {
    "days": "day",
    "weeks": "week",
    "months": "month",
    "years": "year",
    "minutes": "minute",
    "points": "point",
    "times": "time",
    "moments": "moment",
}
_ONE = re.compile(r"(?<![\d.,])\b1 (" + "|".join(SINGULAR) + r")\b")


def singular(text: str) -> str:
    """'1 days' -> '1 day', 'about 1 points' -> 'about 1 point' (other counts unchanged)."""
    return _ONE.sub(lambda m: "1 " + SINGULAR[m.group(1)], text)

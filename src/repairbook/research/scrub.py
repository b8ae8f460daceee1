"""Scrubbing free text before it may leave in a research export.

Only text of a partner who agreed to share cleaned-up text is ever scrubbed and
exported. The scrubber replaces, in this order:

* e-mail addresses → ``[EMAIL]``; web addresses → ``[URL]``;
* phone numbers → ``[PHONE]``; dates and times written with digits (``2024-03-12``,
  ``12/03``, ``9:30``) → ``[DATE]`` / ``[TIME]``;
* health conditions, treatments and support groups from a short list ("HIV", "AA",
  "rehab", "chemo", "depression") → ``[HEALTH]``;
* a title with the name after it ("Dr. Patel", "Mrs Okafor", "Pastor John") →
  ``[NAME]``; a saint's or abbreviated place name ("St. Mary's", "Mt. Hood", "Ft Worth")
  → ``[PLACE]``;
* month and weekday names → ``[DATE]``;
* both partners' names (any case, also with a possessive 's) → ``[NAME]``;
* places from a small gazetteer and capitalised words followed by a place word
  ("Elm Street", "Lake Garda") → ``[PLACE]``;
* every other number → ``[NUMBER]``;
* any other word in capitals of two or more letters (an abbreviation: "NHS", "IBM") →
  ``[ABBR]``, except "OK" and "TV";
* any other capitalised word inside a sentence → ``[NAME]`` (a catch-all for names of
  other people; it also hides brands and titles).

Limits, said plainly: names written in lower case, nicknames, misspelt names,
places missing from the gazetteer at the start of a sentence, health conditions not on
the short list or described in other words ("the clinic on Tuesdays", "my meetings"),
and details that identify a person by description ("my sister's wedding in the spring")
are not caught. Scrubbed text lowers the risk; it does not remove it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from repairbook.research.gazetteer import PLACE_WORDS, PLACES

_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
_URL = re.compile(
    r"(?:\b(?:https?|ftp)://|\bwww\.)\S+?(?=[.,;:!?)\]]*(?:\s|$))"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|io|co|uk|de|fr|nl|info|app|me|edu|gov)\b"
    r"(?:/\S*?(?=[.,;:!?)\]]*(?:\s|$)))?",
    re.IGNORECASE,
)
_PHONE = re.compile(r"(?<![\w])\+?\d[\d ()./-]{6,}\d(?![\w])")
_ISO_DATE = re.compile(r"\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?\S*)?\b")
_NUM_DATE = re.compile(r"\b\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?\b")
_TIME = re.compile(
    r"\b\d{1,2}[:h.]\d{2}\s*(?:am|pm|a\.m\.|p\.m\.)?(?!\w)|\b\d{1,2}\s*(?:am|pm)\b", re.I
)
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
# "May" and "March" are also ordinary words; only capitalised forms count as months.
_MONTH = re.compile(r"\b(?:" + "|".join(w.capitalize() for w in _MONTHS.split("|")) + r")\b\.?")
_WEEKDAY = re.compile(r"\b(?:" + _WEEKDAYS + r")s?\b", re.IGNORECASE)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*(?:st|nd|rd|th)?")
_PLACE_PHRASE = re.compile(
    r"\b(?:[A-Z][\w'-]+\s+){1,3}(?:" + "|".join(PLACE_WORDS) + r")\b"
    r"|\b(?:" + "|".join(PLACE_WORDS) + r")\s+(?:of\s+)?[A-Z][\w'-]+"
)
#: health conditions, treatments and support groups (whole words, any case); short on
#: purpose, see the limits above
HEALTH_TERMS = (
    "hiv", "aids", "hpv", "std", "stds", "sti", "stis", "herpes", "chlamydia", "gonorrhea",
    "gonorrhoea", "syphilis", "hepatitis", "cancer", "chemo", "chemotherapy", "radiotherapy",
    "tumour", "tumor", "diabetes", "diabetic", "epilepsy", "dementia", "alzheimer's",
    "depression", "depressed", "bipolar", "schizophrenia", "psychosis", "ptsd", "adhd", "ocd",
    "autism", "autistic", "anorexia", "bulimia", "self-harm", "suicidal", "overdose",
    "rehab", "detox", "methadone", "suboxone", "antidepressant", "antidepressants",
    "prozac", "zoloft", "lithium", "xanax", "aa", "na", "ga", "saa", "slaa",
    "alcoholics anonymous", "narcotics anonymous", "gamblers anonymous", "miscarriage",
    "abortion", "ivf", "infertility", "vasectomy",
)  # fmt: skip
_HEALTH = re.compile(
    r"(?<![\w\[])(?:"
    + "|".join(
        re.escape(t).replace(r"\ ", r"\s+") for t in sorted(HEALTH_TERMS, key=len, reverse=True)
    )
    + r")(?![\w\]])",
    re.IGNORECASE,
)
_TITLE_WORDS = (
    "Dr|Mr|Mrs|Ms|Mx|Miss|Prof|Rev|Fr|Sr|Dr|Doctor|Nurse|Pastor|Father|Sister|Brother|"
    "Rabbi|Imam|Coach|Officer|Judge|Professor|Reverend|Aunt|Auntie|Uncle|Grandma|Grandpa|Nana"
)
_NAME_AFTER = r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?"
_TITLED = re.compile(r"\b(?:" + _TITLE_WORDS + r")\.?\s+" + _NAME_AFTER)
_SAINT_PLACE = re.compile(
    r"\b(?:St|Ste|Saint|Mt|Mount|Ft|Fort|Pt|Port)\.?\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*"
)
_ABBR = re.compile(r"(?<![\w\[])[A-Z][A-Z0-9&]{1,9}(?![\w\]])")
_KEEP_ABBR = frozenset({"OK", "TV"})
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
# words that are capitalised for grammar, not because they name someone
_KEEP_CAPITALISED = frozenset(
    {"I", "I'm", "I've", "I'll", "I'd", "I’m", "I’ve", "I’ll", "I’d", "OK"}
)


def _name_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    parts: list[str] = []
    for name in names:
        for piece in re.split(r"\s+", name.strip()):
            if len(piece) >= 2:
                parts.append(re.escape(piece))
    if not parts:
        return None
    parts.sort(key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?:['’]s)?(?!\w)", re.IGNORECASE)


def _places(text: str) -> str:
    def repl(m: re.Match[str]) -> str:
        word = m.group(0)
        return "[PLACE]" if word.casefold() in PLACES else word

    text = _PLACE_PHRASE.sub("[PLACE]", text)
    # multi-word gazetteer entries first ("New York"), then single words
    for phrase in _MULTI_WORD_PLACES:
        text = phrase.sub("[PLACE]", text)
    return re.sub(r"\b[A-Z][\w'-]+\b", repl, text)


_MULTI_WORD_PLACES = [
    re.compile(r"\b" + r"\s+".join(re.escape(w) for w in p.split()) + r"\b", re.IGNORECASE)
    for p in sorted((p for p in PLACES if " " in p), key=len, reverse=True)
]


def _catch_all(text: str) -> str:
    """Capitalised words that do not start a sentence become [NAME]."""
    out: list[str] = []
    last = 0
    for m in _WORD.finditer(text):
        word = m.group(0)
        start = m.start()
        out.append(text[last:start])
        last = m.end()
        # the last character before the word that is not a space (looking back over the
        # spaces only: slicing the text up to each word made long texts quadratic)
        i = start - 1
        while i >= 0 and text[i].isspace():
            i -= 1
        sentence_start = i < 0 or text[i] in '.!?:;\n"“('
        if (
            word[0].isupper()
            and not sentence_start
            and word not in _KEEP_CAPITALISED
            and not word.isupper()
        ):
            out.append("[NAME]")
        else:
            out.append(word)
    out.append(text[last:])
    return "".join(out)


def scrub(text: str, names: Iterable[str] = ()) -> str:
    """``text`` with contact details, names, places, dates and numbers replaced."""
    if not text:
        return text
    s = _EMAIL.sub("[EMAIL]", text)
    s = _URL.sub("[URL]", s)
    s = _ISO_DATE.sub("[DATE]", s)
    s = _PHONE.sub("[PHONE]", s)
    s = _TIME.sub("[TIME]", s)
    s = _NUM_DATE.sub("[DATE]", s)
    s = _MONTH.sub("[DATE]", s)
    s = _WEEKDAY.sub("[DATE]", s)
    s = _HEALTH.sub("[HEALTH]", s)
    pattern = _name_pattern(names)
    if pattern is not None:
        s = pattern.sub("[NAME]", s)
    s = _SAINT_PLACE.sub("[PLACE]", s)
    s = _TITLED.sub("[NAME]", s)
    s = _places(s)
    s = _NUMBER.sub("[NUMBER]", s)
    s = _ABBR.sub(lambda m: m.group(0) if m.group(0) in _KEEP_ABBR else "[ABBR]", s)
    s = _catch_all(s)
    return s


__all__ = ["HEALTH_TERMS", "scrub"]

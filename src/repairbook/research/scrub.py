"""Scrubbing free text before it may leave in a research export.

Only text of a partner who agreed to share cleaned-up text is ever scrubbed and
exported. The scrubber replaces, in this order:

* e-mail addresses → ``[EMAIL]``; web addresses → ``[URL]``;
* phone numbers → ``[PHONE]``; dates and times written with digits (``2024-03-12``,
  ``12/03``, ``9:30``) → ``[DATE]`` / ``[TIME]``;
* month and weekday names → ``[DATE]``;
* both partners' names (any case, also with a possessive 's) → ``[NAME]``;
* places from a small gazetteer and capitalised words followed by a place word
  ("Elm Street", "Lake Garda") → ``[PLACE]``;
* every other number → ``[NUMBER]``;
* any other capitalised word inside a sentence → ``[NAME]`` (a catch-all for names of
  other people; it also hides brands and titles).

Limits, said plainly: names written in lower case, nicknames, misspelt names,
places missing from the gazetteer at the start of a sentence, and details that
identify a person by description ("my sister's wedding in the spring") are not
caught. Scrubbed text lowers the risk; it does not remove it.
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
    pattern = _name_pattern(names)
    if pattern is not None:
        s = pattern.sub("[NAME]", s)
    s = _places(s)
    s = _NUMBER.sub("[NUMBER]", s)
    s = _catch_all(s)
    return s


__all__ = ["scrub"]

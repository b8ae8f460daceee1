"""Documents a couple takes away: the repair contract as a PDF, their rhythms as a calendar.

* :func:`contract_pdf` typesets one version of a repair contract with fpdf2 and Unicode
  TrueType fonts: DejaVu Sans (shipped with matplotlib) for Latin, Greek, Cyrillic, Arabic
  and Hebrew, with fallback fonts for scripts it lacks (CJK from Debian's
  ``fonts-wqy-microhei`` when installed). Right-to-left scripts are shaped with HarfBuzz
  (``uharfbuzz``) when it is installed.
* :func:`rhythm_calendar` writes an iCalendar file (RFC 5545) with the rhythms the couple
  chose: the daily check-in, the weekly repair check-in, the weekly fun date, the weekly
  look at open promises and the contract revisits. Events carry a TZID and a VTIMEZONE,
  stable UIDs (importing a newer file updates events instead of doubling them) and alarms.

The ``*_for`` helpers read what they need from a :class:`~repairbook.store.Workbook`.
Nothing here writes files; the callers decide where the bytes go.
"""

from __future__ import annotations

import functools
import logging
import re
import unicodedata
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from repairbook.content import documents as words
from repairbook.entries import Contract, ConversationPlan, EntryError, Settings, Signature
from repairbook.store import EntryNotFound, StoreError

if TYPE_CHECKING:
    from fpdf import FPDF

    from repairbook.store import Workbook

__all__ = [
    "FONT_CANDIDATES",
    "MissingGlyphs",
    "contract_pdf",
    "contract_pdf_for",
    "latest_contract",
    "machine_zone_name",
    "pdf_fonts",
    "rhythm_calendar",
    "rhythm_calendar_for",
    "shaping_available",
    "uncovered",
]

# --- fonts -----------------------------------------------------------------------------------

#: Fallback fonts tried in order, for scripts DejaVu Sans lacks. The first that exists is
#: used for each family; add a path here to cover another script.
FONT_CANDIDATES: dict[str, tuple[str, ...]] = {
    "cjk": (
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",  # Debian: fonts-wqy-microhei
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",  # Debian: fonts-wqy-zenhei
        "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    ),
    "devanagari": ("/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf",),
    "thai": ("/usr/share/fonts/truetype/noto/NotoSansThai-Regular.ttf",),
    "bengali": ("/usr/share/fonts/truetype/noto/NotoSansBengali-Regular.ttf",),
    "tamil": ("/usr/share/fonts/truetype/noto/NotoSansTamil-Regular.ttf",),
    "ethiopic": ("/usr/share/fonts/truetype/noto/NotoSansEthiopic-Regular.ttf",),
    "symbols": ("/usr/share/fonts/truetype/noto/NotoSansSymbols2-Regular.ttf",),
}

#: shown in place of a character that no installed font can draw
REPLACEMENT = "\ufffd"


@dataclass(frozen=True)
class PdfFont:
    family: str
    path: Path
    bold_path: Path | None = None


def _mpl_fonts() -> Path:
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


@functools.cache
def pdf_fonts() -> tuple[PdfFont, ...]:
    """The fonts a contract is set in: DejaVu Sans first, then each fallback found."""
    base = _mpl_fonts()
    fonts = [PdfFont("dejavu", base / "DejaVuSans.ttf", base / "DejaVuSans-Bold.ttf")]
    for family, paths in FONT_CANDIDATES.items():
        for p in paths:
            if Path(p).is_file():
                fonts.append(PdfFont(f"fb-{family}", Path(p)))
                break
    return tuple(fonts)


@functools.cache
def _cmap(path: Path) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    font = TTFont(str(path), fontNumber=0, lazy=True)
    try:
        return frozenset(font.getBestCmap() or {})
    finally:
        font.close()


@functools.cache
def _covered() -> frozenset[int]:
    out: set[int] = set()
    for f in pdf_fonts():
        out |= _cmap(f.path)
    return frozenset(out)


def uncovered(text: str) -> list[str]:
    """Characters of ``text`` that no installed font can draw (spaces and controls aside)."""
    have = _covered()
    seen: dict[str, None] = {}
    for ch in text:
        if ch.isspace() or unicodedata.category(ch)[0] == "C":
            continue
        if ord(ch) not in have:
            seen.setdefault(ch)
    return list(seen)


@functools.cache
def shaping_available() -> bool:
    """True when HarfBuzz shaping (``uharfbuzz``) is installed: Arabic joins, Hebrew reads
    right to left."""
    try:
        import uharfbuzz  # noqa: F401
    except ImportError:
        return False
    return True


class MissingGlyphs(RuntimeError):
    """Raised by :func:`contract_pdf` with ``strict=True`` when no installed font has a
    glyph for some character (without ``strict`` it is printed as �)."""


# --- text cleaning ----------------------------------------------------------------------------

# bidi embeddings, overrides and isolates: hostile text could reorder what a reader sees
_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
_MANY_BLANK_LINES = re.compile(r"\n{3,}")


def _clean(text: str, *, one_line: bool = False, missing: set[str] | None = None) -> str:
    """Plain printable text: line breaks kept, tabs as spaces, other control characters,
    bidi overrides and lone surrogates dropped, and characters no font has shown as �."""
    text = str(text).replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    text = text.translate(_BIDI_CONTROLS)
    have = _covered()
    out = []
    for ch in text:
        if ch == "\n":
            out.append(" " if one_line else ch)
            continue
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Cs", "Co", "Cn"):
            continue
        if cat == "Cf" and ch not in "\u200c\u200d":  # keep joiners, which shape scripts
            continue
        if not ch.isspace() and ord(ch) not in have:
            if missing is not None:
                missing.add(ch)
            out.append(REPLACEMENT)
            continue
        out.append(ch)
    cleaned = "".join(out)
    cleaned = _MANY_BLANK_LINES.sub("\n\n", cleaned)
    return cleaned.strip()


# --- the PDF ---------------------------------------------------------------------------------

# a calm palette: near-black text, a muted teal for headings, soft greys for rules and notes
INK = (33, 37, 41)
ACCENT = (31, 94, 105)
MUTED = (96, 104, 112)
RULE = (206, 212, 218)
PANEL = (244, 247, 248)

MARGIN_X = 22.0
MARGIN_TOP = 20.0
MARGIN_BOTTOM = 24.0
BODY = 11.0
LINE = 6.0


def _zone(tz: str | None) -> ZoneInfo:
    name = (tz or "UTC").strip() or "UTC"
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise EntryError({"timezone": words.BAD_TIMEZONE.format(tz=name[:64])}) from None


def use_unicode_fonts(pdf: FPDF) -> None:
    """Add our fonts for every script (DejaVu first, the others as fallbacks) and turn on
    text shaping when uharfbuzz is there, so names in any script render and join."""
    fallbacks = []
    for f in pdf_fonts():
        pdf.add_font(f.family, "", str(f.path))
        if f.bold_path is not None:
            pdf.add_font(f.family, "B", str(f.bold_path))
        if f.family != "dejavu":
            fallbacks.append(f.family)
    if fallbacks:
        pdf.set_fallback_fonts(fallbacks, exact_match=False)
    if shaping_available():
        pdf.set_text_shaping(True)


def _new_pdf(title: str, author: str) -> FPDF:
    from fpdf import FPDF

    class ContractPDF(FPDF):
        def footer(self) -> None:
            self.set_y(-MARGIN_BOTTOM + 6)
            self.set_draw_color(*RULE)
            self.set_line_width(0.2)
            self.line(MARGIN_X, self.get_y(), self.w - MARGIN_X, self.get_y())
            self.ln(2.5)
            self.set_font("dejavu", "", 8.5)
            self.set_text_color(*MUTED)
            self.multi_cell(0, 4.2, words.PDF_FOOTER, align="C", new_x="LMARGIN", new_y="NEXT")
            self.cell(
                0,
                4.2,
                words.PDF_PAGE.format(page=self.page_no(), pages="{nb}"),
                align="C",
            )

    pdf = ContractPDF(orientation="P", unit="mm", format="A4")
    pdf.set_margins(MARGIN_X, MARGIN_TOP, MARGIN_X)
    pdf.set_auto_page_break(True, margin=MARGIN_BOTTOM)
    pdf.alias_nb_pages()
    pdf.c_margin = 0  # text lines up exactly with rules and boxes
    use_unicode_fonts(pdf)
    pdf.set_title(title)
    pdf.set_author(author)
    pdf.set_creator(words.PDF_CREATOR)
    pdf.set_lang("en")
    pdf.set_text_color(*INK)
    return pdf


def _room(pdf: FPDF, needed: float) -> None:
    """Start a new page unless ``needed`` millimetres still fit on this one."""
    if pdf.get_y() + needed > pdf.h - MARGIN_BOTTOM:
        pdf.add_page()


def _heading(pdf: FPDF, text: str, *, keep: float = 20) -> None:
    """A section heading, kept on one page with ``keep`` mm of what follows it."""
    _room(pdf, 12 + keep)
    if pdf.get_y() > MARGIN_TOP + 1:
        pdf.ln(3.5)
    pdf.set_font("dejavu", "B", 12.5)
    pdf.set_text_color(*ACCENT)
    pdf.multi_cell(0, 6.5, text, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(0.4)
    y = pdf.get_y() + 0.6
    pdf.line(MARGIN_X, y, MARGIN_X + 16, y)
    pdf.ln(3)
    pdf.set_text_color(*INK)


def _para(pdf: FPDF, text: str, *, size: float = BODY, color: tuple[int, int, int] = INK) -> None:
    pdf.set_font("dejavu", "", size)
    pdf.set_text_color(*color)
    height = LINE if size >= BODY else 5
    pdf.multi_cell(0, height, text, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*INK)


def _numbered(pdf: FPDF, number: int, text: str) -> None:
    indent = 7.0
    _room(pdf, LINE)
    pdf.set_font("dejavu", "B", BODY)
    pdf.set_text_color(*ACCENT)
    y = pdf.get_y()
    pdf.set_x(MARGIN_X + 1)
    pdf.cell(indent - 1, LINE, f"{number}.")
    pdf.set_text_color(*INK)
    pdf.set_font("dejavu", "", BODY)
    pdf.set_xy(MARGIN_X + indent, y)
    pdf.multi_cell(
        pdf.w - 2 * MARGIN_X - indent, LINE, text, align="L", new_x="LMARGIN", new_y="NEXT"
    )
    pdf.ln(1)


def _line_count(pdf: FPDF, width: float, height: float, text: str) -> int:
    lines = pdf.multi_cell(width, height, text, align="L", dry_run=True, output="LINES")
    return len(cast("list[str]", lines))


@dataclass(frozen=True)
class _SignBox:
    title: str
    detail: str
    signed: bool


SIGN_GAP = 6.0
SIGN_PAD = 4.0
SIGN_MARK = 7.0


def _sign_lines(pdf: FPDF, box: _SignBox, width: float) -> tuple[int, int]:
    inner = width - 2 * SIGN_PAD - SIGN_MARK
    pdf.set_font("dejavu", "B", BODY)
    title = _line_count(pdf, inner, LINE, box.title)
    pdf.set_font("dejavu", "", 9.5)
    return title, _line_count(pdf, inner, 5, box.detail)


def _sign_layout(pdf: FPDF, boxes: Sequence[_SignBox]) -> tuple[float, float, int]:
    """(box width, box height, boxes per row): two side by side unless a name is so long
    that a half-width box would get tall; then one box per row."""
    full = pdf.w - 2 * MARGIN_X
    half = (full - SIGN_GAP) / 2
    lines = [_sign_lines(pdf, b, half) for b in boxes]
    if len(boxes) == 2 and all(t + d <= 6 for t, d in lines):
        width, per_row = half, 2
    else:
        width, per_row = full, 1
        lines = [_sign_lines(pdf, b, full) for b in boxes]
    height = max((2 * SIGN_PAD + t * LINE + 1 + d * 5 for t, d in lines), default=0.0)
    return width, height, per_row


def _sign_box(pdf: FPDF, box: _SignBox, x: float, y: float, w: float, h: float) -> None:
    pdf.set_fill_color(*PANEL)
    pdf.set_draw_color(*(ACCENT if box.signed else RULE))
    pdf.set_line_width(0.35 if box.signed else 0.3)
    pdf.rect(x, y, w, h, style="DF", round_corners=True, corner_radius=2)
    cy = y + SIGN_PAD + LINE / 2
    if box.signed:  # a quiet check mark drawn with lines, so it never depends on a font
        pdf.set_draw_color(*ACCENT)
        pdf.set_line_width(0.6)
        pdf.line(x + SIGN_PAD, cy, x + SIGN_PAD + 1.5, cy + 1.6)
        pdf.line(x + SIGN_PAD + 1.5, cy + 1.6, x + SIGN_PAD + 4.2, cy - 1.8)
    else:  # an empty circle: still to come
        pdf.set_draw_color(*MUTED)
        pdf.set_line_width(0.35)
        pdf.circle(x + SIGN_PAD + 2, cy, 1.6)
    inner = w - 2 * SIGN_PAD - SIGN_MARK
    pdf.set_xy(x + SIGN_PAD + SIGN_MARK, y + SIGN_PAD)
    pdf.set_font("dejavu", "B", BODY)
    pdf.set_text_color(*INK)
    pdf.multi_cell(inner, LINE, box.title, align="L", new_x="LEFT", new_y="NEXT")
    pdf.set_y(pdf.get_y() + 1)
    pdf.set_x(x + SIGN_PAD + SIGN_MARK)
    pdf.set_font("dejavu", "", 9.5)
    pdf.set_text_color(*MUTED)
    pdf.multi_cell(inner, 5, box.detail, align="L", new_x="LEFT", new_y="NEXT")
    pdf.set_text_color(*INK)


def _signatures(pdf: FPDF, boxes: Sequence[_SignBox]) -> None:
    width, height, per_row = _sign_layout(pdf, boxes)
    _heading(pdf, words.PDF_SIGNATURES, keep=height + 2)
    for start in range(0, len(boxes), per_row):
        _room(pdf, height)
        y = pdf.get_y()
        for i, box in enumerate(boxes[start : start + per_row]):
            _sign_box(pdf, box, MARGIN_X + i * (width + SIGN_GAP), y, width, height)
        pdf.set_xy(MARGIN_X, y + height + 3)


def _ordered_partners(contract: Contract, partners: Sequence[str]) -> list[str]:
    names = [p for p in partners if p]
    for name in contract.commitments:
        if name not in names:
            names.append(name)
    return names


def _changed_parts(old: Contract, new: Contract) -> list[str]:
    return [
        words.PDF_PART_NAMES[f]
        for f in ("commitments", "support", "breaks", "revisit_on")
        if getattr(old, f) != getattr(new, f)
    ]


def _local(dt: datetime, zone: ZoneInfo) -> datetime:
    return (dt if dt.tzinfo else dt.replace(tzinfo=UTC)).astimezone(zone)


def contract_pdf(
    contract: Contract,
    signatures: list[Signature],
    partners: list[str],
    *,
    version: int,
    history: list[Contract] | None = None,
    tz: str | None = None,
    strict: bool = False,
) -> bytes:
    """One version of a repair contract as a PDF (A4).

    ``signatures`` are those for this version (others are ignored); a partner without one
    is shown as "not yet signed". ``history`` is every version in order, the current one
    last, as :meth:`Workbook.history` returns it; earlier versions are listed with what
    changed. Times are shown in ``tz`` (default UTC). With ``strict=True`` a glyph missing
    from every font raises :class:`MissingGlyphs` (the tests use it); otherwise such a
    character is printed as �.
    """
    zone = _zone(tz)
    missing: set[str] = set()

    def clean(text: str, *, one_line: bool = False) -> str:
        return _clean(text, one_line=one_line, missing=missing)

    names = _ordered_partners(contract, partners)
    shown = [clean(n, one_line=True) or "?" for n in names]
    if len(shown) >= 2:
        couple = words.PDF_NAMES.format(a=shown[0], b=shown[1])
    else:
        couple = shown[0] if shown else ""
    pdf = _new_pdf(words.PDF_TITLE, couple)
    pdf.set_subject(words.PDF_SUBJECT.format(names=couple))
    pdf.add_page()

    # title block
    pdf.set_font("dejavu", "B", 22)
    pdf.set_text_color(*ACCENT)
    pdf.multi_cell(0, 11, words.PDF_TITLE, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)
    pdf.set_font("dejavu", "", 15)
    pdf.set_text_color(*INK)
    pdf.multi_cell(0, 8, couple, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)
    written = words.long_date(_local(contract.updated, zone).date())
    _para(
        pdf, words.PDF_VERSION_LINE.format(version=version, written=written), size=9.5, color=MUTED
    )
    pdf.ln(3)
    _para(pdf, words.PDF_INTRO, size=10, color=MUTED)
    pdf.ln(1)
    pdf.set_draw_color(*RULE)
    pdf.set_line_width(0.3)
    pdf.line(MARGIN_X, pdf.get_y() + 1, pdf.w - MARGIN_X, pdf.get_y() + 1)
    pdf.ln(2)

    # commitments, partner by partner
    _heading(pdf, words.PDF_COMMITMENTS)
    for i, (name, label) in enumerate(zip(names, shown, strict=True)):
        items = [t for t in (clean(x) for x in contract.commitments.get(name, [])) if t]
        if i:
            pdf.ln(2.5)
        _room(pdf, 6.5 + 2 * LINE)
        pdf.set_font("dejavu", "B", 11.5)
        pdf.multi_cell(
            0,
            6.5,
            words.PDF_COMMITMENTS_OF.format(name=label),
            align="L",
            new_x="LMARGIN",
            new_y="NEXT",
        )
        pdf.ln(1.2)
        if not items:
            _para(pdf, words.PDF_NO_COMMITMENTS, color=MUTED)
        for n, item in enumerate(items, 1):
            _numbered(pdf, n, item)

    _heading(pdf, words.PDF_SUPPORT)
    _para(pdf, clean(contract.support))
    _heading(pdf, words.PDF_BREAKS)
    _para(pdf, clean(contract.breaks))

    _heading(pdf, words.PDF_REVISIT)
    pdf.set_font("dejavu", "B", BODY)
    pdf.multi_cell(
        0,
        LINE,
        words.PDF_REVISIT_LINE.format(date=words.long_date(contract.revisit_on)),
        align="L",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(1)
    _para(pdf, words.PDF_REVISIT_NOTE, size=9.5, color=MUTED)

    # earlier versions: when each was written and what the next one changed
    earlier = list(history or [])[: max(0, version - 1)]
    if earlier:
        _heading(pdf, words.PDF_HISTORY, keep=10)
        following = [*earlier[1:], contract]
        for n, (old, new) in enumerate(zip(earlier, following, strict=True), 1):
            parts = _changed_parts(old, new)
            note = (
                words.PDF_HISTORY_CHANGED.format(version=n + 1, parts=", ".join(parts))
                if parts
                else words.PDF_HISTORY_SAME.format(version=n + 1)
            )
            line = words.PDF_HISTORY_LINE.format(
                version=n, written=words.long_date(_local(old.updated, zone).date())
            )
            _para(pdf, f"{line}. {note}", size=9.5, color=MUTED)

    # signatures: the earliest of each partner's for this version
    by_name: dict[str, Signature] = {}
    for s in sorted(signatures, key=lambda s: s.signed_at):
        if s.contract_id == contract.id and s.contract_version == version:
            by_name.setdefault(s.author, s)
    boxes = []
    for name, label in zip(names, shown, strict=True):
        sig = by_name.get(name)
        if sig is None:
            boxes.append(
                _SignBox(words.PDF_NOT_SIGNED.format(name=label), words.PDF_NOT_SIGNED_NOTE, False)
            )
            continue
        when = _local(sig.signed_at, zone)
        boxes.append(
            _SignBox(
                words.PDF_SIGNED.format(name=label),
                words.PDF_SIGNED_AT.format(
                    date=words.long_date(when.date()),
                    time=f"{words.clock(when)} {when.tzname() or ''}".strip(),
                ),
                True,
            )
        )
    _signatures(pdf, boxes)

    if strict and missing:
        raise MissingGlyphs(
            "no installed font draws "
            + ", ".join(f"{c!r} (U+{ord(c):04X})" for c in sorted(missing))
        )
    return bytes(_output(pdf, strict=strict))


class _GlyphLog(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        msg = record.getMessage()
        if "missing" in msg and "glyph" in msg:
            self.messages.append(msg)


def _output(pdf: FPDF, *, strict: bool) -> bytearray:
    log = logging.getLogger("fpdf.output")
    handler = _GlyphLog()
    log.addHandler(handler)
    try:
        out = pdf.output()
    finally:
        log.removeHandler(handler)
    missing = sorted({chr(c) for f in pdf.fonts.values() for c in getattr(f, "missing_glyphs", [])})
    if strict and (missing or handler.messages):
        raise MissingGlyphs(" ".join(handler.messages) or f"missing glyphs: {missing}")
    return out


# --- the calendar ------------------------------------------------------------------------------

_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_UID_NAMESPACE = uuid.UUID("6f1c3a52-4e0b-5d8e-9a31-2c7b0f6e9d10")
PRODID = "-//repairbook//repairbook rhythms//EN"
SEQUENCE_EPOCH = datetime(2024, 1, 1, tzinfo=UTC)

#: (minutes long, minutes of warning before) for each rhythm
EVENT_SHAPE: dict[str, tuple[int, int]] = {
    "daily_checkin": (5, 0),
    "repair_checkin": (30, 15),
    "fun_date": (120, 60),
    "promise_review": (15, 5),
    "contract_revisit": (45, 60 * 24),
    "tabled_return": (45, 30),
}


def _parse_time(settings: Settings, field: str) -> time:
    value = str(getattr(settings, field))
    label = Settings.model_fields[field].title or field
    try:
        hh, mm = value.split(":")
        return time(int(hh), int(mm))
    except ValueError:
        raise EntryError({field: words.BAD_TIME.format(label=label, given=value[:20])}) from None


def _next_weekday(start: date, day: str) -> date:
    return start + timedelta(days=(_DAYS.index(day) - start.weekday()) % 7)


def _uid(seed: str, key: str) -> str:
    return f"{uuid.uuid5(_UID_NAMESPACE, f'{seed}|{key}')}@repairbook"


def _event(
    key: str,
    *,
    uid: str,
    start: datetime,
    stamp: datetime,
    sequence: int = 0,
    rrule: dict[str, Any] | None = None,
) -> Any:
    from icalendar import Alarm, Event

    minutes, warn = EVENT_SHAPE[key]
    title = words.EVENT_TITLES[key]
    ev = Event()
    ev.add("uid", uid)
    ev.add("dtstamp", stamp)
    ev.add("dtstart", start)
    ev.add("dtend", start + timedelta(minutes=minutes))
    ev.add("summary", title)
    ev.add("description", words.EVENT_DESCRIPTIONS[key])
    ev.add("transp", "TRANSPARENT" if key == "daily_checkin" else "OPAQUE")
    ev.add("class", "PRIVATE")
    ev.add("sequence", sequence)
    if rrule:
        ev.add("rrule", rrule)
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", words.ALARM_TEXT.format(title=title))
    alarm.add("trigger", timedelta(minutes=-warn))
    ev.add_component(alarm)
    return ev


def rhythm_calendar(
    settings: Settings,
    *,
    contract_revisits: Iterable[date],
    start: date | None = None,
    tz: str | None = None,
    uid_seed: str = "repairbook",
    tabled_returns: Iterable[tuple[str, datetime]] = (),
) -> bytes:
    """The couple's rhythms as an iCalendar file.

    Events, at the times in ``settings`` and in its time zone (or ``tz``):

    * daily check-in (FREQ=DAILY) at ``checkin_time``;
    * weekly repair check-in (FREQ=WEEKLY;BYDAY=..) on ``repair_checkin_day`` at
      ``repair_checkin_time``;
    * weekly fun date on ``fun_date_day`` at ``fun_date_time``;
    * weekly look at open promises, right after the repair check-in;
    * contract revisits at the repair check-in time: one event for each given date from
      ``start`` on, the last of them repeating monthly (FREQ=MONTHLY; a date past the 28th
      falls on the month's last day in shorter months);
    * each tabled conversation's return time (``tabled_returns``: (plan id, when)) still
      ahead, once, in the same zone (the topic stays out of the file).

    ``uid_seed`` makes the UIDs stable for one workbook and SEQUENCE grows with each export,
    so importing a newer file updates the same events. No names or private text go into the
    file.
    """
    from icalendar import Calendar

    zone = _zone(tz or settings.timezone)
    today = datetime.now(zone).date()
    first = start or today
    stamp = datetime.now(UTC).replace(microsecond=0)
    # grows with every export, so calendar apps take a re-import as an update of the same events
    sequence = max(0, int((stamp - SEQUENCE_EPOCH).total_seconds() // 60))

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", words.CAL_NAME)
    cal.add("x-wr-caldesc", words.CAL_DESCRIPTION)
    cal.add("x-wr-timezone", zone.key)

    def at(day: date, field: str) -> datetime:
        return datetime.combine(day, _parse_time(settings, field), tzinfo=zone)

    checkin_day = _next_weekday(first, settings.repair_checkin_day)
    repair_at = at(checkin_day, "repair_checkin_time")
    review_at = repair_at + timedelta(minutes=EVENT_SHAPE["repair_checkin"][0])
    review_day = _BYDAY[review_at.weekday()]
    events = [
        _event(
            "daily_checkin",
            uid=_uid(uid_seed, "daily_checkin"),
            start=at(first, "checkin_time"),
            stamp=stamp,
            sequence=sequence,
            rrule={"freq": "daily"},
        ),
        _event(
            "repair_checkin",
            uid=_uid(uid_seed, "repair_checkin"),
            start=repair_at,
            stamp=stamp,
            sequence=sequence,
            rrule={"freq": "weekly", "byday": [_BYDAY[_DAYS.index(settings.repair_checkin_day)]]},
        ),
        _event(
            "fun_date",
            uid=_uid(uid_seed, "fun_date"),
            start=at(_next_weekday(first, settings.fun_date_day), "fun_date_time"),
            stamp=stamp,
            sequence=sequence,
            rrule={"freq": "weekly", "byday": [_BYDAY[_DAYS.index(settings.fun_date_day)]]},
        ),
        _event(
            "promise_review",
            uid=_uid(uid_seed, "promise_review"),
            start=review_at,
            stamp=stamp,
            sequence=sequence,
            rrule={"freq": "weekly", "byday": [review_day]},
        ),
    ]

    revisits = sorted(set(contract_revisits))
    if revisits:
        last = revisits[-1]
        for day in revisits[:-1]:
            if day >= first:
                events.append(
                    _event(
                        "contract_revisit",
                        uid=_uid(uid_seed, f"contract_revisit:{day}"),
                        start=at(day, "repair_checkin_time"),
                        stamp=stamp,
                        sequence=sequence,
                    )
                )
        monthly: dict[str, Any] = {"freq": "monthly"}
        if last.day > 28:  # the same day, or the month's last day when it is shorter
            monthly["bymonthday"] = list(range(28, last.day + 1))
            monthly["bysetpos"] = [-1]
        events.append(
            _event(
                "contract_revisit",
                uid=_uid(uid_seed, "contract_revisit"),
                start=at(last, "repair_checkin_time"),
                stamp=stamp,
                sequence=sequence,
                rrule=monthly,
            )
        )

    for plan_id, back in sorted(tabled_returns, key=lambda t: t[1]):
        start_at = (back if back.tzinfo else back.replace(tzinfo=UTC)).astimezone(zone)
        if start_at.date() < first:
            continue
        events.append(
            _event(
                "tabled_return",
                uid=_uid(uid_seed, f"tabled_return:{plan_id}"),
                start=start_at.replace(second=0, microsecond=0),
                stamp=stamp,
                sequence=sequence,
            )
        )

    for ev in events:
        cal.add_component(ev)
    earliest = min([first, *revisits]) - timedelta(days=366)
    cal.add_missing_timezones(first_date=earliest, last_date=earliest + timedelta(days=366 * 25))
    return bytes(cal.to_ical())


# --- reading from a workbook --------------------------------------------------------------------


def latest_contract(wb: Workbook, viewer: str | None = None) -> Contract | None:
    found = wb.latest("contract", viewer=viewer)
    return found if isinstance(found, Contract) else None


def _settings(wb: Workbook, viewer: str | None = None) -> Settings:
    """The couple's settings; with none stored yet, the defaults in this machine's zone
    (never UTC by accident: the contract's times and the calendar follow it)."""
    found = wb.latest("settings", viewer=viewer)
    if isinstance(found, Settings):
        return found
    return Settings(author=wb.partners[0], timezone=machine_zone_name())


def machine_zone_name() -> str:
    """This machine's zone name (TZ, /etc/timezone or /etc/localtime), else "UTC"."""
    import contextlib
    import os

    candidates = [os.environ.get("TZ", "").lstrip(":")]
    with contextlib.suppress(OSError):
        candidates.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    try:
        target = str(Path("/etc/localtime").resolve())
        if "zoneinfo/" in target:
            candidates.append(target.split("zoneinfo/", 1)[1])
    except OSError:
        pass
    for name in candidates:
        if not name:
            continue
        try:
            ZoneInfo(name)
        except (ValueError, KeyError, OSError):
            continue
        return name
    return "UTC"


def _workbook_seed(wb: Workbook) -> str:
    """A stable, non-personal seed for calendar UIDs: when the workbook was made."""
    try:
        rows = wb._read("SELECT value FROM meta WHERE key='created'")
    except StoreError:
        rows = []
    return f"workbook:{rows[0][0]}" if rows else f"workbook:{wb.folder.name}"


def contract_pdf_for(
    wb: Workbook, contract_id: str, viewer: str | None = None, *, strict: bool = False
) -> bytes:
    """The PDF of a stored contract's current version, with its signatures and history."""
    entry = wb.get(contract_id, viewer=viewer)
    if not isinstance(entry, Contract):
        raise EntryNotFound(words.NOT_A_CONTRACT.format(id=contract_id, kind=entry.kind))
    version = wb.version(contract_id)
    versions = cast("list[Any]", wb.history(contract_id, viewer=viewer))
    history = [h for h in versions if isinstance(h, Contract)]
    signatures = [
        s
        for s in wb.list("signature", viewer=viewer)
        if isinstance(s, Signature)
        and s.contract_id == contract_id
        and s.contract_version == version
    ]
    settings = _settings(wb, viewer)
    return contract_pdf(
        entry,
        signatures,
        wb.partners,
        version=version,
        history=history,
        tz=settings.timezone,
        strict=strict,
    )


def rhythm_calendar_for(
    wb: Workbook, viewer: str | None = None, *, start: date | None = None
) -> bytes:
    """The calendar from the workbook's latest settings and its latest contract's revisit
    date (repeating monthly from there)."""
    settings = _settings(wb, viewer)
    contract = latest_contract(wb, viewer)
    revisits = [contract.revisit_on] if contract is not None else []
    tabled = [
        (str(p.id), p.return_at)
        for p in wb.list("conversation_plan", viewer=viewer)
        if isinstance(p, ConversationPlan) and p.status == "tabled" and p.return_at is not None
    ]
    return rhythm_calendar(
        settings,
        contract_revisits=revisits,
        start=start,
        uid_seed=_workbook_seed(wb),
        tabled_returns=tabled,
    )


# --- a summary for a counsellor (issue 18) ---------------------------------------------------


@dataclass(frozen=True)
class SummaryChart:
    png: bytes
    title: str
    sentence: str


@dataclass(frozen=True)
class SummaryItem:
    heading: str  #: "day · kind"
    text: str


@dataclass
class SummaryDoc:
    """What a summary for a counsellor holds; :mod:`repairbook.couple.summary` fills it
    with only what the partner who makes it may bring."""

    title: str
    subtitle: str
    made_for: str
    charts: list[SummaryChart]
    agreements: list[str]
    contract: list[str]
    signals: list[tuple[str, str, list[str]]]
    own_heading: str
    own: list[SummaryItem]
    other_heading: str = ""
    other: list[SummaryItem] | None = None


def summary_pdf(doc: SummaryDoc, *, strict: bool = False) -> bytes:
    """The summary as a PDF (A4), set in the same fonts and shapes as the contract."""
    import io

    from repairbook.content import paths as P

    missing: set[str] = set()

    def clean(text: str, *, one_line: bool = False) -> str:
        return _clean(text, one_line=one_line, missing=missing)

    pdf = _new_pdf(clean(doc.title, one_line=True), "")
    pdf.add_page()
    pdf.set_font("dejavu", "B", 17)
    pdf.set_text_color(*ACCENT)
    pdf.multi_cell(0, 8.5, clean(doc.title), align="L", new_x="LMARGIN", new_y="NEXT")
    _para(pdf, clean(doc.subtitle), size=9.5, color=MUTED)
    _para(pdf, clean(doc.made_for), size=9.5, color=MUTED)

    def items(heading: str, lines: list[str], empty: str) -> None:
        _heading(pdf, heading)
        if not lines:
            _para(pdf, empty, color=MUTED)
        for i, line in enumerate(lines, 1):
            _numbered(pdf, i, clean(line))

    _heading(pdf, P.PDF_MARKERS, keep=60)
    if not doc.charts:
        _para(pdf, P.PDF_NO_MARKERS, color=MUTED)
    width = pdf.w - 2 * MARGIN_X
    for ch in doc.charts:
        _room(pdf, 70)
        pdf.set_font("dejavu", "B", BODY)
        pdf.multi_cell(0, LINE, clean(ch.title), align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.image(io.BytesIO(ch.png), w=width)
        _para(pdf, clean(ch.sentence), size=9.5)
        pdf.ln(2)
    items(P.PDF_AGREEMENTS, doc.agreements, P.PDF_NO_AGREEMENTS)
    items(P.PDF_CONTRACT, doc.contract, P.PDF_NO_CONTRACT)
    _heading(pdf, P.PDF_SIGNALS)
    if not doc.signals:
        _para(pdf, P.PDF_NO_SIGNALS, color=MUTED)
    for title, text, reasons in doc.signals:
        pdf.set_font("dejavu", "B", BODY)
        pdf.multi_cell(0, LINE, clean(title), align="L", new_x="LMARGIN", new_y="NEXT")
        _para(pdf, clean(text))
        for r in reasons:
            _para(pdf, "• " + clean(r), size=9.5)

    def entries(heading: str, found: list[SummaryItem]) -> None:
        _heading(pdf, heading)
        if not found:
            _para(pdf, P.PDF_NOTHING_CHOSEN, color=MUTED)
        for it in found:
            _room(pdf, 14)
            pdf.set_font("dejavu", "B", 9.5)
            pdf.set_text_color(*MUTED)
            pdf.multi_cell(0, 5, clean(it.heading, one_line=True), new_x="LMARGIN", new_y="NEXT")
            _para(pdf, clean(it.text))
            pdf.ln(1.5)

    entries(doc.own_heading, doc.own)
    if doc.other is not None:
        entries(doc.other_heading, doc.other)
    return bytes(_output(pdf, strict=strict))

"""Printable handouts: per couple, one A4 page with the couple's shared link and one page per
partner with that partner's own link (no names printed: "partner 1", "partner 2"), each with a
QR code of its link, the session plan, the first steps and where the couple's words live. fpdf2 with DejaVu Sans (and the fallback fonts of
:func:`repairbook.documents.pdf_fonts`), the QR code from segno."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING

from repairbook.content import workshop as W
from repairbook.content.workshop import where_words_live
from repairbook.workshop.plan import plan_lines
from repairbook.workshop.roster import Workshop

if TYPE_CHECKING:
    from fpdf import FPDF

INK = (33, 37, 41)
ACCENT = (31, 94, 105)
MUTED = (96, 104, 112)
PANEL = (244, 247, 248)
MARGIN = 20.0
QR_MM = 62.0


def qr_png(text: str, *, scale: int = 8) -> bytes:
    """The QR code of ``text`` as PNG bytes (error correction M, a quiet zone of 4)."""
    import segno

    buf = io.BytesIO()
    segno.make(text, error="m", micro=False).save(buf, kind="png", scale=scale, border=4)
    return buf.getvalue()


def _pdf(title: str) -> FPDF:
    from fpdf import FPDF

    from repairbook.documents import use_unicode_fonts

    class HandoutPDF(FPDF):
        def footer(self) -> None:
            self.set_y(-16)
            self.set_font("dejavu", "", 8.5)
            self.set_text_color(*MUTED)
            self.multi_cell(0, 4.2, W.HANDOUT_FOOTER, align="C", new_x="LMARGIN", new_y="NEXT")

    pdf = HandoutPDF(orientation="P", unit="mm", format="A4")
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, margin=22)
    pdf.c_margin = 0
    use_unicode_fonts(pdf)
    pdf.set_title(title)
    pdf.set_creator(W.HANDOUT_CREATOR)
    pdf.set_lang("en")
    return pdf


def _heading(pdf: FPDF, text: str) -> None:
    pdf.ln(4)
    pdf.set_font("dejavu", "B", 13)
    pdf.set_text_color(*ACCENT)
    pdf.multi_cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*INK)
    pdf.ln(1)


def _page(
    pdf: FPDF,
    ws: Workshop,
    label: str,
    url: str,
    plan: list[str],
    partner: int | None = None,
) -> None:
    from fpdf.enums import WrapMode

    from repairbook.documents import _clean

    pdf.add_page()
    pdf.set_font("dejavu", "B", 20)
    pdf.set_text_color(*ACCENT)
    title = W.HANDOUT_TITLE if partner is None else W.HANDOUT_PARTNER_TITLE
    pdf.multi_cell(0, 10, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("dejavu", "", 12)
    pdf.set_text_color(*MUTED)
    who = (
        W.HANDOUT_FOR.format(name=ws.name, label=label)
        if partner is None
        else W.HANDOUT_PARTNER_FOR.format(name=ws.name, label=label, number=partner + 1)
    )
    pdf.multi_cell(0, 6, _clean(who, one_line=True), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("dejavu", "", 11)
    pdf.set_text_color(*INK)
    intro = (
        f"{W.HANDOUT_INTRO} {W.HANDOUT_SHARED_NOTE}" if partner is None else W.HANDOUT_PARTNER_INTRO
    )
    pdf.multi_cell(0, 5.8, intro, new_x="LMARGIN", new_y="NEXT")

    # the QR code and the link, side by side in a light panel
    pdf.ln(4)
    top = pdf.get_y()
    width = pdf.w - 2 * MARGIN
    height = QR_MM + 8
    pdf.set_fill_color(*PANEL)
    pdf.rect(MARGIN, top, width, height, style="F")
    pdf.image(io.BytesIO(qr_png(url)), x=MARGIN + 4, y=top + 4, w=QR_MM, h=QR_MM)
    text_x = MARGIN + QR_MM + 10
    text_w = width - QR_MM - 14
    pdf.set_xy(text_x, top + 6)
    pdf.set_font("dejavu", "B", 12)
    pdf.cell(text_w, 7, W.HANDOUT_LINK, new_x="LEFT", new_y="NEXT")
    pdf.set_font("dejavumono", "", 9.5)
    pdf.multi_cell(text_w, 5, url, new_x="LEFT", new_y="NEXT", wrapmode=WrapMode.CHAR)
    pdf.set_xy(text_x, pdf.get_y() + 2)
    pdf.set_font("dejavu", "", 10)
    pdf.set_text_color(*MUTED)
    pdf.multi_cell(text_w, 5, W.HANDOUT_SCAN, new_x="LEFT", new_y="NEXT")
    pdf.set_text_color(*INK)
    pdf.set_xy(MARGIN, top + height + 2)

    _heading(pdf, W.HANDOUT_PLAN)
    pdf.set_font("dejavu", "", 10.5)
    for line in plan:
        pdf.multi_cell(0, 5.6, "•  " + _clean(line, one_line=True), new_x="LMARGIN", new_y="NEXT")

    _heading(pdf, W.HANDOUT_STEPS)
    pdf.set_font("dejavu", "", 10.5)
    steps = W.HANDOUT_FIRST_STEPS if partner is None else W.HANDOUT_PARTNER_STEPS
    for i, step in enumerate(steps, start=1):
        pdf.multi_cell(0, 5.6, f"{i}.  {step}", new_x="LMARGIN", new_y="NEXT")

    words = where_words_live("workshop")
    _heading(pdf, W.HANDOUT_WHERE)
    pdf.set_font("dejavu", "", 10.5)
    pdf.multi_cell(0, 5.6, words.privacy, new_x="LMARGIN", new_y="NEXT")


def handouts_pdf(
    ws: Workshop,
    links: Mapping[str, str],
    today: date | None = None,
    partner_links: Mapping[str, Sequence[str | None]] | None = None,
) -> bytes:
    """A PDF: per couple in ``links`` ({label: full URL}, in page order) its shared page,
    then one page per partner whose link is in ``partner_links`` ({label: [url, url]})."""
    from repairbook.documents import _mpl_fonts

    pdf = _pdf(W.HANDOUT_TITLE)
    mono = _mpl_fonts() / "DejaVuSansMono.ttf"
    pdf.add_font("dejavumono", "", str(mono))
    plan = plan_lines(ws.plan, today)
    for label, url in links.items():
        _page(pdf, ws, label, url, plan)
        for i, purl in enumerate((partner_links or {}).get(label, ())):
            if purl:
                _page(pdf, ws, label, purl, plan, partner=i)
    return bytes(pdf.output())


__all__ = ["handouts_pdf", "qr_png"]

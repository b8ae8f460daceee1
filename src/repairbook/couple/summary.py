"""A summary for a counsellor: the last N weeks as one PDF, made on this machine.

What goes in, and why nothing else can:

* the markers (charts with their sentences) and the signals with their reasons, computed
  from the shared entries of the partner who makes it, plus the other partner's shared
  entries only when that partner agreed (their private entries are never read: the
  service cannot read them);
* the current agreements and contract (both partners shaped them);
* the entries of their own the maker chose (``own_ids``; anything else is ignored);
* the other partner's shared entries of the weeks, only when they agreed.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from repairbook import charts, documents
from repairbook.content import messages
from repairbook.content import paths as P
from repairbook.content.modules import MODULES
from repairbook.couple import paths
from repairbook.entries import Agreement, Contract, Entry
from repairbook.progress import progress_report

if TYPE_CHECKING:
    from repairbook.couple.service import Couple

#: kinds that are numbers or bookkeeping, never listed as words
NOT_LISTED = frozenset({"checkin", "settings", "consent", "signature", "code_word_use"})
#: kinds both partners shape: always in the summary
JOINT = frozenset({"agreement", "contract", "signature", "settings"})
#: the markers charted (the overview and wins are for the app's own page)
MARKERS = ("ratings", "arguments", "recovery", "promises", "affection", "urge")


def _day(c: Couple, e: Entry) -> Any:
    return paths.local(c, e.created).date()


def _words(e: Entry) -> str:
    parts = []
    for name, value in e.content().items():
        if isinstance(value, str) and value.strip() and name not in ("author", "area", "role"):
            parts.append(value.strip())
    return "\n".join(parts) or e.summary()


def _item(c: Couple, e: Entry) -> documents.SummaryItem:
    head = P.PDF_ENTRY.format(day=_day(c, e).isoformat(), kind=messages.kind_label(e.kind))
    return documents.SummaryItem(head, _words(e))


def chosen_entries(c: Couple, weeks: int) -> list[Entry]:
    """The partner's own entries of the weeks (shared and, when unlocked, private) they
    may choose from (agreements and the contract always go in, so they are not offered)."""
    lo, _hi = paths.window(c, weeks)
    return [
        e
        for e in c.all_visible()
        if e.author == c.me
        and e.kind not in NOT_LISTED
        and e.kind not in JOINT
        and _day(c, e) >= lo
    ]


def summary_doc(c: Couple, weeks: int, own_ids: list[str]) -> documents.SummaryDoc:
    if not 1 <= weeks <= 52:
        raise ValueError(P.SUMMARY_WEEKS_RANGE)
    me, other = c.me, c.other
    agreed = c.summary_agreement(other) == "yes"
    lo, hi = paths.window(c, weeks)
    visible = c.all_visible()
    basis = [
        e
        for e in visible
        if e.visibility == "shared" and (e.author == me or agreed or e.kind in JOINT)
    ]
    report = progress_report(basis, c.partners, today=c.today(), zone=c.zone())
    shown: list[documents.SummaryChart] = []
    if not report.empty:
        for key in MARKERS:
            if key not in charts.CHARTS:
                continue
            ch = charts.chart(report, key, weeks=weeks)
            shown.append(
                documents.SummaryChart(
                    charts.to_png_bytes(ch.figure, dpi=80), ch.title, ch.summary or ch.alt
                )
            )
    area = MODULES[8].extra
    agreements = [
        f"{area.get('area_' + a.area, a.area)}: {a.text}" for a in c.entries(Agreement) if a.active
    ]
    contract_lines: list[str] = []
    contracts = c.entries(Contract)
    if contracts:
        ct = max(contracts, key=lambda e: e.updated)
        for name, items in ct.commitments.items():
            contract_lines += [f"{name}: {t}" for t in items]
        contract_lines += [ct.support, ct.breaks, P.PDF_CONTRACT_REVISIT.format(day=ct.revisit_on)]
    signals = [(s.title, s.text, list(s.reasons)) for s in report.signals_for(None)]
    wanted = set(own_ids)
    own = [_item(c, e) for e in chosen_entries(c, weeks) if e.id in wanted]
    theirs = None
    if agreed:
        theirs = [
            _item(c, e)
            for e in visible
            if e.author == other
            and e.visibility == "shared"
            and e.kind not in NOT_LISTED
            and _day(c, e) >= lo
        ]
    a, b = c.partners
    return documents.SummaryDoc(
        title=P.PDF_SUMMARY_TITLE.format(a=a, b=b),
        subtitle=P.PDF_SUMMARY_SUB.format(
            weeks=weeks,
            start=lo.isoformat(),
            end=hi.isoformat(),
            name=me,
            made=paths.local(c, datetime.now().astimezone()).strftime("%d %b %Y, %H:%M %Z"),
        ),
        made_for=P.PDF_SUMMARY_FOR.format(name=me),
        charts=shown,
        agreements=agreements,
        contract=contract_lines,
        signals=signals,
        own_heading=P.PDF_OWN.format(name=me),
        own=own,
        other_heading=P.PDF_OTHER.format(name=other),
        other=theirs,
    )


def summary_pdf(c: Couple, weeks: int, own_ids: list[str]) -> bytes:
    return documents.summary_pdf(summary_doc(c, weeks, own_ids))


__all__ = ["chosen_entries", "summary_doc", "summary_pdf"]

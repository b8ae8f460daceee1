"""Two small promises the welcome made, kept on Today, Journey and module 0: the next
journey step (the first module with nothing in it yet), and the hopes each partner wrote
at the welcome, which come back now and then."""

from __future__ import annotations

import ipywidgets as w

from repairbook.content import paths as P
from repairbook.content.modules import MODULES
from repairbook.couple import Couple
from repairbook.ui.page import Host
from repairbook.ui.widgets import button, card, esc, heading, html_box


def next_step_card(app: Host) -> w.Widget | None:
    """The journey module to take next (the first with nothing in it yet), with a button
    to open it; None before the partner has been through the welcome."""
    s = app.session
    if not s.welcomed():
        return None
    n = s.next_step()
    if n is None:
        return card(html_box(f"<p>{esc(P.NEXT_STEP_ALL_DONE)}</p>"), cls="rb-next-step")
    return card(
        heading(P.NEXT_STEP_TITLE, P.NEXT_STEP.format(number=n, title=MODULES[n].title), level=3),
        w.HBox(
            [
                button(
                    P.NEXT_STEP_OPEN.format(number=n),
                    "open-next-step",
                    primary=True,
                    on=lambda: app.show("module", number=n),
                )
            ]
        ),
        cls="rb-next-step",
    )


def hopes_card(session: Couple) -> w.Widget | None:
    """The hopes each partner wrote at the welcome (shared entries), or None."""
    found = session.hopes()
    if not found:
        return None
    lines = "".join(
        f"<p>{esc(P.HOPE_LINE.format(name=name, hope=hope))}</p>" for name, hope in found
    )
    return card(heading(P.HOPES_TITLE, level=3), html_box(lines, "rb-hopes-lines"), cls="rb-hopes")


def summary_ask_card(app: Host) -> w.Widget | None:
    """Asked at the partner's next visit: may their shared entries go into the other's
    summary for a counsellor? None unless they were asked and have not answered."""
    s = app.session
    if s.summary_agreement(s.me) != "asked":
        return None
    other = s.other
    said = html_box("", "rb-summary-consent-said")

    def answer(yes: bool) -> None:
        s.answer_summary_agreement(yes)
        row.children = []
        words = P.SUMMARY_CONSENT_SAVED_YES if yes else P.SUMMARY_CONSENT_SAVED_NO
        said.value = f'<p role="status">{esc(words)}</p>'

    row = w.HBox(
        [
            button(P.SUMMARY_CONSENT_YES, "summary-consent-yes", on=lambda: answer(True)),
            button(P.SUMMARY_CONSENT_NO, "summary-consent-no", on=lambda: answer(False)),
        ],
        layout=w.Layout(flex_flow="row wrap"),
    )
    return card(
        heading(P.SUMMARY_CONSENT_TITLE.format(other=other), P.SUMMARY_CONSENT_BODY, level=3),
        row,
        said,
        cls="rb-summary-consent",
    )

"""The room page of ``repairbook workshop serve``: one Voilà server for every couple.

The notebook is two lines: ``import repairbook.ui.workshop_app as wa; wa.room()``.
:func:`room` reads the ``key`` from the page's query string (in the kernel's environment,
where Voilà or the server's warm-kernel hand-off put it), checks it against the workshop's
fingerprints, and only then opens anything:

* a couple's key opens that couple's workbook, and only that one (the usual app);
* a partner's personal key opens that workbook as that partner (:func:`partner_page`);
* the facilitator's key opens the group view (consented numbers only);
* anything else (missing, made up, revoked, one character changed) shows the same
  neutral "this link is not valid" page and opens nothing.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path

import ipywidgets as w

from repairbook.content import workshop as W
from repairbook.ui.request import close_when_invalid, invalid_page, key_from_query, request_query
from repairbook.ui.widgets import card, esc, heading, html_box

log = logging.getLogger(__name__)

ENV_WORKSHOP = "REPAIRBOOK_WORKSHOP"


def _table(head: list[str], rows: list[list[str]]) -> str:
    th = "".join(f'<th scope="col">{esc(h)}</th>' for h in head)
    body = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in rows)
    return (
        "<style>.rb-group-table{border-collapse:collapse;width:100%;font-size:15px}"
        ".rb-group-table th,.rb-group-table td{border-bottom:1px solid #d9d3c9;"
        "padding:6px 8px;text-align:left}.rb-group-table th{font-weight:600}</style>"
        f'<table class="rb-group-table"><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>'
    )


def group_page(workshop: str | os.PathLike[str]) -> w.Widget:
    """The facilitator's view: the plan and the consented numbers, as plain tables."""
    from repairbook.workshop.plan import plan_lines
    from repairbook.workshop.roster import Workshop
    from repairbook.workshop.summary import group_summary, table_rows

    ws = Workshop.open(workshop)
    summary = group_summary(ws)
    head, rows = table_rows(summary)
    parts: list[w.Widget] = [heading(W.GROUP_TITLE.format(name=ws.name), W.GROUP_INTRO)]
    if not summary.shared:
        parts.append(html_box(f'<p class="rb-muted">{esc(W.GROUP_NONE_SHARED)}</p>'))
    parts.append(html_box(f"<h3>{esc(W.GROUP_LATEST)}</h3>" + _table(head, rows)))
    plan = "".join(f"<li>{esc(line)}</li>" for line in plan_lines(ws.plan))
    parts.append(html_box(f"<h3>{esc(W.GROUP_PLAN)}</h3><ul>{plan}</ul>"))
    box = card(*parts, cls="rb-group-view")
    box.layout = w.Layout(max_width="1100px", margin="16px auto")
    return box


def page_for_key(workshop: str | os.PathLike[str], key: str | None) -> w.Widget:
    """What this key opens: a couple's app, the group view, or the neutral page."""
    from repairbook.workshop.roster import Workshop

    try:
        ws = Workshop.open(workshop)
        access = ws.verify(key)
        if access is None:
            return invalid_page()
        if access.facilitator:
            return group_page(workshop)
        assert access.couple is not None
        path = ws.workbook_path(access.couple)
    except Exception:  # noqa: BLE001 - whatever went wrong, the visitor sees the neutral page
        log.exception("the room page could not check a key")
        return invalid_page()
    if access.partner is not None:
        return partner_page(path, access.partner)
    from repairbook.ui.shell import app

    return app(str(path)).widget


def partner_page(path: str | os.PathLike[str], position: int) -> w.Widget:
    """A partner's personal page (their own key): the couple's app, opened as partner
    ``position`` (0 or 1, the order of the workbook's names), with no switch to the other.

    A workbook not set up yet shows the set-up page first, as the shared link does."""
    from repairbook.ui.shell import App, app

    the_app = app(str(path))
    if isinstance(the_app, App) and the_app.session.ready:
        name = the_app.session.partners[position]
        the_app.fixed_partner = name
        the_app.start(partner=name)
    return the_app.widget


def close_when_revoked(
    workshop: str | os.PathLike[str], key: str | None, holder: w.Box
) -> Callable[[], bool]:
    """Watch this page's key; when ``remove-couple`` or ``rekey`` revokes it, the page
    (everything in ``holder``) is replaced by the neutral page at once and its widgets are
    closed. Returns the check itself (True while the key still opens the page); the kernel's
    event loop runs it every ``WATCH_SECONDS`` (a stat of workshop.json each time)."""
    from repairbook.workshop.roster import WATCH_SECONDS, KeyWatch

    return close_when_invalid(holder, KeyWatch(workshop, key).still_valid, WATCH_SECONDS)


def _warm() -> None:
    """Import what every page needs while a preheated kernel waits for its visitor."""
    import repairbook.ui.shell  # noqa: F401
    import repairbook.workshop.summary  # noqa: F401


def room(workshop: str | os.PathLike[str] | None = None) -> None:
    """Show the page for this request's key (the whole room notebook calls this)."""
    from IPython.display import display

    _warm()
    folder = Path(workshop or os.environ.get(ENV_WORKSHOP, ""))
    try:
        key = key_from_query(request_query())
    except Exception:  # noqa: BLE001 - no request info: nothing opens
        log.exception("no request information")
        key = None
    holder = w.Box([page_for_key(folder, key)])
    holder.add_class("rb-room-page")
    display(holder)
    close_when_revoked(folder, key, holder)


__all__ = [
    "close_when_revoked",
    "group_page",
    "invalid_page",
    "key_from_query",
    "page_for_key",
    "partner_page",
    "room",
]

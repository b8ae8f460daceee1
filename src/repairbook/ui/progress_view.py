"""The Progress page's content: overview chart, a sentence per marker, the timeline map,
small wins, gentle signals (each with its reasons), and each chart in detail on request.
On a narrow screen (a phone) the page's style shows a stack of narrow charts instead of
the overview, each with its sentence beneath (see ``charts.phone_charts``).

Everything comes from ``repairbook.progress`` and ``repairbook.charts``; this module only
lays it out. Signals built on a private entry are shown only to that entry's author.
"""

from __future__ import annotations

import base64
from typing import Any

import ipywidgets as w

from repairbook import charts
from repairbook.content import paths as PW
from repairbook.content import progress as P
from repairbook.content import shared as S
from repairbook.content.signals import ONLY_YOU
from repairbook.progress import progress_report
from repairbook.ui.widgets import button, card, esc, heading, html_box, para

#: phone charts are drawn at 1.5x so they stay sharp on a phone's dense screen
PHONE_DPI = 150


def _img(chart: Any, name: str, dpi: int = 100) -> w.HTML:
    """The chart as a picture with its sentence beneath. ``data-min-font-px`` is the
    smallest text in the picture's own pixels: shown at width W, it is that times
    W / the picture's natural width on screen (the browser test checks it)."""
    png = charts.to_png_bytes(chart.figure, dpi=dpi)
    smallest = charts.smallest_text_px(chart.figure, dpi, draw=False)
    b64 = base64.b64encode(png).decode("ascii")
    h = w.HTML(
        f'<figure class="rb-chart rb-chart-{esc(name)}"><img src="data:image/png;base64,{b64}" '
        f'alt="{esc(chart.alt)}" data-min-font-px="{smallest:.2f}" '
        f'style="max-width:100%;height:auto"/>'
        f"<figcaption>{esc(chart.summary)}</figcaption></figure>"
    )
    h.add_class(f"rb-chart-{name}")
    return h


def _phone_stack(report: Any, me: str | None) -> w.Widget:
    """Each marker its own narrow chart with its sentence beneath; the page's style shows
    this instead of the overview on a narrow screen."""
    box = w.VBox([_img(c, c.key, PHONE_DPI) for c in charts.phone_charts(report, viewer=me)])
    box.add_class("rb-progress-phone")
    return box


def _wide(widget: w.Widget) -> w.Widget:
    widget.add_class("rb-progress-wide")
    return widget


def progress_view(page: Any) -> w.Widget:
    s = page.session
    report = progress_report(s.all_visible(), s.partners, today=s.today(), zone=s.zone())
    me = s.me
    if report.empty:
        return card(
            heading(P.PAGE_TITLE, P.PAGE_PURPOSE),
            html_box(para(P.EMPTY_PAGE), "rb-empty"),
            cls="rb-progress",
        )
    overview = charts.overview_chart(report, viewer=me)
    summaries = "".join(f"<li>{esc(t)}</li>" for t in report.summaries.values() if t)
    tl = report.timeline
    timeline = card(
        heading(tl.title, level=3),
        # the overview's caption already says where you are; this card says how to read the map
        html_box(f"<p class='rb-muted'>{esc(tl.note)}</p>"),
        cls="rb-timeline",
    )
    parts: list[w.Widget] = [
        card(
            heading(P.PAGE_TITLE, P.PAGE_PURPOSE),
            _wide(_img(overview, "overview")),
            _wide(html_box(f"<ul>{summaries}</ul>", "rb-summaries")),
            _phone_stack(report, me),
            cls="rb-progress",
        ),
        timeline,
    ]
    sigs = report.signals_for(me)
    if sigs:
        items = []
        for sig in sigs:
            reasons = "".join(f"<li>{esc(r)}</li>" for r in sig.reasons)
            only = f'<p class="rb-lockline">🔒 {esc(ONLY_YOU)}</p>' if sig.private else ""
            action = ""
            if sig.name in ("therapist", "pause"):
                action = "module15"
            h = html_box(
                f"<h3>{esc(sig.title)}</h3><p>{esc(sig.text)}</p><ul>{reasons}</ul>{only}",
                "rb-item",
            )
            h.add_class(f"rb-signal-{sig.name}")
            kids: list[w.Widget] = [h]
            if action:
                kids.append(
                    button(
                        S.OPEN_OUTSIDE_HELP,
                        f"signal-{sig.name}-help",
                        on=lambda: page.app.show("module", number=15),
                    )
                )
            if sig.name == "pause":  # pause and look after yourself: what can be done alone
                kids.append(
                    button(PW.SOLO_OPEN_PATH, "signal-pause-solo", on=lambda: page.app.show("solo"))
                )
            if len(kids) > 2:
                kids[1:] = [w.HBox(kids[1:], layout=w.Layout(flex_flow="row wrap"))]
            items.append(w.VBox(kids))
        parts.append(card(heading(P.SIGNALS_HEADING, level=3), *items, cls="rb-signals"))
    wins = report.wins_for(me)
    if wins:
        rows = "".join(
            f"<li><strong>{esc(wn.title)}</strong> · {esc(wn.reason)}</li>"
            for wn in sorted(wins, key=lambda x: x.day, reverse=True)[:10]
        )
        parts.append(
            card(heading(P.WINS_HEADING, level=3), html_box(f"<ul>{rows}</ul>"), cls="rb-wins")
        )
    detail = w.VBox([])
    detail.add_class("rb-chart-details")

    def show_all() -> None:
        detail.children = [_img(c, c.key) for c in charts.all_charts(report, viewer=me)]
        more.layout.display = "none"

    more = button(P.SHOW_DETAILS, "progress-details", on=show_all)
    parts.append(_wide(card(more, detail)))
    return w.VBox(parts)

"""The safety parts every page may need: the guidance a "yes" on the safety screen shows
(the emergency number, the room's helplines, the partner's own private helplines, a way to
add one sealed, a quick exit), the emergency line of Help, and the pause card. They are
built for the partner using the page now and only ever shown to them."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from repairbook.content import paths as P
from repairbook.content import shared as S
from repairbook.content.modules import MODULES
from repairbook.ui.parts.privacy import lock_line, quick_exit_button
from repairbook.ui.widgets import Status, button, card, esc, heading, html_box, para

X = MODULES[0].extra


def paused_card(app: Any, *, brief: bool = False) -> w.Widget:
    """What "pause here for now" did, and the one way back, for the partner who paused."""
    session = app.session

    def resume() -> None:
        session.resume()
        app.show("today")

    words = (
        [html_box(para(S.PAUSED_NOTICE), "rb-paused-notice")]
        if brief
        else [
            html_box(para(S.PAUSED_DONE), "rb-paused-done"),
            html_box(para(X["paused_body"])),
        ]
    )
    return card(
        heading(X["pause"]),
        lock_line(),
        *words,
        w.HBox(
            [
                button(S.RESUME, "resume", on=resume),
                button(P.SOLO_OPEN_PATH, "paused-solo", on=lambda: app.show("solo")),
                button(S.OPEN_OUTSIDE_HELP, "paused-outside-help", on=lambda: app.show("help")),
            ],
            layout=w.Layout(flex_flow="row wrap"),
        ),
        cls="rb-paused",
        private=True,
    )


def emergency_line(session: Any) -> str:
    """The number to call, as HTML; with our default, a plain line to check the local one."""
    em = session.emergency()
    line = f"<p>{esc(X['safety_emergency'].format(number=em.number))}</p>"
    if em.is_default:
        line += (
            f'<p class="rb-muted">{esc(S.HELP_EMERGENCY_CHECK_LOCAL.format(number=em.number))}</p>'
        )
    return line


def safety_card(session: Any, app: Any | None = None) -> w.Widget:
    """Plain safety guidance for the partner here alone: the emergency number, the room's
    helplines, their own private helplines, a way to add one (sealed), a quick exit."""
    parts = [emergency_line(session)]
    lines = [*session.room_help().get("helplines", [])]
    for h in session.own_helplines():
        lines.append({"name": h.name, "contact": " · ".join(v for v in (h.phone, h.web) if v)})
    for h in lines:
        contact = h.get("contact") or " · ".join(
            v for v in (h.get("phone", ""), h.get("web", "")) if v
        )
        parts.append(
            f"<p>{esc(X['safety_helpline'].format(name=h.get('name', ''), contact=contact))}</p>"
        )
    if not lines:
        parts.append(f"<p>{esc(X['safety_helpline_unset'])}</p>")
    children: list[w.Widget] = [
        heading(X["safety_title"]),
        lock_line(),
        html_box(para(X["safety_body"])),
        html_box("".join(parts), "rb-safety-numbers"),
        html_box(f'<p class="rb-muted">{esc(X["safety_close"])}</p>'),
        helpline_form(session, app),
    ]
    if app is not None:
        children.insert(2, w.HBox([quick_exit_button(app)]))
    return card(*children, cls="rb-safety", private=True)


def helpline_form(session: Any, app: Any | None) -> w.Widget:
    """Add a helpline for oneself: private, sealed with one's passphrase."""
    name = w.Text(description=S.HELPLINE_NAME)
    phone = w.Text(description=S.HELPLINE_PHONE)
    web = w.Text(description=S.HELPLINE_WEB)
    for t, c in ((name, "name"), (phone, "phone"), (web, "web")):
        t.style.description_width = "initial"
        t.add_class(f"rb-helpline-{c}")
    status = Status("helpline-status")

    def save() -> None:
        if not name.value.strip():
            status.problem(S.HELPLINE_NAME_NEEDED)
            return
        res = session.add_own_helpline(name.value.strip(), phone.value.strip(), web.value.strip())
        if not res.ok:
            status.problem(res.error or " ".join(res.problems.values()))
            return
        name.value = phone.value = web.value = ""
        status.saved(S.HELPLINE_SAVED)

    fields = w.VBox([name, phone, web])
    fields.add_class("rb-field")
    return w.VBox(
        [
            heading(S.HELPLINE_ADD_TITLE, S.HELPLINE_ADD_INTRO, level=3),
            fields,
            w.HBox(
                [button(S.HELPLINE_SAVE, "helpline-save", on=save), status.widget],
                layout=w.Layout(flex_flow="row wrap", align_items="center"),
            ),
        ],
        layout=w.Layout(margin="8px 0 0 0"),
    )

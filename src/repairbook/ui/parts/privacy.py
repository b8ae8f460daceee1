"""Privacy controls every page uses the same way: the lock line, unlocking right where it
is needed, setting a passphrase, and the quick exit."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import ipywidgets as w

from repairbook.content import shared as S
from repairbook.content.modules import MODULES
from repairbook.couple import Couple
from repairbook.ui.page import Host
from repairbook.ui.widgets import Status, button, esc, html_box, para


def lock_line(text: str = "") -> w.HTML:
    """🔒 and the words that say who can read what is here."""
    h = w.HTML(f'<span class="rb-lockline">🔒 {esc(text or S.PRIVATE_WORDS)}</span>')
    h.add_class("rb-lock")
    return h


def unlock_box(session: Couple, then: Callable[[], None]) -> w.Widget:
    """Ask the current partner's passphrase, right where it is needed; ``then`` runs once
    they are in (a wrong passphrase stays a line under the field)."""
    pw = w.Password(description=S.UNLOCK_TITLE)
    pw.style.description_width = "initial"
    pw.add_class("rb-unlock-passphrase")
    status = Status("unlock-status")

    def go() -> None:
        err = session.unlock(pw.value)
        pw.value = ""
        if err:
            status.problem(err)
            return
        then()

    field = w.VBox([pw])
    field.add_class("rb-field")
    return w.VBox(
        [
            lock_line(),
            html_box(para(S.UNLOCK_HELP)),
            field,
            w.HBox(
                [button(S.UNLOCK_BUTTON, "unlock", primary=True, on=go), status.widget],
                layout=w.Layout(align_items="center"),
            ),
        ]
    )


def passphrase_setter(
    session: Couple, on_set: Callable[[], None], extra: Iterable[w.Widget] = ()
) -> w.VBox:
    """Two passphrase fields and a button that sets the current partner's passphrase;
    a mismatch or a refusal stays on screen with the typed text kept."""
    p1 = w.Password(description=MODULES[0].extra["passphrase_label"])
    p2 = w.Password(description=S.SET_PASSPHRASE_CONFIRM)
    for i, p in enumerate((p1, p2)):
        p.style.description_width = "initial"
        p.add_class(f"rb-passphrase{i + 1}")
    status = Status("passphrase-status")

    def go() -> None:
        if p1.value != p2.value:
            status.problem(S.SET_PASSPHRASE_MISMATCH)
            return
        err = session.set_passphrase(p1.value)
        if err:
            status.problem(err)
            return
        p1.value = p2.value = ""
        on_set()

    fields = w.VBox([p1, p2])
    fields.add_class("rb-field")
    set_button = button(S.SET_PASSPHRASE_BUTTON, "passphrase-set", primary=True, on=go)
    return w.VBox(
        [
            fields,
            w.HBox(
                [set_button, *extra, status.widget],
                layout=w.Layout(flex_flow="row wrap", align_items="center"),
            ),
        ]
    )


def quick_exit_button(app: Host) -> w.Button:
    """One press: the page becomes a neutral one and everything private locks."""
    b = button(S.QUICK_EXIT, "quick-exit", on=app.quick_exit, tooltip=S.QUICK_EXIT_HELP)
    b.button_style = "warning"
    return b

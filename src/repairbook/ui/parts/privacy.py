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
    status = Status("passphrase-status")
    fields, go = new_passphrase(
        session,
        MODULES[0].extra["passphrase_label"],
        "rb-passphrase",
        status,
        session.set_passphrase,
        on_set,
    )
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


def strength_hint(session: Couple, field: w.Password) -> w.HTML:
    """A quiet line under ``field`` that says, as it is typed, when the passphrase looks
    easy to guess. It never blocks: whatever is chosen is saved."""
    line = w.HTML("")
    line.add_class("rb-passphrase-hint")

    def show(_change: object = None) -> None:
        tip = session.passphrase_hint(field.value)
        line.value = (
            f'<p class="rb-muted" role="status">{esc(S.PASSPHRASE_HINT_LABEL)} {esc(tip)}</p>'
            if tip
            else ""
        )

    field.observe(show, names="value")
    return line


def _password(label: str, cls: str) -> w.Password:
    p = w.Password(description=label)
    p.style.description_width = "initial"
    p.add_class(cls)
    return p


def new_passphrase(
    session: Couple,
    label: str,
    cls: str,
    status: Status,
    save: Callable[[str], str | None],
    on_done: Callable[[], None],
) -> tuple[w.VBox, Callable[[], None]]:
    """A new passphrase typed twice (fields ``cls``1 and ``cls``2) with the strength hint,
    and the action that saves it through ``save``: a mismatch or a refusal is said in
    ``status`` and the typed text stays; once saved, the fields are emptied."""
    p1 = _password(label, f"{cls}1")
    p2 = _password(S.SET_PASSPHRASE_CONFIRM, f"{cls}2")
    hint = strength_hint(session, p1)

    def go() -> None:
        if p1.value != p2.value:
            status.problem(S.SET_PASSPHRASE_MISMATCH)
            return
        err = save(p1.value)
        if err:
            status.problem(err)
            return
        p1.value = p2.value = ""
        on_done()

    fields = w.VBox([p1, hint, p2])
    fields.add_class("rb-field")
    return fields, go


def _row(*items: w.Widget) -> w.HBox:
    return w.HBox(list(items), layout=w.Layout(flex_flow="row wrap", align_items="center"))


def set_by_other_box(session: Couple, on_done: Callable[[], None]) -> w.Widget | None:
    """When someone else set this partner's passphrase: replace it with their own (while
    nothing private is kept under it) or keep it by typing it. None when it is theirs."""
    by = session.passphrase_set_by()
    if not by:
        return None
    status = Status("claim-status")
    parts: list[w.Widget] = [
        html_box(f"<h3>{esc(S.PASSPHRASE_BY_OTHER_TITLE.format(name=session.me))}</h3>"),
        html_box(para(S.PASSPHRASE_BY_OTHER.format(by=by))),
    ]
    if session.may_claim_passphrase():
        fields, claim = new_passphrase(
            session,
            S.SET_PASSPHRASE_LABEL,
            "rb-claim-passphrase",
            status,
            session.claim_passphrase,
            on_done,
        )
        parts += [
            fields,
            _row(button(S.PASSPHRASE_CLAIM_BUTTON, "claim-set", primary=True, on=claim)),
        ]
    else:
        parts.append(html_box(para(S.PASSPHRASE_CLAIM_HAS_ENTRIES_PAGE)))
    old = _password(S.PASSPHRASE_KEEP_LABEL, "rb-claim-keep-passphrase")

    def keep() -> None:
        err = session.keep_passphrase(old.value)
        old.value = ""
        if err:
            status.problem(err)
            return
        on_done()

    keep_field = w.VBox([old])
    keep_field.add_class("rb-field")
    parts += [
        keep_field,
        _row(button(S.PASSPHRASE_KEEP_BUTTON, "claim-keep", on=keep), status.widget),
    ]
    box = w.VBox(parts)
    box.add_class("rb-claim")
    return box


def change_passphrase_box(session: Couple) -> w.VBox:
    """Current passphrase, the new one twice: every private entry is re-sealed under the
    new one at once. One sentence says it worked or why not; a refusal keeps the typing."""
    cur = _password(S.PASSPHRASE_CURRENT_LABEL, "rb-change-current")
    n1 = _password(S.PASSPHRASE_NEW_LABEL, "rb-change-passphrase1")
    n2 = _password(S.SET_PASSPHRASE_CONFIRM, "rb-change-passphrase2")
    hint = strength_hint(session, n1)
    status = Status("change-passphrase-status")

    def go() -> None:
        if n1.value != n2.value:
            status.problem(S.SET_PASSPHRASE_MISMATCH)
            return
        err = session.change_passphrase(cur.value, n1.value)
        if err:
            status.problem(err)
            return
        cur.value = n1.value = n2.value = ""
        status.saved(S.PASSPHRASE_CHANGED)

    fields = w.VBox([cur, n1, hint, n2])
    fields.add_class("rb-field")
    box = w.VBox(
        [
            html_box(f"<h3>{esc(S.PASSPHRASE_CHANGE_TITLE)}</h3>"),
            html_box(para(S.PASSPHRASE_CHANGE_INTRO)),
            fields,
            _row(button(S.PASSPHRASE_CHANGE_BUTTON, "change-passphrase", on=go), status.widget),
        ]
    )
    box.add_class("rb-change-passphrase-box")
    return box


def damaged_note(session: Couple) -> w.HTML | None:
    """One calm line when entries were left out because they are damaged (the rest show)."""
    note = session.skipped_note()
    if not note:
        return None
    return html_box(f'<p class="rb-muted" role="status">{esc(note)}</p>', "rb-damaged-note")


def quick_exit_button(app: Host) -> w.Button:
    """One press: the page becomes a neutral one and everything private locks."""
    b = button(S.QUICK_EXIT, "quick-exit", on=app.quick_exit, tooltip=S.QUICK_EXIT_HELP)
    b.button_style = "warning"
    return b

"""A form card: a card with a form for one kind of entry, and named slots for what a page
adds to it. Pages reach its parts by name (``card.form``, ``card.status``,
``card.extra`` ...), never by position.

Fields come from the entry model and words from content; each problem shows next to its
field; nothing typed is lost when a save fails; the keep-private box asks for a
passphrase when there is none.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol

import ipywidgets as w

from repairbook.content import shared as S
from repairbook.content.model import FieldText
from repairbook.couple import Couple, SaveResult
from repairbook.entries import KINDS, Entry
from repairbook.ui.parts.coach import flag_widgets
from repairbook.ui.parts.privacy import lock_line, unlock_box
from repairbook.ui.widgets import EntryForm, Status, button, card, esc, heading, html_box

#: "choice" offers a keep-private box, "always" is for private-only kinds, "never" for
#: entries both partners read
Privacy = Literal["choice", "always", "never"]


class FormHost(Protocol):
    """What a form card needs from the page it sits on."""

    session: Couple
    #: the page's forms by name: what is typed in them survives a rebuild of the page
    forms: dict[str, EntryForm]

    def take_draft(self, name: str) -> dict[str, Any] | None:
        """What was typed in form ``name`` before the page was rebuilt, once."""

    def refresh(self, saved: str = "") -> None:
        """Rebuild the page after form ``saved`` stored an entry."""


@dataclass(frozen=True)
class Coach:
    """The wording coach on one field of a form card."""

    check: Callable[[str], Sequence[Any]]
    #: the line shown when the coach finds nothing to say about some text
    clean: str = ""
    #: the field it reads (default: the form's first)
    field: str | None = None


def _slot() -> w.VBox:
    """A place in a card for a page's own widgets: out of the layout while empty."""
    box = w.VBox([], layout=w.Layout(display="none"))
    box.add_class("rb-slot")

    def follow(change: dict[str, Any]) -> None:
        box.layout.display = None if change["new"] else "none"

    box.observe(follow, "children")
    return box


@dataclass
class FormCard:
    """The parts of a form card, by name."""

    #: the card itself, to put on the page
    widget: w.VBox
    form: EntryForm
    #: the quiet line next to the save button
    status: Status
    save_button: w.Button
    #: the keep-private box, when the kind offers the choice
    keep_private: w.Checkbox | None
    #: the coach's notes, when a coach runs on the form
    coach: w.VBox | None
    #: the page's own widgets, between the form and the save button
    extra: w.VBox
    #: the page's own widgets, under the save button
    footer: w.VBox


def form_card(
    host: FormHost,
    kind: str,
    fields: Iterable[str],
    *,
    texts: dict[str, FieldText],
    save: str,
    name: str = "",
    title: str = "",
    intro: str = "",
    private: Privacy = "choice",
    fixed: dict[str, Any] | Callable[[], dict[str, Any]] | None = None,
    coach: Coach | None = None,
    load: Entry | None = None,
    choice_labels: dict[str, dict[Any, str]] | None = None,
    lock: bool = True,
) -> FormCard:
    """A card with a form for ``kind`` (``load``: a new version of that entry), saved by
    ``host.session``; after a save the host rebuilds its page, keeping other drafts.
    ``fixed`` adds values the partner does not type; ``lock`` shows the lock line on a
    private-only card (off where the card's surroundings already say so)."""
    session = host.session
    if KINDS[kind].private_only:
        private = "always"
    name = name or kind.replace("_", "-")
    # times are typed and shown in the couple's own zone
    form = EntryForm(kind, list(fields), texts, choice_labels=choice_labels, zone=session.zone())
    if load is not None:
        form.load(load)
    host.forms[name] = form
    draft = host.take_draft(name)
    if draft:
        form.restore(draft)
    status = Status(f"{name}-status")
    keep_private = _keep_private_box(session, name) if private == "choice" else None
    coach_box = _coach_notes(form, coach, name, run_now=load is not None) if coach else None

    def do_save() -> None:
        res = _save(session, form, kind, load, fixed, private, keep_private)
        if not res.ok:
            form.show(res.problems)
            status.failed(res, fields_shown=True)
            return
        form.clear_errors()
        host.refresh(saved=name)

    save_button = button(save, f"{name}-save", primary=True, on=do_save)
    extra, footer = _slot(), _slot()
    parts: list[w.Widget] = []
    if title:
        parts.append(heading(title, intro, level=3))
    if private == "always" and lock:
        parts.append(lock_line())
    parts.append(form.box)
    if keep_private is not None:
        parts.append(keep_private)
    if coach_box is not None:
        parts.append(coach_box)
    if private == "always" and not session.has_passphrase():
        parts.append(html_box(f'<p class="rb-problem">{esc(S.NO_PASSPHRASE_PAGE)}</p>'))
    elif private == "always" and not session.unlocked():
        parts.append(unlock_box(session, host.refresh))
    parts.append(extra)
    parts.append(
        w.HBox(
            [save_button, status.widget],
            layout=w.Layout(align_items="center", flex_flow="row wrap"),
        )
    )
    parts.append(footer)
    widget = card(*parts, private=private == "always", cls=f"rb-form-{name}")
    return FormCard(widget, form, status, save_button, keep_private, coach_box, extra, footer)


def _keep_private_box(session: Couple, name: str) -> w.Checkbox:
    # a partner on their own for now keeps their work private unless they choose to share
    alone = bool(session.has_passphrase() and session.solo_mode())
    box = w.Checkbox(value=alone, description=S.KEEP_PRIVATE, indent=False)
    box.add_class(f"rb-{name}-private")
    if not session.has_passphrase():
        box.disabled = True
        box.description = S.KEEP_PRIVATE_NEEDS_PASSPHRASE
    return box


def _coach_notes(form: EntryForm, coach: Coach, name: str, *, run_now: bool) -> w.VBox:
    """The coach's notes, renewed whenever the field it reads changes."""
    notes = w.VBox([])
    notes.add_class(f"rb-coach-{name}")
    target = form.fields[coach.field or next(iter(form.fields))].control

    def run(_change: object = None) -> None:
        text = str(target.value or "")
        notes.children = flag_widgets(coach.check(text), text, coach.clean)

    target.continuous_update = False
    target.observe(run, "value")
    if run_now:
        run()
    return notes


def _save(
    session: Couple,
    form: EntryForm,
    kind: str,
    load: Entry | None,
    fixed: dict[str, Any] | Callable[[], dict[str, Any]] | None,
    private: Privacy,
    keep_private: w.Checkbox | None,
) -> SaveResult:
    """Save what the form holds (a new version of ``load``, or a new entry)."""
    data = form.values()
    if fixed is not None:
        data.update(fixed() if callable(fixed) else fixed)
    wants_private = private == "always" or (keep_private is not None and keep_private.value)
    if wants_private and not session.unlocked():
        return SaveResult(
            error=S.UNLOCK_FIRST_FOR_PRIVATE
            if session.has_passphrase()
            else S.KEEP_PRIVATE_NEEDS_PASSPHRASE
        )
    if load is not None:
        return session.update(load.id, data)
    return session.save(kind, data, visibility="private" if wants_private else None)

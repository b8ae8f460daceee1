"""The one small, common way each journey module is a page.

A module page is a subclass of :class:`ModulePage` in ``repairbook.ui.modules``. It gets
its words from ``content.modules.MODULES[n]`` (title, purpose, why, steps, field labels,
empty state), builds form cards from its entry models with :meth:`ModulePage.form`, lists
its entries with :meth:`ModulePage.listing`, and adds its own widgets in :meth:`body`.
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Iterable
from typing import Any, TypeVar, overload

import ipywidgets as w

from repairbook.content import shared as S
from repairbook.content.model import ModuleText
from repairbook.content.modules import MODULES
from repairbook.entries import Entry
from repairbook.ui.deletion import deletable
from repairbook.ui.page import Host
from repairbook.ui.parts.form_card import Coach, FormCard, Privacy, form_card
from repairbook.ui.widgets import (
    EntryForm,
    card,
    entry_item,
    entry_list,
    esc,
    heading,
    html_box,
    para,
    when,
)

E = TypeVar("E", bound=Entry)


class ModulePage(abc.ABC):
    """The common shape of a journey module page."""

    number: int = 0

    def __init__(self, app: Host, **params: Any):
        self.app = app
        self.session = app.session
        self.params = params
        self.text: ModuleText = MODULES[self.number]
        self.x = self.text.extra
        #: the forms on this page by name: what is typed in them survives a rebuild
        self.forms: dict[str, EntryForm] = {}
        #: the couple's time zone: every time on the page is shown in it
        self.zone = self.session.zone()

    # -- the frame -------------------------------------------------------------------
    def frame(self) -> w.Widget:
        t = self.text
        steps = "".join(f"<li>{esc(s)}</li>" for s in t.steps)
        nudges = "".join(f'<p class="rb-muted">{esc(n)}</p>' for n in t.nudges)
        how = (
            f'<details class="rb-how"><summary>{esc(S.HOW_THIS_WORKS)}</summary>'
            f"<ol>{steps}</ol>{nudges}</details>"
        )
        intro = card(
            heading(f"{t.number}. {t.title}", t.purpose),
            html_box(para(t.why), "rb-why"),
            html_box(how, "rb-steps"),
            cls=f"rb-module rb-module-{t.number}",
        )
        return w.VBox([intro, *self.body()])

    @abc.abstractmethod
    def body(self) -> list[w.Widget]:
        """The module's own cards, under the common introduction."""

    def refresh(self, saved: str = "") -> None:
        """Rebuild the page (lists change after a save). Whatever was typed in the other
        forms, not saved yet, is kept in the partner's view and put back."""
        for name, f in self.forms.items():
            if name != saved:
                self.app.keep_draft(self._draft_key(name), f.raw())
        self.app.show("module", **{**self.params, "number": self.number})

    def take_draft(self, name: str) -> dict[str, Any] | None:
        return self.app.take_draft(self._draft_key(name))

    def _draft_key(self, name: str) -> str:
        return f"module-{self.number}:{name}"

    # -- helpers every module uses -------------------------------------------------------
    def form(
        self,
        kind: str,
        fields: Iterable[str],
        *,
        name: str = "",
        title: str = "",
        intro: str = "",
        save: str = "",
        private: Privacy = "choice",
        fixed: dict[str, Any] | Callable[[], dict[str, Any]] | None = None,
        coach: Coach | None = None,
        load: Entry | None = None,
        choice_labels: dict[str, dict[Any, str]] | None = None,
        lock: bool = True,
    ) -> FormCard:
        """A form card for ``kind`` with this module's words (see
        :func:`repairbook.ui.parts.form_card.form_card`); put ``.widget`` on the page."""
        return form_card(
            self,
            kind,
            fields,
            texts=self.text.fields,
            save=save or self.text.save,
            name=name,
            title=title,
            intro=intro,
            private=private,
            fixed=fixed,
            coach=coach,
            load=load,
            choice_labels=choice_labels,
            lock=lock,
        )

    @overload
    def listing(
        self,
        kind: type[E],
        render: Callable[[E], str],
        *,
        title: str = "",
        empty: str = "",
        actions: Callable[[E], list[w.Widget]] | None = None,
        author: str | None = None,
        newest_first: bool = True,
        limit: int = 50,
        where: Callable[[E], bool] | None = None,
    ) -> w.VBox: ...
    @overload
    def listing(
        self,
        kind: str,
        render: Callable[[Any], str],
        *,
        title: str = "",
        empty: str = "",
        actions: Callable[[Any], list[w.Widget]] | None = None,
        author: str | None = None,
        newest_first: bool = True,
        limit: int = 50,
        where: Callable[[Any], bool] | None = None,
    ) -> w.VBox: ...
    def listing(
        self,
        kind: type[Entry] | str,
        render: Callable[[Any], str],
        *,
        title: str = "",
        empty: str = "",
        actions: Callable[[Any], list[w.Widget]] | None = None,
        author: str | None = None,
        newest_first: bool = True,
        limit: int = 50,
        where: Callable[[Any], bool] | None = None,
    ) -> w.VBox:
        """A card listing the entries of ``kind`` the partner here may read (with the
        model class, ``render`` and ``actions`` get typed entries)."""
        items = self.session.entries(kind, author=author)
        if where is not None:
            items = [e for e in items if where(e)]
        items.sort(key=lambda e: e.created, reverse=newest_first)
        # the partner's own entries can be taken back (never the other's)
        rows = [
            deletable(
                self.session,
                e,
                entry_item(e, render(e), extra=actions(e) if actions else (), zone=self.zone),
            )
            for e in items[:limit]
        ]
        parts: list[w.Widget] = []
        if title:
            parts.append(heading(title, level=3))
        name = kind if isinstance(kind, str) else kind.kind
        parts.append(entry_list(rows, empty or self.text.empty, name.replace("_", "-")))
        return card(*parts)

    def when(self, dt: Any) -> str:
        """A date or time as the page shows it, in the couple's time zone."""
        return when(dt, self.zone)

    def note(self, text: str, cls: str = "rb-muted") -> w.HTML:
        return html_box(f'<p class="{cls}">{esc(text)}</p>')

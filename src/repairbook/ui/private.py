"""Private: only the partner using the page now, after their passphrase.

Holds the journal, forgiveness reflections, the safety check answers and research
consent. Nothing here is built until the passphrase opens it, so another partner's
private words never reach the browser.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from repairbook.content import shared as S
from repairbook.content.modules import MODULES
from repairbook.entries import ForgivenessReflection, SafetyScreen
from repairbook.ui.deletion import deletable
from repairbook.ui.page import Page
from repairbook.ui.parts.journal import journal_card
from repairbook.ui.parts.privacy import (
    change_passphrase_box,
    damaged_note,
    lock_line,
    passphrase_setter,
    quick_exit_button,
    set_by_other_box,
    unlock_box,
)
from repairbook.ui.widgets import (
    EntryForm,
    button,
    card,
    entry_item,
    entry_list,
    esc,
    heading,
    html_box,
    para,
    when,
)


class PrivatePage(Page):
    name = "private"

    def build(self) -> w.Widget:
        s = self.session
        #: the forms on this page by name: what is typed in them survives a rebuild
        self.forms: dict[str, EntryForm] = {}
        head = heading(S.PRIVATE_TITLE.format(name=s.me), S.PRIVATE_INTRO)
        if not s.has_passphrase():
            return card(head, lock_line(), self._set_passphrase(), private=True)
        # issue 19: a passphrase someone else set is replaced or kept first
        claim = set_by_other_box(s, self.refresh)
        if not s.unlocked():
            return card(head, claim or unlock_box(s, self.refresh), private=True)
        lock = button(S.LOCK_BUTTON, "lock-now", on=self._lock)
        parts: list[w.Widget] = [
            card(
                head,
                lock_line(),
                w.HBox([lock, quick_exit_button(self.app)], layout=w.Layout(flex_flow="row wrap")),
                private=True,
            ),
            self._journal(),
            self._forgiveness(),
            self._screen(),
            self._research(),
            card(change_passphrase_box(s), private=True),
        ]
        if claim is not None:
            parts.insert(0, card(claim, private=True))
        note = damaged_note(s)
        if note is not None:
            parts.insert(1, note)
        return w.VBox(parts)

    def refresh(self, saved: str = "") -> None:
        """Rebuild the page; what was typed in a form other than ``saved`` is kept."""
        for name, f in self.forms.items():
            if name != saved:
                self.app.keep_draft(f"private:{name}", f.raw())
        self.app.show("private")

    def take_draft(self, name: str) -> dict[str, Any] | None:
        return self.app.take_draft(f"private:{name}")

    def _lock(self) -> None:
        # locking keeps nothing typed here: the page is rebuilt without drafts
        self.session.lock()
        self.app.show("private")

    def _set_passphrase(self) -> w.Widget:
        return w.VBox(
            [
                html_box(para(S.NO_PASSPHRASE_PAGE)),
                html_box(
                    f'<p class="rb-problem">{esc(MODULES[0].extra["passphrase_warning"])}</p>'
                ),
                passphrase_setter(self.session, self.refresh),
            ]
        )

    def _journal(self) -> w.Widget:
        return journal_card(self)

    def _forgiveness(self) -> w.Widget:
        items = self.session.entries(ForgivenessReflection, author=self.session.me)
        zone = self.session.zone()
        rows = [
            deletable(
                self.session,
                e,
                entry_item(
                    e,
                    f"<strong>{esc(MODULES[14].fields['readiness'].label)}: {e.readiness}/10</strong>"
                    f"<br>{esc(e.text)}",
                    zone=zone,
                ),
            )
            for e in sorted(items, key=lambda e: e.created, reverse=True)
        ]
        open_btn = button(
            S.OPEN_MODULE.format(title=MODULES[14].title),
            "private-open-forgiveness",
            on=lambda: self.app.show("module", number=14),
        )
        return card(
            heading(MODULES[14].title, level=3),
            entry_list(rows, MODULES[14].empty, "forgiveness"),
            open_btn,
            private=True,
        )

    def _screen(self) -> w.Widget:
        items = self.session.entries(SafetyScreen, author=self.session.me)
        X = MODULES[0].extra
        if items:
            last = max(items, key=lambda e: e.created)
            rows = "".join(
                f"<li>{esc(X.get('screen_q_betrayal' if q == 'betrayal_or_addiction' else f'screen_q_{q}', q))}"
                f" <strong>{esc(S.YES if getattr(last, q) else S.NO)}</strong></li>"
                for q in ("afraid", "threatened", "controlled", "hurt", "betrayal_or_addiction")
            )
            body = html_box(
                f'<p class="rb-muted">{esc(when(last.created, self.session.zone()))}</p><ul>{rows}</ul>'
            )
        else:
            body = html_box(f'<p class="rb-muted">{esc(S.SCREEN_NONE_YET)}</p>')
        again = button(
            S.SCREEN_AGAIN,
            "private-screen-again",
            on=lambda: self.app.show("welcome", step="screen"),
        )
        parts: list[w.Widget] = [heading(S.SAFETY_SCREEN_TITLE, level=3), body, again]
        if items and max(items, key=lambda e: e.created).any_yes:
            from repairbook.ui.parts.safety import safety_card

            parts.insert(1, safety_card(self.session, self.app))
        return card(*parts, private=True)

    def _research(self) -> w.Widget:
        from repairbook.ui.research_page import facilitator_card, research_card

        if self.session.in_workshop():
            return w.VBox([research_card(self), facilitator_card(self)])
        return research_card(self)

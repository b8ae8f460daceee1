"""The private journal card, on module 11 and on Private: only its author reads it, after
their passphrase."""

from __future__ import annotations

import ipywidgets as w

from repairbook.content import shared as S
from repairbook.content.modules import MODULES
from repairbook.entries import Journal
from repairbook.ui.deletion import deletable
from repairbook.ui.parts.form_card import FormHost, form_card
from repairbook.ui.parts.privacy import lock_line, unlock_box
from repairbook.ui.widgets import card, entry_item, entry_list, esc, heading, html_box


def journal_card(host: FormHost) -> w.Widget:
    """The journal for the partner here: set a passphrase first, or unlock, or write."""
    text = MODULES[11]
    x = text.extra
    s = host.session
    head = heading(x["journal_title"], level=3)
    if not s.has_passphrase():
        note = html_box(f'<p class="rb-muted">{esc(S.NO_PASSPHRASE_PAGE)}</p>')
        return card(head, lock_line(), note, private=True)
    if not s.unlocked():
        return card(head, unlock_box(s, host.refresh), private=True, cls="rb-journal")
    form = form_card(
        host,
        "journal",
        ["text"],
        texts=text.fields,
        save=x.get("save_journal", "") or text.save,
        name="journal",
        private="always",
        lock=False,
    )
    items = s.entries(Journal, author=s.me)
    zone = s.zone()
    rows = [
        deletable(s, e, entry_item(e, esc(e.text), zone=zone))
        for e in sorted(items, key=lambda e: e.created, reverse=True)[:30]
    ]
    return card(
        head,
        lock_line(x.get("journal_private", "").lstrip("🔒 ")),
        form.widget,
        entry_list(rows, text.empty, "journal"),
        private=True,
        cls="rb-journal",
    )

"""Taking my words back: a "Delete…" control on each entry the partner here wrote. It
opens a short confirmation that says what happens to earlier backups and offers to
remove the entry from them too; the page never offers it on the other partner's entries.

:func:`deletable` adds the control to a row of a list; once the entry is deleted the row
shows only the sentence saying so (its words leave the page at once, nothing else on
the page is rebuilt, so nothing typed elsewhere is touched)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as w

from repairbook.content import paths as P
from repairbook.ui.widgets import Status, button, close_tree, esc, html_box


def delete_control(session: Any, entry: Any, on_deleted: Callable[[str], None]) -> list[w.Widget]:
    """The control for one entry, or nothing when it is not the partner's own."""
    if not session.may_delete(entry):
        return []
    status = Status(f"delete-{entry.id[:8]}-status")
    confirm = w.VBox([])
    confirm.add_class("rb-delete-confirm-box")

    def cancel() -> None:
        confirm.children = []

    def really() -> None:
        out = session.delete(entry.id, from_backups=bool(also.value))
        if not out.ok:
            status.problem(out.sentence)
            return
        confirm.children = []
        on_deleted(out.sentence)

    also = w.Checkbox(value=False, description=P.DELETE_ALSO_BACKUPS, indent=False)
    also.add_class("rb-delete-backups")

    def open_confirm() -> None:
        held = session.backups_holding(entry.id)
        also.disabled = not held
        confirm.children = [
            html_box(
                f"<h4>{esc(P.DELETE_TITLE)}</h4><p>{esc(P.DELETE_EXPLAIN)}</p>"
                f"<p>{esc(P.DELETE_BACKUPS if held else P.DELETE_BACKUPS_NONE)}</p>",
                "rb-delete-explain",
            ),
            also,
            w.HBox(
                [
                    button(P.DELETE_CONFIRM, "delete-confirm", on=really),
                    button(P.DELETE_CANCEL, "delete-cancel", on=cancel),
                    status.widget,
                ],
                layout=w.Layout(flex_flow="row wrap", align_items="center"),
            ),
        ]

    opener = button(P.DELETE_BUTTON, "delete-open", on=open_confirm)
    return [w.VBox([opener, confirm])]


def deletable(session: Any, entry: Any, row: w.VBox) -> w.VBox:
    """``row`` (one entry in a list) with the delete control when the entry is the
    partner's own; after the delete the row holds only the sentence saying what happened."""

    def gone(sentence: str) -> None:
        old = list(row.children)
        row.children = [
            html_box(f'<p class="rb-muted" role="status">{esc(sentence)}</p>', "rb-deleted")
        ]
        for child in old:
            close_tree(child)

    row.children = [*row.children, *delete_control(session, entry, gone)]
    return row

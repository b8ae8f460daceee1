"""Module 6: promises. Log a small promise with a due time; mark it kept, kept late
(minutes computed) or not kept, or renegotiate it: new terms (text and due time) kept as
its next version, the earlier terms still shown. Due and overdue ones also show on Today."""

from __future__ import annotations

import functools
from datetime import UTC, datetime, timedelta
from typing import Any

import ipywidgets as w

from repairbook.content import paths as P
from repairbook.content import shared as S
from repairbook.entries import Promise
from repairbook.ui.module_page import ModulePage
from repairbook.ui.widgets import Status, button, esc, html_box, para


class PromisesPage(ModulePage):
    number = 6

    def body(self) -> list[w.Widget]:
        x = self.x
        return [
            self.form("promise", ["text", "due"], private="never", name="promise").widget,
            self.listing(
                "promise",
                self.render,
                actions=self.actions,
                title=x["open_title"],
                where=lambda e: e.status == "open",
                newest_first=False,
            ),
            self.listing(
                "promise",
                self.render,
                title=x["earlier_title"],
                where=lambda e: e.status != "open",
                limit=30,
            ),
        ]

    def render(self, e: Any) -> str:
        x = self.x
        status = x.get(f"status_{e.status}", e.status)
        late = ""
        if e.status == "kept_late" and e.minutes_late:
            late = f" · {esc(x['minutes_late'].format(n=e.minutes_late))}"
        overdue = ""
        if e.status == "open" and e.due < datetime.now(UTC):
            overdue = f' <span class="rb-badge">{esc(x["overdue"])}</span>'
        return (
            f"<strong>{esc(e.text)}</strong> <span class='rb-badge'>{esc(status)}</span>{overdue}<br>"
            f"{esc(self.text.fields['due'].label)}: {esc(self.when(e.due))}{late}"
            + self.earlier_terms(e)
        )

    def earlier_terms(self, e: Promise) -> str:
        """The terms a renegotiated promise had before, newest first."""
        if not e.renegotiated:
            return ""
        versions = [v for v in self.session.history(e.id) if isinstance(v, Promise)]
        lines: list[str] = []
        for old, new in zip(versions, versions[1:], strict=False):
            if (old.text, old.due) != (new.text, new.due):
                lines.append(
                    P.PROMISE_RENEGOTIATED_FROM.format(text=old.text, due=self.when(old.due))
                )
        rows = "".join(f"<li>{esc(line)}</li>" for line in reversed(lines))
        return f'<ul class="rb-muted rb-promise-earlier">{rows}</ul>' if rows else ""

    def actions(self, e: Any) -> list[w.Widget]:
        x = self.x
        if not self.session.may_mark(e):
            # only its author marks a promise: the other partner gets no button that
            # cannot work, and a line saying whose it is
            return [self.note(S.ONLY_AUTHOR_MARKS.format(name=e.author))]
        status = Status(f"promise-{e.id[:8]}-status")

        def mark(new: str) -> None:
            now = datetime.now(UTC)
            changes: dict[str, object] = {"status": new, "resolved_at": now}
            late = (now - e.due).total_seconds() >= 60
            if new == "kept" and late:
                new = "kept_late"  # kept, but after the due time: say so honestly
                changes["status"] = new
            elif new == "kept_late" and not late:
                new = "kept"  # not due yet, so it is simply kept
                changes["status"] = new
            if new == "kept_late":
                changes["minutes_late"] = max(1, round((now - e.due).total_seconds() / 60))
            res = self.session.update(e.id, changes)
            if not res.ok:
                status.failed(res)
                return
            self.refresh()

        buttons = [
            button(x[k], f"promise-{k.replace('_', '-')}", on=functools.partial(mark, k))
            for k in ("kept", "kept_late", "broken")
        ]
        terms = w.VBox([])
        terms.add_class("rb-promise-terms")

        def renegotiate() -> None:
            start = max(e.due, datetime.now(UTC) + timedelta(hours=1)) + timedelta(days=1)
            text = w.Textarea(value=e.text, description=P.PROMISE_NEW_TERMS, rows=2)
            due = w.NaiveDatetimePicker(
                description=P.PROMISE_NEW_DUE,
                value=start.astimezone(self.zone).replace(tzinfo=None, second=0, microsecond=0),
            )
            for ctl, cls in ((text, "text"), (due, "due")):
                ctl.style.description_width = "initial"
                ctl.add_class(f"rb-promise-new-{cls}")

            def save() -> None:
                if due.value is None:
                    status.problem(P.PROMISE_NEW_DUE_NEEDED)
                    return
                res = self.session.renegotiate(e, text.value, due.value.replace(tzinfo=self.zone))
                if not res.ok:
                    status.failed(res)
                    return
                self.refresh()

            fields = w.VBox([text, due])
            fields.add_class("rb-field")
            terms.children = [
                html_box(para(x.get("renegotiate_help", ""))),
                fields,
                button(
                    P.PROMISE_RENEGOTIATE_SAVE, "promise-renegotiate-save", primary=True, on=save
                ),
            ]

        buttons.append(button(P.PROMISE_RENEGOTIATE, "promise-renegotiate", on=renegotiate))
        row = w.HBox(
            [w.HTML(f'<span class="rb-muted">{esc(x["mark_as"])}</span>'), *buttons],
            layout=w.Layout(align_items="center", flex_flow="row wrap"),
        )
        return [row, terms, status.widget]


PAGE = PromisesPage

"""Module 9: the repair contract. Three commitments each, what support looks like, what
breaks it, a revisit date (a month ahead at first). Both sign; any change is a new version
to sign again; earlier versions stay readable. PDF and calendar downloads."""

from __future__ import annotations

import base64
from datetime import timedelta
from typing import Any

import ipywidgets as w

from repairbook import documents
from repairbook.content import shared as S
from repairbook.content.modules import MODULES
from repairbook.ui.journey import ModulePage
from repairbook.ui.widgets import Status, button, card, esc, heading, html_box, when


def download_link(data: bytes, filename: str, mime: str, label: str, name: str) -> w.HTML:
    """A real download made in the browser from the bytes: no file is served."""
    b64 = base64.b64encode(data).decode("ascii")
    h = w.HTML(
        f'<a class="rb-download rb-{name}" download="{esc(filename)}" '
        f'href="data:{mime};base64,{b64}">⬇ {esc(S.SAVE_FILE.format(name=filename))}</a>'
    )
    return h


def calendar_link(session: Any, status: Status, name: str) -> w.HTML | None:
    """The couple's rhythms as a calendar file, offered as a download link (None, with a
    friendly line in ``status``, if it cannot be made)."""
    try:
        data = documents.rhythm_calendar_for(session.workbook, viewer=session.me)
    except Exception as err:  # noqa: BLE001 - one friendly line
        status.problem(str(err) or S.FRIENDLY_ERROR)
        return None
    label = MODULES[9].extra["add_to_calendar"]
    return download_link(data, "repairbook-rhythms.ics", "text/calendar", label, name)


class ContractPage(ModulePage):
    number = 9

    def body(self) -> list[w.Widget]:
        current = self.session.latest("contract")
        parts: list[w.Widget] = []
        if current is not None:
            parts.append(self.show_current(current))
        editor = self.editor(current)
        if current is not None and not self.params.get("edit"):
            editor.layout.display = "none"

            def reveal() -> None:
                editor.layout.display = None
                change.layout.display = "none"

            change = button(self.x["new_version"], "contract-change", on=reveal)
            parts.append(change)
        parts.append(editor)
        if current is not None and self.session.version(current.id) > 1:
            parts.append(self.versions(current))
        parts.append(self.downloads(current))
        return parts

    # -- the contract as it stands ------------------------------------------------------
    def signatures(self, c: Any) -> dict[str, Any]:
        v = self.session.version(c.id)
        return {
            s.author: s
            for s in self.session.entries("signature")
            if s.contract_id == c.id and s.contract_version == v
        }  # type: ignore[attr-defined]

    def render_contract(self, c: Any) -> str:
        f, x = self.text.fields, self.x
        cols = ""
        for name, items in c.commitments.items():  # type: ignore[attr-defined]
            lis = "".join(f"<li>{esc(i)}</li>" for i in items)
            cols += f"<h3>{esc(x['commitments_of'].format(name=name))}</h3><ol>{lis}</ol>"
        return (
            cols + f"<p><strong>{esc(f['support'].label)}</strong> {esc(c.support)}</p>"  # type: ignore[attr-defined]
            f"<p><strong>{esc(f['breaks'].label)}</strong> {esc(c.breaks)}</p>"  # type: ignore[attr-defined]
            f"<p><strong>{esc(f['revisit_on'].label)}</strong> {esc(when(c.revisit_on))}</p>"
        )  # type: ignore[attr-defined]

    def show_current(self, c: Any) -> w.Widget:
        x = self.x
        v = self.session.version(c.id)
        sigs = self.signatures(c)
        lines = []
        for p in self.session.partners:
            if p in sigs:
                lines.append(
                    f"<li>✓ {esc(x['signed'].format(name=p, when=when(sigs[p].signed_at)))}</li>"
                )  # type: ignore[attr-defined]
            else:
                lines.append(f"<li>○ {esc(x['unsigned'].format(name=p))}</li>")
        status = Status("sign-status")
        parts: list[w.Widget] = [
            heading(f"{self.text.title} · {x.get('version_label', 'v{n}').format(n=v)}", level=3),
            html_box(self.render_contract(c)),
            html_box(f"<ul class='rb-signatures'>{''.join(lines)}</ul>"),
        ]
        if len(sigs) == 2:
            parts.append(self.note(x.get("in_effect", "")))
        if self.session.me not in sigs:

            def sign() -> None:
                res = self.session.sign_contract(c.id, v)
                if not res.ok:
                    status.problem(res.error or " ".join(res.problems.values()))
                    return
                self.refresh()

            parts.append(
                w.HBox(
                    [
                        button(
                            x["sign_as"].format(name=self.session.me),
                            "contract-sign",
                            primary=True,
                            on=sign,
                        ),
                        status.widget,
                    ]
                )
            )
        return card(*parts, cls="rb-contract-current")

    # -- writing it (a change makes a new version) ------------------------------------------
    def editor(self, c: Any | None) -> w.Widget:
        x, f = self.x, self.text.fields
        partners = self.session.partners
        existing = c.commitments if c is not None else {}  # type: ignore[attr-defined]
        self.boxes: dict[str, list[w.Text]] = {}
        rows: list[w.Widget] = []
        for i, p in enumerate(partners):
            rows.append(heading(x["commitments_of"].format(name=p), level=3))
            self.boxes[p] = []
            for k in range(3):
                t = w.Text(
                    value=(existing.get(p, ["", "", ""]) + ["", "", ""])[k],
                    description=f"{k + 1}.",
                    placeholder=x.get("commitment_placeholder", ""),
                )
                t.add_class(f"rb-commitment-{i + 1}-{k + 1}")
                t.style.description_width = "initial"
                self.boxes[p].append(t)
                fb = w.VBox([t])
                fb.add_class("rb-field")
                rows.append(fb)
        default_revisit = self.session.today() + timedelta(days=30)
        self.support = w.Textarea(
            value=getattr(c, "support", ""), description=f["support"].label, rows=2
        )
        self.breaks = w.Textarea(
            value=getattr(c, "breaks", ""), description=f["breaks"].label, rows=2
        )
        # a new version keeps the date the couple chose, while it is still ahead
        chosen = getattr(c, "revisit_on", None)
        start = chosen if chosen is not None and chosen > self.session.today() else default_revisit
        self.revisit = w.DatePicker(value=start, description=f["revisit_on"].label)
        for name, t in (
            ("support", self.support),
            ("breaks", self.breaks),
            ("revisit-on", self.revisit),
        ):
            t.style.description_width = "initial"
            t.add_class(f"rb-contract-{name}")
            fb = w.VBox([t])
            fb.add_class("rb-field")
            rows.append(fb)
        rows.append(self.note(x["revisit_suggested"].format(date=when(default_revisit))))
        self.error = w.HTML("")
        self.error.add_class("rb-error")
        self.status = Status("contract-status")
        label = x["new_version"] if c is not None else self.text.save
        save = button(label, "contract-save", primary=True, on=lambda: self.save(c))
        head = heading(
            x["new_version"] if c is not None else self.text.title,
            x.get("new_version_help", "") if c is not None else self.text.purpose,
            level=3,
        )
        return card(
            head,
            *rows,
            self.error,
            w.HBox([save, self.status.widget], layout=w.Layout(align_items="center")),
            cls="rb-contract-editor",
        )

    def save(self, c: Any | None) -> None:
        data = {
            "commitments": {
                p: [t.value.strip() for t in ts if t.value.strip()] for p, ts in self.boxes.items()
            },
            "support": self.support.value,
            "breaks": self.breaks.value,
            "revisit_on": self.revisit.value,
        }
        if c is not None:
            from repairbook.entries import EntryError, make_entry

            try:  # a new version is checked like a new contract (revisit date ahead)
                make_entry("contract", data, author=self.session.me)
            except EntryError as err:
                self.error.value = esc(" ".join(err.problems.values()))
                self.status.problem(S.SAVE_FAILED)
                return
            res = self.session.update(c.id, data)
        else:
            res = self.session.save("contract", data)
        if not res.ok:
            self.error.value = esc(" ".join(res.problems.values()))
            self.status.problem(res.error or S.SAVE_FAILED)
            return
        self.refresh()

    def versions(self, c: Any) -> w.Widget:
        cols = []
        for i, v in enumerate(self.session.history(c.id), start=1):
            h = w.HTML(
                f'<div class="rb-meta">{esc(self.x.get("version_label", "v{n}").format(n=i))} · '
                f"{esc(when(v.updated))}</div>{self.render_contract(v)}"
            )
            h.add_class("rb-item")
            cols.append(w.VBox([h]))
        row = w.HBox(cols)
        row.add_class("rb-side")
        return card(heading(self.x["versions_title"], level=3), row, cls="rb-contract-versions")

    # -- PDF and calendar ------------------------------------------------------------------
    def downloads(self, c: Any | None) -> w.Widget:
        x = self.x
        out = w.VBox([])
        out.add_class("rb-downloads")
        status = Status("download-status")

        def pdf() -> None:
            if c is None:
                status.problem(self.text.empty)
                return
            try:
                data = documents.contract_pdf_for(
                    self.session.workbook, c.id, viewer=self.session.me
                )
            except Exception as err:  # noqa: BLE001 - shown as a friendly line
                status.problem(str(err) or S.FRIENDLY_ERROR)
                return
            out.children = [
                *out.children,
                download_link(
                    data,
                    "repair-contract.pdf",
                    "application/pdf",
                    x["download_pdf"],
                    "contract-pdf",
                ),
            ]

        def ics() -> None:
            link = calendar_link(self.session, status, "calendar-ics")
            if link is not None:
                out.children = [*out.children, link]

        buttons = [
            button(x["download_pdf"], "make-pdf", on=pdf),
            button(x["add_to_calendar"], "make-ics", on=ics),
        ]
        if c is None:
            buttons = buttons[1:]
        return card(w.HBox(buttons, layout=w.Layout(flex_flow="row wrap")), out, status.widget)


PAGE = ContractPage

"""Module 9: the repair contract. Three commitments each, what support looks like, what
breaks it, a revisit date (a month ahead at first). Both sign; any change is a new version
to sign again; earlier versions stay readable. PDF and calendar downloads."""

from __future__ import annotations

from datetime import timedelta

import ipywidgets as w

from repairbook.content import shared as S
from repairbook.entries import Contract, Signature
from repairbook.ui.module_page import ModulePage
from repairbook.ui.widgets import (
    Status,
    button,
    calendar_link,
    card,
    download_link,
    esc,
    heading,
    html_box,
    when,
)


class ContractPage(ModulePage):
    number = 9

    def body(self) -> list[w.Widget]:
        current = self.session.latest(Contract)
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
    def signatures(self, c: Contract) -> dict[str, Signature]:
        v = self.session.version(c.id)
        return {
            s.author: s
            for s in self.session.entries(Signature)
            if s.contract_id == c.id and s.contract_version == v
        }

    def render_contract(self, c: Contract) -> str:
        f, x = self.text.fields, self.x
        cols = ""
        for name, items in c.commitments.items():
            lis = "".join(f"<li>{esc(i)}</li>" for i in items)
            cols += f"<h3>{esc(x['commitments_of'].format(name=name))}</h3><ol>{lis}</ol>"
        return (
            cols + f"<p><strong>{esc(f['support'].label)}</strong> {esc(c.support)}</p>"
            f"<p><strong>{esc(f['breaks'].label)}</strong> {esc(c.breaks)}</p>"
            f"<p><strong>{esc(f['revisit_on'].label)}</strong> {esc(when(c.revisit_on))}</p>"
        )

    def show_current(self, c: Contract) -> w.Widget:
        x = self.x
        v = self.session.version(c.id)
        sigs = self.signatures(c)
        lines = []
        for p in self.session.partners:
            if p in sigs:
                lines.append(
                    f"<li>✓ {esc(x['signed'].format(name=p, when=self.when(sigs[p].signed_at)))}</li>"
                )
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
                    status.failed(res)
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
    def editor(self, c: Contract | None) -> w.Widget:
        x, f = self.x, self.text.fields
        partners = self.session.partners
        existing = c.commitments if c is not None else {}
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

    def save(self, c: Contract | None) -> None:
        data = {
            "commitments": {
                p: [t.value.strip() for t in ts if t.value.strip()] for p, ts in self.boxes.items()
            },
            "support": self.support.value,
            "breaks": self.breaks.value,
            "revisit_on": self.revisit.value,
        }
        if c is not None:
            # a new version is checked like a new contract (revisit date ahead)
            res = self.session.revise_contract(c.id, data)
        else:
            res = self.session.save("contract", data)
        if not res.ok:
            self.error.value = esc(" ".join(res.problems.values()))
            self.status.failed(res, fields_shown=True)
            return
        self.refresh()

    def versions(self, c: Contract) -> w.Widget:
        cols = []
        for i, v in enumerate(self.session.history(c.id), start=1):
            h = w.HTML(
                f'<div class="rb-meta">{esc(self.x.get("version_label", "v{n}").format(n=i))} · '
                f"{esc(self.when(v.updated))}</div>{self.render_contract(v)}"
            )
            h.add_class("rb-item")
            cols.append(w.VBox([h]))
        row = w.HBox(cols)
        row.add_class("rb-side")
        return card(heading(self.x["versions_title"], level=3), row, cls="rb-contract-versions")

    # -- PDF and calendar ------------------------------------------------------------------
    def downloads(self, c: Contract | None) -> w.Widget:
        x = self.x
        out = w.VBox([])
        out.add_class("rb-downloads")
        status = Status("download-status")

        def pdf() -> None:
            if c is None:
                status.problem(self.text.empty)
                return
            try:
                data = self.session.contract_pdf(c.id)
            except Exception as err:  # noqa: BLE001 - shown as a friendly line
                status.problem(str(err) or S.FRIENDLY_ERROR)
                return
            out.children = [
                *out.children,
                download_link(data, "repair-contract.pdf", "application/pdf", "contract-pdf"),
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

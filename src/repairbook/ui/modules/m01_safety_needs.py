"""Module 1: what safety means to me. Side by side once both have answered, never before."""

from __future__ import annotations

import ipywidgets as w

from repairbook.content import shared as S
from repairbook.entries import SafetyNeed
from repairbook.ui.module_page import ModulePage
from repairbook.ui.widgets import Status, button, card, esc, heading


def _options(text: str) -> list[str]:
    return [o.strip() for o in text.split(",") if o.strip()]


class SafetyNeedsPage(ModulePage):
    number = 1

    def body(self) -> list[w.Widget]:
        s = self.session
        mine = s.latest(SafetyNeed, author=s.me)
        theirs = s.latest(SafetyNeed, author=s.other)
        parts: list[w.Widget] = [self.picker(mine)]
        if mine is not None and theirs is not None:
            parts.append(self.side_by_side(mine, theirs))
        elif mine is not None:
            parts.append(card(self.note(self.x["waiting_for_other"].format(other=s.other))))
        return parts

    def picker(self, mine: SafetyNeed | None) -> w.Widget:
        f = self.text.fields
        chosen_helps = set(getattr(mine, "helps", []) or [])
        chosen_harder = set(getattr(mine, "harder", []) or [])
        self.helps = self._checks("helps", _options(self.x["helps_options"]), chosen_helps)
        self.harder = self._checks("harder", _options(self.x["harder_options"]), chosen_harder)
        known = set(_options(self.x["helps_options"])) | set(_options(self.x["harder_options"]))
        self.own_helps = w.Textarea(
            value="\n".join(sorted(chosen_helps - known)),
            rows=2,
            description=self.x["add_own"],
            placeholder=self.x.get("add_own_placeholder", ""),
        )
        self.own_harder = w.Textarea(
            value="\n".join(sorted(chosen_harder - known)),
            rows=2,
            description=self.x["add_own"],
            placeholder=self.x.get("add_own_placeholder", ""),
        )
        self.note_box = w.Textarea(
            value=getattr(mine, "note", "") or "",
            rows=3,
            description=f["note"].label if "note" in f else "",
        )
        for name, t in (
            ("helps-own", self.own_helps),
            ("harder-own", self.own_harder),
            ("note", self.note_box),
        ):
            t.style.description_width = "initial"
            t.add_class(f"rb-safety-{name}")
        self.status = Status("safety-need-status")
        self.error = w.HTML("")
        self.error.add_class("rb-error")
        save = button(self.text.save, "safety-need-save", primary=True, on=lambda: self.save(mine))
        fields = []
        for t in (self.own_helps, self.own_harder, self.note_box):
            b = w.VBox([t])
            b.add_class("rb-field")
            fields.append(b)
        return card(
            heading(self.x.get("helps_heading", f["helps"].label), level=3),
            self.helps,
            fields[0],
            heading(self.x.get("harder_heading", f["harder"].label), level=3),
            self.harder,
            fields[1],
            fields[2],
            self.error,
            w.HBox([save, self.status.widget], layout=w.Layout(align_items="center")),
        )

    def _checks(self, name: str, options: list[str], chosen: set[str]) -> w.Box:
        boxes = []
        for i, o in enumerate(options):
            c = w.Checkbox(value=o in chosen, description=o, indent=False)
            c.add_class(f"rb-{name}-{i}")
            boxes.append(c)
        box = w.Box(boxes)
        box.add_class("rb-grid")
        return box

    def _picked(self, box: w.Box, own: w.Textarea) -> list[str]:
        picked = [c.description for c in box.children if c.value]
        picked += [ln.strip() for ln in own.value.splitlines() if ln.strip()]
        return list(dict.fromkeys(picked))

    def save(self, mine: SafetyNeed | None) -> None:
        data = {
            "helps": self._picked(self.helps, self.own_helps),
            "harder": self._picked(self.harder, self.own_harder),
            "note": self.note_box.value,
        }
        res = self.session.update(mine.id, data) if mine else self.session.save("safety_need", data)
        if not res.ok:
            self.error.value = esc(" ".join(res.problems.values()) or res.error)
            self.status.problem(S.SAVE_FAILED)
            return
        self.refresh()

    def side_by_side(self, mine: SafetyNeed, theirs: SafetyNeed) -> w.Widget:
        cols = []
        for e in (mine, theirs):
            helps = "".join(f"<li>{esc(h)}</li>" for h in e.helps)
            harder = "".join(f"<li>{esc(h)}</li>" for h in e.harder)
            note = f"<p>{esc(e.note)}</p>" if e.note else ""
            col = w.HTML(
                f"<h3>{esc(e.author)}</h3><p><strong>{esc(self.x['helps_heading'])}</strong></p><ul>{helps}</ul>"
                f"<p><strong>{esc(self.x['harder_heading'])}</strong></p><ul>{harder}</ul>{note}"
            )
            col.add_class("rb-item")
            cols.append(w.VBox([col]))
        row = w.HBox(cols)
        row.add_class("rb-side")
        return card(heading(self.x["side_by_side_title"], level=3), row, cls="rb-side-by-side")


PAGE = SafetyNeedsPage

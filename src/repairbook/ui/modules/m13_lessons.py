"""Module 13: lessons and habits. What went wrong, the lesson, the corrective habit; a
habit becomes a promise or a ritual with one click."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

import ipywidgets as w

from repairbook.ui.module_page import ModulePage
from repairbook.ui.widgets import Status, button, esc


class LessonsPage(ModulePage):
    number = 13

    def body(self) -> list[w.Widget]:
        return [
            self.form(
                "lesson", ["what_went_wrong", "lesson", "habit"], private="never", name="lesson"
            ).widget,
            self.listing("lesson", self.render, actions=self.actions),
        ]

    def render(self, e: Any) -> str:
        f = self.text.fields
        return "".join(
            f"<p><strong>{esc(f[k].label)}</strong> {esc(getattr(e, k))}</p>"
            for k in ("what_went_wrong", "lesson", "habit")
        )

    def actions(self, e: Any) -> list[w.Widget]:
        x = self.x
        status = Status(f"lesson-{e.id[:8]}-status")
        habit = e.habit[:1900]

        def promise() -> None:
            due = datetime.combine(
                self.session.today() + timedelta(days=1), time(20, 0), tzinfo=self.zone
            )
            res = self.session.save("promise", {"text": habit, "due": due})
            status.saved(x["made_promise"]) if res.ok else status.failed(res)

        def ritual() -> None:
            res = self.session.save(
                "ritual", {"ritual": "care_act", "day": self.session.today(), "note": habit}
            )
            status.saved(x["made_ritual"]) if res.ok else status.failed(res)

        return [
            w.HBox(
                [
                    button(x["make_promise"], "lesson-promise", on=promise),
                    button(x["make_ritual"], "lesson-ritual", on=ritual),
                    status.widget,
                ],
                layout=w.Layout(align_items="center", flex_flow="row wrap"),
            )
        ]


PAGE = LessonsPage

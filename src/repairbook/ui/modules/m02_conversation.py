"""Module 2: the honest conversation. Plan a calm time, understanding first, I-statements
with the coach, table it when it runs over, record the outcome."""

from __future__ import annotations

from datetime import datetime, timedelta

import ipywidgets as w

from repairbook.checkers import check_i_statement
from repairbook.entries import ConversationOutcome, ConversationPlan, IStatement
from repairbook.ui.module_page import ModulePage
from repairbook.ui.parts.form_card import Coach
from repairbook.ui.widgets import EntryForm, Status, button, esc, heading


class ConversationPage(ModulePage):
    number = 2

    def body(self) -> list[w.Widget]:
        x = self.x
        goals = {
            "understanding": x["goal_understanding"],
            "problem_solving": x["goal_problem_solving"],
        }
        plans = self.session.entries(ConversationPlan)
        upcoming = [p for p in plans if p.status != "held"]
        return [
            self.form(
                "conversation_plan",
                ["topic", "when", "goal", "both_present", "no_distractions"],
                title=x["plan_title"],
                intro=x.get("goal_hint", ""),
                private="never",
                choice_labels={"goal": goals},
                name="plan",
            ).widget,
            self.form(
                "i_statement",
                ["text"],
                title=x.get("i_statement_title", ""),
                coach=Coach(check_i_statement, clean=x["coach_clean"]),
                save=x.get("save_i_statement", ""),
                private="never",
                name="i-statement",
                fixed=lambda: {"plan_id": upcoming[-1].id} if upcoming else {},
            ).widget,
            self.listing(
                ConversationPlan,
                self.render_plan,
                actions=self.plan_actions,
                title=self.text.title,
            ),
        ]

    def render_plan(self, e: ConversationPlan) -> str:
        x = self.x
        status = x.get(f"status_{e.status}", e.status)
        extra = ""
        if e.status == "tabled" and e.return_at:
            extra = f" · {esc(x['tabled_saved'].format(when=self.when(e.return_at)))}"
        statements = [s for s in self.session.entries(IStatement) if s.plan_id == e.id]
        said = "".join(f"<li>{esc(s.text)}</li>" for s in statements)
        outcomes = [o for o in self.session.entries(ConversationOutcome) if o.plan_id == e.id]
        outs = "".join(
            f"<li>{esc(o.author)}: {esc(self.text.fields['understood'].label)} "
            f"{'✓' if o.understood else '✗'} · {esc(self.text.fields['felt_heard'].label)} "
            f"{'✓' if o.felt_heard else '✗'} {esc(o.note)}</li>"
            for o in outcomes
        )
        return (
            f'<strong>{esc(e.topic)}</strong> <span class="rb-badge">{esc(status)}</span>'
            f"<br>{esc(self.when(e.when))}{extra}"
            + (f"<ul>{said}</ul>" if said else "")
            + (f"<ul>{outs}</ul>" if outs else "")
        )

    def plan_actions(self, e: ConversationPlan) -> list[w.Widget]:
        x = self.x
        mine = [
            o
            for o in self.session.entries(ConversationOutcome, author=self.session.me)
            if o.plan_id == e.id
        ]
        held = e.status == "held"
        if held and mine:
            return []
        status = Status(f"plan-{e.id[:8]}-status")
        # the evening after the planned time (or after now, if that has passed): the
        # store only takes a return time after the planned one
        # in the couple's time zone, as every time on the page
        base = max(
            datetime.now(self.zone).replace(tzinfo=None),
            e.when.astimezone(self.zone).replace(tzinfo=None),
        )
        ret = w.NaiveDatetimePicker(
            description=self.text.fields["return_at"].label,
            value=(base + timedelta(days=1)).replace(hour=19, minute=0, second=0, microsecond=0),
        )
        ret.style.description_width = "initial"
        ret.add_class("rb-table-return")

        def table() -> None:
            if ret.value is None:
                status.problem(self.text.fields["return_at"].help or x["table_help"])
                return
            res = self.session.update(
                e.id, {"status": "tabled", "return_at": ret.value.replace(tzinfo=self.zone)}
            )
            if not res.ok:
                status.failed(res)
                return
            self.refresh()

        outcome = EntryForm(
            "conversation_outcome", ["understood", "felt_heard", "note"], self.text.fields
        )

        def record() -> None:
            res = self.session.record_conversation(e, outcome.values())
            if not res.ok:
                outcome.show(res.problems)
                status.failed(res)
                return
            self.refresh()

        table_box = w.VBox([ret, w.HBox([button(x["table_it"], "table-it", on=table)])])
        out_box = w.VBox(
            [
                heading(x["outcome_title"], level=3),
                outcome.box,
                w.HBox(
                    [
                        button(
                            x.get("mark_held", x["outcome_title"]),
                            "record-outcome",
                            primary=True,
                            on=record,
                        )
                    ]
                ),
            ]
        )
        if held or not self.session.may_table(e):
            return [out_box, status.widget]
        return [
            w.HTML(f'<p class="rb-muted">{esc(x["table_help"])}</p>'),
            table_box,
            out_box,
            status.widget,
        ]


PAGE = ConversationPage

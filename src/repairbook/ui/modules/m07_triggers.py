"""Module 7: triggers. The grounding routine with a 30-second shared breathing timer that
animates on the page, the trigger log with recovery minutes, and the couple's code word."""

from __future__ import annotations

import ipywidgets as w

from repairbook.entries import CodeWord, Trigger
from repairbook.ui.module_page import ModulePage
from repairbook.ui.widgets import button, card, esc, heading

STEPS = ("step_name", "step_breathe", "step_facts", "step_reassure", "step_repair")


class TriggersPage(ModulePage):
    number = 7

    def body(self) -> list[w.Widget]:
        x = self.x
        code = self.session.latest(CodeWord)
        code_form = self.form(
            "code_word",
            ["word", "reassurance"],
            title=x["code_word_title"],
            intro=x.get("code_word_help", ""),
            save=x.get("save_code_word", ""),
            private="never",
            load=code,
            name="code-word",
        )
        # the code word's reassurance has words of its own (not the trigger's)
        own = self.text.fields.get("code_word.reassurance")
        if own is not None:
            ctl = code_form.form["reassurance"].control
            ctl.description = own.label
            ctl.placeholder = own.placeholder
        return [
            self.routine(),
            self.form(
                "trigger",
                [
                    "what_happened",
                    "intensity",
                    "recovery_minutes",
                    "grounding_done",
                    "reassurance",
                    "repair",
                ],
                private="never",
                name="trigger",
            ).widget,
            card(heading(x.get("bruise_title", ""), level=3), self.note(x["bruise"])),
            code_form.widget,
            self.listing(Trigger, self.render, limit=20),
        ]

    def routine(self) -> w.Widget:
        """The five grounding steps, one at a time; step two is the breathing timer."""
        x = self.x
        self.step = 0
        self.step_html = w.HTML("")
        self.step_html.add_class("rb-routine-step")
        self.breath = w.HTML("")
        self.breath.add_class("rb-breath-box")
        self.next_btn = button(x.get("next_step", "Next"), "routine-next", on=self.next_step)
        self.breathe_btn = button(
            x.get("breathe_start", x["step_breathe"]),
            "breathe-start",
            primary=True,
            on=self.breathe,
        )
        self.show_step()
        return card(
            heading(x["routine_title"], level=3),
            self.step_html,
            self.breath,
            w.HBox([self.breathe_btn, self.next_btn], layout=w.Layout(flex_flow="row wrap")),
            cls="rb-routine",
        )

    def show_step(self) -> None:
        x = self.x
        items = ""
        for i, k in enumerate(STEPS):
            if i == self.step:
                items += (
                    f'<li aria-current="step" class="rb-current"><strong>{esc(x[k])}</strong></li>'
                )
            else:
                items += f"<li>{esc(x[k])}</li>"
        self.step_html.value = f"<ol>{items}</ol>"
        self.breathe_btn.layout.display = None if self.step == 1 else "none"
        self.next_btn.disabled = self.step >= len(STEPS) - 1

    def next_step(self) -> None:
        self.step = min(self.step + 1, len(STEPS) - 1)
        self.breath.value = ""
        self.show_step()

    def breathe(self) -> None:
        """Three ten-second breaths, drawn by the browser: nothing waits in the kernel."""
        x = self.x
        self.breath.value = (
            '<div class="rb-breath" role="timer" aria-live="polite">'
            '<div class="rb-circle" aria-hidden="true"></div>'
            f'<div class="rb-breath-words"><span class="rb-in">{esc(x["breathe_in"])}</span> · '
            f'<span class="rb-out">{esc(x["breathe_out"])}</span></div>'
            f'<div class="rb-breath-done">{esc(x["breathe_done"])}</div></div>'
        )

    def render(self, e: Trigger) -> str:
        f = self.text.fields
        rec = ""
        if e.recovery_minutes is not None:
            rec = f" · {esc(self.x['recovery_label'])}: {e.recovery_minutes}"
        return (
            f"{esc(e.what_happened)}<br>"
            f'<span class="rb-badge">{esc(f["intensity"].label)} {e.intensity}/10</span>{rec}'
        )


PAGE = TriggersPage

"""First run and module 0, Welcome & safety.

Set-up asks the two names. Then each partner in turn, with the other asked to step
away: an optional passphrase (what it protects, and that it cannot be recovered), what
they hope for, and a private safety screen. Any "yes" shows that partner, and only that
partner, plain safety guidance and the choice to continue or pause. Nothing on a shared
page changes because of the answers.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from repairbook.content import shared as S
from repairbook.content.model import FieldText
from repairbook.content.modules import MODULES
from repairbook.ui.journey import passphrase_setter
from repairbook.ui.shell import Page
from repairbook.ui.widgets import (
    EntryForm,
    Status,
    button,
    card,
    esc,
    heading,
    html_box,
    lock_line,
    para,
    yes_no,
)

T = MODULES[0]
X = T.extra
#: shown when no emergency number is set: the European one, reachable from most phones
DEFAULT_EMERGENCY = "112"
SCREEN_QUESTIONS = ("afraid", "threatened", "controlled", "hurt", "betrayal_or_addiction")


def _q(name: str) -> str:
    key = "screen_q_betrayal" if name == "betrayal_or_addiction" else f"screen_q_{name}"
    return X.get(key, name)


class SetupPage(Page):
    """No workbook yet: two names, then the welcome steps."""

    name = "setup"

    def build(self) -> w.Widget:
        self.a = w.Text(description=X.get("names_label", "Your names"), placeholder="")
        self.b = w.Text(description="", placeholder="")
        for i, t in enumerate((self.a, self.b)):
            t.description = f"{S.PARTNER_LABEL} {i + 1}"
            t.style.description_width = "initial"
            t.add_class(f"rb-setup-name{i + 1}")
        fa = w.VBox([self.a])
        fb = w.VBox([self.b])
        fa.add_class("rb-field")
        fb.add_class("rb-field")
        self.status = Status("setup-status")
        go = button(
            X.get("setup_create", S.SETUP_CREATE), "setup-create", primary=True, on=self.create
        )
        return card(
            heading(X.get("setup_title", T.title), X.get("setup_intro", T.purpose)),
            html_box(para(T.why), "rb-why"),
            fa,
            fb,
            html_box(f'<p class="rb-muted">{esc(S.LOCAL_ONLY)}</p>'),
            w.HBox(
                [go],
            ),
            self.status.widget,
        )

    def create(self) -> None:
        names = [self.a.value.strip(), self.b.value.strip()]
        if not all(names) or names[0].casefold() == names[1].casefold():
            self.status.problem(S.SETUP_NAMES_NEEDED)
            return
        try:
            self.session.create(names, {})
        except Exception as err:  # noqa: BLE001 - shown as one friendly line
            self.status.problem(str(err) or S.FRIENDLY_ERROR)
            return
        self.app.partners_changed()
        self.app.show("welcome")


class WelcomePage(Page):
    """Module 0 for the partner using the page now, one step at a time."""

    name = "welcome"

    def build(self) -> w.Widget:
        self.box = w.VBox([])
        self.box.add_class("rb-welcome")
        step = self.params.get("step") or "step_away"
        getattr(self, f"_{step}")()
        return self.box

    def go(self, step: str, **kw: Any) -> None:
        self.app.show("welcome", step=step, **kw)

    # step 1: the other partner steps away
    def _step_away(self) -> None:
        me, other = self.session.me, self.session.other
        self.box.children = [
            card(
                heading(T.title, T.purpose),
                html_box(para(T.why), "rb-why"),
                html_box(f"<p>{esc(X['step_away'].format(other=other, name=me))}</p>"),
                w.HBox(
                    [
                        button(
                            S.CONTINUE_AS.format(name=me),
                            "welcome-start",
                            primary=True,
                            on=lambda: self.go("passphrase"),
                        )
                    ]
                ),
            )
        ]

    # step 2: an optional passphrase
    def _passphrase(self) -> None:
        me = self.session.me
        if self.session.has_passphrase():
            self._hope()
            return
        skip = button(S.SKIP_FOR_NOW, "passphrase-skip", on=lambda: self.go("hope"))
        self.box.children = [
            card(
                heading(S.PASSPHRASE_TITLE.format(name=me)),
                lock_line(),
                html_box(para(X["passphrase_help"])),
                html_box(f'<p class="rb-problem">{esc(X["passphrase_warning"])}</p>'),
                passphrase_setter(self.session, lambda: self.go("hope"), extra=[skip]),
                private=True,
            )
        ]

    # step 3: what you hope for (shared)
    def _hope(self) -> None:
        existing = self.session.latest("intention", author=self.session.me)
        self.form = EntryForm(
            "intention", ["hope"], {"hope": T.fields.get("hope", FieldText(X["hope_label"]))}
        )
        if existing:
            self.form.load(existing)
        self.status = Status("hope-status")
        self.box.children = [
            card(
                heading(X["hope_label"]),
                self.form.box,
                w.HBox(
                    [button(S.SAVE_AND_CONTINUE, "hope-save", primary=True, on=self._save_hope)]
                ),
                self.status.widget,
            )
        ]

    def _save_hope(self) -> None:
        existing = self.session.latest("intention", author=self.session.me)
        data = self.form.values()
        res = (
            self.session.update(existing.id, data)
            if existing
            else self.session.save("intention", data)
        )
        if not res.ok:
            self.form.show(res.problems)
            if res.error:
                self.status.problem(res.error)
            return
        self.go("screen")

    # step 4: the private safety screen
    def _screen(self) -> None:
        self.answers = {}
        rows: list[w.Widget] = []
        for q in SCREEN_QUESTIONS:
            tb = yes_no(None)
            tb.description = _q(q)
            tb.style.description_width = "initial"
            tb.add_class(f"rb-screen-{q}")
            self.answers[q] = tb
            box = w.VBox([tb])
            box.add_class("rb-field")
            rows.append(box)
        self.status = Status("screen-status")
        notes = []
        if not self.session.has_passphrase():
            notes.append(html_box(f'<p class="rb-muted">{esc(X["screen_no_passphrase"])}</p>'))
        self.box.children = [
            card(
                heading(X.get("screen_title", S.SAFETY_SCREEN_TITLE)),
                lock_line(),
                html_box(para(X["screen_intro"])),
                *rows,
                *notes,
                w.HBox(
                    [button(S.SAVE_AND_CONTINUE, "screen-save", primary=True, on=self._save_screen)]
                ),
                self.status.widget,
                private=True,
            )
        ]

    def _save_screen(self) -> None:
        values = {q: tb.value for q, tb in self.answers.items()}
        if any(v is None for k, v in values.items() if k != "betrayal_or_addiction"):
            self.status.problem(S.SCREEN_ANSWER_ALL)
            return
        values["betrayal_or_addiction"] = bool(values.get("betrayal_or_addiction"))
        any_yes = any(values[k] for k in ("afraid", "threatened", "controlled", "hurt"))
        if self.session.has_passphrase():
            if not self.session.unlocked():
                self.go("unlock_for_screen", answers=values)
                return
            res = self.session.save("safety_screen", values, visibility="private")
            if not res.ok:
                self.status.problem(res.error or " ".join(res.problems.values()))
                return
        self.go("safety" if any_yes else "clear")

    def _unlock_for_screen(self) -> None:
        answers = self.params.get("answers", {})
        pw = w.Password(description=S.UNLOCK_TITLE)
        pw.style.description_width = "initial"
        pw.add_class("rb-unlock-passphrase")
        status = Status("unlock-status")

        def go() -> None:
            err = self.session.unlock(pw.value)
            pw.value = ""
            if err:
                status.problem(err)
                return
            res = self.session.save("safety_screen", answers, visibility="private")
            if not res.ok:
                status.problem(res.error or " ".join(res.problems.values()))
                return
            any_yes = any(answers[k] for k in ("afraid", "threatened", "controlled", "hurt"))
            self.go("safety" if any_yes else "clear")

        self.box.children = [
            card(
                heading(S.UNLOCK_TITLE),
                lock_line(),
                html_box(para(S.UNLOCK_HELP)),
                pw,
                w.HBox([button(S.UNLOCK_BUTTON, "unlock", primary=True, on=go)]),
                status.widget,
                private=True,
            )
        ]

    # step 5a: any yes -> private safety guidance
    def _safety(self) -> None:
        self.box.children = [
            safety_card(self.session),
            w.HBox(
                [
                    button(
                        X["continue"], "safety-continue", primary=True, on=lambda: self.go("clear")
                    ),
                    button(X["pause"], "safety-pause", on=lambda: self.go("paused")),
                ],
                layout=w.Layout(flex_flow="row wrap"),
            ),
        ]

    def _paused(self) -> None:
        self.box.children = [
            card(heading(X["pause"]), lock_line(), html_box(para(X["paused_body"])), private=True)
        ]

    # step 5b: done for this partner
    def _clear(self) -> None:
        other = self.session.other
        other_done = bool(self.session.entries("intention", author=other))
        actions: list[w.Widget] = []
        if other_done:
            actions.append(
                button(X["done"], "welcome-done", primary=True, on=lambda: self.app.show("today"))
            )
        else:
            actions.append(
                button(
                    S.HAND_OVER.format(name=other),
                    "welcome-handover",
                    primary=True,
                    on=lambda: self._hand_over(other),
                )
            )
            actions.append(
                button(S.GO_TO_TODAY, "welcome-today", on=lambda: self.app.show("today"))
            )
        self.box.children = [
            card(
                heading(S.THANK_YOU.format(name=self.session.me)),
                html_box(para(X["all_clear"])),
                w.HBox(actions, layout=w.Layout(flex_flow="row wrap")),
            )
        ]

    def _hand_over(self, other: str) -> None:
        self.session.switch(other)
        self.app.partners_changed()
        self.go("step_away")


def safety_card(session: Any) -> w.Widget:
    """Plain safety guidance with the emergency number and a helpline (private)."""
    emergency = session.emergency_number() or DEFAULT_EMERGENCY
    helpline = next((r for r in session.entries("resource") if r.role == "safety"), None)
    parts = [f"<p>{esc(X['safety_emergency'].format(number=emergency))}</p>"]
    if helpline is not None:
        contact = " · ".join(v for v in (helpline.phone, helpline.web) if v)
        parts.append(
            f"<p>{esc(X['safety_helpline'].format(name=helpline.name, contact=contact))}</p>"
        )
    else:
        parts.append(f"<p>{esc(X['safety_helpline_unset'])}</p>")
    return card(
        heading(X["safety_title"]),
        lock_line(),
        html_box(para(X["safety_body"])),
        html_box("".join(parts)),
        cls="rb-safety",
        private=True,
    )

"""First run and module 0, Welcome & safety.

Set-up asks the two names. Then each partner in turn, with the other asked to step
away: an optional passphrase (what it protects, and that it cannot be recovered), what
they hope for, and a private safety screen. Any "yes" shows that partner, and only that
partner, plain safety guidance and the choice to continue or pause. Nothing on a shared
page changes because of the answers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as w

from repairbook.content import paths as P
from repairbook.content import shared as S
from repairbook.content.model import FieldText
from repairbook.content.modules import MODULES
from repairbook.couple import ScreenOutcome
from repairbook.ui.page import Page
from repairbook.ui.parts.privacy import lock_line, passphrase_setter
from repairbook.ui.parts.safety import paused_card, safety_card
from repairbook.ui.widgets import (
    EntryForm,
    Status,
    button,
    card,
    esc,
    heading,
    html_box,
    para,
    yes_no,
)

T = MODULES[0]
X = T.extra
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
        words = self.session.where_words_live()  # true for this mode: home or workshop
        return card(
            heading(X.get("setup_title", T.title), words.setup_intro),
            html_box(para(T.why), "rb-why"),
            fa,
            fb,
            html_box(f'<p class="rb-muted">{esc(words.short)}</p>', "rb-where-words"),
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


class WhoPage(Page):
    """A page two partners share opens here: nobody's page is built until one of them
    says who is using it now."""

    name = "who"

    def build(self) -> w.Widget:
        buttons = [
            button(S.I_AM.format(name=n), f"who-{i + 1}", primary=i == 0, on=self._as(n))
            for i, n in enumerate(self.session.partners)
        ]
        return card(
            heading(S.WHO_IS_HERE_TITLE, S.WHO_IS_HERE_INTRO),
            w.HBox(buttons, layout=w.Layout(flex_flow="row wrap")),
            cls="rb-who",
        )

    def _as(self, name: str) -> Callable[[], None]:
        return lambda: self.app.use_as(name)


class NeutralPage(Page):
    """After a quick exit: a plain page that says nothing about what was open."""

    name = "neutral"

    def build(self) -> w.Widget:
        back = button(S.NEUTRAL_BACK, "neutral-back", on=self.app.after_exit)
        return card(heading(S.NEUTRAL_TITLE, S.NEUTRAL_BODY), w.HBox([back]), cls="rb-neutral")


class WelcomePage(Page):
    """Module 0 for the partner using the page now, one step at a time.

    The steps change inside this page object, so what the partner answers lives only
    here: a switch closes the page and drops it whole, and nothing of it is replayed."""

    name = "welcome"

    def build(self) -> w.Widget:
        self.box = w.VBox([])
        self.box.add_class("rb-welcome")
        self.answers: dict[str, Any] = {}
        self.outcome: ScreenOutcome | None = None
        step = str(self.params.get("step") or "")
        if step not in ("screen", "hope", "passphrase"):
            step = "paused" if self.session.paused() else "step_away"
        self.go(step)
        return self.box

    def go(self, step: str) -> None:
        self.step = step
        getattr(self, f"_{step}")()

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
        if self.session.has_passphrase() and not self.session.passphrase_set_by_other():
            self._hope()
            return
        skip = button(S.SKIP_FOR_NOW, "passphrase-skip", on=lambda: self.go("hope"))
        notes = []
        if self.session.passphrase_set_by_other():
            notes.append(html_box(f'<p class="rb-problem">{esc(S.PASSPHRASE_SET_BY_OTHER)}</p>'))
        self.box.children = [
            card(
                heading(S.PASSPHRASE_TITLE.format(name=me)),
                lock_line(),
                *notes,
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
        self.questions: dict[str, w.ToggleButtons] = {}
        rows: list[w.Widget] = []
        for q in SCREEN_QUESTIONS:
            tb = yes_no(None)
            tb.description = _q(q)
            tb.style.description_width = "initial"
            tb.add_class(f"rb-screen-{q}")
            self.questions[q] = tb
            box = w.VBox([tb])
            box.add_class("rb-field")
            rows.append(box)
        # optional and private: the partner's part in what happened (chooses daily prompts);
        # it starts on the words "not answered" (a choice of "", not None: a Dropdown whose
        # value is None shows an empty box)
        self.role = w.Dropdown(
            options=[(S.RATING_UNANSWERED, ""), *[(v, k) for k, v in P.ROLE_CHOICES.items()]],
            value="",
            description=P.ROLE_QUESTION,
        )
        self.role.style.description_width = "initial"
        self.role.add_class("rb-screen-role")
        role_box = w.VBox([self.role, html_box(esc(P.ROLE_HELP), "rb-help")])
        role_box.add_class("rb-field")
        rows.append(role_box)
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
        answers = self.session.screen_answers({q: tb.value for q, tb in self.questions.items()})
        if isinstance(answers, str):
            self.status.problem(answers)
            return
        self.answers = {**answers, "role": self.role.value} if self.role.value else answers
        # the guidance comes first, whatever happens to keeping the answers
        self.outcome = self.session.answer_screen(self.answers)
        self.go("safety" if self.outcome.any_yes else "clear")

    def _keep_box(self) -> list[w.Widget]:
        """Whether the answers were kept, said on the spot; and, when the partner has a
        passphrase but is locked, the optional step to keep them privately."""
        out = self.outcome
        if out is None or not self.answers:
            return []
        if out.kept:
            return [html_box(f'<p class="rb-saved">{esc(S.SCREEN_KEPT)}</p>', "rb-screen-kept")]
        parts: list[w.Widget] = [
            html_box(
                f'<p class="rb-problem" role="status">{esc(out.why_not)}</p>', "rb-screen-not-kept"
            )
        ]
        if self.session.has_passphrase() and not self.session.unlocked():
            pw = w.Password(description=S.UNLOCK_TITLE)
            pw.style.description_width = "initial"
            pw.add_class("rb-unlock-passphrase")
            status = Status("unlock-status")

            def keep() -> None:
                err = self.session.unlock(pw.value)
                pw.value = ""
                if err:
                    status.problem(err)
                    return
                res = self.session.keep_screen(self.answers)
                if not res.ok:
                    status.problem(res.error or " ".join(res.problems.values()))
                    return
                self.outcome = ScreenOutcome(bool(self.outcome and self.outcome.any_yes), True)
                self.go(self.step)

            parts += [
                heading(S.SCREEN_KEEP_TITLE, level=3),
                pw,
                w.HBox(
                    [button(S.SCREEN_KEEP_BUTTON, "screen-keep", on=keep), status.widget],
                    layout=w.Layout(flex_flow="row wrap", align_items="center"),
                ),
            ]
        return [card(*parts, cls="rb-screen-keep-card", private=True)]

    # step 5a: any yes -> private safety guidance
    def _safety(self) -> None:
        self.box.children = [
            safety_card(self.session, self.app),
            *self._keep_box(),
            w.HBox(
                [
                    button(
                        X["continue"], "safety-continue", primary=True, on=lambda: self.go("clear")
                    ),
                    button(X["pause"], "safety-pause", on=self._pause),
                ],
                layout=w.Layout(flex_flow="row wrap"),
            ),
        ]

    def _pause(self) -> None:
        self.session.pause()
        self.go("paused")

    def _paused(self) -> None:
        self.box.children = [paused_card(self.app)]

    # step 5b: done for this partner
    def _clear(self) -> None:
        other = self.session.other
        other_done = self.session.welcomed(other)
        actions: list[w.Widget] = []
        if other_done:
            actions.append(
                button(X["done"], "welcome-done", primary=True, on=lambda: self.app.show("today"))
            )
        elif self.app.fixed_partner:
            actions.append(
                button(
                    S.GO_TO_TODAY, "welcome-today", primary=True, on=lambda: self.app.show("today")
                )
            )
        else:
            actions.append(
                button(
                    S.HAND_OVER.format(name=other),
                    "welcome-handover",
                    primary=True,
                    on=lambda: self.app.use_as(other),
                )
            )
            actions.append(
                button(S.GO_TO_TODAY, "welcome-today", on=lambda: self.app.show("today"))
            )
        self.box.children = [
            *(
                self._keep_box()
                if self.answers and not (self.outcome and self.outcome.kept)
                else []
            ),
            card(
                heading(S.THANK_YOU.format(name=self.session.me)),
                html_box(para(X["all_clear"])),
                w.HBox(actions, layout=w.Layout(flex_flow="row wrap")),
            ),
        ]

"""Journey: the sixteen modules, and the one small, common way each module is a page.

A module page is a subclass of :class:`ModulePage` in ``repairbook.ui.modules``. It gets
its words from ``content.modules.MODULES[n]`` (title, purpose, why, steps, field labels,
empty state), builds forms from its entry models with :meth:`ModulePage.form`, lists its
entries with :meth:`ModulePage.listing`, and adds its own widgets in :meth:`body`.
"""

from __future__ import annotations

import abc
import importlib
from collections.abc import Callable, Iterable
from typing import Any

import ipywidgets as w

from repairbook.content import shared as S
from repairbook.content.model import ModuleText
from repairbook.content.modules import MODULES
from repairbook.entries import KINDS
from repairbook.ui.shell import App, Page
from repairbook.ui.widgets import (
    EntryForm,
    Status,
    button,
    card,
    entry_item,
    entry_list,
    esc,
    heading,
    html_box,
    lock_line,
    para,
)

MODULE_FILES = {
    1: "m01_safety_needs",
    2: "m02_conversation",
    3: "m03_apology",
    4: "m04_understanding",
    5: "m05_transparency",
    6: "m06_promises",
    7: "m07_triggers",
    8: "m08_agreements",
    9: "m09_contract",
    10: "m10_rituals",
    11: "m11_processing",
    12: "m12_listening",
    13: "m13_lessons",
    14: "m14_forgiveness",
    15: "m15_outside_help",
}


class JourneyPage(Page):
    """The sixteen modules as tiles; each opens its page."""

    name = "journey"

    def build(self) -> w.Widget:
        tiles = []
        used = {e.kind for e in self.session.all_visible()}
        started = {m.module for k, m in KINDS.items() if k in used and m.module is not None}
        for n in range(16):
            t = MODULES[n]
            mark = f" · ✓ {S.JOURNEY_DONE_MARK}" if n in started else ""
            b = w.Button(description=f"{n}. {t.title}{mark}", tooltip=t.purpose)
            b.add_class(f"rb-open-module-{n}")
            b.on_click(lambda _b, n=n: self.app.show("module", number=n))
            p = html_box(f'<p class="rb-muted">{esc(t.purpose)}</p>')
            tile = w.VBox([b, p])
            tile.add_class("rb-tile")
            tiles.append(tile)
        grid = w.Box(tiles)
        grid.add_class("rb-grid")
        return card(heading(S.JOURNEY_TITLE, S.JOURNEY_INTRO), grid)


class ModuleHost(Page):
    """Shows module ``number``: module 0 is the welcome flow; others are ModulePages."""

    name = "module"

    def build(self) -> w.Widget:
        n = int(self.params.get("number", 0))
        if n == 0:
            from repairbook.ui.welcome import WelcomePage

            inner = WelcomePage(self.app, step=self.params.get("step")).build()
        else:
            mod = importlib.import_module(f"repairbook.ui.modules.{MODULE_FILES[n]}")
            page: ModulePage = mod.PAGE(self.app, **self.params)
            inner = page.frame()
        back = button(S.BACK_TO_JOURNEY, "back-to-journey", on=lambda: self.app.show("journey"))
        nav = [back]
        if n < 15:
            nav.append(
                button(
                    S.NEXT_MODULE.format(title=MODULES[n + 1].title),
                    "next-module",
                    on=lambda: self.app.show("module", number=n + 1),
                )
            )
        return w.VBox([inner, w.HBox(nav, layout=w.Layout(flex_flow="row wrap"))])


class ModulePage(abc.ABC):
    """The common shape of a journey module page."""

    number: int = 0

    def __init__(self, app: App, **params: Any):
        self.app = app
        self.session = app.session
        self.params = params
        self.text: ModuleText = MODULES[self.number]
        self.x = self.text.extra
        #: the forms on this page by name: what is typed in them survives a rebuild
        self.forms: dict[str, EntryForm] = {}

    # -- the frame -------------------------------------------------------------------
    def frame(self) -> w.Widget:
        t = self.text
        steps = "".join(f"<li>{esc(s)}</li>" for s in t.steps)
        nudges = "".join(f'<p class="rb-muted">{esc(n)}</p>' for n in t.nudges)
        how = (
            f'<details class="rb-how"><summary>{esc(S.HOW_THIS_WORKS)}</summary>'
            f"<ol>{steps}</ol>{nudges}</details>"
        )
        intro = card(
            heading(f"{t.number}. {t.title}", t.purpose),
            html_box(para(t.why), "rb-why"),
            html_box(how, "rb-steps"),
            cls=f"rb-module rb-module-{t.number}",
        )
        return w.VBox([intro, *self.body()])

    @abc.abstractmethod
    def body(self) -> list[w.Widget]:
        """The module's own cards, under the common introduction."""

    def refresh(self, saved: str = "") -> None:
        """Rebuild the page (lists change after a save). Whatever was typed in the other
        forms, not saved yet, is kept in the partner's view and put back."""
        for name, f in self.forms.items():
            if name != saved:
                self.app.keep_draft(self._draft_key(name), f.raw())
        self.app.show("module", **{**self.params, "number": self.number})

    def _draft_key(self, name: str) -> str:
        return f"module-{self.number}:{name}"

    # -- helpers every module uses -------------------------------------------------------
    def form(
        self,
        kind: str,
        fields: Iterable[str],
        *,
        title: str = "",
        intro: str = "",
        save: str = "",
        private: str = "choice",
        fixed: dict[str, Any] | Callable[[], dict[str, Any]] | None = None,
        on_saved: Callable[[Any], None] | None = None,
        coach: Callable[[str], list[Any]] | None = None,
        coach_clean: str = "",
        coach_field: str | None = None,
        load: Any = None,
        choice_labels: dict[str, dict[Any, str]] | None = None,
        name: str = "",
        refresh: bool = True,
        lock: bool = True,
    ) -> w.VBox:
        """A card with a form for ``kind``: fields from the model, words from content,
        validation next to each field, a quiet 'saved', nothing lost on failure.

        ``private``: "choice" offers a keep-private box (needs a passphrase), "always" for
        private-only kinds, "never" for shared-only entries.
        """
        model = KINDS[kind]
        if model.private_only:
            private = "always"
        name = name or kind.replace("_", "-")
        form = EntryForm(kind, list(fields), self.text.fields, choice_labels=choice_labels)
        if load is not None:
            form.load(load)
        self.forms[name] = form
        draft = self.app.take_draft(self._draft_key(name))
        if draft:
            form.restore(draft)
        status = Status(f"{name}-status")
        parts: list[w.Widget] = []
        if title:
            parts.append(heading(title, intro, level=3))
        if private == "always" and lock:
            parts.append(lock_line())
        parts.append(form.box)
        keep_private = w.Checkbox(value=False, description=S.KEEP_PRIVATE, indent=False)
        keep_private.add_class(f"rb-{name}-private")
        if private == "choice":
            if not self.session.has_passphrase():
                keep_private.disabled = True
                keep_private.description = S.KEEP_PRIVATE_NEEDS_PASSPHRASE
            parts.append(keep_private)
        coach_box = w.VBox([])
        coach_box.add_class(f"rb-coach-{name}")
        if coach is not None:
            target = form.fields[coach_field or next(iter(form.fields))]

            def run_coach(_change: object = None) -> None:
                text = str(target.control.value or "")
                coach_box.children = flag_widgets(coach(text), text, coach_clean)

            target.control.continuous_update = False
            target.control.observe(run_coach, "value")
            if load is not None:
                run_coach()
            parts.append(coach_box)

        def do_save() -> None:
            data = form.values()
            if fixed is not None:
                data.update(fixed() if callable(fixed) else fixed)
            vis = None
            if private == "always" or private == "choice" and keep_private.value:
                vis = "private"
            if vis == "private" and not self.session.unlocked():
                status.problem(
                    S.UNLOCK_FIRST_FOR_PRIVATE
                    if self.session.has_passphrase()
                    else S.KEEP_PRIVATE_NEEDS_PASSPHRASE
                )
                return
            if load is not None:
                res = self.session.update(load.id, data)
            else:
                res = self.session.save(kind, data, visibility=vis)  # type: ignore[arg-type]
            if not res.ok:
                form.show(res.problems)
                status.problem(res.error or S.SAVE_FAILED)
                return
            form.clear_errors()
            if on_saved is not None and res.entry is not None:
                on_saved(res.entry)
            if refresh:
                self.refresh(saved=name)
            else:
                status.saved()

        if private == "always" and self.session.has_passphrase() and not self.session.unlocked():
            parts.append(unlock_box(self))
        elif private == "always" and not self.session.has_passphrase():
            parts.append(html_box(f'<p class="rb-problem">{esc(S.NO_PASSPHRASE_PAGE)}</p>'))
        btn = button(save or self.text.save, f"{name}-save", primary=True, on=do_save)
        parts.append(
            w.HBox(
                [btn, status.widget],
                layout=w.Layout(align_items="center", flex_flow="row wrap"),
            )
        )
        box = card(*parts, private=private == "always", cls=f"rb-form-{name}")
        box._rb_form = form  # type: ignore[attr-defined]
        box._rb_status = status  # type: ignore[attr-defined]
        return box

    def listing(
        self,
        kind: str,
        render: Callable[[Any], str],
        *,
        title: str = "",
        empty: str = "",
        actions: Callable[[Any], list[w.Widget]] | None = None,
        author: str | None = None,
        newest_first: bool = True,
        limit: int = 50,
        where: Callable[[Any], bool] | None = None,
    ) -> w.VBox:
        items = self.session.entries(kind, author=author)
        if where is not None:
            items = [e for e in items if where(e)]
        items.sort(key=lambda e: e.created, reverse=newest_first)
        rows = [
            entry_item(e, render(e), extra=actions(e) if actions else ()) for e in items[:limit]
        ]
        parts: list[w.Widget] = []
        if title:
            parts.append(heading(title, level=3))
        parts.append(entry_list(rows, empty or self.text.empty, kind.replace("_", "-")))
        return card(*parts)

    def note(self, text: str, cls: str = "rb-muted") -> w.HTML:
        return html_box(f'<p class="{cls}">{esc(text)}</p>')


def flag_widgets(flags: list[Any], source: str, clean: str = "") -> list[w.Widget]:
    """Coach flags shown as gentle notes, each with the flagged words marked."""
    out: list[w.Widget] = []
    for f in flags:
        start, end = getattr(f, "start", 0), getattr(f, "end", 0)
        span = esc(source[start:end]) if 0 <= start < end <= len(source) else ""
        mark = f"<mark>{span}</mark> " if span else ""
        h = html_box(
            f"{mark}{esc(getattr(f, 'message', ''))} <em>{esc(getattr(f, 'suggestion', ''))}</em>",
            "rb-flag",
        )
        h.add_class(f"rb-flag-{getattr(f, 'kind', 'note')}")
        out.append(h)
    if not flags and clean and source.strip():
        out.append(html_box(f'<p class="rb-muted">✓ {esc(clean)}</p>', "rb-coach-clean"))
    return out


def unlock_box(page: Any) -> w.Widget:
    """Ask the current partner's passphrase, right where it is needed."""
    pw = w.Password(description=S.UNLOCK_TITLE)
    pw.style.description_width = "initial"
    pw.add_class("rb-unlock-passphrase")
    status = Status("unlock-status")

    def go() -> None:
        err = page.session.unlock(pw.value)
        pw.value = ""
        if err:
            status.problem(err)
            return
        page.refresh()

    field = w.VBox([pw])
    field.add_class("rb-field")
    return w.VBox(
        [
            lock_line(),
            html_box(para(S.UNLOCK_HELP)),
            field,
            w.HBox(
                [button(S.UNLOCK_BUTTON, "unlock", primary=True, on=go), status.widget],
                layout=w.Layout(align_items="center"),
            ),
        ]
    )


def passphrase_setter(
    session: Any, on_set: Callable[[], None], extra: Iterable[w.Widget] = ()
) -> w.VBox:
    """Two passphrase fields and a button that sets the current partner's passphrase;
    a mismatch or a refusal stays on screen with the typed text kept."""
    p1 = w.Password(description=MODULES[0].extra["passphrase_label"])
    p2 = w.Password(description=S.SET_PASSPHRASE_CONFIRM)
    for i, p in enumerate((p1, p2)):
        p.style.description_width = "initial"
        p.add_class(f"rb-passphrase{i + 1}")
    status = Status("passphrase-status")

    def go() -> None:
        if p1.value != p2.value:
            status.problem(S.SET_PASSPHRASE_MISMATCH)
            return
        err = session.set_passphrase(p1.value)
        if err:
            status.problem(err)
            return
        p1.value = p2.value = ""
        on_set()

    fields = w.VBox([p1, p2])
    fields.add_class("rb-field")
    set_button = button(S.SET_PASSPHRASE_BUTTON, "passphrase-set", primary=True, on=go)
    return w.VBox(
        [
            fields,
            w.HBox(
                [set_button, *extra, status.widget],
                layout=w.Layout(flex_flow="row wrap", align_items="center"),
            ),
        ]
    )

"""Journey: the sixteen modules as tiles, and the page that shows one module.

Each module's page is a :class:`repairbook.ui.module_page.ModulePage` in
``repairbook.ui.modules`` (its file named in :data:`MODULE_FILES`), loaded when opened.
A partner on their own for now finds the way to what they can do alone at the top, and
a module that needs both says so kindly. Module 0 shows the hopes written at the welcome.
"""

from __future__ import annotations

import importlib

import ipywidgets as w

from repairbook.content import paths as P
from repairbook.content import shared as S
from repairbook.content.modules import MODULES
from repairbook.couple.paths import NEEDS_BOTH
from repairbook.entries import KINDS
from repairbook.ui.module_page import ModulePage
from repairbook.ui.page import Page
from repairbook.ui.parts.solo import solo_link
from repairbook.ui.parts.steps import hopes_card, next_step_card
from repairbook.ui.welcome import WelcomePage
from repairbook.ui.widgets import button, card, esc, heading, html_box

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
        parts: list[w.Widget] = [card(heading(S.JOURNEY_TITLE, S.JOURNEY_INTRO), grid)]
        nxt = next_step_card(self.app)
        if nxt is not None:
            parts.insert(0, nxt)
        alone = solo_link(self.app)
        if alone is not None:
            parts.insert(0, alone)
        return w.VBox(parts)


class ModuleHost(Page):
    """Shows module ``number``: module 0 is the welcome flow; others are ModulePages."""

    name = "module"

    def build(self) -> w.Widget:
        n = int(self.params.get("number", 0))
        top: list[w.Widget] = []
        if n == 0:
            inner = WelcomePage(self.app, step=self.params.get("step")).build()
            hopes = hopes_card(self.session) if self.session.welcomed() else None
            if hopes is not None:
                top.append(hopes)
        else:
            mod = importlib.import_module(f"repairbook.ui.modules.{MODULE_FILES[n]}")
            page: ModulePage = mod.PAGE(self.app, **self.params)
            inner = page.frame()
            if n in NEEDS_BOTH:
                alone = solo_link(self.app, P.SOLO_NEEDS_BOTH)
                if alone is not None:
                    alone.add_class("rb-needs-both")
                    top.append(alone)
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
        return w.VBox([*top, inner, w.HBox(nav, layout=w.Layout(flex_flow="row wrap"))])

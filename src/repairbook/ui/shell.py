"""The app shell: header with the couple's names and the partner switch, navigation
between Today, Journey, Progress, Private and Help, and one page shown at a time.

Pages are built for the partner using the page now. When the partner changes, every
page is closed (its widgets leave the browser) and every private thing locks again,
so one partner's private words never stay on screen, or in the page's widget state,
for the other.
"""

from __future__ import annotations

import abc
import logging
from collections.abc import Callable
from typing import Any

import ipywidgets as w

from repairbook.content import shared as S
from repairbook.ui.session import Session
from repairbook.ui.widgets import close_tree, esc

log = logging.getLogger(__name__)

NAV = ("today", "journey", "progress", "private", "help")


class Page(abc.ABC):
    """A page of the app. Subclasses fill ``build`` and may use ``self.app``."""

    name = "page"

    def __init__(self, app: App, **params: Any):
        self.app = app
        self.session = app.session
        self.params = params

    @abc.abstractmethod
    def build(self) -> w.Widget:
        """The page's widgets, built for the partner using the page now."""


class App:
    """The whole page. ``App(session).widget`` is what the notebook displays."""

    def __init__(self, session: Session):
        self.session = session
        self.pages: dict[str, Callable[..., Page]] = {}
        self.current: tuple[str, dict[str, Any]] = ("today", {})
        self.body = w.VBox([])
        self.body.add_class("rb-body")
        self.header = w.HBox([])
        self.header.add_class("rb-header")
        self.nav_buttons: dict[str, w.Button] = {}
        for n in NAV:
            b = w.Button(description=S.NAV_LABELS[n], tooltip=S.NAV_LABELS[n])
            b.add_class("rb-nav-button")
            b.add_class(f"rb-nav-{n}")
            b.on_click(lambda _b, n=n: self.show(n))
            self.nav_buttons[n] = b
        self.nav = w.HBox(list(self.nav_buttons.values()))
        self.nav.add_class("rb-nav-buttons")
        self.nav_box = w.Box([self.nav])
        self.nav_box.add_class("rb-nav")
        self.switch = w.ToggleButtons(options=[], value=None)
        self.switch.add_class("rb-partner-switch")
        self.switch.observe(self._on_switch, "value")
        self.widget = w.VBox([self.header, self.nav_box, self.body])
        self.widget.add_class("rb-app")
        self._page_widget: w.Widget | None = None
        self._register_pages()
        self._build_header()

    # -- pages -----------------------------------------------------------------------
    def _register_pages(self) -> None:
        from repairbook.ui import help_page, journey, private, progress_page, today, welcome

        self.pages = {
            "welcome": welcome.WelcomePage,
            "setup": welcome.SetupPage,
            "today": today.TodayPage,
            "journey": journey.JourneyPage,
            "module": journey.ModuleHost,
            "progress": progress_page.ProgressPage,
            "private": private.PrivatePage,
            "help": help_page.HelpPage,
        }

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)

    def start(self) -> App:
        if not self.session.ready:
            self.show("setup")
        elif self.needs_welcome():
            self.show("welcome")
        else:
            self.show("today")
        return self

    def needs_welcome(self) -> bool:
        return not self.session.entries("intention")

    def show(self, name: str, **params: Any) -> None:
        """Show a page, closing the one before."""
        self.current = (name, params)
        section = "journey" if name == "module" else name
        for n, b in self.nav_buttons.items():
            if n == section:
                b.add_class("mod-active")
                b.button_style = ""
            else:
                b.remove_class("mod-active")
        self.nav_box.layout.display = "none" if name == "setup" else None
        old = self._page_widget
        try:
            page = self.pages[name](self, **params)
            new = page.build()
        except Exception:  # noqa: BLE001 - a page that fails shows a friendly line, never a traceback
            log.exception("page %s failed", name)
            new = w.HTML(f'<p class="rb-problem" role="alert">{esc(S.FRIENDLY_ERROR)}</p>')
        new.add_class(f"rb-page-{name}")
        self._page_widget = new
        self.body.children = [new]
        if old is not None:
            close_tree(old)

    def refresh(self) -> None:
        name, params = self.current
        self.show(name, **params)

    # -- header & partner switch -----------------------------------------------------------
    def _build_header(self) -> None:
        names = self.session.partners
        title = S.APP_TITLE
        sub = " & ".join(names) if names else S.APP_TAGLINE
        brand = w.HTML(f"<h1>{esc(title)}</h1><p>{esc(sub)}</p>")
        brand.add_class("rb-brand")
        if names:
            self.switch.unobserve(self._on_switch, "value")
            self.switch.options = [(n, n) for n in names]
            self.switch.value = self.session.partner
            self.switch.observe(self._on_switch, "value")
            label = w.HTML(f'<span class="rb-muted">{esc(S.PARTNER_SWITCH_LABEL)}</span>')
            right = w.HBox([label, self.switch])
            right.add_class("rb-switch")
            self.header.children = [brand, right]
        else:
            self.header.children = [brand]

    def partners_changed(self) -> None:
        self._build_header()

    def _on_switch(self, change: dict[str, Any]) -> None:
        new = change["new"]
        if not new or new == self.session.partner:
            return
        self.session.switch(new)
        name, params = self.current
        # private pages and module pages start again for the new partner
        if name in ("private",):
            params = {}
        self.show(name, **params)


class Unavailable:
    """Shown instead of the app when the workbook cannot be opened: one plain sentence,
    never a traceback."""

    def __init__(self, message: str):
        self.message = message
        self.widget = w.VBox(
            [
                w.HTML(
                    f'<div class="rb-card"><h2>{esc(S.APP_TITLE)}</h2>'
                    f'<p class="rb-problem" role="alert">{esc(message)}</p></div>'
                )
            ]
        )
        self.widget.add_class("rb-app")
        self.widget.add_class("rb-unavailable")

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


def wait_for_visitor() -> None:
    """Under Voilà's preheated kernels the notebook runs before anyone opens the page;
    wait for the real request so the page shows the workbook as it is now."""
    import os

    if os.environ.get("VOILA_PREHEAT", "False") != "False":
        from voila.utils import wait_for_request

        wait_for_request()
        # Voilà hands the request to the first waiter only: later calls return at once
        os.environ["VOILA_PREHEAT"] = "False"


def app(
    workbook: str | None = None, *, couple: str | None = None, workshop: str | None = None
) -> App | Unavailable:
    """The app for the workbook at ``workbook`` (or $REPAIRBOOK_WORKBOOK, or the default).
    As a cell's last line it shows itself: ``import repairbook.ui as rb; rb.app()``."""
    from repairbook.store import StoreError

    wait_for_visitor()
    try:
        return App(Session(workbook_path(workbook, couple=couple, workshop=workshop))).start()
    except StoreError as err:
        return Unavailable(str(err))
    except Exception:  # noqa: BLE001 - the page shows a friendly line, the log has the rest
        log.exception("the app could not start")
        return Unavailable(S.FRIENDLY_ERROR)


def workbook_path(
    workbook: str | None = None, *, couple: str | None = None, workshop: str | None = None
) -> str | None:
    """The workbook a notebook should open: ``workbook`` as given, or, with a ``couple``
    label, that couple's workbook in the ``workshop`` folder (or $REPAIRBOOK_WORKSHOP)."""
    import os

    if not couple:
        return workbook
    from repairbook.store import StoreError
    from repairbook.workshop import workbook_for

    folder = workshop or os.environ.get("REPAIRBOOK_WORKSHOP")
    if not folder:
        raise StoreError(S.COUPLE_NEEDS_WORKSHOP)
    return str(workbook_for(folder, couple))


def module(
    number: int,
    workbook: str | None = None,
    partner: str | None = None,
    *,
    couple: str | None = None,
    workshop: str | None = None,
) -> App:
    """One journey module as its own page (the facilitator's module notebooks use this).
    ``partner`` picks who is using the page (default: the first partner)."""
    wait_for_visitor()
    the_app = App(Session(workbook_path(workbook, couple=couple, workshop=workshop)))
    if the_app.session.ready and partner:
        the_app.session.switch(partner)
        the_app.partners_changed()
    if not the_app.session.ready:
        return the_app.start()
    the_app.show("module", number=int(number))
    return the_app

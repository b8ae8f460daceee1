"""The app shell: header with the couple's names and the partner switch, navigation
between Today, Journey, Progress, Private and Help, and one page shown at a time.

The shell keeps one :class:`View` for the partner using the page now: the page shown,
its navigation (a module number, never an answer), and what they typed and have not
saved yet. A switch drops that view entirely, closes every widget it showed and locks
everything private; the new partner's view is built from the couple service alone. So
nothing one partner saw or typed is rendered for, or sent to, the other.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import ipywidgets as w

from repairbook.content import shared as S
from repairbook.couple import Couple as Session
from repairbook.ui.page import Page
from repairbook.ui.widgets import close_tree, esc

log = logging.getLogger(__name__)

NAV = ("today", "journey", "progress", "private", "help")
#: how often an open page looks whether the other partner saved something (seconds)
POLL_SECONDS = 3
#: navigation parameters a view may carry across a rebuild: where, never what
NAV_PARAMS = frozenset({"number"})


@dataclass
class View:
    """What belongs to the partner using the page now, and is dropped on a switch."""

    partner: str | None
    page: str = "today"
    params: dict[str, Any] = field(default_factory=dict)
    #: text typed in forms that were not saved, by form name, kept across a rebuild
    drafts: dict[str, dict[str, Any]] = field(default_factory=dict)


class App:
    """The whole page. ``App(session).widget`` is what the notebook displays."""

    def __init__(self, session: Session):
        self.session = session
        self.pages: dict[str, Callable[..., Page]] = {}
        self.view = View(session.partner)
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
        self.notice = w.HTML("")
        self.notice.add_class("rb-switch-notice")
        #: a personal page belongs to one partner: no switch, never the other's
        self.fixed_partner: str | None = None
        self.widget = w.VBox([self.header, self.notice, self.nav_box, self.body])
        self.widget.add_class("rb-app")
        self._page_widget: w.Widget | None = None
        self._register_pages()
        self._build_header()

    # -- pages -----------------------------------------------------------------------
    def _register_pages(self) -> None:
        from repairbook.ui import help_page, journey, private, progress_page, solo, today, welcome

        self.pages = {
            "welcome": welcome.WelcomePage,
            "setup": welcome.SetupPage,
            "who": welcome.WhoPage,
            "neutral": welcome.NeutralPage,
            "today": today.TodayPage,
            "journey": journey.JourneyPage,
            "module": journey.ModuleHost,
            "progress": progress_page.ProgressPage,
            "private": private.PrivatePage,
            "help": help_page.HelpPage,
            "solo": solo.SoloPage,
        }

    @property
    def current(self) -> tuple[str, dict[str, Any]]:
        return self.view.page, self.view.params

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)

    def start(self, partner: str | None = None) -> App:
        """The first page: set-up for a new workbook; otherwise, on a page two partners
        share, "who is using the page now?" (nobody's page is built before they say);
        with ``partner`` (a personal page, a module notebook) that partner's own page."""
        if not self.session.ready:
            self.show("setup")
        elif partner:
            self.session.switch(partner)
            self.view = View(self.session.partner)
            self._build_header()
            self.show(self.home())
        else:
            self.session.partner = None
            self.view = View(None)
            self._build_header()
            self.show("who")
        return self

    def home(self) -> str:
        """Where the partner here starts: the welcome until they have been through it."""
        return "welcome" if self.needs_welcome() or self.session.paused() else "today"

    def needs_welcome(self) -> bool:
        return self.session.partner is not None and not self.session.welcomed()

    def show(self, name: str, **params: Any) -> None:
        """Show a page, closing the one before. A partner who has not met the welcome and
        the safety check meets them first, before any page they share."""
        if (
            name not in ("setup", "who", "welcome", "neutral", "help")
            and not (name == "module" and int(params.get("number", 0)) == 0)
            and self.needs_welcome()
        ):
            name, params = "welcome", {}
        self.view.page, self.view.params = name, params
        self.session.touch()
        section = "journey" if name == "module" else name
        for n, b in self.nav_buttons.items():
            if n == section:
                b.add_class("mod-active")
                b.button_style = ""
            else:
                b.remove_class("mod-active")
        hidden = name in ("setup", "who", "neutral") or self.session.partner is None
        self.nav_box.layout.display = "none" if hidden else None
        old = self._page_widget
        try:
            page = self.pages[name](self, **params)
            self.page = page
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

    # -- two phones at once: notice what the other partner saved, without a reload ----------
    def watch(self, seconds: float = POLL_SECONDS) -> App:
        """Poll the workbook's change counter; when the other partner (or a command) saved
        something, the page shown may update what it shows of them (``Page.changed``)."""
        from repairbook.ui.request import every

        self._stamp = self.session.change_stamp() if self.session.ready else 0
        self._stop_watch = every(seconds, self.poll)
        return self

    def poll(self) -> None:
        if not self.session.ready or self.session.partner is None:
            return
        try:
            if self.session.lock_idle():
                # private pages lock after the idle time: what they showed leaves the page
                self.notice.value = f'<p class="rb-notice" role="status">{esc(S.LOCKED_IDLE)}</p>'
                self.refresh()
            stamp = self.session.change_stamp()
        except Exception:  # noqa: BLE001 - a busy or missing workbook: try again next time
            return
        if stamp == getattr(self, "_stamp", stamp):
            return
        self._stamp = stamp
        page = getattr(self, "page", None)
        if page is not None:
            page.changed()

    # -- drafts: typed text that survives a rebuild of the same partner's page -------------
    def keep_draft(self, name: str, values: dict[str, Any]) -> None:
        if any(v not in (None, "", [], False) for v in values.values()):
            self.view.drafts[name] = dict(values)

    def take_draft(self, name: str) -> dict[str, Any] | None:
        return self.view.drafts.pop(name, None)

    # -- header & partner switch -----------------------------------------------------------
    def _build_header(self) -> None:
        names = self.session.partners
        title = S.APP_TITLE
        sub = " & ".join(names) if names else S.APP_TAGLINE
        brand = w.HTML(f"<h1>{esc(title)}</h1><p>{esc(sub)}</p>")
        brand.add_class("rb-brand")
        if names and not self.fixed_partner:
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

    def use_as(self, name: str) -> None:
        """The page is now ``name``'s: the previous partner's view is dropped whole (page,
        navigation, drafts), every private thing locks, and the new partner's page is
        built from the service. The header says plainly who is using it now."""
        if self.fixed_partner and name != self.fixed_partner:
            return
        previous = self.view
        # where the page was (a section, or a module's number) carries over; never what
        # it showed: module 0 is the welcome, which is each partner's own
        section, params = "today", {}
        if previous.partner and previous.page in NAV:
            section = previous.page
        elif previous.partner and previous.page == "module":
            number = int(previous.params.get("number", 0))
            if number:
                section, params = "module", {"number": number}
        self.session.switch(name)
        self.view = View(self.session.partner)
        previous.drafts.clear()
        self._build_header()
        self.notice.value = f'<p class="rb-notice" role="status">{esc(S.NOW_USING.format(name=self.session.me))}</p>'
        if self.needs_welcome() or self.session.paused():
            self.show(self.home())
        else:
            self.show(section, **params)

    def quick_exit(self) -> None:
        """One press: everything private locks, the partner's view is dropped, and the
        page shows a neutral screen without the app's name or the couple's names."""
        self.session.quick_exit()
        self.view.drafts.clear()
        self.notice.value = ""
        self.header.layout.display = "none"
        self.show("neutral")

    def after_exit(self) -> None:
        """Back from the neutral screen: a shared page asks who is here again."""
        self.header.layout.display = None
        if self.fixed_partner:
            self.show(self.home())
            return
        self.session.partner = None
        self.view = View(None)
        self._build_header()
        self.show("who")

    def _on_switch(self, change: dict[str, Any]) -> None:
        new = change["new"]
        if not new or new == self.session.partner:
            return
        self.use_as(new)


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


def app(
    workbook: str | None = None, *, couple: str | None = None, workshop: str | None = None
) -> App | Unavailable | Invalid:
    """The app for the workbook at ``workbook`` (or $REPAIRBOOK_WORKBOOK, or the default).
    As a cell's last line it shows itself: ``import repairbook.ui as rb; rb.app()``."""
    from repairbook.couple import StoreError

    try:
        session = Session(workbook_path(workbook, couple=couple, workshop=workshop))
        if workbook is None and couple is None:
            from repairbook.ui.request import request_key

            key = request_key()
            if key is not None:
                return personal_app(session, key)
        return App(session).start().watch()
    except StoreError as err:
        return Unavailable(str(err))
    except Exception:  # noqa: BLE001 - the page shows a friendly line, the log has the rest
        log.exception("the app could not start")
        return Unavailable(S.FRIENDLY_ERROR)


class Invalid:
    """What a personal key that opens nothing gets: the neutral page, naming no one."""

    def __init__(self) -> None:
        from repairbook.ui.request import invalid_page

        self.widget = invalid_page()

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


def personal_app(session: Session, key: str) -> App | Invalid:
    """A partner's own page (their personal link): it opens as them after every reload,
    has no switch and no way to act as the other partner, and closes at once when the
    link is renewed or revoked. A wrong, altered or revoked key gets the neutral page."""
    name = session.partner_for_key(key) if session.ready else None
    if name is None:
        return Invalid()
    from repairbook.couple.links import LinkWatch
    from repairbook.ui.request import close_when_invalid

    the_app = App(session)
    the_app.fixed_partner = name
    session.proven = True
    the_app.start(partner=name).watch()
    watch = LinkWatch(session.path, key, name)

    def still_valid() -> bool:
        if watch.still_valid():
            return True
        session.quick_exit()
        return False

    close_when_invalid(the_app.widget, still_valid)
    return the_app


def workbook_path(
    workbook: str | None = None, *, couple: str | None = None, workshop: str | None = None
) -> str | None:
    """The workbook a notebook should open: ``workbook`` as given, or, with a ``couple``
    label, that couple's workbook in the ``workshop`` folder (or $REPAIRBOOK_WORKSHOP)."""
    import os

    if not couple:
        return workbook
    from repairbook.couple import StoreError
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
    the_app = App(Session(workbook_path(workbook, couple=couple, workshop=workshop)))
    if not the_app.session.ready:
        return the_app.start()
    the_app.start(partner or the_app.session.partners[0])
    the_app.show("module", number=int(number))
    return the_app

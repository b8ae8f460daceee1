"""The base of every page, and what a page may ask of the app that shows it.

Pages import this module, never the shell: the shell imports the pages to show them, so
the dependency runs one way only (shell -> pages -> page, parts, widgets).
"""

from __future__ import annotations

import abc
from typing import Any, Protocol

import ipywidgets as w

from repairbook.couple import Couple


class Host(Protocol):
    """What a page may ask of the app shell that shows it (:class:`repairbook.ui.shell.App`)."""

    session: Couple
    #: a personal page belongs to one partner: no switch, never the other's
    fixed_partner: str | None

    def show(self, name: str, **params: Any) -> None:
        """Show page ``name`` (closing the one before)."""

    def use_as(self, name: str) -> None:
        """The page is now ``name``'s: the previous partner's view is dropped whole."""

    def partners_changed(self) -> None:
        """The couple's names changed (set-up): the header shows them."""

    def quick_exit(self) -> None:
        """Everything private locks and the page becomes a neutral one."""

    def after_exit(self) -> None:
        """Back from the neutral page."""

    def keep_draft(self, name: str, values: dict[str, Any]) -> None:
        """Keep what was typed in form ``name`` (not saved) across a rebuild."""

    def take_draft(self, name: str) -> dict[str, Any] | None:
        """What was kept for form ``name``, once."""


class Page(abc.ABC):
    """A page of the app. Subclasses fill ``build`` and may use ``self.app``."""

    name = "page"

    def __init__(self, app: Host, **params: Any):
        self.app = app
        self.session = app.session
        self.params = params

    @abc.abstractmethod
    def build(self) -> w.Widget:
        """The page's widgets, built for the partner using the page now."""

    def changed(self) -> None:  # noqa: B027 - a hook pages may fill; most need nothing
        """Someone else saved something while this page is open (default: nothing to do;
        the next navigation shows it)."""

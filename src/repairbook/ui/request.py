"""What a page knows of the request that opened it (its ``key``), the neutral page every
key that opens nothing gets, and the watch that closes an open page when its key stops
working. Shared by the couple's page (personal links) and the workshop room."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from urllib.parse import parse_qs

import ipywidgets as w

from repairbook.content import workshop as W
from repairbook.ui.widgets import card, close_tree, esc, heading, html_box

log = logging.getLogger(__name__)

#: how often an open page checks that its key still works (a stat of one file)
WATCH_SECONDS = 2


def key_from_query(query: str | None) -> str | None:
    """The one ``key`` value of a query string (None when missing or given twice)."""
    values = parse_qs(query or "", keep_blank_values=True).get("key", [])
    return values[0] if len(values) == 1 else None


def request_query() -> str:
    """The query string of the request that opened this page.

    Voilà puts it in the kernel's environment when it starts the page's kernel, and the
    server's warm kernels get it the same way before the notebook runs (see
    :mod:`repairbook.serve_voila`), so it is read from there. (``voila.utils`` is not
    imported: it pulls in the whole Jupyter server, seconds and tens of megabytes per page.)"""
    return os.environ.get("QUERY_STRING", "")


def request_key() -> str | None:
    """This page's ``key``, or None outside Voilà or without one."""
    if "VOILA_KERNEL_ID" not in os.environ and "QUERY_STRING" not in os.environ:
        return None
    try:
        return key_from_query(request_query())
    except Exception:  # noqa: BLE001 - no request information: no key
        log.exception("no request information")
        return None


def invalid_page() -> w.Widget:
    """The same neutral page for every key that opens nothing. It names no one."""
    box = card(
        heading(W.INVALID_TITLE),
        html_box(f"<p>{esc(W.INVALID_BODY)}</p><p class='rb-muted'>{esc(W.INVALID_NOTE)}</p>"),
        cls="rb-invalid-link",
    )
    box.layout = w.Layout(max_width="640px", margin="48px auto")
    return box


def every(seconds: float, fn: Callable[[], object]) -> Callable[[], None]:
    """Run ``fn`` every ``seconds`` on the kernel's event loop; returns a stop function
    (a no-op outside a running loop, where the caller may call ``fn`` itself)."""
    try:
        from tornado.ioloop import PeriodicCallback

        def tick() -> None:
            fn()

        timer = PeriodicCallback(tick, seconds * 1000)
        timer.start()
    except RuntimeError:  # no event loop (a plain script or a test)
        return lambda: None
    return timer.stop


def close_when_invalid(
    holder: w.Box, still_valid: Callable[[], bool], seconds: float = WATCH_SECONDS
) -> Callable[[], bool]:
    """Watch an open page; when ``still_valid()`` turns False, everything in ``holder`` is
    replaced by the neutral page at once and its widgets are closed. Returns the check."""
    stop: list[Callable[[], None]] = []

    def check() -> bool:
        if still_valid():
            return True
        old = list(holder.children)
        holder.children = (invalid_page(),)
        for child in old:
            close_tree(child)
        for s in stop:
            s()
        return False

    stop.append(every(seconds, check))
    return check


__all__ = [
    "WATCH_SECONDS",
    "close_when_invalid",
    "every",
    "invalid_page",
    "key_from_query",
    "request_key",
    "request_query",
]

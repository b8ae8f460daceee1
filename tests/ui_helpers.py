"""Helpers for widget tests: find widgets in the page's tree by our classes, press buttons,
read what the page shows. No browser: the real ipywidgets, walked through ``.children``."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import ipywidgets as w

from repairbook.content import shared as S
from repairbook.entries import make_entry
from repairbook.store import Workbook
from repairbook.ui import App, Session

#: A low Scrypt cost keeps unlocking fast in tests (the real default is 2**15).
TEST_SCRYPT_N = 2**10
PASSPHRASES = {"Alex": "alex test passphrase", "Sam": "sam test passphrase"}


def walk(root: Any) -> Iterator[w.Widget]:
    """Every widget in the tree under ``root`` (``root`` may be an App), depth first."""
    if isinstance(root, App):
        root = root.widget
    stack = [root]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        yield node
        kids = getattr(node, "children", None)
        if kids:
            stack.extend(reversed(list(kids)))


def classes(widget: Any) -> list[str]:
    return list(getattr(widget, "_dom_classes", ()) or ())


def find_all(root: Any, cls: str) -> list[w.Widget]:
    """Every widget under ``root`` that carries the class ``cls``."""
    return [x for x in walk(root) if cls in classes(x)]


def find(root: Any, cls: str) -> w.Widget:
    """The one widget under ``root`` with class ``cls``; fails clearly when missing or ambiguous."""
    found = find_all(root, cls)
    assert found, f"no widget with class {cls!r} on the page"
    assert len(found) == 1, f"{len(found)} widgets with class {cls!r} on the page"
    return found[0]


def first(root: Any, cls: str) -> w.Widget:
    found = find_all(root, cls)
    assert found, f"no widget with class {cls!r} on the page"
    return found[0]


def has(root: Any, cls: str) -> bool:
    return bool(find_all(root, cls))


def click(button: w.Button) -> None:
    """Press a button as a person would (its on_click handlers run)."""
    assert isinstance(button, w.Button), f"{button!r} is not a button"
    assert not button.disabled, f"button {button.description!r} is disabled"
    button.click()


def press(root: Any, cls: str) -> None:
    click(find(root, cls))  # type: ignore[arg-type]


def set_field(root: Any, name: str, value: Any) -> None:
    """Set the control for form field ``name`` (class ``rb-f-<name>``)."""
    find(root, f"rb-f-{name}").value = value  # type: ignore[attr-defined]


def _strip_tags(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", text))


def texts(root: Any) -> list[str]:
    """Every string the page holds in its widget state: values, descriptions, labels,
    options and tooltips (what the browser would receive)."""
    out: list[str] = []
    for x in walk(root):
        for attr in ("value", "description", "tooltip", "placeholder"):
            v = getattr(x, attr, None)
            if isinstance(v, str) and v:
                out.append(v)
        for label in getattr(x, "_options_labels", ()) or ():
            out.append(str(label))
    return out


def page_text(root: Any) -> str:
    """What the page shows, as plain text (HTML tags stripped, entities decoded)."""
    return "\n".join(_strip_tags(t) for t in texts(root))


def errors(root: Any) -> dict[str, str]:
    """{field: message} for every field error shown (``rb-error-<field>``) that is not empty."""
    out = {}
    for x in walk(root):
        for c in classes(x):
            if c.startswith("rb-error-") and getattr(x, "value", ""):
                out[c.removeprefix("rb-error-")] = _strip_tags(x.value).strip()
    return out


def problems(root: Any) -> list[str]:
    """The alert lines a page shows (``role="alert"``)."""
    return [
        _strip_tags(x.value).strip()
        for x in walk(root)
        if isinstance(getattr(x, "value", None), str) and 'role="alert"' in x.value
    ]


def shows_friendly_error(root: Any) -> bool:
    """True when the page fell back to the friendly 'something went wrong' line."""
    return any(S.FRIENDLY_ERROR in p for p in problems(root))


def status_text(root: Any, cls: str) -> str:
    return _strip_tags(find(root, cls).value).strip()  # type: ignore[attr-defined]


def make_workbook(
    path: Path, *, passphrases: dict[str, str] | None = None, welcomed: bool = True
) -> Path:
    """A fresh workbook for Alex and Sam (with the test passphrases unless ``{}``); with
    ``welcomed`` both have been through the welcome (their hopes are written), so pages
    open straight away instead of at the welcome."""
    wb = Workbook.create(
        path,
        ["Alex", "Sam"],
        passphrases=PASSPHRASES if passphrases is None else passphrases,
        scrypt_n=TEST_SCRYPT_N,
    )
    try:
        if welcomed:
            for name in ("Alex", "Sam"):
                wb.add(make_entry("intention", {"hope": f"{name}'s hope"}, author=name))
    finally:
        wb.close()
    return path


def start_app(path: Path, partner: str | None = None) -> App:
    """The shared page as ``partner`` (default: the first) opens it: they answer "who is
    using the page now?" with their name."""
    app = App(Session(path)).start()
    if app.session.ready:
        n = app.session.partners.index(partner or app.session.partners[0]) + 1
        press(app, f"rb-who-{n}")
    return app


def unlock(app: App, partner: str | None = None) -> None:
    """Unlock the current partner as they would on the page, then rebuild the page."""
    name = partner or app.session.me
    err = app.session.unlock(PASSPHRASES[name])
    assert not err, err
    app.refresh()


def stored(
    path: Path, kind: str, viewer: str | None = None, passphrase: str | None = None
) -> list[Any]:
    """What the workbook on disk holds of ``kind``, read through a fresh connection."""
    wb = Workbook.open(path)
    try:
        if viewer and passphrase:
            wb.unlock(viewer, passphrase)
        return wb.list(kind, viewer=viewer)
    finally:
        wb.close()


def history(path: Path, entry_id: str, viewer: str | None = None) -> list[Any]:
    wb = Workbook.open(path)
    try:
        return wb.history(entry_id, viewer=viewer)
    finally:
        wb.close()


def stable_text(root: Any, *, raw: bool = False) -> str:
    """Page text (or, with ``raw``, every value and label as the browser gets it, HTML and
    images included) without what differs between two equal renders: today's date and
    clock times. Widget ids are not part of it."""
    text = "\n".join(texts(root)) if raw else page_text(root)
    today = date.today()
    for fmt in ("%A %d %B", "%a %d %b %Y", "%d %b %Y"):
        text = text.replace(today.strftime(fmt), "<today>")
    return re.sub(r"\b\d{1,2}:\d{2}\b", "<time>", text)


def open_module(path: Path, n: int, partner: str = "Alex") -> Any:
    """Module ``n`` as ``partner`` would open it (the facilitators' notebooks do the same)."""
    import repairbook.ui as rb

    app = rb.module(n, workbook=str(path), partner=partner)
    assert app.current[0] == "module" and app.session.me == partner
    return app


def add(path: Path, *entries: Any) -> None:
    """Store entries straight into the workbook on disk (set-up for a test)."""
    wb = Workbook.open(path)
    try:
        for e in entries:
            wb.add(e)
    finally:
        wb.close()

"""Hostile text through the real page: a sample of the corpus typed into the Today
check-in note, saved, read back after a reload; a few more saved as lessons and shown
in the lessons list. No payload may run (``window.__pwned`` stays unset, no dialog
opens), no element of theirs may appear, and every string comes back exactly as typed.

What the browser cannot carry is covered by tests/test_hostile.py instead: a textarea
turns CR and CRLF into LF and cannot hold NUL as typed, a lone surrogate never leaves
the page as valid UTF-8, and the megabyte string is sampled there. So the sample here
is one string of each category that a textarea keeps as it is.
"""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from repairbook.entries import make_entry
from repairbook.store import Workbook
from tests.e2e.conftest import open_app
from tests.e2e.helpers import Driver

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "hostile" / "corpus.jsonl"
PARTNERS = ["Alex", "Sam"]

#: categories with nothing a textarea keeps as typed (see the module docstring)
NOT_IN_A_BROWSER = {"surrogate", "long"}


def browser_safe(text: str) -> bool:
    return (
        "\x00" not in text
        and "\r" not in text
        and not any(0xD800 <= ord(c) <= 0xDFFF for c in text)
        and 0 < len(text) <= 3_000
        and bool(text.strip())
    )


def load() -> list[dict[str, Any]]:
    with CORPUS.open(encoding="ascii") as f:
        return [json.loads(line) for line in f]


def sample() -> list[dict[str, Any]]:
    """The first string of every category that a textarea can carry."""
    chosen: dict[str, dict[str, Any]] = {}
    rows = load()
    for r in rows:
        if r["category"] in NOT_IN_A_BROWSER or r["category"] in chosen:
            continue
        if browser_safe(r["text"]) and not r.get("large"):
            chosen[r["category"]] = r
    return list(chosen.values())


def test_the_sample_covers_every_category_a_browser_can_carry() -> None:
    rows = load()
    picked = sample()
    assert {r["category"] for r in picked} == {r["category"] for r in rows} - NOT_IN_A_BROWSER
    assert 25 <= len(picked) <= 40
    assert all(browser_safe(r["text"]) for r in picked)


def couple(folder: Path) -> Path:
    """A couple past the welcome (an intention each, no passphrases): the app opens on
    Today as the first partner."""
    wb = Workbook.create(folder, PARTNERS)
    for p in PARTNERS:
        wb.add(make_entry("intention", {"hope": "To feel at ease together again."}, author=p))
    wb.close()
    return folder


def answer_who(page: Any) -> None:
    """After a reload the shared page asks who is using it: the first partner answers."""
    page.wait_for_selector(".rb-page-who")
    page.locator(".rb-who-1").click()


def watch(page: Any) -> list[str]:
    dialogs: list[str] = []

    def seen(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", seen)
    return dialogs


def assert_inert(page: Any, dialogs: list[str], where: str) -> None:
    assert page.evaluate("() => window.__pwned") is None, where
    assert dialogs == [], where
    app = page.locator(".rb-app")
    assert app.locator("script").count() == 0, where
    assert app.locator("[onerror], [onload], [onfocus], [onmouseover], [ontoggle]").count() == 0
    assert app.locator('img[src="x"], iframe, object, embed, math').count() == 0, where
    assert "Traceback" not in page.content(), where


def todays_note(folder: Path, author: str) -> str:
    wb = Workbook.open(folder)
    try:
        (checkin,) = wb.list("checkin", author=author)
        return str(checkin.note)  # type: ignore[attr-defined]
    finally:
        wb.close()


def as_partner(d: Driver, name: str) -> None:
    page = d.page
    d.act(page.locator(".rb-partner-switch button", has_text=name).first.click)
    # Today is rebuilt for them: their greeting, then their own check-in in the form
    page.wait_for_selector(f'.rb-page-today h2:has-text("Hello, {name}.")')
    page.wait_for_selector(".rb-checkin-save")


def test_hostile_notes_survive_save_and_reload(tmp_path: Path, new_page, served) -> None:  # type: ignore[no-untyped-def]
    """Each partner types a string into their own note and saves; then the page is
    reloaded (a new kernel, everything read from the workbook) and both notes are read
    back, the second after switching partner. Two strings per reload keep the test to
    half the page loads."""
    folder = couple(tmp_path / "wb")
    srv = served(folder)
    strings = sample()
    pairs = [strings[i : i + 2] for i in range(0, len(strings), 2)]
    page = new_page()
    d = Driver(page)
    dialogs = watch(page)
    open_app(page, srv.url)
    page.wait_for_selector(".rb-checkin-save")
    typed: dict[str, dict[str, Any]] = {}
    for pair in [*pairs, []]:
        for n, who in enumerate(PARTNERS):
            if n:
                as_partner(d, who)
            box = page.locator(".rb-f-note textarea").first
            if who in typed:
                # read from the workbook after the reload, not from what was typed
                assert box.input_value() == typed[who]["text"], (who, typed[who]["id"])
                assert_inert(page, dialogs, typed[who]["id"])
            else:
                page.locator(".rb-f-honest button", has_text="Yes").click()
                page.locator(".rb-f-same_argument button", has_text="No").click()
            if n >= len(pair):
                continue
            row = pair[n]
            box.fill(row["text"])
            d.act(partial(box.press, "Tab"))  # widgets sync on blur
            page.locator(".rb-checkin-save").click()
            page.wait_for_selector(".rb-checkin-status .rb-saved")
            assert todays_note(folder, who) == row["text"], row["id"]
            assert_inert(page, dialogs, row["id"])
            typed[who] = row
        if pair:
            page.reload()
            answer_who(page)
            page.wait_for_selector(".rb-checkin-save")


#: three strings per lesson (what went wrong, the lesson, the habit), all single-line
#: markup: the list shows each one as the characters typed
LESSONS = [
    ("html_script-001", "html_event-001", "js_url-008"),
    ("attr_breakout-001", "attr_breakout-011", "svg_mathml-002"),
    ("svg_mathml-001", "html_event-002", "css-001"),
    ("markdown-001", "latex-001", "xml-003"),
]
LESSON_FIELDS = ("what_went_wrong", "lesson", "habit")


def test_hostile_lessons_show_as_text_in_the_list(tmp_path: Path, new_page, served) -> None:  # type: ignore[no-untyped-def]
    folder = couple(tmp_path / "wb")
    by_id = {r["id"]: r["text"] for r in load()}
    srv = served(folder)
    page = new_page()
    d = Driver(page)
    dialogs = watch(page)
    open_app(page, srv.url)
    page.wait_for_selector(".rb-checkin-save")
    page.locator(".rb-nav-journey").first.click()
    page.locator(".rb-open-module-13").first.click()
    page.wait_for_selector(".rb-lesson-save")
    for n, ids in enumerate(LESSONS, 1):
        since = d.seq
        for field, sid in zip(LESSON_FIELDS, ids, strict=True):
            box = page.locator(f".rb-f-{field} textarea").first
            box.fill(by_id[sid])
            box.press("Tab")  # widgets sync on blur
        d.settle(since)  # the three fields reached the kernel
        d.act(page.locator(".rb-lesson-save").first.click)
        page.wait_for_function(
            "n => document.querySelectorAll('.rb-list-lesson .rb-item').length >= n", arg=n
        )
        items = page.locator(".rb-list-lesson .rb-item")
        shown = " ".join(items.nth(i).inner_text() for i in range(items.count()))
        for sid in ids:
            assert by_id[sid] in shown, sid  # the markup is there, as the characters typed
        assert_inert(page, dialogs, ids[0])
    assert page.locator(".rb-app").is_visible()  # no typed style hid the app
    wb = Workbook.open(folder)
    try:
        kept = {tuple(getattr(e, f) for f in LESSON_FIELDS) for e in wb.list("lesson")}
    finally:
        wb.close()
    assert kept == {tuple(by_id[i] for i in ids) for ids in LESSONS}
    page.reload()
    answer_who(page)
    page.wait_for_selector(".rb-checkin-save")
    assert_inert(page, dialogs, "after reload")

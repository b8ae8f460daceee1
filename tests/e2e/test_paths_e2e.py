"""The paths around the journey in a real browser at 390 px (issue 18): Alex uses the
workbook alone because Sam never joined. Today leads to "On my own for now"; Alex says
they go on alone and undoes it; on module 13 Alex takes a lesson back for good, after
the page said what happens to backups. Nothing runs wider than the phone."""

from __future__ import annotations

from pathlib import Path

import pytest

from repairbook.content import paths as P
from repairbook.entries import make_entry
from repairbook.store import Workbook
from tests.e2e.helpers import PARTNERS, PASSPHRASES, Driver, on_disk

pytestmark = pytest.mark.e2e

CANARY = "LESSON-TAKEN-BACK-canary-5e1"


def _alone(folder: Path) -> Path:
    wb = Workbook.create(folder, PARTNERS, passphrases=PASSPHRASES, scrypt_n=2**10)
    wb.add(make_entry("intention", {"hope": "To feel steady again."}, author="Alex"))
    wb.add(
        make_entry(
            "lesson", {"what_went_wrong": CANARY, "lesson": "l", "habit": "h"}, author="Alex"
        )
    )
    wb.close()
    return folder


def _fits(d: Driver) -> None:
    width = d.page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width} px wide on a 390 px phone"


def test_on_my_own_and_taking_words_back_on_a_phone(tmp_path: Path, new_page, served) -> None:  # type: ignore[no-untyped-def]
    folder = _alone(tmp_path / "wb")
    srv = served(folder)
    d = Driver(new_page(390, 844)).open(srv.url)
    d.page.wait_for_selector(".rb-page-today .rb-solo-link")
    assert P.SOLO_WHY["not_joined"].format(other="Sam") in d.text(".rb-solo-link")
    d.click("rb-open-solo")
    d.page.wait_for_selector(".rb-page-solo")
    _fits(d)
    d.click("rb-solo-alone")
    d.page.wait_for_selector(f".rb-page-solo .rb-solo-why:has-text('{P.SOLO_WHY['left']}')")
    d.click("rb-solo-together")
    d.page.wait_for_selector(".rb-page-solo .rb-solo-alone")

    # a module that needs both says so, and leads back to what can be done alone
    d.module(8)
    assert P.SOLO_NEEDS_BOTH in d.text(".rb-needs-both")

    # taking a lesson back: first Alex shows it is them (a shared page), then deletes
    d.nav("private")
    d.fill("rb-unlock-passphrase", PASSPHRASES["Alex"])
    d.click("rb-unlock")
    d.page.wait_for_selector(".rb-page-private .rb-lock-now")
    d.module(13)
    assert CANARY in d.text(".rb-list-lesson")
    d.click("rb-delete-open")
    assert P.DELETE_BACKUPS_NONE in d.text(".rb-delete-explain")
    _fits(d)
    d.click("rb-delete-confirm")
    d.page.wait_for_selector(".rb-deleted")
    assert CANARY not in d.page.inner_text("body")
    with on_disk(folder) as wb:
        assert wb.list("lesson") == []

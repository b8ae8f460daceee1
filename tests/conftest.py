"""Small shared fixtures: a fresh two-partner workbook and a check-in maker."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from repairbook.entries import Entry, make_entry
from repairbook.store import Workbook

#: Tests press the same button twice on purpose, at machine speed: no grace spell after an
#: action (the page's default, 0.3 s, is covered by tests/ui/test_ui_busy.py).
os.environ.setdefault("REPAIRBOOK_CLICK_GRACE", "0")

#: A low Scrypt cost keeps unlocking fast in tests (the real default is 2**17).
TEST_SCRYPT_N = 2**10
PASSPHRASES = {"Alex": "alex test passphrase", "Sam": "sam test passphrase"}


def checkin_data(**overrides: Any) -> dict[str, Any]:
    """The fields of a valid daily check-in; override any of them."""
    data: dict[str, Any] = {
        # a recent day: the store refuses dates long before the workbook was started
        "day": (date.today() - timedelta(days=3)).isoformat(),
        "trust": 6,
        "safety": 7,
        "connection": 5,
        "honest": True,
        "affection": 2,
        "same_argument": False,
        "urge_to_check": 3,
        "note": "",
    }
    data.update(overrides)
    return data


def make_checkin(author: str = "Alex", *, private: bool = False, **fields: Any) -> Entry:
    """A validated check-in entry ready for ``Workbook.add``."""
    return make_entry(
        "checkin",
        checkin_data(**fields),
        author=author,
        visibility="private" if private else None,
    )


@pytest.fixture
def workbook_path(tmp_path: Path) -> Path:
    """A workbook folder for Alex and Sam, both with passphrases; closed again."""
    folder = tmp_path / "wb"
    Workbook.create(
        folder, ["Alex", "Sam"], passphrases=PASSPHRASES, scrypt_n=TEST_SCRYPT_N
    ).close()
    return folder


@pytest.fixture
def workbook(workbook_path: Path) -> Iterator[Workbook]:
    """An open workbook for Alex and Sam; both partners are unlocked."""
    wb = Workbook.open(workbook_path)
    for name, phrase in PASSPHRASES.items():
        wb.unlock(name, phrase)
    yield wb
    wb.close()

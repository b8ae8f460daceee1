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


# -- running on two workers (`make test`: pytest-xdist, -n 2 --dist loadgroup) ----------------

_SHARED_SCOPES = {"class", "module", "package"}

#: These start and stop whole servers one after another and then look at the process
#: table, the port and the 127.0.0.2 alias (tests/e2e/test_server_*.py): one worker runs
#: them all, in turn, so no two of them run at once.
_ONE_AT_A_TIME = {"tests/e2e/test_server_": "servers"}


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A module whose tests share a server, a hub or a kernel (a module-scoped fixture)
    runs on one worker, so that fixture starts once; so do the server lifecycle modules
    above, together. Every other test goes to whichever worker is free."""
    if not config.pluginmanager.hasplugin("xdist"):
        return
    groups: dict[str, str] = {}
    for item in items:
        module = item.nodeid.split("::", 1)[0]
        info = getattr(item, "_fixtureinfo", None)
        defs = info.name2fixturedefs.values() if info is not None else ()
        if any(fd.scope in _SHARED_SCOPES for group in defs for fd in group):
            groups.setdefault(module, module)
        for prefix, name in _ONE_AT_A_TIME.items():
            if module.startswith(prefix):
                groups[module] = name
    for item in items:
        module = item.nodeid.split("::", 1)[0]
        if module in groups and not item.get_closest_marker("xdist_group"):
            item.add_marker(pytest.mark.xdist_group(groups[module]))

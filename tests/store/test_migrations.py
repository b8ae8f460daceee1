"""The committed format-1 workbook opens and migrates to the current format."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest

from repairbook.store import Workbook, check_workbook
from repairbook.store.schema import MIGRATIONS, SCHEMA_VERSION
from tests.fixtures.make_v1_workbook import ENTRIES, build

FIXTURE = Path(__file__).parent.parent / "fixtures" / "v1_workbook" / "workbook.sqlite"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def v1_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "old"
    folder.mkdir()
    shutil.copy(FIXTURE, folder / "workbook.sqlite")
    return folder


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_fixture_is_format_1(v1_copy: Path) -> None:
    report = check_workbook(v1_copy)  # check never migrates
    assert report.schema_version == 1
    assert report.counts == {"checkin": 2, "intention": 1, "promise": 1, "trigger": 1}


def test_v1_opens_and_migrates(v1_copy: Path) -> None:
    before = sha(FIXTURE)
    with Workbook.open(v1_copy) as wb:
        assert wb.schema_version() == SCHEMA_VERSION
        names = [r[0] for r in wb._read("SELECT name FROM migrations ORDER BY name")]
        assert names == [name for name, _ in MIGRATIONS]
        assert wb.partners == ["Alex", "Sam"]
        assert not wb.has_passphrase("Alex")
        entries = {e.id: e for e in wb.list()}
        assert set(entries) == {eid for eid, *_ in ENTRIES}
        for eid, kind, author, _created, fields in ENTRIES:
            e = entries[eid]
            assert (e.kind, e.author, e.visibility) == (kind, author, "shared")
            content = e.content()
            for key, value in fields.items():
                if key in ("due", "resolved_at"):
                    continue  # times read back as aware datetimes
                assert content[key] == value, (kind, key)
            assert wb.version(eid) == 1
            hist = wb.history(eid)
            assert len(hist) == 1 and hist[0] == e
        # the migrated workbook works like a new one: edits keep history
        wb.update("00000000000000000000000000000002", {"trust": 4}, by="Alex")
        assert [h.trust for h in wb.history("00000000000000000000000000000002")] == [3, 4]  # type: ignore[attr-defined]
    report = check_workbook(v1_copy)
    assert report.ok, report.problems
    assert report.schema_version == SCHEMA_VERSION
    assert sha(FIXTURE) == before  # only the copy changed


def test_fixture_unchanged_in_git() -> None:
    done = subprocess.run(
        ["git", "status", "--porcelain", "--", str(FIXTURE)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.skip("the suite runs from an unpacked copy without git: nothing to compare")
    assert done.stdout.strip() == ""
    assert not FIXTURE.with_name("workbook.sqlite-wal").exists()


def test_fixture_script_rebuilds_the_same_workbook(tmp_path: Path) -> None:
    rebuilt = build(tmp_path / "workbook.sqlite")
    a = sqlite_dump(rebuilt)
    b = sqlite_dump(FIXTURE, copy_to=tmp_path / "c.sqlite")
    assert a == b


def sqlite_dump(path: Path, copy_to: Path | None = None) -> list[str]:
    import sqlite3

    if copy_to is not None:
        shutil.copy(path, copy_to)
        path = copy_to
    db = sqlite3.connect(path)
    lines = list(db.iterdump())
    db.close()
    return lines

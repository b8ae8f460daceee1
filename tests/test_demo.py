"""The demo couple: every kind used, a believable arc, reproducible from its seed."""

from __future__ import annotations

import statistics
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from repairbook.demo import DEMO_PASSPHRASES, PARTNERS, make_demo
from repairbook.entries import KINDS, Entry
from repairbook.store import StoreError, Workbook, check_workbook

TODAY = date(2025, 6, 1)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> list[Entry]:
    folder = tmp_path_factory.mktemp("demo") / "wb"
    wb = make_demo(folder, days=120, seed=7, today=TODAY)
    for name, phrase in DEMO_PASSPHRASES.items():
        wb.unlock(name, phrase)
    entries = {e.id: e for name in PARTNERS for e in wb.list(viewer=name)}
    wb.close()
    return sorted(entries.values(), key=lambda e: (e.created, e.kind))


def of(entries: list[Entry], kind: str) -> list[Any]:
    return [e for e in entries if e.kind == kind]


def test_every_kind_is_used(demo: list[Entry]) -> None:
    assert {e.kind for e in demo} == set(KINDS)


def test_private_kinds_are_private_and_both_partners_write(demo: list[Entry]) -> None:
    for e in demo:
        if KINDS[e.kind].private_only:
            assert e.visibility == "private"
    assert {e.author for e in of(demo, "checkin")} == set(PARTNERS)
    assert {e.author for e in of(demo, "journal")} == set(PARTNERS)


def test_trust_rises(demo: list[Entry]) -> None:
    checkins = of(demo, "checkin")
    first = [c.trust for c in checkins if c.day < TODAY - timedelta(days=105)]
    last = [c.trust for c in checkins if c.day > TODAY - timedelta(days=14)]
    assert first and last
    assert statistics.mean(last) > statistics.mean(first) + 2
    # unevenly: some day-to-day drops along the way
    alex = [c.trust for c in checkins if c.author == "Alex"]
    assert sum(b < a for a, b in zip(alex, alex[1:], strict=False)) > 10


def test_triggers_get_shorter(demo: list[Entry]) -> None:
    triggers = of(demo, "trigger")
    half = len(triggers) // 2
    early = statistics.median(t.recovery_minutes for t in triggers[:half])
    late = statistics.median(t.recovery_minutes for t in triggers[half:])
    assert late < early
    first_month = [t for t in triggers if t.created.date() < TODAY - timedelta(days=90)]
    last_month = [t for t in triggers if t.created.date() > TODAY - timedelta(days=30)]
    assert len(last_month) < len(first_month)  # and rarer


def test_some_promises_broken_and_a_tabled_conversation(demo: list[Entry]) -> None:
    statuses = [p.status for p in of(demo, "promise")]
    assert statuses.count("broken") >= 1
    assert statuses.count("kept") > statuses.count("broken")
    assert "kept_late" in statuses
    tabled = [c for c in of(demo, "conversation_plan") if c.status == "tabled"]
    assert tabled and all(c.return_at is not None for c in tabled)


def test_edits_have_history(tmp_path: Path) -> None:
    with make_demo(tmp_path / "wb", days=60, seed=1, today=TODAY) as wb:
        (apology,) = wb.list("apology")
        assert len(wb.history(apology.id)) == 2


def numbers(folder: Path) -> list[tuple[Any, ...]]:
    """Everything but the random ids (and the fields that point at them)."""
    out = []
    with Workbook.open(folder) as wb:
        for e in wb.list():
            content = {k: v for k, v in e.content().items() if not k.endswith("_id")}
            out.append((e.kind, e.author, e.created.isoformat(), sorted(content.items())))
    return out


def test_same_seed_same_couple(tmp_path: Path) -> None:
    make_demo(tmp_path / "a", days=45, seed=11, today=TODAY).close()
    make_demo(tmp_path / "b", days=45, seed=11, today=TODAY).close()
    make_demo(tmp_path / "c", days=45, seed=12, today=TODAY).close()
    assert numbers(tmp_path / "a") == numbers(tmp_path / "b")
    assert numbers(tmp_path / "a") != numbers(tmp_path / "c")


@pytest.mark.slow
def test_two_years_from_the_command_line(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from repairbook.cli import cli

    result = CliRunner().invoke(cli, ["--workbook", str(tmp_path / "wb"), "demo", "--days", "730"])
    assert result.exit_code == 0, result.output
    assert "over 730 days" in result.stdout
    with Workbook.open(tmp_path / "wb") as wb:
        counts = wb.counts()
    assert counts["checkin"] > 1000
    assert set(counts) == set(KINDS)
    assert check_workbook(tmp_path / "wb", dict(DEMO_PASSPHRASES)).ok


@pytest.mark.parametrize("days", [1, 2, 5])
def test_very_short_demos_work(tmp_path: Path, days: int) -> None:
    with make_demo(tmp_path / "wb", days=days, seed=7, today=TODAY) as wb:
        assert wb.counts()["checkin"] >= 1


def test_demo_never_replaces_a_real_workbook(tmp_path: Path) -> None:
    Workbook.create(tmp_path / "wb", ["Kim", "Lee"]).close()
    with pytest.raises(StoreError, match="already holds a workbook"):
        make_demo(tmp_path / "wb")
    with pytest.raises(StoreError, match="never replaces"):
        make_demo(tmp_path / "wb", force=True)
    with Workbook.open(tmp_path / "wb") as wb:
        assert wb.partners == ["Kim", "Lee"]

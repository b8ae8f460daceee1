"""Unanswered is not a number, through the CLI: a check-in with only ``trust`` answered is
accepted; the other items are null in ``list --json`` and skipped (not zero) in progress."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from click.testing import CliRunner

from repairbook.cli import cli
from repairbook.progress import progress_report
from repairbook.store import Workbook
from tests.conftest import PASSPHRASES, TEST_SCRYPT_N

ITEMS = ("safety", "connection", "honest", "affection", "same_argument", "urge_to_check")


def _run(folder: Path, *args: str) -> tuple[int, str]:
    res = CliRunner().invoke(cli, ["--workbook", str(folder), *args], catch_exceptions=False)
    return res.exit_code, res.output


def test_a_checkin_with_only_trust_keeps_the_rest_null(tmp_path: Path) -> None:
    folder = tmp_path / "wb"
    Workbook.create(
        folder, ["Alex", "Sam"], passphrases=PASSPHRASES, scrypt_n=TEST_SCRYPT_N
    ).close()
    today = date.today()
    for i, trust in enumerate((2, 8)):
        day = (today - timedelta(days=i)).isoformat()
        code, out = _run(
            folder,
            "add",
            "checkin",
            "--author",
            "Alex",
            "--json",
            json.dumps({"day": day, "trust": trust}),
        )
        assert code == 0, out
    # nothing answered at all is refused with a sentence, and nothing is written
    code, out = _run(
        folder,
        "add",
        "checkin",
        "--author",
        "Sam",
        "--json",
        json.dumps({"day": today.isoformat()}),
    )
    assert code == 1 and "at least one question" in out
    code, out = _run(folder, "list", "checkin", "--json")
    assert code == 0, out
    rows = json.loads(out)
    assert len(rows) == 2
    for row in rows:
        body = row.get("content", row)
        for k in ITEMS:
            assert k in body and body[k] is None, (k, row)
    # progress skips the unanswered items: a mean of the answered trust, no zeros anywhere
    with Workbook.open(folder) as wb:
        entries = wb.list("checkin")
    daily = progress_report(entries, ["Alex", "Sam"], today=today).frames["daily"]
    alex = daily[daily["partner"] == "Alex"]
    assert sorted(alex["trust"].dropna().tolist()) == [2.0, 8.0]
    assert alex["safety"].isna().all() and alex["connection"].isna().all()

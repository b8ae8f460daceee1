"""A summary for a counsellor: a real PDF (pdftoppm renders it, pdftotext reads it) that
holds the maker's chosen entries, never the other partner's private entries, and the
other's shared entries only once they agreed."""

from __future__ import annotations

import os
import subprocess
from datetime import timedelta
from pathlib import Path

from click.testing import CliRunner

from repairbook.cli import cli
from repairbook.couple import Couple
from repairbook.entries import make_entry
from repairbook.store import Workbook
from tests.ui_helpers import PASSPHRASES, add, make_workbook

MINE = "MINE-CHOSEN-canary-31"
MINE_NOT_CHOSEN = "MINE-LEFT-OUT-canary-32"
THEIR_PRIVATE = "SAM-PRIVATE-canary-33"
THEIR_SHARED = "SAM-SHARED-canary-34"


def _workbook(tmp_path: Path) -> tuple[Path, str]:
    path = make_workbook(tmp_path / "wb")
    c = Couple(path)
    today = c.today()
    chosen = make_entry(
        "lesson", {"what_went_wrong": MINE, "lesson": "l", "habit": "h"}, author="Alex"
    )
    add(
        path,
        chosen,
        make_entry(
            "lesson",
            {"what_went_wrong": MINE_NOT_CHOSEN, "lesson": "l", "habit": "h"},
            author="Alex",
        ),
        make_entry("i_statement", {"text": THEIR_SHARED}, author="Sam"),
        *[
            make_entry(
                "checkin",
                {"day": today - timedelta(days=d), "trust": 4 + d % 3, "safety": 6},
                author=who,
            )
            for d in range(10)
            for who in ("Alex", "Sam")
        ],
        make_entry(
            "agreement",
            {
                "area": "privacy",
                "text": "We knock before opening a closed door.",
                "accepted_by": ["Alex", "Sam"],
            },
            author="Alex",
        ),
    )
    wb = Workbook.open(path)
    wb.unlock("Sam", PASSPHRASES["Sam"])
    wb.add(make_entry("journal", {"text": THEIR_PRIVATE}, author="Sam", visibility="private"))
    wb.close()
    return path, chosen.id


def _text(pdf: Path, tmp_path: Path) -> str:
    # a real outside reader renders every page ...
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(pdf), str(tmp_path / "page")], check=True)
    assert list(tmp_path.glob("page*.png"))
    # ... and another extracts its words
    out = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True)
    return out.stdout


def _make(path: Path, out: Path, chosen: str) -> str:
    env = {**os.environ, "REPAIRBOOK_PASSPHRASE": PASSPHRASES["Alex"]}
    res = CliRunner().invoke(
        cli,
        [
            "--workbook",
            str(path),
            "summary",
            "--partner",
            "Alex",
            "--weeks",
            "4",
            "--include",
            chosen,
            "--out",
            str(out),
        ],
        env=env,
    )
    assert res.exit_code == 0, res.output
    assert "yours to carry and to delete" in res.output
    return _text(out, out.parent)


def test_the_summary_holds_what_it_may_and_nothing_else(tmp_path: Path) -> None:
    path, chosen = _workbook(tmp_path)
    text = _make(path, tmp_path / "before.pdf", chosen)
    assert "How the check-ins went" in text and "Trust" in text
    assert "We knock before opening" in " ".join(text.split())
    assert MINE in text and MINE_NOT_CHOSEN not in text
    assert THEIR_PRIVATE not in text
    assert THEIR_SHARED not in text  # Sam has not agreed yet

    c = Couple(path)
    c.switch("Alex")
    c.ask_summary_agreement()
    assert c.summary_agreement() == "asked"
    c.switch("Sam")  # at Sam's next visit
    c.answer_summary_agreement(True)
    c.wb.close()  # type: ignore[union-attr]

    text = _make(path, tmp_path / "after.pdf", chosen)
    assert THEIR_SHARED in text and THEIR_PRIVATE not in text

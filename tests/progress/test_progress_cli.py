"""`repairbook progress` and `repairbook signals` on a demo workbook and an empty one."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from repairbook.cli import cli
from repairbook.content import progress as W
from repairbook.demo import DEMO_PASSPHRASES, make_demo
from repairbook.progress import MARKERS, SIGNAL_NAMES
from repairbook.store import Workbook

TODAY = date(2026, 11, 1)


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("cli") / "wb"
    make_demo(folder, days=200, today=TODAY).close()
    return folder


def run(folder: Path, *args: str, passphrase: str | None = None):
    env = {"REPAIRBOOK_PASSPHRASE": passphrase} if passphrase else {"REPAIRBOOK_PASSPHRASE": ""}
    return CliRunner().invoke(cli, ["--workbook", str(folder), *args], env=env)


def test_progress_prints_the_map_the_summaries_and_the_wins(demo: Path):
    res = run(demo, "progress")
    assert res.exit_code == 0, res.output
    out = res.output
    assert W.TIMELINE_TITLE in out and "on this map" in out
    for key in MARKERS:
        assert W.MARKERS[key]["title"] in out
    assert W.CLI_HEADING_WINS in out and W.CLI_HEADING_SIGNALS in out
    assert "Traceback" not in out


def test_progress_json_shape(demo: Path):
    res = run(demo, "progress", "--json")
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["partners"] == ["Alex", "Sam"]
    assert set(data["summaries"]) == set(MARKERS)
    assert data["timeline"]["stage"] in {s["key"] for s in data["timeline"]["stages"]}
    promises = data["markers"]["promises"]
    assert {"week", "partner", "due", "kept", "rate", "minutes_late"} <= set(promises[0])
    assert any(r["minutes_late"] is None for r in promises)  # gaps are null, not 0
    assert {r["ritual"] for r in data["streaks"]} == {"care_act", "repair_checkin", "fun_date"}
    assert all(w["audience"] == "both" for w in data["wins"])
    assert all(s["audience"] == "both" for s in data["signals"])


def test_signals_json_is_an_array_of_named_signals_with_reasons(demo: Path):
    res = run(demo, "signals", "--json")
    assert res.exit_code == 0, res.output
    items = json.loads(res.output)
    assert isinstance(items, list)
    for s in items:
        assert s["name"] in SIGNAL_NAMES
        assert s["reasons"] and all(isinstance(r, str) for r in s["reasons"])
        assert isinstance(s["entry_ids"], list) and s["entry_ids"]
        assert s["private"] is False and s["audience"] == "both"


def test_partner_adds_signals_from_their_private_entries_only(demo: Path):
    alex = json.loads(
        run(
            demo, "signals", "--json", "--partner", "alex", passphrase=DEMO_PASSPHRASES["Alex"]
        ).output
    )
    private = [s for s in alex if s["private"]]
    assert [s["name"] for s in private] == ["therapist"]
    assert private[0]["audience"] == "Alex"
    assert "betrayal or addiction" in private[0]["reasons"][0]
    with Workbook.open(demo) as wb:
        wb.unlock("Alex", DEMO_PASSPHRASES["Alex"])
        screen = wb.list("safety_screen", viewer="Alex")[0]
    assert private[0]["entry_ids"] == [screen.id]
    sam = json.loads(
        run(
            demo, "signals", "--json", "--partner", "Sam", passphrase=DEMO_PASSPHRASES["Sam"]
        ).output
    )
    assert not any(s["audience"] == "Alex" for s in sam)
    shared = json.loads(run(demo, "signals", "--json").output)
    assert not any(s["private"] for s in shared)


def test_partner_with_a_wrong_passphrase_gets_one_sentence(demo: Path):
    for cmd in ("signals", "progress"):
        res = run(demo, cmd, "--partner", "Alex", passphrase="not the right one")
        assert res.exit_code == 1
        assert "Traceback" not in res.output
        lines = [ln for ln in res.output.splitlines() if ln.strip()]
        assert len(lines) == 1 and "passphrase" in lines[0]


def test_unknown_partner_is_one_sentence(demo: Path):
    res = run(demo, "signals", "--partner", "Robin")
    assert res.exit_code == 1 and "Robin is not a partner" in res.output


def test_png_writes_every_chart_and_none_is_blank(demo: Path, tmp_path: Path):
    import matplotlib.image as mpimg

    out = tmp_path / "charts"
    res = run(demo, "progress", "--png", str(out))
    assert res.exit_code == 0, res.output
    files = sorted(p.name for p in out.glob("*.png"))
    assert files == sorted([*(f"{k}.png" for k in MARKERS), "timeline.png", "overview.png"])
    for name in files:
        img = mpimg.imread(io.BytesIO((out / name).read_bytes()))
        assert float(np.std(img[..., :3])) > 0.01, name


def test_png_into_a_file_is_refused(demo: Path, tmp_path: Path):
    afile = tmp_path / "not-a-folder"
    afile.write_text("x")
    res = run(demo, "progress", "--png", str(afile))
    assert res.exit_code == 1 and "needs a folder" in res.output


def test_empty_workbook(tmp_path: Path):
    folder = tmp_path / "empty"
    Workbook.create(folder, ["Alex", "Sam"]).close()
    res = run(folder, "signals", "--json")
    assert res.exit_code == 0 and json.loads(res.output) == []
    res = run(folder, "progress")
    assert res.exit_code == 0 and W.TIMELINE_EMPTY in res.output
    assert W.CLI_NO_SIGNALS.split(".")[0] in " ".join(res.output.split())

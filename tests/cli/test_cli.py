"""The `repairbook` command: the documented contract, through click's CliRunner and a
real `python -m repairbook` child process, and one clear sentence for each bad input."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner, Result

from repairbook.cli import cli
from repairbook.entries import KINDS
from repairbook.store import Workbook
from repairbook.store.schema import SCHEMA_VERSION
from tests.conftest import PASSPHRASES, checkin_data

ROOT = Path(__file__).resolve().parents[2]
ID = re.compile(r"^[0-9a-f]{32}$")


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("REPAIRBOOK_WORKBOOK", "REPAIRBOOK_PASSPHRASE", "REPAIRBOOK_BUSY_TIMEOUT_MS"):
        monkeypatch.delenv(var, raising=False)


def run(folder: Path | None, *args: str, input: str | None = None, **env: str) -> Result:
    argv = (["--workbook", str(folder)] if folder else []) + list(args)
    return CliRunner().invoke(cli, argv, input=input, env=env or None, catch_exceptions=False)


def ok(folder: Path | None, *args: str, **kw: Any) -> str:
    result = run(folder, *args, **kw)
    assert result.exit_code == 0, result.stderr + result.stdout
    return result.stdout


def assert_one_sentence(result: Result, *needles: str) -> None:
    """A user error: non-zero exit, one line on stderr, no traceback, nothing on stdout."""
    assert result.exit_code != 0
    err = result.stderr.strip()
    assert len(err.splitlines()) == 1, err
    assert err.startswith("repairbook: ")
    assert "Traceback" not in err and "Error:" not in err
    assert result.stdout == ""
    for n in needles:
        assert n in err, err


def snapshot(folder: Path) -> dict[str, Any]:
    """What a user could see changed: entries, versions, partners, schema."""
    db = sqlite3.connect(f"file:{folder / 'workbook.sqlite'}?mode=ro", uri=True)
    try:
        return {
            "entries": db.execute("SELECT id, version, body FROM entries ORDER BY id").fetchall(),
            "versions": db.execute("SELECT COUNT(*) FROM entry_versions").fetchone(),
            "partners": db.execute("SELECT * FROM partners").fetchall(),
            "meta": db.execute("SELECT * FROM meta ORDER BY key").fetchall(),
        }
    finally:
        db.close()


@pytest.fixture
def wb(tmp_path: Path) -> Path:
    """A workbook made with `repairbook init`, Alex with a passphrase, Sam without."""
    folder = tmp_path / "wb"
    out = ok(folder, "init", "--partner", "Alex", "--partner", "Sam")
    assert "Alex and Sam" in out
    ok(folder, "passphrase", "--partner", "Alex", REPAIRBOOK_PASSPHRASE=PASSPHRASES["Alex"])
    return folder


def add(
    folder: Path, kind: str, data: dict[str, Any], author: str = "Alex", *extra: str, **env: str
) -> str:
    out = ok(folder, "add", kind, "--author", author, "--json", json.dumps(data), *extra, **env)
    eid = out.strip()
    assert ID.match(eid), out
    return eid


def list_json(folder: Path, *args: str, **env: str) -> list[dict[str, Any]]:
    data = json.loads(ok(folder, "list", *args, "--json", **env))
    assert isinstance(data, list)
    return data


# --- the contract ----------------------------------------------------------------------


def test_init_add_list_show(wb: Path) -> None:
    eid = add(wb, "checkin", checkin_data(trust=7, note="steady"))
    items = list_json(wb, "checkin")
    assert [i["id"] for i in items] == [eid]
    item = items[0]
    assert item["kind"] == "checkin" and item["author"] == "Alex"
    assert item["visibility"] == "shared" and item["schema_version"] >= 1
    for key in ("id", "kind", "author", "created", "updated", "visibility", "schema_version"):
        assert key in item
    shown = json.loads(ok(wb, "show", eid))
    assert shown == item
    assert list_json(wb) == items  # no kind: every kind
    assert list_json(wb, "promise") == []
    assert eid in ok(wb, "list")


def test_daily_checkin_contract(wb: Path) -> None:
    data = {
        "day": datetime.now(UTC).date().isoformat(),
        "trust": 6,
        "safety": 7,
        "connection": 5,
        "honest": True,
        "affection": 3,
        "same_argument": False,
        "urge_to_check": 2,
        "note": "We walked after dinner.",
    }
    add(wb, "checkin", data, "Sam")
    (item,) = list_json(wb, "checkin")
    assert {k: item[k] for k in data} == data


def test_promise_and_trigger_contract(wb: Path) -> None:
    due = (datetime.now(UTC) + timedelta(hours=5)).replace(microsecond=0)
    add(wb, "promise", {"text": "Call at lunch", "due": due.isoformat(), "status": "open"}, "Sam")
    past = (datetime.now(UTC) - timedelta(days=1)).replace(microsecond=0).isoformat()
    add(
        wb,
        "promise",
        {"text": "Be home by six", "due": past, "status": "kept_late", "minutes_late": 25},
        "Sam",
    )
    promises = list_json(wb, "promise")
    assert [p["status"] for p in promises] == ["open", "kept_late"]
    assert [p["minutes_late"] for p in promises] == [None, 25]
    assert {"text", "due", "status", "minutes_late"} <= set(promises[0])
    add(
        wb,
        "trigger",
        {"what_happened": "A late reply.", "intensity": 6, "recovery_minutes": 40},
    )
    (t,) = list_json(wb, "trigger")
    assert (t["what_happened"], t["intensity"], t["recovery_minutes"]) == ("A late reply.", 6, 40)


def test_edit_and_history(wb: Path) -> None:
    eid = add(wb, "checkin", checkin_data(trust=3))
    out = ok(
        wb,
        "edit",
        eid,
        "--author",
        "Alex",
        "--json",
        '{"trust": 5}',
        REPAIRBOOK_PASSPHRASE=PASSPHRASES["Alex"],
    )
    assert out.strip() == eid
    assert json.loads(ok(wb, "show", eid))["trust"] == 5
    hist = json.loads(ok(wb, "show", eid, "--history"))
    assert [h["trust"] for h in hist] == [3, 5]


def test_kinds_json_has_every_kind(wb: Path) -> None:
    schemas = json.loads(ok(None, "kinds", "--json"))
    assert set(schemas) == set(KINDS)
    trust = schemas["checkin"]["properties"]["trust"]  # 0..10, or unanswered (null)
    assert [p.get("maximum") for p in trust.get("anyOf", [trust]) if "maximum" in p] == [10]
    text = ok(None, "kinds")
    for kind in KINDS:
        assert re.search(rf"^{kind}\b", text, re.M), kind
    assert "trust: integer or null [0..10] (optional)" in text


def test_private_entries_and_passphrases(wb: Path) -> None:
    shared = add(wb, "checkin", checkin_data())
    # from the environment
    mine = add(
        wb,
        "checkin",
        checkin_data(note="only me"),
        "Alex",
        "--private",
        REPAIRBOOK_PASSPHRASE=PASSPHRASES["Alex"],
    )
    # from a hidden prompt
    result = run(
        wb,
        "add",
        "journal",
        "--author",
        "Alex",
        "--json",
        '{"text": "a quiet thought"}',
        input=PASSPHRASES["Alex"] + "\n",
    )
    assert result.exit_code == 0, result.stderr
    journal = result.stdout.strip().splitlines()[-1]
    assert ID.match(journal)
    assert PASSPHRASES["Alex"] not in result.stdout + result.stderr  # never echoed
    # Sam sets a passphrase through the prompt (asked twice) and keeps a private entry
    result = run(
        wb, "passphrase", "--partner", "Sam", input=f"{PASSPHRASES['Sam']}\n{PASSPHRASES['Sam']}\n"
    )
    assert result.exit_code == 0, result.stderr
    sams = add(
        wb,
        "checkin",
        checkin_data(note="sam only"),
        "Sam",
        "--private",
        REPAIRBOOK_PASSPHRASE=PASSPHRASES["Sam"],
    )
    # nobody named: shared only
    assert [i["id"] for i in list_json(wb)] == [shared]
    # Alex sees Alex's own private entries, never Sam's
    alex_view = list_json(wb, "--partner", "Alex", REPAIRBOOK_PASSPHRASE=PASSPHRASES["Alex"])
    assert {i["id"] for i in alex_view} == {shared, mine, journal}
    sam_view = list_json(wb, "--partner", "Sam", REPAIRBOOK_PASSPHRASE=PASSPHRASES["Sam"])
    assert {i["id"] for i in sam_view} == {shared, sams}
    assert "sam only" not in json.dumps(alex_view)
    # show of another partner's private entry: as if it did not exist
    result = run(wb, "show", sams, "--partner", "Alex", REPAIRBOOK_PASSPHRASE=PASSPHRASES["Alex"])
    assert_one_sentence(result, "no entry with id")


def test_no_passphrase_on_the_command_line() -> None:
    def walk(cmd: click.Command) -> list[click.Parameter]:
        params = list(cmd.params)
        for sub in getattr(cmd, "commands", {}).values():
            params += walk(sub)
        return params

    for p in walk(cli):
        for opt in getattr(p, "opts", []):
            assert "pass" not in opt.lower() and "secret" not in opt.lower(), opt


def test_backup_restore_check(wb: Path) -> None:
    keep = add(wb, "checkin", checkin_data(trust=1))
    path = Path(ok(wb, "backup").strip())
    assert path.parent == wb / "backups" and path.is_file()
    assert ok(wb, "backup", "--list").strip() == path.name
    add(wb, "checkin", checkin_data(trust=2))
    out = ok(wb, "restore", path.name)
    assert path.name in out
    assert [i["id"] for i in list_json(wb)] == [keep]
    out = ok(wb, "check", "--partner", "Alex", REPAIRBOOK_PASSPHRASE=PASSPHRASES["Alex"])
    assert "All good." in out and "checkin: 1" in out
    report = json.loads(ok(wb, "check", "--json"))
    assert report["ok"] is True and report["schema_version"] == SCHEMA_VERSION
    assert report["counts"] == {"checkin": 1}
    assert report["partners"] == ["Alex", "Sam"]
    for _ in range(4):
        ok(wb, "backup", "--keep", "2")
    assert len(ok(wb, "backup", "--list").split()) == 2


def test_check_with_wrong_passphrase_fails(wb: Path) -> None:
    result = run(wb, "check", "--partner", "Alex", REPAIRBOOK_PASSPHRASE="not the one at all")
    assert result.exit_code == 1
    assert "does not open" in result.stderr


def test_demo(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    out = ok(folder, "demo", "--days", "30", "--seed", "3")
    assert "Alex and Sam" in out and "30 days" in out
    assert "All good." in ok(folder, "check")
    assert len(list_json(folder, "checkin")) > 30
    assert_one_sentence(run(folder, "demo"), "already holds a workbook")
    ok(folder, "demo", "--days", "10", "--force")
    assert_one_sentence(run(folder, "demo", "--days", "0"), "--days")


def test_workbook_from_environment_and_per_command(wb: Path, tmp_path: Path) -> None:
    eid = add(wb, "checkin", checkin_data())
    via_env = json.loads(ok(None, "list", "--json", REPAIRBOOK_WORKBOOK=str(wb)))
    assert [i["id"] for i in via_env] == [eid]
    per_cmd = json.loads(ok(None, "list", "--json", "--workbook", str(wb)))
    assert per_cmd == via_env


# --- bad input: one sentence, non-zero exit, nothing written ------------------------------


@pytest.mark.parametrize(
    ("args", "env", "needles"),
    [
        (["add", "checkin", "--author", "Alex", "--json", "{trust: 7"], {}, ["not valid JSON"]),
        (["add", "checkin", "--author", "Alex", "--json", "[1, 2]"], {}, ["JSON object"]),
        (
            ["add", "diary", "--author", "Alex", "--json", "{}"],
            {},
            ["no kind of entry called 'diary'"],
        ),
        (["list", "diary"], {}, ["no kind of entry called 'diary'"]),
        (
            ["add", "checkin", "--author", "Alex", "--json", json.dumps(checkin_data(trust=12))],
            {},
            ["Trust is rated from 0 to 10; you entered 12."],
        ),
        (
            [
                "add",
                "checkin",
                "--author",
                "Alex",
                "--json",
                json.dumps(checkin_data(urge_to_check=-1, safety=11)),
            ],
            {},
            [
                "Urge to check up on your partner is rated from 0 to 10; you entered -1.",
                "Felt safety",
            ],
        ),
        (
            ["add", "checkin", "--author", "Robin", "--json", json.dumps(checkin_data())],
            {},
            ["Robin is not a partner", "Alex and Sam"],
        ),
        (
            [
                "add",
                "checkin",
                "--author",
                "Alex",
                "--private",
                "--json",
                json.dumps(checkin_data()),
            ],
            {"REPAIRBOOK_PASSPHRASE": "definitely wrong"},
            ["does not open Alex's private entries"],
        ),
        (
            ["add", "journal", "--author", "Sam", "--json", '{"text": "x"}'],
            {},
            ["Sam has no passphrase yet", "repairbook passphrase --partner Sam"],
        ),
        (["edit", "nope", "--author", "Sam", "--json", "{}"], {}, ["no entry with id nope"]),
        (["restore", "nope"], {}, ["no backup called nope"]),
        (["init", "--partner", "Kim", "--partner", "Lee"], {}, ["already holds a workbook"]),
    ],
    ids=[
        "invalid-json",
        "not-an-object",
        "unknown-kind",
        "list-unknown-kind",
        "out-of-range",
        "two-out-of-range",
        "unknown-author",
        "wrong-passphrase",
        "no-passphrase",
        "unknown-entry",
        "unknown-backup",
        "init-twice",
    ],
)
def test_bad_input(wb: Path, args: list[str], env: dict[str, str], needles: list[str]) -> None:
    add(wb, "checkin", checkin_data())
    before = snapshot(wb)
    assert_one_sentence(run(wb, *args, **env), *needles)
    assert snapshot(wb) == before


def test_not_a_workbook(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    for args in (["list"], ["add", "checkin", "--author", "Alex", "--json", "{}"], ["backup"]):
        assert_one_sentence(run(tmp_path, *args), "is not a repairbook workbook")
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]
    assert_one_sentence(run(tmp_path / "nowhere", "list"), "repairbook init")
    assert not (tmp_path / "nowhere").exists()
    result = run(tmp_path, "check")
    assert result.exit_code == 1 and "not a repairbook workbook" in result.stderr


def test_newer_workbook(wb: Path) -> None:
    add(wb, "checkin", checkin_data())
    with Workbook.open(wb) as w, w._write() as cur:
        cur.execute(
            "UPDATE meta SET value=? WHERE key='schema_version'", (str(SCHEMA_VERSION + 1),)
        )
    before = snapshot(wb)
    for args in (
        ["list"],
        ["add", "checkin", "--author", "Alex", "--json", json.dumps(checkin_data())],
    ):
        assert_one_sentence(run(wb, *args), "newer repairbook", "nothing was changed")
    assert snapshot(wb) == before


def test_locked_database(wb: Path) -> None:
    add(wb, "checkin", checkin_data())
    before = snapshot(wb)
    holder = sqlite3.connect(wb / "workbook.sqlite", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        result = run(
            wb,
            "add",
            "checkin",
            "--author",
            "Sam",
            "--json",
            json.dumps(checkin_data()),
            REPAIRBOOK_BUSY_TIMEOUT_MS="200",
        )
        assert_one_sentence(result, "busy with another save")
        # reading still works while someone else saves
        assert len(list_json(wb)) == 1
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert snapshot(wb) == before


# --- a real process ------------------------------------------------------------------------


def real(folder: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    e = {k: v for k, v in os.environ.items() if not k.startswith("REPAIRBOOK_")}
    e["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), e.get("PYTHONPATH", "")])
    e.update(env)
    return subprocess.run(
        [sys.executable, "-m", "repairbook", "--workbook", str(folder), *args],
        capture_output=True,
        text=True,
        env=e,
        timeout=120,
    )


def test_real_process(tmp_path: Path) -> None:
    folder = tmp_path / "wb"
    assert real(folder, "init", "--partner", "Alex", "--partner", "Sam").returncode == 0
    done = real(folder, "add", "checkin", "--author", "Sam", "--json", json.dumps(checkin_data()))
    assert done.returncode == 0, done.stderr
    eid = done.stdout.strip()
    assert ID.match(eid)
    done = real(folder, "list", "checkin", "--json")
    assert [i["id"] for i in json.loads(done.stdout)] == [eid]
    done = real(folder, "add", "checkin", "--author", "Sam", "--json", "{oops")
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.strip().startswith("repairbook: That is not valid JSON")
    assert len(done.stderr.strip().splitlines()) == 1
    done = real(folder, "add", "diary", "--author", "Sam", "--json", "{}")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    # no passphrase in a terminal-less run and none in the environment: a clear refusal
    done = real(folder, "add", "journal", "--author", "Sam", "--json", '{"text": "x"}')
    assert done.returncode == 1 and "no passphrase yet" in done.stderr


# --- documentation -------------------------------------------------------------------------

README = ROOT / "README.md"


def _readme_cli_section() -> str:
    text = README.read_text(encoding="utf-8") if README.exists() else ""
    m = re.search(r"^#+ .*\b(CLI|command line)\b.*$", text, re.M | re.I)
    return text[m.start() :] if m else ""


def _all_commands() -> list[str]:
    """Every command and group subcommand, as a person would type it."""
    import click

    names = []
    for name, cmd in sorted(cli.commands.items()):
        names.append(name)
        if isinstance(cmd, click.Group):
            names += [f"{name} {sub}" for sub in sorted(cmd.commands)]
    return names


def test_every_command_is_in_the_readme_cli_section() -> None:
    section = _readme_cli_section()
    assert section, "README.md has no CLI section"
    missing = [name for name in _all_commands() if f"repairbook {name}" not in section]
    assert not missing, f"README's CLI section does not mention: {missing}"


def test_private_by_nature_kinds_are_kept_private_without_the_flag(wb: Path) -> None:
    eid = add(
        wb,
        "journal",
        {"text": "a thought", "visibility": "shared"},
        "Alex",
        REPAIRBOOK_PASSPHRASE=PASSPHRASES["Alex"],
    )
    assert list_json(wb) == []
    shown = json.loads(
        ok(wb, "show", eid, "--partner", "Alex", REPAIRBOOK_PASSPHRASE=PASSPHRASES["Alex"])
    )
    assert shown["visibility"] == "private"

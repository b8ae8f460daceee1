"""What an attacker found (issue 19), store and command-line parts: each test is one of
the findings, and fails on the code before the fix.

Real child processes where the finding is about processes (a page holding the
workbook during a restore, two `passphrase` calls at once, `--change` killed at random
moments, private text in ``/proc/PID/cmdline``); a real read-only mount as root.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import stat
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from repairbook.cli import cli
from repairbook.entries import make_entry
from repairbook.store import (
    NotAWorkbook,
    PassphraseError,
    StoreError,
    Workbook,
    WorkbookBusy,
    check_workbook,
    crypto,
    restore,
)
from repairbook.store.workbook import DamagedEntry, check_names
from tests.conftest import PASSPHRASES, TEST_SCRYPT_N, checkin_data, make_checkin

ROOT = Path(__file__).resolve().parents[2]
CANARY = "canary-7f3e-private-journal-text"
WIN = {"text": "a small win", "day": date.today().isoformat()}


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("REPAIRBOOK_WORKBOOK", "REPAIRBOOK_PASSPHRASE", "REPAIRBOOK_NEW_PASSPHRASE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("REPAIRBOOK_BUSY_TIMEOUT_MS", "1500")


def run(folder: Path, *args: str, input: str | None = None, **env: str) -> Result:
    argv = ["--workbook", str(folder), *args]
    return CliRunner().invoke(cli, argv, input=input, env=env or None, catch_exceptions=False)


def child_env(**extra: str) -> dict[str, str]:
    e = dict(os.environ)
    e["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), str(ROOT), e.get("PYTHONPATH", "")])
    for var in ("REPAIRBOOK_PASSPHRASE", "REPAIRBOOK_NEW_PASSPHRASE"):
        e.pop(var, None)
    e.update(extra)
    return e


def one_calm_sentence(text: str) -> str:
    lines = [ln for ln in text.strip().splitlines() if ln.strip()]
    assert len(lines) == 1, text
    assert "Traceback" not in text and "Error" not in text, text
    return lines[0]


# --- 2. private text never on a command line ----------------------------------------


def test_json_from_stdin_and_from_a_file(workbook_path: Path, tmp_path: Path) -> None:
    data = {"text": CANARY}
    got = run(
        workbook_path,
        "add", "journal", "--author", "Alex", "--json", "-",
        input=json.dumps(data),
        REPAIRBOOK_PASSPHRASE=PASSPHRASES["Alex"],
    )  # fmt: skip
    assert got.exit_code == 0, got.output
    first = got.stdout.strip()
    path = tmp_path / "entry.json"
    path.write_text(json.dumps(data | {"text": CANARY + " two"}), encoding="utf-8")
    got = run(
        workbook_path,
        "add", "journal", "--author", "Alex", "--json", f"@{path}",
        REPAIRBOOK_PASSPHRASE=PASSPHRASES["Alex"],
    )  # fmt: skip
    assert got.exit_code == 0, got.output
    second = got.stdout.strip()
    got = run(
        workbook_path, "edit", first, "--author", "Alex", "--json", "-",
        input='{"text": "changed privately"}', REPAIRBOOK_PASSPHRASE=PASSPHRASES["Alex"],
    )  # fmt: skip
    assert got.exit_code == 0, got.output
    with Workbook.open(workbook_path) as wb:
        wb.unlock("Alex", PASSPHRASES["Alex"])
        texts = {e.id: e.text for e in wb.list("journal", viewer="Alex")}  # type: ignore[attr-defined]
    assert texts == {first: "changed privately", second: CANARY + " two"}
    # mistakes are one sentence: a missing file, a file too large, JSON nested too deep
    big = tmp_path / "big.json"
    big.write_text('{"text": "' + "x" * (1024 * 1024 + 10) + '"}')
    for arg, stdin, needle in [
        (f"@{tmp_path / 'nope.json'}", None, "could not be read"),
        (f"@{big}", None, "larger than we read"),
        ("-", "[" * 100_000, "nested too deeply"),
        ("-", '{"text": ' + "9" * 5000 + "}", "far too long"),
    ]:
        got = run(workbook_path, "add", "win", "--author", "Sam", "--json", arg, input=stdin)
        assert got.exit_code == 1
        assert needle in one_calm_sentence(got.stderr)


def test_private_text_from_a_file_is_not_in_the_process_command_line(
    workbook_path: Path, tmp_path: Path
) -> None:
    path = tmp_path / "entry.json"
    path.write_text(json.dumps({"text": CANARY}), encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "repairbook", "--workbook", str(workbook_path),
         "add", "journal", "--author", "Alex", "--json", f"@{path}"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=child_env(),
    )  # fmt: skip
    try:
        # it waits at the passphrase prompt: what another account sees in `ps` now
        deadline = time.monotonic() + 60
        seen = ""
        while time.monotonic() < deadline and "Passphrase" not in seen:
            seen += proc.stderr.read(1) if proc.stderr else ""
        cmdline = Path(f"/proc/{proc.pid}/cmdline").read_bytes()
        assert b"journal" in cmdline and CANARY.encode() not in cmdline
        out, err = proc.communicate(PASSPHRASES["Alex"] + "\n", timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 0, err
    with Workbook.open(workbook_path) as wb:
        wb.unlock("Alex", PASSPHRASES["Alex"])
        assert wb.get(out.strip(), viewer="Alex").text == CANARY  # type: ignore[attr-defined]


# --- 3. restore while the workbook is open ------------------------------------------------

HOLDER = """
import sys, time
from repairbook.store import Workbook
from tests.conftest import make_checkin
wb = Workbook.open(sys.argv[1])
print("open", flush=True)
sys.stdin.readline()          # the page goes on saving after the restore was tried
print(wb.add(make_checkin("Sam", note="saved after the restore attempt")), flush=True)
wb.close()
"""


def test_restore_refuses_while_a_page_has_the_workbook_open(workbook_path: Path) -> None:
    with Workbook.open(workbook_path) as wb:
        wb.add(make_checkin("Alex", note="before the backup"))
        wb.backup()
    page = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(workbook_path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=child_env(),
    )  # fmt: skip
    try:
        assert page.stdout and page.stdout.readline().strip() == "open"
        with pytest.raises(WorkbookBusy, match=f"process {page.pid}"):
            restore(workbook_path)
        got = run(workbook_path, "restore")
        assert got.exit_code == 1
        assert "is open in" in one_calm_sentence(got.stderr)
        out, err = page.communicate("\n", timeout=60)
    finally:
        page.kill()
    saved = out.strip()
    assert page.returncode == 0, err
    with Workbook.open(workbook_path) as wb:  # nothing saved was lost
        assert saved in {e.id for e in wb.list()}
    # once nobody has it open (the page ended, even by SIGKILL), restore goes ahead
    restore(workbook_path)
    with Workbook.open(workbook_path) as wb:
        assert [e.note for e in wb.list()] == ["before the backup"]  # type: ignore[attr-defined]


# --- 4 and 5. passphrases: one at a time, set by someone else, changed atomically -----------

RACER = """
import sys
from repairbook.store import Workbook
wb = Workbook.open(sys.argv[1])
try:
    wb.set_passphrase("Alex", sys.argv[2], scrypt_n=2**14)
    print("won")
except Exception as err:
    print("lost", type(err).__name__)
"""


def test_two_passphrase_calls_at_once_exactly_one_wins(tmp_path: Path) -> None:
    folder = tmp_path / "wb"
    Workbook.create(folder, ["Alex", "Sam"]).close()
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", RACER, str(folder), phrase],
            stdout=subprocess.PIPE,
            text=True,
            env=child_env(),
        )  # fmt: skip
        for phrase in ("first racer phrase", "second racer phrase")
    ]
    results = [p.communicate(timeout=120)[0].strip() for p in procs]
    assert sorted(r.split()[0] for r in results) == ["lost", "won"], results
    winner = ("first racer phrase", "second racer phrase")[results.index("won")]
    with Workbook.open(folder) as wb:
        wb.unlock("Alex", winner)
        wb.add(make_checkin("Alex", private=True, note="kept"))


def test_passphrase_check_and_set_is_one_transaction(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Deterministic: another process sets Alex's passphrase while ours runs Scrypt."""
    folder = tmp_path / "wb"
    Workbook.create(folder, ["Alex", "Sam"]).close()
    real = crypto.derive_key
    other = Workbook.open(folder)

    def slow_derive(phrase: str, salt: bytes, n: int = crypto.DEFAULT_SCRYPT_N) -> bytes:
        if phrase == "mine, typed second":
            other.set_passphrase("Alex", "theirs, typed first", scrypt_n=TEST_SCRYPT_N)
        return real(phrase, salt, n)

    monkeypatch.setattr(crypto, "derive_key", slow_derive)
    with Workbook.open(folder) as wb, pytest.raises(PassphraseError, match="just set"):
        wb.set_passphrase("Alex", "mine, typed second", scrypt_n=TEST_SCRYPT_N)
    other.add(make_checkin("Alex", private=True, note="under the first key"))
    other.close()
    with Workbook.open(folder) as wb:
        wb.unlock("Alex", "theirs, typed first")
        assert [e.note for e in wb.list(viewer="Alex")] == ["under the first key"]  # type: ignore[attr-defined]


def test_a_passphrase_set_by_the_other_partner_is_marked_and_can_be_replaced(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "wb"
    Workbook.create(folder, ["Alex", "Sam"]).close()
    got = run(folder, "passphrase", "--partner", "Sam", "--by", "Alex",
              REPAIRBOOK_PASSPHRASE="alex typed this for sam")  # fmt: skip
    assert got.exit_code == 0 and "asked to replace it" in got.stdout
    with Workbook.open(folder) as wb:
        assert wb.passphrase_set_by_other("Sam") == "Alex"
        assert wb.passphrase_set_by_other("Alex") is None
        wb.claim_passphrase("Sam", "sam's very own phrase", scrypt_n=TEST_SCRYPT_N)
        assert wb.passphrase_set_by_other("Sam") is None
        wb.add(make_checkin("Sam", private=True, note="mine"))
    with Workbook.open(folder) as wb:
        with pytest.raises(PassphraseError):
            wb.unlock("Sam", "alex typed this for sam")
        wb.unlock("Sam", "sam's very own phrase")
        # once private entries exist, only the current passphrase can change it
        wb.set_passphrase("Alex", "sam typed this one", set_by="Sam", scrypt_n=TEST_SCRYPT_N)
        wb.add(make_checkin("Alex", private=True, note="alex's"))
        with pytest.raises(PassphraseError, match="--change"):
            wb.claim_passphrase("Alex", "alex's own phrase")
        wb.change_passphrase("Alex", "sam typed this one", "alex's own phrase")
        assert wb.passphrase_set_by_other("Alex") is None
        # or a partner keeps the one set for them, knowing it
        wb.lock("Sam")
        db = sqlite3.connect(folder / "workbook.sqlite")
        db.execute("UPDATE partners SET set_by='Alex' WHERE name='Sam'")
        db.commit()
        db.close()
        with pytest.raises(PassphraseError):
            wb.keep_passphrase("Sam", "a wrong guess")
        assert wb.passphrase_set_by_other("Sam") == "Alex"
        wb.keep_passphrase("Sam", "sam's very own phrase")
        assert wb.passphrase_set_by_other("Sam") is None and wb.is_unlocked("Sam")


CHANGER = """
import sys
from repairbook.store import Workbook
wb = Workbook.open(sys.argv[1])
print("ready", flush=True)
wb.change_passphrase("Alex", sys.argv[2], sys.argv[3])
print("changed", flush=True)
"""


def _all_open_with(folder: Path, phrase: str, expected: int) -> bool:
    with Workbook.open(folder) as wb:
        try:
            wb.unlock("Alex", phrase)
        except PassphraseError:
            return False
        problems: list[str] = []
        mine = [e for e in wb.list(viewer="Alex", problems=problems) if e.visibility == "private"]
        histories = sum(len(wb.history(e.id, viewer="Alex")) for e in mine[:5])
        assert not problems and len(mine) == expected and histories == 10
        return True


def test_change_passphrase_killed_at_random_moments_leaves_one_key_for_everything(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "wb"
    wb = Workbook.create(folder, ["Alex", "Sam"], passphrases=PASSPHRASES, scrypt_n=TEST_SCRYPT_N)
    ids = wb.add_many([make_checkin("Alex", private=True, note=f"n{i}") for i in range(300)])
    for eid in ids[:5]:
        wb.update(eid, {"note": "second version"}, by="Alex")
    wb.add(make_checkin("Sam", private=True, note="sam's"))
    wb.close()
    rng = random.Random(19)
    phrases = [PASSPHRASES["Alex"], "the next passphrase", "and the one after"]
    current, outcomes = 0, []
    for _ in range(8):
        new = (current + 1) % len(phrases)
        proc = subprocess.Popen(
            [sys.executable, "-c", CHANGER, str(folder), phrases[current], phrases[new]],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=child_env(),
        )  # fmt: skip
        assert proc.stdout and proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0, 0.04))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        old_ok = _all_open_with(folder, phrases[current], 300)
        new_ok = _all_open_with(folder, phrases[new], 300)
        assert old_ok != new_ok  # exactly one key opens all of them
        outcomes.append(new_ok)
        current = new if new_ok else current
    with Workbook.open(folder) as wb:  # Sam's entries were never touched
        wb.unlock("Sam", PASSPHRASES["Sam"])
        assert [e.note for e in wb.list(viewer="Sam", author="Sam")] == ["sam's"]  # type: ignore[attr-defined]
    assert check_workbook(folder, {"Alex": phrases[current]}).ok


def test_a_key_changed_elsewhere_is_not_used_to_seal_more_entries(workbook: Workbook) -> None:
    other = Workbook.open(workbook.folder)
    other.change_passphrase("Alex", PASSPHRASES["Alex"], "changed in another window")
    other.close()
    with pytest.raises(PassphraseError, match="changed in another window"):
        workbook.add(make_checkin("Alex", private=True))
    assert not workbook.is_unlocked("Alex")
    workbook.unlock("Alex", "changed in another window")
    workbook.add(make_checkin("Alex", private=True, note="sealed under the new key"))


# --- 6 and 7. damaged rows, older versions put back -----------------------------------------


def _damage(folder: Path, eid: str, body: bytes) -> None:
    db = sqlite3.connect(folder / "workbook.sqlite")
    db.execute("UPDATE entries SET body=? WHERE id=?", (body, eid))
    db.commit()
    db.close()


def test_one_damaged_shared_and_one_damaged_private_row_hide_nothing_else(
    workbook: Workbook,
) -> None:
    good = workbook.add(make_checkin("Alex", note="good"))
    broken = workbook.add(make_checkin("Sam", note="to break"))
    mine = workbook.add(make_checkin("Alex", private=True, note="private, fine"))
    flipped = workbook.add(make_checkin("Alex", private=True, note="private, to flip"))
    (sealed,) = workbook.db.execute("SELECT body FROM entries WHERE id=?", (flipped,)).fetchone()
    folder = workbook.folder
    workbook.close()
    _damage(folder, broken, b'{"kind": "checkin", "trust": ')
    _damage(folder, flipped, bytes(sealed[:20]) + bytes([sealed[20] ^ 1]) + bytes(sealed[21:]))

    got = run(folder, "check", "--partner", "Alex", REPAIRBOOK_PASSPHRASE=PASSPHRASES["Alex"])
    assert got.exit_code == 1 and "All good" not in got.stdout
    assert broken in got.stderr and flipped in got.stderr and good not in got.stderr
    got = run(folder, "list")
    assert got.exit_code == 0 and good in got.stdout and broken not in got.stdout
    assert "1 damaged entry" in one_calm_sentence(got.stderr)
    got = run(folder, "list", "--json", "--partner", "Alex",
              REPAIRBOOK_PASSPHRASE=PASSPHRASES["Alex"])  # fmt: skip
    assert {e["id"] for e in json.loads(got.stdout)} == {good, mine}
    assert "2 damaged entries" in one_calm_sentence(got.stderr)
    for eid in (broken, flipped):
        got = run(folder, "show", eid, "--partner", "Alex",
                  REPAIRBOOK_PASSPHRASE=PASSPHRASES["Alex"])  # fmt: skip
        assert got.exit_code == 1 and "is damaged" in one_calm_sentence(got.stderr)
    with Workbook.open(folder) as wb:
        problems: list[str] = []
        assert [e.id for e in wb.list(problems=problems)] == [good]
        assert wb.skipped == [broken] and len(problems) == 1
        with pytest.raises(DamagedEntry):
            wb.get(broken)


def test_an_older_version_put_back_is_detected(workbook: Workbook) -> None:
    eid = workbook.add(make_checkin("Alex", private=True, note="what I first wrote"))
    workbook.update(eid, {"note": "what I wrote later"}, by="Alex")
    folder = workbook.folder
    workbook.close()
    db = sqlite3.connect(folder / "workbook.sqlite")
    (v1,) = db.execute(
        "SELECT body FROM entry_versions WHERE id=? AND version=1", (eid,)
    ).fetchone()
    db.execute("UPDATE entries SET body=? WHERE id=?", (v1, eid))  # the old bytes, same version
    db.commit()
    with Workbook.open(folder) as wb:
        wb.unlock("Alex", PASSPHRASES["Alex"])
        assert wb.list(viewer="Alex", author="Alex") == [] and wb.skipped == [eid]
    db.execute("UPDATE entries SET version=1 WHERE id=?", (eid,))  # and the number too
    db.commit()
    db.close()
    with Workbook.open(folder) as wb:
        wb.unlock("Alex", PASSPHRASES["Alex"])
        with pytest.raises(DamagedEntry):
            wb.get(eid, viewer="Alex")
    assert not check_workbook(folder, {"Alex": PASSPHRASES["Alex"]}).ok


def _legacy_workbook(folder: Path) -> tuple[str, bytes]:
    """A workbook as the previous release left it: Scrypt at 2**15, Alex's private body
    sealed with id, kind and author only. Returns that entry's id and sealed body."""
    Workbook.create(folder, ["Alex", "Sam"]).close()
    salt = crypto.new_salt()
    key = crypto.derive_key("the old passphrase", salt, 2**15)
    entry = make_checkin("Alex", private=True, note="sealed the old way")
    body = json.dumps({"kind": "checkin", **entry.model_dump(mode="json")}).encode()
    old_body = crypto.seal(key, body, f"{entry.id}|checkin|Alex".encode())
    db = sqlite3.connect(folder / "workbook.sqlite")
    db.execute(
        "UPDATE partners SET salt=?, scrypt_n=?, check_value=?, seal_format=1 WHERE name='Alex'",
        (salt, 2**15, crypto.make_check(key)),
    )
    db.execute(
        "INSERT INTO entries (id, kind, author, visibility, created, updated, schema_version,"
        " body, version) VALUES (?, 'checkin', 'Alex', 'private', ?, ?, 1, ?, 1)",
        (entry.id, entry.created.isoformat(), entry.updated.isoformat(), old_body),
    )
    db.execute(
        "INSERT INTO entry_versions VALUES (?, 1, ?, ?)",
        (entry.id, entry.updated.isoformat(), old_body),
    )
    db.commit()
    db.close()
    return entry.id, old_body


def test_entries_sealed_before_the_version_was_bound_are_resealed_on_unlock(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "wb"
    eid, old_body = _legacy_workbook(folder)
    with Workbook.open(folder) as wb:
        wb.unlock("Alex", "the old passphrase")
        assert wb.get(eid, viewer="Alex").note == "sealed the old way"  # type: ignore[attr-defined]
    db = sqlite3.connect(folder / "workbook.sqlite")
    n, fmt = db.execute("SELECT scrypt_n, seal_format FROM partners WHERE name='Alex'").fetchone()
    (stored,) = db.execute("SELECT body FROM entries").fetchone()
    db.close()
    assert n >= 2**17 and fmt == crypto.SEAL_FORMAT and bytes(stored) != old_body
    with Workbook.open(folder) as wb:
        wb.unlock("Alex", "the old passphrase")  # the same passphrase, a stronger key
        assert wb.get(eid, viewer="Alex").note == "sealed the old way"  # type: ignore[attr-defined]


def test_two_windows_unlocking_an_old_workbook_at_once_both_get_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "wb"
    eid, _old = _legacy_workbook(folder)
    first, second = Workbook.open(folder), Workbook.open(folder)
    real = crypto.derive_key
    calls = []

    def derive(phrase: str, salt: bytes, n: int = crypto.DEFAULT_SCRYPT_N) -> bytes:
        calls.append(n)
        if len(calls) == 2:  # the second window is about to upgrade: the first does it now
            first.unlock("Alex", phrase)
        return real(phrase, salt, n)

    monkeypatch.setattr(crypto, "derive_key", derive)
    second.unlock("Alex", "the old passphrase")
    for wb in (first, second):
        assert wb.get(eid, viewer="Alex").note == "sealed the old way"  # type: ignore[attr-defined]
        wb.add(make_checkin("Alex", private=True, note="after"))
        wb.close()


# --- 8. implausible dates --------------------------------------------------------------------


def test_a_check_in_dated_year_0025_or_2999_is_refused(workbook_path: Path) -> None:
    got = run(workbook_path, "add", "checkin", "--author", "Alex",
              "--json", json.dumps(checkin_data(day="0025-03-14")))  # fmt: skip
    assert got.exit_code == 1 and "long before this workbook" in one_calm_sentence(got.stderr)
    got = run(workbook_path, "add", "checkin", "--author", "Alex",
              "--json", json.dumps(checkin_data()))  # fmt: skip
    eid = got.stdout.strip()
    got = run(workbook_path, "edit", eid, "--author", "Alex", "--json", '{"day": "2999-12-31"}',
              REPAIRBOOK_PASSPHRASE=PASSPHRASES["Alex"])  # fmt: skip
    assert got.exit_code == 1 and "has not come yet" in one_calm_sentence(got.stderr)
    with Workbook.open(workbook_path) as wb:
        promise = make_entry(
            "promise",
            {"text": "call", "due": (date.today() + timedelta(days=2)).isoformat() + "T10:00:00Z"},
            author="Alex",
        )
        wb.add(promise)  # plans may lie ahead ...
        with pytest.raises(Exception, match="too far ahead"):
            wb.update(promise.id, {"due": "2999-01-01T10:00:00Z"}, by="Alex")  # ... not that far
        assert [e.day for e in wb.list("checkin")] == [date.today() - timedelta(days=3)]  # type: ignore[attr-defined]


# --- 9. permissions -------------------------------------------------------------------------


def _mode(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


def test_the_folder_is_0700_and_its_files_0600_also_when_opened_later(
    workbook: Workbook,
) -> None:
    workbook.add(make_checkin("Alex"))
    backup = workbook.backup()
    folder = workbook.folder
    assert _mode(folder) == 0o700
    for p in (folder / "workbook.sqlite", folder / "workbook.sqlite-wal", backup):
        assert _mode(p) == 0o600, p
    assert _mode(folder / "backups") == 0o700 and _mode(folder / "exports") == 0o700
    workbook.close()
    os.chmod(folder, 0o755)
    os.chmod(folder / "workbook.sqlite", 0o644)
    os.chmod(backup, 0o644)
    (folder / "exports" / "old.parquet").write_bytes(b"x")
    os.chmod(folder / "exports" / "old.parquet", 0o644)
    Workbook.open(folder).close()
    assert _mode(folder) == 0o700
    for p in (folder / "workbook.sqlite", backup, folder / "exports" / "old.parquet"):
        assert _mode(p) == 0o600, p


# --- 10. names ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("names", "needle"),
    [
        (["José", unicodedata.normalize("NFD", "José")], "two different names"),
        (["Alex", "\u0410lex"], "different alphabets"),  # a Cyrillic А
        (["Ace", "\u0410\u0441\u0435"], "looks just like"),  # all Cyrillic
        (["Alex", "Sa\u200bm"], "invisible"),
        (["Alex", "Sam\u202e"], "invisible"),
        (["Alex", "Sa\x00m"], "invisible"),
        (["Alex", "Sa\nm"], "invisible"),
        (["Alex", "  Alex  "], "two different names"),
    ],
)
def test_look_alike_and_invisible_names_are_refused(
    tmp_path: Path, names: list[str], needle: str
) -> None:
    with pytest.raises(StoreError, match=needle):
        Workbook.create(tmp_path / "wb", names)
    assert not (tmp_path / "wb").exists()


def test_names_are_stored_and_found_in_one_normal_form(tmp_path: Path) -> None:
    folder = tmp_path / "wb"
    nfd = unicodedata.normalize("NFD", "Zoë")
    Workbook.create(folder, [f"  {nfd} ", "Ana María"]).close()
    with Workbook.open(folder) as wb:
        assert wb.partners == ["Zoë", "Ana María"]
        assert wb.partner(nfd) == "Zoë" and wb.partner("ZOË") == "Zoë"
    assert check_names(["Mei", "美玲"]) == ["Mei", "美玲"]  # one alphabet each is fine


# --- 11. edges ------------------------------------------------------------------------------


def _read_only_checks(folder: Path, make_read_only: Callable[[], object]) -> None:
    with Workbook.create(folder, ["Alex", "Sam"], passphrases=PASSPHRASES,
                         scrypt_n=TEST_SCRYPT_N) as wb:  # fmt: skip
        wb.add(make_checkin("Sam", note="shared"))
        wb.add(make_checkin("Alex", private=True, note="mine"))
    make_read_only()
    got = run(
        folder, "list", "--json", "--partner", "Alex", REPAIRBOOK_PASSPHRASE=PASSPHRASES["Alex"]
    )
    assert got.exit_code == 0, got.output
    assert [e["note"] for e in json.loads(got.stdout)] == ["shared", "mine"]
    got = run(folder, "add", "win", "--author", "Sam", "--json", json.dumps(WIN))
    assert got.exit_code == 1 and "cannot be written" in one_calm_sentence(got.stderr)


def test_a_read_only_workbook_can_be_read(tmp_path: Path) -> None:
    """A workbook on a read-only disk (or in a folder the account may not write) lists its
    entries and refuses a save with a sentence. As root, file permissions do not stop
    writes, so a real read-only mount is used; otherwise the folder is made read-only."""
    if os.geteuid() != 0:
        folder = tmp_path / "wb"

        def read_only_folder() -> None:
            for f in folder.rglob("*"):
                f.chmod(0o500 if f.is_dir() else 0o400)
            folder.chmod(0o500)

        try:
            _read_only_checks(folder, read_only_folder)
        finally:
            for f in [folder, *folder.rglob("*")]:
                f.chmod(0o700)
        return
    mnt = tmp_path / "ro"
    mnt.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mnt)],
                          capture_output=True)  # fmt: skip
    if done.returncode:
        pytest.skip(
            "this machine lets root run but not mount a tmpfs (a container without the "
            f"mount capability): {done.stderr.decode().strip()}"
        )
    try:
        _read_only_checks(
            mnt / "wb",
            lambda: subprocess.run(["mount", "-o", "remount,ro", str(mnt)], check=True),
        )
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


def test_an_empty_or_half_restored_workbook_points_to_restore(workbook_path: Path) -> None:
    with Workbook.open(workbook_path) as wb:
        wb.backup()
    (workbook_path / "workbook.sqlite").write_bytes(b"")
    got = run(workbook_path, "list")
    assert "repairbook restore" in one_calm_sentence(got.stderr)
    with pytest.raises(NotAWorkbook, match="half-restored"):
        Workbook.open(workbook_path)
    assert run(workbook_path, "restore").exit_code == 0
    assert run(workbook_path, "list").exit_code == 0


def test_stale_partial_backups_are_cleaned(workbook: Workbook) -> None:
    stale = workbook.backups_dir / "workbook-20250101T000000000000Z.partial"
    stale.write_bytes(b"half a backup")
    workbook.backup()
    assert not stale.exists()
    assert not list(workbook.backups_dir.glob("*.partial"))


def test_idle_lock_setting_and_helper(workbook: Workbook) -> None:
    assert workbook.idle_lock_minutes() == 10
    workbook.set_idle_lock_minutes(5)
    with Workbook.open(workbook.folder) as again:
        assert again.idle_lock_minutes() == 5
    now = time.monotonic()
    workbook.touch("Sam")
    assert workbook.lock_idle(now + 4 * 60) == []
    assert sorted(workbook.lock_idle(now + 6 * 60)) == ["Alex", "Sam"]
    assert not workbook.is_unlocked("Alex") and not workbook.is_unlocked("Sam")
    with pytest.raises(StoreError, match="0 to 1440"):
        workbook.set_idle_lock_minutes(-1)


def test_scrypt_cost_and_a_strength_hint_that_never_blocks(tmp_path: Path) -> None:
    assert crypto.DEFAULT_SCRYPT_N >= 2**17
    assert crypto.passphrase_hint("password") and crypto.passphrase_hint("12345678")
    assert crypto.passphrase_hint("alex1234", names=("Alex", "Sam"))
    assert crypto.passphrase_hint("qwertyuiop")
    assert crypto.passphrase_hint("correct horse battery staple") is None
    folder = tmp_path / "wb"
    Workbook.create(folder, ["Alex", "Sam"]).close()
    got = run(folder, "passphrase", "--partner", "Alex", REPAIRBOOK_PASSPHRASE="password")
    assert got.exit_code == 0 and "Hint:" in got.stderr  # a hint, and it is set anyway
    with Workbook.open(folder) as wb:
        assert wb.has_passphrase("Alex")


def test_a_stray_date_already_stored_cannot_stretch_progress() -> None:
    """A year-0025 check-in written before dates were checked (or typed into the file):
    the report covers the span of the real data, not two thousand years."""
    from repairbook.entries import load_entry
    from repairbook.progress import progress_report

    today = date.today()
    real = [make_checkin("Alex", day=(today - timedelta(days=i)).isoformat()) for i in range(30)]
    data = real[0].model_dump(mode="json") | {"id": "f" * 32, "day": "0025-03-14"}
    stray = load_entry("checkin", data)
    plain = json.dumps(progress_report(real, ["Alex", "Sam"], today=today).to_json(), default=str)
    with_stray = progress_report([*real, stray], ["Alex", "Sam"], today=today)
    assert len(json.dumps(with_stray.to_json(), default=str)) < 2 * len(plain)


def test_passphrase_change_from_the_command_line(workbook_path: Path) -> None:
    with Workbook.open(workbook_path) as wb:
        wb.unlock("Alex", PASSPHRASES["Alex"])
        eid = wb.add(make_checkin("Alex", private=True, note="still mine"))
    got = run(
        workbook_path, "passphrase", "--partner", "Alex", "--change",
        REPAIRBOOK_PASSPHRASE="not the right one", REPAIRBOOK_NEW_PASSPHRASE="a new phrase",
    )  # fmt: skip
    assert got.exit_code == 1 and "does not open" in one_calm_sentence(got.stderr)
    got = run(
        workbook_path, "passphrase", "--partner", "Alex", "--change",
        REPAIRBOOK_PASSPHRASE=PASSPHRASES["Alex"], REPAIRBOOK_NEW_PASSPHRASE="a new phrase",
    )  # fmt: skip
    assert got.exit_code == 0 and "1 private entry" in got.stdout
    got = run(workbook_path, "show", eid, "--partner", "Alex",
              REPAIRBOOK_PASSPHRASE="a new phrase")  # fmt: skip
    assert json.loads(got.stdout)["note"] == "still mine"


def test_a_workbook_folder_with_uri_characters_in_its_name(tmp_path: Path) -> None:
    """`?`, `#` and `%` in a folder name once made restore call every backup damaged."""
    folder = tmp_path / "ours? #1 100%"
    with Workbook.create(folder, ["Alex", "Sam"]) as wb:
        wb.add(make_checkin("Sam", note="kept"))
        wb.backup()
    restore(folder)
    with Workbook.open(folder) as wb:
        assert [e.note for e in wb.list()] == ["kept"]  # type: ignore[attr-defined]


def test_text_from_the_other_partner_cannot_drive_the_terminal(workbook_path: Path) -> None:
    """Escape sequences, C1 controls and direction overrides in an entry come out of
    `list` as visible escapes, and out of `show` as JSON escapes of the same string."""
    hostile = "hi \x1b]0;pwned\x07 \x1b[2J \x9b31m \u202eevil \u200b\U000e0041 there"
    with Workbook.open(workbook_path) as wb:
        eid = wb.add(make_entry("win", WIN | {"text": hostile}, author="Sam"))
    for args in (["list"], ["show", eid]):
        out = run(workbook_path, *args).stdout
        assert all(ch.isprintable() or ch == "\n" for ch in out), repr(out)
    assert json.loads(run(workbook_path, "show", eid).stdout)["text"] == hostile


def test_the_pages_open_past_a_damaged_row(tmp_path: Path) -> None:
    """Today, Journey, Progress and module 10 used to show the error page over one row
    of broken JSON; they open with the good entries."""
    from tests.ui_helpers import (
        make_workbook,
        open_module,
        page_text,
        shows_friendly_error,
        start_app,
    )

    path = make_workbook(tmp_path / "wb")
    with Workbook.open(path) as wb:
        wb.add(make_checkin("Sam", note="a good one"))
        bad = wb.add(make_checkin("Alex", note="to break"))
    _damage(path, bad, b'{"kind": "checkin", "day": ')
    app = start_app(path, "Alex")
    for page in ("today", "journey", "progress"):
        app.show(page)
        assert not shows_friendly_error(app), page
        assert page_text(app)
    assert not shows_friendly_error(open_module(path, 10))

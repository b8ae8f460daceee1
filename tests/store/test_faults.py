"""Fault tests, each in real child processes (tests/fault_helper.py):

- a writer SIGKILLed at random moments (200 kills in all): every entry whose save
  returned is there afterwards and the integrity check passes;
- two processes writing at once: nothing lost;
- a full disk (a 1 MB tmpfs as root, else RLIMIT_FSIZE): a clear error, and the
  workbook still opens with every earlier entry;
- a damaged database file: `check` reports it, `restore` brings back the last backup;
- a locked database: `add` says the workbook is busy and writes nothing.
"""

from __future__ import annotations

import json
import os
import random
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from repairbook.store import Workbook, check_workbook
from tests.conftest import PASSPHRASES, TEST_SCRYPT_N, checkin_data

HELPER = str(Path(__file__).parent.parent / "fault_helper.py")
ROOT = Path(__file__).resolve().parents[2]
KILL_ROUNDS = 4
KILLS_PER_ROUND = 50  # 4 x 50 = 200 SIGKILLs in the suite


def new_workbook(folder: Path) -> Path:
    Workbook.create(
        folder, ["Alex", "Sam"], passphrases=PASSPHRASES, scrypt_n=TEST_SCRYPT_N
    ).close()
    return folder


def env(**extra: str) -> dict[str, str]:
    e = dict(os.environ)
    e["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), str(ROOT), e.get("PYTHONPATH", "")])
    e.pop("REPAIRBOOK_PASSPHRASE", None)
    e.update(extra)
    return e


def helper(*args: str, **kw: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, HELPER, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env(),
        **kw,  # type: ignore[call-overload]
    )


def run_cli(
    folder: Path, *args: str, fsize: int | None = None, **extra_env: str
) -> subprocess.CompletedProcess[str]:
    """`python -m repairbook --workbook FOLDER ARGS` in a child process, optionally with
    its file size limited to ``fsize`` bytes (writes past it fail with EFBIG)."""

    def limit() -> None:
        if fsize is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))

    return subprocess.run(
        [sys.executable, "-m", "repairbook", "--workbook", str(folder), *args],
        capture_output=True,
        text=True,
        env=env(**extra_env),
        timeout=120,
        preexec_fn=limit,
    )


def stored_ids(folder: Path) -> set[str]:
    with Workbook.open(folder) as wb:
        for name, phrase in PASSPHRASES.items():
            wb.unlock(name, phrase)
        return {e.id for name in PASSPHRASES for e in wb.list(viewer=name)}


# --- (1) SIGKILL mid-save ----------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("round_", range(KILL_ROUNDS))
def test_sigkill_mid_save_never_loses_an_acknowledged_entry(tmp_path: Path, round_: int) -> None:
    folder = new_workbook(tmp_path / "wb")
    rng = random.Random(1000 + round_)
    zyg = helper("zygote", str(folder))
    assert zyg.stdin and zyg.stdout
    acked: set[str] = set()
    try:
        for kill in range(KILLS_PER_ROUND):
            zyg.stdin.write(f"{rng.randrange(10**6)}\n")
            zyg.stdin.flush()
            line = zyg.stdout.readline()
            assert line.startswith("pid "), line + zyg.stderr.read() if zyg.stderr else ""
            pid = int(line.split()[1])
            # let it save a random number of entries, then kill it at a random moment
            for _ in range(rng.randint(0, 6)):
                line = zyg.stdout.readline()
                assert line.startswith("id "), line
                acked.add(line.split()[1])
            time.sleep(rng.random() * 0.004)
            os.kill(pid, signal.SIGKILL)
            for line in iter(zyg.stdout.readline, ""):
                if line.startswith("reaped"):
                    break
                if line.startswith("id "):  # saved before the kill landed: also promised
                    acked.add(line.split()[1])
            # after every kill: all promised entries are there, and the file is sound
            if kill % 5 == 4 or kill == KILLS_PER_ROUND - 1:
                missing = acked - stored_ids(folder)
                assert not missing, f"kill {kill}: {len(missing)} saved entries lost"
                report = check_workbook(folder, dict(PASSPHRASES))
                assert report.ok, report.problems
    finally:
        zyg.stdin.close()
        zyg.wait(timeout=30)
    assert len(acked) >= KILLS_PER_ROUND  # the writers really did save things
    # some kills landed between a commit and its acknowledgement: the window is hit
    print(f"{len(acked)} acknowledged, {len(stored_ids(folder) - acked)} saved but unacknowledged")


# --- (2) two writers at once ------------------------------------------------------------


def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    folder = new_workbook(tmp_path / "wb")
    n = 120
    procs = [helper("write", str(folder), str(n), tag) for tag in ("first", "second")]
    outs = [p.communicate(timeout=120) for p in procs]
    acked = set()
    for p, (out, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err
        lines = out.splitlines()
        assert lines[-1] == "done"
        acked |= {line.split()[1] for line in lines if line.startswith("id ")}
    assert len(acked) == 2 * n
    with Workbook.open(folder) as wb:
        notes = [e.note for e in wb.list("checkin")]  # type: ignore[attr-defined]
    assert sorted(notes) == sorted(f"{t} {i}" for t in ("first", "second") for i in range(n))
    assert acked == stored_ids(folder)
    assert check_workbook(folder).ok


# --- (3) a full disk ----------------------------------------------------------------------


def _can_mount() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MB tmpfs (as root); skips when it cannot be mounted."""
    mnt = tmp_path / "disk"
    mnt.mkdir()
    if not _can_mount():
        pytest.skip("mounting a tmpfs needs root; the RLIMIT_FSIZE test covers this case")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mnt)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(
            "this machine lets root run but not mount a tmpfs (a container without the "
            f"mount capability); the RLIMIT_FSIZE test covers a full disk: "
            f"{done.stderr.decode().strip()}"
        )
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


def assert_full_disk_handled(folder: Path, out: str, fsize: int | None = None) -> None:
    lines = out.splitlines()
    acked = {line.split()[1] for line in lines if line.startswith("id ")}
    assert len(acked) >= 3, out[-500:]
    assert lines[-1] == (
        "error DiskFull: The disk is full, so this could not be saved. Your earlier entries "
        "are safe. Free some space, then save again."
    )
    # still full: the workbook opens, every earlier entry is there, and it is sound
    assert acked == stored_ids(folder)
    assert check_workbook(folder).ok
    # the CLI says so in one sentence and saves nothing
    big = checkin_data(note="z" * 100_000)
    done = run_cli(
        folder, "add", "checkin", "--author", "Alex", "--json", json.dumps(big), fsize=fsize
    )
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.strip().startswith("repairbook: The disk is full")
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
    assert acked == stored_ids(folder)


def test_full_disk_on_a_small_tmpfs(small_disk: Path) -> None:
    folder = new_workbook(small_disk / "wb")
    p = helper("fill", str(folder), "20")
    out, err = p.communicate(timeout=120)
    assert p.returncode == 0, err
    assert_full_disk_handled(folder, out)


def test_full_disk_by_file_size_limit(tmp_path: Path) -> None:
    folder = new_workbook(tmp_path / "wb")
    p = helper("fsize", str(folder), "20", str(400_000))
    out, err = p.communicate(timeout=120)
    assert p.returncode == 0, err
    # the parent's reads checkpoint the WAL; a limit below the new WAL's size keeps the
    # CLI's "disk" full
    assert_full_disk_handled(folder, out, fsize=50_000)


# --- (4) a damaged file -------------------------------------------------------------------


def _filled_with_backup(folder: Path, n: int = 150) -> set[str]:
    new_workbook(folder)
    from tests.conftest import make_checkin

    with Workbook.open(folder) as wb:
        ids = set(wb.add_many([make_checkin(note=f"entry {i} " + "w" * 300) for i in range(n)]))
        wb.backup()
    return ids


@pytest.mark.parametrize("damage", ["overwrite-middle", "truncate"])
def test_damaged_file_is_reported_and_restore_brings_back_the_backup(
    tmp_path: Path, damage: str
) -> None:
    folder = tmp_path / "wb"
    ids = _filled_with_backup(folder)
    db = folder / "workbook.sqlite"
    size = db.stat().st_size
    assert size > 40_000
    with open(db, "r+b") as f:
        if damage == "truncate":
            f.truncate(size // 2)
        else:
            f.seek(size // 2 - 8192)
            f.write(random.Random(3).randbytes(3 * 4096))
    done = run_cli(folder, "check")
    assert done.returncode == 1
    assert "damaged" in done.stderr or "malformed" in done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert "restore" in done.stderr  # it says how to get the work back

    done = run_cli(folder, "restore")
    assert done.returncode == 0, done.stderr
    assert "Restored" in done.stdout
    assert list(folder.glob("workbook.sqlite.damaged-*"))  # nothing thrown away
    done = run_cli(folder, "check")
    assert done.returncode == 0, done.stderr
    assert "All good." in done.stdout
    assert stored_ids(folder) == ids


# --- (5) a locked database ---------------------------------------------------------------


def test_locked_database_add_says_busy_and_writes_nothing(workbook_path: Path) -> None:
    locker = helper("lock", str(workbook_path))
    assert locker.stdout and locker.stdin
    try:
        assert locker.stdout.readline().strip() == "locked"
        done = run_cli(
            workbook_path,
            "add",
            "checkin",
            "--author",
            "Alex",
            "--json",
            json.dumps(checkin_data()),
            REPAIRBOOK_BUSY_TIMEOUT_MS="300",
        )
    finally:
        locker.stdin.close()
        locker.wait(timeout=30)
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.strip() == (
        "repairbook: The workbook is busy with another save. Wait a moment and try again; "
        "nothing was lost."
    )
    with Workbook.open(workbook_path) as wb:
        assert wb.counts() == {}

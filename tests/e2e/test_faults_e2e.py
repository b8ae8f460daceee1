"""Faults under load, through the real page: the disk fills while the page is open, the
server is killed with SIGKILL right after a save was acknowledged, and both partners press
Save at the same instant from two browsers. After each, the workbook on disk is checked."""

from __future__ import annotations

import contextlib
import os
import resource
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from repairbook.content import messages
from repairbook.store import Workbook, check_workbook
from tests.e2e.conftest import Served, serve
from tests.e2e.helpers import Driver, fresh_workbook

pytestmark = pytest.mark.e2e


def descendants(pid: int) -> list[int]:
    """Every process under ``pid`` (the CLI -> Voilà -> kernels), from /proc."""
    children: dict[int, list[int]] = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as fh:
                ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(d))
    out, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


def kernel_pids(srv: Served) -> list[int]:
    pids = []
    for pid in descendants(srv.proc.pid):
        with contextlib.suppress(OSError):
            if b"ipykernel" in Path(f"/proc/{pid}/cmdline").read_bytes():
                pids.append(pid)
    return pids


def kill9(srv: Served) -> None:
    """SIGKILL the server and everything under it, all at once, as a power cut would."""
    everyone = [srv.proc.pid, *descendants(srv.proc.pid)]
    for pid in everyone:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    srv.proc.wait(timeout=20)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(Path(f"/proc/{p}").exists() for p in everyone):
        time.sleep(0.1)


def answer(d: Driver) -> None:
    """The two yes/no questions a check-in needs."""
    d.yes_no("rb-f-honest", True)
    d.yes_no("rb-f-same_argument", False)


def note_and_save(d: Driver, text: str) -> None:
    d.fill("rb-f-note", text)
    d.click("rb-checkin-save")


# -- (a) the disk fills while the page is open -------------------------------------------


@contextlib.contextmanager
def small_disk(where: Path) -> Iterator[bool]:
    """A 2 MB tmpfs at ``where`` (as root); yields False when it cannot be mounted."""
    where.mkdir()
    mounted = False
    if os.geteuid() == 0:
        r = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(where)], capture_output=True
        )
        mounted = r.returncode == 0
    try:
        yield mounted
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(where)], check=False)


def fill_disk(folder: Path) -> Path:
    filler = folder / "filler.bin"
    with open(filler, "wb") as fh:
        chunk = b"\0" * 65536
        with contextlib.suppress(OSError):
            while True:
                fh.write(chunk)
                fh.flush()
    return filler


def test_full_disk_shows_a_sentence_keeps_the_text_and_loses_nothing(
    tmp_path: Path,
    new_page,  # type: ignore[no-untyped-def]
) -> None:
    with small_disk(tmp_path / "disk") as mounted:
        folder = fresh_workbook((tmp_path / "disk") / "wb")
        srv = serve(folder, tmp_path)
        try:
            d = Driver(new_page()).open(srv.url)
            d.page.wait_for_selector(".rb-checkin-save")
            answer(d)
            note_and_save(d, "A first note, saved while there was room.")
            d.page.wait_for_selector(".rb-checkin-status .rb-saved")
            with Workbook.open(folder) as wb:
                before = {e.id: e.model_dump() for e in wb.list()}
            assert len(before) == 3  # two intentions and the check-in

            # the disk fills up (or, without root, the kernel may not grow any file)
            if mounted:
                filler = fill_disk(folder.parent)
            else:
                filler = None
                for pid in kernel_pids(srv):
                    size = sum(f.stat().st_size for f in folder.iterdir() if f.is_file())
                    resource.prlimit(pid, resource.RLIMIT_FSIZE, (size // 2, size // 2))
            typed = "A long note typed when the disk was full. " * 40
            note_and_save(d, typed)
            status = d.page.locator(".rb-checkin-status").inner_text()
            assert messages.DISK_FULL in status or "full" in status.lower(), status
            assert d.count(".rb-checkin-status .rb-problem") == 1
            assert d.page.locator(".rb-f-note textarea").input_value() == typed
            assert "Traceback" not in d.page.content()
        finally:
            srv.stop()
        if filler is not None:
            filler.unlink()

        # with room again, a new server: every earlier entry is there, unchanged
        assert check_workbook(folder).ok
        with Workbook.open(folder) as wb:
            after = {e.id: e.model_dump() for e in wb.list()}
        assert after == before
        srv = serve(folder, tmp_path)
        try:
            d = Driver(new_page()).open(srv.url)
            d.page.wait_for_selector(".rb-checkin-save")
            assert "first note" in d.page.locator(".rb-f-note textarea").input_value()
            note_and_save(d, "Saved again once there was room.")
            d.page.wait_for_selector(".rb-checkin-status .rb-saved")
        finally:
            srv.stop()
        assert check_workbook(folder).ok


# -- (b) SIGKILL right after an acknowledged save ---------------------------------------------


def test_sigkill_after_acknowledged_saves_loses_nothing(tmp_path: Path, new_page) -> None:  # type: ignore[no-untyped-def]
    folder = fresh_workbook(tmp_path / "wb")
    srv = serve(folder, tmp_path)
    acknowledged: list[str] = []
    try:
        d = Driver(new_page()).open(srv.url)
        d.page.wait_for_selector(".rb-checkin-save")
        answer(d)
        for i in range(3):
            text = f"Acknowledged note number {i}"
            d.fill("rb-f-note", text)
            d.loc(".rb-checkin-save").click()
            d.page.wait_for_selector(f".rb-checkin-status .rb-saved[data-n='{i + 1}']")
            acknowledged.append(text)
        # the other partner saves too, acknowledged by its own "saved" line
        d.switch("Sam")
        d.page.wait_for_selector(".rb-checkin-save")
        answer(d)
        d.fill("rb-f-note", "Sam's acknowledged note")
        d.loc(".rb-checkin-save").click()
        d.page.wait_for_selector(".rb-checkin-status .rb-saved")
        kill9(srv)  # the moment the page said "saved"
    finally:
        if srv.proc.poll() is None:
            kill9(srv)
    assert check_workbook(folder).ok
    with Workbook.open(folder) as wb:
        notes = {c.author: c.note for c in wb.list("checkin")}
        (alex,) = [c for c in wb.list("checkin") if c.author == "Alex"]
        versions = [v.note for v in wb.history(alex.id)]
    assert notes == {"Alex": acknowledged[-1], "Sam": "Sam's acknowledged note"}
    assert set(acknowledged) <= set(versions)
    # and the server starts again on it, showing the last acknowledged note
    srv = serve(folder, tmp_path)
    try:
        d = Driver(new_page()).open(srv.url)
        d.page.wait_for_selector(".rb-checkin-save")
        assert d.page.locator(".rb-f-note textarea").input_value() in notes.values()
    finally:
        srv.stop()


# -- (c) both partners press Save at the same instant ----------------------------------------


def test_two_partners_saving_at_the_same_instant(tmp_path: Path, new_page, served) -> None:  # type: ignore[no-untyped-def]
    folder = fresh_workbook(tmp_path / "wb")
    srv = served(folder, args=["--no-preheat"])
    drivers = []
    for name in ("Alex", "Sam"):
        d = Driver(new_page()).open(srv.url)
        d.page.wait_for_selector(".rb-checkin-save")
        d.switch(name)
        d.page.wait_for_selector(".rb-checkin-save")
        answer(d)
        d.fill("rb-f-note", f"{name} pressed Save at the same moment")
        drivers.append(d)
    # one shared instant, a little ahead, on the browser's one clock
    at = drivers[0].page.evaluate("() => Date.now()") + 600
    for d in drivers:
        d.page.evaluate(
            """(at) => { const b = document.querySelector('.rb-checkin-save');
                         setTimeout(() => b.click(), Math.max(0, at - Date.now())); }""",
            at,
        )
    for d in drivers:
        d.page.wait_for_selector(".rb-checkin-status .rb-saved", timeout=30_000)
        assert d.count(".rb-checkin-status .rb-problem") == 0
    srv.stop()
    assert check_workbook(folder).ok
    with Workbook.open(folder) as wb:
        notes = {c.author: c.note for c in wb.list("checkin")}
    assert notes == {
        "Alex": "Alex pressed Save at the same moment",
        "Sam": "Sam pressed Save at the same moment",
    }

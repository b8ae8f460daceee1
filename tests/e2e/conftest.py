"""Browser tests: the real `repairbook serve` on a free port of 127.0.0.1, driven by
Playwright with Debian's Chromium (never a downloaded browser)."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

pytestmark = pytest.mark.e2e


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Served:
    """A running `repairbook serve`: its URL (with the token), workbook and process."""

    url: str
    base: str
    token: str
    workbook: Path
    proc: subprocess.Popen[str]
    log: Path
    extra: dict[str, str] = field(default_factory=dict)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def serve(
    workbook: Path, tmp: Path, *, args: list[str] | None = None, env: dict[str, str] | None = None
) -> Served:
    """Start `repairbook serve` as a person would and wait until the page answers."""
    port = free_port()
    log = tmp / f"serve-{port}.log"
    full_env = {**os.environ, **(env or {})}
    full_env.pop("REPAIRBOOK_PASSPHRASE", None)
    out = open(log, "w")  # noqa: SIM115 - closed when the process ends
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "repairbook",
            "--workbook",
            str(workbook),
            "serve",
            "--port",
            str(port),
            *(args or []),
        ],
        stdout=subprocess.PIPE,
        stderr=out,
        text=True,
        env=full_env,
        start_new_session=False,
    )
    url = ""
    deadline = time.time() + 60
    assert proc.stdout is not None
    while time.time() < deadline and not url:
        line = proc.stdout.readline()
        if not line:
            if proc.poll() is not None:
                raise RuntimeError(f"repairbook serve died:\n{log.read_text()}")
            continue
        m = re.search(r"(http://127\.0\.0\.1:\d+/\?token=\S+)", line)
        if m:
            url = m.group(1)
    assert url, f"no URL printed:\n{log.read_text()}"
    token = url.split("token=", 1)[1]
    base = url.split("/?", 1)[0]
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=5).read(200)
            break
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            if proc.poll() is not None:
                raise RuntimeError(f"repairbook serve died:\n{log.read_text()}") from None
            time.sleep(0.3)
    return Served(url=url, base=base, token=token, workbook=workbook, proc=proc, log=log)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Callable[..., Served]]:
    """Start `repairbook serve` with ``served(workbook, args=..., env=...)`` (the same
    arguments as :func:`serve`, its log in the test's tmp_path); every server started is
    stopped at teardown, also when the test fails. A server that cannot start raises with
    its log."""
    started: list[Served] = []

    def start(
        workbook: Path, *, args: list[str] | None = None, env: dict[str, str] | None = None
    ) -> Served:
        srv = serve(workbook, tmp_path, args=args, env=env)
        started.append(srv)
        return srv

    yield start
    for srv in reversed(started):
        srv.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail(
            "Debian's chromium is missing: `make test` installs it (apt-get install chromium)."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):  # type: ignore[no-untyped-def]
    outcome = yield
    rep = outcome.get_result()
    if rep.when == "call":
        item.rb_failed = rep.failed


@pytest.fixture
def new_page(browser, request):  # type: ignore[no-untyped-def]
    """A fresh browser context per page (separate cookies), closed after the test.
    A failing test leaves a screenshot of each page in tests/e2e/artifacts/."""
    contexts = []

    def make(width: int = 1280, height: int = 900):  # type: ignore[no-untyped-def]
        ctx = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(ctx)
        page = ctx.new_page()
        page.set_default_timeout(30_000)
        return page

    yield make
    if getattr(request.node, "rb_failed", False):
        ARTIFACTS.mkdir(exist_ok=True)
        for i, c in enumerate(contexts):
            for j, pg in enumerate(c.pages):
                with contextlib.suppress(Exception):  # best effort
                    pg.screenshot(
                        path=str(ARTIFACTS / f"{request.node.name}-{i}-{j}.png"), full_page=True
                    )
    for c in contexts:
        c.close()


def open_app(page, url: str, partner: int | None = 1):  # type: ignore[no-untyped-def]
    """Open the page; on a page two partners share, answer "who is using the page now?"
    as partner number ``partner`` (1 or 2; ``None`` leaves the question open)."""
    page.goto(url)
    page.wait_for_selector(".rb-app", timeout=60_000)
    page.wait_for_selector('.rb-app [class*="rb-page-"], .rb-unavailable', timeout=60_000)
    if partner is not None and page.locator(".rb-page-who").count():
        page.locator(f".rb-who-{partner}").first.click()
        page.wait_for_selector(".rb-page-who", state="detached", timeout=60_000)
    return page


def drawn(page) -> None:  # type: ignore[no-untyped-def]
    """Wait until the page shows its final picture: no CSS transition still running
    (keyframe animations, like the breathing circle, run on by design and are not waited
    for), then two animation frames, so the last change has been laid out and painted."""
    page.wait_for_function(
        """() => document.getAnimations().every(
                 a => !(a instanceof CSSTransition) || a.playState !== 'running')"""
    )
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def shoot(page, name: str, width: int | None = None) -> Path:  # type: ignore[no-untyped-def]
    """A full screenshot of the app into docs/screenshots (the README shows them)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size or {"width": 1280, "height": 900}
    w = width or size["width"]
    h = page.evaluate("() => document.querySelector('.rb-app').scrollHeight + 40")
    page.set_viewport_size({"width": w, "height": max(600, min(int(h), 6000))})
    drawn(page)  # laid out again at the new size
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    page.set_viewport_size(size)
    return path


# -- any server command, for the lifecycle, TLS and burst tests ---------------------------


@dataclass
class Launched:
    """A server command started as a person would (its own session, like a terminal's job):
    what it printed up to its stop hint, and its process."""

    proc: subprocess.Popen[str]
    lines: list[str]
    log: Path

    @property
    def urls(self) -> list[str]:
        return [m.group(0) for line in self.lines for m in re.finditer(r"https?://\S+", line)]

    def voila_pid(self) -> int | None:
        """Voilà's process (the command's child)."""
        for pid, cmd in processes().items():
            if "repairbook.serve_voila" in cmd and _ppid(pid) == self.proc.pid:
                return pid
        return None

    def server_folder(self) -> str:
        pid = self.voila_pid()
        assert pid is not None, "no Voilà process under the command"
        m = re.search(r"--RepairbookVoila\.server_folder=(\S+)", processes()[pid])
        assert m
        return m.group(1)

    def kill(self) -> None:
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()


def processes() -> dict[int, str]:
    """Every process's command line (NULs as spaces)."""
    out: dict[int, str] = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/cmdline", "rb") as fh:
                    out[int(d)] = fh.read().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
    return out


def _ppid(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return int(fh.read().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return -1


def launch(args: list[str], tmp: Path, *, until: str = "Ctrl-C", timeout: float = 90) -> Launched:
    """Run ``python -m repairbook ARGS`` until it prints ``until`` (or ends)."""
    log = tmp / f"launch-{time.monotonic_ns()}.log"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("REPAIRBOOK_PASSPHRASE", None)
    out = open(log, "w")  # noqa: SIM115 - closed when the process ends
    proc = subprocess.Popen(
        [sys.executable, "-m", "repairbook", *args],
        stdout=subprocess.PIPE,
        stderr=out,
        text=True,
        env=env,
        start_new_session=True,
    )
    lines: list[str] = []
    deadline = time.time() + timeout
    assert proc.stdout is not None
    while time.time() < deadline:
        line = proc.stdout.readline()
        if not line:
            if proc.poll() is not None:
                break
            continue
        lines.append(line.rstrip("\n"))
        if until in line:
            break
    return Launched(proc, lines, log)

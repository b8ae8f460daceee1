"""The couple's page in a real browser: time-to-interactive and click-to-"saved".

Both sides are served the same way (`repairbook.serve.Server`: our template, token, same
Voilà settings) and driven by the same Chromium in the same run:

- time-to-interactive: the app (Today, with a check-in form) versus a one-widget
  notebook, cold (no warm kernel: the page starts its own) and warm (the server's warm
  kernel, started ahead with the notebook's imports done, see repairbook.serve_voila);
- a check-in save, from the click to the "saved" line, versus a bare widget echo round
  trip (a button whose click sets an HTML widget's value);
- memory: the proportional set size (PSS, from /proc/PID/smaps_rollup) of the kernel behind
  one open page once Today is shown, versus the kernel behind the one-widget page.

The workbook is the demo couple with a year of entries (365 days).

    python bench/app_bench.py [--quick]

Figures are ratios of medians (goals: <= 1.2x cold and warm, <= 2x save, <= 1.5x
memory).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from repairbook.demo import make_demo
from repairbook.serve import APP_SOURCE, ServeOptions, Server, free_port
from repairbook.serve_voila import WARM_FILE

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

ONE_WIDGET = """import ipywidgets as w
b = w.Button(description="echo"); b.add_class("rb-bench-button")
h = w.HTML(""); h.add_class("rb-bench-out")
n = [0]
def on(_):
    n[0] += 1
    h.value = f"<span class='rb-echo' data-n='{n[0]}'>echo {n[0]}</span>"
b.on_click(on)
box = w.VBox([b, h]); box.add_class("rb-app"); box"""


def _workbook(folder: Path) -> Path:
    """A year of the demo couple's entries (not an empty workbook)."""
    make_demo(folder, days=365).close()
    return folder


def _kernels(root: int) -> set[int]:
    """The ipykernel processes under the server process ``root``."""
    parent: dict[int, int] = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat") as f:
                    parent[int(d)] = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    found: set[int] = set()
    todo = [root]
    while todo:
        p = todo.pop()
        for child, pp in parent.items():
            if pp == p:
                todo.append(child)
                try:
                    with open(f"/proc/{child}/cmdline", "rb") as f:
                        if b"ipykernel" in f.read():
                            found.add(child)
                except OSError:
                    pass
    return found


def _pss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/smaps_rollup") as f:
        for line in f:
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f"no Pss for {pid}")


def _to_today(page) -> None:  # type: ignore[no-untyped-def]
    """From the app's first page to Today: a shared page first asks who is using it."""
    page.wait_for_selector(".rb-app", timeout=90_000)
    if page.locator(".rb-who-1").count():
        page.locator(".rb-who-1").click()
    page.wait_for_selector(".rb-checkin-save", timeout=90_000)


def _memory(browser, source: str, wb: Path, app: bool) -> float:  # type: ignore[no-untyped-def]
    """PSS (MB) of the kernel behind one open page, Today shown (or the one widget)."""
    srv, url = _served(source, wb, preheat=False)
    try:
        before = _kernels(srv.proc.pid) if srv.proc else set()
        ctx = browser.new_context()
        page = ctx.new_page()
        page.goto(url)
        if app:
            _to_today(page)
        else:
            page.wait_for_selector(".rb-app", timeout=90_000)
        page.wait_for_timeout(2000)  # the kernel settles after its last message
        new = (_kernels(srv.proc.pid) if srv.proc else set()) - before
        if len(new) != 1:
            raise RuntimeError(f"expected one new kernel for the page, found {len(new)}")
        mb = _pss_mb(new.pop())
        ctx.close()
        return mb
    finally:
        srv.stop()


def _wait_up(url: str) -> None:
    deadline = time.time() + 90
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=5).read(100)
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("server did not start")


def _tti(browser, url: str) -> float:  # type: ignore[no-untyped-def]
    ctx = browser.new_context()
    page = ctx.new_page()
    t0 = time.perf_counter()
    page.goto(url)
    page.wait_for_selector(".rb-app", timeout=90_000)
    seconds = time.perf_counter() - t0
    ctx.close()
    return seconds


def _served(source: str, workbook: Path, preheat: bool) -> tuple[Server, str]:
    opts = ServeOptions(
        workbook=workbook, port=free_port(), notebook_source=source, warm_kernels=int(preheat)
    )
    srv = Server(opts, quiet=True).start()
    _wait_up(opts.url)
    if preheat:
        _wait_warm(srv)
    return srv, opts.url


def _wait_warm(srv: Server) -> None:
    """Until the server says a warm kernel is ready for the next page."""
    deadline = time.time() + 120
    while time.time() < deadline:
        with contextlib.suppress(OSError):
            if (srv.folder / WARM_FILE).read_text().strip():
                return
        time.sleep(0.1)
    raise RuntimeError("no warm kernel")


def measure(repeats: int) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="rb-appbench-") as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        wb = _workbook(Path(tmp) / "wb")
        for preheat in (False, True):
            label = "warm" if preheat else "cold"
            for name, source in (("app", APP_SOURCE), ("one", ONE_WIDGET)):
                srv, url = _served(source, wb, preheat)
                try:
                    _tti(browser, url)  # warm the browser cache and the server
                    times = []
                    for _ in range(repeats):
                        if preheat:
                            # the next warm kernel is ready (a couple opens the page once;
                            # warming the one behind it is not part of their wait)
                            _wait_warm(srv)
                        times.append(_tti(browser, url))
                    out[f"{name}_{label}"] = statistics.median(times)
                finally:
                    srv.stop()
        # memory of the kernel behind one open page
        for name, source in (("app", APP_SOURCE), ("one", ONE_WIDGET)):
            out[f"pss_{name}"] = statistics.median(
                _memory(browser, source, wb, name == "app") for _ in range(2)
            )
        # click-to-saved versus a bare echo round trip, on one open page each
        for name, source in (("app", APP_SOURCE), ("one", ONE_WIDGET)):
            srv, url = _served(source, wb, preheat=False)
            try:
                ctx = browser.new_context()
                page = ctx.new_page()
                page.goto(url)
                if name == "app":
                    _to_today(page)
                else:
                    page.wait_for_selector(".rb-app", timeout=90_000)
                times = []
                for i in range(repeats * 3):
                    if name == "app":
                        page.wait_for_selector(".rb-checkin-save")
                        page.locator(".rb-f-honest button", has_text="Yes").click()
                        page.locator(".rb-f-same_argument button", has_text="No").click()
                        page.wait_for_timeout(200)
                        before = page.locator(".rb-checkin-status .rb-saved").count()
                        t0 = time.perf_counter()
                        page.locator(".rb-checkin-save").click()
                        page.wait_for_function(
                            "n => { const s = document.querySelector('.rb-checkin-status .rb-saved');"
                            " return s && s.dataset.n !== String(n); }",
                            arg=before if i == 0 else i,
                            timeout=90_000,
                        )
                    else:
                        t0 = time.perf_counter()
                        page.locator(".rb-bench-button").click()
                        page.wait_for_selector(f".rb-echo[data-n='{i + 1}']")
                    times.append(time.perf_counter() - t0)
                out[f"save_{name}"] = statistics.median(times[1:])
                ctx.close()
            finally:
                srv.stop()
        browser.close()
    return out


def run(quick: bool = False) -> list[dict[str, object]]:
    m = measure(2 if quick else 4)
    return [
        {
            "benchmark": "app_bench",
            "figure": f"time-to-interactive, cold: app / one widget (s {m['app_cold']:.2f} vs "
            f"{m['one_cold']:.2f})",
            "value": round(m["app_cold"] / m["one_cold"], 3),
            "goal": "<= 1.2x",
        },
        {
            "benchmark": "app_bench",
            "figure": f"time-to-interactive, warm kernel: app / one widget (s {m['app_warm']:.2f} vs "
            f"{m['one_warm']:.2f})",
            "value": round(m["app_warm"] / m["one_warm"], 3),
            "goal": "<= 1.2x",
        },
        {
            "benchmark": "app_bench",
            "figure": f"check-in click-to-saved / bare widget echo (ms {m['save_app'] * 1000:.0f} vs "
            f"{m['save_one'] * 1000:.0f})",
            "value": round(m["save_app"] / m["save_one"], 3),
            "goal": "<= 2x",
        },
        {
            "benchmark": "app_bench",
            "figure": f"kernel memory (PSS) behind one open page, Today shown / one widget (MB "
            f"{m['pss_app']:.0f} vs {m['pss_one']:.0f})",
            "value": round(m["pss_app"] / m["pss_one"], 3),
            "goal": "<= 1.5x",
        },
    ]


if __name__ == "__main__":
    for row in run(quick="--quick" in sys.argv[1:]):
        print(f"{row['value']:>7.3f}x  {row['figure']}  (goal {row['goal']})")

"""The couple's page in a real browser: time-to-interactive and click-to-"saved".

Both sides are served the same way (`repairbook.serve.Server`: our template, token, same
Voilà settings) and driven by the same Chromium in the same run:

- time-to-interactive: the app (Today, with a check-in form) versus a one-widget
  notebook, cold (a kernel starts per page) and with a preheated kernel;
- a check-in save, from the click to the "saved" line, versus a bare widget echo round
  trip (a button whose click sets an HTML widget's value).

    python bench/app_bench.py [--quick]

Figures are ratios of medians (goals: <= 1.3x cold, <= 2x save).
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from repairbook.entries import make_entry
from repairbook.serve import APP_SOURCE, ServeOptions, Server, free_port
from repairbook.store import Workbook

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
    wb = Workbook.create(folder, ["Alex", "Sam"])
    for p in ("Alex", "Sam"):
        wb.add(make_entry("intention", {"hope": "calm evenings"}, author=p))
    wb.close()
    return folder


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
        workbook=workbook, port=free_port(), preheat=preheat, notebook_source=source
    )
    srv = Server(opts, quiet=True).start()
    _wait_up(opts.url)
    if preheat:
        time.sleep(8)  # let the pool fill
    return srv, opts.url


def measure(repeats: int) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="rb-appbench-") as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        wb = _workbook(Path(tmp) / "wb")
        for preheat in (False, True):
            label = "preheated" if preheat else "cold"
            for name, source in (("app", APP_SOURCE), ("one", ONE_WIDGET)):
                srv, url = _served(source, wb, preheat)
                try:
                    _tti(browser, url)  # warm the browser cache and the server
                    times = []
                    for _ in range(repeats):
                        if preheat:
                            # let the pool's next kernel finish running the notebook's imports
                            # (a couple opens the page once; the refill is not part of it)
                            time.sleep(8)
                        times.append(_tti(browser, url))
                    out[f"{name}_{label}"] = statistics.median(times)
                finally:
                    srv.stop()
        # click-to-saved versus a bare echo round trip, on one open page each
        for name, source in (("app", APP_SOURCE), ("one", ONE_WIDGET)):
            srv, url = _served(source, wb, preheat=False)
            try:
                ctx = browser.new_context()
                page = ctx.new_page()
                page.goto(url)
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
            "goal": "<= 1.3x",
        },
        {
            "benchmark": "app_bench",
            "figure": f"time-to-interactive, preheated kernel: app / one widget (s "
            f"{m['app_preheated']:.2f} vs {m['one_preheated']:.2f})",
            "value": round(m["app_preheated"] / m["one_preheated"], 3),
            "goal": "report (the issue sets no goal)",
        },
        {
            "benchmark": "app_bench",
            "figure": f"check-in click-to-saved / bare widget echo (ms {m['save_app'] * 1000:.0f} vs "
            f"{m['save_one'] * 1000:.0f})",
            "value": round(m["save_app"] / m["save_one"], 3),
            "goal": "<= 2x",
        },
    ]


if __name__ == "__main__":
    for row in run(quick="--quick" in sys.argv[1:]):
        print(f"{row['value']:>7.3f}x  {row['figure']}  (goal {row['goal']})")

"""A room that loads: 30 page loads at the same moment on one `repairbook workshop serve`.

Every page must show its own couple's names. Figures: the share of the 30 pages that
rendered (goal: all), and the seconds until the last one rendered against the seconds one
page takes alone on the same server in the same run (reported; 30 kernels start on however
many cores the machine has, so this ratio says how the wait grows, not a goal).

    python bench/room_bench.py [--quick]     # --quick: 12 loads

Run alone, it also puts its rows into bench/RESULTS.md (replacing earlier room_bench rows).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from repairbook.serve import free_port  # noqa: E402
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, launch  # noqa: E402
from tests.e2e.room_burst import burst, make_room  # noqa: E402

COUPLES = 8


def measure(loads: int) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="rb-roombench-") as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        root, links = make_room(Path(tmp), COUPLES)
        port = free_port()
        srv = launch(
            ["workshop", "serve", str(root), "--port", str(port), "--max-pages", str(loads + 8)],
            Path(tmp),
        )
        try:
            base = f"http://127.0.0.1:{port}/"
            burst(browser, base, links, 1)  # warm the browser cache and the server
            alone = burst(browser, base, links, 1)
            many = burst(browser, base, links, loads)
        finally:
            srv.kill()
            browser.close()
    if alone.failed:
        raise RuntimeError(f"one page alone did not render: {alone.failed}")
    return {
        "loads": loads,
        "rendered": len(many.rendered),
        "alone": alone.seconds,
        "last": max(many.rendered) if many.rendered else float("nan"),
    }


def run(quick: bool = False) -> list[dict[str, object]]:
    m = measure(12 if quick else 30)
    n = int(m["loads"])
    return [
        {
            "benchmark": "room_bench",
            "figure": f"{n} simultaneous page loads on the room server: pages that showed their "
            f"couple's names / pages loaded ({int(m['rendered'])} of {n})",
            "value": round(m["rendered"] / n, 3),
            "goal": "1.0x (all)",
        },
        {
            "benchmark": "room_bench",
            "figure": f"{n} simultaneous loads: seconds until the last rendered / one page alone "
            f"(s {m['last']:.1f} vs {m['alone']:.1f})",
            "value": round(m["last"] / m["alone"], 3),
            "goal": "report",
        },
    ]


def write_rows(rows: list[dict[str, object]]) -> None:
    """Replace this benchmark's rows in RESULTS.md's table (or add them after it)."""
    path = HERE / "RESULTS.md"
    text = path.read_text() if path.exists() else "# Benchmark results\n\n"
    lines = [ln for ln in text.splitlines() if not ln.startswith("| room_bench |")]
    new = [
        f"| {r['benchmark']} | {r['figure']} | {float(r['value']):.3f}x | {r['goal']} |"
        for r in rows
    ]  # type: ignore[arg-type]
    last = max((i for i, ln in enumerate(lines) if ln.startswith("|")), default=len(lines) - 1)
    lines[last + 1 : last + 1] = new
    path.write_text("\n".join(lines) + "\n")


def main() -> int:
    if not Path(CHROMIUM).exists() or not shutil.which(CHROMIUM):
        print("Debian's chromium is needed (apt-get install chromium).")
        return 1
    rows = run(quick="--quick" in sys.argv[1:])
    for r in rows:
        print(f"{r['figure']}: {float(r['value']):.3f}x (goal {r['goal']})")  # type: ignore[arg-type]
    write_rows(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())

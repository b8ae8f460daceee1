"""Run every benchmark in bench/ and print one table of ratios; write bench/RESULTS.md.

Each figure is a ratio against a baseline measured in the same run on the same machine,
so it stays meaningful across machines. Nothing here is part of the pass/fail suite.

    python bench/run_all.py [--quick]
"""

from __future__ import annotations

import importlib.util
import os
import platform
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORDER = ["store_bench", "app_bench", "progress_bench", "coach_bench", "research_bench"]


def machine() -> str:
    mem = ""
    try:
        with open("/proc/meminfo") as f:
            kb = int(f.readline().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB memory"
    except OSError:
        pass
    cpu = platform.processor() or platform.machine()
    return (
        f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores{mem}, "
        f"Python {platform.python_version()}"
    )


def load(name: str):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(name, HERE / f"{name}.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def is_ratio(row: dict[str, object]) -> bool:
    """A ratio against a baseline is shown with an x; counts, seconds and scores are not."""
    figure, goal = str(row["figure"]).lower(), str(row["goal"]).lower()
    return "x" in goal or " / " in figure or " vs " in figure or "ratio" in figure


def shown(row: dict[str, object]) -> str:
    value = float(row["value"])  # type: ignore[arg-type]
    return f"{value:.3f}x" if is_ratio(row) else f"{value:,.3f}".rstrip("0").rstrip(".")


def main() -> int:
    quick = "--quick" in sys.argv[1:]
    names = [n for n in ORDER if (HERE / f"{n}.py").exists()]
    names += sorted(p.stem for p in HERE.glob("*_bench.py") if p.stem not in names)
    rows: list[dict[str, object]] = []
    failed: list[str] = []
    started = time.time()
    for name in names:
        t0 = time.time()
        print(f"running {name} ...", flush=True)
        try:
            rows += load(name).run(quick=quick)
        except Exception as err:  # noqa: BLE001 - one failing benchmark must not hide the rest
            failed.append(f"{name}: {type(err).__name__}: {err}")
            print(f"  {name} failed: {err}", flush=True)
        print(f"  {name} took {time.time() - t0:.0f} s", flush=True)
    header = "| benchmark | figure | ratio | goal |\n| --- | --- | --- | --- |"
    lines = [
        f"| {r['benchmark']} | {r['figure']} | {float(r['value']):.3f}x | {r['goal']} |"
        for r in rows
    ]
    table = "\n".join([header, *lines])
    print()
    print(table)
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    text = (
        "# Benchmark results\n\n"
        f"Measured {when} with `make bench`{' (quick)' if quick else ''} in "
        f"{time.time() - started:.0f} s.\n\nMachine: {machine()}.\n\n"
        "Every figure is a ratio against a baseline measured in the same run.\n\n"
        f"{table}\n"
    )
    if failed:
        text += "\nBenchmarks that did not finish:\n\n" + "\n".join(f"- {f}" for f in failed) + "\n"
    (HERE / "RESULTS.md").write_text(text)
    print(f"\nwritten to {HERE / 'RESULTS.md'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

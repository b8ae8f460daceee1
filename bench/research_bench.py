"""Benchmark: `repairbook research build` over synthetic cohorts.

For 1,000 and 10,000 couples × 365 days (quick: 100 and 1,000) it measures, each in a
fresh child process:

* our build (validation against the codebook, checksums, couple-id order, hive layout);
* a baseline in the same run: plain pyarrow reading the same exports and writing the
  same rows to one Parquet file per table, buffering 131,072 rows per table before each
  row group (the build's row bound; the build also stops at its byte budget), no checks.

Figures: throughput of the build relative to the baseline at the larger size
(goal >= 0.5x), and the build's peak RSS at the larger size relative to the smaller
(goal <= 1.2x; streaming means memory does not grow with the number of couples).
Peak RSS is the child's VmHWM from /proc. Generating the synthetic exports happens
before and outside every measurement.

    python bench/research_bench.py [--quick]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

DAYS = 365


def _peak_rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    import resource

    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def _inputs(folder: Path, n: int) -> list[Path]:
    return sorted(folder.glob("*.zip"))[:n]


def _child_build(folder: Path, n: int, out: Path) -> dict[str, float]:
    from repairbook.research.dataset import build_dataset

    paths = _inputs(folder, n)
    t = time.perf_counter()
    report = build_dataset(paths, out, cohort="bench", progress=False)
    seconds = time.perf_counter() - t
    return {"seconds": seconds, "rows": report.total_rows, "couples": report.couples}


def _child_baseline(folder: Path, n: int, out: Path) -> dict[str, float]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from repairbook.research.dataset import ROW_GROUP_ROWS

    paths = _inputs(folder, n)
    out.mkdir(parents=True, exist_ok=True)
    writers: dict[str, pq.ParquetWriter] = {}
    buffers: dict[str, list[pa.Table]] = {}
    counts: dict[str, int] = {}
    rows = 0
    t = time.perf_counter()

    def flush(name: str) -> None:
        data = pa.concat_tables(buffers.pop(name))
        counts[name] = 0
        if name not in writers:
            writers[name] = pq.ParquetWriter(
                out / f"{name}.parquet", data.schema, compression="zstd"
            )
        writers[name].write_table(data, row_group_size=ROW_GROUP_ROWS)

    for p in paths:
        with zipfile.ZipFile(p) as zf:
            for member in zf.namelist():
                if not member.startswith("tables/"):
                    continue
                name = member[7:-8]
                tbl = pq.ParquetFile(pa.BufferReader(zf.read(member))).read(use_threads=False)
                rows += tbl.num_rows
                buffers.setdefault(name, []).append(tbl)
                counts[name] = counts.get(name, 0) + tbl.num_rows
                if counts[name] >= ROW_GROUP_ROWS:
                    flush(name)
    for name in list(buffers):
        flush(name)
    for w in writers.values():
        w.close()
    return {"seconds": time.perf_counter() - t, "rows": rows, "couples": len(paths)}


def _child(args: argparse.Namespace) -> None:
    fn = _child_build if args.child == "build" else _child_baseline
    result = fn(Path(args.inputs), args.n, Path(args.out))
    result["peak_rss_kb"] = _peak_rss_kb()
    print(json.dumps(result))


def _measure(kind: str, folder: Path, n: int, work: Path) -> dict[str, float]:
    out = work / f"{kind}-{n}"
    shutil.rmtree(out, ignore_errors=True)
    proc = subprocess.run(
        [
            sys.executable,
            __file__,
            "--child",
            kind,
            "--inputs",
            str(folder),
            "--n",
            str(n),
            "--out",
            str(out),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    shutil.rmtree(out, ignore_errors=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def run(quick: bool = False) -> list[dict]:
    from repairbook.research.synth import synth_cohort

    small, large = (100, 1000) if quick else (1000, 10000)
    rows: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="rb-research-bench-") as tmp:
        work = Path(tmp)
        exports = work / "exports"
        t = time.perf_counter()
        synth_cohort(large, DAYS, 2024, exports, progress=False)
        gen = time.perf_counter() - t
        print(f"generated {large} synthetic exports x {DAYS} days in {gen:.1f}s (not measured)")
        results = {}
        for n in (small, large):
            for kind in ("baseline", "build"):
                r = _measure(kind, exports, n, work)
                results[(kind, n)] = r
                print(
                    f"{kind:>8} {n:>6} couples: {r['rows']:>10,.0f} rows in {r['seconds']:7.2f}s "
                    f"({r['rows'] / r['seconds']:>12,.0f} rows/s), peak RSS {r['peak_rss_kb'] / 1024:7.1f} MB"
                )
    b, base = results[("build", large)], results[("baseline", large)]
    throughput = (b["rows"] / b["seconds"]) / (base["rows"] / base["seconds"])
    rss = results[("build", large)]["peak_rss_kb"] / results[("build", small)]["peak_rss_kb"]
    label = f"{large:,} couples x {DAYS} days"
    rows.append(
        {
            "benchmark": "research build",
            "figure": f"throughput vs plain pyarrow ({label})",
            "value": round(throughput, 3),
            "goal": ">= 0.5x",
        }
    )
    rows.append(
        {
            "benchmark": "research build",
            "figure": f"peak RSS {large:,} vs {small:,} couples",
            "value": round(rss, 3),
            "goal": "<= 1.2x",
        }
    )
    rows.append(
        {
            "benchmark": "research build",
            "figure": f"build rows/s ({label})",
            "value": round(b["rows"] / b["seconds"]),
            "goal": "info",
        }
    )
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="100 and 1,000 couples")
    ap.add_argument("--child", choices=("build", "baseline"), help=argparse.SUPPRESS)
    ap.add_argument("--inputs", help=argparse.SUPPRESS)
    ap.add_argument("--n", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        _child(args)
        return
    for row in run(quick=args.quick):
        print(f"{row['figure']}: {row['value']} (goal {row['goal']})")


if __name__ == "__main__":
    main()

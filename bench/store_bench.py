"""Saving durable entries: the workbook store versus bare sqlite3, in the same run.

Both sides use the same pragmas (WAL, synchronous=FULL, busy_timeout) and one
transaction per entry, into a temporary folder on the same disk, so the ratio shows
what the store adds (validation is done beforehand; serialisation, the history row,
the partner lookup and the transaction handling are counted).

    python bench/store_bench.py [--quick]

Figures: store / bare sqlite3 time per saved check-in (goal <= 1.5x), and private /
shared time per saved journal entry (the cost of AES-GCM sealing; printed on its own).
"""

from __future__ import annotations

import json
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from repairbook.entries import Entry, make_entry
from repairbook.store import Workbook, entry_to_json

PASSPHRASE = "bench passphrase"


def checkins(n: int) -> list[Entry]:
    return [
        make_entry(
            "checkin",
            {
                "day": (date.today() - timedelta(days=3)).isoformat(),
                "trust": i % 11,
                "safety": 6,
                "connection": 5,
                "honest": True,
                "affection": 2,
                "same_argument": False,
                "urge_to_check": 3,
                "note": "We walked after dinner and talked about the week.",
            },
            author="Alex" if i % 2 else "Sam",
        )
        for i in range(n)
    ]


def journals(n: int, private: bool) -> list[Entry]:
    text = "Writing this down helps me see the week more calmly. " * 4
    return [
        make_entry(
            "journal" if private else "i_statement",
            {"text": text},
            author="Alex",
        )
        for _ in range(n)
    ]


def time_it(fn: Callable[[], None]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def bare_sqlite(folder: Path, entries: list[Entry]) -> float:
    db = sqlite3.connect(folder / "bare.sqlite", isolation_level=None)
    db.execute("PRAGMA busy_timeout=5000")
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute(
        "CREATE TABLE entries (id TEXT PRIMARY KEY, kind TEXT, author TEXT, visibility TEXT,"
        " created TEXT, updated TEXT, schema_version INTEGER, body BLOB)"
    )
    rows = [
        (
            e.id,
            e.kind,
            e.author,
            e.visibility,
            e.created.isoformat(),
            e.updated.isoformat(),
            e.schema_version,
            json.dumps(entry_to_json(e)).encode(),
        )
        for e in entries
    ]

    def save() -> None:
        for row in rows:
            db.execute("BEGIN IMMEDIATE")
            db.execute("INSERT INTO entries VALUES (?,?,?,?,?,?,?,?)", row)
            db.execute("COMMIT")

    seconds = time_it(save)
    db.close()
    return seconds


def store(folder: Path, entries: list[Entry], unlock: bool = False) -> float:
    wb = Workbook.create(folder / "wb", ["Alex", "Sam"])
    if unlock:
        wb.set_passphrase("Alex", PASSPHRASE)

    def save() -> None:
        for e in entries:
            wb.add(e)

    seconds = time_it(save)
    wb.close()
    return seconds


def measure(n: int, repeats: int) -> dict[str, float]:
    """Paired runs: each repeat times both sides back to back in fresh folders; the
    figures are medians of the per-repeat ratios (robust on a busy machine)."""
    bare, ours, shared, private = [], [], [], []
    for _ in range(repeats):
        with tempfile.TemporaryDirectory(prefix="rb-bench-") as tmp:
            d = Path(tmp)
            for sub in ("a", "b", "c", "d"):
                (d / sub).mkdir()
            bare.append(bare_sqlite(d / "a", checkins(n)))
            ours.append(store(d / "b", checkins(n)))
            shared.append(store(d / "c", journals(n, private=False), unlock=True))
            private.append(store(d / "d", journals(n, private=True), unlock=True))
    med = statistics.median
    return {
        "bare_ms": 1000 * med(bare) / n,
        "store_ms": 1000 * med(ours) / n,
        "shared_ms": 1000 * med(shared) / n,
        "private_ms": 1000 * med(private) / n,
        "store_ratio": med(o / b for o, b in zip(ours, bare, strict=True)),
        "private_ratio": med(p / s for p, s in zip(private, shared, strict=True)),
    }


def run(quick: bool = False) -> list[dict[str, object]]:
    n, repeats = (300, 3) if quick else (600, 5)
    m = measure(n, repeats)
    return [
        {
            "benchmark": "store_bench",
            "figure": f"durable save of a check-in, store / bare sqlite3 ({n} entries, ms "
            f"{m['store_ms']:.2f} vs {m['bare_ms']:.2f})",
            "value": round(m["store_ratio"], 3),
            "goal": "<= 1.5x",
        },
        {
            "benchmark": "store_bench",
            "figure": f"private (AES-GCM sealed) / shared save of a journal-sized entry (ms "
            f"{m['private_ms']:.2f} vs {m['shared_ms']:.2f})",
            "value": round(m["private_ratio"], 3),
            "goal": "reported (sealing cost)",
        },
    ]


if __name__ == "__main__":
    for row in run(quick="--quick" in sys.argv[1:]):
        print(f"{row['value']:>7.3f}x  {row['figure']}  (goal {row['goal']})")

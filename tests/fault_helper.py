"""Child processes for tests/store/test_faults.py. Run as ``python tests/fault_helper.py MODE ...``.

Each mode prints ``id <entry id>`` on stdout only after the store's ``add`` returned,
so every id the parent reads is an entry the store promised was saved.

Modes:
  zygote FOLDER          read a line per writer on stdin; fork a writer child that adds
                         entries forever (printing ``pid N`` first); the parent test
                         SIGKILLs it, then the zygote reaps it and prints ``reaped``.
  write FOLDER N TAG     add N entries (one transaction each), then print ``done``.
  fill FOLDER KB         add entries with a KB-sized note until the store refuses;
                         print ``error <Class>: <message>``.
  fsize FOLDER KB BYTES  like fill, with RLIMIT_FSIZE set to BYTES and SIGXFSZ ignored.
  lock FOLDER            hold BEGIN IMMEDIATE on the database until stdin closes.
"""

from __future__ import annotations

import os
import random
import resource
import signal
import sqlite3
import sys
from datetime import date, timedelta

from repairbook.entries import make_entry
from repairbook.store import StoreError, Workbook

PASSPHRASES = {"Alex": "alex test passphrase", "Sam": "sam test passphrase"}


def entry(i: int, note: str = "", private: bool = False) -> object:
    return make_entry(
        "checkin",
        {
            "day": (date.today() - timedelta(days=1)).isoformat(),
            "trust": i % 11,
            "safety": 5,
            "connection": 5,
            "honest": True,
            "affection": 1,
            "same_argument": False,
            "urge_to_check": 2,
            "note": note,
        },
        author="Alex" if i % 2 else "Sam",
        visibility="private" if private else None,
    )


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def writer_forever(folder: str, seed: int) -> None:
    rng = random.Random(seed)
    wb = Workbook.open(folder)
    for name, phrase in PASSPHRASES.items():
        wb.unlock(name, phrase)
    i = 0
    while True:
        i += 1
        if rng.random() < 0.2:
            batch = [entry(i + k, note=f"batch {k}") for k in range(rng.randint(2, 8))]
            for eid in wb.add_many(batch):  # type: ignore[arg-type]
                say(f"id {eid}")
        else:
            note = "x" * rng.choice((0, 10, 3000))  # some span several pages
            say(f"id {wb.add(entry(i, note=note, private=rng.random() < 0.3))}")  # type: ignore[arg-type]


def zygote(folder: str) -> None:
    for line in sys.stdin:
        seed = int(line.strip() or 0)
        pid = os.fork()
        if pid == 0:  # the writer child
            try:
                say(f"pid {os.getpid()}")
                writer_forever(folder, seed)
            finally:
                os._exit(1)
        os.waitpid(pid, 0)
        say("reaped")


def fill(folder: str, kb: int) -> None:
    wb = Workbook.open(folder)
    i = 0
    try:
        while True:
            i += 1
            say(f"id {wb.add(entry(i, note=f'{i:06d}' + 'y' * (kb * 1024)))}")  # type: ignore[arg-type]
    except StoreError as err:
        say(f"error {type(err).__name__}: {err}")
    wb.close()


def main(argv: list[str]) -> None:
    mode, folder = argv[0], argv[1]
    if mode == "zygote":
        zygote(folder)
    elif mode == "write":
        n, tag = int(argv[2]), argv[3]
        wb = Workbook.open(folder)
        for i in range(n):
            say(f"id {wb.add(entry(i, note=f'{tag} {i}'))}")  # type: ignore[arg-type]
        wb.close()
        say("done")
    elif mode == "fill":
        fill(folder, int(argv[2]))
    elif mode == "fsize":
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes past the limit get EFBIG
        limit = int(argv[3])
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
        fill(folder, int(argv[2]))
    elif mode == "lock":
        db = sqlite3.connect(os.path.join(folder, "workbook.sqlite"), isolation_level=None)
        db.execute("BEGIN IMMEDIATE")
        say("locked")
        sys.stdin.read()
        db.execute("ROLLBACK")
        db.close()
    else:
        raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main(sys.argv[1:])

"""A room of couples and a burst of simultaneous page loads (the burst test and
bench/room_bench.py share it)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from repairbook.store import Workbook
from repairbook.workshop import Workshop

NAMES = [
    ("Ana", "Bo"),
    ("Kim", "Lee"),
    ("Noor", "Pat"),
    ("Rui", "Sol"),
    ("Tam", "Uma"),
    ("Vic", "Wen"),
    ("Xan", "Yara"),
    ("Zoe", "Ari"),
]


def make_room(tmp: Path, couples: int) -> tuple[Path, list[tuple[str, str]]]:
    """A workshop folder with ``couples`` couples: (path query, "A & B") for each."""
    root = tmp / "room"
    ws, _fkey = Workshop.create(root, "Burst group")
    links = []
    for i in range(couples):
        a, b = NAMES[i % len(NAMES)]
        a, b = f"{a}{i // len(NAMES) or ''}", f"{b}{i // len(NAMES) or ''}"
        record, key = ws.add_couple(f"Table {i + 1}")
        Workbook.create(ws.workbook_path(record), [a, b]).close()
        links.append((f"?token={ws.room_token}&key={key}", f"{a} & {b}"))
    return root, links


@dataclass
class Burst:
    rendered: list[float] = field(default_factory=list)  # seconds from the burst's start
    failed: list[str] = field(default_factory=list)
    seconds: float = 0.0


def burst(browser: Any, base: str, links: list[tuple[str, str]], loads: int) -> Burst:
    """Open ``loads`` pages at once (one browser context each, couples in turn), then wait
    for each to show its couple's names."""
    out = Burst()
    contexts = []
    pages = []
    t0 = time.monotonic()
    for i in range(loads):
        query, names = links[i % len(links)]
        ctx = browser.new_context(viewport={"width": 390, "height": 800})
        page = ctx.new_page()
        page.goto(base + query, wait_until="commit", timeout=120_000)
        contexts.append(ctx)
        pages.append((page, names))
    try:
        for page, names in pages:
            try:
                page.wait_for_selector(".rb-app .rb-brand", timeout=240_000)
                text = page.inner_text(".rb-brand")
            except Exception as err:  # noqa: BLE001 - recorded and reported
                out.failed.append(f"{names}: {type(err).__name__}")
                continue
            if names in text:
                out.rendered.append(time.monotonic() - t0)
            else:
                out.failed.append(f"{names}: showed {text!r}")
        out.seconds = time.monotonic() - t0
    finally:
        for ctx in contexts:
            ctx.close()
    return out

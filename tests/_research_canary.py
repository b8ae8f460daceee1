"""A workbook seeded with canary strings in every free-text field of every kind.

Every string a partner can type holds ``zqcanary-<kind>-<field>`` plus a partner's name,
an e-mail address, a phone number, a URL, a place and a calendar date, so a test can
prove none of them leaves in a research export.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from repairbook.entries import KINDS, make_entry
from repairbook.store import Workbook

P1, P2 = "Quillonbert", "Marisadora"
PASSPHRASES = {P1: "quillonbert passphrase", P2: "marisadora passphrase"}
# a few weeks back, so the store's plausible-date checks accept every date in it
START = (datetime.now(UTC) - timedelta(days=40)).replace(hour=9, minute=30, second=0, microsecond=0)
CANARY = "zqcanary"


def canary(kind: str, field: str) -> str:
    return (
        f"{CANARY}-{kind}-{field} said {P2} wrote to quill.bert@example.com, "
        f"phone +44 20 7946 0958, see https://quill.example.org/x on "
        f"{(START + timedelta(days=1)).date().isoformat()} in Paris near Elm Street on "
        f"{(START + timedelta(days=2)):%d %B} at 9:30"
    )


def _data(kind: str, day: date, ids: dict[str, str]) -> dict[str, Any]:
    c = lambda f: canary(kind, f)  # noqa: E731
    later = START + timedelta(days=3)
    d = day.isoformat()
    return {
        "intention": {"hope": c("hope")},
        "safety_screen": {"afraid": True, "threatened": False, "controlled": False, "hurt": False},
        "safety_need": {"helps": [c("helps")], "harder": [c("harder")], "note": c("note")},
        "conversation_plan": {
            "topic": c("topic")[:1900],
            "when": later.isoformat(),
            "status": "tabled",
            "return_at": (later + timedelta(days=1)).isoformat(),
        },
        "i_statement": {"text": c("text"), "plan_id": ids.get("conversation_plan")},
        "conversation_outcome": {
            "plan_id": ids.get("conversation_plan", "x"),
            "understood": True,
            "felt_heard": False,
            "note": c("note"),
        },
        "need_to_know": {"questions": c("questions")},
        "apology": {
            "act": c("act"),
            "impact": c("impact"),
            "responsibility": c("responsibility"),
            "plan": c("plan"),
            "why": c("why"),
            "prevention": c("prevention"),
        },
        "apology_response": {
            "apology_id": ids.get("apology", "x"),
            "felt_heard": True,
            "missing": c("missing"),
        },
        "reflection": {"feeling": c("feeling"), "needing": c("needing"), "own_part": c("own_part")},
        "transparency_offer": {
            "item": c("item"),
            "offered_freely": True,
            "review_on": (day + timedelta(days=30)).isoformat(),
        },
        "promise": {"text": c("text"), "due": later.isoformat()},
        "trigger": {
            "what_happened": c("what_happened"),
            "intensity": 7,
            "recovery_minutes": 40,
            "reassurance": c("reassurance"),
            "repair": c("repair"),
        },
        "code_word": {"word": f"{CANARY}word", "reassurance": c("reassurance")},
        "code_word_use": {"used_at": START.isoformat()},
        "agreement": {"area": "privacy", "text": c("text"), "accepted_by": [P1, P2]},
        "contract": {
            "commitments": {P1: [c("c1"), c("c2"), c("c3")], P2: [c("c4"), c("c5"), c("c6")]},
            "support": c("support"),
            "breaks": c("breaks"),
            "revisit_on": (day + timedelta(days=30)).isoformat(),
        },
        "signature": {"contract_id": ids.get("contract", "x"), "contract_version": 1},
        "ritual": {
            "ritual": "repair_checkin",
            "day": d,
            "minutes": 25,
            "facts": c("facts"),
            "feelings": c("feelings"),
            "progress": c("progress"),
            "note": c("note"),
        },
        "processing_window": {"starts_at": later.isoformat(), "minutes": 45},
        "journal": {"text": c("text"), "day": d},
        "listening_round": {
            "speaker": P1,
            "listener": P2,
            "speaker_text": c("speaker_text"),
            "paraphrase": c("paraphrase"),
            "heard": 4,
            "missed": c("missed"),
        },
        "lesson": {"what_went_wrong": c("wwg"), "lesson": c("lesson"), "habit": c("habit")},
        "forgiveness_reflection": {"readiness": 3, "text": c("text")},
        "resource": {
            "name": c("name")[:1900],
            "phone": "+44 20 7946 0958",
            "web": "https://quill.example.org",
            "note": c("note")[:1900],
        },
        "checkin": {
            "day": d,
            "trust": 6,
            "safety": 5,
            "connection": 4,
            "honest": True,
            "affection": 2,
            "same_argument": False,
            "urge_to_check": 3,
            "note": c("note"),
        },
        "win": {"text": c("text")[:1900], "day": d},
        "consent": None,  # recorded through the consent API
        "settings": {"timezone": "Europe/Paris"},
    }[kind]


def make_canary_workbook(folder: Path, *, days: int = 3) -> Workbook:
    """Both partners write every kind on each of ``days`` days (private kinds privately)."""
    wb = Workbook.create(folder, [P1, P2], passphrases=PASSPHRASES, scrypt_n=2**10)
    for i in range(days):
        when = START + timedelta(days=i)
        ids: dict[str, str] = {}
        for kind, model in KINDS.items():
            if kind == "consent":
                continue
            for author in (P1, P2):
                data = _data(kind, when.date(), ids)
                e = make_entry(
                    kind,
                    data,
                    author=author,
                    visibility="private" if model.private_only else None,
                    now=when,
                )
                e.created = e.updated = when + timedelta(minutes=5)
                wb.add(e)
                ids.setdefault(kind, e.id)
        # the same kinds of free text written privately too (a private check-in note)
        e = make_entry(
            "checkin", _data("checkin", when.date(), ids), author=P1, visibility="private", now=when
        )
        e.created = e.updated = when
        wb.add(e)
    return wb


def calendar_forms(first: date, last: date) -> list[str]:
    """Every way a calendar date in [first, last] might be written."""
    out = []
    d = first
    while d <= last:
        out += [
            d.isoformat(),
            f"{d.day} {d:%B}",
            f"{d:%B} {d.day}",
            f"{d.day} {d:%b}",
            f"{d:%b} {d.day}",
            d.strftime("%d/%m/%Y"),
            d.strftime("%m/%d/%Y"),
            d.strftime("%d.%m.%Y"),
        ]
        d += timedelta(days=1)
    return out


def export_texts(path: Path) -> dict[str, Any]:
    """Everything a reader could get out of an export: raw bytes of the zip and of each
    member, and for each Parquet member its decoded values, schema and metadata, and an
    uncompressed re-encoding of the same table."""
    raw = path.read_bytes()
    blobs: list[bytes] = [raw]
    values: dict[str, pa.Table] = {}
    with zipfile.ZipFile(path) as zf:
        for info in zf.infolist():
            assert info.date_time == (1980, 1, 1, 0, 0, 0), info.filename
            data = zf.read(info)
            blobs.append(data)
            if info.filename.endswith(".parquet"):
                pf = pq.ParquetFile(io.BytesIO(data))
                tbl = pf.read()
                values[info.filename] = tbl
                blobs.append(repr(pf.metadata.to_dict()).encode())
                blobs.append(repr(pf.schema_arrow.metadata).encode())
                blobs.append(json.dumps(tbl.to_pylist(), default=str).encode())
                sink = io.BytesIO()
                pq.write_table(tbl, sink, compression="none")
                blobs.append(sink.getvalue())
    return {"blobs": blobs, "tables": values}


def find(blobs: list[bytes], needle: str) -> bool:
    n = needle.encode("utf-8").lower()
    return any(n in b.lower() for b in blobs)


ISO_DATE = re.compile(rb"20\d\d-\d\d-\d\d")

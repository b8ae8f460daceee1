"""A made-up couple for trying the app, screenshots and benchmarks.

``make_demo(path, days=120, seed=7)`` writes a workbook where Alex and Sam use every
kind of entry with a believable arc: trust rising unevenly (with a setback), triggers
getting rarer and shorter, promises mostly kept with some broken or late, one tabled
conversation, weekly rituals, and private entries only their author can open.
"""

from __future__ import annotations

import math
import random
import shutil
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from repairbook.content import demo_text as T
from repairbook.entries import Entry, make_entry
from repairbook.store import Workbook
from repairbook.store.workbook import DB_NAME, StoreError

PARTNERS = ("Alex", "Sam")
#: Sam is the partner who broke trust in the demo story.
DEMO_PASSPHRASES = {"Alex": "alex demo passphrase", "Sam": "sam demo passphrase"}


class _Builder:
    def __init__(self, start: date, today: date, rng: random.Random):
        self.start = start
        self.today = today
        self.rng = rng
        self.items: list[Entry] = []

    def at(self, day: date, hour: int = 20, minute: int = 0) -> datetime:
        return datetime.combine(day, time(hour, minute), tzinfo=UTC)

    def add(
        self,
        kind: str,
        author: str,
        when: datetime,
        data: dict[str, Any],
        private: bool = False,
    ) -> Entry:
        e = make_entry(
            kind, data, author=author, visibility="private" if private else None, now=when
        )
        e.created = e.updated = when
        self.items.append(e)
        return e


def _progress(i: int, days: int) -> float:
    """0 at the start to 1 at the end, with a setback around 40 % of the way."""
    x = i / max(days - 1, 1)
    base = 1 - math.exp(-3 * x)
    setback = 0.25 * math.exp(-(((x - 0.4) / 0.05) ** 2))
    return max(0.0, min(1.0, base - setback))


def make_demo(
    folder: str | Path,
    *,
    days: int = 120,
    seed: int = 7,
    force: bool = False,
    today: date | None = None,
) -> Workbook:
    folder = Path(folder)
    if (folder / DB_NAME).exists():
        if not force:
            raise StoreError(
                f"{folder} already holds a workbook. Pick another --workbook for the demo "
                "(or --force to replace an earlier demo)."
            )
        wb = Workbook.open(folder)
        is_demo = wb.partners == list(PARTNERS)
        wb.close()
        if not is_demo:
            raise StoreError(f"{folder} holds a real workbook; the demo never replaces one.")
        shutil.rmtree(folder)
    rng = random.Random(seed)
    today = today or datetime.now(UTC).date()
    start = today - timedelta(days=days - 1)
    wb = Workbook.create(
        folder,
        list(PARTNERS),
        passphrases=DEMO_PASSPHRASES,
        created=datetime.combine(start, datetime.min.time(), UTC),
    )
    b = _Builder(start, today, rng)
    alex, sam = PARTNERS
    d0 = b.at(start, 19)

    # module 0
    b.add("intention", alex, d0, {"hope": T.HOPES[alex]})
    b.add("intention", sam, d0, {"hope": T.HOPES[sam]})
    for p in PARTNERS:
        b.add(
            "safety_screen",
            p,
            d0,
            {
                "afraid": False,
                "threatened": False,
                "controlled": False,
                "hurt": False,
                "betrayal_or_addiction": p == alex,
            },
            private=True,
        )
        b.add("safety_need", p, d0 + timedelta(hours=1), T.SAFETY_NEEDS[p])
    b.add("settings", alex, d0, {"checkin_time": "21:00", "repair_checkin_day": "sun"})
    b.add("consent", alex, d0, {"given": True, "numeric": True, "facilitator": True})
    b.add("consent", sam, d0, {"given": True, "numeric": True, "facilitator": True})
    for res in T.RESOURCES:
        b.add("resource", alex, d0, res)
    b.add(
        "code_word",
        alex,
        d0 + timedelta(days=min(6, days - 1)),
        {"word": "lighthouse", "reassurance": T.CODE_WORD_REASSURANCE},
    )

    # module 3 / 4: apology and reflections early on
    if days > 3:
        t = b.at(start + timedelta(days=3), 20)
        b.add("need_to_know", alex, t, {"questions": T.NEED_TO_KNOW})
        ap = b.add("apology", sam, t + timedelta(hours=1), T.APOLOGY_V1)
        b.add(
            "apology_response",
            alex,
            t + timedelta(hours=2),
            {"apology_id": ap.id, "felt_heard": False, "missing": T.APOLOGY_MISSING},
        )
        b._apology = ap  # type: ignore[attr-defined]
    if days > 8:
        t = b.at(start + timedelta(days=8), 20)
        for p in PARTNERS:
            b.add("reflection", p, t, T.REFLECTIONS[p])

    # module 5, 8, 9
    if days > 10:
        t = b.at(start + timedelta(days=10), 20)
        for item, length in T.OFFERS:
            review = start + timedelta(days=10 + length)
            b.add(
                "transparency_offer",
                sam,
                t,
                {
                    **item,
                    "offered_freely": True,
                    "review_on": review.isoformat(),
                    "status": "active" if review > today else "ended",
                },
            )
        for area, text in T.AGREEMENTS:
            b.add("agreement", alex, t, {"area": area, "text": text, "accepted_by": [alex, sam]})
    contract_id = None
    if days > 14:
        t = b.at(start + timedelta(days=14), 20)
        c = b.add(
            "contract",
            alex,
            t,
            {**T.CONTRACT, "revisit_on": (t.date() + timedelta(days=30)).isoformat()},
        )
        contract_id = c.id
        for i, p in enumerate(PARTNERS):
            b.add(
                "signature",
                p,
                t + timedelta(minutes=5 + i),
                {
                    "contract_id": c.id,
                    "contract_version": 1,
                    "signed_at": (t + timedelta(minutes=5 + i)).isoformat(),
                },
            )

    # daily and weekly rhythms
    for i in range(days):
        day = start + timedelta(days=i)
        prog = _progress(i, days)
        for p in PARTNERS:
            skip = rng.random() < (0.12 if p == sam else 0.08)
            if skip and day != today:
                continue
            lift = 0.6 if p == sam else 0.0  # the hurt partner's trust climbs more slowly
            base_trust = 2.5 + 6 * prog + lift + rng.gauss(0, 0.9)
            safety = 3 + 5.5 * prog + rng.gauss(0, 0.9)
            conn = 3 + 5 * prog + rng.gauss(0, 1.0)
            urge = (7 - 6 * prog + rng.gauss(0, 1)) if p == alex else (2 + rng.gauss(0, 0.7))
            clamp = lambda v: int(max(0, min(10, round(v))))  # noqa: E731
            note = rng.choice(T.CHECKIN_NOTES) if rng.random() < 0.15 else ""
            b.add(
                "checkin",
                p,
                b.at(day, 21, rng.randint(0, 50)),
                {
                    "day": day.isoformat(),
                    "trust": clamp(base_trust),
                    "safety": clamp(safety),
                    "connection": clamp(conn),
                    "honest": rng.random() < 0.55 + 0.4 * prog,
                    "affection": max(0, int(rng.gauss(0.5 + 3.5 * prog, 1))),
                    "same_argument": rng.random() < 0.45 - 0.38 * prog,
                    "urge_to_check": clamp(urge),
                    "note": note,
                },
            )
            if rng.random() < 0.05:
                b.add(
                    "journal",
                    p,
                    b.at(day, 22),
                    {"text": rng.choice(T.JOURNAL), "day": day.isoformat()},
                    private=True,
                )
        # triggers: frequent and long at first
        if rng.random() < 0.35 - 0.27 * prog:
            intensity = int(max(1, min(10, round(8 - 5 * prog + rng.gauss(0, 1.2)))))
            recovery = max(5, int(rng.gauss(150 - 125 * prog, 20)))
            b.add(
                "trigger",
                alex,
                b.at(day, rng.randint(9, 20)),
                {
                    "what_happened": rng.choice(T.TRIGGERS),
                    "intensity": intensity,
                    "recovery_minutes": recovery,
                    "grounding_done": rng.random() < 0.4 + 0.5 * prog,
                    "reassurance": T.REASSURANCE,
                    "repair": rng.choice(T.REPAIRS),
                },
            )
            if rng.random() < 0.3 and i > 6:
                b.add("code_word_use", alex, b.at(day, 20), {"used_at": b.at(day, 20).isoformat()})
        # promises: a few a week, Sam mostly
        if rng.random() < 0.6:
            who = sam if rng.random() < 0.75 else alex
            made = b.at(day, 8)
            due = made + timedelta(hours=rng.randint(4, 30))
            r = rng.random()
            kept_p = 0.55 + 0.4 * prog
            if due.date() > today:
                status = "open"
            elif r < kept_p:
                status = "kept"
            elif r < kept_p + 0.12:
                status = "kept_late"
            elif r < kept_p + 0.17:
                status = "renegotiated"
            else:
                status = "broken"
            data: dict[str, Any] = {
                "text": rng.choice(T.PROMISES),
                "due": due.isoformat(),
                "status": status,
            }
            if status == "kept_late":
                data["minutes_late"] = max(1, int(rng.gauss(40 - 25 * prog, 10)))
            if status != "open":
                data["resolved_at"] = (
                    due + timedelta(minutes=data.get("minutes_late", 0))
                ).isoformat()
            b.add("promise", who, made, data)
        wd = day.weekday()
        if wd == 6 and rng.random() < 0.55 + 0.4 * prog:  # weekly repair check-in
            b.add(
                "ritual",
                rng.choice(PARTNERS),
                b.at(day, 19),
                {
                    "ritual": "repair_checkin",
                    "day": day.isoformat(),
                    "minutes": rng.randint(20, 30),
                    "facts": T.RITUAL_FACTS,
                    "feelings": rng.choice(T.RITUAL_FEELINGS),
                    "progress": rng.choice(T.RITUAL_PROGRESS),
                },
            )
        if wd == 4 and rng.random() < 0.4 + 0.5 * prog:
            b.add(
                "ritual",
                rng.choice(PARTNERS),
                b.at(day, 22),
                {"ritual": "fun_date", "day": day.isoformat(), "note": rng.choice(T.FUN_DATES)},
            )
        if rng.random() < 0.3 + 0.5 * prog:
            b.add(
                "ritual",
                rng.choice(PARTNERS),
                b.at(day, 18),
                {"ritual": "care_act", "day": day.isoformat(), "note": rng.choice(T.CARE_ACTS)},
            )
        if wd == 2 and i >= 7:  # conversations every other week
            if (i // 7) % 2 == 0:
                t = b.at(day, 19, 30)
                tabled = (i // 7) in (2, 5)
                plan = b.add(
                    "conversation_plan",
                    alex,
                    t - timedelta(days=2),
                    {
                        "topic": rng.choice(T.TOPICS),
                        "when": t.isoformat(),
                        "status": "tabled" if tabled else "held",
                        **({"return_at": (t + timedelta(days=2)).isoformat()} if tabled else {}),
                    },
                )
                b.add(
                    "i_statement", alex, t, {"text": rng.choice(T.I_STATEMENTS), "plan_id": plan.id}
                )
                if not tabled:
                    for p in PARTNERS:
                        b.add(
                            "conversation_outcome",
                            p,
                            t + timedelta(hours=1),
                            {
                                "plan_id": plan.id,
                                "understood": rng.random() < 0.5 + 0.45 * prog,
                                "felt_heard": rng.random() < 0.45 + 0.5 * prog,
                                "note": "",
                            },
                        )
            if i < 14:
                b.add(
                    "processing_window",
                    alex,
                    b.at(day, 18),
                    {"starts_at": b.at(day, 19).isoformat(), "minutes": 45},
                )
        if wd == 5 and (i // 7) % 2 == 1:
            speaker, listener = (alex, sam) if (i // 14) % 2 == 0 else (sam, alex)
            b.add(
                "listening_round",
                speaker,
                b.at(day, 11),
                {
                    "speaker": speaker,
                    "listener": listener,
                    "speaker_text": rng.choice(T.LISTEN_SPEAK),
                    "paraphrase": rng.choice(T.LISTEN_PARA),
                    "heard": int(max(1, min(5, round(2.5 + 2.3 * prog + rng.gauss(0, 0.6))))),
                    "missed": "",
                },
            )
        if i in (20, 45, 80) and i < days:
            b.add("lesson", sam, b.at(day, 21), T.LESSONS[(20, 45, 80).index(i)])
        if i in (7, 30, 60, 100, 200) and i < days:
            b.add(
                "win",
                rng.choice(PARTNERS),
                b.at(day, 21),
                {"text": T.WINS[(7, 30, 60, 100, 200).index(i)], "day": day.isoformat()},
            )
        if i == int(days * 0.55) and days > 30:
            b.add(
                "forgiveness_reflection",
                alex,
                b.at(day, 22),
                {"readiness": 4, "text": T.FORGIVENESS},
                private=True,
            )

    wb.add_many(b.items)
    # a second version of the apology and a warmer response
    first_apology: Entry | None = getattr(b, "_apology", None)
    if first_apology is not None and days > 12:
        wb.update(first_apology.id, T.APOLOGY_V2, by=sam)
        later = b.at(start + timedelta(days=12), 20)
        resp = make_entry(
            "apology_response",
            {"apology_id": first_apology.id, "felt_heard": True, "accepted": True, "missing": ""},
            author=alex,
            now=later,
        )
        resp.created = resp.updated = later
        wb.add(resp)
    if contract_id and days > 50:
        revisit = (today + timedelta(days=30)).isoformat()
        wb.update(contract_id, {"support": T.CONTRACT_SUPPORT_V2, "revisit_on": revisit}, by=alex)
    return wb

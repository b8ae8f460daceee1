"""Synthetic cohorts: many made-up couples written directly as research exports.

Each couple follows one arc: ``improving`` (trust and safety rise, with noise and
sometimes a setback), ``stalled`` (an early rise that levels off low), ``avoidant`` (one
partner checks in rarely, with week-long gaps) or ``volatile`` (ups and downs). A few
couples carry a safety flag: one partner's private safety screen has a yes (shared with
their extra consent) and their felt safety stays low. About one couple in ten has only
one consenting partner. Each partner's role (``partners.role``) follows who was hurt: the
hurt partner says ``hurt`` and the other ``broke_trust``, except that about one couple in
ten says ``both``, and a few partners prefer not to say or skip the question (null).
About 3 % of check-in ratings are left unanswered (null), as real check-ins allow.

Tables are generated with numpy and written with :func:`repairbook.research.export.write_export`,
the same writer real exports use, so a synthetic export validates against the same codebook.
No workbook is created, which keeps 10,000 couples × 365 days within minutes.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from repairbook.content import research as R
from repairbook.research.codebook import PARTS_OF_DAY, codebook_files, tables
from repairbook.research.export import arrow_table, write_export

ARCS = ("improving", "stalled", "avoidant", "volatile")
ARC_WEIGHTS = (0.5, 0.22, 0.18, 0.10)
SAFETY_FLAG_RATE = 0.04

_PROMISE_STATUS = np.array(["kept", "kept_late", "renegotiated", "broken", "open"])
_RITUALS = ("repair_checkin", "fun_date", "care_act")


@dataclass(frozen=True)
class SynthCouple:
    """What a synthetic couple was made from (handy to check analyses against)."""

    couple_id: str
    arc: str
    safety_flag: bool
    partners: tuple[str, ...]


def synthetic_couple_id(seed: int, index: int) -> str:
    return hashlib.sha256(f"repairbook-synthetic:{seed}:{index}".encode()).hexdigest()[:20]


def _progress(rng: np.random.Generator, arc: str, days: int) -> np.ndarray:
    x = np.arange(days) / max(days - 1, 1)
    if arc == "improving":
        k = rng.uniform(2.0, 5.0)
        p = 1 - np.exp(-k * x)
        if rng.random() < 0.5:  # a setback somewhere in the middle
            at, width = rng.uniform(0.25, 0.6), rng.uniform(0.03, 0.08)
            p = p - rng.uniform(0.15, 0.35) * np.exp(-(((x - at) / width) ** 2))
    elif arc == "stalled":
        level = rng.uniform(0.15, 0.4)
        p = level * (1 - np.exp(-8 * x))
    elif arc == "avoidant":
        p = rng.uniform(0.2, 0.6) * x
    else:  # volatile
        p = 0.4 * x + 0.25 * np.sin(x * rng.uniform(6, 14) + rng.uniform(0, 6))
    return np.clip(p, 0.0, 1.0)


def _ratings(rng: np.random.Generator, base: np.ndarray, sd: float) -> np.ndarray:
    return np.clip(np.rint(base + rng.normal(0, sd, base.shape)), 0, 10).astype(np.int16)


def _col_str(value: str, n: int) -> pa.Array:
    return pa.array([value], pa.string()).take(pa.array(np.zeros(n, dtype=np.int32)))


_PIDS = pa.array(["p1", "p2"], pa.string())
_PARTS = pa.array(list(PARTS_OF_DAY), pa.string())


def _shared(cid: str, who: np.ndarray, day: np.ndarray) -> dict[str, Any]:
    n = len(day)
    return {
        "couple_id": _col_str(cid, n),
        "partner_id": _PIDS.take(pa.array(who.astype(np.int32))),
        "day": day.astype(np.int32),
        "week": (day // 7).astype(np.int32),
    }


def _texts(t_name: str, n: int, base: dict[str, Any]) -> dict[str, Any]:
    """Fill every other column of ``t_name`` with nulls (text is never synthesised)."""
    t = tables()[t_name]
    for c in t.columns:
        if c.name not in base:
            base[c.name] = pa.nulls(n, c.arrow_type)
    return base


def couple_tables(
    cid: str, rng: np.random.Generator, days: int
) -> tuple[SynthCouple, dict[str, pa.Table]]:
    """One synthetic couple's export tables."""
    arc = str(rng.choice(ARCS, p=ARC_WEIGHTS))
    flag = bool(rng.random() < SAFETY_FLAG_RATE)
    hurt = int(rng.integers(0, 2))  # the partner whose trust was broken
    other = 1 - hurt
    both = rng.random() < 0.1
    role: list[str | None] = []
    for p in (0, 1):
        draw = rng.random()
        if draw < 0.06:
            role.append(None)
        elif draw < 0.12:
            role.append("prefer_not")
        else:
            role.append("both" if both else ("hurt" if p == hurt else "broke_trust"))
    consenting = [0, 1] if rng.random() < 0.9 else [int(rng.integers(0, 2))]
    if flag and hurt not in consenting:
        consenting = sorted({*consenting, hurt})
    private = {p for p in consenting if flag and p == hurt or rng.random() < 0.3}
    prog = _progress(rng, arc, days)
    cons = np.array(consenting)
    out: dict[str, pa.Table] = {}

    # partners
    n = len(cons)
    out["partners"] = arrow_table(
        tables()["partners"],
        {
            "couple_id": _col_str(cid, n),
            "partner_id": _PIDS.take(pa.array(cons.astype(np.int32))),
            "consent_numeric": [True] * n,
            "consent_scrubbed_text": [False] * n,
            "consent_private_numeric": [p in private for p in consenting],
            "consent_facilitator": [bool(rng.random() < 0.5) for _ in consenting],
            "consent_text_version": [R.CONSENT_TEXT_VERSION] * n,
            "consent_day": np.zeros(n, dtype=np.int32),
            "consent_how": [("page", "passphrase", "personal_link")[p % 3] for p in consenting],
            "role": [role[p] for p in consenting],
        },
    )

    # check-ins: a (partner, day) grid with missing days
    miss = np.full((2, days), 0.1)
    if arc == "avoidant":
        quiet = int(rng.integers(0, 2))
        miss[quiet] = rng.uniform(0.45, 0.7)
        for _ in range(max(1, days // 60)):  # week-long gaps
            at = int(rng.integers(0, max(days - 7, 1)))
            miss[:, at : at + 7] = 1.0
    present = rng.random((2, days)) >= miss
    present[[p for p in (0, 1) if p not in consenting], :] = False
    who, day = np.nonzero(present)
    pr = prog[day]
    lag = np.where(who == hurt, 0.0, 0.6)
    safety_cap = np.where((who == hurt) & flag, 4.0, 10.0)
    affection = np.maximum(0, np.rint(rng.normal(0.5 + 3.5 * pr, 1.0))).astype(np.int16)
    base = _shared(cid, who, day)
    base.update(
        trust=_ratings(rng, 2.5 + 6 * pr + lag, 0.9),
        safety=np.minimum(_ratings(rng, 3 + 5.5 * pr, 0.9), safety_cap).astype(np.int16),
        connection=_ratings(rng, 3 + 5 * pr, 1.0),
        honest=rng.random(len(day)) < 0.55 + 0.4 * pr,
        affection=np.minimum(affection, 100),
        same_argument=rng.random(len(day)) < 0.45 - 0.38 * pr,
        urge_to_check=_ratings(rng, np.where(who == hurt, 7 - 6 * pr, 2 + 0 * pr), 1.0),
    )
    for item in ("trust", "safety", "connection", "urge_to_check"):
        values = base[item]
        base[item] = pa.array(values, pa.int16(), mask=rng.random(len(values)) < 0.03)
    out["checkin"] = arrow_table(tables()["checkin"], _texts("checkin", len(day), base))

    # triggers, logged by the hurt partner
    if hurt in consenting:
        tday = np.nonzero(rng.random(days) < 0.35 - 0.27 * prog)[0]
        tp = prog[tday]
        k = len(tday)
        base = _shared(cid, np.full(k, hurt), tday)
        base.update(
            part_of_day=_PARTS.take(pa.array(rng.integers(0, 4, k).astype(np.int32))),
            intensity=np.clip(np.rint(8 - 5 * tp + rng.normal(0, 1.2, k)), 0, 10).astype(np.int16),
            recovery_minutes=np.maximum(5, np.rint(rng.normal(150 - 125 * tp, 20, k))).astype(
                np.int32
            ),
            grounding_done=rng.random(k) < 0.4 + 0.5 * tp,
        )
        out["trigger"] = arrow_table(tables()["trigger"], _texts("trigger", k, base))

    # promises, mostly by the other partner
    pday = np.nonzero(rng.random(days) < 0.6)[0]
    pwho = np.where(rng.random(len(pday)) < 0.75, other, hurt)
    keep = np.isin(pwho, cons)
    pday, pwho = pday[keep], pwho[keep]
    k = len(pday)
    hours = rng.integers(4, 31, k).astype(np.int32)
    due_day = (pday + (8 + hours) // 24).astype(np.int32)
    kept_p = 0.55 + 0.4 * prog[pday]
    r = rng.random(k)
    status_ix = np.select([r < kept_p, r < kept_p + 0.12, r < kept_p + 0.17], [0, 1, 2], 3)
    status_ix = np.where(due_day >= days, 4, status_ix)
    late = np.where(
        status_ix == 1, np.maximum(1, np.rint(rng.normal(40 - 25 * prog[pday], 10))), 0
    ).astype(np.int32)
    base = _shared(cid, pwho, pday)
    base.update(
        due_day=due_day,
        due_part_of_day=_PARTS.take(pa.array(((8 + hours) % 24 // 6).astype(np.int32))),
        hours_until_due=hours,
        status=pa.array(_PROMISE_STATUS[status_ix], pa.string()),
        minutes_late=pa.array(late, pa.int32(), mask=status_ix != 1),
        resolved_day=pa.array(due_day, pa.int32(), mask=status_ix == 4),
    )
    out["promise"] = arrow_table(tables()["promise"], _texts("promise", k, base))

    # rituals: weekly repair check-in and fun date, daily acts of care
    dow = np.arange(days) % 7
    rc = np.nonzero((dow == 6) & (rng.random(days) < 0.55 + 0.4 * prog))[0]
    fd = np.nonzero((dow == 4) & (rng.random(days) < 0.4 + 0.5 * prog))[0]
    ca = np.nonzero(rng.random(days) < 0.3 + 0.5 * prog)[0]
    rday = np.concatenate([rc, fd, ca])
    rkind = np.concatenate([np.zeros(len(rc)), np.ones(len(fd)), np.full(len(ca), 2)]).astype(int)
    rwho = rng.choice(cons, len(rday))
    order = np.lexsort((rday, rwho))
    rday, rkind, rwho = rday[order], rkind[order], rwho[order]
    base = _shared(cid, rwho, rday)
    minutes = rng.integers(20, 31, len(rday)).astype(np.int32)
    base.update(
        ritual=pa.array(np.array(_RITUALS)[rkind], pa.string()),
        minutes=pa.array(minutes, pa.int32(), mask=rkind != 0),
    )
    out["ritual"] = arrow_table(tables()["ritual"], _texts("ritual", len(rday), base))

    # conversations every other week, listening practice in between
    weeks = np.arange(1, days // 7)
    conv_days = weeks[weeks % 2 == 0] * 7 + 2
    conv_days = conv_days[conv_days < days]
    if len(conv_days):
        planner = rng.choice(cons, len(conv_days))
        refs = [hashlib.sha256(f"{cid}:{d}".encode()).hexdigest()[:16] for d in conv_days]
        tabled = rng.random(len(conv_days)) < 0.25 - 0.15 * prog[conv_days]
        base = _shared(cid, planner, conv_days - 2)
        base.update(
            ref=refs,
            when_day=conv_days.astype(np.int32),
            when_part_of_day=_col_str("evening", len(conv_days)),
            goal=_col_str("understanding", len(conv_days)),
            both_present=np.ones(len(conv_days), bool),
            no_distractions=np.ones(len(conv_days), bool),
            status=pa.array(np.where(tabled, "tabled", "held"), pa.string()),
            return_day=pa.array((conv_days + 2).astype(np.int32), mask=~tabled),
        )
        out["conversation_plan"] = arrow_table(
            tables()["conversation_plan"], _texts("conversation_plan", len(conv_days), base)
        )
        held = np.nonzero(~tabled)[0]
        o_ix = np.repeat(held, len(cons))
        o_who = np.tile(cons, len(held))
        o_prog = prog[conv_days[o_ix]]
        base = _shared(cid, o_who, conv_days[o_ix])
        base.update(
            plan_ref=[refs[i] for i in o_ix],
            understood=rng.random(len(o_ix)) < 0.5 + 0.45 * o_prog,
            felt_heard=rng.random(len(o_ix)) < 0.45 + 0.5 * o_prog,
        )
        out["conversation_outcome"] = arrow_table(
            tables()["conversation_outcome"], _texts("conversation_outcome", len(o_ix), base)
        )
    lday = weeks[weeks % 2 == 1] * 7 + 5
    lday = lday[lday < days]
    speaker = np.where((lday // 14) % 2 == 0, hurt, other)
    keep = np.isin(speaker, cons)
    lday, speaker = lday[keep], speaker[keep]
    if len(lday):
        base = _shared(cid, speaker, lday)
        base.update(
            speaker_id=_PIDS.take(pa.array(speaker.astype(np.int32))),
            listener_id=_PIDS.take(pa.array((1 - speaker).astype(np.int32))),
            heard=np.clip(
                np.rint(2.5 + 2.3 * prog[lday] + rng.normal(0, 0.6, len(lday))), 1, 5
            ).astype(np.int16),
        )
        out["listening_round"] = arrow_table(
            tables()["listening_round"], _texts("listening_round", len(lday), base)
        )

    # private safety screens, only for partners who agreed to share private numbers
    if private:
        ps = np.array(sorted(private))
        yes = (ps == hurt) & flag
        base = _shared(cid, ps, np.zeros(len(ps), dtype=np.int64))
        base.update(
            afraid=yes,
            threatened=yes & (rng.random(len(ps)) < 0.5),
            controlled=yes & (rng.random(len(ps)) < 0.5),
            hurt=np.zeros(len(ps), bool),
            betrayal_or_addiction=rng.random(len(ps)) < 0.3,
            any_yes=yes,
        )
        out["safety_screen"] = arrow_table(tables()["safety_screen"], base)
    info = SynthCouple(cid, arc, flag, tuple(f"p{p + 1}" for p in consenting))
    return info, out


def iter_couples(
    couples: int, days: int, seed: int
) -> Iterator[tuple[SynthCouple, dict[str, pa.Table]]]:
    for i in range(couples):
        rng = np.random.default_rng([seed, i])
        yield couple_tables(synthetic_couple_id(seed, i), rng, days)


def synth_cohort(
    couples: int,
    days: int,
    seed: int,
    out: str | os.PathLike[str],
    *,
    progress: bool = True,
) -> list[SynthCouple]:
    """Write ``couples`` synthetic exports of ``days`` days each into the folder ``out``.

    File names are ``couple-<id>.zip``; the same seed gives the same files."""
    if couples < 1 or not 7 <= days <= 3650:
        raise ValueError(R.SYNTH_BAD)
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    made: list[SynthCouple] = []
    cb = codebook_files()
    it: Any = iter_couples(couples, days, seed)
    if progress:
        from tqdm.auto import tqdm

        it = tqdm(it, total=couples, desc="Synthesising", unit="couple", leave=False)
    for info, tbls in it:
        write_export(
            folder / f"couple-{info.couple_id}.zip",
            couple=info.couple_id,
            partners=info.partners,
            tables_=tbls,
            synthetic=True,
            codebook=cb,
        )
        made.append(info)
    return made


__all__ = [
    "ARCS",
    "SynthCouple",
    "couple_tables",
    "iter_couples",
    "synth_cohort",
    "synthetic_couple_id",
]

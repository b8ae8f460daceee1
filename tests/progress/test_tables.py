"""Entries -> tables: any mix of entries, in any order, gives the same report."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from repairbook.content import signals as S
from repairbook.entries import Entry, Win
from tests.progress.helpers import (
    PARTNERS,
    TODAY,
    _apology,
    _env,
    _forgive,
    _listen,
    _outcome,
    _response,
    checkin,
    plan,
    promise,
    report,
    ritual,
    trigger,
)

days_st = st.integers(min_value=0, max_value=90)


@st.composite
def entry_lists(draw: Any) -> list[Entry]:
    first = TODAY - timedelta(days=90)
    out: list[Entry] = []
    for _ in range(draw(st.integers(0, 40))):
        d = first + timedelta(days=draw(days_st))
        who = draw(st.sampled_from(PARTNERS))
        kind = draw(
            st.sampled_from(
                [
                    "checkin",
                    "trigger",
                    "promise",
                    "ritual",
                    "win",
                    "plan",
                    "resp",
                    "forgive",
                    "listen",
                    "outcome",
                ]
            )
        )
        private = draw(st.booleans())
        if kind == "checkin":
            r = st.integers(0, 10)
            out.append(
                checkin(
                    who,
                    d,
                    private=private,
                    trust=draw(r),
                    safety=draw(r),
                    connection=draw(r),
                    affection=draw(st.integers(0, 100)),
                    same_argument=draw(st.booleans()),
                    urge_to_check=draw(r),
                )
            )
        elif kind == "trigger":
            out.append(
                trigger(d, draw(st.integers(0, 10)), draw(st.none() | st.integers(0, 600)), who)
            )
        elif kind == "promise":
            status = draw(st.sampled_from(["open", "kept", "kept_late", "broken", "renegotiated"]))
            out.append(
                promise(
                    who, d, status, draw(st.integers(1, 300)) if status == "kept_late" else None
                )
            )
        elif kind == "ritual":
            out.append(
                ritual(
                    draw(
                        st.sampled_from(
                            ["care_act", "repair_checkin", "fun_date", "public_support"]
                        )
                    ),
                    d,
                    who,
                )
            )
        elif kind == "win":
            out.append(Win(**_env(d, who, private), text="a win", day=d))
        elif kind == "plan":
            out.append(plan(d, draw(st.sampled_from(["planned", "held", "tabled"]))))
        elif kind == "forgive":
            out.append(_forgive(d, draw(st.integers(0, 10)), who))
        elif kind == "listen":
            out.append(_listen(d, who, draw(st.integers(1, 5))))
        elif kind == "outcome":
            out.append(_outcome(d, who, draw(st.booleans())))
        else:
            ap = _apology(d)
            out += [ap, _response(ap, d + timedelta(days=1), draw(st.booleans()))]
    return out


def _fingerprint(rep) -> tuple[Any, ...]:
    return (
        rep.summaries,
        [w.to_json() for w in rep.wins],
        [s.to_json() for s in rep.signals],
        {
            v: ([s.to_json() for s in rep.signals_for(v)], [w.to_json() for w in rep.wins_for(v)])
            for v in PARTNERS
        },
        rep.timeline,
        rep.streaks.to_dict(),
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(entries=entry_lists(), seed=st.integers(0, 2**16))
def test_markers_never_crash_and_ignore_insertion_order(entries: list[Entry], seed: int):
    rep = report(entries)
    shuffled = list(entries)
    random.Random(seed).shuffle(shuffled)
    again = report(shuffled)
    for key, frame in rep.frames.items():
        pd.testing.assert_frame_equal(frame, again.frames[key], obj=key)
    assert _fingerprint(rep) == _fingerprint(again)
    for s in rep.signals:
        assert s.name in S.SIGNAL_NAMES and s.reasons
        assert s.audience == "both" or s.private
    # weekly frames: a value without the data behind it is a gap, never a zero
    ck = rep.frames["arguments"]
    no_checkins = ck["checkin_days"].isna()
    assert ck.loc[no_checkins, "days"].isna().all()

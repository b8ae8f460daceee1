"""Summaries (one calm sentence per marker) and the timeline (a map, never a deadline)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from repairbook.content import progress as W
from repairbook.progress import timeline
from tests.progress.helpers import TODAY, A, B, daily, promise, report, trigger


def test_urge_trend_summary_says_it_eased():
    then = TODAY - timedelta(days=50)
    entries = daily(A, then, 20, urge_to_check=7) + daily(
        A, TODAY - timedelta(days=20), 20, urge_to_check=3
    )
    text = report(entries).summaries["urge"]
    assert "eased from 7 to 3" in text


def test_promise_summary_reads_like_a_person_wrote_it():
    then = [
        promise(B, TODAY - timedelta(days=40 + i), "kept" if i < 4 else "broken") for i in range(7)
    ]
    now = [
        promise(B, TODAY - timedelta(days=5 + i), "kept" if i < 6 else "broken") for i in range(7)
    ]
    text = report(then + now).summaries["promises"]
    assert text == "Promises kept on time rose from 4 of 7 to 6 of 7 over the last month."


def test_every_summary_is_one_calm_sentence():
    entries = daily(A, TODAY - timedelta(days=60), 61, same_argument=True) + daily(
        B, TODAY - timedelta(days=60), 61
    )
    entries += [trigger(TODAY - timedelta(days=i * 5), 6, 40) for i in range(10)]
    rep = report(entries)
    for key, text in rep.summaries.items():
        assert text and "!" not in text and " should " not in text, key
        assert " must " not in text


@pytest.mark.parametrize(
    ("days", "stage"),
    [
        (0, "first_weeks"),
        (20, "first_weeks"),
        (60, "months"),
        (200, "six_to_twelve"),
        (500, "beyond"),
    ],
)
def test_timeline_stage(days: int, stage: str):
    tl = timeline(days)
    assert tl.stage == stage
    assert [s.key for s in tl.stages if s.current] == [stage]
    assert 0 <= tl.position <= 1
    words = " ".join([tl.here, tl.note, *(s.text for s in tl.stages)]).lower()
    for word in ("deadline", "should", "must", "by now", "!"):
        assert word not in words


def test_timeline_before_any_entry():
    rep = report([])
    assert rep.empty and rep.timeline.days is None and rep.timeline.here == W.TIMELINE_EMPTY

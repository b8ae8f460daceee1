"""Summaries count in good grammar: '1 day', 'about 1 point' (and '2 days' stays)."""

from __future__ import annotations

from datetime import date

from repairbook.entries import Checkin
from repairbook.progress import progress_report, timeline
from tests.progress.helpers import checkin

DAY = date(2026, 5, 6)


def _checkins(trust: tuple[int, int]) -> list[Checkin]:
    return [
        checkin(p, DAY, trust=t, safety=5, connection=6, same_argument=True)
        for p, t in zip(("Alex", "Sam"), trust, strict=True)
    ]


def test_one_of_a_unit_is_singular() -> None:
    report = progress_report(_checkins((6, 7)), ["Alex", "Sam"], today=DAY)
    text = " ".join(report.summaries.values())
    assert "about 1 point." in report.summaries["ratings"]
    assert "on 1 day." in report.summaries["arguments"]
    assert "about 1 moment of affection" in report.summaries["affection"]
    for wrong in ("1 points", "1 days", "1 moments"):
        assert wrong not in text
    assert "You started 1 day ago" in timeline(1).here


def test_other_counts_stay_plural() -> None:
    report = progress_report(_checkins((5, 7)), ["Alex", "Sam"], today=DAY)
    assert "about 2 points." in report.summaries["ratings"]
    assert "You started 11 days ago" in timeline(11).here

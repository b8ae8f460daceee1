"""The weekly and daily marker frames, per partner and together, with gaps never zeros."""

from __future__ import annotations

import math
from datetime import datetime, time, timedelta

import pandas as pd
import pytest

from repairbook.progress import TOGETHER
from tests.progress.helpers import MON, TODAY, A, B, checkin, promise, report, row, trigger


def test_arguments_per_partner_and_together_with_gaps():
    w2 = MON + timedelta(days=14)
    entries = [
        checkin(A, MON, same_argument=True),
        checkin(B, MON, same_argument=True),  # the same day: one argument day together
        checkin(A, MON + timedelta(days=1), same_argument=True),
        checkin(B, MON + timedelta(days=2)),
        checkin(A, w2),  # week 2 checked in, no argument
    ]
    df = report(entries).frames["arguments"]
    assert row(df, MON, A)["days"] == 2
    assert row(df, MON, B)["days"] == 1
    assert row(df, MON, TOGETHER)["days"] == 2
    assert row(df, MON, TOGETHER)["checkin_days"] == 3
    assert row(df, w2, A)["days"] == 0
    # a week without check-ins is a gap, never a zero
    assert math.isnan(row(df, MON + timedelta(days=7), A)["days"])
    assert math.isnan(row(df, w2, B)["days"])


def test_recovery_median_per_week_and_no_trigger_is_a_gap():
    entries = [
        checkin(A, MON),
        trigger(MON, 6, 30),
        trigger(MON + timedelta(days=1), 7, 90),
        trigger(MON + timedelta(days=2), 5, 60),
        checkin(A, MON + timedelta(days=7)),
    ]
    df = report(entries).frames["recovery"]
    assert row(df, MON, A)["median_minutes"] == 60
    assert row(df, MON, A)["triggers"] == 3
    assert row(df, MON, A)["max_intensity"] == 7
    nxt = row(df, MON + timedelta(days=7), A)
    assert math.isnan(nxt["median_minutes"])  # no triggers: nothing to draw
    assert nxt["triggers"] == 0  # but the week was used, so the count is a real 0
    assert math.isnan(row(df, MON + timedelta(days=21), A)["triggers"])


def test_promises_rate_minutes_late_and_what_counts():
    d = MON + timedelta(days=2)
    entries = [
        promise(B, d, "kept"),
        promise(B, d, "kept"),
        promise(B, d, "kept_late", late=20),
        promise(B, d, "kept_late", late=40),
        promise(B, d, "broken"),
        promise(B, d, "renegotiated"),  # renegotiating is not failing
        promise(A, d, "kept"),
    ]
    df = report(entries).frames["promises"]
    sam = row(df, MON, B)
    assert (sam["due"], sam["kept"], sam["kept_late"], sam["broken"]) == (5, 2, 2, 1)
    assert sam["renegotiated"] == 1
    assert sam["rate"] == pytest.approx(2 / 5)
    assert sam["minutes_late"] == 30
    both = row(df, MON, TOGETHER)
    assert both["rate"] == pytest.approx(3 / 6)
    # promises not yet due are left out
    future = report([promise(B, TODAY + timedelta(days=3), "open")]).frames["promises"]
    assert future["due"].fillna(0).sum() == 0


def test_affection_and_urge_weekly_means():
    entries = [
        checkin(A, MON, affection=1, urge_to_check=8),
        checkin(A, MON + timedelta(days=1), affection=3, urge_to_check=6),
        checkin(B, MON, affection=4, urge_to_check=2),
    ]
    rep = report(entries)
    aff = rep.frames["affection"]
    assert row(aff, MON, A)["mean"] == 2
    assert row(aff, MON, A)["total"] == 4
    assert row(aff, MON, TOGETHER)["mean"] == pytest.approx(8 / 3)
    urge = rep.frames["urge"]
    assert row(urge, MON, A)["mean"] == 7
    assert row(urge, MON, B)["mean"] == 2
    assert math.isnan(row(urge, MON + timedelta(days=7), A)["mean"])


def test_ratings_smoothed_over_seven_days_and_the_gap():
    entries = [checkin(A, MON + timedelta(days=i), trust=i) for i in range(8)]
    entries += [checkin(B, MON + timedelta(days=i), trust=8) for i in range(8)]
    rep = report(entries, today=MON + timedelta(days=7))
    d = rep.frames["daily"]
    alex = d[d["partner"] == A].set_index("day")
    assert alex.loc[pd.Timestamp(MON + timedelta(days=6)), "trust_7d"] == pytest.approx(3.0)
    assert alex.loc[pd.Timestamp(MON + timedelta(days=7)), "trust_7d"] == pytest.approx(4.0)
    tog = d[d["partner"] == TOGETHER].set_index("day")
    assert tog.loc[pd.Timestamp(MON), "trust"] == 4  # mean of 0 and 8
    gap = rep.frames["gap"].set_index("day")
    assert gap.loc[pd.Timestamp(MON + timedelta(days=7)), "trust"] == pytest.approx(4.0)
    weekly = rep.frames["ratings"]
    assert row(weekly, MON, A)["trust"] == 3
    assert row(weekly, MON, A)["checkin_days"] == 7


def test_daily_gaps_longer_than_a_week_stay_gaps():
    entries = [checkin(A, MON, trust=6), checkin(A, MON + timedelta(days=20), trust=6)]
    d = report(entries, today=MON + timedelta(days=20)).frames["daily"]
    alex = d[d["partner"] == A].set_index("day")
    assert alex.loc[pd.Timestamp(MON + timedelta(days=6)), "trust_7d"] == 6
    assert math.isnan(alex.loc[pd.Timestamp(MON + timedelta(days=10)), "trust_7d"])


def test_empty_workbook_gives_empty_frames_and_calm_texts():
    rep = report([])
    assert rep.signals == [] and rep.wins == []
    for key in ("arguments", "recovery", "promises", "affection", "urge"):
        df = rep.frames[key]
        assert df.drop(columns=["week", "partner"]).isna().all().all(), key
    assert all(rep.summaries.values())


def test_a_promise_renegotiated_with_new_terms_counts_as_renegotiated() -> None:
    from datetime import UTC, date, datetime, timedelta

    from repairbook.entries import make_entry
    from repairbook.progress import progress_report

    now = datetime.now(UTC)
    p = make_entry(
        "promise",
        {"text": "Call at lunch", "due": now - timedelta(hours=2)},
        author="Alex",
        now=now - timedelta(days=1),
    )
    p = p.model_copy(update={"renegotiated": 1})
    frame = progress_report([p], ["Alex", "Sam"], today=date.today()).frames["promises"]
    assert frame.loc[frame["partner"] == "Alex", "renegotiated"].sum() == 1
    assert frame.loc[frame["partner"] == "Sam", "renegotiated"].sum() == 0


def test_an_evening_west_of_utc_counts_on_the_couples_day():
    """A couple in Los Angeles keeps a promise at 21:00 their time on TODAY (05:00 UTC the
    next day). Looking from their TODAY, it counts; on UTC dates it would be 'tomorrow'
    and left out until their midnight."""
    from zoneinfo import ZoneInfo

    from repairbook.progress import progress_report

    la = ZoneInfo("America/Los_Angeles")
    p = promise(B, TODAY, "kept")
    evening = datetime.combine(TODAY, time(21), tzinfo=la)
    p = p.model_copy(update={"due": evening, "created": evening, "updated": evening})
    theirs = progress_report([p], [A, B], TODAY, zone=la).frames["promises"]
    assert theirs["due"].fillna(0).sum() > 0  # counted (for Sam, and for both together)
    on_utc = progress_report([p], [A, B], TODAY).frames["promises"]
    assert on_utc["due"].fillna(0).sum() == 0

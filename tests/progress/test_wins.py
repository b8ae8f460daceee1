"""Small wins: the ones logged and the ones the workbook notices, each with its reason."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from repairbook.content import progress as W
from repairbook.entries import Apology, ApologyResponse, ListeningRound, Win
from tests.progress.helpers import MON, A, B, _env, daily, promise, report, ritual, trigger


def win_keys(rep, viewer: str | None = None) -> dict[str, Any]:
    return {w.key: w for w in rep.wins_for(viewer)}


def test_logged_win_and_first_week_of_every_promise_kept():
    w1 = MON + timedelta(days=7)
    entries = [Win(**_env(MON, B, False), text="We laughed at dinner.", day=MON)]
    entries += [
        promise(B, MON + timedelta(days=1), "kept"),
        promise(B, MON + timedelta(days=2), "broken"),
    ]
    entries += [promise(B, w1 + timedelta(days=i), "kept") for i in range(3)]
    wins = win_keys(report(entries))
    logged = [w for w in wins.values() if w.source == "logged"]
    assert logged[0].title == "We laughed at dinner." and logged[0].reason == W.LOGGED_WIN_REASON
    kept = wins["promises_all_kept"]
    assert kept.day == w1 + timedelta(days=6)
    assert "all 3 promises" in kept.reason and "9 March 2026" in kept.reason
    assert len(kept.entry_ids) == 3


def test_first_week_every_promise_kept_needs_enough_promises():
    entries = [
        promise(B, MON + timedelta(days=1), "kept"),
        promise(B, MON + timedelta(days=2), "kept"),
    ]
    assert "promises_all_kept" not in win_keys(report(entries))


def test_month_without_a_strong_trigger():
    entries = daily(A, MON, 70)
    entries += [trigger(MON + timedelta(days=3), 9, 100), trigger(MON + timedelta(days=20), 8, 100)]
    wins = win_keys(report(entries))
    w = wins["month_without_strong_trigger"]
    assert w.day == MON + timedelta(days=20 + 30)
    assert "above 7" in w.reason and w.title == "First month without a trigger over 7"
    # a strong trigger every three weeks: no such month yet
    entries = daily(A, MON, 70) + [trigger(MON + timedelta(days=d), 8, 60) for d in (3, 25, 50)]
    rep = report(entries, today=MON + timedelta(days=70))
    assert "month_without_strong_trigger" not in win_keys(rep)


def test_both_checked_in_every_day_and_week_without_the_argument():
    w1 = MON + timedelta(days=7)
    entries = daily(A, MON, 6, same_argument=True) + daily(B, MON, 7)  # Alex missed Sunday
    entries += daily(A, w1, 7) + daily(B, w1, 7)
    wins = win_keys(report(entries))
    assert wins["both_checked_in_every_day"].day == w1 + timedelta(days=6)
    assert "each of you" in wins["both_checked_in_every_day"].reason
    assert wins["week_without_same_argument"].day == w1 + timedelta(days=6)


def test_other_automatic_wins():
    entries = [trigger(MON, 7, 120), trigger(MON + timedelta(days=9), 6, 25)]
    entries += [ritual("repair_checkin", MON + timedelta(days=6 + 7 * i)) for i in range(4)]
    entries += daily(A, MON, 7, trust=8) + daily(B, MON, 7, trust=7)
    ap = Apology(**_env(MON, B, False), act="a", impact="b", responsibility="c", plan="d")
    entries += [
        ap,
        ApologyResponse(
            **_env(MON + timedelta(days=1), A, False), apology_id=ap.id, felt_heard=True
        ),
    ]
    entries += [
        ListeningRound(
            **_env(MON + timedelta(days=2), B, False),
            speaker=B,
            listener=A,
            speaker_text="x",
            paraphrase="y",
            heard=5,
        )
    ]
    wins = win_keys(report(entries))
    assert "25 minutes" in wins["quick_recovery"].reason
    assert wins["repair_checkins_month"].title == "4 repair check-ins in a row"
    assert "8.0 and 7.0" in wins["trust_seven_both"].reason
    assert "Alex answered an apology" in wins["apology_heard"].reason
    assert "Sam rated feeling heard 5" in wins["heard_fully"].reason
    for w in wins.values():
        assert w.reason and "!" not in w.reason

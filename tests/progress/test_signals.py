"""Gentle signals: each raised by a case, and not by its near miss."""

from __future__ import annotations

from datetime import timedelta

import pytest

from repairbook.content import signals as S
from repairbook.entries import Entry, SafetyScreen
from repairbook.progress.signals import RULES, register
from tests.progress.helpers import (
    MON,
    TODAY,
    A,
    B,
    _apology,
    _env,
    _forgive,
    _listen,
    _outcome,
    _response,
    checkin,
    daily,
    names,
    plan,
    report,
    rules,
    trigger,
)


def test_therapist_tabled_conversations():
    d = [TODAY - timedelta(days=n) for n in (3, 10, 30)]
    rep = report([plan(x, "tabled") for x in d])
    assert "tabled" in rules(rep)
    sig = next(s for s in rep.signals if s.name == "therapist")
    assert "3 conversations were tabled in the last 6 weeks." in sig.reasons
    assert sig.audience == "both" and not sig.private and len(sig.entry_ids) == 3
    # near miss: the third one is older than the window
    rep = report([plan(x, "tabled") for x in d[:2]] + [plan(TODAY - timedelta(days=50), "tabled")])
    assert "therapist" not in names(rep)


def test_therapist_strong_triggers_without_recovery():
    rep = report(
        [trigger(TODAY - timedelta(days=2), 9, None), trigger(TODAY - timedelta(days=9), 8, 200)]
    )
    assert "unsettled_triggers" in rules(rep)
    near = report(
        [trigger(TODAY - timedelta(days=2), 9, None), trigger(TODAY - timedelta(days=9), 8, 60)]
    )
    assert "therapist" not in names(near)


def test_therapist_partner_repeatedly_not_heard():
    entries = [
        _outcome(TODAY - timedelta(days=3), B, False),
        _outcome(TODAY - timedelta(days=17), B, False),
        _listen(TODAY - timedelta(days=10), B, 2),
    ]
    rep = report(entries)
    sig = next(s for s in rep.signals if s.name == "therapist")
    assert sig.partners == [B]
    assert "Sam said 3 times in the last 8 weeks" in sig.reasons[0]
    assert "2 after a conversation, 1 in a listening round" in sig.reasons[0]
    # near miss: a listening round rated 3 of 5 is not "not heard"
    entries[-1] = _listen(TODAY - timedelta(days=10), B, 3)
    assert "therapist" not in names(report(entries))


def test_therapist_low_felt_safety_over_weeks():
    start = MON + timedelta(days=7 * 10)  # three weeks up to TODAY's week
    low = daily(A, start, 17, safety=2) + daily(B, start, 17, safety=7)
    rep = report(low)
    sig = next(s for s in rep.signals if s.name == "therapist")
    assert sig.rules == ["low_safety"] and sig.partners == [A]
    assert "Alex's felt safety averaged 2.0, 2.0, 2.0 out of 10" in sig.reasons[0]
    near = daily(A, start, 7, safety=2) + daily(A, start + timedelta(days=7), 10, safety=4)
    assert "therapist" not in names(report(near))


def test_therapist_betrayal_named_at_intake_is_private_to_its_author():
    screen = SafetyScreen(
        **_env(MON, A, True),
        afraid=False,
        threatened=False,
        controlled=False,
        hurt=False,
        betrayal_or_addiction=True,
    )
    rep = report([screen, checkin(A, TODAY)])
    sig = next(s for s in rep.signals if s.name == "therapist")
    assert sig.audience == A and sig.private and sig.entry_ids == [screen.id]
    assert sig.reasons == [S.REASONS["intake"]]
    assert "therapist" in names(rep, A)
    assert "therapist" not in names(rep, B)
    assert "therapist" not in names(rep, None)
    no = screen.model_copy(update={"betrayal_or_addiction": False})
    assert "therapist" not in names(report([no, checkin(A, TODAY)]), A)


def test_pause_when_apologies_are_not_taken_up():
    a1, a2 = _apology(TODAY - timedelta(days=20)), _apology(TODAY - timedelta(days=10))
    entries = [
        a1,
        a2,
        _response(a1, TODAY - timedelta(days=19), False),
        _response(a2, TODAY - timedelta(days=9), False),
    ]
    rep = report(entries)
    assert "apology_not_heard" in rules(rep)
    sig = next(s for s in rep.signals if s.name == "pause")
    assert sig.partners == [A] and a1.id in sig.entry_ids
    # near miss: the first apology got a new version after the answer
    a1 = _apology(TODAY - timedelta(days=20), revised=TODAY - timedelta(days=15))
    entries = [
        a1,
        a2,
        _response(a1, TODAY - timedelta(days=19), False),
        _response(a2, TODAY - timedelta(days=9), False),
    ]
    assert "pause" not in names(report(entries))


def test_pause_when_responsibility_is_not_taken_up_for_weeks():
    ap = _apology(TODAY - timedelta(days=30))
    rep = report([ap, _response(ap, TODAY - timedelta(days=21), False)])
    assert rules(rep) >= {"apology_unanswered"}
    assert "21 days ago, Alex said something was still missing" in rep.signals[0].reasons[0]
    near = report([ap, _response(ap, TODAY - timedelta(days=20), False)])
    assert "pause" not in names(near)


def test_forgiveness_rushed_is_private_to_its_author():
    d = TODAY - timedelta(days=3)
    entries = daily(A, d - timedelta(days=10), 11, safety=3) + [_forgive(d, 7)]
    rep = report(entries)
    sig = next(s for s in rep.signals if s.name == "forgiveness_rushed")
    assert sig.audience == A and sig.private
    assert "readiness 7 of 10" in sig.reasons[0] and "averaged 3.0" in sig.reasons[0]
    assert "forgiveness_rushed" not in names(rep, B)
    assert "forgiveness_rushed" not in names(rep, None)
    # near misses: safety already high, or a reflection that says "not yet"
    safe = daily(A, d - timedelta(days=10), 11, safety=8) + [_forgive(d, 7)]
    assert "forgiveness_rushed" not in names(report(safe), A)
    not_yet = daily(A, d - timedelta(days=10), 11, safety=3) + [_forgive(d, 2)]
    assert "forgiveness_rushed" not in names(report(not_yet), A)


def test_avoidance_after_a_week_without_check_ins():
    entries = [checkin(A, TODAY - timedelta(days=7)), checkin(B, TODAY)]
    rep = report(entries)
    sig = next(s for s in rep.signals if s.name == "avoidance")
    assert sig.partners == [A] and "7 days ago" in sig.reasons[0]
    both = report([checkin(A, TODAY - timedelta(days=9)), checkin(B, TODAY - timedelta(days=8))])
    assert "from either of you" in next(s for s in both.signals if s.name == "avoidance").reasons[0]
    near = report([checkin(A, TODAY - timedelta(days=6)), checkin(B, TODAY)])
    assert "avoidance" not in names(near)


def _steady(weeks: int = 7) -> list[Entry]:
    first = MON + timedelta(days=7 * (12 - weeks))
    return daily(A, first, 7 * weeks + 3, trust=8, safety=8) + daily(
        B, first, 7 * weeks + 3, trust=7, safety=7
    )


def test_ease_off_after_several_steady_weeks():
    rep = report(_steady())
    sig = next(s for s in rep.signals if s.name == "ease_off")
    assert sig.reasons == [S.REASONS["ease_off"].format(weeks=6, level=7)]
    # near miss: one strong trigger in those weeks
    assert "ease_off" not in names(report(_steady() + [trigger(TODAY - timedelta(days=20), 8, 40)]))
    # near miss: only five steady weeks so far
    assert "ease_off" not in names(report(_steady(5)))


def test_private_checkins_only_shape_their_authors_view():
    start = MON + timedelta(days=7 * 10)
    low = daily(A, start, 17, safety=2, private=True)
    rep = report(low)
    assert "therapist" in names(rep, A)
    assert next(s for s in rep.signals_for(A) if s.name == "therapist").audience == A
    assert "therapist" not in names(rep, B) and "therapist" not in names(rep)


def test_signal_words_follow_the_voice():
    for words in S.SIGNALS.values():
        for text in words.values():
            assert "!" not in text and " should " not in text and " must " not in text
    for rule in S.RULES.values():
        assert rule["signal"] in S.SIGNAL_NAMES and len(str(rule["rationale"])) > 40


def test_every_rule_in_content_has_exactly_one_function_in_the_registry():
    assert sorted(RULES) == sorted(S.RULES)
    assert len(set(RULES.values())) == len(RULES)
    with pytest.raises(KeyError):
        register("no_such_rule")  # a rule needs its numbers and words in content first
    with pytest.raises(KeyError):
        register("tabled")  # and one function only

"""Journey modules 1-8 with real widgets: fill the forms, press the buttons, check what the
workbook stores and what the page shows."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

import repairbook.ui as rb
from repairbook.content import messages
from repairbook.content import shared as S
from repairbook.content.modules import MODULES
from repairbook.entries import make_entry
from tests.ui_helpers import (
    PASSPHRASES,
    add,
    errors,
    find,
    find_all,
    has,
    history,
    make_workbook,
    open_module,
    page_text,
    press,
    set_field,
    stored,
)

GOOD = (
    "When plans change without a message, I feel anxious, and I need a text if you're running late."
)
BLAMING = "You always ignore me"


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return make_workbook(tmp_path / "wb")


def later(hours: int = 2) -> datetime:
    """A naive local time, as the date-time picker gives it."""
    return (datetime.now() + timedelta(hours=hours)).replace(second=0, microsecond=0)


# -- the common module page -----------------------------------------------------------------


def test_module_page_refreshes_after_a_save(path: Path) -> None:
    app = open_module(path, 4)
    set_field(app, "feeling", "Tired of guessing.")
    set_field(app, "needing", "Plain words.")
    press(app, "rb-reflection-save")
    assert len(stored(path, "reflection")) == 1
    assert "Tired of guessing." in page_text(find(app, "rb-list-reflection"))


# -- 1. what safety means to me ----------------------------------------------------------------


def _answer_safety_needs(app: rb.App, own: str, note: str) -> None:
    find(app, "rb-helps-0").value = True  # type: ignore[attr-defined]
    find(app, "rb-helps-2").value = True  # type: ignore[attr-defined]
    find(app, "rb-harder-1").value = True  # type: ignore[attr-defined]
    find(app, "rb-safety-helps-own").value = own  # type: ignore[attr-defined]
    find(app, "rb-safety-note").value = note  # type: ignore[attr-defined]
    press(app, "rb-safety-need-save")


def test_m1_safety_needs_side_by_side_only_after_both_answered(path: Path) -> None:
    x = MODULES[1].extra
    helps = [o.strip() for o in x["helps_options"].split(",")]
    harder = [o.strip() for o in x["harder_options"].split(",")]
    alex = open_module(path, 1, "Alex")
    assert not has(alex, "rb-side-by-side")
    _answer_safety_needs(alex, "Cooking together on Sundays", "alex note")
    (need,) = stored(path, "safety_need")
    assert need.author == "Alex"
    assert need.helps == [helps[0], helps[2], "Cooking together on Sundays"]
    assert need.harder == [harder[1]] and need.note == "alex note"
    # Alex has answered, Sam not yet: no side by side, and Sam sees nothing of Alex's answers
    assert not has(alex, "rb-side-by-side")
    assert x["waiting_for_other"].format(other="Sam") in page_text(alex)
    sam = open_module(path, 1, "Sam")
    assert not has(sam, "rb-side-by-side")
    assert "Cooking together on Sundays" not in page_text(sam)
    assert "alex note" not in page_text(sam)
    _answer_safety_needs(sam, "Hearing about your day", "sam note")
    side = page_text(find(sam, "rb-side-by-side"))
    assert "Cooking together on Sundays" in side and "Hearing about your day" in side
    assert "Alex" in side and "Sam" in side
    alex = open_module(path, 1, "Alex")
    assert "Hearing about your day" in page_text(find(alex, "rb-side-by-side"))
    # the picker opens with Alex's answers, and saving again edits them
    assert find(alex, "rb-helps-0").value is True  # type: ignore[attr-defined]
    assert find(alex, "rb-safety-helps-own").value == "Cooking together on Sundays"  # type: ignore[attr-defined]
    find(alex, "rb-helps-0").value = False  # type: ignore[attr-defined]
    press(alex, "rb-safety-need-save")
    mine = [n for n in stored(path, "safety_need") if n.author == "Alex"]
    assert len(mine) == 1 and helps[0] not in mine[0].helps


# -- 2. the honest conversation ----------------------------------------------------------------


def _plan(app: rb.App, topic: str = "The weekend at your parents'") -> None:
    set_field(app, "topic", topic)
    set_field(app, "when", later(3))
    set_field(app, "goal", "understanding")
    press(app, "rb-plan-save")


def test_m2_plan_statement_coach_table_and_outcome(path: Path) -> None:
    app = open_module(path, 2)
    _plan(app)
    (plan,) = stored(path, "conversation_plan")
    assert plan.topic == "The weekend at your parents'" and plan.goal == "understanding"
    assert plan.status == "planned" and plan.both_present and plan.no_distractions
    assert abs((plan.when - later(3).astimezone()).total_seconds()) < 120

    # the coach flags blame, and is quiet (with a kind word) for a good I-statement
    coach = MODULES[2].extra["coach_clean"]
    set_field(app, "text", BLAMING)
    flags = find_all(app, "rb-flag-blaming_absolute")
    assert flags and "You always" in flags[0].value  # type: ignore[attr-defined]
    set_field(app, "text", GOOD)
    assert not find_all(app, "rb-flag")
    assert coach in page_text(find(app, "rb-coach-i-statement"))
    press(app, "rb-i-statement-save")
    (st,) = stored(path, "i_statement")
    assert st.text == GOOD and st.plan_id == plan.id
    assert GOOD in page_text(find(app, "rb-list-conversation-plan"))

    # table it: tabled with a return time, and the page says when
    ret = later(24)
    find(app, "rb-table-return").value = ret  # type: ignore[attr-defined]
    press(app, "rb-table-it")
    (plan,) = stored(path, "conversation_plan")
    assert plan.status == "tabled"
    assert abs((plan.return_at - ret.astimezone()).total_seconds()) < 60
    assert MODULES[2].extra["status_tabled"] in page_text(find(app, "rb-list-conversation-plan"))

    # afterwards: the outcome marks the conversation as held
    set_field(app, "understood", True)
    set_field(app, "felt_heard", False)
    set_field(app, "note", "We stopped in time.")
    press(app, "rb-record-outcome")
    (out,) = stored(path, "conversation_outcome")
    assert out.plan_id == plan.id and out.understood and not out.felt_heard
    assert out.note == "We stopped in time."
    (plan,) = stored(path, "conversation_plan")
    assert plan.status == "held"
    assert MODULES[2].extra["status_held"] in page_text(find(app, "rb-list-conversation-plan"))
    # Alex has recorded an outcome for the held talk: no more buttons for Alex; Sam still can
    assert not has(app, "rb-record-outcome")
    assert has(open_module(path, 2, "Sam"), "rb-record-outcome")


def test_m2_a_plan_without_a_topic_says_so_and_keeps_the_time(path: Path) -> None:
    app = open_module(path, 2)
    when = later(5)
    set_field(app, "when", when)
    press(app, "rb-plan-save")
    assert stored(path, "conversation_plan") == []
    assert "topic" in errors(app)
    assert find(app, "rb-f-when").value == when  # type: ignore[attr-defined]


# -- 3. ownership and apology -----------------------------------------------------------------


APOLOGY = {
    "act": "I lied to you about where I was on Friday night.",
    "impact": "You felt foolish and unsafe, and you stopped sleeping well.",
    "responsibility": "It was my choice, and nobody else's.",
    "plan": "I will tell you my plans every evening and answer any question you ask.",
}


def test_m3_apology_versions_coach_and_response(path: Path) -> None:
    x = MODULES[3].extra
    # the hurt partner first writes what they need to know
    sam = open_module(path, 3, "Sam")
    set_field(sam, "questions", "Who else knew, and for how long?")
    press(sam, "rb-need-to-know-save")
    (ntk,) = stored(path, "need_to_know")
    assert ntk.author == "Sam" and ntk.questions == "Who else knew, and for how long?"

    alex = open_module(path, 3, "Alex")
    assert "Who else knew, and for how long?" in page_text(alex)
    # the coach flags a non-apology in the act
    set_field(alex, "act", "I'm sorry you felt hurt by Friday.")
    flags = find_all(find(alex, "rb-coach-apology"), "rb-flag-non_apology")
    assert flags and "sorry you felt" in flags[0].value.lower()  # type: ignore[attr-defined]
    for k, v in APOLOGY.items():
        set_field(alex, k, v)
    assert not find_all(find(alex, "rb-coach-apology"), "rb-flag")
    assert x["coach_clean"] in page_text(find(alex, "rb-coach-apology"))
    press(alex, "rb-apology-save")
    (ap,) = stored(path, "apology")
    assert {k: getattr(ap, k) for k in APOLOGY} == APOLOGY
    assert not has(alex, "rb-apology-versions")  # one version so far

    # a second save makes version 2 of the same apology; both stay readable
    assert find(alex, "rb-f-act").value == APOLOGY["act"]  # type: ignore[attr-defined]
    set_field(alex, "plan", "Every evening I tell you my plans for the next day.")
    press(alex, "rb-apology-save")
    (ap2,) = stored(path, "apology")
    assert ap2.id == ap.id
    versions = history(path, ap.id)
    assert [v.plan for v in versions] == [APOLOGY["plan"], ap2.plan]
    card = page_text(find(alex, "rb-apology-versions"))
    assert APOLOGY["plan"] in card and ap2.plan in card and "v1" in card and "v2" in card

    # the hurt partner answers
    sam = open_module(path, 3, "Sam")
    assert ap2.plan in page_text(sam)
    set_field(sam, "felt_heard", True)
    set_field(sam, "accepted", False)
    set_field(sam, "missing", "What you will do when she writes again.")
    press(sam, "rb-apology-response-save")
    (resp,) = stored(path, "apology_response")
    assert resp.author == "Sam" and resp.apology_id == ap.id
    assert resp.felt_heard and not resp.accepted
    assert resp.missing == "What you will do when she writes again."
    shown = page_text(find(sam, "rb-list-apology-response"))
    assert "What you will do when she writes again." in shown and "✓" in shown and "✗" in shown


def test_m3_an_incomplete_apology_says_what_is_missing_and_keeps_the_text(path: Path) -> None:
    app = open_module(path, 3)
    set_field(app, "act", APOLOGY["act"])
    press(app, "rb-apology-save")
    assert stored(path, "apology") == []
    assert {"impact", "responsibility", "plan"} <= set(errors(app))
    assert find(app, "rb-f-act").value == APOLOGY["act"]  # type: ignore[attr-defined]


# -- 4. from blame to understanding ---------------------------------------------------------------


def test_m4_reflection_shared_and_private(path: Path) -> None:
    app = open_module(path, 4)
    assert MODULES[4].extra["not_excusing"] in page_text(app)
    set_field(app, "feeling", "Lonely, and invisible at home.")
    set_field(app, "needing", "To be asked how I was.")
    set_field(app, "own_part", "I stopped saying what I needed.")
    press(app, "rb-reflection-save")
    (r,) = stored(path, "reflection")
    assert (r.author, r.feeling, r.needing, r.own_part) == (
        "Alex",
        "Lonely, and invisible at home.",
        "To be asked how I was.",
        "I stopped saying what I needed.",
    )
    assert r.visibility == "shared"
    assert "Lonely, and invisible at home." in page_text(find(app, "rb-list-reflection"))
    # kept private: only after the passphrase, then only Alex reads it
    set_field(app, "feeling", "private feeling words")
    set_field(app, "needing", "private need words")
    find(app, "rb-reflection-private").value = True  # type: ignore[attr-defined]
    press(app, "rb-reflection-save")
    assert "alert" in find(app, "rb-reflection-status").value  # type: ignore[attr-defined]
    assert len(stored(path, "reflection")) == 1
    app.session.unlock(PASSPHRASES["Alex"])
    press(app, "rb-reflection-save")
    assert len(stored(path, "reflection")) == 1  # Sam's view, and a stranger's
    mine = stored(path, "reflection", viewer="Alex", passphrase=PASSPHRASES["Alex"])
    assert {m.visibility for m in mine} == {"shared", "private"}
    assert "private feeling words" not in page_text(open_module(path, 4, "Sam"))


# -- 5. transparency without surveillance --------------------------------------------------------


def test_m5_offer_review_date_ended_and_let_go(path: Path) -> None:
    x = MODULES[5].extra
    app = open_module(path, 5)
    set_field(app, "item", "I share my calendar with you")
    set_field(app, "category", "shared_plans")
    set_field(app, "offered_freely", True)
    set_field(app, "review_on", date.today() - timedelta(days=1))
    press(app, "rb-offer-save")
    assert stored(path, "transparency_offer") == []
    assert "review_on" in errors(app)
    assert find(app, "rb-f-item").value == "I share my calendar with you"  # type: ignore[attr-defined]

    set_field(app, "review_on", date.today() + timedelta(days=30))
    press(app, "rb-offer-save")
    (offer,) = stored(path, "transparency_offer")
    assert offer.category == "shared_plans" and offer.status == "active" and offer.offered_freely
    listing = page_text(find(app, "rb-list-transparency-offer"))
    assert x["status_active"] in listing and x["ended"] not in listing

    # an offer whose date has passed shows as ended, with the phase-out suggestion
    old = make_entry(
        "transparency_offer",
        {
            "item": "Phone left open at home",
            "category": "phone_open",
            "offered_freely": True,
            "review_on": date.today() - timedelta(days=2),
        },
        author="Alex",
        now=datetime.now(UTC) - timedelta(days=40),
    )
    add(path, old)
    app.refresh()
    items = find_all(app, "rb-item-transparency_offer")
    by_text = {("Phone left open" in page_text(i)): page_text(i) for i in items}
    assert x["ended"] in by_text[True] and x["phase_out"] in by_text[True]
    assert x["ended"] not in by_text[False]

    # "let it go" ends an active offer
    buttons = find_all(app, "rb-offer-end")
    assert len(buttons) == 2  # Alex's two offers, both still active in the store
    for item in find_all(app, "rb-item-transparency_offer"):
        if "calendar" in page_text(item):
            press(item, "rb-offer-end")
            break
    ended = {o.item: o.status for o in stored(path, "transparency_offer")}
    assert ended["I share my calendar with you"] == "ended"
    # Sam cannot end Alex's offer
    assert not has(open_module(path, 5, "Sam"), "rb-offer-end")


def test_m5_an_offer_not_given_freely_is_refused(path: Path) -> None:
    app = open_module(path, 5)
    set_field(app, "item", "Location on all the time")
    set_field(app, "offered_freely", False)
    set_field(app, "review_on", date.today() + timedelta(days=10))
    press(app, "rb-offer-save")
    assert stored(path, "transparency_offer") == []
    assert "offered_freely" in errors(app)


# -- 6. promises ---------------------------------------------------------------------------------


def _promise(text: str, due: datetime, created: datetime | None = None) -> Any:
    return make_entry("promise", {"text": text, "due": due}, author="Alex", now=created)


def test_m6_promise_saved_then_kept(path: Path) -> None:
    app = open_module(path, 6)
    set_field(app, "text", "Text you when I leave the office")
    set_field(app, "due", later(2))
    press(app, "rb-promise-save")
    (p,) = stored(path, "promise")
    assert p.text == "Text you when I leave the office" and p.status == "open"
    press(app, "rb-promise-kept")
    (p,) = stored(path, "promise")
    assert p.status == "kept" and p.minutes_late is None and p.resolved_at is not None
    assert MODULES[6].extra["status_kept"] in page_text(app)


def test_m6_promise_kept_late_broken(path: Path) -> None:
    # renegotiating (new terms, a new version) is tested in test_ui_paths
    now = datetime.now(UTC)
    past = now - timedelta(hours=3)
    add(
        path,
        _promise("Late one", now - timedelta(minutes=95), created=past),
        _promise("Broken one", now + timedelta(hours=4)),
        _promise("Marked late", now - timedelta(minutes=30), created=past),
    )
    app = open_module(path, 6)

    def mark(text: str, button: str) -> None:
        for item in find_all(app, "rb-item-promise"):
            if text in page_text(item):
                press(item, button)
                return
        raise AssertionError(f"no open promise {text!r}")

    mark("Late one", "rb-promise-kept")  # kept after its time: recorded as kept late
    mark("Broken one", "rb-promise-broken")
    mark("Marked late", "rb-promise-kept-late")
    got = {p.text: p for p in stored(path, "promise")}
    assert got["Late one"].status == "kept_late"
    assert 94 <= got["Late one"].minutes_late <= 97
    assert got["Marked late"].status == "kept_late" and 29 <= got["Marked late"].minutes_late <= 32
    assert got["Broken one"].status == "broken"
    shown = page_text(app)
    assert MODULES[6].extra["minutes_late"].format(n=got["Late one"].minutes_late) in shown
    assert not find_all(app, "rb-promise-kept")  # nothing open any more


def test_m6_a_promise_due_in_the_past_is_refused(path: Path) -> None:
    app = open_module(path, 6)
    set_field(app, "text", "Back in time")
    set_field(app, "due", later(-5))
    press(app, "rb-promise-save")
    assert stored(path, "promise") == []
    # the check spans two fields (due and status), so its message sits under the form
    assert messages.DUE_IN_FUTURE in page_text(find(app, "rb-form-error"))
    assert find(app, "rb-f-text").value == "Back in time"  # type: ignore[attr-defined]


# -- 7. triggers ---------------------------------------------------------------------------------


def test_m7_trigger_breathing_timer_and_code_word(path: Path) -> None:
    app = open_module(path, 7)
    form = find(app, "rb-form-trigger")
    set_field(form, "what_happened", "A message arrived late at night.")
    set_field(form, "intensity", 7)
    set_field(form, "recovery_minutes", "25")
    set_field(form, "grounding_done", True)
    set_field(form, "reassurance", "You held my hand.")
    press(app, "rb-trigger-save")
    (t,) = stored(path, "trigger")
    assert t.what_happened == "A message arrived late at night."
    assert (t.intensity, t.recovery_minutes, t.grounding_done) == (7, 25, True)
    assert t.reassurance == "You held my hand."
    assert "A message arrived late at night." in page_text(find(app, "rb-list-trigger"))

    # the grounding routine: step two offers the breathing timer, which draws the circle
    breathe = find(app, "rb-breathe-start")
    assert breathe.layout.display == "none"
    press(app, "rb-routine-next")
    assert breathe.layout.display is None
    assert 'aria-current="step"' in find(app, "rb-routine-step").value  # type: ignore[attr-defined]
    press(app, "rb-breathe-start")
    circle = find(app, "rb-breath-box").value  # type: ignore[attr-defined]
    assert 'class="rb-circle"' in circle and 'role="timer"' in circle
    assert MODULES[7].extra["breathe_in"] in circle
    for _ in range(3):
        press(app, "rb-routine-next")
    assert find(app, "rb-routine-next").disabled  # type: ignore[attr-defined]

    # the code word
    cw = find(app, "rb-form-code-word")
    set_field(cw, "word", "lighthouse")
    set_field(cw, "reassurance", "A hug and five quiet minutes")
    press(app, "rb-code-word-save")
    (word,) = stored(path, "code_word")
    assert word.word == "lighthouse" and word.reassurance == "A hug and five quiet minutes"
    # the form opens with it, and a change edits the same entry
    cw = find(app, "rb-form-code-word")
    assert find(cw, "rb-f-word").value == "lighthouse"  # type: ignore[attr-defined]
    set_field(cw, "word", "harbour")
    press(app, "rb-code-word-save")
    (word,) = stored(path, "code_word")
    assert word.word == "harbour"
    # and Today offers it
    app.show("today")
    assert "harbour" in find(app, "rb-codeword-use").description  # type: ignore[attr-defined]


def test_m7_intensity_out_of_the_scale_cannot_be_set(path: Path) -> None:
    app = open_module(path, 7)
    slider = find(find(app, "rb-form-trigger"), "rb-f-intensity")
    with pytest.raises(Exception):  # noqa: B017, PT011 - the scale stops at 10
        slider.value = 14  # type: ignore[attr-defined]
    assert [v for _label, v in slider.options][-1] == 10  # type: ignore[attr-defined]
    assert slider.options[slider.index][0] == S.RATING_UNANSWERED  # type: ignore[attr-defined]


def test_m7_recovery_minutes_that_are_not_a_number_show_a_message(path: Path) -> None:
    app = open_module(path, 7)
    form = find(app, "rb-form-trigger")
    set_field(form, "what_happened", "A song on the radio.")
    set_field(form, "recovery_minutes", "about ten")
    press(app, "rb-trigger-save")
    assert stored(path, "trigger") == []
    assert "recovery_minutes" in errors(app)
    assert find(find(app, "rb-form-trigger"), "rb-f-recovery_minutes").value == "about ten"  # type: ignore[attr-defined]


# -- 8. boundaries and agreements ----------------------------------------------------------------


def test_m8_agreement_coach_and_acceptance(path: Path) -> None:
    x = MODULES[8].extra
    app = open_module(path, 8)
    set_field(app, "area", "communication")
    set_field(app, "text", "Be more honest")
    assert find_all(find(app, "rb-coach-agreement"), "rb-flag-vague")
    specific = "We tell each other within 24 hours when an ex gets in touch."
    set_field(app, "text", specific)
    assert not find_all(find(app, "rb-coach-agreement"), "rb-flag")
    press(app, "rb-agreement-save")
    (a,) = stored(path, "agreement")
    assert (a.area, a.text, a.accepted_by, a.active) == ("communication", specific, ["Alex"], False)
    listing = page_text(find(app, "rb-list-agreement"))
    assert x["waiting_accept"].format(name="Sam") in listing
    assert not has(app, "rb-agreement-accept")  # Alex accepted it by writing it

    sam = open_module(path, 8, "Sam")
    press(sam, "rb-agreement-accept")
    (a,) = stored(path, "agreement")
    assert sorted(a.accepted_by) == ["Alex", "Sam"] and a.active
    assert x["active"] in page_text(find(sam, "rb-list-agreement"))
    assert not has(sam, "rb-agreement-accept")
    assert len(history(path, a.id)) == 2

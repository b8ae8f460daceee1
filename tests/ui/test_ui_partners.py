"""What one partner saw, typed or answered never reaches the other partner after a switch:
not in the widgets rendered for them, and not in any comm message the kernel sends the
browser. One test per page and per welcome step, plus a regression test for each seam
the couple service closed."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import ipywidgets as w
import pytest

from repairbook.content import shared as S
from repairbook.content.modules import MODULES
from repairbook.entries import make_entry
from repairbook.store import StoreError, Workbook
from repairbook.ui import App, Session
from tests.ui_helpers import (
    PASSPHRASES,
    add,
    find,
    find_all,
    has,
    make_workbook,
    page_text,
    press,
    start_app,
    stored,
    texts,
    unlock,
)

CANARY = "canary-7f3e-heron"
X = MODULES[0].extra


class Recorder:
    """Every comm message the widgets send (opens with their state, updates, closes)."""

    def __init__(self) -> None:
        self.messages: list[str] = []

    def mark(self) -> int:
        return len(self.messages)

    def since(self, n: int) -> str:
        return "\n".join(self.messages[n:])


class _Comm:
    def __init__(self, rec: Recorder, **kw: Any) -> None:
        self.rec = rec
        self.comm_id = kw.get("comm_id") or uuid.uuid4().hex
        rec.messages.append(json.dumps(kw.get("data", {}), default=str))

    def send(self, data: Any = None, buffers: Any = None, **_kw: Any) -> None:
        self.rec.messages.append(json.dumps(data, default=str))

    def close(self, *a: Any, **kw: Any) -> None:
        pass

    def on_msg(self, cb: Callable[..., Any]) -> None:
        pass

    def on_close(self, cb: Callable[..., Any]) -> None:
        pass


@pytest.fixture
def comms(monkeypatch: pytest.MonkeyPatch) -> Iterator[Recorder]:
    import comm

    rec = Recorder()
    monkeypatch.setattr(comm, "create_comm", lambda **kw: _Comm(rec, **kw))
    yield rec


def _rendered(app: App) -> str:
    return "\n".join(texts(app.widget))


def _type_canary(root: Any) -> bool:
    """Type the canary into every text box on the page (nothing saved)."""
    typed = False
    for x in find_all(root, "rb-form") + [root.widget if isinstance(root, App) else root]:
        for node in _walk(x):
            if isinstance(node, (w.Text, w.Textarea)) and not isinstance(node, w.Password):
                node.value = CANARY
                typed = True
    return typed


def _walk(root: Any) -> Iterator[Any]:
    stack = [root]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(getattr(node, "children", ()) or ())


def _assert_sam_sees_nothing_of_alex(app: App, rec: Recorder, mark: int) -> None:
    assert app.session.me == "Sam"
    sent = rec.since(mark)
    shown = _rendered(app)
    for where, text in (("rendered", shown), ("comm messages", sent)):
        assert CANARY not in text, f"Alex's typed words reached Sam ({where})"
        assert X["safety_title"] not in text, f"Alex's safety guidance reached Sam ({where})"
        assert S.PAUSED_DONE not in text, f"Alex's pause reached Sam ({where})"
    assert not has(app, "rb-safety") and not has(app, "rb-paused")
    assert app.view.partner == "Sam" and not app.view.drafts
    assert S.NOW_USING.format(name="Sam") in app.notice.value


PAGES = ["today", "journey", "progress", "private", "help"] + [f"module-{n}" for n in range(16)]


@pytest.mark.parametrize("where", PAGES)
def test_a_switch_sends_none_of_the_previous_partners_page(
    where: str, tmp_path: Path, comms: Recorder
) -> None:
    app = start_app(make_workbook(tmp_path / "wb"))
    if where.startswith("module-"):
        app.show("module", number=int(where.split("-")[1]))
    else:
        app.show(where)
    if where == "private":
        unlock(app)
    _type_canary(app)
    if where == "module-0":
        app.show("welcome", step="screen")
        find(app, "rb-screen-afraid").value = True  # type: ignore[attr-defined]
        for q in ("threatened", "controlled", "hurt"):
            find(app, f"rb-screen-{q}").value = False  # type: ignore[attr-defined]
        press(app, "rb-screen-save")
        assert has(app, "rb-safety")
        _type_canary(app)
    mark = comms.mark()
    app.switch.value = "Sam"
    _assert_sam_sees_nothing_of_alex(app, comms, mark)
    # and back: Alex's unsaved words are gone too (dropped with Alex's view)
    app.switch.value = "Alex"
    assert CANARY not in _rendered(app)


WELCOME_STEPS = ["step_away", "passphrase", "hope", "screen", "safety", "not_kept", "paused"]


@pytest.mark.parametrize("step", WELCOME_STEPS)
def test_a_switch_during_the_welcome_drops_alexs_steps(
    step: str, tmp_path: Path, comms: Recorder
) -> None:
    phrases = {} if step in ("passphrase", "not_kept") else None
    path = make_workbook(tmp_path / "wb", passphrases=phrases, welcomed=False)
    app = start_app(path)
    assert app.current[0] == "welcome"
    if step != "step_away":
        press(app, "rb-welcome-start")
    if step == "passphrase":
        find(app, "rb-passphrase1").value = CANARY  # type: ignore[attr-defined]
    elif step != "step_away":
        if has(app, "rb-passphrase-skip"):
            press(app, "rb-passphrase-skip")
        find(app, "rb-f-hope").value = CANARY  # type: ignore[attr-defined]
        if step != "hope":
            press(app, "rb-hope-save")
            yes = step in ("safety", "not_kept", "paused")
            find(app, "rb-screen-afraid").value = yes  # type: ignore[attr-defined]
            for q in ("threatened", "controlled", "hurt"):
                find(app, f"rb-screen-{q}").value = False  # type: ignore[attr-defined]
            if step != "screen":
                press(app, "rb-screen-save")
                # the guidance shows at once, before and without any unlock
                assert has(app, "rb-safety")
                find(app, "rb-helpline-name").value = CANARY  # type: ignore[attr-defined]
            if step == "paused":
                press(app, "rb-safety-pause")
                assert S.PAUSED_DONE in page_text(app)
    mark = comms.mark()
    app.switch.value = "Sam"
    # Sam meets his own welcome, from its first step
    assert app.current[0] == "welcome" and has(app, "rb-welcome-start")
    _assert_sam_sees_nothing_of_alex(app, comms, mark)
    # Sam unlocking later never stores Alex's answers under his name
    if phrases is None:
        app.session.unlock(PASSPHRASES["Sam"])
        app.refresh()
        assert stored(path, "safety_screen", "Sam", PASSPHRASES["Sam"]) == []


def test_a_reload_asks_who_is_here_and_builds_nobodys_page(tmp_path: Path) -> None:
    path = make_workbook(tmp_path / "wb")
    add(
        path,
        make_entry(
            "checkin", {"day": date.today().isoformat(), "trust": 4, "note": CANARY}, author="Sam"
        ),
    )
    app = App(Session(path)).start()
    assert app.current[0] == "who" and app.session.partner is None
    assert CANARY not in _rendered(app)
    assert find(app, "rb-nav").layout.display == "none"  # type: ignore[attr-defined]
    press(app, "rb-who-2")
    assert app.session.me == "Sam" and app.current[0] == "today"
    assert S.NOW_USING.format(name="Sam") in app.notice.value


def test_the_second_partner_meets_the_welcome_before_today(tmp_path: Path) -> None:
    path = make_workbook(tmp_path / "wb", welcomed=False)
    add(path, make_entry("intention", {"hope": "calm"}, author="Alex"))
    app = start_app(path)
    assert app.current[0] == "today"
    app.switch.value = "Sam"
    assert app.current[0] == "welcome"
    for section in ("today", "journey", "progress", "private"):
        press(app, f"rb-nav-{section}")
        assert app.current[0] == "welcome", section


def test_declining_a_passphrase_says_the_answers_are_not_kept_and_still_guides(
    tmp_path: Path,
) -> None:
    path = make_workbook(tmp_path / "wb", passphrases={}, welcomed=False)
    app = start_app(path)
    press(app, "rb-welcome-start")
    press(app, "rb-passphrase-skip")
    find(app, "rb-f-hope").value = "calm"  # type: ignore[attr-defined]
    press(app, "rb-hope-save")
    for q, v in (("afraid", False), ("threatened", True), ("controlled", False), ("hurt", False)):
        find(app, f"rb-screen-{q}").value = v  # type: ignore[attr-defined]
    press(app, "rb-screen-save")
    assert has(app, "rb-safety")
    assert S.SCREEN_NOT_KEPT_NO_PASSPHRASE in page_text(app)
    wb = Workbook.open(path)
    try:
        assert wb.counts().get("safety_screen", 0) == 0
    finally:
        wb.close()


def test_a_locked_partner_sees_the_guidance_first_then_may_keep_the_answers(
    tmp_path: Path,
) -> None:
    path = make_workbook(tmp_path / "wb")
    app = start_app(path)
    app.show("welcome", step="screen")
    for q, v in (("afraid", True), ("threatened", False), ("controlled", False), ("hurt", False)):
        find(app, f"rb-screen-{q}").value = v  # type: ignore[attr-defined]
    press(app, "rb-screen-save")
    assert has(app, "rb-safety") and S.SCREEN_NOT_KEPT_LOCKED in page_text(app)
    assert stored(path, "safety_screen", "Alex", PASSPHRASES["Alex"]) == []
    pw = find(find(app, "rb-screen-keep-card"), "rb-unlock-passphrase")
    pw.value = PASSPHRASES["Alex"]  # type: ignore[attr-defined]
    press(app, "rb-screen-keep")
    (kept,) = stored(path, "safety_screen", "Alex", PASSPHRASES["Alex"])
    assert kept.author == "Alex" and kept.afraid is True and kept.visibility == "private"
    assert S.SCREEN_KEPT in page_text(app)


def test_a_helpline_added_from_the_guidance_is_sealed_and_never_shown_to_the_other(
    tmp_path: Path,
) -> None:
    path = make_workbook(tmp_path / "wb")
    app = start_app(path)
    unlock(app)
    app.show("welcome", step="screen")
    for q, v in (("afraid", True), ("threatened", False), ("controlled", False), ("hurt", False)):
        find(app, f"rb-screen-{q}").value = v  # type: ignore[attr-defined]
    press(app, "rb-screen-save")
    find(app, "rb-helpline-name").value = CANARY  # type: ignore[attr-defined]
    find(app, "rb-helpline-phone").value = "0800 123 456"  # type: ignore[attr-defined]
    press(app, "rb-helpline-save")
    (mine,) = stored(path, "resource", "Alex", PASSPHRASES["Alex"])
    assert mine.visibility == "private" and mine.author == "Alex" and mine.name == CANARY
    app.refresh()
    app.show("private")
    assert CANARY in page_text(app)  # Alex's own guidance lists it
    app.switch.value = "Sam"
    unlock(app)
    for page in ("today", "help", "private"):
        app.show(page)
        assert CANARY not in _rendered(app), page
    app.show("module", number=15)
    assert CANARY not in _rendered(app)
    with Workbook.open(path) as wb:
        raw = (path / "workbook.sqlite").read_bytes()
        assert CANARY.encode() not in raw
        assert wb.list("resource", viewer="Sam") == []


def test_help_safety_now_shows_a_real_number(tmp_path: Path) -> None:
    app = start_app(make_workbook(tmp_path / "wb"))
    app.show("help")
    text = page_text(app)
    assert "{" not in text and "}" not in text
    assert "call 112" in text and S.HELP_EMERGENCY_CHECK_LOCAL.format(number="112") in text
    add(
        tmp_path / "wb",
        make_entry(
            "resource", {"name": "Ambulance", "phone": "999", "role": "emergency"}, author="Sam"
        ),
    )
    app.show("help")
    assert "call 999" in page_text(app)
    assert S.HELP_EMERGENCY_CHECK_LOCAL.format(number="999") not in page_text(app)


@pytest.mark.parametrize("where", ["guidance", "private"])
def test_quick_exit_leaves_a_neutral_page_and_locks_everything(where: str, tmp_path: Path) -> None:
    app = start_app(make_workbook(tmp_path / "wb"))
    unlock(app)
    if where == "guidance":
        app.show("welcome", step="screen")
        for q, v in (
            ("afraid", True),
            ("threatened", False),
            ("controlled", False),
            ("hurt", False),
        ):
            find(app, f"rb-screen-{q}").value = v  # type: ignore[attr-defined]
        press(app, "rb-screen-save")
    else:
        app.show("private")
    press(app, "rb-quick-exit")
    assert app.current[0] == "neutral"
    assert not app.session.unlocked()
    text = page_text(app.body)
    assert "Alex" not in text and "Sam" not in text and S.APP_TITLE not in text
    assert app.header.layout.display == "none"
    press(app, "rb-neutral-back")
    assert app.current[0] == "who"


def test_saving_one_card_keeps_text_typed_in_the_others(tmp_path: Path) -> None:
    path = make_workbook(tmp_path / "wb")
    app = start_app(path)
    app.show("module", number=2)
    find(find(app, "rb-form-i-statement"), "rb-f-text").value = CANARY  # type: ignore[attr-defined]
    plan = find(app, "rb-form-plan")
    find(plan, "rb-f-topic").value = "Weekends"  # type: ignore[attr-defined]
    from datetime import datetime, timedelta

    find(plan, "rb-f-when").value = datetime.now() + timedelta(days=1)  # type: ignore[attr-defined]
    find(plan, "rb-f-both_present").value = True  # type: ignore[attr-defined]
    find(plan, "rb-f-no_distractions").value = True  # type: ignore[attr-defined]
    press(app, "rb-plan-save")
    assert [p.topic for p in stored(path, "conversation_plan")] == ["Weekends"]
    assert find(find(app, "rb-form-i-statement"), "rb-f-text").value == CANARY  # type: ignore[attr-defined]
    # module 10 too: the fun date's note keeps what was typed while the act of care is saved
    app.show("module", number=10)
    find(find(app, "rb-form-ritual-fun-date"), "rb-f-note").value = CANARY  # type: ignore[attr-defined]
    find(find(app, "rb-form-ritual-care-act"), "rb-f-note").value = "Made tea"  # type: ignore[attr-defined]
    press(app, "rb-ritual-care-act-save")
    assert [r.ritual for r in stored(path, "ritual")] == ["care_act"]
    assert find(find(app, "rb-form-ritual-fun-date"), "rb-f-note").value == CANARY  # type: ignore[attr-defined]
    # the saved card starts empty again
    assert find(find(app, "rb-form-ritual-care-act"), "rb-f-note").value == ""  # type: ignore[attr-defined]


def test_a_private_note_while_locked_is_kept_on_the_page_and_nothing_moves(
    tmp_path: Path,
) -> None:
    path = make_workbook(tmp_path / "wb")
    app = start_app(path)
    find(app, "rb-f-trust").value = 6  # type: ignore[attr-defined]
    find(app, "rb-f-note").value = "an older shared note"  # type: ignore[attr-defined]
    press(app, "rb-checkin-save")
    find(app, "rb-f-note").value = CANARY  # type: ignore[attr-defined]
    find(app, "rb-checkin-note-private").value = True  # type: ignore[attr-defined]
    press(app, "rb-checkin-save")  # Alex is locked
    assert S.UNLOCK_FIRST_FOR_PRIVATE in page_text(find(app, "rb-checkin-status"))
    assert find(app, "rb-f-note").value == CANARY  # type: ignore[attr-defined]
    (ci,) = stored(path, "checkin")
    assert ci.note == "an older shared note"
    assert stored(path, "journal", "Alex", PASSPHRASES["Alex"]) == []


def test_a_retry_after_a_failed_journal_save_stores_one_checkin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_workbook(tmp_path / "wb")
    app = start_app(path)
    unlock(app)
    find(app, "rb-f-trust").value = 5  # type: ignore[attr-defined]
    find(app, "rb-f-note").value = CANARY  # type: ignore[attr-defined]
    find(app, "rb-checkin-note-private").value = True  # type: ignore[attr-defined]
    real_body = Workbook._body
    calls = {"n": 0}

    def failing_body(self: Workbook, entry: Any) -> bytes:
        if entry.kind == "journal" and calls["n"] == 0:
            calls["n"] += 1
            raise StoreError("The disk is full.")
        return real_body(self, entry)

    monkeypatch.setattr(Workbook, "_body", failing_body)
    press(app, "rb-checkin-save")
    assert "disk is full" in page_text(find(app, "rb-checkin-status"))
    assert stored(path, "checkin") == []
    assert find(app, "rb-f-note").value == CANARY  # type: ignore[attr-defined]
    press(app, "rb-checkin-save")
    assert len(stored(path, "checkin")) == 1
    (j,) = stored(path, "journal", "Alex", PASSPHRASES["Alex"])
    assert j.text == CANARY
    press(app, "rb-checkin-save")  # pressed again: an edit, never a second check-in
    assert len(stored(path, "checkin")) == 1


def test_only_its_author_is_offered_mark_on_a_promise_and_table_on_a_plan(
    tmp_path: Path,
) -> None:
    from datetime import UTC, datetime, timedelta

    path = make_workbook(tmp_path / "wb")
    soon = datetime.now(UTC) + timedelta(days=1)
    add(
        path,
        make_entry("promise", {"text": "Call at lunch", "due": soon}, author="Sam"),
        make_entry(
            "conversation_plan",
            {"topic": "Money", "when": soon, "both_present": True, "no_distractions": True},
            author="Sam",
        ),
    )
    app = start_app(path)  # Alex
    app.show("module", number=6)
    assert not has(app, "rb-promise-kept")
    assert S.ONLY_AUTHOR_MARKS.format(name="Sam") in page_text(app)
    app.show("module", number=2)
    assert not has(app, "rb-table-it")
    # Alex may record that the conversation took place: it is then held, for both
    find(app, "rb-f-understood").value = True  # type: ignore[attr-defined]
    find(app, "rb-f-felt_heard").value = True  # type: ignore[attr-defined]
    press(app, "rb-record-outcome")
    (plan,) = stored(path, "conversation_plan")
    assert plan.status == "held"
    app.switch.value = "Sam"
    app.show("module", number=6)
    assert has(app, "rb-promise-kept")


def test_pressing_save_again_while_it_is_busy_saves_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every button the pages make is guarded: a press that arrives while its action
    runs is ignored, and the button shows it is busy meanwhile."""
    path = make_workbook(tmp_path / "wb")
    app = start_app(path)
    save = find(app, "rb-checkin-save")
    find(app, "rb-f-trust").value = 4  # type: ignore[attr-defined]
    real = app.session.save_checkin
    seen: list[bool] = []

    def slow_save(data: dict[str, Any], **kw: Any) -> Any:
        seen.append("rb-busy" in save._dom_classes and save.disabled)  # type: ignore[attr-defined]
        save.click()  # type: ignore[attr-defined]  # the impatient second press
        return real(data, **kw)

    monkeypatch.setattr(app.session, "save_checkin", slow_save)
    save.click()  # type: ignore[attr-defined]
    assert seen == [True]
    assert len(stored(path, "checkin")) == 1
    assert "rb-busy" not in save._dom_classes and not save.disabled  # type: ignore[attr-defined]


def test_the_role_question_is_optional_and_kept_privately(tmp_path: Path) -> None:
    path = make_workbook(tmp_path / "wb")
    app = start_app(path)
    unlock(app)
    app.show("welcome", step="screen")
    role = find(app, "rb-screen-role")
    # it starts on the words "not answered", not an empty box
    assert role.value == "" and role.label == S.RATING_UNANSWERED  # type: ignore[attr-defined]
    for q in ("afraid", "threatened", "controlled", "hurt"):
        find(app, f"rb-screen-{q}").value = False  # type: ignore[attr-defined]
    find(app, "rb-screen-role").value = "hurt"  # type: ignore[attr-defined]
    press(app, "rb-screen-save")
    (screen,) = stored(path, "safety_screen", "Alex", PASSPHRASES["Alex"])
    assert screen.role == "hurt" and screen.visibility == "private"
    app.switch.value = "Sam"
    assert "hurt" not in json.dumps([t for t in texts(app.widget) if "rb-screen" in t])


def test_the_words_about_where_words_live_are_true_for_the_mode(tmp_path: Path) -> None:
    """At home: this computer. In a workshop: the facilitator's computer for its time."""
    from repairbook.content.workshop import where_words_live
    from repairbook.workshop.roster import Workshop

    home, room = where_words_live("home"), where_words_live("workshop")
    app = start_app(make_workbook(tmp_path / "wb"))
    app.show("help")
    assert home.where in page_text(app) and room.where not in page_text(app)
    ws, _key = Workshop.create(tmp_path / "room", "Saturday")
    record, _ = ws.add_couple("Table 1", ["Kim", "Lee"])
    couple = App(Session(ws.workbook_path(record))).start(partner="Kim")
    couple.show("help")
    text = page_text(couple)
    assert room.where in text and room.backup in text
    assert "nothing is sent anywhere" not in text and home.backup not in text
    new_record, _ = ws.add_couple("Table 2")
    setup = App(Session(ws.workbook_path(new_record))).start()
    assert setup.current[0] == "setup"
    shown = page_text(setup)
    assert room.short in shown and room.setup_intro in shown
    assert "nothing is sent anywhere" not in shown.lower()


def test_in_a_workshop_the_group_view_has_its_own_choice(tmp_path: Path) -> None:
    from repairbook.workshop.consent import share_status
    from repairbook.workshop.roster import Workshop

    ws, _key = Workshop.create(tmp_path / "room", "Saturday")
    record, _ = ws.add_couple("Table 1", ["Kim", "Lee"])
    path = ws.workbook_path(record)
    with Workbook.open(path) as wb:
        wb.set_passphrase("Kim", "kim's long passphrase here", scrypt_n=2**10)
        for who in ("Kim", "Lee"):
            wb.add(make_entry("intention", {"hope": "calm"}, author=who))
    app = App(Session(path)).start(partner="Kim")
    app.show("private")
    assert app.session.unlock("kim's long passphrase here") == ""
    app.refresh()
    share = find(app, "rb-facilitator-share")
    assert share.value is None  # type: ignore[attr-defined]  # unchosen until decided
    press(app, "rb-facilitator-save")
    assert S.CONSENT_CHOOSE in page_text(find(app, "rb-facilitator-status"))
    share.value = True  # type: ignore[attr-defined]
    press(app, "rb-facilitator-save")
    with Workbook.open(path) as wb:
        assert share_status(wb)["Kim"].given is True
        assert not share_status(wb)["Lee"].given


def test_the_rooms_help_shows_on_help_guidance_and_module_15(tmp_path: Path) -> None:
    from repairbook.workshop.roster import Helpline, Workshop

    ws, _key = Workshop.create(tmp_path / "room", "Saturday")
    ws.set_room_help(emergency="999", add=[Helpline(name="Room line", phone="0800 1")])
    record, _ = ws.add_couple("Table 1", ["Kim", "Lee"])
    path = ws.workbook_path(record)
    with Workbook.open(path) as wb:
        for who in ("Kim", "Lee"):
            wb.add(make_entry("intention", {"hope": "calm"}, author=who))
    app = App(Session(path)).start(partner="Kim")
    app.show("help")
    assert "call 999" in page_text(app)
    app.show("module", number=15)
    room = page_text(find(app, "rb-room-help"))
    assert "999" in room and "Room line" in room
    app.show("welcome", step="screen")
    for q, v in (("afraid", True), ("threatened", False), ("controlled", False), ("hurt", False)):
        find(app, f"rb-screen-{q}").value = v  # type: ignore[attr-defined]
    press(app, "rb-screen-save")
    guidance = page_text(find(app, "rb-safety"))
    assert "999" in guidance and "Room line" in guidance


def test_agreeing_for_the_partner_who_is_present_needs_their_passphrase(tmp_path: Path) -> None:
    path = make_workbook(tmp_path / "wb")
    app = start_app(path)
    app.show("module", number=15)
    press(app, "rb-summary-both-here")  # nothing typed: refused, nothing recorded
    assert app.session.summary_agreement() != "yes"
    assert page_text(find(app, "rb-summary-agree-status"))
    find(app, "rb-summary-other-passphrase").value = "not sam's"  # type: ignore[attr-defined]
    press(app, "rb-summary-both-here")
    assert app.session.summary_agreement() != "yes"
    find(app, "rb-summary-other-passphrase").value = PASSPHRASES["Sam"]  # type: ignore[attr-defined]
    press(app, "rb-summary-both-here")
    assert app.session.summary_agreement() == "yes"
    assert not app.session.workbook.is_unlocked("Sam")  # nothing of Sam's opened here


def test_the_pause_card_leads_to_what_can_be_done_alone(tmp_path: Path) -> None:
    app = start_app(make_workbook(tmp_path / "wb"))
    app.session.pause()
    app.show(app.home())
    press(app, "rb-paused-solo")
    assert app.current[0] == "solo"


def test_times_typed_in_a_form_are_the_couples_zone(tmp_path: Path) -> None:
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    path = make_workbook(tmp_path / "wb")
    add(path, make_entry("settings", {"timezone": "Pacific/Auckland"}, author="Alex"))
    app = start_app(path)
    app.show("module", number=6)
    form = find(app, "rb-form-promise")
    due = (datetime.now() + timedelta(days=3)).replace(hour=10, minute=0, second=0, microsecond=0)
    find(form, "rb-f-text").value = "Call at ten"  # type: ignore[attr-defined]
    find(form, "rb-f-due").value = due  # type: ignore[attr-defined]
    press(app, "rb-promise-save")
    (p,) = stored(path, "promise")
    assert p.due.astimezone(ZoneInfo("Pacific/Auckland")).replace(tzinfo=None) == due


def test_the_day_is_the_couples_day_not_the_machines(tmp_path: Path) -> None:
    """On a machine in another zone, Today's date line and the day a check-in is saved
    under are the couple's own (their settings' time zone)."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    machine = datetime.now().astimezone().date()
    # one of the two zones furthest apart is on another date than the machine right now
    zone = next(
        z
        for z in ("Pacific/Kiritimati", "Pacific/Pago_Pago")
        if datetime.now(ZoneInfo(z)).date() != machine
    )
    path = make_workbook(tmp_path / "wb")
    add(path, make_entry("settings", {"timezone": zone}, author="Alex"))
    app = start_app(path)
    theirs = datetime.now(ZoneInfo(zone)).date()
    assert theirs.strftime("%A %d %B") in " ".join(texts(app.widget))
    find(app, "rb-f-honest").value = True  # type: ignore[attr-defined]
    press(app, "rb-checkin-save")
    (c,) = stored(path, "checkin")
    assert c.day == theirs != machine

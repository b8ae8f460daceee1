"""The app shell with real widgets (no browser): navigation, the partner switch and what
it locks, every page building on empty, fresh and lived-in workbooks, and research consent
on the Private page."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

import repairbook.ui as rb
from repairbook.content import research as R
from repairbook.content import shared as S
from repairbook.demo import DEMO_PASSPHRASES, make_demo
from repairbook.store import Workbook
from repairbook.ui.shell import NAV, Unavailable
from tests.ui_helpers import (
    PASSPHRASES,
    find,
    find_all,
    has,
    make_workbook,
    page_text,
    press,
    set_field,
    shows_friendly_error,
    start_app,
    stored,
    texts,
    unlock,
)

CANARY = "canary-7f3a alex only private words"


def _no_page_failed(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


# -- navigation ---------------------------------------------------------------------------


def test_nav_buttons_switch_pages(tmp_path: Path) -> None:
    fresh = start_app(make_workbook(tmp_path / "new", welcomed=False))
    assert fresh.current[0] == "welcome"  # nobody has said what they hope for yet
    press(fresh, "rb-nav-today")  # and no shared page opens before the welcome
    assert fresh.current[0] == "welcome"
    app = start_app(make_workbook(tmp_path / "wb"))
    assert app.current[0] == "today"
    for name in NAV:
        press(app, f"rb-nav-{name}")
        assert app.current[0] == name
        assert app.body.children == (app._page_widget,)
        assert has(app, f"rb-page-{name}")
        # the pressed button is marked as the current section, and only it
        active = [n for n in NAV if "mod-active" in find(app, f"rb-nav-{n}")._dom_classes]
        assert active == [name]
    app.show("module", number=4)
    assert has(app, "rb-page-module") and "mod-active" in find(app, "rb-nav-journey")._dom_classes
    press(app, "rb-back-to-journey")
    assert app.current[0] == "journey"
    press(app, "rb-open-module-12")
    assert app.current == ("module", {"number": 12})
    press(app, "rb-next-module")
    assert app.current == ("module", {"number": 13})


def test_header_names_both_partners_and_the_switch(tmp_path: Path) -> None:
    app = start_app(make_workbook(tmp_path / "wb"))
    assert "Alex & Sam" in page_text(find(app, "rb-brand"))
    switch = find(app, "rb-partner-switch")
    assert list(switch.options) == [("Alex", "Alex"), ("Sam", "Sam")]  # type: ignore[attr-defined]
    assert switch.value == "Alex"  # type: ignore[attr-defined]
    switch.value = "Sam"  # type: ignore[attr-defined]
    assert app.session.me == "Sam"
    press(app, "rb-nav-today")
    assert "Sam" in page_text(app._page_widget)


# -- the partner switch locks private things --------------------------------------------


def _alex_writes_private_things(app: rb.App) -> None:
    """Alex unlocks Private and writes a journal entry holding the canary."""
    press(app, "rb-nav-private")
    assert has(app, "rb-unlock-passphrase")
    find(app, "rb-unlock-passphrase").value = PASSPHRASES["Alex"]  # type: ignore[attr-defined]
    press(app, "rb-unlock")
    set_field(app, "text", CANARY)
    press(app, "rb-journal-save")
    assert CANARY in page_text(app)


def test_switching_partner_locks_private_pages(tmp_path: Path) -> None:
    path = make_workbook(tmp_path / "wb")
    app = start_app(path)
    _alex_writes_private_things(app)
    (journal,) = stored(path, "journal", viewer="Alex", passphrase=PASSPHRASES["Alex"])
    assert journal.text == CANARY and journal.visibility == "private"

    app.switch.value = "Sam"
    assert app.current[0] == "private"
    assert not app.session.wb.is_unlocked("Alex")  # type: ignore[union-attr]
    assert has(app, "rb-unlock-passphrase")  # Sam is asked for Sam's passphrase
    assert CANARY not in "\n".join(texts(app))

    # Sam unlocks Sam's own private pages: still nothing of Alex's
    unlock(app)
    assert has(app, "rb-journal-save")
    assert CANARY not in "\n".join(texts(app))

    # back to Alex: locked again, Alex has to unlock again
    app.switch.value = "Alex"
    assert has(app, "rb-unlock-passphrase")
    assert not has(app, "rb-journal-save")
    assert CANARY not in "\n".join(texts(app))
    unlock(app)
    assert CANARY in page_text(app)


def test_other_partners_private_text_is_on_no_page(tmp_path: Path) -> None:
    """Alex's private journal, check-in note, forgiveness reflection and safety answers:
    Sam, unlocked, walks every page and every module; none of Alex's words are in any widget."""
    path = make_workbook(tmp_path / "wb")
    wb = Workbook.open(path)
    wb.unlock("Alex", PASSPHRASES["Alex"])
    from repairbook.entries import make_entry

    wb.add(
        make_entry(
            "forgiveness_reflection", {"readiness": 3, "text": CANARY + " forgive"}, author="Alex"
        )
    )
    wb.add(
        make_entry(
            "safety_screen",
            {
                "afraid": True,
                "threatened": False,
                "controlled": False,
                "hurt": False,
                "betrayal_or_addiction": True,
            },
            author="Alex",
        )
    )
    wb.add(make_entry("intention", {"hope": "shared hope"}, author="Alex"))
    wb.close()
    app = start_app(path)
    _alex_writes_private_things(app)
    app.switch.value = "Sam"
    unlock(app)
    seen: list[str] = []
    for name in NAV:
        app.show(name)
        seen += texts(app)
    for n in range(16):
        app.show("module", number=n)
        seen += texts(app)
    all_text = "\n".join(seen)
    assert CANARY not in all_text
    assert "canary-7f3a" not in all_text


# -- every page builds -------------------------------------------------------------------


def _visit_everything(app: rb.App, caplog: pytest.LogCaptureFixture, where: str) -> None:
    for name in NAV:
        app.show(name)
        assert not shows_friendly_error(app), f"{where}: page {name} shows the friendly error"
    for n in range(16):
        app.show("module", number=n)
        assert not shows_friendly_error(app), f"{where}: module {n} shows the friendly error"
    assert _no_page_failed(caplog) == [], where


def test_no_workbook_yet_shows_setup_without_error(tmp_path: Path) -> None:
    app = start_app(tmp_path / "nothing-here-yet")
    assert app.current[0] == "setup"
    assert has(app, "rb-setup-name1") and has(app, "rb-setup-create")
    assert not shows_friendly_error(app)
    assert app.nav_box.layout.display == "none"  # nothing to navigate to before set-up


@pytest.mark.parametrize("passphrases", [None, {}], ids=["with-passphrases", "no-passphrases"])
def test_every_page_builds_on_a_fresh_workbook(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, passphrases: dict[str, str] | None
) -> None:
    caplog.set_level(logging.ERROR)
    app = start_app(make_workbook(tmp_path / "wb", passphrases=passphrases))
    for who in ("Alex", "Sam"):
        app.switch.value = who
        _visit_everything(app, caplog, f"{who} locked")
        if passphrases is None:
            unlock(app)
            _visit_everything(app, caplog, f"{who} unlocked")


@pytest.mark.slow
def test_every_page_builds_on_a_60_day_demo(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.ERROR)
    make_demo(tmp_path / "demo", days=60).close()
    app = start_app(tmp_path / "demo")
    assert app.current[0] == "today"
    for who in ("Alex", "Sam"):
        app.switch.value = who
        app.session.unlock(DEMO_PASSPHRASES[who])
        _visit_everything(app, caplog, f"demo, {who} unlocked")
        # the private pages again while locked (what a partner sees before the passphrase)
        app.session.lock()
        for name in ("private", "today"):
            app.show(name)
            assert not shows_friendly_error(app)
        for n in (11, 14):
            app.show("module", number=n)
            assert not shows_friendly_error(app)


def test_a_failing_page_shows_one_friendly_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    app = start_app(make_workbook(tmp_path / "wb"))

    class Broken:
        def __init__(self, *_a: object, **_k: object) -> None:
            raise RuntimeError("internal detail that must not reach the page")

    app.pages["help"] = Broken  # type: ignore[assignment]
    with caplog.at_level(logging.CRITICAL):
        app.show("help")
    assert shows_friendly_error(app)
    assert "internal detail" not in page_text(app)


# -- the notebook entry points ---------------------------------------------------------


def test_module_opens_one_module_for_the_partner(tmp_path: Path) -> None:
    path = make_workbook(tmp_path / "wb")
    app = rb.module(6, workbook=str(path), partner="sam")
    assert isinstance(app, rb.App)
    assert app.current == ("module", {"number": 6})
    assert app.session.me == "Sam"
    assert app.switch.value == "Sam"
    assert has(app, "rb-promise-save")


def test_app_on_a_damaged_workbook_says_so_in_one_sentence(tmp_path: Path) -> None:
    folder = tmp_path / "damaged"
    folder.mkdir()
    (folder / "workbook.sqlite").write_bytes(b"not a database " * 500)
    shown = rb.app(str(folder))
    assert isinstance(shown, Unavailable)
    assert str(folder) in shown.message
    text = page_text(shown.widget)
    assert shown.message in text and "Traceback" not in text


# -- Private: research consent ---------------------------------------------------------


def test_research_consent_give_and_revoke(tmp_path: Path) -> None:
    path = make_workbook(tmp_path / "wb")
    app = start_app(path)
    press(app, "rb-nav-private")
    unlock(app)
    before = page_text(find(app, "rb-consent-state"))
    # every choice starts unchosen, and giving consent needs a choice for each
    for k in ("numeric", "scrubbed-text", "private-numeric"):
        assert find(app, f"rb-consent-{k}").value is None, k  # type: ignore[attr-defined]
    # the facilitator's group view is a workshop's own choice, not research consent
    assert not has(app, "rb-consent-facilitator") and not has(app, "rb-facilitator-share")
    press(app, "rb-consent-give")
    assert S.CONSENT_CHOOSE in page_text(find(app, "rb-consent-status"))
    assert stored(path, "consent") == []
    find(app, "rb-consent-numeric").value = True  # type: ignore[attr-defined]
    find(app, "rb-consent-scrubbed-text").value = True  # type: ignore[attr-defined]
    find(app, "rb-consent-private-numeric").value = False  # type: ignore[attr-defined]
    press(app, "rb-consent-give")
    given = page_text(find(app, "rb-consent-state"))
    assert given != before
    assert R.GIVEN_SAVED.format(name="Alex") in page_text(find(app, "rb-consent-status"))
    (c1,) = stored(path, "consent")
    assert c1.author == "Alex" and c1.given and c1.numeric and c1.scrubbed_text

    press(app, "rb-consent-revoke")
    revoked = page_text(find(app, "rb-consent-state"))
    assert revoked != given
    assert R.REVOKED_SAVED.format(name="Alex") in page_text(find(app, "rb-consent-status"))
    consents = sorted(stored(path, "consent"), key=lambda e: e.created)
    assert len(consents) == 2
    assert consents[-1].given is False  # the latest wins

    # the page opened again shows the latest state, and Sam's consent is Sam's own
    app.refresh()
    assert page_text(find(app, "rb-consent-state")) == revoked
    app.switch.value = "Sam"
    unlock(app)
    for k in ("numeric", "scrubbed-text", "private-numeric"):
        find(app, f"rb-consent-{k}").value = k == "numeric"  # type: ignore[attr-defined]
    press(app, "rb-consent-give")
    assert {c.author for c in stored(path, "consent")} == {"Alex", "Sam"}
    from repairbook.research.consent import consent_status

    wb = Workbook.open(path)
    try:
        status = consent_status(wb)
    finally:
        wb.close()
    assert status["Alex"].recorded and not status["Alex"].shares_numbers
    assert status["Sam"].shares_numbers and not status["Sam"].shares_text


def test_private_page_without_a_passphrase_offers_to_set_one(tmp_path: Path) -> None:
    path = make_workbook(tmp_path / "wb", passphrases={})
    app = start_app(path)
    press(app, "rb-nav-private")
    assert has(app, "rb-passphrase1") and not has(app, "rb-journal-save")
    find(app, "rb-passphrase1").value = "a long enough passphrase"  # type: ignore[attr-defined]
    find(app, "rb-passphrase2").value = "a long enough passphrase"  # type: ignore[attr-defined]
    press(app, "rb-passphrase-set")
    assert app.session.has_passphrase()
    assert has(app, "rb-journal-save")  # set and unlocked: the private pages open
    assert not find_all(app, "rb-passphrase1")
    assert S.PRIVATE_TITLE.format(name="Alex") in page_text(app)


def test_lock_button_closes_private_pages(tmp_path: Path) -> None:
    app = start_app(make_workbook(tmp_path / "wb"))
    _alex_writes_private_things(app)
    press(app, "rb-lock-now")
    assert has(app, "rb-unlock-passphrase")
    assert CANARY not in "\n".join(texts(app))


def walk_html(app: rb.App) -> list[str]:
    """The markup of every HTML widget on the page (what the browser renders as HTML)."""
    import ipywidgets as w

    from tests.ui_helpers import walk

    return [x.value for x in walk(app) if isinstance(x, w.HTML) and isinstance(x.value, str)]


# -- hostile text is shown inert everywhere ---------------------------------------------------

HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>"


def test_hostile_text_in_every_field_is_escaped_on_every_page(tmp_path: Path) -> None:
    """Every free-text field of a lived-in workbook replaced by markup: no page puts it into
    an HTML widget as markup (it appears escaped, as text)."""
    import typing

    make_demo(tmp_path / "demo", days=21, seed=5).close()
    wb = Workbook.open(tmp_path / "demo")
    changed = 0
    try:
        for who, phrase in DEMO_PASSPHRASES.items():
            wb.unlock(who, phrase)
        for who in DEMO_PASSPHRASES:
            for e in wb.list(None, viewer=who, author=who):
                fields = {
                    name: HOSTILE
                    for name, info in type(e).model_fields.items()
                    if info.annotation is str
                    or (
                        typing.get_origin(info.annotation) is typing.Annotated
                        and typing.get_args(info.annotation)[0] is str
                    )
                    if name not in ("id", "author", "text_version", "timezone")
                    and not name.endswith("_id")
                    and getattr(e, name)
                }
                if fields:
                    try:
                        wb.update(e.id, fields, by=who)
                        changed += 1
                    except Exception:  # noqa: BLE001 - a field with a pattern keeps its value
                        pass
    finally:
        wb.close()
    assert changed > 50
    app = start_app(tmp_path / "demo")
    for who in DEMO_PASSPHRASES:
        app.switch.value = who
        app.session.unlock(DEMO_PASSPHRASES[who])
        pages: list[tuple[str, dict[str, int]]] = [(n, {}) for n in NAV if n != "progress"]
        pages += [("module", {"number": n}) for n in range(16)]
        escaped_seen = False
        for name, params in pages:
            app.show(name, **params)
            for x in walk_html(app):
                assert "<script" not in x and "<img src=x" not in x, (who, name, params, x[:300])
                escaped_seen = escaped_seen or "&lt;script&gt;" in x
        assert escaped_seen  # the words are there, as text


def test_a_module_opens_a_workshop_couple_by_its_label(tmp_path: Path) -> None:
    """Facilitators pass a couple's label (and the workshop) instead of a workbook path."""
    from repairbook.store import StoreError
    from repairbook.workshop import Workshop

    ws, _key = Workshop.create(tmp_path / "room", "Spring group")
    ws.add_couple("Table 3", partners=["Noor", "Kai"])
    ws.add_couple("Table 4", partners=["Ada", "Lin"])
    app = rb.module(6, couple="Table 3", workshop=str(tmp_path / "room"), partner="Kai")
    assert app.session.partners == ["Noor", "Kai"] and app.session.me == "Kai"
    with pytest.raises(StoreError, match="workshop folder"):
        rb.workbook_path(None, couple="Table 3")

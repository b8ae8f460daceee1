"""Each partner on their own phone: personal links (random, stored only as fingerprints,
renewed and revoked), a personal page that is its partner's alone, check-ins revealed once
both have answered, and a page that notices the other partner's save without a reload."""

from __future__ import annotations

import os
import stat
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from repairbook.cli import cli
from repairbook.content import shared as S
from repairbook.couple import Couple, make_link, partner_for_key, personal_links, revoke_link
from repairbook.couple.links import LINKS_FILE, serve_token
from repairbook.entries import make_entry
from repairbook.store import Workbook
from repairbook.ui import App
from repairbook.ui.request import close_when_invalid
from repairbook.ui.shell import Invalid, personal_app
from tests.ui_helpers import PASSPHRASES, add, find, has, make_workbook, page_text, press, start_app


def _keys(path: Path) -> dict[str, str]:
    with Workbook.open(path) as wb:
        return {n: make_link(wb, n) for n in wb.partners}


def test_a_personal_key_is_random_long_and_stored_only_as_a_fingerprint(tmp_path: Path) -> None:
    path = make_workbook(tmp_path / "wb")
    keys = _keys(path)
    assert len(set(keys.values())) == 2
    for key in keys.values():
        assert len(key) >= 22  # at least 128 bits in URL-safe base64
        assert key.encode() not in (path / "workbook.sqlite").read_bytes()
    assert stat.S_IMODE(os.stat(path / LINKS_FILE).st_mode) == 0o600
    with Workbook.open(path) as wb:
        assert partner_for_key(wb, keys["Alex"]) == "Alex"
        assert partner_for_key(wb, keys["Sam"]) == "Sam"
        altered = keys["Alex"][:-1] + ("A" if keys["Alex"][-1] != "A" else "B")
        assert partner_for_key(wb, altered) is None
        assert partner_for_key(wb, "") is None and partner_for_key(wb, None) is None
        # the same key on every call, until it is renewed
        assert make_link(wb, "Alex") == keys["Alex"]
        new = make_link(wb, "Alex", renew=True)
        assert new != keys["Alex"] and partner_for_key(wb, keys["Alex"]) is None
        revoke_link(wb, "Alex")
        assert partner_for_key(wb, new) is None


def test_serve_keeps_one_token_and_prints_a_line_per_partner(tmp_path: Path) -> None:
    path = make_workbook(tmp_path / "wb")
    assert serve_token(tmp_path / "nothing-yet") is None
    token = serve_token(path)
    assert token and serve_token(path) == token  # saved addresses keep working
    lines = personal_links(path, f"http://127.0.0.1:8866/?token={token}")
    assert [n for n, _u in lines] == ["Alex", "Sam"]
    for _n, url in lines:
        assert url.startswith(f"http://127.0.0.1:8866/?token={token}&key=")


def test_a_personal_page_is_its_partners_alone(tmp_path: Path) -> None:
    path = make_workbook(tmp_path / "wb")
    keys = _keys(path)
    page = personal_app(Couple(path), keys["Sam"])
    assert isinstance(page, App)
    assert page.session.me == "Sam" and page.current[0] == "today"
    assert not has(page, "rb-partner-switch") and not has(page, "rb-who-1")
    page.use_as("Alex")  # no way to act as the other partner
    assert page.session.me == "Sam"
    # after a reload it opens as Sam again
    again = personal_app(Couple(path), keys["Sam"])
    assert isinstance(again, App) and again.session.me == "Sam"
    # private pages still ask for the passphrase
    again.show("private")
    assert has(again, "rb-unlock-passphrase")


@pytest.mark.parametrize("key", ["", "made-up-key", "renewed", "revoked"])
def test_a_wrong_altered_or_revoked_key_gets_the_neutral_page(key: str, tmp_path: Path) -> None:
    path = make_workbook(tmp_path / "wb")
    keys = _keys(path)
    with Workbook.open(path) as wb:
        if key == "renewed":
            key = keys["Alex"]
            make_link(wb, "Alex", renew=True)
        elif key == "revoked":
            key = keys["Alex"]
            revoke_link(wb, "Alex")
    page = personal_app(Couple(path), key)
    assert isinstance(page, Invalid)
    text = page_text(page.widget)
    assert "Alex" not in text and "Sam" not in text
    assert has(page.widget, "rb-invalid-link")


def test_revoking_closes_the_open_page_at_once(tmp_path: Path) -> None:
    from repairbook.couple.links import LinkWatch

    path = make_workbook(tmp_path / "wb")
    keys = _keys(path)
    page = personal_app(Couple(path), keys["Alex"])
    assert isinstance(page, App)
    watch = LinkWatch(path, keys["Alex"], "Alex")
    check = close_when_invalid(page.widget, watch.still_valid, seconds=3600)
    assert check() and has(page, "rb-checkin-save")
    res = CliRunner().invoke(
        cli,
        ["--workbook", str(path), "link", "--partner", "Alex", "--revoke"],
        env={"REPAIRBOOK_PASSPHRASE": PASSPHRASES["Alex"]},
    )
    assert res.exit_code == 0, res.output
    assert not check()
    assert has(page.widget, "rb-invalid-link") and not has(page.widget, "rb-checkin-save")


def test_renewing_a_link_asks_that_partners_passphrase(tmp_path: Path) -> None:
    path = make_workbook(tmp_path / "wb")
    old = _keys(path)["Sam"]
    argv = ["--workbook", str(path), "link", "--partner", "Sam", "--renew"]
    wrong = CliRunner().invoke(cli, argv, env={"REPAIRBOOK_PASSPHRASE": "not sams passphrase"})
    assert wrong.exit_code == 1
    with Workbook.open(path) as wb:
        assert partner_for_key(wb, old) == "Sam"  # nothing changed
    ok = CliRunner().invoke(cli, argv, env={"REPAIRBOOK_PASSPHRASE": PASSPHRASES["Sam"]})
    assert ok.exit_code == 0, ok.output
    with Workbook.open(path) as wb:
        assert partner_for_key(wb, old) is None


def _checkin(who: str, trust: int) -> object:
    return make_entry(
        "checkin", {"day": date.today(), "trust": trust, "note": f"{who} note"}, author=who
    )


def test_a_checkin_is_revealed_once_both_have_answered(tmp_path: Path) -> None:
    path = make_workbook(tmp_path / "wb")
    add(path, _checkin("Sam", 3))
    alex = start_app(path)
    line = find(alex, "rb-partner-checkin")
    assert S.PARTNER_WAITING.format(name="Sam") in page_text(line)
    assert "Sam note" not in page_text(alex)
    assert [e.author for e in alex.session.all_visible() if e.kind == "checkin"] == []
    alex.show("progress")
    assert "Sam note" not in page_text(alex)
    alex.show("today")
    find(alex, "rb-f-trust").value = 7  # type: ignore[attr-defined]
    press(alex, "rb-checkin-save")
    shown = page_text(find(alex, "rb-partner-checkin"))
    assert "Sam today" in shown and "Sam note" in shown and "Trust: 3" in " ".join(shown.split())
    assert {e.author for e in alex.session.all_visible() if e.kind == "checkin"} == {"Alex", "Sam"}


def test_an_open_today_notices_the_other_partners_checkin_without_a_reload(
    tmp_path: Path,
) -> None:
    path = make_workbook(tmp_path / "wb")
    alex = start_app(path)
    alex.watch(seconds=3600)
    find(alex, "rb-f-note").value = "typed, not saved"  # type: ignore[attr-defined]
    assert "Sam" not in page_text(find(alex, "rb-partner-checkin"))
    add(path, _checkin("Sam", 5))  # Sam saves from his own phone
    alex.poll()
    assert S.PARTNER_WAITING.format(name="Sam") in page_text(find(alex, "rb-partner-checkin"))
    assert find(alex, "rb-f-note").value == "typed, not saved"  # type: ignore[attr-defined]


def test_on_a_personal_page_the_link_proves_who_signs(tmp_path: Path) -> None:
    path = make_workbook(tmp_path / "wb")
    shared = Couple(path)
    shared.switch("Alex")
    assert shared.speaks_as_partner() == S.PROVE_IT.format(name="Alex")
    res = shared.sign_contract("c" * 32, 1)
    assert not res.ok and res.error == S.PROVE_IT.format(name="Alex")
    mine = personal_app(Couple(path), _keys(path)["Alex"])
    assert isinstance(mine, App) and mine.session.speaks_as_partner() == ""


def test_help_shows_the_certificates_fingerprint_when_there_is_one(tmp_path: Path) -> None:
    from repairbook.tls import ensure_certificate, fingerprint

    path = make_workbook(tmp_path / "wb")
    app = start_app(path)
    app.show("help")
    assert not has(app, "rb-help-certificate")
    ensure_certificate(path, ["127.0.0.2"])
    fp = fingerprint(path)
    assert fp
    app.show("help")
    assert fp in page_text(find(app, "rb-help-certificate"))


def test_private_pages_lock_after_the_idle_time(tmp_path: Path) -> None:
    import time

    from tests.ui_helpers import unlock

    path = make_workbook(tmp_path / "wb")
    with Workbook.open(path) as wb:
        wb.set_idle_lock_minutes(1)
    app = start_app(path)
    app.show("private")
    unlock(app)
    assert has(app, "rb-lock-now")
    app.poll()
    assert app.session.unlocked()  # still in use
    wb = app.session.workbook
    wb._touched["Alex"] = time.monotonic() - 61  # a minute and more without use
    app.poll()
    assert not app.session.unlocked()
    assert has(app, "rb-unlock-passphrase") and not has(app, "rb-lock-now")
    assert S.LOCKED_IDLE in app.notice.value


def test_consent_records_how_the_partner_showed_it_was_them(tmp_path: Path) -> None:
    from tests.ui_helpers import stored, unlock

    path = make_workbook(tmp_path / "wb")
    shared = start_app(path)
    shared.show("private")
    unlock(shared)
    assert shared.session.give_consent(
        numeric=True, scrubbed_text=False, private_numeric=False
    ).given
    mine = personal_app(Couple(path), _keys(path)["Sam"])
    assert isinstance(mine, App)
    mine.session.give_consent(numeric=True, scrubbed_text=False, private_numeric=False)
    how = {c.author: c.how for c in stored(path, "consent")}
    assert how == {"Alex": "passphrase", "Sam": "personal_link"}


def test_the_cli_asks_the_signers_passphrase(tmp_path: Path) -> None:
    import json as _json

    path = make_workbook(tmp_path / "wb")
    sig = _json.dumps({"contract_id": "c" * 32, "contract_version": 1})
    argv = ["--workbook", str(path), "add", "signature", "--author", "Sam", "--json", sig]
    wrong = CliRunner().invoke(cli, argv, env={"REPAIRBOOK_PASSPHRASE": "not sams"})
    assert wrong.exit_code == 1
    with Workbook.open(path) as wb:
        assert wb.list("signature") == []
    ok = CliRunner().invoke(cli, argv, env={"REPAIRBOOK_PASSPHRASE": PASSPHRASES["Sam"]})
    assert ok.exit_code == 0, ok.output

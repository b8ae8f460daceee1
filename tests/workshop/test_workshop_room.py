"""A room a facilitator can run: addresses kept, a link per partner, revocation that closes open
pages, the room's help, take-home files, the facilitator view's own consent, honest words."""

from __future__ import annotations

import io
import json
import stat
import zipfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from repairbook.cli import cli
from repairbook.content.workshop import where_words_live
from repairbook.entries import make_entry
from repairbook.store import Workbook
from repairbook.workshop import KeyWatch, Workshop, WorkshopError, mode_for, room_help_for
from repairbook.workshop.consent import set_share
from repairbook.workshop.handover import MAX_UNPACKED, import_handover
from repairbook.workshop.roster import KEY_ALPHABET, parse_roster

DOCS = Path(__file__).resolve().parents[2] / "docs" / "workshop.md"
SECRET = "the words only we two know"
PRIVATE = "a thought sealed for me alone"


def _run(*args: str) -> tuple[int, str, str]:
    res = CliRunner().invoke(cli, list(args))
    return res.exit_code, res.stdout, res.stderr


@pytest.fixture
def room(tmp_path: Path) -> tuple[Workshop, str]:
    ws, _fkey = Workshop.create(tmp_path / "room", "Saturday group")
    _rec, key = ws.add_couple("Blue", ["Kim", "Lee"])
    wb = Workbook.open(ws.workbook_path("Blue"))
    wb.set_passphrase("Kim", "correct horse battery", scrypt_n=2**10)
    today = datetime.now(UTC).date().isoformat()
    wb.add(make_entry("checkin", {"day": today, "trust": 7, "note": SECRET}, author="Kim"))
    wb.unlock("Kim", "correct horse battery")
    wb.add(make_entry("journal", {"text": PRIVATE}, author="Kim", visibility="private"))
    wb.close()
    return ws, key


def test_each_partner_has_a_personal_key_and_keys_avoid_look_alikes(
    room: tuple[Workshop, str],
) -> None:
    ws, key = room
    pairs = ws.kept_partner_keys()
    assert pairs is not None
    k1, k2 = pairs["Blue"]
    assert k1 and k2 and len({key, k1, k2}) == 3
    for k in (key, k1, k2, ws.room_token):
        assert set(k) <= set(KEY_ALPHABET) and not set(k) & set("0O1lI")
    assert ws.verify(key).partner is None  # type: ignore[union-attr]
    assert ws.verify(k1).partner == 0 and ws.verify(k2).partner == 1  # type: ignore[union-attr]
    stored = (ws.root / "workshop.json").read_text()
    assert k1 not in stored and k2 not in stored  # only fingerprints are kept
    # a new partner key for partner 2 only: the others keep working
    new = ws.rekey("Blue", 1)
    assert ws.verify(k2) is None and ws.verify(str(new)).partner == 1  # type: ignore[union-attr]
    assert ws.verify(k1) is not None and ws.verify(key) is not None


def test_revocation_closes_an_open_page_at_once(room: tuple[Workshop, str]) -> None:
    pytest.importorskip("ipywidgets")
    import ipywidgets as w

    from repairbook.ui import workshop_app as wa

    ws, key = room
    k1 = (ws.kept_partner_keys() or {})["Blue"][0]
    holder = w.Box([wa.page_for_key(ws.root, key)])
    check = wa.close_when_revoked(ws.root, key, holder)
    partner_watch = KeyWatch(ws.root, k1)
    ws.add_couple("Green")  # the file changes, this couple's keys do not
    assert check() and partner_watch.still_valid()
    ws.rekey("Blue")
    assert not check() and not partner_watch.still_valid()
    assert "rb-invalid-link" in holder.children[0]._dom_classes
    green = str(ws.rekey("Green"))
    watch = KeyWatch(ws.root, green)
    ws.remove_couple("Green")
    assert not watch.still_valid()


def test_a_partner_key_opens_that_partners_own_page(room: tuple[Workshop, str]) -> None:
    pytest.importorskip("ipywidgets")
    from repairbook.ui import shell
    from repairbook.ui import workshop_app as wa

    ws, _key = room
    k2 = (ws.kept_partner_keys() or {})["Blue"][1]
    seen: list[shell.App] = []
    real_start = shell.App.start

    def spy(self: shell.App, partner: str | None = None) -> shell.App:
        seen.append(self)
        return real_start(self, partner)

    shell.App.start = spy  # type: ignore[method-assign]
    try:
        wa.page_for_key(ws.root, k2)
    finally:
        shell.App.start = real_start  # type: ignore[method-assign]
    assert seen[-1].fixed_partner == "Lee"


def test_addresses_are_kept_and_handouts_refuse_loopback(tmp_path: Path) -> None:
    room = str(tmp_path / "room")
    code, out, _ = _run(
        "workshop", "init", room, "--name", "R", "--host", "192.0.2.7", "--port", "9001"
    )
    assert code == 0
    _run("workshop", "add-couple", room, "--label", "Blue")
    code, out, _ = _run("workshop", "links", room)
    assert out.startswith("Blue\thttps://192.0.2.7:9001/?token=")
    code, out, _ = _run("workshop", "address", room, "--host", "127.0.0.1")
    code, out, err = _run("workshop", "links", room)
    assert "http://127.0.0.1:9001/" in out and "workshop address" in err
    code, _out, err = _run("workshop", "handouts", room, "--out", str(tmp_path / "h.pdf"))
    assert code == 1 and "only this computer can open" in err
    assert Workshop.open(room).address.port == 9001


def test_the_rooms_help_reaches_every_couple(room: tuple[Workshop, str], tmp_path: Path) -> None:
    ws, _key = room
    code, out, _ = _run(
        "workshop",
        "room-help",
        str(ws.root),
        "--emergency",
        "000",
        "--helpline",
        "Lifeline|13 11 14",
    )
    assert code == 0 and "emergency number 000" in out
    got = room_help_for(ws.workbook_path("Blue"))
    assert got == {
        "emergency": "000",
        "helplines": [{"name": "Lifeline", "phone": "13 11 14", "web": ""}],
    }
    code, _out, err = _run("workshop", "room-help", str(ws.root), "--emergency", "call me")
    assert code == 1 and "digits" in err
    assert room_help_for(tmp_path / "elsewhere") == {}


def test_take_it_home_round_trip_and_erase(room: tuple[Workshop, str], tmp_path: Path) -> None:
    ws, _key = room
    folder = ws.workbook_path("Blue")
    Workbook.open(folder).backup()
    out = tmp_path / "blue.zip"
    code, text, _ = _run("workshop", "handover", str(ws.root), "--label", "Blue", "--out", str(out))
    assert code == 0 and "repairbook import" in text
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert PRIVATE.encode() not in zipfile.ZipFile(out).read("workbook.sqlite")  # still sealed
    home = tmp_path / "home" / "workbook"
    code, text, _ = _run("import", str(out), "--workbook", str(home))
    assert code == 0 and "Kim and Lee" in text
    with Workbook.open(home) as wb:
        assert [e.note for e in wb.list("checkin")] == [SECRET]  # type: ignore[attr-defined]
        assert wb.list("journal", viewer=None) == []
        wb.unlock("Kim", "correct horse battery")
        assert [e.text for e in wb.list("journal", viewer="Kim")] == [PRIVATE]  # type: ignore[attr-defined]
    assert mode_for(home) == "home" and mode_for(folder) == "workshop"
    # a second import never overwrites
    code, _t, err = _run("import", str(out), "--workbook", str(home))
    assert code == 1 and "already holds a workbook" in err
    code, _t, _e = _run("workshop", "remove-couple", str(ws.root), "--label", "Blue", "--delete")
    assert code == 0 and not folder.exists()
    leftovers = [p for p in ws.root.rglob("*") if p.is_file()]
    assert all(SECRET.encode() not in p.read_bytes() for p in leftovers)


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("members", "words"),
    [
        ({"../evil.sqlite": b"x", "repairbook-handover.json": b"{}"}, "outside the workbook"),
        ({"workbook.sqlite": b"x"}, "not a take-home file"),
        (
            {
                "repairbook-handover.json": b'{"app": "repairbook", "format": 1}',
                "workbook.sqlite": b"not a database at all",
            },
            "damaged",
        ),
        (
            {
                "repairbook-handover.json": b'{"app": "repairbook", "format": 9}',
                "workbook.sqlite": b"",
            },
            "newer repairbook",
        ),
    ],
)
def test_hostile_take_home_files_are_refused(
    tmp_path: Path, members: dict[str, bytes], words: str
) -> None:
    bad = tmp_path / "bad.zip"
    bad.write_bytes(_zip(members))
    target = tmp_path / "target"
    with pytest.raises(WorkshopError, match=words):
        import_handover(bad, target)
    assert not (target / "workbook.sqlite").exists()


def test_a_zip_bomb_is_refused_before_it_fills_the_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import repairbook.workshop.handover as H

    monkeypatch.setattr(H, "MAX_UNPACKED", 1024 * 1024)  # a small limit keeps the test light
    bomb = tmp_path / "bomb.zip"
    bomb.write_bytes(
        _zip(
            {
                "repairbook-handover.json": b'{"app": "repairbook", "format": 1}',
                "workbook.sqlite": b"\0" * (3 * 1024 * 1024),
            }
        )
    )
    assert bomb.stat().st_size < 100_000
    with pytest.raises(WorkshopError, match="larger than a workbook"):
        import_handover(bomb, tmp_path / "t")
    assert MAX_UNPACKED >= 256 * 1024 * 1024
    with pytest.raises(WorkshopError, match="not a take-home file"):
        import_handover(tmp_path / "bomb.zip.missing", tmp_path / "t2")


def test_semicolon_rosters_are_read_and_mixed_ones_refused() -> None:
    rows, bad = parse_roster("label;partner_a;partner_b\nTable 1;Kim;Lee\nTable 2\n")
    assert [(r.label, r.partners) for r in rows] == [("Table 1", ("Kim", "Lee")), ("Table 2", ())]
    assert bad == []
    rows, bad = parse_roster("Table 1,Kim,Lee\n")
    assert rows[0].partners == ("Kim", "Lee")
    with pytest.raises(WorkshopError, match="mixes commas and semicolons"):
        parse_roster("A;Kim,Lee\nB,Jo;Sam\n")


def test_the_group_view_needs_its_own_consent_and_covers_seven_days(
    room: tuple[Workshop, str],
) -> None:
    from repairbook.research.consent import give_consent
    from repairbook.workshop.summary import group_summary

    ws, _key = room
    wb = Workbook.open(ws.workbook_path("Blue"))
    old = (datetime.now(UTC) - timedelta(days=10)).date().isoformat()
    e = make_entry("checkin", {"day": old, "trust": 1}, author="Lee")
    e.created = e.updated = datetime.now(UTC) - timedelta(days=10)
    wb.add(e)
    for p in ("Kim", "Lee"):
        give_consent(wb, p, facilitator=True)  # research consent is not the facilitator view's
    wb.close()
    ws.add_couple("Amber")
    s = group_summary(ws)
    assert [c.label for c in s.couples] == ["Amber", "Blue"]
    assert s.couples[1].status == "not shared"
    wb = Workbook.open(ws.workbook_path("Blue"))
    set_share(wb, "Kim", True)
    set_share(wb, "Lee", True)
    wb.close()
    blue = group_summary(ws).couples[1]
    assert blue.shared and blue.latest["trust"] == 7.0  # the check-in ten days ago is left out
    assert SECRET not in json.dumps(blue.to_json())


def test_list_prints_no_workshop_couples_notes(room: tuple[Workshop, str]) -> None:
    ws, _key = room
    code, out, err = _run("--workbook", str(ws.workbook_path("Blue")), "list")
    assert code == 1 and SECRET not in out + err and "workshop summary" in err


def test_honest_words_by_mode_on_handout_and_docs(tmp_path: Path) -> None:
    home, room = where_words_live("home"), where_words_live("workshop")
    assert "this computer" in home.where and "nothing is sent" in home.where
    for text in (room.where, room.short, room.setup_intro, room.backup):
        assert "nothing is sent" not in text.lower() and "stays on this computer" not in text
    assert "facilitator" in room.sealed and "passphrase" in room.sealed
    assert "runs it" in room.where and "take the whole workbook home" in room.where
    docs = " ".join(DOCS.read_text(encoding="utf-8").split())
    assert room.privacy in docs
    from repairbook.workshop.handouts import handouts_pdf

    ws, _k = Workshop.create(tmp_path / "r", "R", start=date(2031, 7, 15))
    _rec, key = ws.add_couple("Blue")
    pdf = handouts_pdf(ws, {"Blue": "https://192.0.2.1:8866/?token=t&key=" + key})
    import shutil
    import subprocess

    assert shutil.which("pdftotext"), "pdftotext is missing: run `make system-deps`"
    path = tmp_path / "h.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert room.sealed.split(":")[0] in " ".join(text.split())


def test_notebooks_reach_a_wheel_user(tmp_path: Path) -> None:
    out = tmp_path / "nb"
    code, text, _ = _run("notebooks", "--out", str(out))
    assert code == 0
    assert (out / "notebooks" / "facilitator.ipynb").is_file()
    assert (out / "notebooks" / "modules" / "00_welcome.ipynb").is_file()
    assert (out / "deploy" / "jupyterhub_config.py").is_file()
    code, _t, err = _run("notebooks", "--out", str(out))
    assert code == 1 and "--force" in err
    pyproject = (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text()
    assert '"notebooks" = "repairbook/_shipped/notebooks"' in pyproject
    assert "papermill" in pyproject and "jupyterlab" in pyproject

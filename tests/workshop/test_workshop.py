"""Workshops: keys, roster, plan, the consented group view, handouts, CLI and the notebook."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from repairbook.cli import cli
from repairbook.content import workshop as W
from repairbook.store import Workbook
from repairbook.workshop import Workshop, WorkshopError, add_roster, parse_roster, workbook_for
from repairbook.workshop.consent import set_share
from repairbook.workshop.plan import plan_for_workbook, plan_lines, session_line
from repairbook.workshop.summary import group_summary
from tests._research_canary import CANARY, P1, P2, START, make_canary_workbook

# the canary workbooks are written a few weeks back (the store refuses future dates)
TODAY = (START + timedelta(days=6)).date()
NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "facilitator.ipynb"


@pytest.fixture
def ws(tmp_path: Path) -> Workshop:
    w, _key = Workshop.create(tmp_path / "room", "Spring group", start=date(2031, 7, 15))
    return w


def _room(tmp_path: Path) -> tuple[Workshop, dict[str, str]]:
    """A workshop with a consenting couple, a half-consenting one, a revoked one and a new one.
    Every text field of the first three is a canary."""
    w, fkey = Workshop.create(tmp_path / "room", "Spring group", start=date(2031, 7, 15))
    keys = {"facilitator": fkey}
    for label, consent in (("Both", (True, True)), ("Half", (True, False)), ("Took back", None)):
        record, keys[label] = w.add_couple(label)
        wb = make_canary_workbook(w.workbook_path(record), days=3)
        if consent is None:
            for p in (P1, P2):
                set_share(wb, p, True)
            set_share(wb, P2, False)
        else:
            for p, yes in zip((P1, P2), consent, strict=True):
                set_share(wb, p, yes)
        wb.close()
    _record, keys["New"] = w.add_couple("New")
    return w, keys


# -- keys -----------------------------------------------------------------------------------


def test_keys_are_long_random_and_stored_only_as_fingerprints(tmp_path: Path) -> None:
    w, fkey = Workshop.create(tmp_path / "room", "Room")
    records = [w.add_couple(f"Table {i}") for i in range(3)]
    keys = [fkey] + [k for _r, k in records]
    assert len(set(keys)) == 4
    for k in keys:
        assert len(k) >= 32  # token_urlsafe(24): 192 bits
    text = (w.root / "workshop.json").read_text()
    for k in keys:
        assert k not in text
    # the file and the clear keys are readable by their owner only
    for name in ("workshop.json", "links.txt"):
        assert stat.S_IMODE((w.root / name).stat().st_mode) == 0o600
    # folders are random, never derived from labels
    for r, _k in records:
        assert re.fullmatch(r"c-[0-9a-f]{16}", r.folder)
        assert "table" not in r.folder.lower()


def test_verify_accepts_each_key_for_its_own_couple_only(ws: Workshop) -> None:
    a, ka = ws.add_couple("A")
    b, kb = ws.add_couple("B")
    again = Workshop.open(ws.root)
    assert again.verify(ka).couple.folder == a.folder  # type: ignore[union-attr]
    assert again.verify(kb).couple.folder == b.folder  # type: ignore[union-attr]
    assert not again.verify(ka).facilitator  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "mangle",
    [
        lambda k: k[:-1] + ("A" if k[-1] != "A" else "B"),  # one character changed
        lambda k: k[:-1],  # one character short
        lambda k: k + "x",
        lambda k: k.upper(),
        lambda k: "",
        lambda k: None,
        lambda k: "../../workshop.json",
        lambda k: "x" * 64,
    ],
)
def test_altered_or_made_up_keys_open_nothing(ws: Workshop, mangle) -> None:  # type: ignore[no-untyped-def]
    _r, key = ws.add_couple("A")
    assert ws.verify(mangle(key)) is None


def test_revoked_and_rekeyed_keys_open_nothing(ws: Workshop) -> None:
    _a, ka = ws.add_couple("A", ["Kim", "Lee"])  # its workbook exists from the start
    _b, kb = ws.add_couple("B")
    ws.remove_couple("A")
    new_b = ws.rekey("B")
    again = Workshop.open(ws.root)
    assert again.verify(ka) is None
    assert again.verify(kb) is None
    assert again.verify(new_b) is not None
    assert [c.label for c in again.couples] == ["B"]
    # the removed couple's workbook folder is kept; its label can be used again
    assert (ws.root / _a.folder / "workbook.sqlite").exists()
    _c, kc = again.add_couple("A")
    assert again.verify(kc).couple.folder != _a.folder  # type: ignore[union-attr]


def test_facilitator_key_opens_the_group_view_only(ws: Workshop, tmp_path: Path) -> None:
    w, fkey = Workshop.create(tmp_path / "other", "Other")
    assert w.verify(fkey).facilitator  # type: ignore[union-attr]
    assert ws.verify(fkey) is None  # another workshop's key means nothing here
    new = w.rekey_facilitator()
    assert w.verify(fkey) is None
    assert w.verify(new).facilitator  # type: ignore[union-attr]


def test_remove_with_delete_removes_the_workbook(ws: Workshop) -> None:
    r, _k = ws.add_couple("A", ["Kim", "Lee"])
    path = ws.workbook_path(r)
    assert (path / "workbook.sqlite").exists()
    assert Workbook.open(path).partners == ["Kim", "Lee"]
    ws.remove_couple("A", delete=True)
    assert not path.exists()


def test_labels_are_checked(ws: Workshop) -> None:
    ws.add_couple("Blue")
    for bad in ("", "  ", "x" * 61, "tab\there", "line\nbreak"):
        with pytest.raises(WorkshopError, match="label"):
            ws.add_couple(bad)
    with pytest.raises(WorkshopError, match="already in use"):
        ws.add_couple("blue")
    with pytest.raises(WorkshopError, match="--partner twice"):
        ws.add_couple("Green", ["Kim"])
    with pytest.raises(WorkshopError, match="No couple"):
        ws.rekey("Nobody")


def test_a_damaged_workshop_file_is_one_sentence(ws: Workshop) -> None:
    (ws.root / "workshop.json").write_text("{ not json")
    with pytest.raises(WorkshopError, match="could not be read"):
        Workshop.open(ws.root)
    with pytest.raises(WorkshopError, match="no workshop"):
        Workshop.open(ws.root / "elsewhere")


# -- roster ----------------------------------------------------------------------------------


def test_roster_adds_good_rows_and_names_each_bad_line(ws: Workshop) -> None:
    text = (
        "label,partner_a,partner_b\n"
        "Table 1,Kim,Lee\n"
        "Table 2\n"
        "Bad,only one\n"
        "Table 1\n"
        "Same,Jo,jo\n"
        ",Kim,Lee\n"
        "\n"
        "Table 3,Ana,Bo\n"
    )
    rows, bad = parse_roster(text)
    assert [r.label for r in rows] == ["Table 1", "Table 2", "Table 3"]
    assert [b.split(":")[0] for b in bad] == [
        "roster line 4",
        "roster line 5",
        "roster line 6",
        "roster line 7",
    ]
    added, bad2 = add_roster(ws, text)
    assert [r.label for r, _k in added] == ["Table 1", "Table 2", "Table 3"]
    assert len(bad2) == 4
    assert Workbook.open(ws.workbook_path("Table 3")).partners == ["Ana", "Bo"]
    assert not (ws.workbook_path("Table 2") / "workbook.sqlite").exists()


# -- plan ------------------------------------------------------------------------------------


def test_default_plan_is_six_weekly_sessions(ws: Workshop) -> None:
    lines = plan_lines(ws.plan, today=date(2031, 7, 16))
    assert len(lines) == 6
    assert (
        lines[0] == "Session 1 · 15 Jul 2031 · 90 min: Welcome and safety, What safety means to me"
    )
    assert lines[1].endswith(W.PLAN_NEXT)  # 22 Jul is the next one
    assert "22 Jul" in lines[1]


def test_plan_edits_add_and_remove_sessions(ws: Workshop) -> None:
    s = ws.set_session(2, modules=[2, 3], on=date(2031, 12, 5), minutes=75)
    assert (
        session_line(2, s)
        == "Session 2 · 5 Dec 2031 · 75 min: The honest conversation, Ownership and apology"
    )
    ws.set_session(7, modules=[14])
    assert len(Workshop.open(ws.root).plan) == 7
    ws.remove_session(7)
    with pytest.raises(WorkshopError, match="no session 9"):
        ws.set_session(9, modules=[1])
    with pytest.raises(WorkshopError, match="Modules"):
        ws.set_session(1, modules=[16])
    with pytest.raises(WorkshopError, match="Minutes"):
        ws.set_session(1, minutes=5)


def test_plan_for_workbook_only_for_current_couples(ws: Workshop, tmp_path: Path) -> None:
    r, _k = ws.add_couple("A", ["Kim", "Lee"])
    title, lines = plan_for_workbook(ws.workbook_path(r), today=date(2031, 7, 1))  # type: ignore[misc]
    assert title == "Your workshop: Spring group"
    assert lines[0].startswith("Session 1 · 15 Jul 2031 · 90 min: Welcome and safety")
    assert plan_for_workbook(tmp_path / "alone") is None
    assert plan_for_workbook(ws.root / "c-0000000000000000") is None  # not on the roster
    ws.remove_couple("A")
    assert plan_for_workbook(ws.workbook_path(r)) is None


def test_workbook_for_finds_a_couple_by_label(ws: Workshop) -> None:
    r, _k = ws.add_couple("Table 4")
    assert workbook_for(ws.root, "table 4") == ws.root / r.folder


# -- the group view --------------------------------------------------------------------------


def _strings(value: object) -> list[str]:
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in [str(k), *_strings(v)]]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) else []


def test_summary_shares_numbers_only_with_both_partners_consent(tmp_path: Path) -> None:
    w, _keys = _room(tmp_path)
    s = group_summary(w, TODAY)
    status = {c.label: c.status for c in s.couples}
    assert status == {
        "Both": "shared",
        "Half": "not shared",
        "Took back": "not shared",
        "New": "not started",
    }
    # sorted by label, whatever the order they were added in
    assert [c.label for c in s.couples] == ["Both", "Half", "New", "Took back"]
    data = s.to_json()
    both = data["couples"][0]
    assert both["latest"]["trust"] == 6.0 and both["latest"]["safety"] == 5.0
    assert both["latest"]["checkin_days"] > 0
    for c in data["couples"][1:]:
        assert set(c) == {"label", "status"}  # nothing but the label for the others
    assert data["group"]["shared"] == 1 and data["group"]["couples"] == 4


def test_summary_never_holds_text_names_or_private_numbers(tmp_path: Path) -> None:
    w, _keys = _room(tmp_path)
    data = group_summary(w, TODAY).to_json()
    blob = json.dumps(data, ensure_ascii=False)
    for needle in (CANARY, P1, P2, "example", "Paris", "afraid", "threatened"):
        assert needle.lower() not in blob.lower()
    allowed = re.compile(r"\d{4}-\d\d-\d\d|[a-z_]+|Spring group|Both|Half|Took back|New|not \w+")
    for s in _strings(data):
        assert allowed.fullmatch(s), s
    # the private check-in (trust 6 as well, written by P1) is not counted: 2 shared per day
    both = data["couples"][0]
    assert sum(r["checkin_days"] or 0 for r in both["weeks"]) == 6


def test_summary_follows_a_revocation(tmp_path: Path) -> None:
    w, _keys = _room(tmp_path)
    wb = Workbook.open(w.workbook_path("Both"))
    set_share(wb, P1, False)
    wb.close()
    assert group_summary(w, TODAY).couples[0].status == "not shared"


# -- handouts --------------------------------------------------------------------------------


def test_handouts_pdf_one_page_per_couple_with_a_readable_qr(tmp_path: Path) -> None:
    from repairbook.workshop import base_url, link
    from repairbook.workshop.handouts import handouts_pdf

    w, _k = Workshop.create(
        tmp_path / "room", "Groupe de printemps · Ωmega", start=date(2031, 7, 15)
    )
    _a, ka = w.add_couple("Table 1 — Zoë")
    _b, kb = w.add_couple("Blue")
    base = base_url("192.0.2.10", 8866)
    assert base.startswith("https://")  # the room server speaks HTTPS off this computer
    links = {"Table 1 — Zoë": link(w, ka, base), "Blue": link(w, kb, base)}
    pdf = tmp_path / "handouts.pdf"
    pdf.write_bytes(handouts_pdf(w, links))
    # `make test` installs poppler-utils; without it this check would prove nothing
    assert shutil.which("pdftoppm"), "pdftoppm is missing: run `make system-deps`"
    subprocess.run(["pdftoppm", "-r", "110", "-png", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == 2
    from PIL import Image

    for page, (label, url) in zip(pages, links.items(), strict=True):
        img = Image.open(page).convert("L")
        assert img.getextrema()[0] < 60  # not blank: dark text and a QR code
        try:
            import zxingcpp
        except ImportError:
            text = subprocess.run(
                ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
            ).stdout
            assert url.split("key=")[1][:20] in text.replace("\n", "")
            continue
        found = [r.text for r in zxingcpp.read_barcodes(img)]
        assert found == [url], label
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "Table 1 — Zoë" in text and "Ωmega" in text
        assert "Session 2 · 22 Jul 2031 · 90 min" in text
        assert "scan" in text.lower()
        assert W.HANDOUT_FIRST_STEPS[0] in text.replace("\n", " ")


# -- CLI -------------------------------------------------------------------------------------


def _run(*args: str) -> tuple[int, str, str]:
    res = CliRunner().invoke(cli, list(args))
    return res.exit_code, res.stdout, res.stderr


def test_cli_init_add_links_rekey_remove(tmp_path: Path) -> None:
    room = str(tmp_path / "room")
    code, out, _ = _run("workshop", "init", room, "--name", "Spring group", "--host", "192.0.2.10")
    assert code == 0 and "https://192.0.2.10:8866/?token=" in out
    code, out, _ = _run(
        "workshop", "add-couple", room, "--label", "Blue", "--partner", "Kim", "--partner", "Lee"
    )
    assert code == 0 and "Kim and Lee" in out
    link_blue = re.search(r"https://\S+", out).group(0)  # type: ignore[union-attr]
    code, out, _ = _run("workshop", "add-couple", room, "--label", "Green")
    assert code == 0
    code, out, _ = _run("workshop", "links", room)
    assert code == 0
    assert f"Blue\t{link_blue}" in out  # the address given at init is remembered
    code, out, _ = _run("workshop", "links", room, "--json", "--base-url", "https://room.example/")
    urls = json.loads(out)
    assert set(urls) == {"Blue", "Green"}
    assert urls["Blue"]["couple"].startswith("https://room.example/?token=")
    assert set(urls["Blue"]) == {"couple", "partner-1", "partner-2"}
    # rekey: the old link stops working
    code, out, _ = _run("workshop", "rekey", room, "--label", "Blue")
    assert code == 0 and "new link" in out
    w = Workshop.open(room)
    assert w.verify(link_blue.split("key=")[1]) is None
    # remove: revoked, folder kept
    folder = w.workbook_path("Blue")
    code, out, _ = _run("workshop", "remove-couple", room, "--label", "Blue")
    assert code == 0 and folder.exists()
    code, out, _ = _run("workshop", "links", room, "--json")
    assert set(json.loads(out)) == {"Green"}


def test_cli_links_after_the_clear_keys_were_deleted(tmp_path: Path) -> None:
    room = tmp_path / "room"
    _run("workshop", "init", str(room), "--name", "Room")
    _run("workshop", "add-couple", str(room), "--label", "Blue")
    (room / "links.txt").unlink()
    code, _out, err = _run("workshop", "links", str(room))
    assert code == 1 and "rekey" in err and "Traceback" not in err
    code, out, _ = _run("workshop", "rekey", str(room), "--label", "Blue")
    assert code == 0
    code, out, err = _run("workshop", "links", str(room))
    assert code == 0 and out.startswith("Blue\thttp://127.0.0.1")


def test_cli_roster_reports_bad_lines_and_adds_good_ones(tmp_path: Path) -> None:
    room = str(tmp_path / "room")
    _run("workshop", "init", room, "--name", "Room")
    roster = tmp_path / "roster.csv"
    roster.write_text("Table 1,Kim,Lee\nBad,only\nTable 2\n", encoding="utf-8")
    code, out, err = _run("workshop", "add-couple", room, "--roster", str(roster))
    assert code == 0
    assert "roster line 2:" in err and "2 added, 1 line(s) skipped." in err
    assert [ln.split("\t")[0] for ln in out.splitlines()] == [
        "Table 1",
        "Table 1 · partner 1",
        "Table 1 · partner 2",
        "Table 2",
        "Table 2 · partner 1",
        "Table 2 · partner 2",
    ]
    roster.write_text("Bad,only\n", encoding="utf-8")
    code, out, err = _run("workshop", "add-couple", room, "--roster", str(roster))
    assert code == 1 and "roster line 1:" in err


def test_cli_plan_and_bad_input(tmp_path: Path) -> None:
    room = str(tmp_path / "room")
    _run("workshop", "init", room, "--name", "Room")
    code, out, _ = _run(
        "workshop",
        "plan",
        room,
        "--session",
        "2",
        "--modules",
        "2,3",
        "--date",
        "2031-12-05",
        "--minutes",
        "90",
    )
    assert code == 0
    assert "Session 2 · 5 Dec 2031 · 90 min: The honest conversation, Ownership and apology" in out
    code, out, _ = _run("workshop", "plan", room)
    assert out.count("Session ") == 6
    for args, words in (
        (["--session", "2", "--modules", "2,x"], "Modules"),
        (["--session", "2", "--date", "5/12/2031"], "date looks like"),
        (["--session", "9", "--minutes", "60"], "no session 9"),
    ):
        code, _out, err = _run("workshop", "plan", room, *args)
        assert code == 1 and words in err and "Traceback" not in err
    code, _out, err = _run("workshop", "init", room, "--name", "Again")
    assert code == 1 and "already holds a workshop" in err
    code, _out, err = _run("workshop", "links", str(tmp_path / "none"))
    assert code == 1 and "no workshop" in err


def test_cli_summary_text_and_json(tmp_path: Path) -> None:
    w, _keys = _room(tmp_path)
    code, out, _ = _run("workshop", "summary", str(w.root), "--today", TODAY.isoformat())
    assert code == 0
    assert "1 of 4 couple(s) share numbers with you." in out
    assert "not shared" in out and "not started yet" in out
    assert CANARY not in out and P1 not in out
    code, out, _ = _run("workshop", "summary", str(w.root), "--json", "--today", TODAY.isoformat())
    data = json.loads(out)
    # sorted by label: Both, Half, New, Took back
    assert [c["label"] for c in data["couples"]] == sorted(c["label"] for c in data["couples"])
    assert [c["status"] for c in data["couples"]] == [
        "shared",
        "not shared",
        "not started",
        "not shared",
    ]


def test_cli_handouts(tmp_path: Path) -> None:
    room = tmp_path / "room"
    _run("workshop", "init", str(room), "--name", "Room")
    _run("workshop", "add-couple", str(room), "--label", "Blue")
    _run("workshop", "add-couple", str(room), "--label", "Green")
    out_pdf = tmp_path / "h.pdf"
    # links to 127.0.0.1 would lead nowhere from a couple's phone: refused, with the fix
    code, _out, err = _run("workshop", "handouts", str(room), "--out", str(out_pdf))
    assert code == 1 and "workshop address" in err and not out_pdf.exists()
    code, out, _ = _run("workshop", "address", str(room), "--host", "192.0.2.10")
    assert code == 0 and "https://192.0.2.10:8866/" in out
    code, out, _ = _run("workshop", "handouts", str(room), "--out", str(out_pdf))
    assert code == 0 and "6 handout page(s)" in out  # shared + one per partner, per couple
    assert out_pdf.read_bytes().startswith(b"%PDF")
    assert stat.S_IMODE(out_pdf.stat().st_mode) == 0o600
    assert stat.S_IMODE((room / "links.txt").stat().st_mode) == 0o600
    code, out, _ = _run("workshop", "handouts", str(room), "--out", str(out_pdf), "--shared-only")
    assert code == 0 and "2 handout page(s)" in out


def test_serve_refuses_a_bad_port_and_warns_about_tls(tmp_path: Path) -> None:
    room = str(tmp_path / "room")
    _run("workshop", "init", room, "--name", "Room")
    code, _out, err = _run("workshop", "serve", room, "--port", "70000")
    assert code == 1 and "--port" in err
    from repairbook.cli.workshop_cmds import room_options

    opts = room_options(Path(room), port=9999)
    assert opts.token == Workshop.open(room).room_token
    assert opts.extra_env["REPAIRBOOK_WORKSHOP"] == str(Path(room).resolve())
    assert "wa.room()" in opts.notebook_source
    assert "TLS" in W.TLS_WARNING and "{host}" in W.TLS_WARNING


# -- the room page (no browser) --------------------------------------------------------------


def test_room_page_opens_only_the_right_thing(tmp_path: Path) -> None:
    pytest.importorskip("ipywidgets")
    from repairbook.ui import workshop_app as wa

    w, keys = _room(tmp_path)
    assert wa.key_from_query(f"token=x&key={keys['Both']}") == keys["Both"]
    assert wa.key_from_query("token=x&key=a&key=b") is None
    page = wa.page_for_key(w.root, keys["Both"])
    assert "rb-app" in page._dom_classes
    assert "rb-invalid-link" in wa.page_for_key(w.root, keys["Both"][:-1] + "?")._dom_classes
    assert "rb-invalid-link" in wa.page_for_key(w.root, None)._dom_classes
    assert "rb-invalid-link" in wa.page_for_key(tmp_path / "nowhere", keys["Both"])._dom_classes
    group = wa.page_for_key(w.root, keys["facilitator"])
    assert "rb-group-view" in group._dom_classes
    html = "".join(c.value for c in group.children if hasattr(c, "value"))
    assert "Both" in html and "not shared" in html and CANARY not in html


# -- the facilitator notebook ----------------------------------------------------------------


def test_facilitator_notebook_runs_and_shows_only_consented_numbers(tmp_path: Path) -> None:
    import nbformat
    from nbclient import NotebookClient

    w, _keys = _room(tmp_path)
    nb = nbformat.read(NOTEBOOK, as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert (
        len(tagged) == 1 and "workshop = " in tagged[0].source and "couple = " in tagged[0].source
    )
    # papermill-style: a cell after the parameters sets the couple
    idx = nb.cells.index(tagged[0])
    nb.cells.insert(idx + 1, nbformat.v4.new_code_cell("couple = 'Both'"))
    env = dict(os.environ, REPAIRBOOK_WORKSHOP=str(w.root), MPLBACKEND="Agg")
    old = os.environ.copy()
    os.environ.update(env)
    try:
        NotebookClient(
            nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
        ).execute()
    finally:
        os.environ.clear()
        os.environ.update(old)
    text = json.dumps([c.get("outputs", []) for c in nb.cells])
    assert "Spring group" in text and "not shared" in text and "Both" in text
    assert CANARY not in text and P1 not in text and P2 not in text

"""The anonymized export: what leaves the workbook, and what never does."""

from __future__ import annotations

import json
import os
import stat
import zipfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from repairbook.cli import cli
from repairbook.entries import KINDS, make_entry
from repairbook.research import (
    NoConsent,
    consent_status,
    couple_id,
    export_workbook,
    give_consent,
    read_export,
    revoke_consent,
)
from repairbook.research.codebook import tables
from repairbook.research.scrub import scrub
from repairbook.store import Workbook
from tests._research_canary import (
    CANARY,
    ISO_DATE,
    P1,
    P2,
    PASSPHRASES,
    START,
    calendar_forms,
    export_texts,
    find,
    make_canary_workbook,
)

LEAKS = [
    P1,
    P2,
    "quill.bert@example.com",
    "20 7946",  # the phone number (digits alone also occur in hex ids)
    "7946 0958",
    "quill.example",
    "Paris",
    "Elm Street",
    "Europe/",
    f"{CANARY}word",  # the code word itself never leaves, even as scrubbed text
]


@pytest.fixture(scope="module")
def canary_wb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("canary") / "wb"
    make_canary_workbook(folder).close()
    return folder


def _copy(src: Path, dst: Path) -> Workbook:
    import shutil

    shutil.copytree(src, dst)
    return Workbook.open(dst)


def _dates() -> list[str]:
    return calendar_forms(START.date() - timedelta(days=3), START.date() + timedelta(days=60))


def _assert_no_leaks(blobs: list[bytes], *, canaries: bool) -> None:
    for needle in LEAKS:
        assert not find(blobs, needle), f"{needle!r} left the workbook"
    for form in _dates():
        assert not find(blobs, form), f"the date {form!r} left the workbook"
    assert not any(ISO_DATE.search(b) for b in blobs), "an ISO date left the workbook"
    if not canaries:
        assert not find(blobs, CANARY), "free text left without consent"


def test_numbers_only_export_holds_no_text_names_or_dates(canary_wb: Path, tmp_path: Path) -> None:
    wb = _copy(canary_wb, tmp_path / "wb")
    give_consent(wb, P1, now=START)
    give_consent(wb, P2, now=START)
    result = export_workbook(wb, tmp_path / "out.zip")
    assert set(result.partners.values()) == {"p1", "p2"}
    got = export_texts(result.path)
    _assert_no_leaks(got["blobs"], canaries=False)
    # every shared kind that has a table made it out, with rows of both partners
    exported = {n.removeprefix("tables/").removesuffix(".parquet") for n in got["tables"]}
    private_kinds = {k for k, m in KINDS.items() if m.private_only}
    assert exported == set(tables()) - private_kinds
    checkin = got["tables"]["tables/checkin.parquet"].to_pydict()
    assert sorted(set(checkin["partner_id"])) == ["p1", "p2"]
    assert set(checkin["day"]) == {0, 1, 2}
    assert set(checkin["note"]) == {None}
    assert len(checkin["day"]) == 6  # the private check-in stays home


def test_scrubbed_text_only_for_the_partner_who_agreed(canary_wb: Path, tmp_path: Path) -> None:
    wb = _copy(canary_wb, tmp_path / "wb")
    give_consent(wb, P1, scrubbed_text=True, now=START)
    give_consent(wb, P2, now=START)
    result = export_workbook(wb, tmp_path / "out.zip")
    got = export_texts(result.path)
    _assert_no_leaks(got["blobs"], canaries=True)
    texts_seen = 0
    for member, tbl in got["tables"].items():
        t = tables()[member.removeprefix("tables/").removesuffix(".parquet")]
        rows = tbl.to_pylist()
        for c in t.columns:
            for row in rows:
                value = row[c.name]
                if not c.text:
                    if isinstance(value, str):
                        assert CANARY not in value, f"{t.name}.{c.name} holds text"
                    continue
                if row["partner_id"] == "p2" or value is None:
                    assert value is None, f"{t.name}.{c.name} holds text of p2"
                    continue
                texts_seen += 1
                assert CANARY in value
                assert value == scrub(value, [P1, P2]), "text left unscrubbed"
                for placeholder in ("[NAME]", "[EMAIL]", "[PHONE]", "[URL]", "[PLACE]", "[DATE]"):
                    assert placeholder in value, (t.name, c.name, value)
    assert texts_seen > 30
    # text from private pages never leaves, even with text consent
    assert "tables/journal.parquet" not in got["tables"]


def test_private_pages_need_their_own_consent_and_a_key(canary_wb: Path, tmp_path: Path) -> None:
    wb = _copy(canary_wb, tmp_path / "wb")
    give_consent(wb, P1, scrubbed_text=True, private_numeric=True, now=START)
    locked = export_workbook(wb, tmp_path / "locked.zip")
    assert "journal" not in locked.rows and "safety_screen" not in locked.rows
    assert any(P1 in n for n in locked.notes)
    wb.unlock(P1, PASSPHRASES[P1])
    wb.unlock(P2, PASSPHRASES[P2])  # unlocked, but P2 did not agree
    result = export_workbook(wb, tmp_path / "open.zip")
    assert result.rows["journal"] == 3
    assert result.rows["safety_screen"] == 3  # one a day, P1 only
    assert result.rows["checkin"] == 3 + 3  # shared and private check-ins of P1 only
    got = export_texts(result.path)
    _assert_no_leaks(got["blobs"], canaries=True)
    screen = got["tables"]["tables/safety_screen.parquet"].to_pylist()[0]
    assert screen["afraid"] is True and screen["any_yes"] is True
    assert screen["partner_id"] == "p1"
    journal = got["tables"]["tables/journal.parquet"]
    assert not any(c.endswith("text") for c in journal.column_names)
    notes = got["tables"]["tables/checkin.parquet"].to_pydict()["note"]
    assert sum(n is not None for n in notes) == 3  # only the shared notes, scrubbed


def test_revoked_consent_removes_that_partner_from_the_next_export(
    canary_wb: Path, tmp_path: Path
) -> None:
    wb = _copy(canary_wb, tmp_path / "wb")
    give_consent(wb, P1, now=START)
    give_consent(wb, P2, scrubbed_text=True, now=START)
    first = export_workbook(wb, tmp_path / "first.zip")
    assert set(first.partners) == {P1, P2}
    revoke_consent(wb, P2, now=START + timedelta(days=5))
    assert consent_status(wb)[P2].shares_numbers is False
    second = export_workbook(wb, tmp_path / "second.zip")
    assert second.partners == {P1: "p1"}
    assert second.couple_id == first.couple_id
    manifest, tbls = read_export(second.path)
    assert manifest["partners"] == ["p1"]
    for name, tbl in tbls.items():
        assert set(tbl.column("partner_id").to_pylist()) == {"p1"}, name
    assert not find(export_texts(second.path)["blobs"], CANARY)
    revoke_consent(wb, P1, now=START + timedelta(days=6))
    with pytest.raises(NoConsent):
        export_workbook(wb, tmp_path / "third.zip")
    assert not (tmp_path / "third.zip").exists()


def test_consent_latest_entry_wins_and_old_data_stays_valid(tmp_path: Path) -> None:
    wb = Workbook.create(tmp_path / "wb", ["Ana", "Ben"])
    assert consent_status(wb)["Ana"].recorded is False
    give_consent(wb, "ana", scrubbed_text=True, facilitator=True)
    revoke_consent(wb, "Ana")
    give_consent(wb, "Ana")
    s = consent_status(wb)["Ana"]
    assert (s.given, s.numeric, s.scrubbed_text, s.facilitator) == (True, True, False, False)
    assert s.current_text and s.on is not None
    assert "Ana shares numbers" in s.describe()
    assert consent_status(wb)["Ben"].describe() == "Ben has not chosen yet."
    # a consent entry written before private_numeric existed still loads
    from repairbook.entries import load_entry

    old = load_entry("consent", {"author": "Ben", "given": True})
    assert old.private_numeric is False  # type: ignore[attr-defined]


def test_couple_id_is_stable_per_workbook_and_unrelated_to_names(tmp_path: Path) -> None:
    a = Workbook.create(tmp_path / "a", ["Ana", "Ben"])
    b = Workbook.create(tmp_path / "b", ["Ana", "Ben"])
    assert couple_id(a) == couple_id(a)
    assert couple_id(a) != couple_id(b)  # same names, different couples
    secret = a.get_meta("research.secret")
    assert secret and len(secret) == 64
    a.close()
    again = Workbook.open(tmp_path / "a")
    assert again.get_meta("research.secret") == secret


def test_meta_api(tmp_path: Path) -> None:
    wb = Workbook.create(tmp_path / "wb", ["Ana", "Ben"])
    assert wb.get_meta("x") is None
    assert wb.set_meta("x", "1") == "1"
    assert wb.set_meta("x", "2", only_if_unset=True) == "1"
    assert wb.set_meta("x", "3") == "3"
    from repairbook.store import StoreError

    with pytest.raises(StoreError):
        wb.set_meta("schema_version", "99")
    assert wb.schema_version() < 99


def test_export_of_the_demo_couple_is_deterministic(tmp_path: Path) -> None:
    from repairbook.demo import make_demo

    wb = make_demo(tmp_path / "demo", days=40, today=date.today())
    one = export_workbook(wb, tmp_path / "one.zip")
    two = export_workbook(wb, tmp_path / "two.zip")
    assert one.path.read_bytes() == two.path.read_bytes()
    got = export_texts(one.path)
    values = json.dumps([t.to_pylist() for t in got["tables"].values()], default=str)
    for needle in ("Alex", "Sam", "lighthouse"):
        assert needle not in values
    assert not any(ISO_DATE.search(b) for b in got["blobs"])
    with zipfile.ZipFile(one.path) as zf:
        assert zf.namelist()[-1] == "manifest.json"


def test_cli_consent_and_export(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    wbp = str(tmp_path / "wb")
    out = tmp_path / "e.zip"

    def run(*args: str, passphrase: str | None = None) -> object:
        env = {"REPAIRBOOK_PASSPHRASE": passphrase} if passphrase else {}
        monkeypatch.delenv("REPAIRBOOK_PASSPHRASE", raising=False)
        return runner.invoke(cli, ["--workbook", wbp, *args], env=env)

    assert run("init", "--partner", "Ana", "--partner", "Ben").exit_code == 0
    r = run("export", "--out", str(out))
    assert r.exit_code == 1
    assert "Nothing was exported" in r.output and not out.exists()
    # only the partner can choose: no passphrase yet, then a wrong one, are both refused
    r = run("consent", "--partner", "Ana", "--give")
    assert r.exit_code == 1 and "takes Ana's passphrase" in r.output
    wb = Workbook.open(Path(wbp))
    wb.set_passphrase("Ana", "ana's long passphrase")
    wb.close()
    r = run("consent", "--partner", "Ana", "--give", passphrase="not hers at all")
    assert r.exit_code == 1
    assert "Ana has not chosen yet." in run("consent", "--status").output
    r = run(
        "consent", "--partner", "Ana", "--give", "--text", "--facilitator",
        passphrase="ana's long passphrase",
    )  # fmt: skip
    assert r.exit_code == 0 and "Ana shares numbers" in r.output
    r = run("consent", "--partner", "Ben", "--give", "--revoke")
    assert r.exit_code == 1 and "--give or --revoke" in r.output
    r = run("consent", "--status")
    assert "Ben has not chosen yet." in r.output
    wb = Workbook.open(Path(wbp))
    wb.unlock("Ana", "ana's long passphrase")
    no = {"afraid": False, "threatened": False, "controlled": False, "hurt": False}
    wb.add(make_entry("safety_screen", {**no, "role": "hurt"}, author="Ana", visibility="private"))
    wb.close()
    r = run("export", "--out", str(out), passphrase="ana's long passphrase")
    assert r.exit_code == 0, r.output
    assert "couple" in r.output and out.exists()
    partners = read_export(out)[1]["partners"].to_pylist()
    assert [
        (p["partner_id"], p["consent_how"], p["consent_text_version"], p["role"]) for p in partners
    ] == [("p1", "passphrase", "2", "hurt")]
    assert partners[0]["consent_day"] == 0
    assert run("consent", "--partner", "Ana", "--revoke").exit_code == 1  # no passphrase
    r = run("consent", "--partner", "Ana", "--revoke", passphrase="ana's long passphrase")
    assert r.exit_code == 0
    assert run("export", "--out", str(tmp_path / "f.zip")).exit_code == 1


def test_cli_export_outside_the_workbook_is_private_under_a_permissive_umask(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = CliRunner()
    wbp = str(tmp_path / "wb")
    monkeypatch.delenv("REPAIRBOOK_PASSPHRASE", raising=False)
    assert (
        runner.invoke(
            cli, ["--workbook", wbp, "init", "--partner", "Ana", "--partner", "Ben"]
        ).exit_code
        == 0
    )
    wb = Workbook.open(Path(wbp))
    wb.set_passphrase("Ana", "ana's long passphrase")
    give_consent(wb, "Ana", how="passphrase")
    wb.close()
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)
    out = shared / "new" / "deeper" / "e.zip"
    old = os.umask(0o022)
    try:
        r = runner.invoke(
            cli,
            ["--workbook", wbp, "export", "--out", str(out)],
            env={"REPAIRBOOK_PASSPHRASE": "ana's long passphrase"},
        )
    finally:
        os.umask(old)
    assert r.exit_code == 0, r.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert stat.S_IMODE((shared / "new").stat().st_mode) == 0o700
    assert stat.S_IMODE((shared / "new" / "deeper").stat().st_mode) == 0o700
    assert stat.S_IMODE(shared.stat().st_mode) == 0o755  # a folder that was there is left alone
    assert read_export(out)[1]["partners"].num_rows == 1

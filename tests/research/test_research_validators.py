"""Research data a reviewer accepts: outside validators (frictionless, REDCap's rules), proven
consent, provenance, days, roles, small cells and the group view's linkage risk."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import shutil
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from repairbook.cli import cli
from repairbook.entries import make_entry
from repairbook.research import analysis as A
from repairbook.research import build_dataset, export_workbook, give_consent, synth_cohort
from repairbook.research.codebook import REDCAP_HEADER, redcap_dictionary, tables
from repairbook.research.consent import ConsentNotProven, consent_status
from repairbook.research.dataset import MixedCohort, dataset_info, read_export
from repairbook.research.scrub import scrub
from repairbook.store import Workbook

NAME_RE = re.compile(r"^[a-z][a-z0-9_]{0,25}$")


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Eight synthetic exports and one real (demo) export with every consent option."""
    from repairbook.demo import DEMO_PASSPHRASES, make_demo

    root = tmp_path_factory.mktemp("val")
    synth_cohort(8, 35, 5, root / "synth", progress=False)
    wb = make_demo(root / "demo", days=35, today=date.today())
    wb.unlock("Sam", DEMO_PASSPHRASES["Sam"])
    give_consent(wb, "Sam", scrubbed_text=True, private_numeric=True, how="passphrase")
    (root / "real").mkdir()
    export_workbook(wb, root / "real" / "demo.zip")
    wb.close()
    return {"synth": root / "synth", "real": root / "real" / "demo.zip", "root": root}


@pytest.fixture(scope="module")
def dataset(exports: dict[str, Path]) -> Path:
    ds = exports["root"] / "ds"
    build_dataset([exports["synth"]], ds, cohort="synth", progress=False)
    build_dataset([exports["real"]], ds, cohort="real", progress=False)
    return ds


def test_frictionless_validates_the_built_dataset(dataset: Path) -> None:
    exe = shutil.which("frictionless") or str(Path(sys.executable).parent / "frictionless")
    # run where the researcher would: from another folder, with the descriptor's path
    r = subprocess.run(
        [exe, "validate", "--json", str(dataset / "datapackage.json")],
        capture_output=True,
        text=True,
        cwd=dataset.parent,
        timeout=600,
    )
    report = json.loads(r.stdout)
    errors = [e for t in report.get("tasks", []) for e in t.get("errors", [])]
    errors += report.get("errors", [])
    assert r.returncode == 0 and report["valid"], errors[:5]
    described = {t["name"] for t in report["tasks"]}
    files = {p.relative_to(dataset).as_posix() for p in dataset.glob("*/cohort=*/*.parquet")}
    assert len(described) == len(files) >= 2 * len(tables())  # every file of both cohorts


def test_provenance_lists_inputs_outputs_and_refuses_a_mixed_build(
    exports: dict[str, Path], dataset: Path, tmp_path: Path
) -> None:
    info = dataset_info(dataset)
    synth, real = info["cohorts"]["synth"], info["cohorts"]["real"]
    assert synth["kind"] == "synthetic" and synth["synthetic"] is True
    assert real["kind"] == "real" and real["synthetic"] is False
    assert info["repairbook_version"] and len(synth["inputs"]) == 8
    for item in synth["inputs"]:
        data = (exports["synth"] / item["file"]).read_bytes()
        assert item["sha256"] == hashlib.sha256(data).hexdigest() and item["synthetic"]
    for rel, digest in info["outputs"].items():
        assert hashlib.sha256((dataset / rel).read_bytes()).hexdigest() == digest, rel
    assert "datapackage.json" in info["outputs"]
    # a build that mixes made-up and real couples is refused, writing nothing
    mixed = [exports["synth"], exports["real"]]
    with pytest.raises(MixedCohort, match="8 synthetic and 1 real"):
        build_dataset(mixed, tmp_path / "m", progress=False)
    assert not (tmp_path / "m").exists()
    r = CliRunner().invoke(
        cli, ["research", "build", *map(str, mixed), "--out", str(tmp_path / "m")]
    )
    assert r.exit_code == 1 and "--allow-mixed" in r.output
    report = build_dataset(mixed, tmp_path / "m", progress=False, allow_mixed=True)
    assert report.kind == "mixed" and dataset_info(tmp_path / "m")["cohorts"]["default"]["kind"]
    # analyses never pool synthetic and real cohorts without being told which
    with pytest.raises(Exception, match="never pooled"):
        A.weekly_trajectories(dataset)
    assert A.pick_cohort(dataset, "real") == "real"


def test_redcap_dictionary_follows_redcaps_rules() -> None:
    rows = list(csv.reader(io.StringIO(redcap_dictionary())))
    assert tuple(rows[0]) == REDCAP_HEADER and len(rows[0]) == 18
    body = rows[1:]
    assert body[0][0] == "record_id" and body[0][1] == "partners"
    names = [r[0] for r in body]
    assert len(names) == len(set(names))
    bad = [n for n in names if not NAME_RE.match(n)]
    assert not bad, bad
    by_label = {r[17].split(";")[0]: r for r in body[1:]}
    trust = by_label["checkin.trust"]
    assert (trust[3], trust[7], trust[8], trust[9]) == ("text", "integer", "0", "10")
    assert "0 = not at all" in trust[4] and "10 = completely" in trust[4]
    assert by_label["checkin.honest"][3] == "yesno"
    assert by_label["partners.role"][5].startswith("1, hurt | 2, broke_trust")
    # forms appear in one block each, as REDCap requires
    forms = [r[1] for r in body]
    assert forms == sorted(forms, key=lambda f: forms.index(f))


def test_redcap_data_uses_one_record_per_partner_and_1_0(dataset: Path, tmp_path: Path) -> None:
    out = tmp_path / "redcap.csv"
    r = CliRunner().invoke(cli, ["research", "redcap", str(dataset), "--out", str(out)])
    assert r.exit_code == 1 and "choose one with --cohort" in r.output
    r = CliRunner().invoke(
        cli, ["research", "redcap", str(dataset), "--cohort", "synth", "--out", str(out)]
    )
    assert r.exit_code == 0, r.output
    data = list(csv.DictReader(out.open(encoding="utf-8")))
    dictionary = {row[0] for row in csv.reader(io.StringIO(redcap_dictionary()))}
    assert set(data[0]) - dictionary == {"redcap_repeat_instrument", "redcap_repeat_instance"}
    partners = [d for d in data if not d["redcap_repeat_instrument"]]
    assert len({d["record_id"] for d in partners}) == len(partners)
    records = {d["record_id"] for d in partners}
    checkins = [d for d in data if d["redcap_repeat_instrument"] == "checkin"]
    assert {d["record_id"] for d in checkins} <= records
    assert {d["ci_honest"] for d in checkins} <= {"0", "1", ""}
    assert {d["consent_numeric"] for d in partners} == {"1"}
    first = [
        int(d["redcap_repeat_instance"])
        for d in checkins
        if d["record_id"] == checkins[0]["record_id"]
    ]
    assert first == list(range(1, len(first) + 1))
    n = pq.read_table(dataset / "checkin" / "cohort=synth").num_rows
    assert len(checkins) == n


def test_consent_with_passphrase_needs_the_partner_to_have_opened_their_pages(
    tmp_path: Path,
) -> None:
    wb = Workbook.create(
        tmp_path / "wb", ["Ana", "Ben"], passphrases={"Ana": "ana pass 123"}, scrypt_n=2**10
    )
    wb.lock()
    with pytest.raises(ConsentNotProven, match="Ana's passphrase"):
        give_consent(wb, "Ana", how="passphrase")
    assert not consent_status(wb)["Ana"].recorded
    wb.unlock("Ana", "ana pass 123")
    s = give_consent(wb, "Ana", how="passphrase")
    assert s.given and s.how == "passphrase" and s.text_version == "2"
    assert give_consent(wb, "Ben").how == "page"  # his own page in the app
    wb.close()


def test_days_are_never_negative_after_a_back_dated_entry(tmp_path: Path) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    wb = Workbook.create(tmp_path / "wb", ["Ana", "Ben"])
    give_consent(wb, "Ana")
    first = make_entry("checkin", {"day": now.date().isoformat(), "trust": 5}, author="Ana")
    wb.add(first)
    export_workbook(wb, tmp_path / "one.zip")
    back = now - timedelta(days=9)
    old = make_entry("checkin", {"day": back.date().isoformat(), "trust": 3}, author="Ana", now=now)
    wb.add(old)  # written today about a day nine days ago
    export_workbook(wb, tmp_path / "two.zip")
    wb.close()
    tbls = read_export(tmp_path / "two.zip")[1]
    days = tbls["checkin"].column("day").to_pylist()
    assert min(days) == 0 and sorted(days) == [0, 9]
    assert tbls["checkin"].column("week").to_pylist() == [d // 7 for d in days]
    assert tbls["partners"].column("consent_day").to_pylist()[0] >= 0


def test_unanswered_items_are_null_and_skipped_in_means(tmp_path: Path) -> None:
    wb = Workbook.create(tmp_path / "wb", ["Ana", "Ben"])
    give_consent(wb, "Ana")
    today = datetime.now(UTC).date()
    wb.add(make_entry("checkin", {"day": today.isoformat(), "trust": 8}, author="Ana"))
    yesterday = (today - timedelta(days=1)).isoformat()
    wb.add(make_entry("checkin", {"day": yesterday, "safety": 4}, author="Ana"))
    (tmp_path / "e").mkdir()
    export_workbook(wb, tmp_path / "e" / "a.zip")
    wb.close()
    checkin = read_export(tmp_path / "e" / "a.zip")[1]["checkin"]
    assert sorted(checkin.column("trust").to_pylist(), key=str) == [8, None]
    build_dataset([tmp_path / "e"], tmp_path / "ds", progress=False)
    tidy = A.tidy_frame(tmp_path / "ds")
    assert tidy["trust"].tolist() == [8.0] and tidy["safety"].tolist() == [4.0]
    assert A.weekly_trajectories(tmp_path / "ds", min_couples=1)["mean"].tolist() == [8.0, 4.0]


def test_small_cells_are_left_out_and_intervals_are_t_based(dataset: Path) -> None:
    traj = A.weekly_trajectories(dataset, ("trust",), cohort="synth")
    assert (traj["couples"] >= 5).all() and len(traj) > 0
    assert A.weekly_trajectories(dataset, ("trust",), cohort="real").empty  # one couple
    one = A.weekly_trajectories(dataset, ("trust",), cohort="real", min_couples=1)
    assert one["ci_low"].isna().all()  # no interval from a single couple
    from scipy import stats

    per_couple = (
        A.load(dataset, "checkin")
        .query("cohort == 'synth' and week == 0")
        .groupby("couple_id")["trust"]
        .mean()
    )
    n, sd = len(per_couple), per_couple.std()
    half = stats.t.ppf(0.975, n - 1) * sd / n**0.5
    row = traj[traj["week"] == 0].iloc[0]
    assert row["ci_high"] - row["mean"] == pytest.approx(half)


def test_the_mixed_model_has_couple_and_partner_effects_and_roles(dataset: Path) -> None:
    daily = A.daily_frame(dataset, cohort="synth")
    assert {"role", "partner_trust"} <= set(daily.columns)
    assert set(daily["role"].dropna()) <= set(A.ROLE_LEVELS)
    fit = A.mixed_model(dataset, "trust", cohort="synth", frame=daily)
    table = A.model_table(fit)
    assert "week" in set(table["term"]) and any(t.startswith("C(role)") for t in table["term"])
    assert table.set_index("term").loc["week", "estimate"] > 0  # synthetic arcs improve
    assert "partner Var" in str(fit.summary())


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        ("We saw Dr. Patel today.", "Patel", "We saw"),
        ("She was born at St. Mary's hospital.", "Mary", "was born at"),
        ("I went to AA again.", "AA", "I went to"),
        ("His HIV test came back.", "HIV", "test came back"),
    ],
)
def test_scrubber_titles_abbreviations_and_health_terms(text: str, gone: str, kept: str) -> None:
    out = scrub(text, ["Ana", "Ben"])
    assert gone not in out and kept in out


def test_a_group_view_row_cannot_be_found_by_exact_values_in_the_export(tmp_path: Path) -> None:
    from repairbook.workshop import Workshop
    from repairbook.workshop.consent import set_share
    from repairbook.workshop.summary import couple_summary

    # the last full Monday-to-Sunday week, so the group view and the export see the same days
    today = datetime.now(UTC).date()
    sunday = today - timedelta(days=today.weekday() + 1)
    ws, _key = Workshop.create(tmp_path / "room", "Room", start=sunday - timedelta(days=6))
    ratings = {"Ana": [3, 6, 8, 7, 5, 6, 9], "Ben": [4, 4, 7, 6, 8, 5, 7]}
    record, _k = ws.add_couple("Blue")
    wb = Workbook.create(ws.workbook_path(record), ["Ana", "Ben"])
    for who, values in ratings.items():
        for i, v in enumerate(values):
            day = sunday - timedelta(days=6 - i)
            when = datetime(day.year, day.month, day.day, 20, tzinfo=UTC)
            e = make_entry(
                "checkin",
                {"day": day.isoformat(), "trust": v, "safety": v - 1},
                author=who,
                now=when,
            )
            e.created = e.updated = when
            wb.add(e)
        set_share(wb, who, True)
        give_consent(wb, who)
    export = tmp_path / "blue.zip"
    export_workbook(wb, export)
    wb.close()
    shown = couple_summary(ws, ws.couple("Blue"), sunday).latest
    checkin = read_export(export)[1]["checkin"].to_pandas()
    exact = {
        item: {round(float(v), 3) for v in checkin.groupby("week")[item].mean()}
        | {round(float(checkin[item].mean()), 3)}
        for item in ("trust", "safety")
    }
    true_trust = sum(ratings["Ana"] + ratings["Ben"]) / 14
    assert round(true_trust, 3) in exact["trust"]  # the export holds the exact mean ...
    assert shown["trust"] == round(true_trust) and shown["trust"] not in exact["trust"]
    assert shown["safety"] not in exact["safety"]  # ... the group view only a whole number


def test_a_role_told_to_the_welcome_is_exported_as_a_code(tmp_path: Path) -> None:
    """The welcome keeps the answer with the private safety answers (sealed): the export
    reads the latest one per consenting partner while their pages are open, and says so
    when they are locked."""
    wb = Workbook.create(
        tmp_path / "wb",
        ["Ana", "Ben"],
        passphrases={"Ana": "ana pass 123", "Ben": "ben pass 456"},
        scrypt_n=2**10,
    )
    no = {"afraid": False, "threatened": False, "controlled": False, "hurt": False}
    for who, role in (("Ana", "broke_trust"), ("Ana", "both"), ("Ben", "hurt")):
        data = {**no, "role": role}
        wb.add(make_entry("safety_screen", data, author=who, visibility="private"))
        give_consent(wb, who)
    wb.lock("Ana")
    locked = export_workbook(wb, tmp_path / "locked.zip")
    assert any("Ana's answer about their part" in n for n in locked.notes)
    partners = read_export(tmp_path / "locked.zip")[1]["partners"].to_pylist()
    assert [(p["partner_id"], p["role"]) for p in partners] == [("p1", None), ("p2", "hurt")]
    wb.unlock("Ana", "ana pass 123")
    export_workbook(wb, tmp_path / "e.zip")
    wb.close()
    partners = read_export(tmp_path / "e.zip")[1]["partners"].to_pylist()
    assert [(p["partner_id"], p["role"]) for p in partners] == [("p1", "both"), ("p2", "hurt")]
    assert "safety_screen" not in read_export(tmp_path / "e.zip")[1]  # no private numbers

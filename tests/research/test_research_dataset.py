"""Dataset build: validation, tampering, duplicates, idempotence, loading in three engines,
and the codebook covering every exported column."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import zipfile
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from repairbook.cli import cli
from repairbook.entries import KINDS
from repairbook.research import build_dataset, export_workbook, read_export, synth_cohort
from repairbook.research.codebook import (
    EXCLUDED_KINDS,
    codebook_markdown,
    datapackage,
    redcap_dictionary,
    redcap_names,
    tables,
)
from repairbook.research.dataset import BadExport, dataset_info
from repairbook.research.export import parquet_bytes

COUPLES, DAYS = 12, 60


@pytest.fixture(scope="module")
def cohort(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cohort")
    made = synth_cohort(COUPLES, DAYS, 3, folder, progress=False)
    assert len(made) == COUPLES
    return folder


@pytest.fixture(scope="module")
def real_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from repairbook.demo import DEMO_PASSPHRASES, make_demo
    from repairbook.research import give_consent

    folder = tmp_path_factory.mktemp("real")
    wb = make_demo(folder / "demo", days=DAYS, today=date.today())
    give_consent(wb, "Sam", scrubbed_text=True, private_numeric=True)
    wb.unlock("Sam", DEMO_PASSPHRASES["Sam"])
    out = folder / "demo.zip"
    export_workbook(wb, out)
    wb.close()
    return out


def _files(ds: Path) -> dict[str, str]:
    return {
        str(p.relative_to(ds)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(ds.rglob("*"))
        if p.is_file()
    }


def _rewrite(src: Path, dst: Path, member: str, data: bytes, *, fix_checksum: bool) -> Path:
    """Copy an export, replacing one member (and optionally its manifest checksum)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        manifest = json.loads(zin.read("manifest.json"))
        for info in zin.infolist():
            if info.filename == "manifest.json":
                continue
            body = data if info.filename == member else zin.read(info)
            zout.writestr(info, body)
        if fix_checksum:
            name = member.removeprefix("tables/").removesuffix(".parquet")
            manifest["tables"][name]["sha256"] = hashlib.sha256(data).hexdigest()
        zout.writestr("manifest.json", json.dumps(manifest))
    return dst


def test_real_and_synthetic_exports_follow_the_same_codebook(
    cohort: Path, real_export: Path
) -> None:
    real_manifest, real_tables = read_export(real_export)
    synth_manifest, synth_tables = read_export(next(cohort.glob("*.zip")))
    assert real_manifest["codebook_version"] == synth_manifest["codebook_version"]
    assert synth_manifest["synthetic"] is True and real_manifest["synthetic"] is False
    for name in set(real_tables) & set(synth_tables):
        assert real_tables[name].schema.equals(synth_tables[name].schema), name
    assert {"checkin", "trigger", "promise", "ritual"} <= set(real_tables) & set(synth_tables)


def test_codebook_documents_every_exported_column(cohort: Path, real_export: Path) -> None:
    documented = {
        (r["name"], f["name"]) for r in datapackage()["resources"] for f in r["schema"]["fields"]
    }
    md = codebook_markdown()
    csv_vars = {line.split(",")[0] for line in redcap_dictionary().splitlines()[1:]}
    names = redcap_names()
    seen = 0
    for export in [real_export, *sorted(cohort.glob("*.zip"))[:3]]:
        _, tbls = read_export(export)
        for name, tbl in tbls.items():
            for col in tbl.column_names:
                seen += 1
                assert (name, col) in documented, f"{name}.{col} is not in the codebook"
                assert f"`{col}`" in md.split(f"## {name}\n", 1)[1]
                if name == "partners" or col not in ("couple_id", "partner_id"):
                    assert names[(name, col)] in csv_vars  # the rest are in record_id
    assert seen > 100
    # every kind is either a table or excluded for a stated reason
    assert set(KINDS) == (set(tables()) - {"partners"}) | set(EXCLUDED_KINDS)


def test_an_undocumented_column_is_refused(cohort: Path, tmp_path: Path) -> None:
    src = next(cohort.glob("*.zip"))
    with zipfile.ZipFile(src) as zf:
        tbl = pq.read_table(io.BytesIO(zf.read("tables/checkin.parquet")))
    extra = tbl.append_column("secret_note", pa.array(["x"] * tbl.num_rows))
    bad = _rewrite(
        src,
        tmp_path / "extra.zip",
        "tables/checkin.parquet",
        parquet_bytes(extra),
        fix_checksum=True,
    )
    with pytest.raises(BadExport, match="secret_note"):
        read_export(bad)


@pytest.mark.filterwarnings("ignore:The inplace keyword")  # inside dask, not ours
def test_build_loads_equally_in_duckdb_pandas_and_dask(cohort: Path, tmp_path: Path) -> None:
    import dask.dataframe as dd
    import duckdb
    import pandas as pd

    ds = tmp_path / "ds"
    report = build_dataset([cohort], ds, cohort="pilot", progress=False)
    assert report.couples == COUPLES and not report.skipped
    con = duckdb.connect()
    for table in ("checkin", "trigger", "promise", "partners", "journal"):
        expected = report.rows[table]
        glob = f"{ds}/{table}/**/*.parquet"
        n_duck = con.execute(
            f"SELECT count(*) FROM read_parquet('{glob}', hive_partitioning=true)"
        ).fetchone()[0]
        n_pd = len(pd.read_parquet(ds / table))
        n_dask = len(dd.read_parquet(str(ds / table)).compute())
        assert n_duck == n_pd == n_dask == expected, table
    cohorts = con.execute(
        f"SELECT DISTINCT cohort FROM read_parquet('{ds}/checkin/**/*.parquet', hive_partitioning=true)"
    ).fetchall()
    assert cohorts == [("pilot",)]
    assert report.rows["checkin"] > COUPLES * DAYS  # both partners, most days
    assert (ds / "codebook" / "datapackage.json").is_file()
    assert dataset_info(ds)["cohorts"]["pilot"]["couples"] == COUPLES


def test_build_is_idempotent_and_keeps_other_cohorts(cohort: Path, tmp_path: Path) -> None:
    ds = tmp_path / "ds"
    build_dataset([cohort], ds, cohort="a", progress=False)
    first = _files(ds)
    # the same exports, in another order, give byte-identical files
    build_dataset(sorted(cohort.glob("*.zip"), reverse=True), ds, cohort="a", progress=False)
    assert _files(ds) == first
    some = sorted(cohort.glob("*.zip"))[:4]
    build_dataset(some, ds, cohort="b", progress=False)
    info = dataset_info(ds)
    assert info["cohorts"]["a"]["couples"] == COUPLES
    assert info["cohorts"]["b"]["couples"] == 4
    assert {k: v for k, v in _files(ds).items() if "cohort=a" in k} == {
        k: v for k, v in first.items() if "cohort=a" in k
    }


def _table_rows(ds: Path, name: str) -> tuple[pa.Table, int]:
    """One table's rows in file and row order, and how many row groups hold them."""
    files = sorted((ds / name).glob("cohort=*/*.parquet"))
    groups = sum(pq.ParquetFile(f).num_row_groups for f in files)
    return pa.concat_tables(pq.read_table(f) for f in files), groups


def test_a_tiny_memory_budget_changes_row_groups_never_rows(cohort: Path, tmp_path: Path) -> None:
    big, tiny = tmp_path / "big", tmp_path / "tiny"
    build_dataset([cohort], big, progress=False, buffer_bytes=1 << 30)
    # one byte: every couple's piece is written as soon as it arrives; small row and
    # file limits as well, so pieces are also split across row groups and files
    build_dataset([cohort], tiny, progress=False, buffer_bytes=1, max_rows_per_file=50)
    assert dataset_info(big)["cohorts"] == dataset_info(tiny)["cohorts"]
    split = 0
    for name, t in tables().items():
        rows_big, groups_big = _table_rows(big, name)
        rows_tiny, groups_tiny = _table_rows(tiny, name)
        assert rows_tiny.schema == rows_big.schema == t.schema, name
        assert rows_tiny.equals(rows_big), name
        split += groups_tiny > groups_big
    assert split >= 5  # the budget did take effect on the tables with rows


def test_tampered_bad_and_duplicate_exports_are_skipped_by_name(
    cohort: Path, tmp_path: Path
) -> None:
    inputs = tmp_path / "in"
    shutil.copytree(cohort, inputs)
    victims = sorted(inputs.glob("*.zip"))

    # 1. a value changed after export: checksum mismatch
    def with_trust(src: Path, make: object) -> bytes:
        with zipfile.ZipFile(src) as zf:
            tbl = pq.read_table(io.BytesIO(zf.read("tables/checkin.parquet")))
        values = tbl.column("trust").to_pylist()
        i = tbl.schema.get_field_index("trust")
        return parquet_bytes(tbl.set_column(i, "trust", make(values)))  # type: ignore[operator]

    def shifted(v: list[int]) -> pa.Array:
        return pa.array([10 - v[0] if v[0] != 5 else 9, *v[1:]], pa.int16())

    _rewrite(
        victims[0],
        inputs / "tampered.zip",
        "tables/checkin.parquet",
        with_trust(victims[0], shifted),
        fix_checksum=False,
    )
    # 2. an out-of-range rating with a matching checksum
    _rewrite(
        victims[1],
        inputs / "outofrange.zip",
        "tables/checkin.parquet",
        with_trust(victims[1], lambda v: pa.array([11, *v[1:]], pa.int16())),
        fix_checksum=True,
    )
    # 3. a wrong column type with a matching checksum
    _rewrite(
        victims[2],
        inputs / "wrongtype.zip",
        "tables/checkin.parquet",
        with_trust(victims[2], lambda v: pa.array([str(x) for x in v])),
        fix_checksum=True,
    )
    # 4. not an export at all, 5. the same couple twice
    (inputs / "notes.zip").write_bytes(b"not a zip")
    shutil.copy(victims[3], inputs / "zz-copy.zip")
    for v in victims[:3]:
        v.unlink()  # only the broken copies of these three couples remain

    runner = CliRunner()
    ds = tmp_path / "ds"
    r = runner.invoke(cli, ["research", "build", str(inputs), "--out", str(ds), "--quiet"])
    assert r.exit_code == 0, r.output
    err = r.output
    assert "Skipped tampered.zip:" in err and "checksum" in err
    assert "Skipped outofrange.zip:" in err and "checkin.trust" in err
    assert "Skipped wrongtype.zip:" in err and "checkin.trust is string" in err
    assert "Skipped notes.zip:" in err
    dup = [line for line in err.splitlines() if "already in this build" in line]
    assert len(dup) == 1
    assert f"Built {COUPLES - 3} couples" in err
    assert "5 of 14 exports were skipped" in err
    info = dataset_info(ds)["cohorts"]["default"]
    assert info["couples"] == COUPLES - 3 and len(info["skipped"]) == 5
    r = runner.invoke(
        cli, ["research", "build", str(inputs), "--out", str(ds), "--quiet", "--strict"]
    )
    assert r.exit_code == 1


def test_cli_synth_codebook_and_refusals(tmp_path: Path) -> None:
    runner = CliRunner()
    r = runner.invoke(
        cli,
        [
            "research",
            "synth",
            "--couples",
            "3",
            "--days",
            "14",
            "--seed",
            "1",
            "--out",
            str(tmp_path / "syn"),
            "--quiet",
        ],
    )
    assert r.exit_code == 0 and len(list((tmp_path / "syn").glob("*.zip"))) == 3
    r = runner.invoke(cli, ["research", "synth", "--couples", "0", "--out", str(tmp_path / "x")])
    assert r.exit_code == 1 and "--couples" in r.output
    r = runner.invoke(cli, ["research", "codebook", "--out", str(tmp_path / "cb")])
    assert r.exit_code == 0
    assert json.loads((tmp_path / "cb" / "datapackage.json").read_text())["resources"]
    # a folder with other things in it is never overwritten
    r = runner.invoke(
        cli, ["research", "build", str(tmp_path / "syn"), "--out", str(tmp_path / "cb")]
    )
    assert r.exit_code == 1 and "already holds other files" in r.output
    r = runner.invoke(
        cli,
        [
            "research",
            "build",
            str(tmp_path / "syn"),
            "--out",
            str(tmp_path / "ds"),
            "--cohort",
            "bad name",
        ],
    )
    assert r.exit_code == 1 and "cohort name" in r.output
    assert "Traceback" not in r.output

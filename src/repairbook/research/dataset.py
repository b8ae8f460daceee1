"""Merging many couples' exports into one Parquet dataset.

Layout (hive-style, one folder per table, one partition per cohort)::

    DATASET/
      dataset.json                      what was built: cohorts, couples, rows, skipped exports,
                                        every input export with its sha256 and synthetic flag,
                                        every output file with its sha256, the repairbook version
      datapackage.json                  a Frictionless tabular data package of every file below
      codebook/                         codebook.md, datapackage.json, data_dictionary.csv,
                                        consent_texts.md
      checkin/cohort=NAME/part-00000.parquet
      checkin/cohort=NAME/part-00001.parquet   (a new part every ``max_rows_per_file`` rows)
      trigger/cohort=NAME/part-00000.parquet
      ...

Every table of the codebook has a folder and at least one (possibly empty) file per
cohort, so every loader sees the same tables. ``cohort`` is not stored inside the files;
readers add it from the folder name (DuckDB ``hive_partitioning=true``, pandas/pyarrow and
Dask by default, Spark by partition discovery).

A build validates each export fully before any of its rows are written: a bad or
tampered export is reported by name and skipped. Rows are written in couple-id order
through one ParquetWriter per table; the rows waiting in memory share one byte budget
across all tables, so memory does not grow with the number of couples or the width of
the tables, and the same exports always give byte-identical files.
Building a cohort again replaces that cohort's partitions and leaves other cohorts alone.

A cohort is synthetic (every export says ``"synthetic": true``), real, or — only when the
build is told ``allow_mixed=True`` — mixed; without it a build that mixes the two is
refused before anything is written.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import shutil
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from repairbook import __version__
from repairbook.content import research as R
from repairbook.research.codebook import (
    EXPORT_FORMAT,
    Table,
    codebook_files,
    codebook_version,
    datapackage,
    tables,
)
from repairbook.research.export import COUPLE_ID_RE, FORMAT_NAME, MANIFEST
from repairbook.store import StoreError

DATASET_MARKER = "dataset.json"
DATAPACKAGE = "datapackage.json"
DATASET_FORMAT = "repairbook-research-dataset"
COHORT_RE = re.compile(r"^[A-Za-z0-9_-]{1,40}$")
DEFAULT_COHORT = "default"
ROW_GROUP_ROWS = 128 * 1024
#: rows of all tables held in memory at once, in bytes, before the fullest is written
BUFFER_BYTES = 16 * 1024 * 1024
MAX_ROWS_PER_FILE = 4 * 1024 * 1024
MAX_PIECES = 256


class BadExport(Exception):
    """An export that cannot be merged; ``reason`` finishes 'Skipped NAME: ...'."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


class DatasetError(StoreError):
    """A problem with the dataset folder or the inputs, phrased for the researcher."""


class MixedCohort(DatasetError):
    """Synthetic and real exports in one build without ``allow_mixed``."""


@dataclass
class Skipped:
    export: str
    reason: str

    def sentence(self) -> str:
        return R.BUILD_SKIPPED.format(name=self.export, reason=self.reason)


@dataclass
class BuildReport:
    path: Path
    cohort: str
    couples: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)
    inputs: int = 0
    #: synthetic, real or mixed
    kind: str = "real"
    #: every export used: {"file", "sha256", "couple_id", "synthetic"}
    used: list[dict[str, Any]] = field(default_factory=list)

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


# -- reading and validating one export ------------------------------------------------------


def _open(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise BadExport(R.WHY_NOT_ZIP) from None


def _open_bytes(data: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise BadExport(R.WHY_NOT_ZIP) from None


def read_manifest(zf: zipfile.ZipFile) -> dict[str, Any]:
    """The export's manifest, checked for format and shape (not yet its tables)."""
    try:
        manifest = json.loads(zf.read(MANIFEST))
    except (KeyError, ValueError, zipfile.BadZipFile, OSError):
        raise BadExport(R.WHY_NO_MANIFEST) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_NAME:
        raise BadExport(R.WHY_NO_MANIFEST)
    if manifest.get("export_format") != EXPORT_FORMAT:
        raise BadExport(
            R.WHY_FORMAT.format(found=manifest.get("export_format"), known=EXPORT_FORMAT)
        )
    cid = manifest.get("couple_id")
    if not isinstance(cid, str) or not COUPLE_ID_RE.match(cid):
        raise BadExport(R.WHY_BAD_ID.format(couple_id=cid))
    if not isinstance(manifest.get("tables"), dict) or not isinstance(
        manifest.get("partners"), list
    ):
        raise BadExport(R.WHY_NO_MANIFEST)
    return manifest


def read_parquet_bytes(data: bytes) -> pa.Table:
    """One small Parquet file from memory (single-threaded: faster for small files)."""
    return pq.ParquetFile(pa.BufferReader(data)).read(use_threads=False)


@cache
def _value_set(values: tuple[str, ...]) -> pa.Array:
    return pa.array(values, pa.string())


def _check_table(t: Table, tbl: pa.Table, manifest: dict[str, Any]) -> None:
    found = tbl.schema.names
    expected = [c.name for c in t.columns]
    if found != expected:
        raise BadExport(R.WHY_COLUMNS.format(table=t.name, found=found, expected=expected))
    for c in t.columns:
        col = tbl.column(c.name)
        if col.type != c.arrow_type:
            raise BadExport(
                R.WHY_TYPE.format(table=t.name, column=c.name, found=col.type, expected=c.type)
            )
        if not c.nullable and col.null_count:
            raise BadExport(R.WHY_NULLS.format(table=t.name, column=c.name))
        if c.minimum is not None or c.maximum is not None:
            mm = pc.min_max(col)
            lo, hi = mm["min"].as_py(), mm["max"].as_py()
            if lo is not None and (
                (c.minimum is not None and lo < c.minimum)
                or (c.maximum is not None and hi > c.maximum)
            ):
                raise BadExport(
                    R.WHY_RANGE.format(table=t.name, column=c.name, lo=c.minimum, hi=c.maximum)
                )
        if c.enum and c.name != "partner_id":
            known = pc.sum(pc.is_in(col, value_set=_value_set(c.enum))).as_py() or 0
            if known + col.null_count != len(col):
                bad = set(col.drop_null().to_pylist()) - set(c.enum)
                shown = ", ".join(sorted(str(v) for v in bad)[:3])
                raise BadExport(R.WHY_CHOICE.format(table=t.name, column=c.name, bad=shown))
    cid = manifest["couple_id"]
    if tbl.num_rows and not pc.all(pc.equal(tbl.column("couple_id"), cid)).as_py():
        raise BadExport(R.WHY_COUPLE.format(table=t.name))
    partners = _value_set(tuple(str(p) for p in manifest["partners"]))
    pid = tbl.column("partner_id")
    if tbl.num_rows and pc.sum(pc.is_in(pid, value_set=partners)).as_py() != tbl.num_rows:
        raise BadExport(R.WHY_PARTNER.format(table=t.name))


def read_export(path: str | os.PathLike[str]) -> tuple[dict[str, Any], dict[str, pa.Table]]:
    """Validate one export against the codebook and return (manifest, {table: rows}).

    Raises :class:`BadExport` with the reason when anything does not match."""
    with _open(Path(path)) as zf:
        manifest = read_manifest(zf)
        return manifest, _read_tables(zf, manifest)


def _read_tables(zf: zipfile.ZipFile, manifest: dict[str, Any]) -> dict[str, pa.Table]:
    layout = tables()
    listed = {}
    for name, info in manifest["tables"].items():
        if name not in layout:
            raise BadExport(R.WHY_UNKNOWN_TABLE.format(table=name))
        if not isinstance(info, dict) or info.get("file") != f"tables/{name}.parquet":
            raise BadExport(R.WHY_NO_MANIFEST)
        listed[info["file"]] = (name, info)
    members = set(zf.namelist())
    for member in sorted(members):
        if member.startswith("tables/") and member not in listed:
            raise BadExport(R.WHY_EXTRA_FILE.format(file=member))
    # the codebook copy inside an export is for people; its tables are checked against
    # this version's codebook below, so its files are only required to be there
    for fname in dict(manifest.get("codebook") or {}):
        member = f"codebook/{fname}"
        if member not in members:
            raise BadExport(R.WHY_MISSING_FILE.format(file=member))
    out: dict[str, pa.Table] = {}
    for member, (name, info) in listed.items():
        if member not in members:
            raise BadExport(R.WHY_MISSING_FILE.format(file=member))
        data = zf.read(member)
        if hashlib.sha256(data).hexdigest() != info.get("sha256"):
            raise BadExport(R.WHY_CHECKSUM.format(file=member))
        try:
            tbl = read_parquet_bytes(data)
        except (pa.ArrowException, OSError):
            raise BadExport(R.WHY_PARQUET.format(file=member)) from None
        if tbl.num_rows != info.get("rows"):
            raise BadExport(
                R.WHY_ROWS.format(table=name, found=tbl.num_rows, expected=info.get("rows"))
            )
        _check_table(layout[name], tbl, manifest)
        out[name] = tbl
    return out


def expand_inputs(inputs: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Files as given; folders become the ``*.zip`` files inside them (sorted)."""
    out: list[Path] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            out.extend(sorted(x for x in p.glob("*.zip") if x.is_file()))
        else:
            out.append(p)
    return out


# -- writing ----------------------------------------------------------------------------------


class _TableSink:
    """One table's rows for one cohort: a buffer in front of ParquetWriters.

    The buffer is emptied into a row group by :class:`_Sinks` when the build's byte
    budget is reached, or here when it holds ``row_group_rows`` rows."""

    def __init__(self, t: Table, folder: Path, row_group_rows: int, max_rows_per_file: int):
        self.t = t
        self.folder = folder
        self.row_group_rows = row_group_rows
        self.max_rows_per_file = max_rows_per_file
        self.buffer: list[pa.Table] = []
        #: how many pieces at the start of ``buffer`` are compacted ones
        self.compacted = 0
        self.buffered = 0
        #: bytes held by ``buffer`` (Arrow buffers, as allocated)
        self.bytes = 0
        self.writer: pq.ParquetWriter | None = None
        self.in_file = 0
        self.files = 0
        self.rows = 0

    def _new_writer(self) -> pq.ParquetWriter:
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"part-{self.files:05d}.parquet"
        self.files += 1
        self.in_file = 0
        return pq.ParquetWriter(path, self.t.schema, compression="zstd")

    def add(self, tbl: pa.Table) -> int:
        """Buffer ``tbl``; returns how many bytes the buffer grew (negative: shrank)."""
        if tbl.num_rows == 0:
            return 0
        before = self.bytes
        self.buffer.append(tbl)
        self.buffered += tbl.num_rows
        self.bytes += tbl.get_total_buffer_size()
        self.rows += tbl.num_rows
        if self.buffered >= self.row_group_rows:
            self.flush()
        elif len(self.buffer) - self.compacted >= MAX_PIECES:
            # many small pieces cost more than their rows (each has its own schema and
            # buffers): the pieces since the last compaction become one, so a table that
            # fills slowly stays flat, and only those pieces are copied, never the whole
            # buffer
            tail = self.buffer[self.compacted :]
            compact = pa.concat_tables(tail).combine_chunks()
            self.bytes += compact.get_total_buffer_size() - sum(
                t.get_total_buffer_size() for t in tail
            )
            self.buffer[self.compacted :] = [compact]
            self.compacted += 1
        return self.bytes - before

    def flush(self) -> None:
        if not self.buffer:
            return
        data = pa.concat_tables(self.buffer)
        self.buffer, self.buffered, self.bytes, self.compacted = [], 0, 0, 0
        offset = 0
        while offset < data.num_rows:
            if self.writer is None or self.in_file >= self.max_rows_per_file:
                if self.writer is not None:
                    self.writer.close()
                self.writer = self._new_writer()
            take = min(data.num_rows - offset, self.max_rows_per_file - self.in_file)
            self.writer.write_table(data.slice(offset, take), row_group_size=self.row_group_rows)
            self.in_file += take
            offset += take

    def close(self) -> None:
        self.flush()
        if self.writer is None:  # every table gets a file, even without rows
            self.writer = self._new_writer()
            self.writer.write_table(self.t.schema.empty_table())
        self.writer.close()
        self.writer = None


class _Sinks:
    """Every table's sink, sharing one byte budget for the rows they hold.

    When the buffered rows of all tables together pass ``buffer_bytes``, the table
    holding the most is written out as a row group (again until the total is back under
    the budget). Memory then stays flat however many couples or tables there are: a
    wide table does not hold more because it is wide, and a slow table does not grow
    until its row count is reached. Only the sizes of the rows decide when a row group
    ends, so the same exports still give byte-identical files."""

    def __init__(
        self,
        layout: dict[str, Table],
        folder: Path,
        *,
        buffer_bytes: int,
        row_group_rows: int,
        max_rows_per_file: int,
    ):
        self.buffer_bytes = max(int(buffer_bytes), 1)
        self.by_name = {
            name: _TableSink(t, folder / name, row_group_rows, max_rows_per_file)
            for name, t in layout.items()
        }
        self.total = 0

    def add(self, name: str, tbl: pa.Table) -> None:
        self.total += self.by_name[name].add(tbl)
        while self.total > self.buffer_bytes:
            fullest = max(self.by_name.values(), key=lambda s: s.bytes)
            self.total -= fullest.bytes
            fullest.flush()

    def close(self) -> None:
        for s in self.by_name.values():
            s.close()
        self.total = 0

    def abandon(self) -> None:
        for s in self.by_name.values():
            if s.writer is not None:
                with contextlib.suppress(Exception):
                    s.writer.close()
            s.buffer = []

    def rows(self) -> dict[str, int]:
        return {name: s.rows for name, s in self.by_name.items()}


def _prepare_out(out: Path) -> dict[str, Any]:
    marker = out / DATASET_MARKER
    if out.exists():
        if not out.is_dir():
            raise DatasetError(R.BUILD_NOT_A_DATASET.format(path=out))
        if marker.is_file():
            try:
                info = json.loads(marker.read_text("utf-8"))
            except ValueError:
                info = None
            if isinstance(info, dict) and info.get("format") == DATASET_FORMAT:
                return info
            raise DatasetError(R.BUILD_NOT_A_DATASET.format(path=out))
        if any(p for p in out.iterdir() if not p.name.startswith(".staging-")):
            raise DatasetError(R.BUILD_NOT_A_DATASET.format(path=out))
    return {"format": DATASET_FORMAT, "cohorts": {}}


def _progress(items: list[Any], enabled: bool, desc: str) -> Iterator[Any]:
    if not enabled:
        yield from items
        return
    from tqdm.auto import tqdm

    yield from tqdm(items, desc=desc, unit="couple", leave=False)


def build_dataset(
    exports: Iterable[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    *,
    cohort: str | None = None,
    progress: bool = True,
    allow_mixed: bool = False,
    row_group_rows: int = ROW_GROUP_ROWS,
    max_rows_per_file: int = MAX_ROWS_PER_FILE,
    buffer_bytes: int = BUFFER_BYTES,
) -> BuildReport:
    """Validate ``exports`` and write them as cohort ``cohort`` of the dataset at ``out``.

    Bad exports and repeated couple ids are skipped and listed in the report's
    ``skipped``; the cohort's earlier partitions are replaced only when at least one
    export could be used (``report.couples == 0`` means nothing was written).
    Synthetic and real exports together raise :class:`MixedCohort` unless
    ``allow_mixed``; the cohort is then labelled ``mixed``.

    Rows wait in memory until all tables together hold ``buffer_bytes`` (then the
    fullest table becomes a row group) or one table holds ``row_group_rows``; the
    budget changes only where row groups end, never the rows."""
    cohort = cohort or DEFAULT_COHORT
    if not COHORT_RE.match(cohort):
        raise DatasetError(R.BAD_COHORT.format(name=cohort))
    paths = expand_inputs(exports)
    if not paths:
        raise DatasetError(R.BUILD_NO_INPUTS)
    out = Path(out)
    info = _prepare_out(out)
    report = BuildReport(path=out, cohort=cohort, inputs=len(paths))

    # pass 1: manifests only, to order couples, find duplicates and mixed inputs
    found: list[tuple[str, str, Path, bool]] = []
    for p in paths:
        try:
            with _open(p) as zf:
                m = read_manifest(zf)
                found.append((m["couple_id"], str(p), p, m.get("synthetic") is True))
        except BadExport as err:
            report.skipped.append(Skipped(p.name, err.reason))
    found.sort()
    first: dict[str, str] = {}
    order: list[tuple[str, Path]] = []
    synthetic = real = 0
    for cid, _, p, synth in found:
        if cid in first:
            reason = R.WHY_DUPLICATE.format(couple_id=cid, first=first[cid])
            report.skipped.append(Skipped(p.name, reason))
            continue
        first[cid] = p.name
        order.append((cid, p))
        synthetic += synth
        real += not synth
    del found, first, paths
    if synthetic and real and not allow_mixed:
        raise MixedCohort(R.BUILD_MIXED.format(synthetic=synthetic, real=real))
    report.kind = "mixed" if synthetic and real else ("synthetic" if synthetic else "real")

    # pass 2: validate each export fully, then stream its rows into the sinks
    staging = out / f".staging-{cohort}"
    if staging.exists():
        shutil.rmtree(staging)
    layout = tables()
    sinks = _Sinks(
        layout,
        staging,
        buffer_bytes=buffer_bytes,
        row_group_rows=row_group_rows,
        max_rows_per_file=max_rows_per_file,
    )
    try:
        for cid, p in _progress(order, progress, "Building"):
            try:
                try:
                    raw = p.read_bytes()  # read once: hashed, then opened from memory
                except OSError:
                    raise BadExport(R.WHY_NOT_ZIP) from None
                with _open_bytes(raw) as zf:
                    manifest = read_manifest(zf)
                    if manifest["couple_id"] != cid:  # changed between the two passes
                        raise BadExport(R.WHY_NO_MANIFEST)
                    data = _read_tables(zf, manifest)
            except BadExport as err:
                report.skipped.append(Skipped(p.name, err.reason))
                continue
            for name, tbl in data.items():
                sinks.add(name, tbl)
            del data
            report.couples += 1
            report.used.append(
                {
                    "file": p.name,
                    "sha256": hashlib.sha256(raw).hexdigest(),
                    "couple_id": cid,
                    "synthetic": manifest.get("synthetic") is True,
                }
            )
        if report.couples == 0:  # nothing usable: leave the dataset as it was
            return report
        sinks.close()
        report.rows = sinks.rows()
        _swap_in(out, staging, cohort, layout)
    finally:
        sinks.abandon()
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    _write_marker(out, info, report)
    return report


def _swap_in(out: Path, staging: Path, cohort: str, layout: dict[str, Table]) -> None:
    for name in layout:
        target = out / name / f"cohort={cohort}"
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            shutil.rmtree(target)
        os.replace(staging / name, target)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _table_files(out: Path) -> dict[str, list[str]]:
    """{table: [relative paths of its Parquet files]}, every cohort, sorted."""
    return {
        name: sorted(p.relative_to(out).as_posix() for p in (out / name).glob("cohort=*/*.parquet"))
        for name in tables()
    }


def _write_marker(out: Path, info: dict[str, Any], report: BuildReport) -> None:
    cohorts = dict(info.get("cohorts") or {})
    cohorts[report.cohort] = {
        "kind": report.kind,
        "synthetic": report.kind == "synthetic",
        "couples": report.couples,
        "rows": report.rows,
        "inputs": report.used,
        "skipped": [{"export": s.export, "reason": s.reason} for s in report.skipped],
        "repairbook_version": __version__,
    }
    cb = out / "codebook"
    cb.mkdir(exist_ok=True)
    for fname, data in codebook_files().items():
        (cb / fname).write_bytes(data)
    files = _table_files(out)
    descriptor = json.dumps(datapackage(files), indent=2, ensure_ascii=False)
    tmp = out / (DATAPACKAGE + ".partial")
    tmp.write_text(descriptor, "utf-8")
    os.replace(tmp, out / DATAPACKAGE)
    outputs = [p for paths in files.values() for p in paths]
    outputs += [f"codebook/{f}" for f in codebook_files()] + [DATAPACKAGE]
    marker = {
        "format": DATASET_FORMAT,
        "export_format": EXPORT_FORMAT,
        "codebook_version": codebook_version(),
        "repairbook_version": __version__,
        "tables": list(tables()),
        "cohorts": dict(sorted(cohorts.items())),
        "outputs": {rel: _sha256(out / rel) for rel in sorted(outputs)},
    }
    tmp = out / (DATASET_MARKER + ".partial")
    tmp.write_text(json.dumps(marker, indent=2, sort_keys=True), "utf-8")
    os.replace(tmp, out / DATASET_MARKER)


def cohort_kinds(info: dict[str, Any]) -> dict[str, str]:
    """{cohort: synthetic, real or mixed} from a dataset.json (older ones: unknown)."""
    return {name: str(c.get("kind", "unknown")) for name, c in (info.get("cohorts") or {}).items()}


def dataset_info(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The dataset's ``dataset.json`` (cohorts, couples, rows, skipped exports)."""
    marker = Path(path) / DATASET_MARKER
    try:
        info = json.loads(marker.read_text("utf-8"))
    except (OSError, ValueError):
        raise DatasetError(R.BUILD_NOT_A_DATASET.format(path=path)) from None
    if not isinstance(info, dict):
        raise DatasetError(R.BUILD_NOT_A_DATASET.format(path=path))
    return info


__all__ = [
    "BadExport",
    "BuildReport",
    "DatasetError",
    "MixedCohort",
    "cohort_kinds",
    "Skipped",
    "build_dataset",
    "dataset_info",
    "expand_inputs",
    "read_export",
    "read_manifest",
]

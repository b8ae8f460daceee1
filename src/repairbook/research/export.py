"""The anonymized research export: one zip file per couple.

Layout of an export (``*.zip``, members stored in this order, every time stamp
inside the zip set to 1980-01-01 so the file carries no date)::

    tables/<table>.parquet     one Parquet file per non-empty table (zstd)
    codebook/codebook.md       the codebook this export follows,
    codebook/datapackage.json  also as a Frictionless descriptor
    codebook/data_dictionary.csv  and as a REDCap data dictionary
    manifest.json              format, couple id, partners, tables with rows and sha256

Rules (see docs/research.md): only partners whose latest consent says yes appear;
pseudonymous ids come from a random secret kept only in the workbook's meta table;
days since start replace dates (day 0 is the couple's earliest exported day, so no day
is ever negative, also with back-dated entries); times of day are coarsened to the part of the day;
free text appears only for a partner who agreed to cleaned-up text, scrubbed; text
from private pages never appears; private pages give numbers only with their author's
extra consent and only while that author has unlocked them.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import io
import json
import os
import re
import secrets
import tempfile
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pyarrow as pa
import pyarrow.parquet as pq

from repairbook.content import research as R
from repairbook.entries import Agreement, Contract, Entry, Promise, SafetyScreen, Settings
from repairbook.research.codebook import (
    EXPORT_FORMAT,
    OWN_DAY_KINDS,
    PARTNER_IDS,
    PARTS_OF_DAY,
    Column,
    Table,
    codebook_files,
    codebook_version,
    tables,
)
from repairbook.research.consent import ConsentState, consent_status
from repairbook.research.roles import partner_role, role_locked
from repairbook.research.scrub import scrub
from repairbook.store import StoreError, Workbook

META_SECRET = "research.secret"
#: kept for workbooks that recorded it; day 0 is now always the earliest exported day
META_START = "research.start"
#: where days are counted from before they are shifted to start at 0
_EPOCH = date(2000, 1, 1)
#: column rules whose values are days since start
_DAY_RULES = frozenset({"entry_day", "day", "consent_day"})
FORMAT_NAME = "repairbook-research-export"
MANIFEST = "manifest.json"
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
COUPLE_ID_RE = re.compile(r"^[0-9a-f]{20}$")
_SAFE_VERSION = re.compile(r"^[0-9A-Za-z.\-]{1,20}$")


class NoConsent(StoreError):
    """Neither partner agreed to share: nothing is exported."""

    def __init__(self) -> None:
        super().__init__(R.NO_CONSENT)


@dataclass
class ExportResult:
    path: Path
    couple_id: str
    #: {partner name: partner id} for the partners in the export
    partners: dict[str, str]
    rows: dict[str, int]
    notes: list[str] = field(default_factory=list)

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


# -- pseudonyms --------------------------------------------------------------------------


def _secret(wb: Workbook) -> bytes:
    value = wb.get_meta(META_SECRET)
    if value is None:
        value = wb.set_meta(META_SECRET, secrets.token_hex(32), only_if_unset=True)
    return bytes.fromhex(value)


def pseudonym(secret: bytes, label: str, length: int = 20) -> str:
    """HMAC-SHA256 of ``label`` under the workbook's random secret, as hex."""
    return hmac.new(secret, label.encode("utf-8"), hashlib.sha256).hexdigest()[:length]


def couple_id(wb: Workbook) -> str:
    """The couple's research id (creates the workbook's secret on first use)."""
    return pseudonym(_secret(wb), "couple")


# -- writing an export (shared by real exports and synthetic cohorts) --------------------


def _zinfo(name: str, compress: int) -> zipfile.ZipInfo:
    zi = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
    zi.compress_type = compress
    zi.external_attr = 0o644 << 16
    return zi


def parquet_bytes(tbl: pa.Table) -> bytes:
    sink = io.BytesIO()
    pq.write_table(tbl, sink, compression="zstd", write_statistics=True)
    return sink.getvalue()


def write_export(
    out: str | os.PathLike[str],
    *,
    couple: str,
    partners: Iterable[str],
    tables_: Mapping[str, pa.Table],
    synthetic: bool = False,
    codebook: Mapping[str, bytes] | None = None,
) -> dict[str, Any]:
    """Write one export zip atomically and return its manifest.

    ``tables_`` maps table names to Arrow tables with exactly the codebook's schema;
    empty tables are left out (a missing table means no rows)."""
    out = Path(out)
    layout = tables()
    manifest: dict[str, Any] = {
        "format": FORMAT_NAME,
        "export_format": EXPORT_FORMAT,
        "codebook_version": codebook_version(),
        "couple_id": couple,
        "partners": sorted(partners),
        "synthetic": synthetic,
        "tables": {},
        "codebook": {},
    }
    fd, tmp = tempfile.mkstemp(prefix=".export-", suffix=".partial", dir=out.parent)
    os.close(fd)
    try:
        with zipfile.ZipFile(tmp, "w") as zf:
            for name in layout:  # codebook order, so files are deterministic
                tbl = tables_.get(name)
                if tbl is None or tbl.num_rows == 0:
                    continue
                data = parquet_bytes(tbl)
                member = f"tables/{name}.parquet"
                zf.writestr(_zinfo(member, zipfile.ZIP_STORED), data)
                manifest["tables"][name] = {
                    "file": member,
                    "rows": tbl.num_rows,
                    "sha256": hashlib.sha256(data).hexdigest(),
                }
            for fname, data in (codebook or codebook_files()).items():
                member = f"codebook/{fname}"
                zf.writestr(_zinfo(member, zipfile.ZIP_DEFLATED), data)
                manifest["codebook"][fname] = hashlib.sha256(data).hexdigest()
            zf.writestr(
                _zinfo(MANIFEST, zipfile.ZIP_DEFLATED),
                json.dumps(manifest, indent=2, sort_keys=True).encode("utf-8"),
            )
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return manifest


def arrow_table(t: Table, columns: Mapping[str, Any]) -> pa.Table:
    """An Arrow table with exactly ``t``'s schema from {column: list or array}."""
    arrays = []
    for c in t.columns:
        value = columns[c.name]
        if isinstance(value, (pa.Array, pa.ChunkedArray)):
            arrays.append(value if value.type == c.arrow_type else value.cast(c.arrow_type))
        else:
            arrays.append(pa.array(value, type=c.arrow_type))
    return pa.Table.from_arrays(arrays, schema=t.schema)


# -- reading a workbook ----------------------------------------------------------------------


@dataclass
class _Context:
    couple: str
    secret: bytes
    start: date
    tz: ZoneInfo | Any
    pid: dict[str, str]
    names: list[str]
    text_ok: set[str]

    def local(self, dt: datetime) -> datetime:
        return dt.astimezone(self.tz)

    def day(self, v: date | datetime | None) -> int | None:
        if v is None:
            return None
        d = self.local(v).date() if isinstance(v, datetime) else v
        return (d - self.start).days

    def part(self, v: datetime | None) -> str | None:
        if v is None:
            return None
        return PARTS_OF_DAY[self.local(v).hour // 6]

    def partner_id(self, name: str | None) -> str | None:
        if not name:
            return None
        for known, pid in self.pid.items():
            if known.casefold() == name.strip().casefold():
                return pid
        return None


def _timezone(wb: Workbook) -> ZoneInfo | Any:
    settings = wb.latest("settings")
    if isinstance(settings, Settings):
        try:
            return ZoneInfo(settings.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return UTC


def _text(value: Any, ctx: _Context) -> str:
    if isinstance(value, list):
        value = " | ".join(str(v) for v in value)
    return scrub(str(value), ctx.names)


def _cell(c: Column, e: Entry, ctx: _Context) -> Any:
    how = c.how
    if how == "couple_id":
        return ctx.couple
    if how == "partner_id":
        return ctx.pid[e.author]
    if how in ("entry_day", "week"):
        own = getattr(e, "day", None) if e.kind in OWN_DAY_KINDS else None
        d = ctx.day(own if own is not None else e.created)
        assert d is not None
        return d if how == "entry_day" else d // 7
    value = getattr(e, c.field) if c.field else None
    if how == "value":
        return value
    if how == "day":
        return ctx.day(value)
    if how == "part":
        return ctx.part(value)
    if how == "count":
        return len(value or [])
    if how == "partner":
        return ctx.partner_id(value)
    if how == "ref":
        return pseudonym(ctx.secret, "entry:" + e.id, 16)
    if how == "ref_to":
        return pseudonym(ctx.secret, "entry:" + value, 16) if value else None
    if how == "text":
        allowed = e.visibility == "shared" and e.author in ctx.text_ok
        return _text(value, ctx) if allowed and value not in ("", [], None) else None
    if how == "hours_until_due" and isinstance(e, Promise):
        return int((e.due - e.created).total_seconds() // 3600)
    if how == "any_yes" and isinstance(e, SafetyScreen):
        return e.any_yes
    if how == "accepted_count" and isinstance(e, Agreement):
        ids = {ctx.partner_id(n) for n in e.accepted_by}
        return len(ids - {None})
    if how == "commitments_count" and isinstance(e, Contract):
        return sum(len(items) for items in e.commitments.values())
    raise ValueError(f"unknown column rule {how!r} for {e.kind}")


def _partners_rows(
    states: list[ConsentState], ctx: _Context, roles: dict[str, str | None]
) -> dict[str, list[Any]]:
    t = tables()["partners"]
    cols: dict[str, list[Any]] = {c.name: [] for c in t.columns}
    for s in states:
        version = s.text_version or ""
        cols["couple_id"].append(ctx.couple)
        cols["partner_id"].append(ctx.pid[s.partner])
        cols["consent_numeric"].append(s.numeric)
        cols["consent_scrubbed_text"].append(s.scrubbed_text)
        cols["consent_private_numeric"].append(s.private_numeric)
        cols["consent_facilitator"].append(s.facilitator)
        cols["consent_text_version"].append(version if _SAFE_VERSION.match(version) else "other")
        cols["consent_day"].append(ctx.day(s.on))
        cols["consent_how"].append(s.how)
        cols["role"].append(roles.get(s.partner))
    return cols


def _rebase(columns: dict[str, dict[str, list[Any]]]) -> None:
    """Shift every day so the earliest is 0 (and weeks with them), in place."""
    layout = tables()
    first: int | None = None
    for name, cols in columns.items():
        for c in layout[name].columns:
            if c.how in _DAY_RULES:
                days = [d for d in cols[c.name] if d is not None]
                if days:
                    low = min(days)
                    first = low if first is None else min(first, low)
    if not first:
        return
    for name, cols in columns.items():
        for c in layout[name].columns:
            if c.how in _DAY_RULES:
                cols[c.name] = [None if d is None else d - first for d in cols[c.name]]
            elif c.how == "week":
                cols[c.name] = [d // 7 for d in cols["day"]]


def export_tables(wb: Workbook) -> tuple[str, dict[str, str], dict[str, pa.Table], list[str]]:
    """(couple id, {partner: partner id}, {table: Arrow table}, notes) for ``wb``.

    Raises :class:`NoConsent` when neither partner shares numbers."""
    status = consent_status(wb)
    sharing = [s for s in status.values() if s.shares_numbers]
    if not sharing:
        raise NoConsent()
    order = wb.partners
    pid = {s.partner: PARTNER_IDS[order.index(s.partner)] for s in sharing}
    notes: list[str] = []
    everything_shared = wb.list()
    shared = [e for e in everything_shared if e.author in pid]
    private: list[Entry] = []
    for s in sharing:
        if not s.shares_private_numbers or not wb.has_passphrase(s.partner):
            continue
        if not wb.is_unlocked(s.partner):
            notes.append(R.EXPORT_PRIVATE_LOCKED.format(name=s.partner))
            continue
        private += [
            e for e in wb.list(viewer=s.partner, author=s.partner) if e.visibility == "private"
        ]
    roles: dict[str, str | None] = {}
    for s in sharing:
        roles[s.partner] = partner_role(wb, s.partner)
        if roles[s.partner] is None and role_locked(wb, s.partner):
            notes.append(R.EXPORT_ROLE_LOCKED.format(name=s.partner))
    tz = _timezone(wb)
    secret = _secret(wb)
    ctx = _Context(
        couple=pseudonym(secret, "couple"),
        secret=secret,
        start=_EPOCH,
        tz=tz,
        pid=pid,
        names=list(wb.partners),
        text_ok={s.partner for s in sharing if s.shares_text},
    )
    by_kind: dict[str, list[Entry]] = {}
    for e in shared + private:
        by_kind.setdefault(e.kind, []).append(e)
    columns: dict[str, dict[str, list[Any]]] = {"partners": _partners_rows(sharing, ctx, roles)}
    for name, t in tables().items():
        if t.kind is None:
            continue
        rows = by_kind.get(t.kind, [])
        if not rows:
            continue
        rows.sort(key=lambda e: (pid[e.author], e.created, e.id))
        columns[name] = {c.name: [_cell(c, e, ctx) for e in rows] for c in t.columns}
    _rebase(columns)
    out = {name: arrow_table(tables()[name], cols) for name, cols in columns.items()}
    return ctx.couple, pid, out, notes


def _private_folder(folder: Path) -> None:
    """Make ``folder`` and any missing parents, each new one private (0700).

    Folders that already exist are left as they are: an export written to a shared
    place does not change that place."""
    missing: list[Path] = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for new in reversed(missing):
        with contextlib.suppress(FileExistsError):
            new.mkdir(mode=0o700)
            os.chmod(new, 0o700)


def export_workbook(wb: Workbook, out: str | os.PathLike[str]) -> ExportResult:
    """Write the anonymized export of ``wb`` to ``out`` (a .zip file)."""
    out = Path(out)
    if out.is_dir():
        raise StoreError(R.EXPORT_OUT_EXISTS_DIR.format(path=out))
    couple, pid, tbls, notes = export_tables(wb)
    _private_folder(out.parent)
    manifest = write_export(out, couple=couple, partners=pid.values(), tables_=tbls)
    os.chmod(out, 0o600)  # private wherever it lands, whatever the umask
    rows = {name: info["rows"] for name, info in manifest["tables"].items()}
    return ExportResult(path=out, couple_id=couple, partners=pid, rows=rows, notes=notes)


__all__ = [
    "COUPLE_ID_RE",
    "ExportResult",
    "NoConsent",
    "arrow_table",
    "couple_id",
    "export_tables",
    "export_workbook",
    "pseudonym",
    "write_export",
]

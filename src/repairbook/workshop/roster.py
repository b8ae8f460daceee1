"""The workshop folder: a roster of couples, one secret key per couple, a session plan.

Layout of a workshop folder ``DIR``::

    DIR/workshop.json      name, salt, room token, session plan, couples (label -> folder,
                           key fingerprint); mode 0600
    DIR/links.txt          the keys in the clear, for printing links and handouts; mode 0600;
                           the facilitator may delete it once the handouts are printed
    DIR/c-<random>/        one workbook folder per couple (random names, never from labels)

Keys are ``secrets.token_urlsafe(24)`` (192 bits). ``workshop.json`` stores only
``HMAC-SHA256(salt, key)`` with a per-workshop random salt; a key is checked with
:func:`hmac.compare_digest` against every fingerprint, with no early exit.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import hmac
import io
import json
import os
import re
import secrets
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from repairbook.content import workshop as W

FILE = "workshop.json"
LINKS_FILE = "links.txt"
FORMAT = 1
KEY_BYTES = 24
SALT_BYTES = 16
HASH: Literal["hmac-sha256"] = "hmac-sha256"
#: what a key may look like before it is even hashed (token_urlsafe alphabet)
_KEY_SHAPE = re.compile(r"[A-Za-z0-9_-]{16,128}")
_FOLDER_SHAPE = re.compile(r"c-[0-9a-f]{16}")
#: compared against in place of a revoked key: not hex, so no fingerprint ever equals it
_NEVER = "x" * 64
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
MAX_LABEL = 60
MAX_NAME = 120
MAX_MODULE = 15


class WorkshopError(Exception):
    """A problem the facilitator can fix; its message is one plain sentence."""


def new_key() -> str:
    """A fresh access key: 192 random bits, URL-safe."""
    return secrets.token_urlsafe(KEY_BYTES)


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


# -- the file's shape --------------------------------------------------------------------------


class PlanSession(BaseModel):
    """One session of the plan: which journey modules, when, how long."""

    model_config = ConfigDict(extra="forbid")

    modules: list[int] = Field(default_factory=list)
    date: dt.date | None = None
    minutes: int = Field(default=W.DEFAULT_MINUTES, ge=10, le=600)


class CoupleRecord(BaseModel):
    model_config = ConfigDict(extra="forbid")

    label: str
    folder: str
    key_hash: str | None
    added: str
    removed: str | None = None

    @property
    def active(self) -> bool:
        return self.removed is None and self.key_hash is not None


class WorkshopFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    format: int = FORMAT
    name: str
    created: str
    hash: Literal["hmac-sha256"] = HASH
    salt: str
    room_token: str
    facilitator_hash: str
    plan: list[PlanSession] = Field(default_factory=list)
    couples: list[CoupleRecord] = Field(default_factory=list)


@dataclass(frozen=True)
class Access:
    """Who a key lets in: the facilitator, or one couple."""

    facilitator: bool
    couple: CoupleRecord | None = None


# -- helpers -----------------------------------------------------------------------------------


def check_label(label: str) -> str:
    label = (label or "").strip()
    if not (1 <= len(label) <= MAX_LABEL) or _CONTROL.search(label):
        raise WorkshopError(W.BAD_LABEL)
    return label


def _write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically, readable by its owner only."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    os.chmod(path, 0o600)


def default_plan(start: date | None = None) -> list[PlanSession]:
    """Six weekly sessions of 90 minutes (dated weekly from ``start`` when given)."""
    return [
        PlanSession(
            modules=list(mods),
            date=start + timedelta(weeks=i) if start else None,
            minutes=W.DEFAULT_MINUTES,
        )
        for i, mods in enumerate(W.DEFAULT_SESSIONS)
    ]


# -- the workshop ------------------------------------------------------------------------------


class Workshop:
    """A workshop folder. :meth:`create` a new one or :meth:`open` an existing one;
    every change is written at once (atomically) by :meth:`save`."""

    def __init__(self, root: Path, data: WorkshopFile):
        self.root = root
        self.data = data

    # -- opening -------------------------------------------------------------------------
    @staticmethod
    def exists(root: str | os.PathLike[str]) -> bool:
        return (Path(root) / FILE).is_file()

    @classmethod
    def create(
        cls,
        root: str | os.PathLike[str],
        name: str,
        *,
        start: date | None = None,
    ) -> tuple[Workshop, str]:
        """A new workshop in ``root``; returns it and the facilitator's key (shown once)."""
        root = Path(root)
        name = (name or "").strip()
        if not (1 <= len(name) <= MAX_NAME) or _CONTROL.search(name):
            raise WorkshopError(W.BAD_NAME)
        if cls.exists(root):
            raise WorkshopError(W.ALREADY_WORKSHOP.format(path=root))
        root.mkdir(parents=True, exist_ok=True)
        os.chmod(root, 0o700)
        salt = secrets.token_hex(SALT_BYTES)
        key = new_key()
        data = WorkshopFile(
            name=name,
            created=_now(),
            salt=salt,
            room_token=secrets.token_urlsafe(32),
            facilitator_hash=_fingerprint(salt, key),
            plan=default_plan(start),
        )
        ws = cls(root, data)
        ws.save()
        ws._keep_key("facilitator", "", key)
        return ws, key

    @classmethod
    def open(cls, root: str | os.PathLike[str]) -> Workshop:
        root = Path(root)
        path = root / FILE
        if not path.is_file():
            raise WorkshopError(W.NO_WORKSHOP.format(path=root))
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
            detail = getattr(err, "strerror", None) or type(err).__name__
            raise WorkshopError(W.DAMAGED_WORKSHOP.format(path=path, detail=detail)) from None
        if isinstance(raw, dict) and isinstance(raw.get("format"), int) and raw["format"] > FORMAT:
            raise WorkshopError(W.NEWER_WORKSHOP.format(path=path))
        try:
            data = WorkshopFile.model_validate(raw)
        except ValidationError as err:
            first = err.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            detail = f"{where}: {first['msg']}"
            raise WorkshopError(W.DAMAGED_WORKSHOP.format(path=path, detail=detail)) from None
        return cls(root, data)

    def save(self) -> None:
        text = json.dumps(self.data.model_dump(mode="json"), ensure_ascii=False, indent=2)
        _write_private(self.root / FILE, text + "\n")

    # -- reading ---------------------------------------------------------------------------
    @property
    def name(self) -> str:
        return self.data.name

    @property
    def room_token(self) -> str:
        return self.data.room_token

    @property
    def plan(self) -> list[PlanSession]:
        return self.data.plan

    @property
    def couples(self) -> list[CoupleRecord]:
        """The couples taking part now (removed ones are left out), in the order added."""
        return [c for c in self.data.couples if c.active]

    def couple(self, label: str) -> CoupleRecord:
        want = (label or "").strip().casefold()
        for c in self.couples:
            if c.label.casefold() == want:
                return c
        raise WorkshopError(W.UNKNOWN_LABEL.format(label=label))

    def workbook_path(self, couple: CoupleRecord | str) -> Path:
        """The couple's workbook folder (it exists once the couple has set up)."""
        record = self.couple(couple) if isinstance(couple, str) else couple
        if not _FOLDER_SHAPE.fullmatch(record.folder):
            raise WorkshopError(W.DAMAGED_WORKSHOP.format(path=self.root / FILE, detail="folder"))
        return self.root / record.folder

    def verify(self, key: str | None) -> Access | None:
        """Who ``key`` lets in, or None for a wrong, missing, revoked or altered key.

        Every fingerprint is compared (constant time each, no early exit), so the time
        taken says nothing about which couple, if any, came close."""
        if not key or not _KEY_SHAPE.fullmatch(key):
            return None
        probe = _fingerprint(self.data.salt, key)
        found: CoupleRecord | None = None
        for c in self.data.couples:
            stored = c.key_hash if c.active else None
            if hmac.compare_digest(probe, stored or _NEVER):
                found = c
        facilitator = hmac.compare_digest(probe, self.data.facilitator_hash)
        if facilitator:
            return Access(facilitator=True)
        if found is not None:
            return Access(facilitator=False, couple=found)
        return None

    # -- changing the roster ---------------------------------------------------------------
    def add_couple(
        self, label: str, partners: Sequence[str] | None = None
    ) -> tuple[CoupleRecord, str]:
        """Add a couple; returns its record and its key (the only time the key is returned).

        With ``partners`` (two names) the workbook is created now; without, the couple
        names themselves on the setup page the first time they open their link."""
        from repairbook.store import Workbook

        label = check_label(label)
        if any(c.label.casefold() == label.casefold() for c in self.couples):
            raise WorkshopError(W.LABEL_TAKEN.format(label=label))
        names = [p.strip() for p in partners or []]
        if partners:
            if len(names) != 2:
                raise WorkshopError(W.PARTNERS_NEED_TWO)
            _check_partners(names)
        taken = {c.folder for c in self.data.couples}
        folder = f"c-{secrets.token_hex(8)}"
        while folder in taken or (self.root / folder).exists():  # pragma: no cover - 64 bits
            folder = f"c-{secrets.token_hex(8)}"
        if names:
            Workbook.create(self.root / folder, names).close()
        key = new_key()
        record = CoupleRecord(
            label=label,
            folder=folder,
            key_hash=_fingerprint(self.data.salt, key),
            added=_now(),
        )
        self.data.couples.append(record)
        self.save()
        self._keep_key("couple", label, key)
        return record, key

    def remove_couple(self, label: str, *, delete: bool = False) -> CoupleRecord:
        """Revoke the couple's key (its link opens nothing any more). The workbook
        folder is kept unless ``delete``."""
        record = self.couple(label)
        record.key_hash = None
        record.removed = _now()
        self.save()
        self._forget_key("couple", record.label)
        if delete:
            shutil.rmtree(self.workbook_path(record), ignore_errors=True)
        return record

    def rekey(self, label: str) -> str:
        """A new key for the couple; the old one is revoked. Returns the new key."""
        record = self.couple(label)
        key = new_key()
        record.key_hash = _fingerprint(self.data.salt, key)
        self.save()
        self._keep_key("couple", record.label, key)
        return key

    def rekey_facilitator(self) -> str:
        key = new_key()
        self.data.facilitator_hash = _fingerprint(self.data.salt, key)
        self.save()
        self._keep_key("facilitator", "", key)
        return key

    def set_session(
        self,
        number: int,
        *,
        modules: Sequence[int] | None = None,
        on: date | None = None,
        minutes: int | None = None,
        clear_date: bool = False,
    ) -> PlanSession:
        """Change session ``number`` (1-based); ``len(plan) + 1`` adds a session."""
        plan = self.data.plan
        if not 1 <= number <= len(plan) + 1:
            raise WorkshopError(
                W.BAD_SESSION.format(number=number, last=len(plan), next=len(plan) + 1)
            )
        if number == len(plan) + 1:
            plan.append(PlanSession())
        s = plan[number - 1]
        if modules is not None:
            mods = list(dict.fromkeys(int(m) for m in modules))
            if any(not 0 <= m <= MAX_MODULE for m in mods):
                raise WorkshopError(W.BAD_MODULES)
            s.modules = mods
        if on is not None:
            s.date = on
        if clear_date:
            s.date = None
        if minutes is not None:
            if not 10 <= minutes <= 600:
                raise WorkshopError(W.BAD_MINUTES)
            s.minutes = minutes
        self.save()
        return s

    def remove_session(self, number: int) -> None:
        plan = self.data.plan
        if not 1 <= number <= len(plan):
            raise WorkshopError(
                W.BAD_SESSION.format(number=number, last=len(plan), next=len(plan) + 1)
            )
        del plan[number - 1]
        self.save()

    # -- the keys kept in the clear (links.txt) ------------------------------------------------
    @property
    def links_file(self) -> Path:
        return self.root / LINKS_FILE

    def kept_keys(self) -> dict[tuple[str, str], str] | None:
        """{(kind, label): key} from links.txt, or None when the file was deleted."""
        try:
            text = self.links_file.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        out: dict[tuple[str, str], str] = {}
        for line in text.splitlines():
            if not line or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) == 3 and parts[0] in ("couple", "facilitator"):
                out[(parts[0], parts[1])] = parts[2]
        return out

    def kept_couple_keys(self) -> dict[str, str] | None:
        """{label: key} for every current couple whose key is still kept and still valid."""
        kept = self.kept_keys()
        if kept is None:
            return None
        out: dict[str, str] = {}
        for c in self.couples:
            key = kept.get(("couple", c.label))
            access = self.verify(key) if key else None
            if access and access.couple and access.couple.folder == c.folder:
                out[c.label] = key  # type: ignore[assignment]
        return out

    def kept_facilitator_key(self) -> str | None:
        kept = self.kept_keys() or {}
        key = kept.get(("facilitator", ""))
        access = self.verify(key) if key else None
        return key if access and access.facilitator else None

    def _keep_key(self, kind: str, label: str, key: str) -> None:
        kept = self.kept_keys() or {}
        kept[(kind, label)] = key
        self._write_keys(kept)

    def _forget_key(self, kind: str, label: str) -> None:
        kept = self.kept_keys()
        if kept is None:
            return
        kept.pop((kind, label), None)
        self._write_keys(kept)

    def _write_keys(self, kept: dict[tuple[str, str], str]) -> None:
        lines = [
            "# repairbook workshop keys in the clear, one per line: kind<TAB>label<TAB>key.",
            "# Anyone with a key can open that couple's workbook. Delete this file once the",
            "# handouts are printed; workshop.json keeps only fingerprints of the keys.",
        ]
        lines += [f"{kind}\t{label}\t{key}" for (kind, label), key in kept.items()]
        _write_private(self.links_file, "\n".join(lines) + "\n")


def _fingerprint(salt: str, key: str) -> str:
    return hmac.new(bytes.fromhex(salt), key.encode("utf-8"), hashlib.sha256).hexdigest()


# -- links -------------------------------------------------------------------------------------


def base_url(host: str = "127.0.0.1", port: int = 8866, base: str | None = None) -> str:
    """The room server's address: ``base`` (e.g. an https:// proxy address) or host:port."""
    if base:
        return base if base.endswith("/") else base + "/"
    shown = "127.0.0.1" if host in ("127.0.0.1", "localhost", "") else host
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


def link(ws: Workshop, key: str, base: str) -> str:
    """A couple's (or the facilitator's) link: the room token and the personal key."""
    return f"{base}?token={ws.room_token}&key={key}"


# -- rosters ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RosterRow:
    line: int
    label: str
    partners: tuple[str, ...] = ()


def parse_roster(text: str) -> tuple[list[RosterRow], list[str]]:
    """Rows ``label[,partner_a,partner_b]`` (a header line ``label,...`` is skipped).
    Returns the good rows and one sentence per bad line."""
    good: list[RosterRow] = []
    bad: list[str] = []
    seen: set[str] = set()
    reader = csv.reader(io.StringIO(text))
    for i, row in enumerate(reader, start=1):
        cells = [c.strip() for c in row]
        while cells and not cells[-1]:
            cells.pop()
        if not cells or cells[0].startswith("#"):
            continue
        if i == 1 and cells[0].casefold() == "label":
            continue
        if len(cells) not in (1, 3):
            bad.append(W.ROSTER_BAD_ROW.format(line=i, problem=W.ROSTER_ROW_SHAPE))
            continue
        try:
            label = check_label(cells[0])
            partners = tuple(cells[1:])
            if partners:
                _check_partners(partners)
        except WorkshopError as err:
            bad.append(W.ROSTER_BAD_ROW.format(line=i, problem=str(err)))
            continue
        if label.casefold() in seen:
            bad.append(W.ROSTER_BAD_ROW.format(line=i, problem=W.LABEL_TAKEN.format(label=label)))
            continue
        seen.add(label.casefold())
        good.append(RosterRow(i, label, partners))
    return good, bad


def _check_partners(names: Iterable[str]) -> None:
    from repairbook.content import messages

    names = [n.strip() for n in names]
    if len(names) != 2 or not all(names) or names[0].casefold() == names[1].casefold():
        raise WorkshopError(messages.NEED_TWO_PARTNERS)
    if any(len(n) > 80 or _CONTROL.search(n) for n in names):
        raise WorkshopError(messages.BAD_NAME)


def add_roster(ws: Workshop, text: str) -> tuple[list[tuple[CoupleRecord, str]], list[str]]:
    """Add every good row of a roster; returns [(record, key)] and one sentence per bad line."""
    rows, bad = parse_roster(text)
    added: list[tuple[CoupleRecord, str]] = []
    for row in rows:
        try:
            added.append(ws.add_couple(row.label, row.partners or None))
        except WorkshopError as err:
            bad.append(W.ROSTER_BAD_ROW.format(line=row.line, problem=str(err)))
        except Exception as err:  # noqa: BLE001 - a store error for one row never stops the rest
            bad.append(W.ROSTER_BAD_ROW.format(line=row.line, problem=str(err)))
    return added, bad


def workbook_for(workshop_dir: str | os.PathLike[str], label: str) -> Path:
    """The workbook folder of the couple labelled ``label`` (for module notebooks)."""
    return Workshop.open(workshop_dir).workbook_path(label)


def as_json(ws: Workshop) -> dict[str, Any]:
    return ws.data.model_dump(mode="json")

"""The workshop folder: a roster of couples, secret keys, a session plan, the room's address
and the room's help numbers.

Layout of a workshop folder ``DIR``::

    DIR/workshop.json      name, salt, room token, address, help numbers, session plan,
                           couples (label -> folder, key fingerprints); mode 0600
    DIR/links.txt          the keys in the clear, for printing links and handouts; mode 0600;
                           the facilitator may delete it once the handouts are printed
    DIR/c-<random>/        one workbook folder per couple (random names, never from labels)

Each couple has three keys: the couple's shared key (one page for both, at one device) and
one personal key per partner (that partner's own page, on their own phone). Every key goes
in the link's ``key`` query parameter; :meth:`Workshop.verify` says whose it is
(:class:`Access`: the facilitator, or a couple and ``partner`` 0, 1 or None for the shared
key). Keys are 32 characters from :data:`KEY_ALPHABET` (31 letters and digits without the
look-alikes 0 O 1 l I), about 158 random bits. ``workshop.json`` stores only
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
FORMAT = 2
#: letters and digits a person can read off paper without doubt: no 0 O o 1 l I i
KEY_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
KEY_LENGTH = 32  # 32 * log2(31) = 158 bits
TOKEN_LENGTH = 40  # the room token: 198 bits
SALT_BYTES = 16
HASH: Literal["hmac-sha256"] = "hmac-sha256"
#: what a key may look like before it is even hashed (our alphabet, and the
#: token_urlsafe alphabet of workshops made before it)
_KEY_SHAPE = re.compile(r"[A-Za-z0-9_-]{16,128}")
#: the partners of a couple, by position: 0 is the first name, 1 the second
PARTNERS = (0, 1)
LOOPBACK_HOSTS = ("localhost", "::1", "")
_FOLDER_SHAPE = re.compile(r"c-[0-9a-f]{16}")
#: compared against in place of a revoked key: not hex, so no fingerprint ever equals it
_NEVER = "x" * 64
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
MAX_LABEL = 60
MAX_NAME = 120
MAX_MODULE = 15


class WorkshopError(Exception):
    """A problem the facilitator can fix; its message is one plain sentence."""


def new_key(length: int = KEY_LENGTH) -> str:
    """A fresh access key from :data:`KEY_ALPHABET` (no look-alike characters)."""
    return "".join(secrets.choice(KEY_ALPHABET) for _ in range(length))


def is_loopback(host: str) -> bool:
    """True for an address only this computer can reach (127.0.0.0/8, ::1, localhost)."""
    import ipaddress

    host = (host or "").strip().strip("[]").lower()
    if host in LOOPBACK_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


# -- the file's shape --------------------------------------------------------------------------


class PlanSession(BaseModel):
    """One session of the plan: which journey modules, when, how long."""

    model_config = ConfigDict(extra="forbid")

    modules: list[int] = Field(default_factory=list)
    date: dt.date | None = None
    minutes: int = Field(default=W.DEFAULT_MINUTES, ge=10, le=600)


def _no_partner_keys() -> list[str | None]:
    return [None, None]


class CoupleRecord(BaseModel):
    model_config = ConfigDict(extra="forbid")

    label: str
    folder: str
    key_hash: str | None
    #: the fingerprints of the two partners' personal keys (by position), None when revoked
    partner_hashes: list[str | None] = Field(default_factory=lambda: _no_partner_keys())
    added: str
    removed: str | None = None

    @property
    def active(self) -> bool:
        return self.removed is None and self.key_hash is not None


class Address(BaseModel):
    """Where couples reach the room server: host and port, or a proxy's base URL."""

    model_config = ConfigDict(extra="forbid")

    host: str = "127.0.0.1"
    port: int = Field(default=8866, ge=1, le=65535)
    #: an https:// address when a proxy sits in front (then host and port are where it listens)
    base_url: str | None = None
    #: plain HTTP on a room network (the server was started with its insecure-HTTP flag)
    insecure_http: bool = False

    @property
    def url(self) -> str:
        return base_url(self.host, self.port, self.base_url, insecure_http=self.insecure_http)

    @property
    def loopback(self) -> bool:
        if self.base_url:
            from urllib.parse import urlsplit

            return is_loopback(urlsplit(self.base_url).hostname or "")
        return is_loopback(self.host)


class Helpline(BaseModel):
    """A helpline the room's couples see on Help, safety guidance and module 15."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=120)
    phone: str = Field(default="", max_length=60)
    web: str = Field(default="", max_length=500)


class RoomHelp(BaseModel):
    model_config = ConfigDict(extra="forbid")

    emergency: str = Field(default="", max_length=30)
    helplines: list[Helpline] = Field(default_factory=list)


class WorkshopFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    format: int = FORMAT
    name: str
    created: str
    hash: Literal["hmac-sha256"] = HASH
    salt: str
    room_token: str
    facilitator_hash: str
    address: Address = Field(default_factory=Address)
    help: RoomHelp = Field(default_factory=RoomHelp)
    plan: list[PlanSession] = Field(default_factory=list)
    couples: list[CoupleRecord] = Field(default_factory=list)


@dataclass(frozen=True)
class Access:
    """Who a key lets in: the facilitator, or one couple; with a partner's personal key
    also which partner (0 or 1, by position in the workbook; None for the couple's
    shared key)."""

    facilitator: bool
    couple: CoupleRecord | None = None
    partner: int | None = None


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
            room_token=new_key(TOKEN_LENGTH),
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
        self.data.format = FORMAT
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
        partner: int | None = None
        for c in self.data.couples:
            stored = c.key_hash if c.active else None
            if hmac.compare_digest(probe, stored or _NEVER):
                found, partner = c, None
            for i, ph in enumerate(_pair(c.partner_hashes)):
                if hmac.compare_digest(probe, (ph if c.active else None) or _NEVER):
                    found, partner = c, i
        facilitator = hmac.compare_digest(probe, self.data.facilitator_hash)
        if facilitator:
            return Access(facilitator=True)
        if found is not None:
            return Access(facilitator=False, couple=found, partner=partner)
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
        partner_keys = [new_key() for _ in PARTNERS]
        record = CoupleRecord(
            label=label,
            folder=folder,
            key_hash=_fingerprint(self.data.salt, key),
            partner_hashes=[_fingerprint(self.data.salt, k) for k in partner_keys],
            added=_now(),
        )
        self.data.couples.append(record)
        self.save()
        self._keep_keys(
            {
                ("couple", label): key,
                **{(partner_kind(i), label): k for i, k in enumerate(partner_keys)},
            }
        )
        return record, key

    def remove_couple(self, label: str, *, delete: bool = False) -> CoupleRecord:
        """Revoke the couple's keys (its links open nothing any more, and its open pages
        close). The workbook folder is kept unless ``delete``: then the folder goes, with
        every backup inside it, and nothing of the couple stays in this workshop folder
        but its label and dates in workshop.json."""
        record = self.couple(label)
        record.key_hash = None
        record.partner_hashes = [None, None]
        record.removed = _now()
        self.save()
        self._forget_keys(record.label)
        if delete:
            erase_folder(self.workbook_path(record))
        return record

    def rekey(self, label: str, partner: int | None = None) -> str | dict[str, str]:
        """New keys for the couple; the old ones open nothing (open pages close).

        Without ``partner``: the couple's shared key and both personal keys are renewed,
        and the new shared key is returned. With ``partner`` (0 or 1): only that partner's
        personal key is renewed and returned."""
        record = self.couple(label)
        if partner is not None:
            if partner not in PARTNERS:
                raise WorkshopError(W.BAD_PARTNER_NUMBER)
            key = new_key()
            hashes = _pair(record.partner_hashes)
            hashes[partner] = _fingerprint(self.data.salt, key)
            record.partner_hashes = hashes
            self.save()
            self._keep_keys({(partner_kind(partner), record.label): key})
            return key
        key = new_key()
        partner_keys = [new_key() for _ in PARTNERS]
        record.key_hash = _fingerprint(self.data.salt, key)
        record.partner_hashes = [_fingerprint(self.data.salt, k) for k in partner_keys]
        self.save()
        self._keep_keys(
            {
                ("couple", record.label): key,
                **{(partner_kind(i), record.label): k for i, k in enumerate(partner_keys)},
            }
        )
        return key

    def rekey_facilitator(self) -> str:
        key = new_key()
        self.data.facilitator_hash = _fingerprint(self.data.salt, key)
        self.save()
        self._keep_key("facilitator", "", key)
        return key

    # -- the room's address and help ---------------------------------------------------------
    @property
    def address(self) -> Address:
        return self.data.address

    def set_address(
        self,
        *,
        host: str | None = None,
        port: int | None = None,
        base: str | None = None,
        insecure_http: bool | None = None,
    ) -> Address:
        """Remember where couples reach the room server (links, handouts and serve use it)."""
        current = self.data.address
        new = current.model_copy()
        if host is not None:
            host = host.strip()
            if not host or _CONTROL.search(host) or " " in host or "/" in host:
                raise WorkshopError(W.BAD_HOST)
            new.host = host
        if port is not None:
            if not 1 <= port <= 65535:
                raise WorkshopError(W.BAD_PORT)
            new.port = port
        if base is not None:
            base = base.strip()
            if base and not re.fullmatch(r"https?://[^\s/?#]+(/[^\s?#]*)?", base):
                raise WorkshopError(W.BAD_BASE_URL)
            new.base_url = base or None
        if insecure_http is not None:
            new.insecure_http = insecure_http
        self.data.address = new
        self.save()
        return new

    @property
    def room_help(self) -> RoomHelp:
        return self.data.help

    def set_room_help(
        self,
        *,
        emergency: str | None = None,
        add: Sequence[Helpline] = (),
        remove: Sequence[str] = (),
        clear: bool = False,
    ) -> RoomHelp:
        """Set the room's emergency number; add helplines, or remove them by name."""
        current = self.data.help.model_copy(deep=True)
        if emergency is not None:
            emergency = emergency.strip()
            if emergency and not re.fullmatch(r"[0-9+][0-9 ()+-]{0,29}", emergency):
                raise WorkshopError(W.BAD_EMERGENCY)
            current.emergency = emergency
        if clear:
            current.helplines = []
        gone = {n.strip().casefold() for n in remove}
        unknown = gone - {h.name.casefold() for h in current.helplines}
        if unknown:
            raise WorkshopError(W.UNKNOWN_HELPLINE.format(name=sorted(unknown)[0]))
        current.helplines = [h for h in current.helplines if h.name.casefold() not in gone]
        for h in add:
            if _CONTROL.search(h.name + h.phone + h.web) or not (h.phone or h.web):
                raise WorkshopError(W.BAD_HELPLINE)
            current.helplines = [
                x for x in current.helplines if x.name.casefold() != h.name.casefold()
            ]
            current.helplines.append(h)
        self.data.help = current
        self.save()
        return current

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
            if len(parts) == 3 and parts[0] in KEY_KINDS:
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

    def kept_partner_keys(self) -> dict[str, list[str | None]] | None:
        """{label: [key of partner 1, key of partner 2]} for every current couple (None
        where a key is not kept or no longer valid); None when links.txt was deleted."""
        kept = self.kept_keys()
        if kept is None:
            return None
        out: dict[str, list[str | None]] = {}
        for c in self.couples:
            pair: list[str | None] = []
            for i in PARTNERS:
                key = kept.get((partner_kind(i), c.label))
                access = self.verify(key) if key else None
                ok = access and access.couple and access.couple.folder == c.folder
                pair.append(key if ok and access and access.partner == i else None)
            out[c.label] = pair
        return out

    def kept_facilitator_key(self) -> str | None:
        kept = self.kept_keys() or {}
        key = kept.get(("facilitator", ""))
        access = self.verify(key) if key else None
        return key if access and access.facilitator else None

    def _keep_key(self, kind: str, label: str, key: str) -> None:
        self._keep_keys({(kind, label): key})

    def _keep_keys(self, keys: dict[tuple[str, str], str]) -> None:
        kept = self.kept_keys() or {}
        kept.update(keys)
        self._write_keys(kept)

    def _forget_keys(self, label: str) -> None:
        kept = self.kept_keys()
        if kept is None:
            return
        for kind in ("couple", *(partner_kind(i) for i in PARTNERS)):
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


KEY_KINDS = ("couple", "facilitator", "partner-1", "partner-2")


def partner_kind(position: int) -> str:
    """The links.txt kind of a partner's personal key: partner-1 or partner-2."""
    return f"partner-{position + 1}"


def _pair(hashes: Sequence[str | None]) -> list[str | None]:
    out = list(hashes)[:2]
    return out + [None] * (2 - len(out))


def _fingerprint(salt: str, key: str) -> str:
    return hmac.new(bytes.fromhex(salt), key.encode("utf-8"), hashlib.sha256).hexdigest()


def erase_folder(folder: Path) -> None:
    """Delete a couple's workbook folder with everything in it (its backups and exports
    too). Files are emptied before they are unlinked, so a file another process still
    holds open does not keep the words readable."""
    if not folder.exists():
        return
    for path in sorted(folder.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        try:
            if path.is_file() and not path.is_symlink():
                with open(path, "r+b") as fh:
                    fh.truncate(0)
                    os.fsync(fh.fileno())
        except OSError:
            pass
    shutil.rmtree(folder, ignore_errors=True)
    if folder.exists():
        raise WorkshopError(W.DELETE_FAILED.format(folder=folder))


# -- links -------------------------------------------------------------------------------------


def base_url(
    host: str = "127.0.0.1",
    port: int = 8866,
    base: str | None = None,
    *,
    insecure_http: bool = False,
) -> str:
    """The room server's address: ``base`` (e.g. an https:// proxy address) or host:port,
    https:// unless the host is this computer only or ``insecure_http``."""
    if base:
        return base if base.endswith("/") else base + "/"
    shown = "127.0.0.1" if host in ("127.0.0.1", "localhost", "") else host
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    scheme = "http" if insecure_http or is_loopback(host) else "https"
    return f"{scheme}://{shown}:{port}/"


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
    reader = csv.reader(io.StringIO(text), delimiter=roster_delimiter(text))
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


def roster_delimiter(text: str) -> str:
    """ "," or ";": a spreadsheet saved in many European languages separates cells with
    semicolons. A file with only one of them uses it; with both, the one under which every
    line has a good shape (label, or label and two names) wins; a file where neither or both
    do is refused with a sentence, never turned into odd labels."""
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    semis = any(";" in ln for ln in lines)
    commas = any("," in ln for ln in lines)
    if not (semis and commas):
        return ";" if semis else ","

    def fits(delim: str) -> bool:
        for row in csv.reader(io.StringIO("\n".join(lines)), delimiter=delim):
            cells = [c.strip() for c in row]
            while cells and not cells[-1]:
                cells.pop()
            if len(cells) not in (1, 3):
                return False
        return True

    good = [d for d in (",", ";") if fits(d)]
    if len(good) == 1:
        return good[0]
    raise WorkshopError(W.ROSTER_MIXED)


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


def workshop_of(workbook_path: str | os.PathLike[str]) -> tuple[Workshop, CoupleRecord] | None:
    """(workshop, couple) when this workbook folder belongs to a current couple of a
    workshop (its parent folder holds a workshop.json that lists it); None otherwise."""
    folder = Path(workbook_path).absolute()
    if not _FOLDER_SHAPE.fullmatch(folder.name) or not (folder.parent / FILE).is_file():
        return None
    try:
        ws = Workshop.open(folder.parent)
    except WorkshopError:
        return None
    for c in ws.couples:
        if c.folder == folder.name:
            return ws, c
    return None


def mode_for(workbook_path: str | os.PathLike[str] | None) -> Literal["home", "workshop"]:
    """ "workshop" when this workbook sits in a workshop folder, else "home". The page
    chooses its words about where the couple's words live from this
    (:func:`repairbook.content.workshop.where_words_live`)."""
    if workbook_path is None:
        return "home"
    return "workshop" if workshop_of(workbook_path) else "home"


def room_help_for(workbook_path: str | os.PathLike[str]) -> dict[str, Any]:
    """The room's emergency number and helplines for a couple in a workshop:
    ``{"emergency": "112", "helplines": [{"name", "phone", "web"}, ...]}`` (only what the
    facilitator set); ``{}`` for a workbook outside any workshop."""
    found = workshop_of(workbook_path)
    if found is None:
        return {}
    help_ = found[0].room_help
    out: dict[str, Any] = {"helplines": [h.model_dump() for h in help_.helplines]}
    if help_.emergency:
        out["emergency"] = help_.emergency
    return out


class KeyWatch:
    """Tells an open page whether its key still opens what it opened.

    :meth:`still_valid` costs one ``stat`` of workshop.json while nothing changed; when the
    file changed (a ``remove-couple`` or ``rekey``), the key is checked again. The room page
    calls it every :data:`WATCH_SECONDS` and closes itself when it turns False."""

    def __init__(self, root: str | os.PathLike[str], key: str | None):
        self.root = Path(root)
        self.key = key
        self._stamp: tuple[int, int, int] | None = None
        self._valid = True
        self._who: tuple[str, int | None] | None = None
        access = self._check()
        if access and access.couple:
            self._who = (access.couple.folder, access.partner)
        self._valid = access is not None

    def _check(self) -> Access | None:
        try:
            st = (self.root / FILE).stat()
            self._stamp = (st.st_mtime_ns, st.st_size, st.st_ino)
            return Workshop.open(self.root).verify(self.key)
        except (OSError, WorkshopError):
            return None

    def still_valid(self) -> bool:
        if not self._valid:
            return False
        try:
            st = (self.root / FILE).stat()
        except OSError:
            self._valid = False
            return False
        if (st.st_mtime_ns, st.st_size, st.st_ino) == self._stamp:
            return True
        access = self._check()
        if access is None:
            self._valid = False
        elif access.couple is not None:
            self._valid = (access.couple.folder, access.partner) == self._who
        return self._valid


WATCH_SECONDS = 2.0


def as_json(ws: Workshop) -> dict[str, Any]:
    return ws.data.model_dump(mode="json")

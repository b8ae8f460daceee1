"""Personal links: each partner's own address for the page, for their own phone.

A personal key is random (192 bits, URL-safe). The workbook keeps only its SHA-256
fingerprint (a setting per partner); the page compares fingerprints in constant time. So
that ``repairbook serve`` can show a partner's link again, the key itself is also kept in
``personal-links.json`` in the workbook folder, readable by its owner alone (0600) — the
same folder that holds the workbook, never sent anywhere. Renewing a link makes a new key
(the old one stops working at once); revoking removes it (open pages on it close).
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import secrets
from pathlib import Path

from repairbook.store import StoreError, Workbook

LINKS_FILE = "personal-links.json"
#: 24 random bytes: 192 bits, 32 URL-safe characters
KEY_BYTES = 24


def _fingerprint(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _meta_key(wb: Workbook, name: str) -> str:
    return f"personal_link:{wb.partners.index(wb.partner(name))}"


def _read_file(folder: Path) -> dict[str, str]:
    try:
        data = json.loads((folder / LINKS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _write_file(folder: Path, keys: dict[str, str]) -> None:
    path = folder / LINKS_FILE
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(keys, fh)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    with contextlib.suppress(OSError):
        os.chmod(path, 0o600)


def make_link(wb: Workbook, partner: str, *, renew: bool = False) -> str:
    """The partner's personal key: the current one, or a new one when there is none yet or
    ``renew`` is given (the old key then stops working)."""
    name = wb.partner(partner)
    meta = _meta_key(wb, name)
    keys = _read_file(wb.folder)
    index = meta.split(":", 1)[1]
    current = keys.get(index)
    stored = wb.get_meta(meta) or ""
    if not renew and current and stored and hmac.compare_digest(stored, _fingerprint(current)):
        return current
    key = secrets.token_urlsafe(KEY_BYTES)
    wb.set_meta(meta, _fingerprint(key))
    keys[index] = key
    _write_file(wb.folder, keys)
    return key


def revoke_link(wb: Workbook, partner: str) -> None:
    """The partner's personal link stops working at once (pages open on it close)."""
    name = wb.partner(partner)
    meta = _meta_key(wb, name)
    wb.set_meta(meta, "")
    keys = _read_file(wb.folder)
    keys.pop(meta.split(":", 1)[1], None)
    _write_file(wb.folder, keys)


def partner_for_key(wb: Workbook, key: str | None) -> str | None:
    """Whose personal key this is, or None (missing, altered, renewed or revoked)."""
    if not key or len(key) > 200:
        return None
    fp = _fingerprint(key)
    found = None
    for i, name in enumerate(wb.partners):
        stored = wb.get_meta(f"personal_link:{i}") or ""
        if stored and hmac.compare_digest(stored, fp):
            found = name
    return found


def serve_token(workbook: str | os.PathLike[str]) -> str | None:
    """The page token `repairbook serve` uses for this workbook, kept (0600) beside the
    personal keys so that the addresses a couple saved keep working after a restart.
    None while the workbook does not exist yet (the first visit creates it)."""
    folder = Path(workbook)
    if not (folder / "workbook.sqlite").exists():
        return None
    keys = _read_file(folder)
    token = keys.get("token")
    if not token:
        token = secrets.token_urlsafe(32)
        keys["token"] = token
        _write_file(folder, keys)
    return token


def personal_links(workbook: str | os.PathLike[str], base_url: str) -> list[tuple[str, str]]:
    """(partner, address) for each partner, making a key for whoever has none yet.
    ``base_url`` is the shared address (with its ``?token=…``)."""
    sep = "&" if "?" in base_url else "?"
    try:
        wb = Workbook.open(workbook)
    except StoreError:
        return []
    try:
        return [(n, f"{base_url}{sep}key={make_link(wb, n)}") for n in wb.partners]
    finally:
        wb.close()


class LinkWatch:
    """Tells an open personal page whether its key still opens it: one ``stat`` of the
    links file while nothing changed; when it changed (a renew or revoke), the key is
    checked again against the workbook."""

    def __init__(self, workbook: str | os.PathLike[str], key: str, partner: str):
        self.folder = Path(workbook)
        self.key = key
        self.partner = partner
        self._stamp = self._stat()

    def _stat(self) -> tuple[int, int] | None:
        try:
            st = (self.folder / LINKS_FILE).stat()
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_size)

    def still_valid(self) -> bool:
        stamp = self._stat()
        if stamp == self._stamp and stamp is not None:
            return True
        self._stamp = stamp
        try:
            with Workbook.open(self.folder) as wb:
                return partner_for_key(wb, self.key) == self.partner
        except StoreError:
            return False

"""The certificate the app's server uses for HTTPS on the home network or in a room.

Made on first use with ``cryptography``'s x509 (never by hand): a self-signed certificate
for the addresses the server answers on, kept next to the workbook (or the workshop's
roster) in a ``tls`` folder: ``cert.pem`` (public) and ``key.pem`` (the private key, 0600).
The same certificate is reused on later starts, so a phone that has accepted it once sees
the same fingerprint again; it is only remade when the server is asked to answer on an
address the certificate does not name yet, or when it is close to expiring.

:func:`fingerprint` gives the SHA-256 fingerprint of a folder's certificate (the page's
Help shows it, the server prints it), so a partner can compare the two.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

TLS_DIR = "tls"
CERT_FILE = "cert.pem"
KEY_FILE = "key.pem"
#: how long a made certificate lasts, and how close to its end it is remade
VALID_DAYS = 825
RENEW_DAYS = 30


@dataclass(frozen=True)
class Certificate:
    cert: Path
    key: Path
    fingerprint: str
    names: tuple[str, ...]
    made_now: bool = False


def tls_folder(folder: str | os.PathLike[str]) -> Path:
    return Path(folder) / TLS_DIR


def format_fingerprint(der: bytes) -> str:
    """SHA-256 as colon-separated pairs (what browsers show under "certificate details")."""
    h = hashes.Hash(hashes.SHA256())
    h.update(der)
    return ":".join(f"{b:02X}" for b in h.finalize())


def _load(folder: Path) -> x509.Certificate | None:
    path = tls_folder(folder) / CERT_FILE
    if not path.is_file() or not (tls_folder(folder) / KEY_FILE).is_file():
        return None
    try:
        return x509.load_pem_x509_certificate(path.read_bytes())
    except ValueError:
        return None


def fingerprint(folder: str | os.PathLike[str]) -> str | None:
    """The SHA-256 fingerprint of the certificate kept in ``folder``, or None if there is none."""
    cert = _load(Path(folder))
    if cert is None:
        return None
    return format_fingerprint(cert.public_bytes(serialization.Encoding.DER))


def _names(cert: x509.Certificate) -> set[str]:
    try:
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        return set()
    out = {str(ip) for ip in san.get_values_for_type(x509.IPAddress)}
    out |= {d.lower() for d in san.get_values_for_type(x509.DNSName)}
    return out


def _general_name(name: str) -> x509.GeneralName:
    try:
        return x509.IPAddress(ipaddress.ip_address(name))
    except ValueError:
        return x509.DNSName(name.lower())


def _write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to a file that is 0600 from its first byte, then move it in place."""
    tmp = path.with_name(path.name + ".new")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)


def ensure_certificate(folder: str | os.PathLike[str], hosts: list[str]) -> Certificate:
    """The certificate for ``hosts`` kept in ``folder``, made (or remade) when needed."""
    root = Path(folder)
    wanted = {"localhost", "127.0.0.1"} | {h.strip("[]").lower() for h in hosts if h}
    now = dt.datetime.now(dt.UTC)
    cert = _load(root)
    if cert is not None:
        names = _names(cert)
        fresh = cert.not_valid_after_utc - now > dt.timedelta(days=RENEW_DAYS)
        if wanted <= names and fresh:
            (tls_folder(root) / KEY_FILE).chmod(0o600)
            return Certificate(
                tls_folder(root) / CERT_FILE,
                tls_folder(root) / KEY_FILE,
                format_fingerprint(cert.public_bytes(serialization.Encoding.DER)),
                tuple(sorted(names)),
            )
        wanted |= names  # keep answering where it answered before
    return _make(root, sorted(wanted), now)


def _make(root: Path, names: list[str], now: dt.datetime) -> Certificate:
    folder = tls_folder(root)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    folder.chmod(0o700)
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "repairbook on this computer")])
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=VALID_DAYS))
        .add_extension(
            x509.SubjectAlternativeName([_general_name(n) for n in names]), critical=False
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False
        )
        .sign(key, hashes.SHA256())
    )
    _write_private(
        folder / KEY_FILE,
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
    )
    _write_private(folder / CERT_FILE, cert.public_bytes(serialization.Encoding.PEM))
    (folder / CERT_FILE).chmod(0o644)
    return Certificate(
        folder / CERT_FILE,
        folder / KEY_FILE,
        format_fingerprint(cert.public_bytes(serialization.Encoding.DER)),
        tuple(names),
        made_now=True,
    )


__all__ = ["Certificate", "ensure_certificate", "fingerprint", "format_fingerprint", "tls_folder"]

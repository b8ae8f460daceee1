"""Private-entry encryption: AES-GCM with a key derived by Scrypt from a passphrase.

Nothing here is hand-rolled: the primitives come from ``cryptography``. Each partner
has a random 16-byte salt; a check value (a known plaintext sealed with the key) lets
a wrong passphrase fail clearly before any entry is touched.

Scrypt runs at n = 2**17 (r=8, p=1: about 128 MiB and a few tenths of a second, once
per unlock). Keys made with an earlier default (2**15, or anything from 2**14 up to
below 2**17) are re-derived at the current cost the next time their partner unlocks
(:func:`needs_upgrade`). Lower costs are only ever chosen on purpose (the tests pass
``scrypt_n`` to keep unlocking fast) and are left as they are.
"""

from __future__ import annotations

import os
import unicodedata

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

#: Scrypt cost: 2**17 with r=8 takes ~128 MiB and ~0.4 s, once per unlock.
DEFAULT_SCRYPT_N = 2**17
#: Keys at or above this cost but below the default were made by an earlier default
#: and are upgraded on the next unlock.
LEGACY_SCRYPT_N = 2**14
CHECK_PLAINTEXT = b"repairbook passphrase check v1"
NONCE_BYTES = 12
#: How a private body's associated data is formed. 1: id, kind, author. 2: also the
#: entry's version, so an older version put back in place of the current one no
#: longer opens.
SEAL_FORMAT = 2


def new_salt() -> bytes:
    return os.urandom(16)


def derive_key(passphrase: str, salt: bytes, n: int = DEFAULT_SCRYPT_N) -> bytes:
    kdf = Scrypt(salt=salt, length=32, n=n, r=8, p=1)
    # surrogatepass: a lone surrogate (half an emoji) cannot crash an unlock; any other
    # text encodes exactly as plain UTF-8, so existing keys are unchanged
    return kdf.derive(passphrase.encode("utf-8", "surrogatepass"))


def needs_upgrade(n: int) -> bool:
    """True for a key made with an earlier default cost (see the module's docstring)."""
    return LEGACY_SCRYPT_N <= n < DEFAULT_SCRYPT_N


def upgraded_n(n: int) -> int:
    """The cost a key made at ``n`` is re-derived at when it is re-sealed."""
    return DEFAULT_SCRYPT_N if needs_upgrade(n) else n


def aad(eid: str, kind: str, author: str, version: int, fmt: int = SEAL_FORMAT) -> bytes:
    """The associated data a private body is sealed with."""
    if fmt <= 1:
        return f"{eid}|{kind}|{author}".encode()
    return f"{eid}|{kind}|{author}|v{version}".encode()


def seal(key: bytes, plaintext: bytes, aad: bytes) -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    return nonce + AESGCM(key).encrypt(nonce, plaintext, aad)


def open_sealed(key: bytes, blob: bytes, aad: bytes) -> bytes:
    """Decrypt; raises ``InvalidTag`` if the key is wrong or the bytes were changed."""
    if len(blob) < NONCE_BYTES + 16:
        raise InvalidTag()
    return AESGCM(key).decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], aad)


def make_check(key: bytes) -> bytes:
    return seal(key, CHECK_PLAINTEXT, b"check")


def verify_check(key: bytes, check: bytes) -> bool:
    try:
        return open_sealed(key, check, b"check") == CHECK_PLAINTEXT
    except (InvalidTag, ValueError):
        return False


#: Words so common in passphrases that they add almost nothing.
_COMMON = frozenset(
    [
        "password",
        "passphrase",
        "passwort",
        "secret",
        "letmein",
        "welcome",
        "qwerty",
        "azerty",
        "iloveyou",
        "love",
        "admin",
        "login",
        "monkey",
        "dragon",
        "sunshine",
        "princess",
        "football",
        "baseball",
        "trustno1",
        "abc123",
        "123456",
        "12345678",
        "123456789",
        "repairbook",
        "trust",
    ]
)


def passphrase_hint(passphrase: str, *, names: tuple[str, ...] = ()) -> str | None:
    """A short, kind hint when a passphrase looks easy to guess, else None.

    It never blocks: pages show it beside the field and save whatever the person
    chooses (the only hard rule is 8 characters). ``names`` are words to count as
    easy to guess (the partners' names)."""
    p = unicodedata.normalize("NFC", passphrase or "")
    low = p.casefold()
    words = [w for w in "".join(c if c.isalnum() else " " for c in low).split() if w]
    if len(set(p)) <= 3:
        return "This repeats a few characters; a few unrelated words are much harder to guess."
    if low.strip() in _COMMON or (words and all(w in _COMMON for w in words)):
        return "This is one of the first things a guesser tries. A few unrelated words work well."
    for name in names:
        n = name.casefold().strip()
        if n and n in low and len(low) - len(n) < 8:
            return "A name is easy to guess for anyone who knows you. Add a few unrelated words."
    if low.isdigit():
        return "Only digits are quick to guess (dates especially). A few words work better."
    if _sequence(low):
        return (
            "Keyboard rows and counting runs are quick to guess. A few unrelated words work well."
        )
    if len(p) < 12 and len(words) < 3:
        return "Longer is stronger: three or four unrelated words are easy to remember."
    return None


def _sequence(s: str) -> bool:
    """True when most of ``s`` walks up or down a run (abcd, 4321, qwerty)."""
    rows = ("abcdefghijklmnopqrstuvwxyz", "0123456789", "qwertyuiop", "asdfghjkl", "zxcvbnm")
    compact = "".join(c for c in s if c.isalnum())
    if len(compact) < 4:
        return False
    steps = 0
    for a, b in zip(compact, compact[1:], strict=False):
        if any((a + b) in r or (b + a) in r for r in rows):
            steps += 1
    return steps >= len(compact) - 2


__all__ = [
    "DEFAULT_SCRYPT_N",
    "SEAL_FORMAT",
    "InvalidTag",
    "aad",
    "derive_key",
    "make_check",
    "needs_upgrade",
    "new_salt",
    "open_sealed",
    "passphrase_hint",
    "seal",
    "upgraded_n",
    "verify_check",
]

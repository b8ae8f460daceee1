"""Private-entry encryption: AES-GCM with a key derived by Scrypt from a passphrase.

Nothing here is hand-rolled: the primitives come from ``cryptography``. Each partner
has a random 16-byte salt; a check value (a known plaintext sealed with the key) lets
a wrong passphrase fail clearly before any entry is touched.
"""

from __future__ import annotations

import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

#: Scrypt cost: 2**15 with r=8 takes ~32 MiB and ~0.1 s, once per unlock.
DEFAULT_SCRYPT_N = 2**15
CHECK_PLAINTEXT = b"repairbook passphrase check v1"
NONCE_BYTES = 12


def new_salt() -> bytes:
    return os.urandom(16)


def derive_key(passphrase: str, salt: bytes, n: int = DEFAULT_SCRYPT_N) -> bytes:
    kdf = Scrypt(salt=salt, length=32, n=n, r=8, p=1)
    # surrogatepass: a lone surrogate (half an emoji) cannot crash an unlock; any other
    # text encodes exactly as plain UTF-8, so existing keys are unchanged
    return kdf.derive(passphrase.encode("utf-8", "surrogatepass"))


def seal(key: bytes, plaintext: bytes, aad: bytes) -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    return nonce + AESGCM(key).encrypt(nonce, plaintext, aad)


def open_sealed(key: bytes, blob: bytes, aad: bytes) -> bytes:
    """Decrypt; raises ``InvalidTag`` if the key is wrong or the bytes were changed."""
    return AESGCM(key).decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], aad)


def make_check(key: bytes) -> bytes:
    return seal(key, CHECK_PLAINTEXT, b"check")


def verify_check(key: bytes, check: bytes) -> bool:
    try:
        return open_sealed(key, check, b"check") == CHECK_PLAINTEXT
    except InvalidTag:
        return False


__all__ = [
    "DEFAULT_SCRYPT_N",
    "InvalidTag",
    "derive_key",
    "make_check",
    "new_salt",
    "open_sealed",
    "seal",
    "verify_check",
]

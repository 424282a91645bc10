"""SHA-256 and BLAKE2b without loading OpenSSL: ``hashlib`` costs 2–6 ms at import.

CPython ships its own SHA-256 as a small built-in module (``_sha256`` up to 3.11, ``_sha2``
from 3.12) and its own BLAKE2 (``_blake2``, which ``hashlib`` itself uses); they give the
same digests as ``hashlib``. We fall back to ``hashlib`` where they do not exist (another
interpreter).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_sha256: Callable[[bytes], Any]
try:
    from _sha256 import sha256 as _sha256  # type: ignore[import-not-found,no-redef]
except ImportError:  # pragma: no cover - depends on the Python version
    try:
        from _sha2 import sha256 as _sha256  # type: ignore[import-not-found,no-redef]
    except ImportError:
        from hashlib import sha256 as _sha256

_blake2b: Callable[..., Any]
try:
    from _blake2 import blake2b as _blake2b  # type: ignore[import-not-found,no-redef,unused-ignore]
except ImportError:  # pragma: no cover - another interpreter
    from hashlib import blake2b as _blake2b


def sha256_hex(data: bytes) -> str:
    """The SHA-256 of ``data`` as 64 hex digits, like ``hashlib.sha256(data).hexdigest()``."""
    return str(_sha256(data).hexdigest())


def blake2b_digest(data: bytes, size: int) -> bytes:
    """The BLAKE2b digest of ``data``, ``size`` bytes long, like
    ``hashlib.blake2b(data, digest_size=size).digest()``."""
    digest: bytes = _blake2b(data, digest_size=size).digest()
    return digest

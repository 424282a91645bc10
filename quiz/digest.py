"""SHA-256 without loading OpenSSL: ``hashlib`` costs ~6 ms at import, most of a cold start.

CPython ships its own SHA-256 as a small built-in module (``_sha256`` up to 3.11, ``_sha2``
from 3.12); it gives the same digests as ``hashlib.sha256``. We fall back to ``hashlib`` where
neither exists (another interpreter).
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


def sha256_hex(data: bytes) -> str:
    """The SHA-256 of ``data`` as 64 hex digits, like ``hashlib.sha256(data).hexdigest()``."""
    return str(_sha256(data).hexdigest())

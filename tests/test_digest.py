"""The OpenSSL-free SHA-256 gives exactly hashlib's digests (stored hashes depend on it)."""

from __future__ import annotations

import hashlib

from hypothesis import given
from hypothesis import strategies as st

from quiz.digest import sha256_hex


@given(st.binary(max_size=4096))
def test_same_digest_as_hashlib(data: bytes) -> None:
    assert sha256_hex(data) == hashlib.sha256(data).hexdigest()


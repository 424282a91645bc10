"""The OpenSSL-free SHA-256 and BLAKE2b give exactly hashlib's digests (stored hashes and
the near-duplicate search depend on them)."""

from __future__ import annotations

import hashlib

from hypothesis import given
from hypothesis import strategies as st

from quiz.digest import blake2b_digest, sha256_hex


@given(st.binary(max_size=4096))
def test_same_digest_as_hashlib(data: bytes) -> None:
    assert sha256_hex(data) == hashlib.sha256(data).hexdigest()



@given(st.binary(max_size=4096), st.integers(1, 64))
def test_same_blake2b_as_hashlib(data: bytes, size: int) -> None:
    assert blake2b_digest(data, size) == hashlib.blake2b(data, digest_size=size).digest()

"""The OpenSSL-free SHA-256 gives exactly hashlib's digests (stored hashes depend on it)."""

from __future__ import annotations

import hashlib

from hypothesis import given
from hypothesis import strategies as st

from quiz.digest import sha256, sha256_hex


@given(st.binary(max_size=4096))
def test_same_digest_as_hashlib(data: bytes) -> None:
    assert sha256_hex(data) == hashlib.sha256(data).hexdigest()


@given(st.lists(st.binary(max_size=512), max_size=8))
def test_incremental_hash_matches_hashlib(parts: list[bytes]) -> None:
    ours, theirs = sha256(), hashlib.sha256()
    for part in parts:
        ours.update(part)
        theirs.update(part)
    assert ours.hexdigest() == theirs.hexdigest()

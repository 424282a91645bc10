"""The checks made on a file's bytes before parsing judge as they always did.

``yaml_source._check_depth`` and ``estimate_nodes`` were rewritten to do their scanning in C
(``bytes.translate``, a regular expression that jumps from newline to newline). The first
versions, simple loops over the whole file, are kept here as the oracles: on any text the new
ones must refuse the same files at the same place with the same words, and count the same.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.bank import yaml_source
from quiz.bank.yaml_source import (
    MAX_DEPTH,
    SourceProblem,
    _check_depth,
    _position,
    estimate_nodes,
)
from tests.hypothesis_budget import examples

_BRACKETS = re.compile(rb"[\[\]{}]")
_DEEP_INDENT = re.compile(rb"^[ \t?:-]{%d,}" % (MAX_DEPTH * 4), re.MULTILINE)


def _oracle_depth(data: bytes) -> tuple[int, int, str] | None:
    """The first version of the depth check: (line, column, message) of its refusal."""
    depth = 0
    for match in _BRACKETS.finditer(data):
        if match.group() in b"[{":
            depth += 1
            if depth > MAX_DEPTH:
                line, col = _position(data, match.start())
                return line, col, f"nested more than {MAX_DEPTH} levels deep"
        elif depth:
            depth -= 1
    deep = _DEEP_INDENT.search(data)
    if deep:
        line = data.count(b"\n", 0, deep.start()) + 1
        return line, 1, f"indented or nested more than {MAX_DEPTH} levels deep"
    return None


def _oracle_nodes(data: bytes) -> int:
    return 2 * sum(data.count(c) for c in (b":", b"-", b",", b"[", b"{", b"?")) + 1


def _judged(data: bytes) -> tuple[int, int, str] | None:
    try:
        _check_depth(data, "f.yaml")
    except SourceProblem as problem:
        d = problem.diagnostic
        assert d.path == "f.yaml"
        return d.line, d.column, d.message
    return None


PIECES = st.sampled_from([
    b"[", b"]", b"{", b"}", b"[" * 30, b"{" * 30, b"]" * 10, b"\n", b"\r\n", b" " * 64,
    b" " * 200, b"- " * 40, b"? ", b": ", b"\t" * 50, b"a", b"key: ", b"'[", b"\xc3\xa9",
])
TEXTS = st.lists(PIECES, max_size=40).map(b"".join)


@settings(max_examples=examples(500), deadline=None)
@given(TEXTS)
def test_depth_check_refuses_as_the_first_version(data: bytes) -> None:
    assert _judged(data) == _oracle_depth(data)


@settings(max_examples=examples(300), deadline=None)
@given(st.binary(max_size=300) | TEXTS)
def test_node_estimate_counts_as_the_first_version(data: bytes) -> None:
    assert estimate_nodes(data) == _oracle_nodes(data)


INDENT = MAX_DEPTH * 4
EDGES = (b"[" * MAX_DEPTH, b"[" * (MAX_DEPTH + 1), b"{[" * 33, b"x\n" + b"[" * 65,
         b" " * INDENT + b"x", b" " * (INDENT - 1) + b"x", b"a\n" + b" " * INDENT,
         b"a\n\n" + b"- " * (INDENT // 2) + b"x", b"[]" * 500, b"[" * 64 + b"]" + b"[",
         b"]" * 70 + b"[" * 64, b"a\r" + b" " * INDENT, b"x" * 300 + b"\n" + b" " * INDENT,
         b"x\n" * 100 + b"\n" + b"?\t:-" * (INDENT // 4) + b"y", b"a: [" * 65 + b"]" * 65)


def test_depth_edges() -> None:
    """At the cap and one past it, in flow and in block, first line and later lines."""
    for data in EDGES:
        assert _judged(data) == _oracle_depth(data), data[:20]
    assert _judged(b"[" * (MAX_DEPTH + 1)) is not None
    assert _judged(b"x\n" + b" " * INDENT) == (2, 1, f"indented or nested more than {MAX_DEPTH} "
                                                     "levels deep")


@pytest.mark.parametrize("piece", [1, 7, 64, 255, 256, 257, 1000])
def test_depth_edges_in_pieces(piece: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yaml_source, "_PIECE", piece)
    for data in EDGES:
        assert _judged(data) == _oracle_depth(data), data[:20]
        assert estimate_nodes(data) == _oracle_nodes(data)


@settings(max_examples=examples(300), deadline=None)
@given(TEXTS, st.integers(1, 300))
def test_in_small_pieces_the_checks_judge_the_same(data: bytes, piece: int) -> None:
    """A large file is scanned a piece at a time; with pieces of a few bytes, lines and
    bracket runs cross every boundary, and the verdicts must not change."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(yaml_source, "_PIECE", piece)
        assert _judged(data) == _oracle_depth(data)
        assert estimate_nodes(data) == _oracle_nodes(data)

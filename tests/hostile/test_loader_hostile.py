"""Every broken file ends in our own error, located, quickly; nasty text loads literally."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from quiz.bank.load import load, load_text
from quiz.errors import BankError
from tests.hostile.corpus import LESSON, NASTY_TEXTS, bank_with, broken

CPU_BUDGET_SECONDS = 10.0
BROKEN_NAMES = [
    "alias-bomb", "object-tag", "custom-tag", "deep-flow", "deep-block", "huge-line",
    "invalid-utf8", "nul-bytes", "binary", "top-level-list", "empty", "only-comments",
    "two-documents", "bad-indent", "control-in-key", "merge-key",
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile") / "question_banks"
    files = broken(folder)
    (folder / "hostile.lesson.yaml").write_text(LESSON, encoding="utf-8")
    return files


@pytest.mark.parametrize("name", BROKEN_NAMES)
def test_broken_file_gives_a_located_error_quickly(name: str, corpus: dict[str, Path]) -> None:
    started = time.process_time()  # CPU time: a loaded machine does not slow it
    result = load([corpus[name]])
    took = time.process_time() - started
    errors = [d for d in result.errors if d.path.endswith(f"{name}.yaml")]
    assert errors, f"{name} loaded without an error"
    assert all(d.line >= 1 and d.column >= 1 for d in errors)
    assert all("\x1b" not in str(d) or "\\x1b" in str(d) for d in errors)
    # a generous CPU budget that only exponential or unbounded work could exceed
    assert took < CPU_BUDGET_SECONDS, f"{name} took {took:.1f} s of CPU"


def test_object_tag_is_never_executed(corpus: dict[str, Path]) -> None:
    marker = Path("/tmp/quiz-pwned")
    marker.unlink(missing_ok=True)
    load([corpus["object-tag"]])
    assert not marker.exists()


def test_alias_bomb_is_refused_as_too_large(corpus: dict[str, Path]) -> None:
    messages = [d.message for d in load([corpus["alias-bomb"]]).errors]
    assert any("aliases expand" in m for m in messages)


@pytest.mark.parametrize("name", sorted(NASTY_TEXTS))
def test_nasty_text_loads_literally(name: str) -> None:
    text = NASTY_TEXTS[name]
    catalog = load_text(bank_with(text).replace("lesson: hostile\n", LESSON))
    question = catalog.banks[0].questions[0]
    assert question.stem == text
    assert question.choices[1].feedback == text


def test_arbitrary_garbage_only_raises_our_error() -> None:
    for blob in (b"\xff\xfe\x00", b"{{{{", b"bank: [", b"- - - -", "bank: \u0000".encode()):
        with pytest.raises(BankError):
            load_text(blob)

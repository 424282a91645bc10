"""Importing uses memory in proportion to the file (issue 11 #9).

4 MB of ``{}`` questions took 811 MB (about 200 ×) because every line, every question's text
and every warning was held at once. The readers now go question by question, a long run of
warnings is counted rather than kept, and caps bound what one file can make: at most
``MAX_QUESTIONS`` questions and ``MAX_CHOICES`` answers a question.

* A file that imports no question (skipped, described, broken) peaks under 20 × its size.
* So does a file of ordinary short questions.
* A file of the smallest questions GIFT allows (``Q{T}``, 5 bytes) cannot: each imported
  question is a few hundred bytes of objects whatever its size. There the bound is 20 × the
  file plus a fixed cost per question imported, which is linear too.
"""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable, Mapping

import pytest

from quiz.errors import BankError
from quiz.formats import common
from quiz.formats.aiken import read_aiken
from quiz.formats.common import ImportResult
from quiz.formats.gift import read_gift

SIZE = 1 << 18  # ratios do not depend on size once it is linear; tracemalloc is slow
RATIO = 20
PER_QUESTION = 600
"""Bytes an imported question may cost on top of the file (it measures about 400)."""

Reader = Callable[[str, str], ImportResult]

NO_QUESTION = {
    "gift-essays": (read_gift, "{}\n\n"),
    "gift-descriptions": (read_gift, "x\n\n"),
    "gift-numerical": (read_gift, "Q{#1}\n\n"),
    "gift-errors": (read_gift, "}\n\n"),
    "gift-comments": (read_gift, "//\n"),
    "gift-blank-lines": (read_gift, "\n"),
    "gift-open-braces": (read_gift, "{\n\n"),
    "gift-many-answers": (read_gift, "Q{=a " + "~a " * (SIZE // 3) + "}"),
    "gift-many-pairs": (read_gift, "Q{" + "=1 -> a " * (SIZE // 8) + "}"),
    "aiken-skipped": (read_aiken, "Q\nA. a\nANSWER: A\n"),
    "aiken-errors": (read_aiken, "A. a\n"),
    "aiken-many-options": (read_aiken, "Q\n" + "A. a\n" * (SIZE // 5) + "ANSWER: A\n"),
}
ORDINARY = {
    "gift-single": (read_gift, "::q1:: Which phase serves users? {=Inference ~Training}\n\n"),
    "gift-multiple": (read_gift, "Pick the two that learn {~%50%fit ~%50%train ~%-100%serve}"
                                 "\n\n"),
    "aiken-single": (read_aiken, "Which phase serves users?\nA. Training\nB. Inference\n"
                                 "ANSWER: B\n\n"),
}
TINY = {
    "gift-single": (read_gift, "Q{=a ~b}\n\n"),
    "gift-true-false": (read_gift, "Q{T}\n\n"),
    "gift-titled": (read_gift, "::q::Q{=a ~b}\n\n"),
    "aiken-single": (read_aiken, "Q\nA. a\nB. b\nANSWER: A\n\n"),
}


def fill(unit: str) -> str:
    return unit if len(unit) >= SIZE else unit * (SIZE // len(unit))


def peak_of(reader: Reader, text: str) -> tuple[int, int]:
    """Peak traced bytes while reading ``text``, and how many questions it gave."""
    tracemalloc.start()
    try:
        try:
            count = len(reader(text, "big.txt").questions)
        except BankError:
            count = 0
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return peak, count


# the cases measured at over 2 s (tracemalloc slows GIFT's many small objects): marked slow
SLOW_SHAPES = {"gift-single", "gift-true-false", "gift-titled", "gift-essays",
               "gift-descriptions", "gift-errors"}


def _cases(shapes: Mapping[str, object]) -> list[object]:
    """Each shape as a case, the ones in SLOW_SHAPES marked slow."""
    return [pytest.param(shape, marks=pytest.mark.slow) if shape in SLOW_SHAPES else shape
            for shape in sorted(shapes)]


@pytest.mark.parametrize("shape", _cases(NO_QUESTION))
def test_a_file_that_imports_nothing_peaks_under_20_times_its_size(shape: str) -> None:
    reader, unit = NO_QUESTION[shape]
    text = fill(unit)
    peak, count = peak_of(reader, text)
    assert count == 0
    assert peak < RATIO * len(text), f"{shape}: peak {peak / len(text):.0f} × the file size"


@pytest.mark.parametrize("shape", sorted(ORDINARY))
def test_ordinary_questions_peak_under_20_times_the_file(shape: str) -> None:
    reader, unit = ORDINARY[shape]
    text = fill(unit)
    peak, count = peak_of(reader, text)
    assert count == len(text) // len(unit)
    assert peak < RATIO * len(text), f"{shape}: peak {peak / len(text):.0f} × the file size"


@pytest.mark.parametrize("shape", _cases(TINY))
def test_the_smallest_questions_cost_a_fixed_amount_each(shape: str) -> None:
    reader, unit = TINY[shape]
    text = unit * min(SIZE // len(unit), common.MAX_QUESTIONS - 1)
    peak, count = peak_of(reader, text)
    assert count == len(text) // len(unit)
    assert peak < RATIO * len(text) + PER_QUESTION * count, (
        f"{shape}: {(peak - RATIO * len(text)) / count:.0f} bytes a question over 20 × the file")


def test_warnings_past_the_listed_number_are_counted_in_one_line() -> None:
    result = read_gift("{}\n\n" * (common.MAX_LISTED + 5), "e.gift")
    assert len(result.diagnostics) == common.MAX_LISTED + 1
    last = result.diagnostics[-1]
    assert "5 more warning(s)" in last.message
    assert (last.path, last.line) == ("e.gift", 2 * common.MAX_LISTED + 1)


@pytest.mark.parametrize("reader,unit", [(read_gift, "Q{=a ~b}\n\n"),
                                         (read_aiken, "Q\nA. a\nB. b\nANSWER: A\n\n")])
def test_reading_stops_at_the_question_cap_with_a_located_error(
        reader: Reader, unit: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common, "MAX_QUESTIONS", 3)
    with pytest.raises(BankError) as caught:
        reader(unit * 10, "many.txt")
    (first,) = caught.value.diagnostics
    assert "more than 3 questions" in first.message and "split the file" in first.message
    assert first.line == 2 * unit.count("\n") + 1


def test_a_question_with_too_many_answers_is_skipped_with_a_count() -> None:
    result = read_gift("Q{=a " + "~b " * 150 + "}\n\nR{=a ~b}", "t.gift")
    assert [q.stem for q in result.questions] == ["R"]
    assert "151 answers" in result.diagnostics[0].message

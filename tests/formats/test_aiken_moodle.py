"""Aiken as Moodle reads it (question/format/aiken/format.php in moodle/moodle).

Moodle takes any line that starts with a capital letter and ``.`` or ``)`` as an option, with
or without a space after the label (``/^[A-Z][).][ \\t]?/``), and its own test fixture
``tests/fixtures/aiken_errors.txt`` imports ``A)Text`` options. A question left without its
``ANSWER:`` line is reported where the next question starts, and that next question is read.
The file below has the same cases as Moodle's fixture, in our own words (issue 11 #14).
"""

from __future__ import annotations

import pytest

from quiz.errors import BankError, Severity
from quiz.formats.aiken import read_aiken, write_aiken
from quiz.formats.common import stub_lesson
from quiz.model import Bank, Choice, Phase, Question, QuestionType

CASES = """\
Only one option here
A) Lonely
ANSWER: A

A) An option with no question

ANSWER: An answer with no question

A sound question
A) Right
B) Wrong
ANSWER: A

A question never finished
A) Almost
B) Nearly

Options without a space
A)Wrong, no space
B)Right, no space
C.Also wrong
ANSWER: B
"""


def test_the_moodle_cases_are_located_and_unspaced_options_are_not_errors() -> None:
    with pytest.raises(BankError) as caught:
        read_aiken(CASES, "cases.txt")
    found = {d.line: d.message for d in caught.value.diagnostics}
    assert "before any question text" in found[5]
    assert "before any options" in found[7]
    assert "ANSWER" in found[18]  # the unfinished question, at the line where Moodle says
    assert set(found) == {5, 7, 18}  # nothing about lines 19-22
    assert all(d.severity is Severity.ERROR for d in caught.value.diagnostics)


def test_too_few_options_is_a_skipped_question() -> None:
    result = read_aiken(CASES.split("\n\n", 1)[0] + "\n\nFine\nA. x\nB. y\nANSWER: B\n", "s")
    assert [q.stem for q in result.questions] == ["Fine"]
    assert "at least two options" in result.diagnostics[0].message


def test_options_without_a_space_after_the_label_import() -> None:
    text = ("Options without a space\nA)Wrong, no space\nB)Right, no space\nC.Also wrong\n"
            "ANSWER: B\n")
    (question,) = read_aiken(text, "s.txt").questions
    assert question.stem == "Options without a space"
    assert question.choices == (Choice("a", "Wrong, no space"),
                                Choice("b", "Right, no space", True), Choice("c", "Also wrong"))


def test_the_question_after_an_unfinished_one_is_read() -> None:
    text = "First\nA. x\nB. y\nSecond\nA. p\nB. q\nANSWER: B\n"
    with pytest.raises(BankError) as caught:
        read_aiken(text, "s.txt")
    assert [(d.line, d.severity) for d in caught.value.diagnostics] == [(4, Severity.ERROR)]


def test_export_refuses_a_stem_that_moodle_would_read_as_an_option() -> None:
    stem = Question("s1", QuestionType.SINGLE, Phase.TRAINING, ("LO1",), "A.I. learns",
                    (Choice("a", "x", True), Choice("b", "y")), "Because.")
    exported = write_aiken([Bank("b", "B", stub_lesson("l"), (stem,))])
    assert exported.count == 0
    assert any("reads like an Aiken option" in n.message for n in exported.notes)

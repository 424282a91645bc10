"""Aiken: reading, located errors, what export skips, and export → import round trips."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.errors import BankError, Severity
from quiz.formats.aiken import read_aiken, write_aiken
from quiz.formats.common import stub_lesson
from quiz.model import Bank, Choice, Phase, Question, QuestionType
from quiz.text import PHASE_PROMPT
from tests.formats.formats_strategies import banks
from tests.hypothesis_budget import examples

ASCII_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
SAMPLE = """Which phase turns a new input into a prediction?
A. Training
B) Inference
C. Evaluation
ANSWER: B

A model is retrained every night.
Which phase is the nightly job?
A. Training
B. Inference
ANSWER: A
"""


def test_reads_questions_with_both_option_styles_and_multi_line_stems() -> None:
    result = read_aiken(SAMPLE, "s.aiken")
    first, second = result.questions
    assert first.type is QuestionType.SINGLE
    assert first.stem == "Which phase turns a new input into a prediction?"
    assert first.choices == (Choice("a", "Training"), Choice("b", "Inference", True),
                             Choice("c", "Evaluation"))
    assert (second.line, second.column) == (7, 1)
    assert second.stem == "A model is retrained every night.\nWhich phase is the nightly job?"
    assert [c.correct for c in second.choices] == [True, False]
    assert result.diagnostics == []


def test_several_letters_become_a_multiple_question_with_a_warning() -> None:
    result = read_aiken("Pick two\nA. x\nB. y\nC. z\nANSWER: A, C\n", "s.aiken")
    assert result.questions[0].type is QuestionType.MULTIPLE
    assert [c.correct for c in result.questions[0].choices] == [True, False, True]
    assert [d.severity for d in result.diagnostics] == [Severity.WARNING]


@pytest.mark.parametrize("text,where,what", [
    ("A. lonely option\n", (1, 1), "before any question"),
    ("Q?\nA. x\nB. y\n", (1, 1), "no 'ANSWER"),
    ("Q?\nA. x\nB. y\nANSWER: D\n", (4, 1), "not one of the options"),
    ("Q?\nA. x\nB. y\nANSWER: maybe\n", (4, 1), "must name an option letter"),
    ("Q?\nA. x\nstray text\nANSWER: A\n", (3, 1), "text after the options"),
    ("Q?\nA. x\nA. y\nANSWER: A\n", (1, 1), "listed twice"),
    ("ANSWER: A\n", (1, 1), "before any options"),
])
def test_errors_are_located(text: str, where: tuple[int, int], what: str) -> None:
    with pytest.raises(BankError) as caught:
        read_aiken(text, "s.aiken")
    first = caught.value.diagnostics[0]
    assert (first.line, first.column) == where
    assert what in first.message


def test_export_skips_what_aiken_cannot_hold_and_names_each_question() -> None:
    single = Question("s1", QuestionType.SINGLE, Phase.TRAINING, ("LO1",), "Pick\none",
                      (Choice("a", "x", True), Choice("b", "y", False, "why")), "Because.")
    multiple = Question("m1", QuestionType.MULTIPLE, Phase.TRAINING, ("LO1",), "Pick",
                        (Choice("a", "x", True), Choice("b", "y", True), Choice("c", "z")), "B.")
    ordering = Question("o1", QuestionType.ORDERING, Phase.TRAINING, ("LO1",), "Order",
                        (Choice("a", "x"), Choice("b", "y")), "B.")
    phase = Question("p1", QuestionType.PHASE, Phase.INFERENCE, ("LO1",), "Serving",
                     (Choice("training", "Training"), Choice("inference", "Inference", True)),
                     "B.", shuffle=False)
    exported = write_aiken([Bank("b", "B", stub_lesson("l"), (single, multiple, ordering,
                                                              phase))])
    text = exported.data.decode()
    assert text.startswith("Pick one\nA. x\nB. y\nANSWER: A\n")
    assert f"Serving {PHASE_PROMPT}\nA. Training\nB. Inference\nANSWER: B" in text
    skipped = {n.question_id for n in exported.notes if "skipped" in n.message}
    assert skipped == {"m1", "o1"}
    assert exported.count == 2
    assert any("feedback" in n.message for n in exported.notes)


_WORD = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp", "Zs"),
                  blacklist_characters="\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068"
                  "\u2069\ufeff\ufffe\uffff\x85"),
    min_size=1, max_size=8,
).filter(lambda w: not w.isspace() and w.split() == [w])
aiken_text = st.lists(_WORD, min_size=1, max_size=5).map(" ".join)


@settings(max_examples=examples(200), deadline=None)
@given(banks(texts=aiken_text, kinds=(QuestionType.SINGLE,)))
def test_aiken_export_then_import_keeps_single_choice_questions(bank: Bank) -> None:
    exported = write_aiken([bank])
    skipped = {n.question_id for n in exported.notes if n.question_id}
    kept = [q for q in bank.questions if q.id not in skipped]
    for question in bank.questions:  # only stems that read like an option or answer line
        if question.id in skipped:
            stem = question.stem
            # Moodle's rule: a capital and '.' or ')' start an option, space or not
            option = stem[:1] in ASCII_UPPER and stem[1:2] in (".", ")")
            assert option or stem.upper().startswith("ANSWER"), stem
    result = read_aiken(exported.data.decode(), "round.aiken")
    assert len(result.questions) == len(kept)
    for item, question in zip(result.questions, kept, strict=True):
        assert item.type is QuestionType.SINGLE
        assert item.stem == question.stem
        assert [(c.text, c.correct) for c in item.choices] == [
            (c.text, c.correct) for c in question.choices]

"""GIFT answers read as Moodle reads them (question/format/gift/format.php, issue 11 #15).

Moodle turns every '=' of a multiple-choice answer block into '~=' and splits on '~', so
``~=right`` yields an empty answer and a right one; qtype_multichoice's
save_question_options then skips every answer whose text is blank. With no '=' in the block
Moodle makes a multiple-answer question (``single = 0``) whatever the weights say.
"""

from __future__ import annotations

import pytest

from quiz.errors import Severity
from quiz.formats.common import Imported
from quiz.formats.gift import read_gift
from quiz.model import QuestionType


def read(text: str) -> tuple[list[Imported], list[str]]:
    result = read_gift(text, "t.gift")
    return result.questions, [d.message for d in result.diagnostics
                              if d.severity is Severity.WARNING]


def test_tilde_equals_is_a_right_answer_as_in_moodle() -> None:
    (q,), said = read("Which phase serves users? {~=Inference ~Training ~Both}")
    assert q.type is QuestionType.SINGLE
    assert [(c.text, c.correct) for c in q.choices] == [
        ("Inference", True), ("Training", False), ("Both", False)]
    assert said == []
    assert read("Q {~=a ~b}")[0][0].choices == read("Q {=a ~b}")[0][0].choices


def test_a_blank_answer_is_left_out_with_a_warning() -> None:
    (q,), said = read("Q {=a ~ ~b#why}")
    assert [c.text for c in q.choices] == ["a", "b"]
    assert any("no text" in s and "left out" in s for s in said)


def test_blank_answers_only_leave_too_few_answers() -> None:
    questions, said = read("Q {~%100% ~%-50% ~%-50%}")
    assert questions == []
    assert any("at least two answers" in s for s in said)


def test_one_positive_weight_without_equals_is_one_right_answer_with_a_warning() -> None:
    (q,), said = read("Which one learns? {~%100%fitting ~%-50%serving ~%-50%scoring}")
    assert q.type is QuestionType.SINGLE
    assert [c.correct for c in q.choices] == [True, False, False]
    assert any("several answers may be ticked" in s for s in said)


@pytest.mark.parametrize("value,shuffle", [("true", True), ("false", False)])
def test_shuffle_takes_true_or_false(value: str, shuffle: bool) -> None:
    (q,), said = read(f"// quiz: shuffle={value}\nQ {{=a ~b}}")
    assert q.shuffle is shuffle and said == []


@pytest.mark.parametrize("value", ["no", "False", "0", "yes", "off"])
def test_any_other_shuffle_value_is_reported_and_ignored(value: str) -> None:
    (q,), said = read(f"// quiz: shuffle={value}\nQ {{=a ~b}}")
    assert q.shuffle is True
    assert any(f"'shuffle={value}'" in s and "true or false" in s for s in said)

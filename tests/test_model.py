"""The model's value semantics: what ``@dataclass(frozen=True)`` gave, kept by hand."""

from __future__ import annotations

import copy
import operator
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quiz.model import (
    Bank,
    Catalog,
    Choice,
    ExamSpec,
    FrozenError,
    Lesson,
    Objective,
    Phase,
    Question,
    QuestionType,
    SourceRef,
)
from quiz.record import Record

texts = st.text(max_size=20)


def _question(source: SourceRef | None = None, stem: str = "Which phase?") -> Question:
    return Question("q1", QuestionType.SINGLE, Phase.TRAINING, ("LO1",), stem,
                    (Choice("a", "A", True), Choice("b", "B")), "Because.", source=source)


def test_fields_come_from_the_constructor_in_order() -> None:
    assert Choice.fields == ("id", "text", "correct", "feedback")
    assert Question.fields[:3] == ("id", "type", "phase")
    assert Question.fields[-1] == "source"


def test_equality_and_hash_ignore_where_it_was_written() -> None:
    here, there = SourceRef("a.yaml", 1, 1), SourceRef("b.yaml", 9, 3)
    assert _question(here) == _question(there)
    assert hash(_question(here)) == hash(_question(there))
    assert _question(stem="Another?") != _question()


def test_values_of_different_types_are_never_equal() -> None:
    assert Objective("LO1", "x") != Choice("LO1", "x")
    assert Objective("LO1", "x") != ("LO1", "x")
    plain: tuple[str, str] = ("LO1", "x")  # with the plain tuple on the left too
    assert operator.ne(plain, Objective("LO1", "x"))
    assert not operator.eq(plain, Objective("LO1", "x"))
    by_value: dict[object, int] = {Objective("LO1", "x"): 1}
    assert by_value.get(plain) is None and by_value[Objective("LO1", "x")] == 1


def test_names_a_tuple_already_uses_and_a_misplaced_source_are_refused() -> None:
    with pytest.raises(TypeError, match="count"):
        class Counted(Record):
            __slots__ = ()

            def __new__(cls, count: int) -> Counted:
                return tuple.__new__(cls, (count,))
    with pytest.raises(TypeError, match="__slots__"):
        class Unslotted(Record):
            def __new__(cls, text: str) -> Unslotted:
                return tuple.__new__(cls, (text,))
    with pytest.raises(TypeError, match="last"):
        class Misplaced(Record):
            __slots__ = ()

            def __new__(cls, source: str, text: str) -> Misplaced:
                return tuple.__new__(cls, (source, text))


@given(texts, texts, st.booleans(), texts)
def test_choices_equal_exactly_when_their_fields_are(i: str, t: str, c: bool, f: str) -> None:
    one, other = Choice(i, t, c, f), Choice("x", t, c, f)
    assert (one == other) == (i == "x")
    assert one == Choice(i, t, c, f) and hash(one) == hash(Choice(i, t, c, f))


def test_values_cannot_be_changed() -> None:
    choice = Choice("a", "A")
    with pytest.raises(FrozenError):
        choice.text = "B"
    with pytest.raises(FrozenError):
        del choice.text
    assert choice.text == "A"


def test_replace_changes_only_what_it_names() -> None:
    question = _question(SourceRef("a.yaml", 2, 3))
    changed = question.replace(stem="New?")
    assert changed.stem == "New?" and question.stem == "Which phase?"
    assert changed.replace(stem="Which phase?") == question
    assert changed.source == question.source
    with pytest.raises(TypeError, match="no field 'stemm'"):
        question.replace(stemm="typo")


def test_defaults_are_fresh_per_value() -> None:
    first, second = ExamSpec(), ExamSpec()
    assert first.blueprint == {Phase.TRAINING: 50, Phase.INFERENCE: 50}
    assert first.blueprint is not second.blueprint
    assert Catalog().lessons is not Catalog().lessons


def test_pickle_and_copy_give_back_equal_values() -> None:
    lesson = Lesson("tvi", "T", "Rule.", {Phase.TRAINING: "builds"}, (Objective("LO1", "x"),),
                    source=SourceRef("l.yaml", 1, 1))
    bank = Bank("b", "B", lesson, (_question(SourceRef("b.yaml", 4, 5)),))
    catalog = Catalog((bank,), {"tvi": lesson})
    for again in (pickle.loads(pickle.dumps(catalog)), copy.deepcopy(catalog)):
        assert again == catalog
        assert again.banks[0].questions[0].source == SourceRef("b.yaml", 4, 5)


def test_repr_names_every_field() -> None:
    assert repr(Choice("a", "A")) == "Choice(id='a', text='A', correct=False, feedback='')"

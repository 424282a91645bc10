"""The model's value semantics: named tuples whose equality leaves ``source`` out, never equal
to a plain tuple or another type, unordered, immutable and picklable."""

from __future__ import annotations

import copy
import operator
import pickle
from typing import NamedTuple

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quiz.errors import Diagnostic, Severity
from quiz.model import (
    Bank,
    Catalog,
    Choice,
    Convention,
    ExamSpec,
    Lesson,
    Objective,
    Phase,
    Question,
    QuestionType,
    Scenario,
    SourceRef,
    Statement,
)
from quiz.record import Value

texts = st.text(max_size=20)


def _question(source: SourceRef | None = None, stem: str = "Which phase?") -> Question:
    return Question("q1", QuestionType.SINGLE, Phase.TRAINING, ("LO1",), stem,
                    (Choice("a", "A", True), Choice("b", "B")), "Because.", source=source)


def test_fields_are_declared_in_order() -> None:
    assert Choice._fields == ("id", "text", "correct", "feedback")
    assert Question._fields[:3] == ("id", "type", "phase")
    assert Question._fields[-1] == "source"


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


def test_a_value_type_without_slots_or_with_a_misplaced_source_is_refused() -> None:
    class _Text(NamedTuple):
        text: str

    class _Misplaced(NamedTuple):
        source: str
        text: str

    with pytest.raises(TypeError, match="__slots__"):
        class Unslotted(Value, _Text):
            pass
    with pytest.raises(TypeError, match="last"):
        class Misplaced(Value, _Misplaced):
            __slots__ = ()


def test_values_are_not_ordered() -> None:
    with pytest.raises(TypeError, match="not ordered"):
        sorted([Objective("LO2", "x"), Objective("LO1", "x")])  # type: ignore[type-var]
    with pytest.raises(TypeError, match="not ordered"):
        _ = Objective("LO1", "x") > ("LO1", "x")
    by_key = sorted([Objective("LO2", "x"), Objective("LO1", "x")], key=lambda o: o.id)
    assert [o.id for o in by_key] == ["LO1", "LO2"]


@given(texts, texts, st.booleans(), texts)
def test_choices_equal_exactly_when_their_fields_are(i: str, t: str, c: bool, f: str) -> None:
    one, other = Choice(i, t, c, f), Choice("x", t, c, f)
    assert (one == other) == (i == "x")
    assert one == Choice(i, t, c, f) and hash(one) == hash(Choice(i, t, c, f))


def test_values_cannot_be_changed() -> None:
    choice = Choice("a", "A")
    with pytest.raises(AttributeError):
        choice.text = "B"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del choice.text
    with pytest.raises(AttributeError):
        choice.extra = 1  # type: ignore[attr-defined]
    assert choice.text == "A"


def test_replace_changes_only_what_it_names() -> None:
    question = _question(SourceRef("a.yaml", 2, 3))
    changed = question._replace(stem="New?")
    assert type(changed) is Question
    assert changed.stem == "New?" and question.stem == "Which phase?"
    assert changed._replace(stem="Which phase?") == question
    assert changed.source == question.source
    with pytest.raises(ValueError, match="stemm"):
        question._replace(stemm="typo")  # type: ignore[call-arg]


def test_defaults() -> None:
    assert ExamSpec().blueprint == {Phase.TRAINING: 50, Phase.INFERENCE: 50}
    bank = Bank("b", "B", Lesson("l", "L", "R.", {}, ()), ())
    assert bank.exam == ExamSpec() and bank.generate is None and bank.source is None
    assert Catalog() == Catalog((), {}, {})


def test_pickle_and_copy_give_back_equal_values() -> None:
    lesson = Lesson("tvi", "T", "Rule.", {Phase.TRAINING: "builds"}, (Objective("LO1", "x"),),
                    source=SourceRef("l.yaml", 1, 1))
    bank = Bank("b", "B", lesson, (_question(SourceRef("b.yaml", 4, 5)),))
    catalog = Catalog((bank,), {"tvi": lesson})
    for again in (pickle.loads(pickle.dumps(catalog, pickle.HIGHEST_PROTOCOL)),
                  pickle.loads(pickle.dumps(catalog, 2)), copy.deepcopy(catalog)):
        assert again == catalog and type(again.banks[0]) is Bank
        assert again.banks[0].questions[0].source == SourceRef("b.yaml", 4, 5)


def test_pickling_does_not_call_the_python_constructor() -> None:
    # tuple.__new__ straight from the pickle: one C call a value, for the catalog cache
    assert pickle.dumps(Choice("a", "A"), pickle.HIGHEST_PROTOCOL).count(b"__new__") == 1
    assert Choice("a", "A").__reduce__() == (tuple.__new__, (Choice, ("a", "A", False, "")))


def test_repr_names_every_field() -> None:
    assert repr(Choice("a", "A")) == "Choice(id='a', text='A', correct=False, feedback='')"


def test_every_located_type_leaves_its_source_out_and_others_compare_every_field() -> None:
    here, there = SourceRef("a.yaml", 1, 1), SourceRef("b.yaml", 2, 2)
    lesson = Lesson("l", "L", "R.", {}, (), (Convention("c", "neither", "w"),), here)
    assert lesson == lesson._replace(source=there)
    scenario = Scenario("s", "S", "C.", (Statement("t", Phase.TRAINING),), here)
    assert scenario == scenario._replace(source=there)
    assert here != there  # SourceRef itself has no source field: every field counts
    found = Diagnostic("a.yaml", 1, 1, Severity.ERROR, "m")
    assert found != found._replace(line=2) and found != tuple(found)


def test_a_record_is_not_json_and_says_so() -> None:
    # json.dumps accepts Any, so no type checker stops it turning a value into a bare list
    # (field names lost); this is the run-time check: the model's own JSON goes through
    # as_json/_asdict, and a value handed to json.dumps is a list, never an object
    import json

    found = Diagnostic("a.yaml", 1, 2, Severity.ERROR, "m")
    assert json.loads(json.dumps(found.as_json()))["line"] == 1
    assert json.loads(json.dumps(found)) == ["a.yaml", 1, 2, "error", "m", None, None]

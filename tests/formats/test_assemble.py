"""From imported questions to a bank: ids, defaults and the fields left for review."""

from __future__ import annotations

from quiz.formats.common import Defaults, assemble, choice_ids, slug, stub_lesson
from quiz.formats.gift import read_gift
from quiz.model import Phase

SOURCE = """::Q:: one {=a ~b}

::Q:: two {=a ~b}

::Capital of France:: three {=a ~b}

// quiz: id=fixed phase=inference objectives=LO2
four {=a ~b####Because.}

five {=a ~b}
"""


def test_ids_come_from_quiz_lines_titles_or_numbers_and_stay_unique() -> None:
    result = read_gift(SOURCE, "s.gift")
    built = assemble(result, Defaults("old", "Old", stub_lesson("l")))
    assert [q.id for q in built.bank.questions] == ["Q", "Q-2", "capital-of-france", "fixed",
                                                    "old-005"]
    messages = [(d.line, d.message) for d in built.diagnostics]
    assert (3, "id 'Q' is already taken; this question is 'Q-2'") in messages
    assert any(line == 5 and "'Capital of France' is not kept" in m for line, m in messages)


def test_review_marks_only_what_neither_source_nor_defaults_give() -> None:
    result = read_gift(SOURCE, "s.gift")
    bare = assemble(result, Defaults("old", "Old", stub_lesson("l")))
    assert bare.review["Q"] == {"phase", "objectives", "explanation"}
    assert "fixed" not in bare.review  # its // quiz: line and #### gave everything
    fixed = bare.bank.question("fixed")
    assert fixed is not None and fixed.phase is Phase.INFERENCE
    assert fixed.objectives == ("LO2",)
    given = assemble(result, Defaults("old", "Old", stub_lesson("l"), Phase.TRAINING, ("LO1",)))
    assert given.review["Q"] == {"explanation"}
    question = given.bank.question("Q")
    assert question is not None
    assert question.phase is Phase.TRAINING and question.objectives == ("LO1",)
    assert given.bank.description == "Imported from s.gift (GIFT)."


def test_helpers() -> None:
    assert choice_ids(28)[:3] == ["a", "b", "c"]
    assert choice_ids(28)[25:] == ["z", "aa", "ab"]
    assert slug("  Capital of France?! ") == "capital-of-france"
    assert slug("???") == ""

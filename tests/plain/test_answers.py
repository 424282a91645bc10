"""Parsing one typed line: numbers, letters, words, several answers, orders, commands."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from quiz.model import QuestionType
from quiz.plain.answers import BLANK, Blank, Command, Pick, Problem, parse

ALL = frozenset({"next", "previous", "flag", "goto", "review", "submit", "quit"})
TEXTS = ["Training", "Inference", "Both", "Neither"]


def test_numbers_letters_and_words_pick_the_same_choice() -> None:
    for line in ("2", " 2 ", "b", "B", "inference", "  Inference "):
        assert parse(line, QuestionType.SINGLE, 4, ALL, TEXTS) == Pick((1,)), line


def test_several_answers_by_space_or_comma() -> None:
    for line in ("1 3", "1,3", "1, 3", "a c", "1;3"):
        assert parse(line, QuestionType.MULTIPLE, 4, ALL) == Pick((0, 2)), line


def test_an_order_keeps_the_order_typed() -> None:
    assert parse("3 1 2 4", QuestionType.ORDERING, 4, ALL) == Pick((2, 0, 1, 3))
    problem = parse("3 1 2", QuestionType.ORDERING, 4, ALL)
    assert isinstance(problem, Problem) and "all 4 steps" in problem.message


def test_one_answer_only_where_one_is_asked() -> None:
    problem = parse("1 2", QuestionType.SINGLE, 4, ALL)
    assert isinstance(problem, Problem) and "single number" in problem.message


def test_out_of_range_twice_and_unknown_say_what_to_type() -> None:
    for line, words in (("5", "no choice 5"), ("1 1", "twice"), ("zz", "not a choice"),
                        ("9" * 50, "no choice"), (",", "Type a number")):
        problem = parse(line, QuestionType.MULTIPLE, 4, ALL)
        assert isinstance(problem, Problem) and words in problem.message, line


def test_commands_only_where_allowed_and_help_everywhere() -> None:
    assert parse("f", QuestionType.SINGLE, 4, ALL) == Command("flag")
    assert parse("f", QuestionType.SINGLE, 4, {"next"}) == Problem(
        "There is no choice f; choose from 1 to 4.")
    assert parse("?", QuestionType.SINGLE, 4, set()) == Command("help")
    assert parse("g 5", None, 0, ALL) == Command("goto", 5)
    assert parse("g5", None, 0, ALL) == Command("goto", 5)
    assert isinstance(parse("g x", None, 0, ALL), Problem)
    assert parse("", QuestionType.SINGLE, 4, ALL) == BLANK
    assert isinstance(parse("1", None, 0, ALL), Problem)  # no question open


def test_echoed_input_is_terminal_safe() -> None:
    problem = parse("\x1b]0;owned\x07 x", QuestionType.MULTIPLE, 4, ALL)
    assert isinstance(problem, Problem)
    assert "\x1b" not in problem.message and "\x07" not in problem.message


@given(line=st.text(max_size=200), kind=st.sampled_from(list(QuestionType)),
       count=st.integers(min_value=1, max_value=12),
       allowed=st.frozensets(st.sampled_from(sorted(ALL))))
def test_any_line_gives_a_valid_reading_never_an_exception(
    line: str, kind: QuestionType, count: int, allowed: frozenset[str],
) -> None:
    parsed = parse(line, kind, count, allowed, TEXTS[:count])
    assert isinstance(parsed, Pick | Command | Problem | Blank)
    if isinstance(parsed, Pick):
        assert parsed.positions and all(0 <= p < count for p in parsed.positions)
        assert len(set(parsed.positions)) == len(parsed.positions)
        if kind is QuestionType.ORDERING:
            assert sorted(parsed.positions) == list(range(count))
        elif kind is not QuestionType.MULTIPLE:
            assert len(parsed.positions) == 1
    if isinstance(parsed, Problem):
        assert "\x1b" not in parsed.message
    if isinstance(parsed, Command):
        assert parsed.name == "help" or parsed.name in allowed

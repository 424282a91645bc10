"""Typing a matching answer: pairs of a prompt's number and a category's letter."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from quiz.model import QuestionType
from quiz.plain.answers import Blank, Command, Pick, Problem, parse
from quiz.plain.pairs import letter, letter_index

ALL = frozenset({"next", "previous", "flag", "goto", "review", "submit", "quit", "context"})
MATCHING = QuestionType.MATCHING


def _pairs(line: str, prompts: int = 3, categories: int = 2,
           partial: bool = False) -> Pick | Command | Problem | Blank:
    return parse(line, MATCHING, prompts, ALL, categories=categories, partial=partial)


def test_every_way_of_writing_a_pair_gives_the_same_answer() -> None:
    # prompt 1 → a, prompt 2 → b, prompt 3 → a; positions are prompt * 2 + category
    for line in ("1a 2b 3a", "1-a 2-b 3-a", "1:a, 2:b, 3:a", "1 a 2 b 3 a", "1a,2b,3a",
                 "3a 1a 2b", " 1A 2B 3A ", "1=a;2=b;3=a", "1a2b3a", "1.a 2) b 3a"):
        assert _pairs(line) == Pick((0, 3, 4)), line


def test_a_partial_answer_is_refused_naming_the_prompts_missing() -> None:
    problem = _pairs("2b", prompts=5)
    assert isinstance(problem, Problem)
    assert problem.message.startswith("Prompts 1, 3, 4 and 5 are not matched; give every "
                                      "prompt a category, e.g. 1a 2b 3a 4b 5a.")
    one = _pairs("1a 2b", prompts=3)
    assert isinstance(one, Problem) and one.message.startswith("Prompt 3 is not matched")


def test_an_exam_may_save_some_prompts_each_once() -> None:
    assert _pairs("2b", partial=True) == Pick((3,))
    twice = _pairs("2b 2a", partial=True)
    assert isinstance(twice, Problem) and "Prompt 2 is given twice" in twice.message


def test_mistakes_say_what_to_type() -> None:
    for line, words in (("4a 1a 2a", "There is no prompt 4; the prompts are 1 to 3."),
                        ("1c 2a 3a", "There is no category c; the categories are a to b."),
                        ("1 2 3", "'1 2 3' is not a pair"),
                        ("a b a", "'a b a' is not a pair"),
                        ("1training 2a 3a", "There is no category training"),
                        ("9" * 40 + "a", "There is no prompt 999999999"),
                        (",;", "Type a prompt's number and a category's letter")):
        problem = _pairs(line)
        assert isinstance(problem, Problem) and words in problem.message, (line, problem)


def test_commands_still_come_first_and_c_is_the_context() -> None:
    assert _pairs("c") == Command("context")
    assert _pairs("n") == Command("next")
    assert _pairs("g 2") == Command("goto", 2)


def test_category_labels_go_on_past_z() -> None:
    labels = [letter(i) for i in range(30)]
    assert labels[:3] == ["a", "b", "c"] and labels[25:28] == ["z", "aa", "ab"]
    assert [letter_index(label) for label in labels] == list(range(30))
    assert _pairs("1ab 2a 3z", categories=30) == Pick((27, 30, 85))


@given(line=st.one_of(st.text(max_size=80), st.lists(st.tuples(
           st.integers(0, 8), st.sampled_from(["", "-", ":", " ", "="]),
           st.sampled_from(["a", "b", "c", "d", "z", "aa"])), max_size=8).map(
           lambda pairs: ", ".join(f"{n}{sep}{lab}" for n, sep, lab in pairs))),
       prompts=st.integers(1, 7), categories=st.integers(1, 5), partial=st.booleans())
def test_any_line_never_crashes_and_an_accepted_answer_is_one_pair_per_prompt(
    line: str, prompts: int, categories: int, partial: bool,
) -> None:
    parsed = _pairs(line, prompts, categories, partial)
    assert isinstance(parsed, Pick | Command | Problem | Blank)
    if isinstance(parsed, Problem):
        assert "\x1b" not in parsed.message
    if isinstance(parsed, Pick):
        pairs = [divmod(position, categories) for position in parsed.positions]
        assert all(0 <= p < prompts and 0 <= c < categories for p, c in pairs)
        given_prompts = [p for p, _ in pairs]
        assert given_prompts == sorted(set(given_prompts))  # each prompt once, in order
        assert given_prompts  # never an empty answer
        if not partial:
            assert given_prompts == list(range(prompts))

"""GIFT: what each construct imports as, what is reported, and export → import round trips."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quiz.errors import BankError, Severity
from quiz.formats.common import Imported, shown, shown_stem, stub_lesson
from quiz.formats.gift import read_gift, write_gift
from quiz.model import Bank, Choice, Lesson, Phase, Question, QuestionType, matching_choices
from tests.formats.formats_strategies import banks
from tests.hypothesis_budget import examples


def one(text: str) -> Imported:
    result = read_gift(text, "t.gift")
    assert len(result.questions) == 1, result.diagnostics
    return result.questions[0]


def warnings(text: str) -> list[str]:
    return [str(d) for d in read_gift(text, "t.gift").diagnostics
            if d.severity is Severity.WARNING]


def test_single_choice_with_title_feedback_and_general_feedback() -> None:
    q = one("// a comment\n::Q1:: Which phase serves users?{\n=Inference#Yes.\n~Training#No: "
            "it builds.\n####Inference applies.}\n")
    assert q.type is QuestionType.SINGLE
    assert q.title == "Q1"
    assert q.stem == "Which phase serves users?"
    assert q.choices == (Choice("a", "Inference", True, "Yes."),
                         Choice("b", "Training", False, "No: it builds."))
    assert q.explanation == "Inference applies."
    assert (q.line, q.column) == (2, 1)


def test_escapes_and_newline_escape() -> None:
    q = one(r"Is 1\=1 \{really\} \#1 \~ok\: yes\nnext line? {=a\~b ~c\\d}")
    assert q.stem == "Is 1=1 {really} #1 ~ok: yes\nnext line?"
    assert [c.text for c in q.choices] == ["a~b", "c\\d"]


@pytest.mark.parametrize("word,value", [("T", True), ("TRUE", True), ("F", False),
                                        ("FALSE", False), ("true", True)])
def test_true_false(word: str, value: bool) -> None:
    q = one(f"The sky is green.{{{word}#Look up.####Colour facts.}}")
    assert q.type is QuestionType.TRUE_FALSE
    right = next(c for c in q.choices if c.correct)
    wrong = next(c for c in q.choices if not c.correct)
    assert right.id == ("true" if value else "false")
    assert wrong.feedback == "Look up." and right.feedback == ""
    assert q.explanation == "Colour facts."


def test_true_false_right_feedback_joins_the_explanation_with_a_warning() -> None:
    text = "Grass is green.{T#Look again.#Well spotted.####Plants.}"
    assert one(text).explanation == "Plants.\n\nWell spotted."
    assert any("right answer" in w for w in warnings(text))
    assert one("Grass is green.{T#Look again.#Well spotted.}").explanation == "Well spotted."


def test_weights_make_multiple_questions() -> None:
    q = one("Pick two {~%50%a#fa ~%50%b ~%-100%c#fc ~d}")
    assert q.type is QuestionType.MULTIPLE
    assert [c.correct for c in q.choices] == [True, True, False, False]
    assert q.choices[0].feedback == "fa" and q.choices[2].feedback == "fc"


def test_unequal_weights_and_partial_credit_are_reported() -> None:
    assert any("unequal weights" in w for w in warnings("P {~%70%a ~%30%b ~%-100%c}"))
    assert any("add up to 80%" in w for w in warnings("P {~%40%a ~%40%b ~c}"))
    reported = warnings("P {=a ~%50%b ~c}")
    assert any("partial credit (50%)" in w and w.startswith("t.gift:1:") for w in reported)
    q = one("P {=a ~%50%b ~c}")
    assert [c.correct for c in q.choices] == [True, False, False]


def test_several_equals_become_multiple_with_a_warning() -> None:
    q = one("Pick {=a =b ~c}")
    assert q.type is QuestionType.MULTIPLE
    assert any("several '='" in w for w in warnings("Pick {=a =b ~c}"))


def test_missing_word_format_puts_a_blank_in_the_stem() -> None:
    assert one("Models are {=trained ~born} on data.").stem == "Models are _____ on data."


@pytest.mark.parametrize("text,why", [
    ("Match {=a -> x =b -> y}", "matching"),
    ("Who? {=nobody =no one}", "short-answer"),
    ("When? {#1822:5}", "numerical"),
    ("Write {}", "essay"),
    ("Just words.", "description"),
])
def test_unrepresentable_questions_are_skipped_with_a_located_warning(text: str,
                                                                      why: str) -> None:
    result = read_gift("// first\n\n" + text + "\n", "t.gift")
    assert result.questions == []
    assert len(result.diagnostics) == 1
    diagnostic = result.diagnostics[0]
    assert (diagnostic.line, diagnostic.column) == (3, 1)
    assert why in diagnostic.message
    assert str(diagnostic).startswith("t.gift:3:1: warning: ")


def test_matching_with_positions_is_an_ordering_question() -> None:
    q = one("Order {\n=2 -> Train\n=1 -> Collect -> clean\n=3 -> Deploy\n}")
    assert q.type is QuestionType.ORDERING
    assert [c.text for c in q.choices] == ["Collect -> clean", "Train", "Deploy"]


def test_category_goes_to_the_categories_and_html_is_converted() -> None:
    result = read_gift("$CATEGORY: $course$/Unit 1\n\n::H::[html]<p>Is <b>x</b> &amp; "
                       "y &lt; z?</p>{=yes ~no}", "t.gift")
    assert result.categories == ["$course$/Unit 1"]
    q = result.questions[0]
    assert q.stem == "Is x & y < z?"
    assert any("HTML" in str(d) for d in result.diagnostics)


def test_markdown_and_plain_markers_are_stripped_and_text_kept() -> None:
    assert one("[markdown]**Bold** &amp; {=a ~b}").stem == "**Bold** &amp;"
    assert one("[plain]<b>x</b>{=a ~b}").stem == "<b>x</b>"


def test_quiz_comment_carries_metadata() -> None:
    q = one("// quiz: id=tvi-9 type=single phase=inference objectives=LO1,LO3 difficulty=3 "
            "shuffle=false choices=x,y lint_ignore=longest-correct\n::tvi-9::S {=a ~b}")
    assert q.id == "tvi-9" and q.phase is Phase.INFERENCE
    assert q.objectives == ("LO1", "LO3") and q.difficulty == 3 and q.shuffle is False
    assert [c.id for c in q.choices] == ["x", "y"]
    assert q.lint_ignore == ("longest-correct",)


def test_bad_quiz_comment_values_are_reported() -> None:
    reported = warnings("// quiz: phase=maybe colour=red difficulty=9\nS {=a ~b}")
    assert any("phase=maybe" in w for w in reported)
    assert any("colour=red" in w for w in reported)
    assert any("'difficulty'" in w for w in reported)


def test_blank_line_inside_braces_does_not_split_the_question() -> None:
    q = one("Q {\n=a\n\n~b\n}")
    assert [c.text for c in q.choices] == ["a", "b"]


@pytest.mark.parametrize("text,where,what", [
    ("::Q1 unclosed title {=a ~b}", (1, 1), "title"),
    ("Q1 {=a ~b", (1, 4), "never closed"),
    ("Q1 } {=a ~b}", (1, 4), "unbalanced"),
    ("Q1 {=a ~b} and {=c ~d}", (1, 16), "second answer block"),
    ("Q1 {lead =a ~b}", (1, 5), "before the first"),
    ("ok {=a ~b}\n\nQ2 {\n=a\n~b\n\n::Q3:: {=c ~d}", (3, 4), "never closed"),
])
def test_syntax_errors_are_located(text: str, where: tuple[int, int], what: str) -> None:
    with pytest.raises(BankError) as caught:
        read_gift(text, "t.gift")
    first = caught.value.diagnostics[0]
    assert (first.line, first.column) == where
    assert what in first.message
    assert str(caught.value).startswith(f"t.gift:{where[0]}:{where[1]}: error: ")


# -- round trip -----------------------------------------------------------------------------

_ALPHABET = st.characters(
    blacklist_categories=("Cc", "Cs", "Zl", "Zp"),
    blacklist_characters="\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
    "\ufffe\uffff",
)
gift_text = st.one_of(
    st.text(_ALPHABET, min_size=1, max_size=30),
    st.sampled_from(["a: b", "#x", "~t", "=e", "{b}", "\\back", "[plain]x", "[html]y",
                     "a<b", "&amp;", "%50%x", "%-100%", "x -> y", "T", "FALSE", "::t::",
                     "// not a comment", "$CATEGORY: x", "####", "line\nbreak", "\\n"]),
).map(lambda s: s.strip(" \t\n")).filter(lambda s: s.strip() != "")


def _expected(question: Question) -> Question:
    """What GIFT carries back: everything but ordering steps' feedback, each text as the
    app shows it (wrapped lines joined), and a phase stem with its question."""
    ordering = question.type is QuestionType.ORDERING
    if question.type is QuestionType.MATCHING:
        categories = tuple(c._replace(text=shown(c.text)) for c in question.categories)
        prompts = tuple(p._replace(text=shown(p.text), feedback=shown(p.feedback))
                        for p in question.prompts)
        return question._replace(
            stem=shown_stem(question), explanation=shown(question.explanation),
            categories=categories, prompts=prompts,
            choices=matching_choices(categories, prompts))
    return question._replace(
        stem=shown_stem(question), explanation=shown(question.explanation),
        choices=tuple(c._replace(text=shown(c.text), feedback="" if ordering else shown(
            c.feedback)) for c in question.choices))


def _as_question(item: Imported, like: Question) -> Question:
    assert item.id == like.id
    assert item.phase is like.phase
    return Question(id=item.id, type=item.type, phase=item.phase, objectives=item.objectives,
                    stem=item.stem, choices=item.choices, explanation=item.explanation,
                    scenario=item.scenario, difficulty=item.difficulty, shuffle=item.shuffle,
                    lint_ignore=item.lint_ignore, categories=item.categories,
                    prompts=item.prompts)


def _gift_matching(bank: Bank) -> bool:
    """Whether every matching item fits GIFT matching: no '->' in a prompt (it would end
    the prompt), categories that read differently (GIFT tells them apart by text)."""
    for question in bank.questions:
        texts = [shown(c.text) for c in question.categories]
        if len(set(texts)) != len(texts) or any("->" in shown(p.text)
                                                for p in question.prompts):
            return False
    return True


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(banks(texts=gift_text).filter(_gift_matching))
def test_gift_export_then_import_gives_the_same_questions(bank: Bank) -> None:
    exported = write_gift([bank])
    text = exported.data.decode("utf-8")
    result = read_gift(text, "round.gift")
    assert [d for d in result.diagnostics if d.severity is Severity.WARNING] == []
    assert result.categories == [bank.id]
    assert len(result.questions) == len(bank.questions)
    for item, question in zip(result.questions, bank.questions, strict=True):
        lint = tuple(r for r in question.lint_ignore
                     if r.strip() and not any(c.isspace() or c in ",=" for c in r))
        expected = _expected(question)._replace(lint_ignore=lint)
        assert _as_question(item, question) == expected


def test_export_control_characters_are_removed() -> None:
    q = Question("q1", QuestionType.SINGLE, Phase.TRAINING, ("LO1",), "Stem\x1b[31m red\x07",
                 (Choice("a", "ok\x00", True), Choice("b", "no")), "Why.\u202e")
    bank = Bank("b", "B", _lesson(), (q,))
    text = write_gift([bank]).data.decode()
    assert "\x1b" not in text and "\x07" not in text and "\x00" not in text
    assert "\u202e" not in text
    assert read_gift(text, "x").questions[0].stem == "Stem[31m red"


def test_ordering_is_written_as_matching_and_reported() -> None:
    q = Question("o1", QuestionType.ORDERING, Phase.TRAINING, ("LO1",), "Order",
                 (Choice("a", "first", feedback="f"), Choice("b", "second")), "Because.")
    exported = write_gift([Bank("b", "B", _lesson(), (q,))])
    assert "=1 -> first" in exported.data.decode()
    assert any("matching" in n.message for n in exported.notes)
    assert any("feedback" in n.message and n.question_id == "o1" for n in exported.notes)


def _lesson() -> Lesson:
    return stub_lesson("l")

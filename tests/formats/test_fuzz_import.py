"""Any input whatsoever gives a bank or our own located error, never a crash.

Whatever the importers accept must also make a valid bank: with defaults for phase and
objectives and an explanation filled in, the written YAML loads back as the same questions.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.bank.dump import dump_bank
from quiz.bank.load import load_text
from quiz.errors import BankError
from quiz.formats.common import Defaults, ImportResult, assemble, decode_source
from quiz.formats.convert import read
from quiz.model import Lesson, Objective, Phase
from tests.hypothesis_budget import examples

LESSON = Lesson("l", "Lesson", "Rule.", {Phase.TRAINING: "builds", Phase.INFERENCE: "applies"},
                (Objective("LO1", "One."),))

GIFT_BITS = ["::", "::T::", "{", "}", "~", "=", "#", "####", "%50%", "%-100%", "->", "\\",
             "\\{", "\\n", "\n", "\n\n", "//", "// quiz: id=a phase=training choices=x,y",
             "$CATEGORY: c", "[html]", "[plain]", "<b>", "&amp;", "T", "FALSE", "1", "2",
             " ", "\t", "a", "\u3000", "\x00", "\r\n", "=1 -> a", "=2 -> b", "_____"]
AIKEN_BITS = ["Q?", "A. x", "B) y", "C.", "ANSWER: A", "ANSWER: B, C", "answer: a", "\n",
              "\n\n", " ", "\t", "Z. z", "ANSWER:", "\u2028", "\r"]


def pieces(bits: list[str]) -> st.SearchStrategy[str]:
    return st.lists(st.one_of(st.sampled_from(bits), st.text(max_size=5)), max_size=40).map(
        "".join)


plain = st.text(st.characters(codec="utf-8", blacklist_characters="{}~=#\\\n"), min_size=1,
               max_size=8)
bit_text = st.one_of(st.text(max_size=6), st.sampled_from([*GIFT_BITS, "x", "y", "z"]))
word = st.one_of(plain, plain, plain, st.lists(bit_text, max_size=3).map("".join))


@st.composite
def gift_question(draw: st.DrawFn) -> str:
    """A question that is mostly well formed, with the odd piece of noise mixed in."""
    head = draw(st.sampled_from(["", "::T1::", "::Some title::", "// quiz: type=phase\n",
                                 "// quiz: id=q1 objectives=LO1 choices=a,b,c\n"]))
    kind = draw(st.sampled_from(["choice", "tf", "match", "noise"]))
    if kind == "choice":
        answers = draw(st.lists(st.tuples(
            st.sampled_from(["=", "~", "~%50%", "~%-100%", "~%100%", "~%33.3%"]),
            word, st.one_of(st.just(""), word.map(lambda w: "#" + w))), min_size=1,
            max_size=5))
        body = "\n".join(m + t + f for m, t, f in answers)
    elif kind == "tf":
        body = draw(st.sampled_from(["T", "F", "TRUE", "FALSE"])) + draw(
            st.one_of(st.just(""), word.map(lambda w: "#" + w)))
    elif kind == "match":
        count = draw(st.integers(1, 4))
        positions = draw(st.permutations([str(i) for i in range(1, count + 1)]))
        body = " ".join(f"={p} -> {draw(word)}" for p in positions)
    else:
        body = draw(word)
    general = draw(st.one_of(st.just(""), word.map(lambda w: "####" + w)))
    return f"{head}{draw(word)}{{{body}{general}}}{draw(st.one_of(st.just(''), word))}"


gift_files = st.lists(gift_question(), min_size=1, max_size=4).map("\n\n".join)


@st.composite
def aiken_question(draw: st.DrawFn) -> str:
    line = st.one_of(plain, plain, st.text(min_size=1, max_size=8))
    stem = draw(st.lists(line, min_size=1, max_size=2))
    count = draw(st.integers(0, 5))
    labels = [chr(65 + i) for i in range(count)]
    if draw(st.integers(0, 4)) == 0:
        labels = draw(st.lists(st.sampled_from("ABCDEZ"), min_size=count, max_size=count))
    options = [f"{label}{draw(st.sampled_from(['.', ')']))} {draw(line)}"
               for label in labels]
    answer = draw(st.sampled_from(["A", "B", "C", "A, C", "B,C,D", "Q", ""]))
    return "\n".join([*stem, *options, f"ANSWER: {answer}"])


aiken_files = st.lists(aiken_question(), min_size=1, max_size=4).map("\n\n".join)


def _check(fmt: str, text: str) -> None:
    try:
        result = read(fmt, text, "fuzz.txt")
    except BankError as exc:
        assert exc.diagnostics and all(d.path == "fuzz.txt" for d in exc.diagnostics)
        assert all(d.line >= 1 and d.column >= 1 for d in exc.diagnostics)
        return
    _loads_back(result)


def _loads_back(result: ImportResult) -> None:
    built = assemble(result, Defaults("fuzz", "Fuzz", LESSON, Phase.TRAINING, ("LO1",)))
    bank = built.bank
    questions = tuple(
        q._replace(
            explanation=q.explanation or "Filled in.",
            objectives=tuple(o for o in q.objectives if o == "LO1") or ("LO1",),
            scenario=None,
        )
        for q in bank.questions
    )
    if not questions:
        return
    bank = bank._replace(questions=questions)
    loaded = load_text(dump_bank(bank, lesson_ref=False)).banks[0]
    assert loaded.questions == bank.questions


@settings(max_examples=examples(600), deadline=None)
@given(st.one_of(st.text(), pieces(GIFT_BITS), gift_files))
def test_gift_import_of_anything(text: str) -> None:
    _check("gift", text)


@settings(max_examples=examples(600), deadline=None)
@given(st.one_of(st.text(), pieces(AIKEN_BITS), aiken_files))
def test_aiken_import_of_anything(text: str) -> None:
    _check("aiken", text)


@settings(max_examples=examples(200), deadline=None)
@given(st.binary())
def test_any_bytes_decode_or_fail_with_a_located_error(data: bytes) -> None:
    try:
        text = decode_source(data, "bytes.txt")
    except BankError as exc:
        assert exc.diagnostics[0].path == "bytes.txt"
        return
    _check("gift", text)
    _check("aiken", text)

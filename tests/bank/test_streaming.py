"""A bank's questions are checked one at a time as the parser reaches them, with the same result.

The loader hands each item of a bank's ``questions`` list to the checks as soon as the next one
starts and drops its nodes (``yaml_source.ItemStream``), so a big bank never holds its whole
node tree. Streamed or composed whole, a file must give the same diagnostics (every line and
column) and the same catalog; and a list an alias could reach is never streamed, since the
alias would see it emptied.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import quiz.bank.load as loader
from quiz.bank.load import load, load_text
from quiz.bank.yaml_source import ItemStream, compose
from quiz.errors import BankError
from tests.bank.bank_cases import CASES, FIXTURES, SCENARIO
from tests.hypothesis_budget import examples

VALID = (FIXTURES / "valid.yaml").read_text(encoding="utf-8")
LESSON = (FIXTURES / "x.lesson.yaml").read_text(encoding="utf-8")
INLINE = VALID.replace("lesson: x-lesson\n", "lesson:\n" + LESSON.split("lesson:\n", 1)[1]).replace(
    "    scenario: spam-filter\n", "")


def _never(key: str, when: str, sink: Any) -> ItemStream:
    """An ItemStream that never matches: the file is composed whole, as before streaming."""
    return ItemStream("\0never", when, sink)


def _outcome(text: str) -> tuple[list[str], Any]:
    try:
        return [], load_text(text, "t.yaml")
    except BankError as error:
        found = sorted(error.diagnostics, key=lambda d: (d.line, d.column, d.message))
        return [str(d) for d in found], None


def _both(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any]:
    streamed = _outcome(text)
    with monkeypatch.context() as patch:
        patch.setattr(loader, "ItemStream", _never)
        whole = _outcome(text)
    return streamed, whole


def _items(text: str | bytes) -> tuple[list[int], ItemStream, yaml.Node | None]:
    lines: list[int] = []
    stream = ItemStream("questions", "bank", lambda n: lines.append(n.start_mark.line + 1))
    return lines, stream, compose(text, "t.yaml", stream)


WIDE = VALID.replace("title: X bank", "title: Grüße 😀 — X bank")
"""Characters of two, three and four bytes before the list: marks count characters."""


@pytest.mark.parametrize("text", [VALID, WIDE, WIDE.encode()], ids=["ascii", "wide", "bytes"])
def test_a_bank_streams_its_questions_one_at_a_time(text: str | bytes) -> None:
    lines, stream, root = _items(text)
    assert lines == [6, 15, 26, 33, 40, 50]
    assert stream.node is not None and stream.node.value == []
    assert isinstance(root, yaml.MappingNode)


def test_each_question_is_handed_over_before_the_next_is_composed() -> None:
    """When the sink sees a question, the list holds no other question's nodes: the
    earlier ones are gone and the next one is not in it until composed."""
    seen: list[int] = []

    def sink(node: yaml.Node) -> None:
        assert stream.node is not None
        seen.append(sum(item is not None for item in stream.node.value))

    stream = ItemStream("questions", "bank", sink)
    compose(VALID, "t.yaml", stream)
    assert seen == [0] * 6


@pytest.mark.parametrize("text", [
    VALID.replace("questions:\n", "questions: &qs\n"),
    WIDE.replace("questions:\n", "questions: &qs\n").encode(),
    VALID.replace("questions:\n", "questions: !!seq\n"),
    "&root\n" + VALID,
    VALID.replace("bank: x-bank\n", "") + "bank: x-bank\n",  # the kind comes too late
    VALID.replace("questions:\n", "questions:\n  []\nquestions:\n"),  # a second list
], ids=["anchored-list", "anchored-after-wide", "tagged-list", "anchored-root",
        "bank-key-last", "duplicate-key"])
def test_a_list_that_an_alias_could_reach_or_an_unusual_file_is_not_streamed(
    text: str | bytes,
) -> None:
    lines, stream, _ = _items(text)
    assert (lines, stream.node) == ([], None)


ODD = [
    # the list aliased elsewhere: its items must still be there
    VALID.replace("questions:\n", "questions: &qs\n") + "case_studies: *qs\n",
    # the root aliased inside a question
    "&root\n" + VALID.replace("    answer: false\n", "    answer: false\n    extra: *root\n"),
    # a question anchored, then repeated by alias (a duplicate id) and aliased in another
    VALID.replace("  - id: x-001\n", "  - &first\n    id: x-001\n")
    + "  - *first\n  - id: x-009\n    type: single\n    phase: training\n"
      "    objectives: [LO1]\n    stem: *first\n    choices: []\n    explanation: e\n",
    # an anchored choice reused in a later question
    VALID.replace("      - {id: a, text: Training, correct: true}",
                  "      - &right {id: a, text: Training, correct: true}")
    .replace("      - {id: a, text: Collect data}", "      - *right"),
    # items that are not questions at all
    VALID.replace("questions:\n", "questions:\n  - just text\n  - [a, list]\n  -\n"),
    # errors after wide characters, in the list and before it
    WIDE.replace("stem: Put the steps in order.", "stem: Ordre — 😀 étapes\n    bad: 1")
    .replace("title: Grüße", "titel: Grüße"),
    # a flow list of questions
    "bank: b\ntitle: t\nlesson: x-lesson\nquestions: [{id: q1, type: phase}, 3]\n",
]


@pytest.mark.parametrize(
    "text", ODD, ids=["list", "root", "question", "choice", "not-questions", "wide", "flow"])
def test_aliases_and_odd_items_give_what_composing_whole_gives(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    streamed, whole = _both(text, monkeypatch)
    assert streamed == whole


def test_a_valid_bank_gives_the_same_catalog(monkeypatch: pytest.MonkeyPatch) -> None:
    (errors, streamed), (_, whole) = _both(INLINE, monkeypatch)
    assert errors == [] and streamed is not None
    assert streamed == whole
    assert [q.source for q in streamed.banks[0].questions] == [
        q.source for q in whole.banks[0].questions]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.fixture.removesuffix(".yaml"))
def test_every_fixture_reports_the_same_streamed_or_whole(
    case: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(FIXTURES)
    paths = [Path(p) for p in (*case.before, case.fixture, SCENARIO)]

    def errors() -> list[str]:
        return sorted(str(d) for d in load(paths).diagnostics)

    streamed = errors()
    monkeypatch.setattr(loader, "ItemStream", _never)
    assert errors() == streamed


@st.composite
def _mutated(draw: st.DrawFn) -> str:
    """The inline bank with a few lines dropped, repeated, moved or turned into aliases."""
    lines = INLINE.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["drop", "repeat", "move", "anchor", "alias"]))
        if action == "drop":
            del lines[at]
        elif action == "repeat":
            lines.insert(at, lines[at])
        elif action == "move":
            lines.insert(draw(st.integers(0, len(lines) - 1)), lines.pop(at))
        else:
            head, sep, tail = lines[at].partition(": ")
            if sep:
                mark = "&a " if action == "anchor" else "*a\n"
                lines[at] = head + sep + mark + (tail if action == "anchor" else "")
    return "".join(lines)


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_mutated())
def test_any_broken_bank_reports_the_same_streamed_or_whole(text: str) -> None:
    with pytest.MonkeyPatch.context() as patch:
        assert _both(text, patch)[0] == _both(text, patch)[1]


@pytest.mark.parametrize("text", [INLINE, INLINE.replace("  - id: x-002", "  - {id: x-002")[:-40],
                                  "bank: [", INLINE + "\nquestions: []\n"],
                         ids=["valid", "broken", "invalid YAML", "duplicate key"])
def test_no_loader_outlives_its_file(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """With the collector off (as while a catalog is read), nothing the parser made for a
    file is left behind in a reference cycle: no loader keeps its file's bytes and nodes."""
    import gc
    import weakref

    from quiz.bank import yaml_source

    made: list[weakref.ref[Any]] = []

    class Watched(yaml_source._StreamingLoader):
        def __init__(self, data: bytes, stream: ItemStream) -> None:
            super().__init__(data, stream)
            made.append(weakref.ref(self))

    monkeypatch.setattr(yaml_source, "_StreamingLoader", Watched)
    enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(3):
            _outcome(text)
        alive = [ref for ref in made if ref() is not None]
    finally:
        if enabled:
            gc.enable()
    assert made and alive == []

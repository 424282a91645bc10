"""The QTI writer makes the same package as the writer it replaced (tests/formats/qti_oracle.py):
the same members, in the same order, compressed the same way, with the same bytes, and the
same warnings. The zip's own bytes are not compared: every member carries the time it was
written.

Checked on the bundled course (scenarios, case studies, every kind of question), on banks
hypothesis makes (any text, control characters, wrapped lines, matching), with scenarios, and
on ids that must be shortened or told apart on a case-insensitive file system.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping, Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.bank.load import load_catalog
from quiz.formats.common import stub_lesson
from quiz.formats.qti import write_qti
from quiz.model import (
    Bank,
    CaseRef,
    CaseStudy,
    Choice,
    Phase,
    Question,
    QuestionType,
    Scenario,
    Statement,
)
from tests.formats import qti_oracle
from tests.formats.formats_strategies import banks, tricky_text
from tests.hypothesis_budget import examples

Member = tuple[str, int, bytes]


def _members(data: bytes) -> list[Member]:
    package = zipfile.ZipFile(io.BytesIO(data))
    assert package.testzip() is None  # every member's CRC is right
    return [(i.filename, i.compress_type, package.read(i)) for i in package.infolist()]


def _same_as_before(banks_: Sequence[Bank], scenarios: Mapping[str, Scenario]) -> None:
    new = write_qti(banks_, scenarios)
    old = qti_oracle.write_qti(banks_, scenarios)
    assert _members(new.data) == _members(old.data)
    assert new.notes == old.notes
    assert new.count == old.count


def test_the_bundled_course_is_written_as_before() -> None:
    catalog = load_catalog(None)
    assert catalog.scenarios and any(b.case_studies for b in catalog.banks)
    _same_as_before(list(catalog.banks), catalog.scenarios)
    for bank in catalog.banks:
        _same_as_before([bank], catalog.scenarios)


@settings(max_examples=examples(150), deadline=None)
@given(st.lists(banks(), min_size=1, max_size=3), st.data())
def test_any_bank_is_written_as_before(drawn: list[Bank], data: st.DataObject) -> None:
    scenario = Scenario("s", data.draw(tricky_text), data.draw(tricky_text),
                        (Statement("x", Phase.TRAINING),))
    tied = data.draw(st.lists(st.booleans(), min_size=len(drawn[0].questions),
                              max_size=len(drawn[0].questions)))
    first = drawn[0]._replace(questions=tuple(
        q._replace(scenario="s") if t else q for q, t in zip(drawn[0].questions, tied,
                                                             strict=True)))
    # a stem that opens with the scenario's title: the title is not written twice
    if first.questions and tied[0]:
        q = first.questions[0]
        first = first._replace(questions=(q._replace(stem=scenario.title + " " + q.stem),
                                          *first.questions[1:]))
    # a question two banks share is written once (``select_banks``): ids are unique
    seen: set[str] = set()
    written = []
    for bank in [first, *drawn[1:]]:
        kept = tuple(q for q in bank.questions if q.id not in seen)
        seen.update(q.id for q in kept)
        written.append(bank._replace(questions=kept))
    _same_as_before(written, {"s": scenario})


def test_case_studies_long_ids_and_ids_equal_but_for_case_are_written_as_before() -> None:
    def single(qid: str) -> Question:
        return Question(qid, QuestionType.SINGLE, Phase.INFERENCE, ("LO1",),
                        f"Stem of {qid} & <more>\n  indented\n- item\nwrapped\n\nNext.",
                        (Choice("a", 'Serve "now"', True, "Right\x1b[31m."),
                         Choice("b", "Retrain", False, "Too slow.")), "E.\r\nF.")

    c1 = single("c1")._replace(scenario="photo", case=CaseRef("cs1", 1, 2))
    c2 = single("C1")._replace(scenario="photo", case=CaseRef("cs1", 2, 2))
    long_a, long_b = single("x" * 150), single("x" * 149 + "y")
    digit = single("1st")._replace(type=QuestionType.PHASE, stem="Weights change overnight.")
    case = CaseStudy("cs1", "photo", "The outage", "The GPU cluster\nis down.", (c1, c2))
    bank = Bank("b", "B\x07", stub_lesson("l"), (long_a, c1, c2, long_b, digit),
                case_studies=(case,))
    scenario = Scenario("photo", "Photo app", "Ten million photos a day.",
                        (Statement("x", Phase.TRAINING),))
    _same_as_before([bank], {"photo": scenario})
    _same_as_before([bank, Bank("other", "Other", stub_lesson("l"), (single("o1"),))],
                    {"photo": scenario})


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(st.one_of(tricky_text, st.text(alphabet=" \t\r\n\x0b\x1b\u2028ab-1.", max_size=12)),
                max_size=4))
def test_the_shared_text_helpers_say_what_they_said(texts: list[str]) -> None:
    """``clean`` (printable text returned as it is), ``shown`` (one-line texts skip
    ``reflow``) and the control-character check (one search over all the texts) are shared
    by every writer: they must not change."""
    from quiz.formats import common

    for text in texts:
        assert common.clean(text) == qti_oracle.clean(text)
        assert common.shown(text) == qti_oracle.shown(text)
    assert common._carries_unprintable(*texts) == qti_oracle._carries_unprintable(*texts)

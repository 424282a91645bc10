"""Export text as the app shows it (issue 11 #17) and safe for spreadsheets (issue 11 #11).

An author wraps long YAML lines; the app joins those lines (``quiz.text.reflow``) and keeps a
blank line as a paragraph break. Exports join them the same way, so a sentence is never cut
by a ``<br/>``, ``<br>`` or ``\\n`` where the author only wrapped it. A hand-written phase
question describes an activity without asking anything; the exports that carry the stem alone
(GIFT, Aiken, QTI) add the question the generated items ask, as the app's phase prompt does.
"""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quiz.formats.aiken import write_aiken
from quiz.formats.anki import write_anki
from quiz.formats.common import stub_lesson
from quiz.formats.gift import read_gift, write_gift
from quiz.formats.qti import write_qti
from quiz.model import Bank, Choice, Phase, Question, QuestionType
from quiz.text import PHASE_PROMPT, reflow

WRAPPED = ("A model is trained on labelled data\nuntil its weights settle.\n\n"
           "Then it serves\nrequests.")
JOINED = "A model is trained on labelled data until its weights settle.\n\nThen it serves requests."


def bank(*questions: Question) -> list[Bank]:
    return [Bank("b", "B", stub_lesson("l"), questions)]


def single(stem: str = WRAPPED, text: str = "Fitting\nthe weights", qid: str = "q1") -> Question:
    return Question(qid, QuestionType.SINGLE, Phase.TRAINING, ("LO1",), stem,
                    (Choice("a", text, True, "Right:\nit learns."), Choice("b", "Serving")),
                    "Training\nchanges weights.")


def phase(stem: str = "Engineers rerun the fitting job\nevery night.") -> Question:
    return Question("p1", QuestionType.PHASE, Phase.TRAINING, ("LO1",), stem,
                    (Choice("training", "Training", True),
                     Choice("inference", "Inference", False, "No.")), "It fits.", shuffle=False)


def qti_item(question: Question) -> str:
    with zipfile.ZipFile(io.BytesIO(write_qti(bank(question)).data)) as package:
        return package.read(f"items/{question.id}.xml").decode()


def test_qti_joins_wrapped_lines_and_keeps_paragraphs() -> None:
    item = qti_item(single())
    assert ("<p>A model is trained on labelled data until its weights settle.</p>"
            "<p>Then it serves requests.</p>") in item
    assert ">Fitting the weights</simpleChoice>" in item
    assert "Right: it learns." in item and "Training changes weights." in item
    assert "<br/>" not in item


def test_anki_joins_wrapped_lines_and_keeps_paragraphs() -> None:
    data = write_anki(bank(single())).data.decode()
    row = next(csv.reader(io.StringIO(data.split("\n", 7)[7])))
    assert row[1].startswith("A model is trained on labelled data until its weights settle."
                             "<br><br>Then it serves requests.")
    assert "Fitting the weights" in row[1] and "Training changes weights." in row[2]


def test_gift_joins_wrapped_lines_and_keeps_paragraphs() -> None:
    text = write_gift(bank(single())).data.decode()
    assert "::q1::A model is trained on labelled data until its weights settle.\\n\\nThen" in text
    (question,) = read_gift(text).questions
    assert question.stem == JOINED
    assert question.choices[0].text == "Fitting the weights"
    assert question.explanation == "Training changes weights."


def test_lists_and_indented_lines_keep_their_breaks() -> None:
    stem = "Which step learns?\n- first step\n- second step"
    assert read_gift(write_gift(bank(single(stem))).data.decode()).questions[0].stem == stem


@pytest.mark.parametrize("stem", ["Engineers rerun the fitting job\nevery night.",
                                  "A job runs for a week on GPUs."])
def test_a_phase_question_gets_the_phase_prompt_in_gift_aiken_and_qti(stem: str) -> None:
    shown = reflow(stem)
    gift = write_gift(bank(phase(stem))).data.decode()
    assert f"::p1::{shown}\\n\\n{PHASE_PROMPT}{{" in gift
    aiken = write_aiken(bank(phase(stem))).data.decode()
    assert aiken.startswith(f"{shown} {PHASE_PROMPT}\nA. Training\n")
    assert f"<p>{shown}</p><p>{PHASE_PROMPT}</p>" in qti_item(phase(stem))


def test_a_phase_stem_that_already_asks_gets_no_second_question() -> None:
    stem = "Which phase runs a nightly fitting job?"
    assert f"::p1::{stem}{{" in write_gift(bank(phase(stem))).data.decode()
    generated = f"Spam filter: a message is scored.\n\n{PHASE_PROMPT}"
    assert write_gift(bank(phase(generated))).data.decode().count(PHASE_PROMPT) == 1


def test_a_phase_question_comes_back_from_gift_as_moodle_showed_it() -> None:
    stem = "Engineers rerun the fitting job every night."
    (question,) = read_gift(write_gift(bank(phase(stem))).data.decode()).questions
    assert question.type is QuestionType.PHASE
    assert question.stem == f"{stem}\n\n{PHASE_PROMPT}"


@pytest.mark.parametrize("lead", ["=", "+", "-", "@"])
def test_anki_cells_that_a_spreadsheet_would_run_are_guarded(lead: str) -> None:
    question = single(stem=f"{lead}SUM(A1:A9) is a formula", text=f"{lead}1")
    data = write_anki(bank(question)).data.decode()
    row = next(csv.reader(io.StringIO(data.split("\n", 7)[7])))
    assert all(cell[:1] not in ("=", "+", "-", "@") for cell in row), row
    assert row[1].startswith(f"'{lead}SUM(A1:A9) is a formula")


@given(st.text(st.sampled_from("ab \n-*1.)\t"), max_size=40))
def test_the_shared_reflow_is_the_one_the_app_uses(text: str) -> None:
    # quiz.tui.text.reflow should become a re-export of quiz.text.reflow; until then the two
    # must agree on every text.
    from quiz.tui.text import reflow as app_reflow

    assert reflow(text) == app_reflow(text)

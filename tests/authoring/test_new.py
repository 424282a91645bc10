"""quiz new: a question appended as text, by flags or prompts, validated, or the file restored."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quiz.bank.load import load_catalog
from quiz.bank.scaffold import (
    add_question,
    insert_text,
    make_question,
    next_id,
    question_text,
    read_layout,
)
from quiz.model import Phase, Question, QuestionType
from tests.authoring.authoring_helpers import course, good, run, write_bank
from tests.formats.formats_strategies import questions as any_question
from tests.hypothesis_budget import examples

HAND_WRITTEN = """\
# yaml-language-server: $schema=../schema/bank.schema.json
# Written by hand: every comment, blank line and quote here must survive quiz new.
bank: training-vs-inference-extra
title: 'Extra questions'   # a trailing comment
lesson: training-vs-inference

questions:
    # indented by four, on purpose
    -   id: tvi-094
        type: phase
        phase: training
        objectives: [LO2]
        stem: A team fits a model's weights over a weekend of GPU time.
        feedback: Nothing is served to anyone here.
        explanation: |
          Training builds: weights are being fitted. Serves LO2.

    -   id: tvi-095   # lint: ignore explanation-no-objective
        type: true_false
        phase: inference
        objectives: [LO3]
        stem: A deployed chatbot learns from every message it answers.
        answer: false
        feedback: "Answering only reads the weights."
        explanation: >
          Inference applies: answering a message uses the model as it is.

# the exam settings live after the questions in this file
exam: {questions: 2, minutes: 5, pass_percent: 50}
"""

FLAGS = ["--type", "single", "--phase", "inference", "--objective", "LO3",
         "--objective", "LO6",
         "--stem", "A shop's app asks a deployed model for a price. Which phase is that?",
         "--choice", "Inference", "--choice", "Training", "--choice", "Labelling",
         "--correct", "1", "--feedback", "2", "No learning happens when a price is served.",
         "--feedback", "3", "Labelling prepares data before training.",
         "--explanation", "Inference applies: a finished model answers. Serves LO3 and LO6.",
         "--difficulty", "2"]


@pytest.fixture
def bank(tmp_path: Path) -> Path:
    path = course(tmp_path) / "extra.yaml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    return path


def question(path: Path, qid: str) -> Question:
    found = load_catalog([path]).banks[0].question(qid)
    assert found is not None
    return found


def test_flags_append_after_the_last_question_and_keep_everything_else(bank: Path) -> None:
    result = run("new", str(bank), *FLAGS)
    assert result.exit_code == 0, result.output
    assert "added tvi-096" in result.stdout
    text = bank.read_text(encoding="utf-8")
    head, tail = HAND_WRITTEN.split("# the exam settings")
    assert text.startswith(head)  # everything before is untouched, blank line included
    assert text.endswith("# the exam settings" + tail)  # the comment stays with its key
    added = text[len(head):-len("# the exam settings" + tail)]
    assert added.startswith("    - id: tvi-096\n      type: single\n")  # the file's column
    q = question(bank, "tvi-096")
    assert (q.type, q.phase, q.objectives, q.difficulty) == (
        QuestionType.SINGLE, Phase.INFERENCE, ("LO3", "LO6"), 2)
    assert [(c.id, c.text, c.correct) for c in q.choices] == [
        ("a", "Inference", True), ("b", "Training", False), ("c", "Labelling", False)]
    assert q.choices[1].feedback.startswith("No learning")
    assert load_catalog([bank]).banks[0].exam.questions == 2


def test_prompts_ask_for_everything(bank: Path) -> None:
    answers = [
        "",  # id: accept tvi-096
        "multiple", "training",
        "LO9, LO5",  # LO9 first: shows any listed id is accepted
        "3",  # difficulty
        "A team plans a three-week run on a GPU cluster. Which two does it need most?",
        "A large labelled dataset", "y", "",
        "Many accelerators for a long time", "y", "",
        "A response time under ten milliseconds", "n", "That is what serving needs.",
        "",  # no more choices
        "Training builds: data and compute make the model. Serves LO5.",
        "y",  # append
    ]
    result = run("new", str(bank), stdin="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "LO5  Recognise what training workloads need" in result.stdout  # objectives offered
    q = question(bank, "tvi-096")
    assert (q.type, q.phase, q.objectives, q.difficulty) == (
        QuestionType.MULTIPLE, Phase.TRAINING, ("LO9", "LO5"), 3)
    assert q.correct_ids == ("a", "b")
    assert q.choices[2].feedback == "That is what serving needs."
    assert bank.read_text(encoding="utf-8").startswith(HAND_WRITTEN.split("# the exam")[0])


def test_prompts_reject_unknown_objectives_and_ask_again(bank: Path) -> None:
    answers = ["tvi-200", "true_false", "inference", "LO99", "LO3", "", "A deployed model "
               "retrains itself on each request it serves.", "n", "It only reads weights.",
               "Inference applies: the model is only used. LO3.", "y"]
    result = run("new", str(bank), stdin="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "unknown objective 'LO99'" in result.output
    q = question(bank, "tvi-200")
    assert q.correct_ids == ("false",) and q.choices[0].feedback == "It only reads weights."


def test_declining_the_preview_leaves_the_file_alone(bank: Path) -> None:
    before = bank.read_bytes()
    answers = ["", "phase", "training", "LO2", "", "Fitting weights on a cluster.", "",
               "Training builds. LO2.", "n"]
    result = run("new", str(bank), stdin="\n".join(answers) + "\n")
    assert result.exit_code == 1
    assert bank.read_bytes() == before


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--objective", "LO42"], "unknown objective 'LO42'"),
        (["--correct", "2"], "a single question needs exactly 1 correct choice, not 2"),
        (["--scenario", "nowhere"], "unknown scenario 'nowhere'"),
    ],
)
def test_invalid_question_restores_the_file_byte_for_byte(
    bank: Path, extra: list[str], message: str
) -> None:
    before = bank.read_bytes()
    result = run("new", str(bank), *FLAGS, *extra)
    assert result.exit_code == 1
    assert message in result.stderr
    assert "not added" in result.stderr and "the file is unchanged" in result.stderr
    assert bank.read_bytes() == before
    assert not list(bank.parent.glob(".*.tmp"))


def test_taken_id_and_bad_choice_numbers_fail_before_writing(bank: Path) -> None:
    before = bank.read_bytes()
    taken = run("new", str(bank), *FLAGS, "--id", "tvi-095")
    assert taken.exit_code == 1 and "already has a question 'tvi-095'" in taken.stderr
    beyond = run("new", str(bank), *FLAGS, "--correct", "7")
    assert beyond.exit_code == 2 and "choice 7 does not exist" in beyond.stderr
    orphan = run("new", str(bank), "--type", "single", "--correct", "1", "--no-input")
    assert orphan.exit_code == 2 and "give the choices too" in orphan.stderr
    assert bank.read_bytes() == before


def test_no_input_names_the_missing_flags(bank: Path) -> None:
    result = run("new", str(bank), "--type", "single", "--no-input")
    assert result.exit_code == 2
    assert "--phase" in result.stderr and "--choice" in result.stderr


def test_lint_hints_for_the_new_question_are_shown(bank: Path) -> None:
    flags = [*FLAGS[:-4], "--explanation", "It is used.", "--difficulty", "2"]
    result = run("new", str(bank), *flags)
    assert result.exit_code == 0, result.output
    assert "[explanation-no-side]" in result.stdout
    assert "[explanation-no-objective]" in result.stdout


@pytest.mark.parametrize(
    ("ids", "bank_id", "expected"),
    [
        (["tvi-094", "tvi-095"], "x", "tvi-096"),
        (["tvi-009"], "x", "tvi-010"),
        (["q1", "q2", "q10"], "x", "q11"),
        (["a-0999"], "x", "a-1000"),
        (["tvi-001", "tvi-002", "other"], "x", "tvi-003"),
        ([], "training-vs-inference", "tvi-001"),
        ([], "demo", "demo-001"),
        (["intro", "outro"], "demo", "demo-001"),
    ],
)
def test_next_id_follows_the_bank_pattern(ids: list[str], bank_id: str, expected: str) -> None:
    assert next_id(ids, bank_id) == expected


def _added_question(path: Path, qid: str = "n-1") -> Question:
    q = make_question(qid=qid, kind=QuestionType.PHASE, phase=Phase.TRAINING,
                      objectives=("LO2",), stem="Fitting weights.",
                      explanation="Training builds. LO2.", wrong_feedback="Not served.")
    added = add_question(path, q)
    assert added.kept, added.new_errors
    assert question(path, qid) == q
    return q


@pytest.mark.parametrize(
    "variant",
    ["dash at column 0", "crlf", "bom", "no final newline", "empty flow list",
     "empty key", "literal block last", "comment after last"],
)
def test_layouts_authors_write(tmp_path: Path, variant: str) -> None:
    text = yaml.safe_dump({"bank": "demo", "title": "Demo", "lesson": "training-vs-inference",
                           "questions": [good()]}, sort_keys=False, width=1000)
    data: bytes
    if variant == "crlf":
        data = text.replace("\n", "\r\n").encode()
    elif variant == "bom":
        data = b"\xef\xbb\xbf" + text.encode()
    elif variant == "no final newline":
        data = text.rstrip("\n").encode()
    elif variant == "empty flow list":
        data = text.split("questions:")[0].encode() + b"questions: []  # none yet\n"
    elif variant == "empty key":
        data = text.split("questions:")[0].encode() + b"questions:\n"
    elif variant == "literal block last":
        data = (text.replace("explanation: 'Inference", "explanation: |\n    Inference")
                .replace("Serves LO3.'", "Serves LO3.\n\n\n")).encode()
    elif variant == "comment after last":
        data = (text + "  # the end\n# really\n").encode()
    else:
        data = text.encode()
    path = course(tmp_path) / "demo.yaml"
    path.write_bytes(data)
    if "empty" not in variant:
        load_catalog([path])  # valid to start with
    _added_question(path)
    after = path.read_bytes()
    if variant == "crlf":
        assert b"\n" not in after.replace(b"\r\n", b"")
    if variant == "bom":
        assert after.startswith(b"\xef\xbb\xbf") and after.count(b"\xef\xbb\xbf") == 1
    if variant == "empty flow list":
        assert b"questions:  # none yet\n" in after
    if "empty" not in variant:
        assert question(path, "t-001") is not None
    # the file is the old bytes with the new item spliced in whole, nothing else changed
    item = question_text(make_question(
        qid="n-1", kind=QuestionType.PHASE, phase=Phase.TRAINING, objectives=("LO2",),
        stem="Fitting weights.", explanation="Training builds. LO2.",
        wrong_feedback="Not served."), 0 if "empty" not in variant else 2,
        "\r\n" if variant == "crlf" else "\n").encode()
    assert after.count(item) == 1
    rest = after.replace(item, b"")
    if variant == "no final newline":
        assert rest == data + b"\n"
    elif variant == "empty flow list":
        assert rest == data.replace(b"questions: []", b"questions:")
    else:
        assert rest == data


def test_symlinked_bank_is_written_through_the_link(tmp_path: Path) -> None:
    real = write_bank(tmp_path, [good()])
    link = real.parent / "link.yaml"
    real.rename(real.parent / "real.yml.txt")
    link.symlink_to(real.parent / "real.yml.txt")
    _added_question(link)
    assert link.is_symlink()
    assert b"n-1" in (real.parent / "real.yml.txt").read_bytes()


def test_flow_list_of_questions_is_refused(tmp_path: Path) -> None:
    path = course(tmp_path) / "demo.yaml"
    path.write_text("bank: d\ntitle: D\nlesson: training-vs-inference\nquestions: [{id: a}]\n",
                    encoding="utf-8")
    result = run("new", str(path), *FLAGS)
    assert result.exit_code == 1 and "block list" in result.stderr


# matching questions have their own round trip (tests/bank/test_matching_roundtrip.py): the
# shared strategy of tests/formats does not make them yet
_KINDS = tuple(t for t in QuestionType if t is not QuestionType.MATCHING)


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_question(objective_ids=("LO1", "LO5", "LO9"), qid="new-1", kinds=_KINDS),
       st.sampled_from(["\n", "\r\n"]), st.sampled_from([0, 2, 4]))
def test_any_valid_question_appended_loads_back_equal(
    q: Question, newline: str, column: int
) -> None:
    """Whatever the text (quotes, colons, control characters, line breaks), it round-trips."""
    existing = question_text(_plain(), column, newline)
    head = newline.join(["bank: demo", "title: Demo", "lesson: training-vs-inference",
                         "questions:", ""])
    text = head + existing
    layout = read_layout(text, "demo.yaml")
    updated, _ = insert_text(text, layout, question_text(q, layout.dash_column, newline))
    assert updated.startswith(text)
    with tempfile.TemporaryDirectory() as work:
        path = course(Path(work)) / "demo.yaml"
        path.write_bytes(updated.encode("utf-8"))
        loaded = load_catalog([path]).banks[0]
        assert loaded.question("new-1") == q
        assert loaded.question("old-1") == _plain()


def _plain() -> Question:
    return make_question(qid="old-1", kind=QuestionType.PHASE, phase=Phase.INFERENCE,
                         objectives=("LO1",), stem="Serving.", explanation="Inference. LO1.")

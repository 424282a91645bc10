"""dump_bank: any valid bank written as YAML loads back as the same bank."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings

from quiz.bank.dump import dump_bank
from quiz.bank.load import load_catalog, load_text
from quiz.errors import BankError
from quiz.model import Bank, Choice, Phase, Question, QuestionType
from quiz.paths import bundled_banks, bundled_scenarios
from tests.formats.formats_strategies import banks
from tests.hypothesis_budget import examples


def _same(loaded: Bank, bank: Bank) -> None:
    assert loaded.id == bank.id
    assert loaded.title == bank.title
    assert loaded.description == bank.description
    assert loaded.lesson == bank.lesson
    assert loaded.exam == bank.exam
    assert loaded.scoring == bank.scoring
    assert loaded.generate == bank.generate
    assert loaded.questions == bank.questions


@settings(max_examples=examples(300), deadline=None)
@given(banks())
def test_dump_then_load_gives_the_same_bank(bank: Bank) -> None:
    text = dump_bank(bank, lesson_ref=False)
    assert text.startswith("# yaml-language-server: $schema=")
    loaded = load_text(text).banks
    assert len(loaded) == 1
    _same(loaded[0], bank)


def test_bundled_bank_round_trips_with_a_lesson_reference(tmp_path: Path) -> None:
    bank = load_catalog([bundled_banks()]).banks[0]
    text = dump_bank(bank)
    assert f"\nlesson: {bank.lesson.id}\n" in text
    assert "gen." not in text  # generated items are remade from the generate: block
    folder = tmp_path / "question_banks"
    shutil.copytree(bundled_banks(), folder)
    shutil.copytree(bundled_scenarios(), tmp_path / "scenarios")
    (folder / "training-vs-inference.yaml").write_text(text, encoding="utf-8")
    loaded = load_catalog([folder]).banks[0]
    assert loaded.questions == bank.questions
    assert loaded.lesson == bank.lesson
    assert loaded.generate == bank.generate


def test_true_false_and_phase_use_answer_and_question_feedback() -> None:
    catalog = load_catalog([bundled_banks()])
    bank = catalog.banks[0]
    tf = Question("tf-1", QuestionType.TRUE_FALSE, Phase.TRAINING, ("LO1",), "Stem",
                  (Choice("true", "True", False, "why not true"), Choice("false", "False", True)),
                  "Because.", shuffle=False)
    ph = Question("ph-1", QuestionType.PHASE, Phase.INFERENCE, ("LO1",), "Stem",
                  (Choice("training", "Training", False, "wrong side"),
                   Choice("inference", "Inference", True)), "Because.", shuffle=False)
    text = dump_bank(bank._replace(questions=(tf, ph), generate=None, case_studies=()),
                     lesson_ref=False)
    assert "answer: false\n    feedback: why not true" in text
    assert "choices" not in text.split("ph-1")[1]
    assert "feedback: wrong side" in text


def test_review_placeholders_fail_validation_where_they_are() -> None:
    bank = load_catalog([bundled_banks()]).banks[0]
    first = next(q for q in bank.questions if not q.generated)
    first = first._replace(scenario=None)
    # without its case studies: this text is loaded alone, without the scenario files that
    # define them (their names would be unknown case studies, errors of their own)
    text = dump_bank(bank._replace(questions=(first,), generate=None, case_studies=()),
                     lesson_ref=False,
                     review={first.id: {"phase", "objectives", "explanation"}})
    with pytest.raises(BankError) as caught:
        load_text(text, "imported.yaml")
    diagnostics = caught.value.diagnostics
    messages = [str(d) for d in diagnostics]
    lines = text.split("\n")
    assert any("'phase'" in m and "REVIEW" in m for m in messages)
    assert any("'objectives'" in m for m in messages)
    assert any("'explanation' is empty" in m for m in messages)
    assert len(diagnostics) == 3, messages
    for diagnostic in diagnostics:
        assert "REVIEW" in lines[diagnostic.line - 1]  # each error points at its placeholder


@pytest.mark.slow
def test_ten_thousand_questions_dump_and_load_back() -> None:
    bank = load_catalog([bundled_banks()]).banks[0]
    # case-study questions are written in scenario files, never in a bank (dump leaves
    # them out), so the bank's own written questions are the ones to repeat
    authored = [q._replace(scenario=None) for q in bank.questions
                if not q.generated and q.case is None]
    many = tuple(
        authored[i % len(authored)]._replace(id=f"q{i}") for i in range(10_000)
    )
    big = bank._replace(questions=many, generate=None, case_studies=())
    text = dump_bank(big, lesson_ref=False)
    assert text.count("\n  - id: ") == 10_000
    assert load_text(text).banks[0].questions == many

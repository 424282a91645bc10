"""quiz import / quiz export as an instructor runs them, from file to validated bank."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from quiz.bank.load import load_catalog
from quiz.cli.main import cli
from quiz.formats.common import shown, shown_stem
from quiz.model import Question
from quiz.paths import bundled_banks, bundled_scenarios

MOODLE = """// Exported from an old course
$CATEGORY: $course$/Lifecycle

::Q1:: A fraud model scores a payment before the card reader times out. Which phase?{
  =Inference#Right: a trained model is applied to new input.
  ~Training#Nothing is learned while a payment is scored.
  ####Inference applies: the model answers one request at a time.
}

::Q2:: Match the stage to its tool {=Train -> GPU =Serve -> API}

::Q3:: A nightly job refits the model on yesterday's data.{TRUE#It does learn.}
"""


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """A course folder: question_banks/ with the lesson, scenarios/ beside it."""
    shutil.copytree(bundled_banks(), tmp_path / "question_banks")
    shutil.copytree(bundled_scenarios(), tmp_path / "scenarios")
    (tmp_path / "old.gift").write_text(MOODLE, encoding="utf-8")
    return tmp_path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


def test_import_without_defaults_writes_review_placeholders_that_fail_validation(
    course: Path,
) -> None:
    out = course / "question_banks" / "old.yaml"
    code, stdout, stderr = run("import", str(course / "old.gift"), "--from", "gift",
                               "-o", str(out))
    assert code == 0, stderr
    assert "old.gift:10:1: warning: question 'Q2' skipped: a matching question" in stderr
    assert "wrote" in stdout and "2 question(s)" in stdout and "REVIEW" in stdout
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../")
    assert "lesson: training-vs-inference" in text
    code, stdout, stderr = run("validate", str(course / "question_banks"))
    assert code == 1
    lines = text.split("\n")
    errors = [e for e in (stdout + stderr).splitlines() if ": error: " in e]
    assert errors and all("old.yaml" in e for e in errors)
    for error in errors:  # every error points at a placeholder line
        line = int(error.split(":")[1])
        assert "REVIEW" in lines[line - 1], error
    assert sum("'phase'" in e for e in errors) == 2
    assert sum("'explanation' is empty" in e for e in errors) == 1  # Q3 has none


def test_import_with_defaults_and_explanations_validates(course: Path) -> None:
    gift = course / "ok.gift"
    gift.write_text("::A1:: Serving a prediction?{=Inference ~Training####Inference applies.}\n",
                    encoding="utf-8")
    out = course / "question_banks" / "ok.yaml"
    code, _, stderr = run("import", str(gift), "--from", "gift", "--phase", "inference",
                          "--objective", "LO3", "--objective", "LO9", "-o", str(out))
    assert code == 0, stderr
    code, stdout, stderr = run("validate", str(course / "question_banks"))
    assert code == 0, stdout + stderr
    bank = next(b for b in load_catalog([course / "question_banks"]).banks if b.id == "ok")
    assert bank.questions[0].objectives == ("LO3", "LO9")


def test_import_refuses_to_overwrite_and_reports_parse_errors(course: Path) -> None:
    out = course / "question_banks" / "training-vs-inference.yaml"
    code, _, stderr = run("import", str(course / "old.gift"), "--from", "gift", "-o", str(out))
    assert code == 1 and "--force" in stderr
    bad = course / "bad.aiken"
    bad.write_text("What?\nA. x\nB. y\nANSWER: E\n", encoding="utf-8")
    code, _, stderr = run("import", str(bad), "--from", "aiken", "-o", str(course / "b.yaml"))
    assert code == 1
    assert "bad.aiken:4:1: error: the answer E is not one of the options" in stderr
    assert not (course / "b.yaml").exists()
    code, _, stderr = run("import", str(course / "old.gift"), "--from", "gift",
                          "--objective", "LO42", "-o", str(course / "question_banks/x.yaml"))
    assert code == 1 and "LO42" in stderr


@pytest.mark.parametrize("fmt", ["gift", "aiken", "qti", "anki"])
def test_export_each_format(course: Path, fmt: str) -> None:
    out = course / f"out.{fmt}"
    code, _, stderr = run("export", str(course / "question_banks"), "--to", fmt, "-o", str(out))
    assert code == 0, stderr
    assert out.stat().st_size > 0
    if fmt == "aiken":
        assert "[tvi-004]" in stderr and "[tvi-005]" in stderr  # multiple and ordering


def test_gift_export_then_import_gives_back_the_bank(course: Path) -> None:
    banks = course / "question_banks"
    original = load_catalog([banks]).banks[0]
    gift = course / "tvi.gift"
    code, _, stderr = run("export", str(banks), "--to", "gift", "-o", str(gift))
    assert code == 0, stderr
    copy = course / "copy"
    copy.mkdir()
    shutil.copy(banks / "training-vs-inference.lesson.yaml", copy)
    code, _, stderr = run("import", str(gift), "--from", "gift", "-o", str(copy / "tvi.yaml"))
    assert code == 0, stderr
    (banks / "training-vs-inference.yaml").unlink()  # ids must stay unique when loaded
    shutil.move(copy / "tvi.yaml", banks / "tvi.yaml")
    again = load_catalog([banks]).banks[0]
    # the case studies are taken in by id from scenarios/, not written again: written again,
    # their questions were duplicate ids of the scenario files' (the bug this guards)
    assert "case study 'cs-car-roadworks' is defined in" in stderr
    assert [c.id for c in again.case_studies] == [c.id for c in original.case_studies]
    assert {q.id: _trimmed(q) for q in again.questions} == {
        q.id: _trimmed(q) for q in original.questions}
    # generated items come back as written ones, which a bank lists before case studies
    assert [q.id for q in again.questions if q.case is None] == [
        q.id for q in original.questions if q.case is None]
    assert len(again.questions) == len(original.questions)


def test_gift_export_carries_scenario_context_once(course: Path) -> None:
    catalog = load_catalog([course / "question_banks"])
    gift = course / "tvi.gift"
    code, _, stderr = run("export", str(course / "question_banks"), "--to", "gift", "-o",
                          str(gift))
    assert code == 0, stderr
    text = gift.read_text(encoding="utf-8")
    for question in catalog.banks[0].questions:
        if question.scenario is None:
            continue
        scenario = catalog.scenarios[question.scenario]
        block = text.split(f"::{question.id}::", 1)[1].split("{", 1)[0]
        context = shown(scenario.context).replace(":", "\\:").replace("=", "\\=")
        assert block.count(context.split("\n")[0][:60]) == 1, question.id
        title = shown(scenario.title).replace(":", "\\:")
        assert block.count(title) == 1, (question.id, block[:200])


def _trimmed(q: Question) -> Question:
    """GIFT carries each text as the app shows it: ends trimmed, the author's line wraps
    joined, and a phase stem with its question (``shown``, ``shown_stem``)."""
    choices = tuple(c._replace(text=shown(c.text), feedback=shown(c.feedback))
                    for c in q.choices)
    prompts = tuple(p._replace(text=shown(p.text), feedback=shown(p.feedback))
                    for p in q.prompts)
    categories = tuple(c._replace(text=shown(c.text)) for c in q.categories)
    return q._replace(generated=False, stem=shown_stem(q), explanation=shown(q.explanation),
                      choices=choices, prompts=prompts, categories=categories)


def test_export_unknown_bank_and_stdout(course: Path) -> None:
    code, _, stderr = run("export", str(course / "question_banks"), "--to", "gift", "-o", "x",
                          "--bank", "nope")
    assert code == 1 and "no bank 'nope'" in stderr
    code, stdout, _ = run("export", str(course / "question_banks"), "--to", "aiken", "-o", "-")
    assert code == 0 and "ANSWER: A" in stdout


def test_import_counts_every_warning_even_those_not_listed(course: Path) -> None:
    # 1,003 essay questions are skipped, one warning each; only the first 1,000 are listed
    # and one line counts the rest, so the summary must say 1,003 (not the 1,001 lines)
    text = "::Q1:: A ok? {=Inference ~Training}\n\n" + "".join(
        f"::E{n}:: Describe step {n}. {{}}\n\n" for n in range(1003))
    source = course / "many.gift"
    source.write_text(text, encoding="utf-8")
    out = course / "question_banks" / "many.yaml"
    code, stdout, stderr = run("import", str(source), "--from", "gift", "--phase", "training",
                               "--objective", "LO1", "-o", str(out))
    assert code == 0, stderr
    assert "1,003 warning(s) above" in stdout, stdout
    assert "3 more warning(s) from here on are not listed" in stderr

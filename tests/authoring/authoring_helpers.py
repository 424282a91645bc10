"""Small banks for the authoring tests, written as text the way an author writes them.

``good()`` is a question no lint rule objects to; each test changes one thing about it to
make one rule fire, so a failure points at exactly one rule.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner, Result

from quiz.cli.main import cli
from quiz.paths import bundled_banks

LESSON = "training-vs-inference.lesson.yaml"


def good(qid: str = "t-001", **changes: Any) -> dict[str, Any]:
    """A clean single-choice question (inference, LO3); ``changes`` replace its keys."""
    question: dict[str, Any] = {
        "id": qid,
        "type": "single",
        "phase": "inference",
        "objectives": ["LO3"],
        "stem": "A shop's app sends a photo to a deployed vision model. Which phase is the "
                "model in?",
        "choices": [
            {"id": "a", "text": "Inference on a new input", "correct": True},
            {"id": "b", "text": "Training on a new batch",
             "feedback": "Nothing is learned while one photo is classified."},
            {"id": "c", "text": "Labelling of raw images",
             "feedback": "Labelling prepares training data; here a finished model is used."},
        ],
        "explanation": "Inference applies: a finished model is used on a new photo. Serves LO3.",
    }
    question.update(changes)
    return {k: v for k, v in question.items() if v is not None}


def bank_text(questions: list[dict[str, Any]], bank_id: str = "demo") -> str:
    """A bank file using the shared lesson; PyYAML puts list items' '-' at column 0."""
    header = {"bank": bank_id, "title": "Demo bank", "lesson": "training-vs-inference"}
    return yaml.safe_dump({**header, "questions": questions}, sort_keys=False,
                          allow_unicode=True, width=1000)


def course(tmp_path: Path) -> Path:
    """A folder holding the shared lesson file, ready for a bank beside it."""
    folder = tmp_path / "question_banks"
    folder.mkdir(exist_ok=True)
    shutil.copy(bundled_banks() / LESSON, folder / LESSON)
    return folder


def write_bank(tmp_path: Path, questions: list[dict[str, Any]], name: str = "demo.yaml",
               bank_id: str = "demo") -> Path:
    path = course(tmp_path) / name
    path.write_text(bank_text(questions, bank_id), encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    """The 1-based line of the first line containing ``needle``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def run(*args: str, stdin: str | None = None) -> Result:
    """Run the quiz CLI in-process; never a traceback."""
    result = CliRunner().invoke(cli, list(args), input=stdin)
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        result.output, result.exception)
    assert "Traceback" not in result.output
    return result

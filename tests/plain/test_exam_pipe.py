"""`quiz exam --plain` through a pipe on the bundled bank: a draw holding a matching item and
a case study, every question answered, and every answer in the store afterwards.

The seed is found by looking at the draw through the engine (the same seed, bank, length
and time give the same draw in any process), so the test follows the bundled bank as it
grows instead of trusting one seed to stay interesting.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from quiz.engine.session import Session
from quiz.model import QuestionType
from quiz.paths import bundled_banks
from quiz.workspace import Workspace
from tests.plain.plain_helpers import BOX_DRAWING, right_ids, right_line

QUESTIONS, MINUTES = 10, 12
"""The issue's own command: quiz exam --plain --questions 10 --minutes 12 --seed 3."""


def _env(tmp_path: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if key not in ("QUIZ_CONFIG", "QUIZ_LEARNER", "QUIZ_DB")}
    return {**env, "QUIZ_CACHE_DIR": str(tmp_path / "cache"),
            "XDG_CONFIG_HOME": str(tmp_path / "config"), "COLUMNS": "", "LINES": ""}


def _draw_with_matching_and_a_case(tmp_path: Path) -> Session:
    """The first exam draw (seeds from 3 up) holding both a matching item and a case study."""
    workspace = Workspace.open([bundled_banks()], "probe", tmp_path / "probe.sqlite3")
    try:
        for seed in range(3, 203):
            session = workspace.exam(seed, questions=QUESTIONS, minutes=MINUTES)
            questions = session.items.questions
            if any(q.type is QuestionType.MATCHING for q in questions) and \
                    any(q.case is not None for q in questions):
                return session
    finally:
        workspace.close()
    raise AssertionError("no exam draw of the bundled bank holds a matching item and a case "
                         "study in 200 seeds")


def test_an_exam_with_matching_and_a_case_study_answered_through_a_pipe(
    tmp_path: Path,
) -> None:
    drawn = _draw_with_matching_and_a_case(tmp_path)
    answers = [right_line(item) for item in drawn.items]
    db = tmp_path / "p.sqlite3"
    # every question answered in turn; after the last comes the review list: submit, yes,
    # then Enter at the results
    done = subprocess.run(
        [sys.executable, "-m", "quiz", "exam", "--plain", "--questions", str(QUESTIONS),
         "--minutes", str(MINUTES), "--seed", str(drawn.seed), "--learner", "ana",
         "--db", str(db)],
        input="".join(f"{line}\n" for line in [*answers, "s", "y", ""]),
        capture_output=True, text=True, env=_env(tmp_path), timeout=300,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "Traceback" not in out + done.stderr and "internal error" not in done.stderr
    assert "\x1b" not in out and not any(ord(ch) in BOX_DRAWING for ch in out)
    assert f"Exam: Training vs Inference. {QUESTIONS} questions, " in out
    assert ". Matching.\n" in out and "Categories:\n  a. " in out
    assert "\nCase study: " in out and "Case study question 1 of " in out
    assert "Score 100%, scaled score 1000 (scale 100 to 1000, pass at 720): passed" in out
    assert f"{QUESTIONS} questions: {QUESTIONS} right, 0 wrong, 0 unanswered;" in out
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT position, question_id, answer FROM responses").fetchall()
    stored = {position: (question_id, tuple(json.loads(answer)))
              for position, question_id, answer in rows}
    assert stored == {position: (item.question.id, right_ids(item))
                      for position, item in enumerate(drawn.items)}

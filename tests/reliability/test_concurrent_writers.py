"""Two processes answering into the same store at once lose nothing and see no lock errors."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

WRITER = """
import sys
from quiz.workspace import Workspace
ws = Workspace.open(learner=sys.argv[2], db_path=sys.argv[1])
assert ws.conn is not None, ws.problems()
answered = 0
for round_ in range(int(sys.argv[3])):
    session = ws.practice(seed=round_)
    for position in range(len(session.items)):
        session.goto(position)
        session.answer(session.item.question.correct_ids)
        answered += 1
    session.submit()
problems = ws.problems()
print(answered, "|".join(problems))
sys.exit(1 if problems else 0)
"""


def test_two_processes_write_the_same_store(tmp_path: Path) -> None:
    db = tmp_path / "shared.sqlite3"
    env = {**os.environ, "QUIZ_CACHE_DIR": str(tmp_path / "cache")}
    # create the store first so both writers race on answers, not on the migration
    subprocess.run([sys.executable, "-c", WRITER, str(db), "setup", "1"], env=env, check=True,
                   capture_output=True)
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(db), name, "8"], env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for name in ("ana", "bo")
    ]
    outputs = [w.communicate(timeout=180) for w in writers]
    for writer, (out, err) in zip(writers, outputs, strict=True):
        assert writer.returncode == 0, err or out
        assert "locked" not in out + err
    answered = {name: int(out.split()[0]) for name, (out, _) in zip(("ana", "bo"), outputs,
                                                                      strict=True)}
    with sqlite3.connect(db) as conn:
        stored = dict(conn.execute(
            "SELECT l.name, count(*) FROM responses r JOIN learners l ON l.id = r.learner_id"
            " GROUP BY l.name").fetchall())
    assert answered["ana"] > 0
    assert stored["ana"] == answered["ana"]
    assert stored["bo"] == answered["bo"]

"""The app's start imports only what the first question needs (issue 16).

Opening a workspace and making a practice session must not import the spaced-repetition
engine (and fsrs), the history queries, the feedback builder or getpass: each is imported
where it is used. The shared SQL rules and the outbox's schema step live in small modules of
constants, and their old homes still give the same values.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from quiz.store import counting, history, outbox, outbox_table, schema
from quiz.store.learners import _USER_VARIABLES, default_learner

START = """
import json, sys
from pathlib import Path
from quiz.workspace import Workspace

workspace = Workspace.open([Path(sys.argv[1])], "ana", Path(sys.argv[2]))
session = workspace.practice(seed=1)
session.items[0]
if sys.argv[3] == "answer":
    item = session.items[0]
    session.answer([item.order[0]])
workspace.close()
print(json.dumps(sorted(sys.modules)))
"""

DEFERRED = ("quiz.engine.srs", "fsrs", "quiz.store.history", "quiz.engine.feedback",
            "quiz.engine.adaptive", "quiz.store.resume", "getpass")


def _start(bank: Path, db: Path, answer: bool) -> set[str]:
    env = dict(os.environ, QUIZ_CACHE_DIR=str(db.parent / "cache"), USER="ana")
    done = subprocess.run([sys.executable, "-c", START, str(bank), str(db),
                           "answer" if answer else "look"],
                          capture_output=True, text=True, env=env, check=True)
    return set(json.loads(done.stdout))


def test_a_start_with_nothing_to_replay_imports_none_of_the_deferred(tmp_path: Path) -> None:
    from quiz.paths import bundled_banks

    db = tmp_path / "p.sqlite3"
    answered = _start(bundled_banks(), db, answer=True)  # an answer: the next open replays
    assert "quiz.engine.feedback" in answered  # the first answer brings the feedback
    _start(bundled_banks(), db, answer=False)  # the card is rebuilt here
    loaded = _start(bundled_banks(), db, answer=False)  # the cards match: nothing to replay
    assert not loaded & set(DEFERRED), sorted(loaded & set(DEFERRED))
    assert "quiz.store.counting" in loaded


def test_the_rules_have_one_value_in_both_homes() -> None:
    assert history.COUNTED == counting.COUNTED
    assert history.RIGHT == counting.RIGHT
    assert outbox.MIGRATION is outbox_table.MIGRATION
    assert outbox_table.MIGRATION in schema.MIGRATIONS


@pytest.mark.parametrize("set_vars", [
    {}, {"USER": "ana"}, {"LOGNAME": "bo", "USER": "ana"}, {"USERNAME": "cy"},
    {"LNAME": "di", "USERNAME": "cy"}, {"LOGNAME": "", "USER": "ana"},
])
def test_the_default_learner_is_getpass_s_user(monkeypatch: pytest.MonkeyPatch,
                                               set_vars: dict[str, str]) -> None:
    import getpass

    for name in _USER_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in set_vars.items():
        monkeypatch.setenv(name, value)
    try:
        expected = getpass.getuser() or "learner"
    except (OSError, KeyError):
        expected = "learner"
    assert default_learner() == expected

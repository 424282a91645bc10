"""Any sequence of exam actions keeps the session's invariants (hypothesis stateful testing).

Actions: answer, change an answer, flag, navigate, let time pass, suspend and resume from the
store (a new workspace on the same file, as after a crash), submit. Invariants: every score is
in [0, 1]; the store holds exactly one response per answered position, equal to the session's
answer; the timer never runs backward; once submitted, nothing changes.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from quiz.engine.clock import FakeClock
from quiz.engine.session import Session, SessionClosed, Status
from quiz.workspace import Workspace
from tests.hypothesis_budget import examples


class ExamMachine(RuleBasedStateMachine):
    """A model of one learner sitting one exam, with crashes."""

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="quiz-sm-"))
        self.db = self.folder / "progress.sqlite3"
        self.clock = FakeClock()
        self.workspace = self._workspace()
        self.session: Session = self.workspace.exam(seed=5)
        self.last_elapsed = 0.0
        self.frozen: dict[int, tuple[str, ...]] | None = None

    def _workspace(self) -> Workspace:
        ws = Workspace.open(learner="sm", db_path=self.db)
        ws.clock = self.clock
        return ws

    def teardown(self) -> None:
        self.workspace.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    @property
    def open(self) -> bool:
        return self.session.status is Status.ACTIVE and not self.session.check_time()

    @precondition(lambda self: self.open)
    @rule(data=st.data())
    def answer(self, data: st.DataObject) -> None:
        position = data.draw(st.integers(0, len(self.session.items) - 1))
        ids = [c.id for c in self.session.items[position].question.choices]
        picked = data.draw(st.lists(st.sampled_from(ids), min_size=1, max_size=len(ids),
                                    unique=True))
        self.session.goto(position)
        self.session.answer(picked)

    @precondition(lambda self: self.open)
    @rule(position=st.integers(0, 40))
    def flag(self, position: int) -> None:
        self.session.toggle_flag(min(position, len(self.session.items) - 1))

    @rule(step=st.sampled_from(["next", "previous"]))
    def navigate(self, step: str) -> None:
        getattr(self.session, step)()

    @rule(seconds=st.floats(0, 900))
    def time_passes(self, seconds: float) -> None:
        self.clock.advance(seconds)

    @precondition(lambda self: self.open)
    @rule()
    def crash_and_resume(self) -> None:
        self.session.suspend()
        # the process dies: its exam lease stays behind and its heartbeat stops
        with closing(sqlite3.connect(self.db)) as conn, conn:  # closed, and committed
            conn.execute("UPDATE leases SET heartbeat = heartbeat - 3600")
        if self.workspace.conn is not None:  # dropped, not closed cleanly: no release
            self.workspace.conn.close()
        self.workspace = self._workspace()
        unfinished = self.workspace.unfinished_exam()
        assert unfinished is not None and unfinished.session_id == self.session.id
        before = self.session.elapsed()
        self.session = self.workspace.resume(unfinished)
        assert self.session.elapsed() >= before - 1e-6

    @precondition(lambda self: self.session.status is Status.ACTIVE)
    @rule()
    def submit(self) -> None:
        self.session.submit()
        self.frozen = {p: a.choice_ids for p, a in self.session.answers.items()}

    @precondition(lambda self: self.session.status is not Status.ACTIVE)
    @rule(data=st.data())
    def tamper_after_submit(self, data: st.DataObject) -> None:
        position = data.draw(st.integers(0, len(self.session.items) - 1))
        choice = self.session.items[position].question.choices[0].id
        try:
            self.session.answer([choice], position=position)
            raise AssertionError("a submitted exam accepted an answer")
        except SessionClosed:
            pass

    @invariant()
    def scores_in_range(self) -> None:
        assert all(0.0 <= a.score <= 1.0 for a in self.session.answers.values())

    @invariant()
    def timer_never_runs_backward(self) -> None:
        now = self.session.elapsed()
        assert now >= self.last_elapsed - 1e-6
        self.last_elapsed = now

    @invariant()
    def store_holds_each_answer_once(self) -> None:
        with closing(sqlite3.connect(self.db)) as conn:  # `with conn` alone leaves it open
            rows = conn.execute(
                "SELECT position, answer FROM responses WHERE session_id = ?",
                (self.session.id,)).fetchall()
        stored = {p: tuple(json.loads(a)) for p, a in rows}
        assert len(rows) == len(stored)
        assert stored == {p: a.choice_ids for p, a in self.session.answers.items()}

    @invariant()
    def submitted_is_immutable(self) -> None:
        if self.frozen is not None:
            assert {p: a.choice_ids for p, a in self.session.answers.items()} == self.frozen


ExamMachine.TestCase.settings = settings(
    max_examples=examples(25), stateful_step_count=30, deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestExamMachine = ExamMachine.TestCase

"""``Session.hold_clock`` and ``Session.start_clock``: the public way the exam's start page
holds the clock and Enter starts it (it used to set the session's private clock marks)."""

from __future__ import annotations

from quiz.engine.clock import FakeClock
from quiz.engine.session import Session, SessionState
from quiz.workspace import Workspace


def test_a_held_clock_counts_nothing_until_started(workspace: Workspace,
                                                   clock: FakeClock) -> None:
    session = workspace.exam(seed=1)
    clock.advance(5)  # drawn, not yet shown: not the exam's time either
    session.start_clock()
    session.hold_clock()
    assert (session.clock_held, session.elapsed()) == (True, 0.0)  # (so no narrowing)
    clock.advance(300)  # five minutes on the start page
    assert session.elapsed() == 0.0 and session.remaining() == 600.0
    session.start_clock()
    assert not session.clock_held
    clock.advance(30)
    assert session.elapsed() == 30.0
    session.answer(session.item.question.correct_ids[:1])
    assert session.answers[0].time_ms == 30_000  # answering time also counts from Start


def test_a_hold_keeps_the_time_used_and_a_restart_keeps_a_resumed_exams_time(
    workspace: Workspace, clock: FakeClock,
) -> None:
    session = workspace.exam(seed=1)
    clock.advance(40)
    session.hold_clock()
    session.hold_clock()  # twice changes nothing
    clock.advance(100)
    assert session.elapsed() == 40.0
    session.start_clock()
    clock.advance(2)
    assert session.elapsed() == 42.0

    resumed = Session(session.bank, session.items, session.mode, time_limit=600.0,
                      clock=clock, resume=SessionState(session.id, elapsed=120.0))
    clock.advance(9)
    resumed.start_clock()  # the 9 s before the start are dropped, the 120 s kept
    clock.advance(1)
    assert resumed.elapsed() == 121.0


def test_a_submitted_session_ignores_the_clock_calls(workspace: Workspace,
                                                    clock: FakeClock) -> None:
    session = workspace.exam(seed=1)
    clock.advance(10)
    session.submit()
    session.hold_clock()
    session.start_clock()
    clock.advance(50)
    assert session.elapsed() == 10.0 and not session.clock_held

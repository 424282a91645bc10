"""Spaced repetition: ratings, cards kept in step with answers, rebuilds, and what is due."""

from __future__ import annotations

import json
import sqlite3
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fsrs import Rating
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quiz.engine.clock import FakeClock
from quiz.engine.session import Mode
from quiz.engine.srs import RunningMedian, day_bounds, rating_for
from quiz.errors import QuizError
from quiz.store.cards import due_counts, due_question_ids, sync_cards
from quiz.store.db import connect
from quiz.workspace import Workspace
from tests.hypothesis_budget import examples

T0 = datetime(2025, 5, 1, 8, 0, tzinfo=UTC)


def test_ratings_follow_the_answer() -> None:
    assert rating_for(0.0, 3, 100, 5000.0) is Rating.Again
    assert rating_for(0.5, 3, 100, 5000.0) is Rating.Again  # partial credit is not right
    assert rating_for(1.0, None, 100, 5000.0) is Rating.Good
    assert rating_for(1.0, 2, 100, 5000.0) is Rating.Good
    assert rating_for(1.0, 3, 100, 5000.0) is Rating.Easy
    assert rating_for(1.0, 3, 6000, 5000.0) is Rating.Good  # sure but slow
    assert rating_for(1.0, 3, 100, None) is Rating.Good  # nothing to compare with yet


@given(st.lists(st.integers(0, 10**6), max_size=60))
def test_running_median_is_the_median(values: list[int]) -> None:
    import statistics

    median = RunningMedian()
    for i, value in enumerate(values):
        median.add(value)
        assert median.value() == pytest.approx(statistics.median(values[: i + 1]))
    if not values:
        assert median.value() is None


def _store(path: Path, learner: str = "ana") -> sqlite3.Connection:
    conn = connect(path)
    conn.execute("INSERT INTO learners (id, name, created_at) VALUES (1, ?, '')", (learner,))
    conn.execute("INSERT INTO sessions (id, learner_id, mode, bank_id, seed, filters, items,"
                 " started_at, status) VALUES (1, 1, 'practice', 'b', 1, '{}', '[]', '', "
                 "'finished')")
    return conn


def _answer(conn: sqlite3.Connection, position: int, qid: str, score: float,
            confidence: int | None, time_ms: int, when: datetime, session: int = 1,
            hook: bool = True) -> None:
    """Record an answer the way the recorder does; ``hook``: then bring the cards up to date
    at once, as a due count or review would right after it."""
    conn.execute("BEGIN IMMEDIATE")
    conn.execute(
        "INSERT INTO responses (session_id, learner_id, position, question_id, content_hash,"
        " phase, objectives, answer, score, confidence, time_ms, answered_at)"
        " VALUES (?, 1, ?, ?, 'h', 'training', '[]', '[]', ?, ?, ?, ?)",
        (session, position, qid, score, confidence, time_ms, when.isoformat()))
    conn.execute("COMMIT")
    if hook:
        sync_cards(conn, "ana")


def _rebuild(conn: sqlite3.Connection) -> int:
    """Throw every card away and derive them all again from the answers."""
    conn.execute("DELETE FROM cards")
    return sync_cards(conn, "ana")


def _cards(conn: sqlite3.Connection) -> dict[str, tuple[str, str]]:
    return {q: (c, d) for q, c, d in conn.execute("SELECT question_id, card, due FROM cards")}


ANSWERS = st.lists(st.tuples(st.sampled_from(["q1", "q2", "q3"]),
                             st.sampled_from([0.0, 0.5, 1.0, 1.0]),
                             st.sampled_from([None, 1, 2, 3]),
                             st.integers(100, 30_000),
                             st.sampled_from([0, 0, 1, 5, 90, 60 * 20, 60 * 24 * 4])),
                   min_size=1, max_size=30)


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANSWERS)
def test_incremental_cards_equal_a_rebuild(answers: list[tuple[str, float, int | None, int,
                                                                 int]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        conn = _store(Path(folder) / "s.sqlite3")
        when = T0
        for position, (qid, score, confidence, ms, gap) in enumerate(answers):
            when += timedelta(minutes=gap)  # gap 0: answers at the same instant
            _answer(conn, position, qid, score, confidence, ms, when)
        incremental = _cards(conn)
        assert set(incremental) == {a[0] for a in answers}
        assert sync_cards(conn, "ana") == 0  # nothing stale
        assert _rebuild(conn) == len(incremental)
        assert _cards(conn) == incremental
        for qid, (card, _due) in incremental.items():
            assert json.loads(card)["reviews"] == sum(a[0] == qid for a in answers)
        conn.close()


def test_cards_are_derived_when_something_asks_what_is_due(tmp_path: Path) -> None:
    conn = _store(tmp_path / "s.sqlite3")
    for position, qid in enumerate(["q1", "q2", "q1"]):
        _answer(conn, position, qid, 1.0, None, 1000, T0 + timedelta(minutes=position),
                hook=False)
    assert _cards(conn) == {}
    counts = due_counts(conn, "ana", T0 + timedelta(minutes=5))
    assert counts.week == 2 and sync_cards(conn, "ana") == 0
    synced = _cards(conn)
    _rebuild(conn)
    assert _cards(conn) == synced
    _answer(conn, 3, "q2", 0.0, None, 1000, T0 + timedelta(minutes=9), hook=False)
    assert sync_cards(conn, "ana") == 1  # only the question answered since


def test_exam_answers_count_once_the_exam_is_submitted(tmp_path: Path) -> None:
    conn = _store(tmp_path / "s.sqlite3")
    conn.execute("INSERT INTO sessions (id, learner_id, mode, bank_id, seed, filters, items,"
                 " started_at, status) VALUES (2, 1, 'exam', 'b', 1, '{}', '[]', '', 'active')")
    _answer(conn, 0, "q1", 0.0, None, 1000, T0, session=2, hook=False)
    assert due_counts(conn, "ana", T0).week == 0
    conn.execute("UPDATE sessions SET status = 'submitted' WHERE id = 2")
    assert due_counts(conn, "ana", T0 + timedelta(minutes=2)).now == 1


def test_an_answer_that_arrives_late_replays_the_card(tmp_path: Path) -> None:
    conn = _store(tmp_path / "s.sqlite3")
    _answer(conn, 0, "q1", 1.0, None, 1000, T0 + timedelta(days=2))
    _answer(conn, 1, "q1", 0.0, None, 1000, T0)  # recorded after, answered before
    late = _cards(conn)
    _rebuild(conn)
    assert _cards(conn) == late


def test_wrong_comes_back_sooner_than_right_and_easy_later_still(tmp_path: Path) -> None:
    conn = _store(tmp_path / "s.sqlite3")
    # earlier answers set the learner's median time to 10 s
    for position in range(3):
        _answer(conn, position, f"warm{position}", 1.0, None, 10_000,
                T0 - timedelta(days=1, minutes=position))
    _answer(conn, 3, "wrong", 0.0, 3, 2000, T0)
    _answer(conn, 4, "good", 1.0, 2, 2000, T0)
    _answer(conn, 5, "easy", 1.0, 3, 2000, T0)
    due = {q: d for q, (_c, d) in _cards(conn).items()}
    assert due["wrong"] < due["good"] < due["easy"]
    ids = due_question_ids(conn, "ana", T0 + timedelta(minutes=5), until="now")
    assert ids[0].startswith("warm") and "wrong" in ids and "easy" not in ids


def _brute_due(conn: sqlite3.Connection, now: datetime) -> tuple[int, int, int]:
    # "today" is the calendar day of ``now``'s own time zone (UTC here)
    end = datetime.combine(now.date() + timedelta(days=1), datetime.min.time(), now.tzinfo)
    dues = [datetime.fromisoformat(d) for (d,) in conn.execute("SELECT due FROM cards")]
    return (sum(d <= now for d in dues), sum(d < end for d in dues),
            sum(d < end + timedelta(days=7) for d in dues))


@settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANSWERS, st.integers(0, 60 * 24 * 20))
def test_due_counts_match_the_cards(answers: list[tuple[str, float, int | None, int, int]],
                                    later: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        conn = _store(Path(folder) / "s.sqlite3")
        when = T0
        for position, (qid, score, confidence, ms, gap) in enumerate(answers):
            when += timedelta(minutes=gap)
            _answer(conn, position, qid, score, confidence, ms, when)
        now = when + timedelta(minutes=later)
        counts = due_counts(conn, "ana", now)
        assert (counts.now, counts.today, counts.week) == _brute_due(conn, now)
        assert counts.now <= counts.today <= counts.week <= len(set(a[0] for a in answers))
        assert len(due_question_ids(conn, "ana", now)) == counts.today
        conn.close()


def test_day_bounds_use_the_callers_calendar_day() -> None:
    from datetime import timezone

    tokyo = timezone(timedelta(hours=9))
    now = datetime(2025, 5, 1, 23, 30, tzinfo=tokyo)
    at, today, week = day_bounds(now)
    assert at == "2025-05-01T14:30:00.000000+00:00"
    assert today == "2025-05-01T15:00:00.000000+00:00"  # midnight in Tokyo
    assert week == "2025-05-08T15:00:00.000000+00:00"


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    monkeypatch.setenv("QUIZ_CACHE_DIR", str(tmp_path / "cache"))
    ws = Workspace.open(learner="ana", db_path=tmp_path / "progress.sqlite3")
    ws.clock = FakeClock()
    return ws


def test_review_runs_the_due_questions_most_overdue_first(workspace: Workspace) -> None:
    with pytest.raises(QuizError, match="nothing is due"):
        workspace.review()
    practice = workspace.practice(seed=2)
    answered = []
    for item in practice.items[:4]:
        practice.answer(("nope",))  # wrong: due again within minutes
        answered.append(item.question.id)
        practice.next()
    later = datetime.now(UTC) + timedelta(hours=1)
    due = workspace.due_summary(later)
    assert due is not None and due.now == 4
    review = workspace.review(now=later, seed=1)
    assert review.mode is Mode.REVIEW
    assert [it.question.id for it in review.items] == answered  # same due order as answered
    for item in review.items:
        review.answer(item.question.correct_ids)
        review.next()
    assert workspace.conn is not None
    soon = datetime.now(UTC) + timedelta(minutes=2)
    assert due_counts(workspace.conn, "ana", soon).now == 0  # right: pushed further out
    reviews = workspace.conn.execute(
        "SELECT json_extract(card, '$.reviews') FROM cards").fetchall()
    assert sorted(r for (r,) in reviews) == [2, 2, 2, 2]


def _soon(monkeypatch: pytest.MonkeyPatch) -> None:
    """The commands' "now": five minutes on, when a wrong answer is due (a midnight in
    between cannot move it to tomorrow: "due now" is due today too)."""
    import quiz.workspace

    later = datetime.now().astimezone() + timedelta(minutes=5)
    monkeypatch.setattr(quiz.workspace, "_now", lambda now: now or later)


def test_quiz_review_counts(workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from quiz.cli.main import cli

    session = workspace.practice(seed=5)
    session.answer(("nope",))
    _soon(monkeypatch)
    assert workspace.db_path is not None
    result = CliRunner().invoke(cli, ["review", "--counts", "--learner", "ana", "--db",
                                      str(workspace.db_path)])
    assert result.exit_code == 0, result.output
    assert "due now: 1\ndue today: 1\n" in result.output


def test_quiz_review_opens_the_app_on_a_review_session(workspace: Workspace,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    import quiz.tui.app
    from quiz.cli.main import cli

    assert workspace.db_path is not None
    args = ["review", "--learner", "ana", "--db", str(workspace.db_path)]
    empty = CliRunner().invoke(cli, args)
    assert empty.exit_code == 1 and "nothing is due" in empty.stderr
    session = workspace.practice(seed=5)
    session.answer(("nope",))
    _soon(monkeypatch)
    opened: list[tuple[object, bool]] = []

    class FakeApp:
        def run(self) -> None:
            opened.append(("ran", True))

        def close_sessions(self) -> None: ...

        def exam_in_progress(self) -> bool:
            return False

    def fake_make_app(ws: Workspace, session: object = None, **options: object) -> FakeApp:
        opened.append((session, bool(options.get("certainty"))))
        return FakeApp()

    monkeypatch.setattr(quiz.tui.app, "make_app", fake_make_app)
    # the fake app needs no terminal (CliRunner gives the command none)
    monkeypatch.setattr("quiz.plain.terminal.terminal_problem", lambda *_, **__: None)
    later = CliRunner().invoke(cli, [*args, "--certainty"])
    assert later.exit_code == 0, later.output
    (given, certainty), ran = opened
    assert ran == ("ran", True) and certainty
    assert getattr(given, "mode", None) is Mode.REVIEW
    assert [it.question.id for it in given.items] == [session.items[0].question.id]  # type: ignore[attr-defined]

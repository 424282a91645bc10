"""Item analysis's reading of a store: SQLite groups the responses, Python gets the groups.

Item analysis needs, per bank, each attempt's total and, for every response that counts,
its question, answer, content hash, score and *rest score* (the attempt's total minus the
score). None of that needs a row per response in Python: the rows are joined with their
attempt's total and grouped by (question, answer, content hash, score, rest) inside SQLite,
so what reaches Python is bounded by questions × answers × distinct totals, not by the number
of responses (about 58,000 groups for 300,000 exam responses; 2,500 for a class's first
attempts). ``GROUP BY`` sorts, so the rows are grouped a range of attempt totals at a time
(``CHUNK``): small sorts stay in the processor's cache. The attempts' totals and the chosen
sessions live in temporary tables, in the connection's own temp schema, which a read-only
(even ``immutable``) store connection has too; they are dropped before returning. (An
upsert into a temporary table keyed by the group, ``INSERT … ON CONFLICT DO UPDATE``, was
measured too: 45 % more CPU than the chunked sorts.)

Which sessions are attempts is decided by the caller (``quiz.reports.items.attempts``) from
``session_summaries``; this module only reads:

- ``exam_sums``: every response of the given exam sessions (one per position, by the
  ``UNIQUE (session_id, position)`` of the schema), and each position of the session's stored
  layout (``items``) that has no response, scored 0 with no answer;
- ``practice_sums``: the sessions are mapped to attempts (a learner, or the session itself),
  and each attempt keeps its first response (lowest row id) to each question.

A response that counts must have a score from 0 to 1 and an answer that is a JSON list of
choice ids: the first one (by row id) that has not is reported, naming the store. Rows that
no attempt uses are only counted.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from quiz.errors import QuizError, StoreError
from quiz.fields import Fields

_TEMP = ("items_ids", "items_att", "items_pick", "items_tot")


class SessionSummary(Fields):
    """A session that has responses, as stored (raw values), with its response count."""

    id: int
    learner: object
    mode: object
    status: object
    bank_id: object
    responses: int
    first_response: int
    """The lowest response row id: which of a learner's exams was recorded first."""


Group = tuple[str, tuple[str, ...], "str | None", float, float, int]
"""Responses to one question with the same answer, version, score and rest score:
(question id, answer, content hash, score, rest score, how many). The content hash is None
for an unanswered exam position (scored 0, no answer), which has no version."""


@dataclass
class AttemptSums:
    """Everything item analysis needs from one source's attempts of one bank."""

    totals: list[tuple[float, int]] = field(default_factory=list)
    """Per attempt: the total score and the number of items (its maximum)."""
    groups: list[Group] = field(default_factory=list)
    slots: Counter[tuple[object, float]] = field(default_factory=Counter)
    """(slot, score) → items: the slot is the exam position, or the question in practice."""
    filled: int = 0
    """Unanswered exam positions scored 0."""


def session_summaries(conn: sqlite3.Connection) -> list[SessionSummary]:
    """Every session with at least one response (orphaned responses, whose session is not in
    the store, are left out), from one pass over the responses' (session, position) index."""
    sql = ("SELECT s.id, s.learner_id, s.mode, s.status, s.bank_id, g.n, g.first"
           " FROM (SELECT session_id, count(*) AS n, min(id) AS first FROM responses"
           " GROUP BY session_id) AS g JOIN sessions AS s ON s.id = g.session_id")
    return [SessionSummary(*row) for row in conn.execute(sql).fetchall()]


@contextmanager
def _scratch(conn: sqlite3.Connection) -> Iterator[None]:
    """The temporary tables this module uses, gone afterwards whatever happens."""
    for name in _TEMP:
        conn.execute(f"DROP TABLE IF EXISTS temp.{name}")
    try:
        yield
    finally:
        for name in _TEMP:
            conn.execute(f"DROP TABLE IF EXISTS temp.{name}")


# a response's score is usable when it is a number from 0 to 1 (text and blobs compare
# greater than any number in SQLite, so they fail the second test)
_SCORE_OK = "coalesce(r.score >= 0 AND r.score <= 1, 0)"


def exam_sums(conn: sqlite3.Connection, sessions: Sequence[int], where: str) -> AttemptSums:
    """The sums of the given exam sessions, each one attempt (see the module's docstring)."""
    sums = AttemptSums()
    with _scratch(conn):
        conn.execute("CREATE TEMP TABLE items_ids (id INTEGER PRIMARY KEY)")
        conn.executemany("INSERT OR IGNORE INTO items_ids VALUES (?)", ((s,) for s in sessions))
        conn.execute("CREATE TEMP TABLE items_tot (id INTEGER PRIMARY KEY, total REAL,"
                     " n INTEGER, lo, hi, ok INTEGER)")
        conn.execute(
            "INSERT INTO items_tot SELECT t.id, sum(r.score), count(*), min(r.position),"
            f" max(r.position), min({_SCORE_OK}) FROM items_ids AS t"
            " CROSS JOIN responses AS r ON r.session_id = t.id GROUP BY t.id")
        used = "FROM items_tot AS t CROSS JOIN responses AS r ON r.session_id = t.id"
        totals: dict[int, tuple[float, int]] = {}
        scores_ok = True
        for sid, total, n, _lo, _hi, ok in conn.execute("SELECT * FROM items_tot").fetchall():
            totals[sid] = (total, n)
            scores_ok = scores_ok and bool(ok)
        fills = _unanswered(conn)
        ranges = _ranges(conn, totals.values())
        sums.groups = _groups(conn, used, ranges, scores_ok, where)
        for low, high in ranges:
            for slot, score, n in conn.execute(
                    f"SELECT r.position, r.score, count(*) {used} WHERE t.total BETWEEN ? AND ?"
                    " GROUP BY 1, 2", (low, high)).fetchall():
                sums.slots[(slot, score)] += n
    counted: dict[int, int] = {}
    for sid, position, question_id in fills:
        total, _ = totals[sid]
        sums.groups.append((question_id, (), None, 0.0, total - 0.0, 1))
        sums.slots[(position, 0.0)] += 1
        counted[sid] = counted.get(sid, 0) + 1
    sums.filled = len(fills)
    sums.totals = [(total, n + counted.get(sid, 0)) for sid, (total, n) in totals.items()]
    return sums


def _unanswered(conn: sqlite3.Connection) -> list[tuple[int, int, str]]:
    """(session, position, question) of every position of a session's stored layout that has
    no response. A session whose responses are at exactly positions 0 … len(layout) − 1 has
    none, which SQLite tells from the layout's length; only the others' layouts are read in
    Python, with ``layout``'s rules."""
    sql = ("SELECT t.id, s.items, (SELECT json_group_array(r.position) FROM responses AS r"
           " WHERE r.session_id = t.id) FROM items_tot AS t JOIN sessions AS s ON s.id = t.id"
           " WHERE NOT coalesce(t.lo = 0 AND t.hi = t.n - 1 AND t.n = CASE WHEN"
           " json_valid(s.items) AND json_type(s.items) = 'array' THEN"
           " json_array_length(s.items) END, 0)")
    fills: list[tuple[int, int, str]] = []
    for sid, items, positions in conn.execute(sql).fetchall():
        questions = layout(items)
        if questions is None:
            continue  # without a layout, unanswered positions are simply absent
        answered = set(json.loads(positions))
        fills.extend((sid, position, question_id)
                     for position, question_id in enumerate(questions)
                     if position not in answered)
    return fills


def layout(items: object) -> tuple[str, ...] | None:
    """The question ids of an exam's stored ``items`` in position order; None if unreadable."""
    try:
        parsed = json.loads(items)  # type: ignore[arg-type]  # anything stored; errors below
        return tuple(map(str, [entry[0] for entry in parsed]))
    except (ValueError, TypeError, IndexError, KeyError, RecursionError):
        return None


def practice_sums(conn: sqlite3.Connection, attempts: Sequence[tuple[int, int, int]],
                  where: str) -> AttemptSums:
    """The sums of practice attempts: ``attempts`` gives each session's attempt (any integer)
    and its number of responses; an attempt keeps its first response to each question."""
    sums = AttemptSums()
    with _scratch(conn):
        conn.execute("CREATE TEMP TABLE items_att (id INTEGER PRIMARY KEY, attempt INTEGER)")
        conn.executemany("INSERT OR IGNORE INTO items_att VALUES (?, ?)",
                         [(session, attempt) for session, attempt, _ in attempts])
        conn.execute("CREATE INDEX temp.items_att_attempt ON items_att (attempt)")
        conn.execute("CREATE TEMP TABLE items_pick (attempt INTEGER, question_id, id INTEGER,"
                     " score, answer, content_hash, PRIMARY KEY (attempt, question_id))"
                     " WITHOUT ROWID")
        for low, high in _spans([(attempt, n) for _, attempt, n in attempts]):
            # the first answer (lowest row id) of each attempt to each question, with its
            # columns: with a lone min(), SQLite takes the other columns from that row
            conn.execute(
                "INSERT INTO items_pick SELECT t.attempt, r.question_id, min(r.id), r.score,"
                " r.answer, r.content_hash FROM items_att AS t CROSS JOIN responses AS r"
                " ON r.session_id = t.id WHERE t.attempt BETWEEN ? AND ? GROUP BY 1, 2",
                (low, high))
        conn.execute("CREATE TEMP TABLE items_tot (id INTEGER PRIMARY KEY, total REAL,"
                     " n INTEGER, ok INTEGER)")
        conn.execute(
            f"INSERT INTO items_tot SELECT r.attempt, sum(r.score), count(*), min({_SCORE_OK})"
            " FROM items_pick AS r GROUP BY r.attempt")
        # the picked rows stand for the responses (``r``), with the columns the sums read
        used = "FROM items_tot AS t CROSS JOIN items_pick AS r ON r.attempt = t.id"
        scores_ok = True
        for total, n, ok in conn.execute("SELECT total, n, ok FROM items_tot").fetchall():
            sums.totals.append((total, n))
            scores_ok = scores_ok and bool(ok)
        sums.groups = _groups(conn, used, _ranges(conn, sums.totals), scores_ok, where)
    for question_id, _, _, score, _, n in sums.groups:  # in practice the slots are questions
        sums.slots[(question_id, score)] += n
    return sums


CHUNK = 5_000
"""Responses grouped by one query at most (unless one total alone has more). SQLite sorts to
group; sorting a few thousand rows at a time stays in the processor's cache, and the whole
grouping takes about 40 % less time than one sort of 300,000 rows."""


def _ranges(conn: sqlite3.Connection, totals: Iterable[tuple[float, int]]
            ) -> list[tuple[float, float]]:
    """Ranges of attempt totals holding about ``CHUNK`` responses each. A group's rest score
    is total − score, so no group spans two ranges: each range's groups are the final ones."""
    conn.execute("CREATE INDEX temp.items_tot_total ON items_tot (total)")
    return _spans(totals)


def _spans(sizes: Iterable[tuple[float, int]]) -> list[tuple[float, float]]:
    """Ranges of keys, each holding about ``CHUNK`` of the sizes given per key (a key is never
    split)."""
    per: Counter[float] = Counter()
    for key, n in sizes:
        per[key] += n
    spans: list[tuple[float, float]] = []
    low: float | None = None
    held = 0
    for key in sorted(per):
        low = key if low is None else low
        held += per[key]
        if held >= CHUNK:
            spans.append((low, key))
            low, held = None, 0
    if low is not None:
        spans.append((low, max(per)))
    return spans


def _groups(conn: sqlite3.Connection, used: str, ranges: list[tuple[float, float]],
            scores_ok: bool, where: str) -> list[Group]:
    """The used responses grouped, range by range of totals, their answers decoded (each
    distinct answer text once); the first bad response's error if an answer is not a list of
    ids or (``scores_ok`` false) a score is outside 0..1."""
    rows = []
    for low, high in ranges:
        rows += conn.execute(
            "SELECT r.question_id, r.answer, r.content_hash, r.score, t.total - r.score,"
            f" count(*) {used} WHERE t.total BETWEEN ? AND ? GROUP BY 1, 2, 3, 4, 5",
            (low, high)).fetchall()
    answers = {text: _answer(text) for text in {row[1] for row in rows}}
    bad = [text for text, answer in answers.items() if answer is None]
    if bad or not scores_ok:
        _first_bad(conn, used, bad, where)
    return [(q, answers[text] or (), h, x, r, n) for q, text, h, x, r, n in rows]


def _answer(text: object) -> tuple[str, ...] | None:
    """A stored answer (the JSON text of a list of choice ids) as a tuple; None if it is not."""
    try:
        value = json.loads(text)  # type: ignore[arg-type]  # anything stored; errors below
    except (ValueError, TypeError, RecursionError):
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return None
    return tuple(value)


def _first_bad(conn: sqlite3.Connection, used: str, answers: Sequence[object],
               where: str) -> None:
    """Raise the error of the first response (by row id) among ``used`` whose score is not
    from 0 to 1 or whose answer is one of ``answers`` (known not to be a list of ids)."""
    marks = ", ".join("?" * len(answers))
    bad_answer = f"r.answer IN ({marks})" if answers else "0"
    row = conn.execute(
        f"SELECT r.question_id, r.answer, r.score, {bad_answer} {used}"
        f" WHERE {bad_answer} OR NOT {_SCORE_OK} ORDER BY r.id LIMIT 1", [*answers, *answers]
    ).fetchone()
    if row is None:  # cannot happen: the caller saw such a row
        raise StoreError(f"{where}: a response could not be read; run `quiz doctor` on it")
    question_id, text, score, answer_is_bad = row
    if answer_is_bad:  # the answer is checked first, as it always was
        raise QuizError(f"{where}: an answer is not a list of choice ids: {text!r:.60}")
    raise StoreError(f"{where}: a response to '{question_id}' has score {score!r}, outside "
                     "0..1; run `quiz doctor` on the store")

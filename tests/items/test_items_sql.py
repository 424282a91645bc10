"""The analysis summed in SQL gives the report the row-by-row analysis gives, on any store.

Generated stores (and an export of one, read with ``--class``) hold learners, practice and
exam sessions of two banks in every status, unanswered exam positions, broken layouts,
repeated questions, answers of zero to two choices, partial credit, older versions and
orphaned responses. Two references read them a row at a time (tests/items/oracle.py, the
code before issue 16):

- the oracle's attempts added one by one to the same figures (``Analysis.add_attempt``): the
  report must be *equal*, every field, since the sums SQL makes must be the sums of the
  attempts (scores here are binary fractions, which any order adds exactly);
- the oracle's own running sums: the same report, each figure within 10⁻¹² (its Welford sums
  differ from the exact ones in the last bits, which the 12-decimal rounding can show), and
  the text, Markdown, CSV and HTML outputs identical.
"""

from __future__ import annotations

import json
import math
import sqlite3
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, is_dataclass
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.bank.suggest import did_you_mean
from quiz.errors import QuizError
from quiz.model import Catalog
from quiz.reports.items.analysis import ItemsReport, analyse_bank, analyse_sources
from quiz.reports.items.collect import BankSums
from quiz.reports.items.render import render
from quiz.store import items_sums
from quiz.store.exchange import catalog_facts, export_results
from quiz.store.items_sums import exam_sums, practice_sums
from quiz.store.readonly import open_readonly
from tests.hypothesis_budget import examples
from tests.items import oracle
from tests.items.items_data import StoreWriter, bank_sums, catalog

QUESTIONS = ("q1", "q2", "q3", "q4", "q5")
SCORES = (0.0, 0.0, 1.0, 1.0, 0.25, 0.5)


@dataclass(frozen=True)
class Answer:
    position: int
    choices: tuple[str, ...]
    score: float
    content_hash: str


@dataclass(frozen=True)
class Session:
    learner: str
    mode: str
    status: str
    bank: str
    layout: tuple[str, ...]
    answers: tuple[Answer, ...]
    broken_layout: bool


@st.composite
def sessions(draw: st.DrawFn, scores: Sequence[float]) -> Session:
    mode = draw(st.sampled_from(("exam", "exam", "practice", "practice", "review")))
    status = draw(st.sampled_from(("submitted", "finished", "active", "abandoned")))
    if mode == "exam":
        layout = tuple(draw(st.permutations(QUESTIONS))[:draw(st.integers(1, 5))])
    else:  # practice may meet a question twice
        layout = tuple(draw(st.lists(st.sampled_from(QUESTIONS), min_size=1, max_size=5)))
    answers = []
    for position in range(len(layout)):
        if draw(st.integers(0, 4)) == 0:
            continue  # unanswered
        choices = tuple(draw(st.lists(st.sampled_from("abcd"), max_size=2)))
        answers.append(Answer(position, choices, draw(st.sampled_from(scores)),
                              draw(st.sampled_from(("h1", "h1", "h2", "")))))
    return Session(draw(st.sampled_from("ABC")), mode, status,
                   draw(st.sampled_from(("hand", "other"))), layout, tuple(answers),
                   draw(st.integers(0, 9)) == 0)


def stores(scores: Sequence[float] = SCORES) -> st.SearchStrategy[list[list[Session]]]:
    return st.lists(st.lists(sessions(scores), max_size=7), min_size=1, max_size=3)


def _write(path: Path, spec: list[Session], orphan: bool) -> Path:
    writer = StoreWriter(path)
    for session in spec:
        sid = writer.session(session.learner, session.mode, session.status, list(session.layout),
                             session.bank)
        if session.broken_layout:
            writer.conn.execute("UPDATE sessions SET items = '[1, 2' WHERE id = ?", (sid,))
        for answer in session.answers:
            writer.answer(sid, session.learner, answer.position, session.layout[answer.position],
                          list(answer.choices), answer.score, answer.content_hash)
    writer.conn.commit()
    if orphan:  # a response whose session is not in the store (quiz doctor reports these)
        writer.conn.execute("PRAGMA foreign_keys = OFF")
        writer.conn.execute(
            "INSERT INTO responses (session_id, learner_id, position, question_id, content_hash,"
            " phase, objectives, answer, score, confidence, time_ms, answered_at)"
            " VALUES (999, 1, 0, 'q1', 'h1', 'training', '[]', 'not json', 1, NULL, 1, 'x')")
        writer.conn.commit()
    writer.close()
    return path


def _sources(folder: Path, specs: list[list[Session]], export_last: bool
             ) -> tuple[list[Path], list[Path]]:
    paths = [_write(folder / f"s{i}.sqlite3", spec, orphan=i == 0)
             for i, spec in enumerate(specs)]
    if not export_last or len(paths) < 2:
        return paths, []
    exported = folder / "last.jsonl"
    conn = sqlite3.connect(paths[-1])
    with exported.open("w", encoding="utf-8") as out:
        export_results(conn, out)
    conn.close()
    return paths[:-1], [exported]


def _reference(stores: list[Path], exports: list[Path], which: str, known: Catalog | None,
               bank: str | None) -> ItemsReport:
    """The oracle's rows and attempts, added to the figures one attempt at a time."""
    collector = oracle.Collector(stores, exports, catalog_facts(known))
    seen: set[str] = set()
    sets = oracle.build_attempts(collector.rows(), which, collector.layouts, bank, seen)
    if bank is not None and bank not in sets:
        ids = seen | ({b.id for b in known.banks} if known is not None else set())
        if bank not in ids:
            raise QuizError(f"no bank '{bank}' in the responses or the loaded banks"
                            + did_you_mean(bank, sorted(b for b in ids if b)))
        sets[bank] = oracle.AttemptSet(bank, "practice", which)
    reports = []
    for bank_id in sorted(sets):
        found = sets[bank_id]
        sums = bank_sums(found.attempts, bank_id, found.basis, which)
        reports.append(analyse_bank(BankSums(
            bank_id, found.basis, which, found.responses_read, found.unanswered_filled,
            sums.parts, {q: Counter(h) for q, h in found.hashes.items()}), known))
    return ItemsReport(tuple(str(p) for p in [*stores, *exports]), which, tuple(reports))


def _outcome(analyse: Callable[[list[Path], list[Path], str, Catalog | None, str | None],
                               ItemsReport],
             stores: list[Path], exports: list[Path], which: str, known: Catalog | None,
             bank: str | None) -> ItemsReport | str:
    """The report, or the message of the error that stopped it."""
    try:
        return analyse(stores, exports, which, known, bank)
    except QuizError as exc:
        return str(exc)


def _close(a: object, b: object, where: str = "report") -> None:
    """Equal, except that floats may differ by one unit in the 12th decimal."""
    if isinstance(a, float) and isinstance(b, float):
        assert math.isclose(a, b, rel_tol=0, abs_tol=1.5e-12), (where, a, b)
    elif is_dataclass(a) and not isinstance(a, type):
        assert type(a) is type(b), where
        for f in fields(a):
            _close(getattr(a, f.name), getattr(b, f.name), f"{where}.{f.name}")
    elif isinstance(a, tuple) and isinstance(b, tuple):
        assert len(a) == len(b), (where, a, b)
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            _close(x, y, f"{where}[{i}]")
    else:
        assert a == b, (where, a, b)


CASES = st.tuples(st.sampled_from(("first", "all")), st.booleans(),
                  st.sampled_from((None, "hand", "other")), st.booleans())


@pytest.mark.slow  # measured at 3.6 s under the ci profile (a store file per example)
@settings(max_examples=examples(150), deadline=None)
@given(stores(), CASES, st.sampled_from((1, 4, items_sums.CHUNK)))
def test_the_sql_sums_are_the_sums_of_the_attempts(specs: list[list[Session]],
                                                   case: tuple[str, bool, str | None, bool],
                                                   chunk: int) -> None:
    # small chunks: the responses are grouped over many ranges of totals (and of attempts)
    which, with_bank, bank, export_last = case
    known = catalog() if with_bank else None
    with tempfile.TemporaryDirectory() as folder, \
            mock.patch.object(items_sums, "CHUNK", chunk):
        stores_, exports = _sources(Path(folder), specs, export_last)
        got = _outcome(analyse_sources, stores_, exports, which, known, bank)
        assert got == _outcome(_reference, stores_, exports, which, known, bank)


@pytest.mark.slow  # measured at 2.2 s under the ci profile
@settings(max_examples=examples(100), deadline=None)
@given(stores((*SCORES, 1 / 3, 2 / 3)), CASES)
def test_the_report_is_the_one_the_rows_gave(specs: list[list[Session]],
                                             case: tuple[str, bool, str | None, bool]) -> None:
    which, with_bank, bank, export_last = case
    known = catalog() if with_bank else None
    with tempfile.TemporaryDirectory() as folder:
        stores_, exports = _sources(Path(folder), specs, export_last)
        got = _outcome(analyse_sources, stores_, exports, which, known, bank)
        old = _outcome(oracle.analyse_sources, stores_, exports, which, known, bank)
    _close(got, old)
    if not isinstance(got, ItemsReport) or not isinstance(old, ItemsReport):
        return
    for fmt in ("text", "md", "csv", "html"):
        assert render(got, fmt) == render(old, fmt), fmt


def _store(folder: Path, rows: list[tuple[str, float]]) -> Path:
    writer = StoreWriter(folder / "bad.sqlite3")
    sid = writer.session("A", "practice", "finished", [f"q{i}" for i in range(len(rows))])
    for position, (answer, score) in enumerate(rows):
        writer.answer(sid, "A", position, f"q{position}", [], 0.0, "h1")
        writer.conn.execute("PRAGMA ignore_check_constraints = ON")
        writer.conn.execute("UPDATE responses SET answer = ?, score = ? WHERE position = ?",
                            (answer, score, position))
    writer.conn.commit()
    writer.close()
    return folder / "bad.sqlite3"


@pytest.mark.parametrize(("rows", "said"), [
    ([('["a"]', 1.0), ('"a"', 0.0), ('["b"]', 7.0)], "an answer is not a list of choice ids: "
                                                     "'\"a\"'"),
    ([('["a"]', 1.0), ('["b"]', 7.0), ('{"a": 1}', 0.0)], "a response to 'q1' has score 7.0, "
                                                          "outside 0..1"),
    ([('[1]', 2.0)], "an answer is not a list of choice ids: '[1]'"),
])
def test_the_first_bad_response_is_reported_as_the_rows_reported_it(
        tmp_path: Path, rows: list[tuple[str, float]], said: str) -> None:
    path = _store(tmp_path, rows)
    for analyse in (analyse_sources, oracle.analyse_sources):
        with pytest.raises(QuizError) as raised:
            analyse([path], [], "all")
        assert said in str(raised.value)
        assert str(path) in str(raised.value)


@pytest.mark.parametrize("live", [False, True], ids=["immutable", "with a log"])
def test_scratch_tables_go_and_the_store_is_untouched(tmp_path: Path, live: bool) -> None:
    path = _write(tmp_path / "s.sqlite3", [
        Session("A", "exam", "submitted", "hand", ("q1", "q2"), (Answer(0, ("a",), 1.0, "h1"),),
                False),
        Session("B", "practice", "finished", "hand", ("q1",), (Answer(0, ("b",), 0.0, "h1"),),
                False),
    ], orphan=False)
    writer = None
    if live:  # another program has the store open: the reader opens it mode=ro, with its log
        writer = sqlite3.connect(path)
        writer.execute("PRAGMA journal_mode = WAL")
        writer.execute("UPDATE learners SET created_at = created_at")
        writer.commit()
        assert Path(f"{path}-wal").exists()
    before = path.read_bytes()
    conn = open_readonly(path)
    try:
        exam_sums(conn, [1], str(path))
        practice_sums(conn, [(2, 0, 1)], str(path))
        assert conn.execute("SELECT count(*) FROM sqlite_temp_master").fetchone() == (0,)
    finally:
        conn.close()
    for which in ("first", "all"):
        report = analyse_sources([path], [], which)
        assert report.banks[0].basis == "exam" and report.banks[0].unanswered_filled == 1
    assert path.read_bytes() == before
    if writer is not None:
        writer.close()
    assert json.loads(render(report, "json"))["banks"][0]["test"]["attempts"] == 1


def test_a_response_no_attempt_uses_is_counted_not_read(tmp_path: Path) -> None:
    # a bank with a submitted exam is analysed on its exams: its practice answers are only
    # counted (responses_read), so a damaged one there does not stop the report
    writer = StoreWriter(tmp_path / "s.sqlite3")
    exam = writer.session("A", "exam", "submitted", ["q1", "q2"])
    writer.answer(exam, "A", 0, "q1", ["a"], 1.0, "h1")
    writer.answer(exam, "A", 1, "q2", ["b"], 0.0, "h1")
    practice = writer.session("A", "practice", "finished", ["q1"])
    writer.answer(practice, "A", 0, "q1", ["a"], 1.0, "h1")
    writer.conn.execute("UPDATE responses SET answer = 'not json' WHERE session_id = ?",
                        (practice,))
    writer.conn.commit()
    writer.close()
    bank = analyse_sources([tmp_path / "s.sqlite3"], [], "all").banks[0]
    assert (bank.basis, bank.responses_read, bank.test.attempts) == ("exam", 3, 1)

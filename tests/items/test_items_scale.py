"""Item analysis on a synthetic store: the sources agree, and the figures find planted faults."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from bench.items_measure import full_scan, measure
from bench.synthetic_store import item_shape, write_store
from quiz.reports.items.analysis import ItemsReport, analyse_sources
from quiz.reports.items.render_json import as_json

SMALL = item_shape(responses=6_000, learners=30, sessions=150, questions=60, exam_share=0.5,
                   negative_share=0.1)


def _export(store: Path, target: Path) -> Path:
    """The store's responses as JSON Lines, the way a learner's export carries them."""
    with sqlite3.connect(store) as conn:
        rows = conn.execute(
            "SELECT l.name, r.session_id, r.question_id, r.answer, r.score, s.mode, s.status,"
            " s.bank_id, r.position, r.content_hash FROM responses r"
            " JOIN sessions s ON s.id = r.session_id JOIN learners l ON l.id = r.learner_id"
            " ORDER BY r.id").fetchall()
    conn.close()
    with target.open("w", encoding="utf-8") as out:
        for name, sid, qid, answer, score, mode, status, bank, position, content_hash in rows:
            out.write(json.dumps({
                "learner": name, "session_id": sid, "question_id": qid,
                "answer": json.loads(answer), "score": score, "mode": mode, "status": status,
                "bank_id": bank, "position": position, "content_hash": content_hash}) + "\n")
    return target


def _figures(report: ItemsReport) -> dict[str, object]:
    data = as_json(report)
    data.pop("sources")
    return data


def test_store_and_its_export_give_the_same_practice_figures(tmp_path: Path) -> None:
    store = write_store(tmp_path / "s.sqlite3", item_shape(responses=3_000, learners=20,
                                                           sessions=100, questions=40,
                                                           exam_share=0.0))
    export = _export(store, tmp_path / "s.jsonl")
    for which in ("first", "all"):
        assert _figures(analyse_sources([store], [], which)) == \
            _figures(analyse_sources([], [export], which))


def test_response_lines_alone_cannot_score_unanswered_positions(tmp_path: Path) -> None:
    # without session lines (another tool's file) no exam layout is known; a full export
    # carries them and matches the store exactly (test_items_class_inputs.py)
    store = write_store(tmp_path / "s.sqlite3", SMALL)
    export = _export(store, tmp_path / "s.jsonl")
    from_store = analyse_sources([store], [], "all").banks[0]
    from_export = analyse_sources([], [export], "all").banks[0]
    assert from_store.basis == from_export.basis == "exam"
    assert from_store.test.attempts == from_export.test.attempts
    # the store knows each exam's layout, so its unanswered positions count as 0
    assert from_store.unanswered_filled > 0 and from_export.unanswered_filled == 0
    assert from_store.responses_read == from_export.responses_read == full_scan(store)


def test_planted_negative_items_are_flagged(tmp_path: Path) -> None:
    store = write_store(tmp_path / "s.sqlite3", SMALL, seed=7)
    bank = analyse_sources([store], [], "all").banks[0]
    assert bank.test.complete and bank.test.alpha is not None
    negative = {i.question_id for i in bank.items if "negative discrimination" in i.flags}
    positive = [i.stats.discrimination for i in bank.items
                if i.stats.discrimination is not None and i.question_id not in negative]
    # about 10% of questions were planted with a negative slope; most others discriminate
    assert 1 <= len(negative) <= len(bank.items) // 3
    assert sum(d > 0.2 for d in positive) > len(positive) // 2


def test_measure_reports_positive_times(tmp_path: Path) -> None:
    store = write_store(tmp_path / "s.sqlite3", item_shape(responses=1_000, sessions=20))
    result = measure(store, runs=1)
    assert result.responses == 1_000
    assert result.scan > 0 and result.analysis["first"] > 0 and result.ratio("all") > 0

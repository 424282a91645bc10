"""A loaded export has the reports' covering index, built once after its rows are in."""

from __future__ import annotations

import json
from contextlib import ExitStack
from pathlib import Path

from quiz.store.exchange import catalog_facts, open_sources
from quiz.store.schema import ANSWERS_INDEX


def test_an_export_loads_with_the_answers_index_and_every_response(tmp_path: Path) -> None:
    export = tmp_path / "class.jsonl"
    lines = [{"type": "response", "learner": f"l{i % 3}", "session_id": i // 4,
              "question_id": f"q{i % 5}", "answer": ["a"], "score": float(i % 2)}
             for i in range(40)]
    export.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    with ExitStack() as stack:
        (source,) = open_sources([export], stack, catalog_facts(None))
        conn = source.conn
        names = [row[0] for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'responses'")]
        assert ANSWERS_INDEX in names
        plan = " ".join(str(row[-1]) for row in conn.execute(
            "EXPLAIN QUERY PLAN SELECT learner_id, question_id, count(*) FROM responses "
            "GROUP BY learner_id, question_id"))
        assert ANSWERS_INDEX in plan
        assert conn.execute("SELECT count(*) FROM responses").fetchone()[0] == 40
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

"""`quiz report` and `quiz export-results` as a learner and an instructor run them."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from quiz.cli.main import cli
from quiz.engine.clock import FakeClock
from quiz.reports.class_view import class_report
from quiz.reports.progress.render_json import to_dict
from quiz.store.history import Scope
from quiz.workspace import Workspace
from tests.reports.reports_data import AnswerSpec, SessionSpec, write_history


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUIZ_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("QUIZ_DB", str(tmp_path / "absent" / "progress.sqlite3"))


def _run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def _practised(tmp_path: Path, learner: str = "ana", answers: int = 6) -> Path:
    """A real store written by real sessions on the bundled bank."""
    db = tmp_path / f"{learner}.sqlite3"
    workspace = Workspace.open(learner=learner, db_path=db)
    # a clock that stands still: every answer takes 0 ms, so none counts as "quick" and the
    # sure right ones rate Good, not Easy (Easy would push a card past the week)
    workspace.clock = FakeClock()
    session = workspace.practice(seed=3)
    for i, item in enumerate(session.items[:answers]):
        right = item.question.correct_ids if i % 2 == 0 else ("zz",)
        session.answer(right, confidence=3 if i % 3 else None)
        session.next()
    session.submit()
    assert workspace.conn is not None
    workspace.conn.close()
    return db


def test_report_of_a_real_store_in_every_format(tmp_path: Path) -> None:
    db = _practised(tmp_path)
    for fmt in ("text", "md", "html", "json", "csv"):
        out = tmp_path / f"r.{fmt}"
        result = _run("report", "--learner", "ana", "--db", str(db), "--format", fmt,
                      "-o", str(out))
        assert result.exit_code == 0, result.output
        assert out.read_text(encoding="utf-8")
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    ana = data["learners"][0]
    assert ana["learner"] == "ana" and ana["overall"]["answers"] == 6
    assert ana["overall"]["correct"] == 3 and ana["overall"]["sessions"] == 1
    assert data["due"]["week"] == 6  # six cards, due within minutes (wrong) or the hour
    assert all("--learner ana" in s["command"] for s in ana["weakest"])
    ET.parse(tmp_path / "r.html")
    text = _run("report", "--learner", "ana", "--db", str(db)).output
    assert "Mastery by objective" in text and "quiz practice --objective" in text


def test_report_without_a_store_is_an_empty_report_with_a_note(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["report", "--learner", "ana"])
    assert result.exit_code == 0
    assert "no progress store yet" in result.stderr
    assert "untested" in result.stdout and "Traceback" not in result.output


def test_bad_input_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    db = _practised(tmp_path)
    bad_date = CliRunner().invoke(cli, ["report", "--db", str(db), "--since", "last week"])
    assert bad_date.exit_code == 1 and "--since" in bad_date.stderr
    junk = tmp_path / "junk.jsonl"
    junk.write_text('{"learner": "a", "session_id": 1, "question_id": "q"}\nnot json\n',
                    encoding="utf-8")
    broken = CliRunner().invoke(cli, ["report", "--class", str(junk)])
    assert broken.exit_code == 1 and f"{junk}:1" in broken.stderr  # score is missing
    notdb = tmp_path / "notdb.sqlite3"
    notdb.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    damaged = CliRunner().invoke(cli, ["report", "--db", str(notdb)])
    assert damaged.exit_code == 1 and "Traceback" not in damaged.output
    for result in (bad_date, broken, damaged):
        assert result.exception is None or isinstance(result.exception, SystemExit)


def test_export_then_class_report_equals_the_stores(tmp_path: Path) -> None:
    ana, ben = _practised(tmp_path, "ana", 6), _practised(tmp_path, "ben", 4)
    exports = []
    for name, db in (("ana", ana), ("ben", ben)):
        out = tmp_path / f"{name}.jsonl"
        result = _run("export-results", "--learner", name, "--db", str(db), "-o", str(out))
        assert result.exit_code == 0, result.output
        lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert lines[0]["type"] == "export" and lines[0]["format"] == "quiz-results"
        responses = [x for x in lines if x["type"] == "response"]
        (session,) = [x for x in lines if x["type"] == "session"]
        # practice stores no list of what it drew: the export names what was answered
        assert session["questions"] == [r["question_id"] for r in responses]
        assert {tuple(sorted(r)) for r in responses} == {tuple(sorted(
            ("type", "learner", "session_id", "mode", "status", "bank_id", "position",
             "question_id", "content_hash", "phase", "objectives", "answer", "score",
             "confidence", "time_ms", "answered_at")))}
        exports.append(out)
    from quiz.bank.cache import load_cached

    catalog = load_cached().catalog
    from_stores = to_dict(class_report([ana, ben], catalog, Scope()))
    from_exports = to_dict(class_report(exports, catalog, Scope()))
    for data in (from_stores, from_exports):
        data.pop("generated_at")
        data["scope"].pop("sources")
    assert from_exports == from_stores
    assert [p["learner"] for p in from_stores["learners"]] == ["ana", "ben"]
    mixed = _run("report", "--class", str(exports[0]), "--class", str(ben), "--format", "md")
    assert mixed.exit_code == 0 and "## Hardest questions" in mixed.output
    following = _run("report", "--class", str(exports[0]), str(ben), "--format", "md")
    assert following.output.replace(following.output.split("\n")[2], "") == \
        mixed.output.replace(mixed.output.split("\n")[2], "")  # all but the time stamp
    alone = CliRunner().invoke(cli, ["report", str(ben)])
    assert alone.exit_code == 2 and "after --class" in alone.output


def test_same_learner_name_in_two_sources_is_kept_apart(tmp_path: Path) -> None:
    one = _practised(tmp_path / "a", "learner", 3)
    two = _practised(tmp_path / "b", "learner", 5)
    report = class_report([one, two], __import__("quiz.bank.cache").bank.cache
                          .load_cached().catalog)
    names = [p.learner for p in report.learners]
    assert names == ["learner", "learner [learner.sqlite3]"]
    assert sorted(p.overall.answers for p in report.learners) == [3, 5]


def test_minimal_response_lines_from_another_tool_are_read(tmp_path: Path) -> None:
    lines = [{"learner": "x", "session_id": 1, "question_id": "q1", "answer": ["a"],
              "score": 1}, {"learner": "x", "session_id": 2, "question_id": "q2",
                            "answer": "[\"b\"]", "score": 0, "mode": "exam"}]
    path = tmp_path / "min.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n\n", encoding="utf-8")
    result = _run("report", "--class", str(path), "--format", "json")
    data = json.loads(result.output)
    x = data["learners"][0]
    assert x["overall"]["answers"] == 2 and x["overall"]["correct"] == 1
    assert len(x["exams"]) == 1 and x["exams"][0]["percent"] == 0.0


def test_export_is_read_by_item_analysis_too(tmp_path: Path) -> None:
    out = tmp_path / "ana.jsonl"
    _run("export-results", "--learner", "ana", "--db", str(_practised(tmp_path)), "-o",
         str(out))
    result = _run("items", "--class", str(out), "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["banks"]


def test_export_refuses_an_unknown_learner(tmp_path: Path) -> None:
    db = _practised(tmp_path)
    result = CliRunner().invoke(cli, ["export-results", "--learner", "zed", "--db", str(db),
                                      "-o", str(tmp_path / "z.jsonl")])
    assert result.exit_code == 1 and "no learner 'zed'" in result.stderr
    assert not (tmp_path / "z.jsonl").exists()


def test_since_and_bank_narrow_the_report(tmp_path: Path) -> None:
    db = write_history(tmp_path / "s.sqlite3",
                       [SessionSpec("ana", "practice", "finished", "bank", 2),
                        SessionSpec("ana", "practice", "finished", "other", 2)],
                       [AnswerSpec(0, "q1", False, 1.0, None, 5, 0),
                        AnswerSpec(0, "q2", False, 1.0, None, 5, 60 * 24 * 3),
                        AnswerSpec(1, "gone1", False, 0.0, None, 5, 60 * 24 * 3)])

    def answers(*extra: str) -> int:
        out = _run("report", "--learner", "ana", "--db", str(db), "--format", "json", *extra)
        return int(json.loads(out.output)["learners"][0]["overall"]["answers"])

    assert answers() == 3
    assert answers("--since", "2025-03-03T00:00:00+00:00") == 2
    assert answers("--bank", "bank") == 2
    assert answers("--bank", "bank", "--since", "2025-03-03T00:00:00+00:00") == 1


PROBE = """
import runpy, sys
sys.argv = ["quiz", *{args!r}]
try:
    runpy.run_module("quiz", run_name="__main__")
except SystemExit:
    pass
print("TEXTUAL-LOADED" if "textual" in sys.modules else "TEXTUAL-ABSENT", file=sys.stderr)
"""


@pytest.mark.slow
def test_report_export_and_due_counts_do_not_load_textual(tmp_path: Path) -> None:
    db = _practised(tmp_path)
    for args in (["report", "--db", str(db), "--format", "html"],
                 ["export-results", "--learner", "ana", "--db", str(db), "-o", "-"],
                 ["review", "--counts", "--learner", "ana", "--db", str(db)]):
        env = {"QUIZ_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
        done = subprocess.run([sys.executable, "-c", PROBE.format(args=args)],
                              capture_output=True, text=True, env=env, timeout=120)
        assert "Traceback" not in done.stderr
        assert done.stderr.strip().splitlines()[-1] == "TEXTUAL-ABSENT", args

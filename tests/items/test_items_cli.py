"""`quiz items` as an instructor runs it: sources, formats, hostile text and bad input."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from quiz.cli.main import cli
from tests.items.items_data import HAND, StoreWriter, hand_lines, question, write_bank, write_jsonl


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUIZ_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("QUIZ_DB", str(tmp_path / "absent" / "progress.sqlite3"))


def _run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["items", *args], catch_exceptions=False)


def _setup(tmp_path: Path, stems: dict[str, str] | None = None) -> tuple[Path, Path]:
    bank = write_bank(tmp_path / "banks", stems)
    data = write_jsonl(tmp_path / "class.jsonl", hand_lines())
    return bank, data


@pytest.mark.parametrize("fmt", ["text", "md", "html", "csv", "json"])
def test_every_format_renders_the_hand_data(tmp_path: Path, fmt: str) -> None:
    bank, data = _setup(tmp_path)
    result = _run("--class", str(data), "--bank-files", str(bank), "--format", fmt)
    assert result.exit_code == 0, result.output
    out = result.output
    if fmt == "json":
        parsed = json.loads(out)
        (only,) = parsed["banks"]
        assert only["test"]["attempts"] == 5
        assert only["test"]["mean_percent"] == pytest.approx(60.0)
        assert only["test"]["alpha_kind"] == "KR-20"
        q1 = only["questions"][0]
        assert (q1["id"], q1["facility"], q1["discrimination_index"]) == \
            ("q1", pytest.approx(0.8), pytest.approx(0.375))
        assert [c["id"] for c in q1["choices"]] == ["a", "b", "c", "d"]
        assert q1["choices"][1]["functions"] is True
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        kinds = [r["kind"] for r in rows]
        assert kinds.count("test") == 1 and kinds.count("question") == 4
        assert kinds.count("choice") == 16
        q3 = next(r for r in rows if r["kind"] == "question" and r["question_id"] == "q3")
        assert float(q3["discrimination_index"]) == pytest.approx(-0.4 / 2.4, abs=1e-6)
        assert q3["flags"] == "negative discrimination"
    elif fmt == "html":
        body = out.split("\n", 1)[1]  # drop the doctype; the rest is well-formed XML
        root = ET.fromstring(body)
        assert root.tag == "html"
        assert "negative discrimination" in out
    else:
        assert "q3" in out and "negative discrimination" in out
        # alpha = .8 / 3.9 = 0.205
        assert ("KR-20 0.21" if fmt == "text" else "| KR-20 |") in out
        assert "0.21" in out
        assert "60.0%" in out


def test_output_file(tmp_path: Path) -> None:
    bank, data = _setup(tmp_path)
    target = tmp_path / "out" / "items.md"
    result = _run("--class", str(data), "--bank-files", str(bank), "--format", "md",
                  "-o", str(target))
    assert result.exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("# Item analysis")
    assert "4 question(s) from 5 attempt(s)" in result.output


HOSTILE = "Which \x1b[31mphase\x1b]0;pwned\x07 is <script>alert(1)</script> & this?"


def test_bank_text_cannot_inject_escapes_or_markup(tmp_path: Path) -> None:
    bank, data = _setup(tmp_path, {"q1": HOSTILE})
    text = _run("--class", str(data), "--bank-files", str(bank)).output
    assert "\x1b" not in text and "\x07" not in text
    assert "\\x1b[31mphase" in text  # shown, visibly escaped
    page = _run("--class", str(data), "--bank-files", str(bank), "--format", "html").output
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "\x1b" not in page
    md = _run("--class", str(data), "--bank-files", str(bank), "--format", "md").output
    assert "\x1b" not in md


def test_hostile_ids_in_an_export_are_escaped(tmp_path: Path) -> None:
    lines = hand_lines(bank=None)
    lines.append({"learner": "Z", "session_id": 1, "question_id": "x\x1b[2J<i>",
                  "answer": ["\x1b[5m"], "score": 0.0})
    data = write_jsonl(tmp_path / "c.jsonl", lines)
    for fmt in ("text", "md", "html", "csv"):
        out = _run("--class", str(data), "--format", fmt).output
        assert "\x1b" not in out, fmt
    assert "<i>" not in _run("--class", str(data), "--format", "html").output


def test_csv_cells_never_start_a_formula(tmp_path: Path) -> None:
    bank, data = _setup(tmp_path, {"q2": "=HYPERLINK(\"http://x\")"})
    out = _run("--class", str(data), "--bank-files", str(bank), "--format", "csv").output
    row = next(r for r in csv.DictReader(io.StringIO(out)) if r["question_id"] == "q2"
               and r["kind"] == "question")
    assert row["text"].startswith("'=")


def test_store_and_export_together(tmp_path: Path) -> None:
    bank, data = _setup(tmp_path)
    store = StoreWriter(tmp_path / "f.sqlite3")
    s = store.session("F", "practice", "finished", ["q1", "q2", "q3", "q4"])
    for position, qid in enumerate(["q1", "q2", "q3", "q4"]):
        store.answer(s, "F", position, qid, ["a"], 1.0, question(qid).content_hash)
    store.close()
    # the store can come through --db or through --class (told apart by its header)
    for flag in ("--db", "--class"):
        out = _run("--class", str(data), flag, str(tmp_path / "f.sqlite3"),
                   "--bank-files", str(bank), "--format", "json").output
        only = json.loads(out)["banks"][0]
        assert only["test"]["attempts"] == len(HAND) + 1
        assert only["questions"][0]["attempts"] == 6


def test_store_is_opened_read_only(tmp_path: Path) -> None:
    path = tmp_path / "f.sqlite3"
    StoreWriter(path).close()
    before = path.read_bytes()
    assert _run("--db", str(path)).exit_code == 0
    assert path.read_bytes() == before


def test_empty_sources_render_in_every_format(tmp_path: Path) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    for fmt in ("text", "md", "html", "csv", "json"):
        result = _run("--class", str(empty), "--format", fmt)
        assert result.exit_code == 0, (fmt, result.output)
    assert "no responses" in _run("--class", str(empty)).output
    # a bank named but never answered: figures are n/a, not a crash
    bank, _ = _setup(tmp_path)
    out = _run("--class", str(empty), "--bank-files", str(bank), "--bank", "hand").output
    assert "attempts 0" in out and "n/a" in out


def test_one_answer_only(tmp_path: Path) -> None:
    data = write_jsonl(tmp_path / "one.jsonl", hand_lines()[:1])
    for fmt in ("text", "md", "html", "csv", "json"):
        assert _run("--class", str(data), "--format", fmt).exit_code == 0
    parsed = json.loads(_run("--class", str(data), "--format", "json").output)
    q1 = parsed["banks"][0]["questions"][0]
    assert q1["sd"] is None and q1["discrimination_index"] is None


@pytest.mark.parametrize(("content", "expected"), [
    ('{"learner": "a"\n', "bad.jsonl:1:"),
    ('\n[1, 2]\n', "bad.jsonl:2:1: expected a JSON object"),
    ('{"learner": "a", "session_id": 1, "question_id": "q1", "answer": ["a"]}\n',
     "bad.jsonl:1: 'score' must be a number from 0 to 1"),
    ('{"learner": "a", "session_id": 1, "question_id": "q1", "answer": ["a"], "score": 2}\n',
     "'score' must be a number from 0 to 1"),
    ('{"learner": "a", "session_id": 1, "question_id": "q1", "answer": "a", "score": 1}\n',
     "not a list of choice ids"),
    ('{"session_id": 1, "question_id": "q1", "answer": [], "score": 1}\n',
     "missing 'learner'"),
])
def test_bad_export_lines_are_located(tmp_path: Path, content: str, expected: str) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(content, encoding="utf-8")
    result = _run("--class", str(bad))
    assert result.exit_code == 1
    assert expected in result.output
    assert "Traceback" not in result.output


def test_records_of_other_kinds_are_skipped(tmp_path: Path) -> None:
    lines: list[dict[str, object]] = [{"type": "export", "format": "quiz-results"},
                                      {"type": "note", "text": "not a record quiz knows"}]
    lines += [{"type": "session", "learner": learner, "session_id": 1, "mode": "practice",
               "questions": list(answers)} for learner, answers in HAND.items()]
    lines += [dict(line, type="response") for line in hand_lines()]
    data = write_jsonl(tmp_path / "mixed.jsonl", lines)
    parsed = json.loads(_run("--class", str(data), "--format", "json").output)
    assert parsed["banks"][0]["test"]["attempts"] == 5


def test_binary_and_missing_files(tmp_path: Path) -> None:
    junk = tmp_path / "junk.jsonl"
    junk.write_bytes(b"\xff\xfe\x00garbage")
    result = _run("--class", str(junk))
    assert result.exit_code == 1 and "not UTF-8" in result.output
    result = _run("--db", str(tmp_path / "nope.sqlite3"))
    assert result.exit_code == 1 and "no progress store here" in result.output
    result = _run()  # QUIZ_DB points at a file that does not exist
    assert result.exit_code == 1 and "no progress store yet" in result.output


def test_damaged_or_foreign_store(tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    result = _run("--db", str(damaged))
    assert result.exit_code == 1 and "quiz doctor" in result.output
    foreign = tmp_path / "foreign.sqlite3"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()
    result = _run("--db", str(foreign))
    assert result.exit_code == 1 and "not a quiz progress store" in result.output
    newer = tmp_path / "newer.sqlite3"
    StoreWriter(newer).close()
    with sqlite3.connect(newer) as conn:
        conn.execute("PRAGMA user_version = 999")
    conn.close()
    result = _run("--db", str(newer))
    assert result.exit_code == 1 and "newer version" in result.output


def test_unknown_bank_suggests_the_close_one(tmp_path: Path) -> None:
    data = write_jsonl(tmp_path / "c.jsonl", hand_lines())
    result = _run("--class", str(data), "--bank", "hnad")
    assert result.exit_code == 1
    assert "no bank 'hnad'" in result.output and "did you mean 'hand'" in result.output


def test_bank_filter_keeps_one_bank(tmp_path: Path) -> None:
    # a session belongs to one bank: the other bank's answers are other sessions
    lines = hand_lines() + [dict(line, bank_id="other", session_id=2) for line in hand_lines()]
    data = write_jsonl(tmp_path / "c.jsonl", lines)
    both = json.loads(_run("--class", str(data), "--format", "json").output)
    assert [b["bank"] for b in both["banks"]] == ["hand", "other"]
    one = json.loads(_run("--class", str(data), "--bank", "other", "--format", "json").output)
    assert [b["bank"] for b in one["banks"]] == ["other"]


def test_help_ends_with_an_example() -> None:
    result = CliRunner().invoke(cli, ["items", "--help"])
    assert result.exit_code == 0
    examples = result.output.split("Example", 1)
    assert len(examples) == 2 and "quiz items --class" in examples[1]


def test_items_never_loads_textual(tmp_path: Path) -> None:
    import subprocess
    import sys

    data = write_jsonl(tmp_path / "c.jsonl", hand_lines())
    probe = (
        "import runpy, sys\n"
        f"sys.argv = ['quiz', 'items', '--class', {str(data)!r}, '--format', 'html']\n"
        "try:\n    runpy.run_module('quiz', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "print('TEXTUAL-LOADED' if 'textual' in sys.modules else 'TEXTUAL-ABSENT',"
        " file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          env={"QUIZ_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"},
                          timeout=120)
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines()[-1] == "TEXTUAL-ABSENT"
    assert "<html" in done.stdout

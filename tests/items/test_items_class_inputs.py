"""`quiz items --class`: an export gives the store's figures, and hostile inputs are refused.

A results export carries each exam's questions in its session lines, so reading the export
must give every figure that reading the store gives, unanswered positions scored 0 included.
A deeply nested line, a FIFO, a device or a folder named as an export is a clear error.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from bench.synthetic_store import item_shape, write_store
from quiz.errors import QuizError
from quiz.reports.items.analysis import ItemsReport, analyse_sources
from quiz.reports.items.render import FORMATS, render
from quiz.reports.items.render_json import as_json
from quiz.store.exchange import export_results, open_readonly

# 25-question exams with the odd position left unanswered, and some practice
SHAPE = item_shape(responses=2_500, learners=40, sessions=100, questions=60, exam_share=0.7,
                   negative_share=0.1)

HANG_GUARD_SECONDS = 120
"""Not a performance bound (a run takes a second or two): only what turns a hang on a FIFO
into a failure."""

MEMORY_CAP = 1 << 30


def _export(store: Path, target: Path) -> Path:
    """The store exported by `quiz export-results --all-learners`'s own code."""
    conn = open_readonly(store)
    try:
        with target.open("w", encoding="utf-8") as out:
            export_results(conn, out)
    finally:
        conn.close()
    return target


def _figures(report: ItemsReport) -> dict[str, object]:
    data = as_json(report)
    data.pop("sources")
    return data


@pytest.fixture(scope="module")
def store_and_export(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("class")
    store = write_store(folder / "class.sqlite3", SHAPE, seed=3)
    return store, _export(store, folder / "class.jsonl")


@pytest.mark.parametrize("which", ["first", "all"])
def test_an_export_gives_every_figure_its_store_gives(
        store_and_export: tuple[Path, Path], which: str) -> None:
    store, export = store_and_export
    from_store = analyse_sources([store], [], which)
    from_export = analyse_sources([], [export], which)
    bank = from_store.banks[0]
    assert bank.basis == "exam" and bank.unanswered_filled > 0  # the case that differed
    assert bank.test.alpha is not None
    assert _figures(from_export) == _figures(from_store)
    for fmt in FORMATS:  # every figure as printed, too (the sources line names the file)
        shown_store = render(from_store, fmt).replace(str(store), "SOURCE")
        shown_export = render(from_export, fmt).replace(str(export), "SOURCE")
        assert shown_export == shown_store


def test_the_store_given_as_class_is_read_as_a_store(
        store_and_export: tuple[Path, Path]) -> None:
    store, _ = store_and_export
    assert _figures(analyse_sources([], [store], "all")) == \
        _figures(analyse_sources([store], [], "all"))


def _line(**fields: object) -> str:
    base: dict[str, object] = {"type": "response", "learner": "ana", "session_id": 1,
                               "question_id": "q1", "answer": ["a"], "score": 1.0}
    base.update(fields)
    return json.dumps(base) + "\n"


@pytest.mark.parametrize("nested", [
    "[" * 100_000 + "]" * 100_000,
    '{"a":' * 100_000 + "1" + "}" * 100_000,
], ids=["arrays", "objects"])
def test_a_deeply_nested_line_is_an_error_naming_file_and_line(
        tmp_path: Path, nested: str) -> None:
    export = tmp_path / "deep.jsonl"
    export.write_text(_line() + '{"type": "response", "answer": ' + nested + "}\n",
                      encoding="utf-8")
    with pytest.raises(QuizError) as caught:
        analyse_sources([], [export])
    assert str(caught.value).startswith(f"{export}:2:")
    assert "nested" in str(caught.value)


def _items(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QUIZ_CACHE_DIR=str(cwd / "cache"),
               QUIZ_DB=str(cwd / "absent" / "p.sqlite3"))
    try:
        return subprocess.run(
            [sys.executable, "-m", "quiz", "items", *args], cwd=cwd, capture_output=True,
            text=True, timeout=HANG_GUARD_SECONDS, env=env, check=False,
            preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS,
                                                  (MEMORY_CAP, MEMORY_CAP)))
    except subprocess.TimeoutExpired:
        pytest.fail(f"quiz items {' '.join(args)} hung")


def _refused(result: subprocess.CompletedProcess[str], shown: str, kind: str) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert f"quiz: error: {shown}" in result.stderr, result.stderr
    assert kind in result.stderr and "not a regular file" in result.stderr, result.stderr


def test_a_deeply_nested_line_from_the_command_line(tmp_path: Path) -> None:
    export = tmp_path / "deep.jsonl"
    export.write_text(_line() + "[" * 200_000 + "]" * 200_000 + "\n", encoding="utf-8")
    result = _items("--class", str(export), cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert f"quiz: error: {export}:2:" in result.stderr, result.stderr


def test_an_export_symlinked_to_dev_zero_is_refused(tmp_path: Path) -> None:
    (tmp_path / "zero.jsonl").symlink_to("/dev/zero")
    _refused(_items("--class", "zero.jsonl", cwd=tmp_path), "zero.jsonl", "character device")


def test_a_fifo_given_as_an_export_is_refused(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.jsonl")
    _refused(_items("--class", "pipe.jsonl", cwd=tmp_path), "pipe.jsonl", "FIFO")


def test_a_folder_given_as_an_export_is_refused(tmp_path: Path) -> None:
    (tmp_path / "folder.jsonl").mkdir()
    result = _items("--class", "folder.jsonl", cwd=tmp_path)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert "folder.jsonl" in result.stderr


def test_an_export_larger_than_the_cap_is_refused(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import quiz.store.exchange as exchange

    export = tmp_path / "big.jsonl"
    export.write_text(_line() * 100, encoding="utf-8")
    monkeypatch.setattr(exchange, "EXPORT_LIMIT", 1000)
    with pytest.raises(QuizError, match="larger than"):
        analyse_sources([], [export])

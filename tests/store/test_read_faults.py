"""Every reader turns a damaged page into a clear message that names the file and points to
`quiz doctor`, never an internal error: the shared read-only opener translates SQLite's
errors wherever a reader meets them (opening, running a query, fetching rows)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from quiz.cli.main import cli
from quiz.errors import StoreError
from quiz.store.readonly import open_readonly
from tests.store.store_builders import damage_page, many_answers


@pytest.fixture(scope="module")
def damaged(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("damaged") / "dmg.sqlite3"
    assert many_answers(db) > 500
    assert db.stat().st_size > 16 * 4096  # page 15 exists and holds rows
    damage_page(db, 15)
    return db


def _said_cleanly(result: object, db: Path) -> str:
    output = result.output  # type: ignore[attr-defined]
    error = result.exception  # type: ignore[attr-defined]
    assert error is None or isinstance(error, SystemExit), repr(error)
    assert result.exit_code == 1, output  # type: ignore[attr-defined]
    assert "internal error" not in output and "Traceback" not in output
    assert str(db) in output and "quiz doctor" in output
    return str(output)


@pytest.mark.parametrize("command", [
    ["export-results", "--all-learners", "-o", "{out}"],
    ["report", "--class"],
    ["items", "--class"],
    ["report", "--learner", "ana", "--db"],
])
def test_every_reader_names_the_damaged_file(damaged: Path, tmp_path: Path,
                                             command: list[str]) -> None:
    args = [part.replace("{out}", str(tmp_path / "x.jsonl")) for part in command]
    if args[0] == "export-results":
        args += ["--db", str(damaged)]
    else:
        args.append(str(damaged))
    _said_cleanly(CliRunner().invoke(cli, args), damaged)


def test_the_opener_translates_errors_met_while_fetching(damaged: Path) -> None:
    conn = open_readonly(damaged)
    try:
        with pytest.raises(StoreError, match="quiz doctor") as raised:
            for _row in conn.execute("SELECT * FROM responses"):
                pass
        assert str(damaged) in str(raised.value)
        with pytest.raises(StoreError, match="damaged"):
            conn.execute("SELECT count(*), sum(score) FROM responses NOT INDEXED").fetchall()
    finally:
        conn.close()

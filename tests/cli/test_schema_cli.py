"""`quiz schema`: prints or writes the JSON Schema of each kind of file, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from quiz.bank.schema import schema_text
from quiz.cli.main import cli


@pytest.mark.parametrize(("args", "kind"), [([], "bank"), (["bank"], "bank"),
                                            (["lesson"], "lesson"), (["scenario"], "scenario")])
def test_prints_the_schema_of_a_kind(args: list[str], kind: str) -> None:
    result = CliRunner().invoke(cli, ["schema", *args])
    assert result.exit_code == 0
    assert result.stdout == schema_text(kind)
    assert json.loads(result.stdout)["title"] == f"quiz {kind} file"


def test_out_writes_all_three(tmp_path: Path) -> None:
    out = tmp_path / "new" / "schema"
    result = CliRunner().invoke(cli, ["schema", "--out", str(out)])
    assert result.exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "bank.schema.json", "lesson.schema.json", "scenario.schema.json"
    ]
    for kind in ("bank", "lesson", "scenario"):
        written = out / f"{kind}.schema.json"
        assert written.read_text(encoding="utf-8") == schema_text(kind)
        assert f"wrote {written}" in result.stdout


def test_out_overwrites_a_stale_schema(tmp_path: Path) -> None:
    (tmp_path / "bank.schema.json").write_text("{}", encoding="utf-8")
    result = CliRunner().invoke(cli, ["schema", "--out", str(tmp_path)])
    assert result.exit_code == 0
    assert (tmp_path / "bank.schema.json").read_text(encoding="utf-8") == schema_text("bank")


@pytest.mark.parametrize("args", [["nonsense"], ["--out"], ["--bogus"]])
def test_bad_usage_is_a_message(args: list[str]) -> None:
    result = CliRunner().invoke(cli, ["schema", *args])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "Error:" in result.output


def test_out_onto_a_file_is_a_message(tmp_path: Path) -> None:
    target = tmp_path / "a-file"
    target.write_text("x", encoding="utf-8")
    result = CliRunner().invoke(cli, ["schema", "--out", str(target)])
    assert result.exit_code == 2
    assert "is a file" in result.output
    assert target.read_text(encoding="utf-8") == "x"


def test_help_shows_an_example_and_the_editor_comment() -> None:
    result = CliRunner().invoke(cli, ["schema", "--help"])
    assert result.exit_code == 0
    words = " ".join(result.stdout.split())  # help text is wrapped to the terminal
    assert "Example: quiz schema" in words
    assert "# yaml-language-server: $schema=../schema/bank.schema.json" in words

"""Ids people mistype on the command line get a did-you-mean: spelling, case and a prefix."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from quiz.bank.suggest import did_you_mean
from quiz.cli.main import cli


@pytest.mark.parametrize(("word", "expected"), [
    ("lo3", "LO3"),                      # the wrong case
    ("fraud", "fraud-detection"),        # the start of a long id
    ("spam-filtr", "spam-filter"),       # a spelling slip
])
def test_close_ids_are_suggested(word: str, expected: str) -> None:
    known = ["LO1", "LO3", "fraud-detection", "spam-filter", "self-driving-car"]
    assert did_you_mean(word, known) == f"; did you mean '{expected}'?"


def test_nothing_close_suggests_nothing() -> None:
    assert did_you_mean("zzzz", ["self-driving-car", "self-checkout", "spam-filter"]) == ""


@pytest.mark.parametrize(("option", "value", "hint"), [
    ("--scenario", "fraud", "did you mean 'fraud-detection'?"),
    ("--objective", "lo3", "did you mean 'LO3'?"),
])
def test_practice_suggests_the_id(option: str, value: str, hint: str, tmp_path: Path) -> None:
    done = CliRunner().invoke(cli, ["practice", "--plain", option, value,
                                    "--db", str(tmp_path / "p.sqlite3")])
    assert done.exit_code == 1
    assert hint in done.output

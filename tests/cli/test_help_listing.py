"""`quiz --help` lists every command from the command table, without importing the commands.

Its cold start is held to 1.3 x `python -c "import click"` (issue 16); importing the twenty
command modules to read their docstrings was most of what it cost above that.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
from click.testing import CliRunner

from quiz.cli.main import COMMANDS, cli

PROBE = """
import runpy, sys
sys.argv = ["quiz", "--help"]
try:
    runpy.run_module("quiz", run_name="__main__")
except SystemExit:
    pass
print(sorted(name for name in sys.modules if name.startswith("quiz.cli.")), file=sys.stderr)
"""


def test_help_imports_no_command_module(tmp_path: Path) -> None:
    env = {"QUIZ_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                          env=env, timeout=120)
    assert "Commands:" in done.stdout
    # the console script's entry, the command table and click's messages; no command module
    assert done.stderr.strip().splitlines()[-1] == (
        "['quiz.cli.english', 'quiz.cli.entry', 'quiz.cli.main']")


def test_help_lists_every_command_with_its_summary() -> None:
    result = CliRunner().invoke(cli, ["--help"], terminal_width=200)
    assert result.exit_code == 0
    listed = result.output.split("Commands:\n", 1)[1].splitlines()
    assert [line.split()[0] for line in listed] == sorted(COMMANDS)
    for line in listed:
        name = line.split()[0]
        assert line.split(None, 1)[1] == COMMANDS[name].summary


def test_a_narrow_terminal_wraps_summaries_whole() -> None:
    result = CliRunner().invoke(cli, ["--help"], terminal_width=60)
    listed = result.output.split("Commands:\n", 1)[1]
    assert all(len(line) <= 60 for line in listed.splitlines())
    words = " ".join(line[19:].strip() for line in listed.splitlines())
    assert COMMANDS["export-results"].summary in words


def test_every_entry_names_a_command_that_exists() -> None:
    context = click.Context(cli)
    for name, entry in COMMANDS.items():
        command = cli.get_command(context, name)
        assert isinstance(command, click.Command), entry.target
        assert entry.summary.endswith("."), name


def test_every_summary_fits_one_line_of_an_80_column_terminal() -> None:
    result = CliRunner().invoke(cli, ["--help"], terminal_width=80)
    listed = result.output.split("Commands:\n", 1)[1].splitlines()
    assert len(listed) == len(COMMANDS)
    assert max(map(len, listed)) <= 80

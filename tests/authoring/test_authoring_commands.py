"""The three author commands: help with an example, and no Textual loaded (start-up cost)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.authoring.authoring_helpers import run

PROBE = """
import runpy, sys
sys.argv = ["quiz", *{args!r}]
try:
    runpy.run_module("quiz", run_name="__main__")
except SystemExit:
    pass
print("TEXTUAL-LOADED" if "textual" in sys.modules else "TEXTUAL-ABSENT", file=sys.stderr)
"""


@pytest.mark.parametrize("command", ["lint", "stats", "new"])
def test_help_ends_with_an_example(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    # "Example: quiz lint ..." on one line, or an "Examples:" block of unwrapped lines
    assert re.search(rf"Examples?\b[^\n]*:\s+quiz {command}\b", result.stdout), result.stdout


@pytest.mark.slow
@pytest.mark.parametrize("args", [["lint"], ["stats"], ["new", "--help"]],
                         ids=lambda a: " ".join(a))
def test_author_commands_do_not_import_textual(args: list[str], tmp_path: Path) -> None:
    env = {"QUIZ_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", PROBE.format(args=args)],
                          capture_output=True, text=True, env=env, timeout=120)
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines()[-1] == "TEXTUAL-ABSENT"

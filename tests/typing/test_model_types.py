"""mypy reports every deliberate misuse of the model in misuses.py, and nothing else there.

The model's types are named tuples (quiz/model.py) so that mypy can check them; this test
keeps it so: a change that hid a field, a constructor or an ordering from mypy again would
leave a marked line unreported.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
MISUSES = HERE / "misuses.py"
MARK = re.compile(r"#\s*E:\s*\[([a-z-]+)\]\s*$")
REPORTED = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+): error: .*\[(?P<code>[a-z-]+)\]$")


def _marked() -> set[tuple[int, str]]:
    lines = MISUSES.read_text(encoding="utf-8").splitlines()
    return {(n, m.group(1)) for n, text in enumerate(lines, 1)
            if (m := MARK.search(text)) and not text.lstrip().startswith(("#", '"'))}


def test_the_misuse_file_marks_enough_misuses() -> None:
    codes = {code for _, code in _marked()}
    assert len(_marked()) >= 15
    assert {"misc", "call-arg", "arg-type", "type-var", "index", "attr-defined"} <= codes


@pytest.mark.slow
def test_mypy_reports_each_marked_misuse_and_nothing_else(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--follow-imports=silent",
         "--show-error-codes", "--no-error-summary", "--no-color-output",
         "--cache-dir", str(tmp_path / "mypy-cache"), str(MISUSES)],
        capture_output=True, text=True, timeout=600, cwd=HERE.parent.parent,
    )
    assert run.returncode == 1, run.stdout + run.stderr  # 1: type errors found (2 would be a crash)
    reported = {(int(m["line"]), m["code"]) for line in run.stdout.splitlines()
                if (m := REPORTED.match(line)) and Path(m["path"]).name == MISUSES.name}
    marked = _marked()
    assert marked - reported == set(), "misuses mypy no longer reports"
    assert reported - marked == set(), "errors on lines not marked as misuses"

"""Commands that draw no screen never load Textual (start-up cost, and the layering rule)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import quiz

PACKAGE = Path(quiz.__file__).parent
PROBE = """
import runpy, sys
sys.argv = ["quiz", *{args!r}]
try:
    runpy.run_module("quiz", run_name="__main__")
except SystemExit:
    pass
print("TEXTUAL-LOADED" if "textual" in sys.modules else "TEXTUAL-ABSENT", file=sys.stderr)
"""


@pytest.mark.parametrize(
    "args",
    [["--help"], ["validate"], ["schema"], ["validate", "--format", "json"], ["lint"],
     ["stats"], ["export", "--to", "gift", "-o", "{tmp}/out.gift"], ["report"],
     ["report", "--format", "html", "-o", "{tmp}/r.html"], ["items"], ["doctor"],
     ["review", "--counts"], ["import", "--help"], ["new", "--help"],
     ["practice", "--plain", "--count", "1"], ["exam", "--plain"], ["practice"]],
    ids=lambda a: " ".join(a),
)
def test_non_drawing_commands_do_not_import_textual(args: list[str], tmp_path: Path) -> None:
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    env = {"QUIZ_CACHE_DIR": str(tmp_path), "QUIZ_DB": str(tmp_path / "p.sqlite3"),
           "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(args=args)],
        capture_output=True, text=True, env=env, timeout=120,
    )
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines()[-1] == "TEXTUAL-ABSENT"


def test_validate_starts_without_the_modules_its_cold_start_figure_left_out(
    tmp_path: Path,
) -> None:
    """`quiz validate` is held to 1.3 x the start of Python with yaml and click (issue 2);
    pathlib (with urllib.parse and ipaddress, 3 ms) and dataclasses (1 ms plus ~0.5 ms a
    class) were most of what it cost above that, so they must not creep back onto its path."""
    report = 'print("TEXTUAL-LOADED" if "textual" in sys.modules else "TEXTUAL-ABSENT", '
    listing = 'print(sorted({{"pathlib", "dataclasses", "textual"}} & set(sys.modules)), '
    probe = PROBE.replace(report, listing)
    assert probe != PROBE
    env = {"QUIZ_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", probe.format(args=["validate"])],
        capture_output=True, text=True, env=env, timeout=120,
    )
    assert "no errors" in done.stdout
    assert done.stderr.strip().splitlines()[-1] == "[]"


def _textual_imports(path: Path) -> list[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        else:
            continue
        if any(n == "textual" or n.startswith("textual.") for n in names):
            lines.append(node.lineno)
    return lines


def test_only_the_tui_package_imports_textual() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)}:{line}"
        for path in PACKAGE.rglob("*.py")
        if "tui" not in path.relative_to(PACKAGE).parts
        for line in _textual_imports(path)
    ]
    assert offenders == []


def test_no_core_module_imports_the_tui_at_module_level() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).parts
        if "tui" in parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:  # module level only: commands import the TUI lazily
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("quiz.tui"):
                offenders.append(f"{'/'.join(parts)}:{node.lineno}")
    assert offenders == []

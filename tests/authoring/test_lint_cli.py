"""quiz lint as an author or a CI job runs it: formats, exit codes, rule listing."""

from __future__ import annotations

import json
import re
from pathlib import Path

from quiz.lint import RULES
from tests.authoring.authoring_helpers import good, run, write_bank

LINE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): warning: (?P<msg>.+) "
                  r"\[(?P<rule>[a-z-]+)\]$")


def _clean_bank(tmp_path: Path) -> Path:
    """No warnings at all once objectives need 0 questions: both phases, spread answers."""
    training = good("t-002", phase="training", stem="A team fits a model for a week on logs.",
                    explanation="Training builds: the weights are fitted. Serves LO3.")
    return write_bank(tmp_path, [good("t-001"), training])


def test_clean_bank_exits_0_even_with_strict(tmp_path: Path) -> None:
    path = _clean_bank(tmp_path)
    result = run("lint", str(path), "--strict", "--min-per-objective", "0")
    assert result.exit_code == 0, result.output
    assert "0 error(s), 0 warning(s)" in result.stdout


def test_warnings_exit_0_but_1_with_strict(tmp_path: Path) -> None:
    path = write_bank(tmp_path, [good(explanation="No side here. LO3.")])
    plain = run("lint", str(path))
    assert plain.exit_code == 0
    strict = run("lint", str(path), "--strict")
    assert strict.exit_code == 1
    warnings = [m for line in plain.stdout.splitlines() if (m := LINE.match(line))]
    assert warnings, plain.stdout
    assert all(m.group("rule") in RULES for m in warnings)
    side = [m for m in warnings if m.group("rule") == "explanation-no-side"]
    assert len(side) == 1 and side[0].group("path").endswith("demo.yaml")
    assert (side[0].group("line"), side[0].group("col")) == ("5", "3")
    assert "warning(s)" in strict.stderr  # the summary goes to stderr when the run fails


def test_validation_errors_always_exit_1(tmp_path: Path) -> None:
    path = write_bank(tmp_path, [good(objectives=["LO42"])])
    result = run("lint", str(path))
    assert result.exit_code == 1
    assert "error: unknown objective 'LO42'" in result.stdout


def test_json_lists_every_diagnostic_with_its_rule(tmp_path: Path) -> None:
    path = write_bank(tmp_path, [good(explanation="No side here.")])
    result = run("lint", str(path), "--format", "json")
    data = json.loads(result.stdout)
    rules = {d["rule"] for d in data}
    assert {"explanation-no-side", "explanation-no-objective", "thin-coverage"} <= rules
    first = next(d for d in data if d["rule"] == "explanation-no-side")
    assert first["severity"] == "warning" and first["question_id"] == "t-001"
    assert (first["line"], first["column"]) == (5, 3)


def test_list_rules_names_every_rule(tmp_path: Path) -> None:
    result = run("lint", "--list-rules")
    assert result.exit_code == 0
    assert [line.split()[0] for line in result.stdout.splitlines()] == list(RULES)


def test_disable_switches_a_rule_off_and_refuses_unknown_ones(tmp_path: Path) -> None:
    path = write_bank(tmp_path, [good(explanation="No side here. LO3.")])
    result = run("lint", str(path), "--disable", "explanation-no-side",
                 "--disable", "thin-coverage", "--strict")
    assert result.exit_code == 0, result.output
    wrong = run("lint", str(path), "--disable", "no-such-rule")
    assert wrong.exit_code == 1 and "no-such-rule" in wrong.stderr


def test_file_names_and_bank_text_are_made_safe_for_the_terminal(tmp_path: Path) -> None:
    path = write_bank(tmp_path, [good(explanation="No side \x1b]0;owned\x07 here.")],
                      name="demo\x1b[31m.yaml")
    for fmt in ("text", "json"):
        result = run("lint", str(path), "--format", fmt)
        assert "explanation-no-side" in result.output
        assert "\x1b" not in result.output and "\x07" not in result.output

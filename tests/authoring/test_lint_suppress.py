"""Switching a rule off for one question: the lint_ignore key, or a '# lint: ignore' comment."""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz.lint import lint_paths
from quiz.lint.suppress import ALL, comment_rules
from tests.authoring.authoring_helpers import course, good, line_of, write_bank

SLOPPY = "Nothing to say here."  # no side of the rule, no objective


def rules_for(path: Path, qid: str) -> set[str | None]:
    report = lint_paths([path])
    assert report.errors == []
    return {w.rule for w in report.warnings if w.question_id == qid}


def test_both_rules_fire_without_suppression(tmp_path: Path) -> None:
    path = write_bank(tmp_path, [good(explanation=SLOPPY)])
    assert {"explanation-no-side", "explanation-no-objective"} <= rules_for(path, "t-001")


def test_lint_ignore_key_switches_off_only_the_rules_named(tmp_path: Path) -> None:
    path = write_bank(tmp_path, [good(explanation=SLOPPY, lint_ignore=["explanation-no-side"])])
    rules = rules_for(path, "t-001")
    assert "explanation-no-side" not in rules and "explanation-no-objective" in rules


def _with_comment(tmp_path: Path, where: str, comment: str) -> Path:
    path = write_bank(tmp_path, [good("t-001", explanation=SLOPPY),
                                 good("t-002", explanation=SLOPPY,
                                      stem="A voice assistant turns speech into a reply.")])
    lines = path.read_text(encoding="utf-8").split("\n")
    at = line_of(path, "- id: t-001") - 1
    if where == "same line":
        lines[at] += "  " + comment
    else:
        lines.insert(at, comment)
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


@pytest.mark.parametrize("where", ["same line", "line before"])
def test_comment_switches_off_rules_for_that_question_only(tmp_path: Path, where: str) -> None:
    path = _with_comment(tmp_path, where,
                         "# lint: ignore explanation-no-side, explanation-no-objective")
    assert not {"explanation-no-side", "explanation-no-objective"} & rules_for(path, "t-001")
    assert {"explanation-no-side", "explanation-no-objective"} <= rules_for(path, "t-002")


def test_bare_comment_switches_off_every_rule_of_the_question(tmp_path: Path) -> None:
    path = _with_comment(tmp_path, "line before", "# lint: ignore")
    assert rules_for(path, "t-001") == set()
    assert rules_for(path, "t-002")


def test_comment_two_lines_above_does_not_count(tmp_path: Path) -> None:
    path = _with_comment(tmp_path, "line before", "# lint: ignore explanation-no-side")
    text = path.read_text(encoding="utf-8").replace(
        "# lint: ignore explanation-no-side\n", "# lint: ignore explanation-no-side\n# other\n")
    path.write_text(text, encoding="utf-8")
    assert "explanation-no-side" in rules_for(path, "t-001")


def test_unknown_rule_in_a_comment_is_reported(tmp_path: Path) -> None:
    path = _with_comment(tmp_path, "same line", "# lint: ignore explanation-no-sid")
    report = lint_paths([path])
    unknown = [w for w in report.warnings if w.rule == "unknown-lint-rule"]
    assert len(unknown) == 1 and "did you mean 'explanation-no-side'" in unknown[0].message


def test_bank_level_rules_are_switched_off_by_a_comment_at_the_bank(tmp_path: Path) -> None:
    folder = course(tmp_path)
    path = write_bank(tmp_path, [good()])
    assert any(w.rule == "thin-coverage" for w in lint_paths([folder]).warnings)
    path.write_text("# lint: ignore thin-coverage\n" + path.read_text(encoding="utf-8"),
                    encoding="utf-8")
    assert not any(w.rule == "thin-coverage" for w in lint_paths([folder]).warnings)


def test_near_duplicate_is_silenced_from_either_question(tmp_path: Path) -> None:
    stem = "A spam filter trained last month labels an incoming email as junk. Which phase?"
    twin = stem.replace("incoming", "arriving")
    for ignoring in ("t-001", "t-002"):
        items = [good("t-001", stem=stem), good("t-002", stem=twin)]
        assert any(w.rule == "near-duplicate-stem"
                   for w in lint_paths([write_bank(tmp_path, items)]).warnings)
        items[int(ignoring[-1]) - 1]["lint_ignore"] = ["near-duplicate-stem"]
        assert not any(w.rule == "near-duplicate-stem"
                       for w in lint_paths([write_bank(tmp_path, items)]).warnings)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("  - id: q1  # lint: ignore a-rule", {"a-rule"}),
        ("# lint:ignore a, b c", {"a", "b", "c"}),
        ("#lint: ignore", {ALL}),
        ("  - id: q1  # lint: ignore a # why: it is fine", {"a"}),
        ("  - id: q1  # a note", None),
        ("  - id: q1", None),
    ],
)
def test_comment_syntax(line: str, expected: set[str] | None) -> None:
    assert comment_rules(line) == expected

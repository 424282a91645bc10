"""statement-no-why: a scenario statement on a case the lesson leaves open must say why.

Each test writes a bank and a scenario beside it, the way a course folder is laid out, and
lints the bank: the scenario is read as context, and its statements are checked once.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz.lint import lint_paths
from quiz.lint.scenarios import contested_topic
from quiz.paths import bundled_banks
from tests.authoring.authoring_helpers import good, line_of, write_bank

SCENARIO = """\
scenario: demo-shop
title: Demo shop
context: A shop answers questions with a model. It was built from old chats. People wait.
statements:
  training:
    - The model's weights are fitted to 10,000 old chats over a day on four GPUs.
{training}
  inference:
    - A shopper's question is answered by the deployed model within a second.
{inference}
"""


def _lint(tmp_path: Path, training: str = "", inference: str = "") -> list[tuple[int, str]]:
    bank = write_bank(tmp_path, [good()])
    folder = tmp_path / "scenarios"
    folder.mkdir(exist_ok=True)
    path = folder / "demo-shop.yaml"
    path.write_text(SCENARIO.format(training=training, inference=inference), encoding="utf-8")
    report = lint_paths([bank])
    assert report.errors == [], report.errors
    found = [w for w in report.warnings if w.rule == "statement-no-why"]
    assert all(w.path.endswith("demo-shop.yaml") and w.question_id is None for w in found)
    return [(w.line, w.message) for w in found]


def test_a_contested_statement_without_why_is_reported_at_its_line(tmp_path: Path) -> None:
    found = _lint(tmp_path, inference="    - A dashboard tracks how often the live model hands "
                                      "a shopper to a person.")
    assert len(found) == 1
    line, message = found[0]
    assert line == line_of(tmp_path / "scenarios" / "demo-shop.yaml", "A dashboard")
    assert "monitoring" in message and "inference statement" in message


def test_plain_statements_and_statements_with_why_are_quiet(tmp_path: Path) -> None:
    with_why = ("    - text: Reviewers mark 5,000 old chats as resolved or not.\n"
                "      why: The marks are the answers the model will learn from.")
    assert _lint(tmp_path, training=with_why) == []


def test_the_comment_switches_it_off_on_the_statement_or_the_file(tmp_path: Path) -> None:
    cached = "    - Answers to common questions are cached for an hour."
    assert len(_lint(tmp_path, inference=cached)) == 1
    assert _lint(tmp_path, inference=cached + "   # lint: ignore statement-no-why") == []
    path = tmp_path / "scenarios" / "demo-shop.yaml"
    path.write_text("# lint: ignore statement-no-why\n" + path.read_text(encoding="utf-8"),
                    encoding="utf-8")
    report = lint_paths([tmp_path / "question_banks" / "demo.yaml"])
    assert not [w for w in report.warnings if w.rule == "statement-no-why"]


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("Reviewers mark each message as spam or legitimate.", "labelling"),
        ("Rare cases are over-sampled in the fitting data.", "data preparation"),
        ("Accuracy is checked on held-out drives before release.", "held-out evaluation"),
        ("A sweep of 40 runs tries several learning rates.", "hyperparameter search"),
        ("The model is refitted every Sunday on the past week.",
         "fine-tuning, refitting or distillation"),
        ("The weights are quantised to 8-bit integers.", "deployment preparation"),
        ("Each 'Report spam' click is saved to a log.", "feedback collection"),
        ("A drift chart compares live inputs with last year's.", "monitoring"),
        ("Half of the users get version 13 and the rest version 12.", "A/B test"),
        ("Every night, the day's payments are scored in one batch.", "batch scoring"),
        ("Common replies are cached for a minute.", "caching"),
        ("A payment is scored within 50 milliseconds at the till.", None),
    ],
)
def test_contested_topics_are_recognised_by_wording(text: str, topic: str | None) -> None:
    assert contested_topic(text) == topic


def test_the_bundled_scenarios_say_why_on_every_contested_statement() -> None:
    report = lint_paths([bundled_banks()])
    assert [w for w in report.warnings if w.rule == "statement-no-why"] == []

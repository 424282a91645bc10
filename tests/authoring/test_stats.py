"""quiz stats: every count checked against a small bank built here, and the target checks."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from quiz.bank.load import load_catalog
from quiz.bank.stats import chi_square_sf, compute
from tests.authoring.authoring_helpers import course, good, run


def scenario(sid: str, training: int, inference: int) -> dict[str, Any]:
    return {
        "scenario": sid, "title": f"Scenario {sid}", "context": "A place where models work.",
        "statements": {
            "training": [f"{sid}: the team fits model number {i} on old data" for i in
                         range(training)],
            "inference": [f"{sid}: the app scores request number {i} live" for i in
                          range(inference)],
        },
    }


def write_course(tmp_path: Path, questions: list[dict[str, Any]],
                 scenarios: list[dict[str, Any]], generate: list[str] | None = None) -> Path:
    folder = course(tmp_path)
    (tmp_path / "scenarios").mkdir(exist_ok=True)
    for item in scenarios:
        (tmp_path / "scenarios" / f"{item['scenario']}.yaml").write_text(
            yaml.safe_dump(item, sort_keys=False), encoding="utf-8")
    bank: dict[str, Any] = {"bank": "demo", "title": "Demo", "lesson": "training-vs-inference"}
    if generate:
        bank["generate"] = {"scenarios": generate, "objectives": ["LO8"]}
    bank["questions"] = questions
    (folder / "demo.yaml").write_text(yaml.safe_dump(bank, sort_keys=False), encoding="utf-8")
    return folder


def three(correct: int, texts: tuple[str, str, str]) -> list[dict[str, Any]]:
    return [{"id": c, "text": t, **({"correct": True} if i == correct else {"feedback": "f"})}
            for i, (c, t) in enumerate(zip("abc", texts, strict=True))]


SMALL = [
    good("q1", difficulty=1, scenario="spam-filter",
         choices=three(0, ("Inference on a new email", "Training", "Labelling"))),
    good("q2", phase="training", objectives=["LO2"], difficulty=2, stem="What is training?",
         choices=three(1, ("Serving answers to users", "Fitting weights", "Caching")),
         explanation="Training builds. LO2."),
    good("q3", type="multiple", objectives=["LO3", "LO6"], difficulty=3,
         stem="A team serves a model to millions of users. Which two needs matter most?",
         choices=[{"id": "a", "text": "Low latency", "correct": True},
                  {"id": "b", "text": "High throughput", "correct": True},
                  {"id": "c", "text": "Weeks of GPU time", "feedback": "f"}]),
    good("q4", type="true_false", phase="training", objectives=["LO1"], choices=None,
         answer=False, feedback="f",
         stem="A deployed spam filter rewrites its own weights each time it reads one email."),
    good("q5", type="phase", phase="training", objectives=["LO2"], choices=None, feedback="f",
         stem="Fitting weights to labelled data."),
    good("q6", type="ordering", phase="training", objectives=["LO7"],
         stem="Put these steps in order.",
         choices=[{"id": "a", "text": "Train"}, {"id": "b", "text": "Evaluate"},
                  {"id": "c", "text": "Deploy"}]),
]


@pytest.fixture
def small(tmp_path: Path) -> Path:
    return write_course(tmp_path, SMALL, [scenario("spam-filter", 5, 3)], ["spam-filter"])


def test_counts_of_a_small_bank(small: Path) -> None:
    s = compute(load_catalog([small]))
    assert (s.hand_written, s.generated) == (6, 8)
    by_id = {o.id: (o.training, o.inference) for o in s.objectives}
    assert by_id == {"LO1": (1, 0), "LO2": (2, 0), "LO3": (0, 2), "LO4": (0, 0),
                     "LO5": (0, 0), "LO6": (0, 1), "LO7": (1, 0), "LO8": (0, 0),
                     "LO9": (0, 0)}
    assert s.phases == {"training": 4, "inference": 2}
    assert s.types == {"single": 2, "multiple": 1, "true_false": 1, "phase": 1, "ordering": 1,
                       "matching": 0}
    assert s.difficulty == {"1": 1, "2": 1, "3": 1, "unset": 3}
    (spam,) = s.scenarios
    assert (spam.id, spam.hand_written, spam.generated) == ("spam-filter", 1, 8)
    assert (spam.training_statements, spam.inference_statements) == (5, 3)
    assert s.without_scenario == 5
    assert s.positions.counts == (1, 1, 0)
    assert s.positions.expected == pytest.approx((2 / 3, 2 / 3, 2 / 3))
    assert s.positions.chi_square == pytest.approx(1.0)
    assert s.positions.p_value == pytest.approx(math.exp(-0.5))
    assert s.scenario_style == 3  # q1 (scenario), q3 ("A team"), q4 (a scene in 14 words)
    assert (s.longest, s.longest_eligible) == (1, 2)
    assert s.longest_chance == pytest.approx(1 / 3)


def test_checks_of_a_small_bank(small: Path) -> None:
    checks = {c.name: c for c in compute(load_catalog([small])).checks}
    assert checks["hand-written questions"].ok is False
    assert (checks["LO2"].value, checks["LO2"].ok) == ("2", False)
    assert checks["training share"].value == "67% (4)" and checks["training share"].ok is False
    assert checks["type ordering"].ok is False and checks["type single"].ok is True
    assert all(checks[f"difficulty {d}"].ok for d in (1, 2, 3))
    assert checks["scenario-style stems"].value == "50% (3)"
    assert checks["scenarios"].ok is False
    assert checks["scenario spam-filter"].ok is False  # 3 inference statements, not 5
    assert checks["correct positions"].ok is None  # 2 single-choice questions: too few
    assert checks["correct choice longest"].ok is None
    assert checks["exam of demo"].ok is True  # the defaults are the targets


def test_text_output_marks_gaps(small: Path) -> None:
    result = run("stats", str(small))
    assert result.exit_code == 0
    out = result.stdout
    assert "✗ LO7: 1 (target ≥ 8)" in out
    assert "✓ difficulty 1: 1 (target present)" in out
    assert "· correct positions: 2 single-choice question(s) (target ≥ 20 to judge)" in out
    assert "\x1b" not in out  # not a terminal: no colour
    assert "spam-filter" in out and "5 / 3" in out
    assert run("stats", str(small), "--check").exit_code == 1


def test_colour_only_on_a_terminal_and_never_with_no_color(small: Path) -> None:
    from click.testing import CliRunner

    from quiz.cli.main import cli

    coloured = CliRunner().invoke(cli, ["stats", str(small)], color=True, env={"NO_COLOR": ""})
    assert "\x1b[" in coloured.stdout
    plain = CliRunner().invoke(cli, ["stats", str(small)], color=True, env={"NO_COLOR": "1"})
    assert "\x1b[" not in plain.stdout and "✗ LO7" in plain.stdout


def test_json_output(small: Path) -> None:
    data = json.loads(run("stats", str(small), "--format", "json").stdout)
    assert data["hand_written"] == 6 and data["generated"] == 8
    assert data["positions"]["counts"] == [1, 1, 0]
    lo3 = next(o for o in data["objectives"] if o["id"] == "LO3")
    assert (lo3["training"], lo3["inference"], lo3["total"]) == (0, 2, 2)
    assert data["gaps"] == sum(1 for c in data["checks"] if c["ok"] is False) > 0


def test_validation_errors_are_printed_and_exit_1(tmp_path: Path) -> None:
    folder = write_course(tmp_path, [good(objectives=["LO99"])], [])
    result = run("stats", str(folder))
    assert result.exit_code == 1 and "unknown objective 'LO99'" in result.stderr


def complete_bank() -> list[dict[str, Any]]:
    """96 questions built to meet every target."""
    kinds = ["multiple"] * 12 + ["phase"] * 12 + ["ordering"] * 6 + ["true_false"] * 6
    kinds += ["single"] * (96 - len(kinds))
    items = []
    for i, kind in enumerate(kinds):
        phase = ("training", "inference")[i % 2]
        stem = f"A team at site {i} runs job {i} on its model and asks what happens next here."
        base = good(f"c-{i:03d}", type=kind, phase=phase, objectives=[f"LO{i % 9 + 1}"],
                    difficulty=i % 3 + 1, stem=stem,
                    explanation=f"{phase}. LO{i % 9 + 1}.")
        if kind == "single":
            right = i % 4
            base["choices"] = [{"id": c, "text": f"Option {c} {i:03d}",
                                **({"correct": True} if k == right else {"feedback": "f"})}
                               for k, c in enumerate("abcd")]
        elif kind == "multiple":
            base["choices"] = [{"id": c, "text": f"Option {c}",
                                **({"correct": True} if k < 2 else {"feedback": "f"})}
                               for k, c in enumerate("abcd")]
        elif kind == "ordering":
            base["choices"] = [{"id": c, "text": f"Step {c}"} for c in "abc"]
        else:
            base.pop("choices")
            base["feedback"] = "f"
            if kind == "true_false":
                base["answer"] = True
        items.append(base)
    return items


def test_a_bank_built_to_the_targets_has_no_gaps(tmp_path: Path) -> None:
    scenarios = [scenario(f"s{i}", 5, 5) for i in range(8)]
    folder = write_course(tmp_path, complete_bank(), scenarios)
    gaps = [c for c in compute(load_catalog([folder])).checks if c.ok is False]
    assert gaps == []
    result = run("stats", str(folder), "--check")
    assert result.exit_code == 0 and "0 gap(s)" in result.stdout


def test_taking_one_thing_away_opens_exactly_that_gap(tmp_path: Path) -> None:
    items = [q for q in complete_bank() if not (q["type"] == "ordering" and q["id"] != "c-024")]
    scenarios = [scenario(f"s{i}", 5, 5) for i in range(7)] + [scenario("s7", 5, 4)]
    folder = write_course(tmp_path, items, scenarios)
    gaps = {c.name for c in compute(load_catalog([folder])).checks if c.ok is False}
    assert gaps == {"type ordering", "scenario s7"}


@pytest.mark.parametrize(
    ("statistic", "df", "p"),
    [(3.841459, 1, 0.05), (5.991465, 2, 0.05), (7.814728, 3, 0.05), (11.344867, 3, 0.01),
     (9.487729, 4, 0.05), (11.070498, 5, 0.05), (0.0, 3, 1.0), (1.0, 2, math.exp(-0.5))],
)
def test_chi_square_tail_matches_tables(statistic: float, df: int, p: float) -> None:
    assert chi_square_sf(statistic, df) == pytest.approx(p, abs=1e-6)


@given(st.floats(0, 200), st.floats(0, 50), st.integers(1, 30))
def test_chi_square_tail_is_a_decreasing_probability(x: float, more: float, df: int) -> None:
    low, high = chi_square_sf(x, df), chi_square_sf(x + more, df)
    assert 0.0 <= high <= low + 1e-12 and low <= 1.0  # rounding may wobble in the 16th digit

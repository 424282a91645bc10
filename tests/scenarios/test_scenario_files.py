"""Checks on the shipped scenario files that the loader cannot make: wording and coverage.

Generated "which phase is this?" items show "<title>: <statement>", so a statement that says
"train" or "infer" gives its own answer away; these tests keep such cues out and make sure every
scenario the question bank refers to exists with enough statements on both sides.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
HEADER = "# yaml-language-server: $schema=../schema/scenario.schema.json"
REQUIRED = (
    "spam-filter", "fraud-detection", "photo-recognition", "customer-chatbot",
    "self-driving-car", "recommendation-engine", "medical-imaging", "voice-assistant",
    "predictive-maintenance",
)
PHASES = ("training", "inference")
MIN_PER_PHASE = 6
MAX_CHARS = 200
# Substrings, not words: "retrained", "pretrained" and "inferred" give the answer away too.
GIVEAWAY = re.compile(r"train|infer", re.IGNORECASE)


def _files() -> list[Path]:
    return sorted(SCENARIOS.glob("*.yaml"))


def _load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.name}: not a mapping"
    return data


def _texts(data: dict[str, Any], phase: str) -> list[str]:
    return [s if isinstance(s, str) else s["text"] for s in data["statements"][phase]]


def test_every_required_scenario_exists() -> None:
    present = {p.stem for p in _files()}
    assert set(REQUIRED) <= present, f"missing: {sorted(set(REQUIRED) - present)}"


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.stem)
def test_header_and_id_match_the_file(path: Path) -> None:
    assert path.read_text(encoding="utf-8").splitlines()[0] == HEADER
    assert _load(path)["scenario"] == path.stem


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.stem)
def test_enough_statements_on_each_side(path: Path) -> None:
    data = _load(path)
    for phase in PHASES:
        assert len(_texts(data, phase)) >= MIN_PER_PHASE, f"{path.name}: few {phase} statements"


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.stem)
def test_shown_text_does_not_name_the_answer(path: Path) -> None:
    data = _load(path)
    shown = [data["title"], *(t for ph in PHASES for t in _texts(data, ph))]
    leaks = [t for t in shown if GIVEAWAY.search(t)]
    assert not leaks, f"{path.name}: {leaks}"


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.stem)
def test_statements_are_short_single_sentences(path: Path) -> None:
    data = _load(path)
    for text in (t for ph in PHASES for t in _texts(data, ph)):
        assert len(text) <= MAX_CHARS, f"{path.name}: {len(text)} chars: {text}"
        assert text.endswith("."), f"{path.name}: no full stop: {text}"
        assert not re.search(r"[.!?]\s+[A-Z]", text), f"{path.name}: two sentences: {text}"


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.stem)
def test_context_is_three_to_five_sentences(path: Path) -> None:
    context = " ".join(_load(path)["context"].split())
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", context) if s]
    assert 3 <= len(sentences) <= 5, f"{path.name}: {len(sentences)} sentences"


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.stem)
def test_every_explanation_is_one_or_two_sentences(path: Path) -> None:
    data = _load(path)
    for phase in PHASES:
        for s in data["statements"][phase]:
            if isinstance(s, dict) and "why" in s:
                count = len(re.findall(r"[.!?](?=\s|$)", s["why"].strip()))
                assert 1 <= count <= 2, f"{path.name}: {s['why']}"


def test_no_statement_is_repeated_across_scenarios() -> None:
    seen: dict[str, str] = {}
    for path in _files():
        data = _load(path)
        for text in (t for ph in PHASES for t in _texts(data, ph)):
            key = " ".join(text.split()).casefold()
            assert key not in seen, f"{path.name} repeats a statement of {seen[key]}: {text}"
            seen[key] = path.name


def test_generated_items_come_from_every_scenario() -> None:
    from quiz.bank.load import load_catalog

    catalog = load_catalog()
    made = {q.scenario for q in catalog.questions() if q.generated}
    assert set(REQUIRED) <= made

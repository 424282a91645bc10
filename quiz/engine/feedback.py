"""What a learner is told after answering: right or wrong, why, and where it sits in the rule.

Every explanation links back to the lesson's rule: the feedback names the side the question
tests ("Training builds" or "Inference applies"), lists each objective it serves with its
text, and the scenario it is set in. The TUI renders this record; tests read it directly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from quiz.engine.scoring import is_correct, matched
from quiz.model import Lesson, Phase, Question, QuestionType, Scenario


@dataclass(frozen=True)
class ChoiceNote:
    """Feedback written for a choice the learner picked."""

    choice_id: str
    text: str
    feedback: str
    correct: bool


@dataclass(frozen=True)
class PairNote:
    """One prompt of a matching item after answering: what the learner matched it to, where
    it belongs, and why (the prompt's feedback)."""

    prompt_id: str
    prompt: str
    given: str | None
    """The text of the category the learner chose; None when the prompt was left unmatched."""
    right: str
    """The text of the category the prompt belongs to."""
    correct: bool
    feedback: str


@dataclass(frozen=True)
class Feedback:
    """Everything the feedback panel shows for one answered question."""

    question_id: str
    score: float
    correct: bool
    right_answer: tuple[str, ...]
    picked: tuple[ChoiceNote, ...]
    explanation: str
    rule: str
    phase: Phase
    side_text: str
    other_side_text: str
    objectives: tuple[tuple[str, str], ...]
    scenario_title: str | None
    answered: bool = True
    pairs: tuple[PairNote, ...] = ()
    """Matching items: one note per prompt, in written order (empty for other types)."""

    @property
    def verdict(self) -> str:
        if not self.answered:
            return "Not answered"
        if self.correct:
            return "Correct"
        return "Partly correct" if self.score > 0 else "Incorrect"


def build_feedback(
    question: Question,
    answer: Sequence[str] | None,
    score: float,
    lesson: Lesson,
    scenarios: dict[str, Scenario] | None = None,
) -> Feedback:
    by_id = {c.id: c for c in question.choices}
    picked = tuple(
        ChoiceNote(cid, by_id[cid].text, by_id[cid].feedback, by_id[cid].correct)
        for cid in (answer or ())
        if cid in by_id
    )
    pairs: tuple[PairNote, ...] = ()
    if question.type is QuestionType.ORDERING:
        right = tuple(f"{i}. {c.text}" for i, c in enumerate(question.choices, 1))
    elif question.type is QuestionType.MATCHING:
        pairs = pair_notes(question, answer or ())
        right = tuple(f"{n.prompt} → {n.right}" for n in pairs)
    else:
        right = tuple(c.text for c in question.choices if c.correct)
    other = Phase.INFERENCE if question.phase is Phase.TRAINING else Phase.TRAINING
    scenario = (scenarios or {}).get(question.scenario or "")
    objectives = tuple(
        (oid, o.text if (o := lesson.objective(oid)) else "") for oid in question.objectives
    )
    return Feedback(
        question_id=question.id,
        score=score,
        correct=is_correct(score),
        right_answer=right,
        picked=picked,
        explanation=question.explanation.strip(),
        rule=lesson.rule,
        phase=question.phase,
        side_text=lesson.sides[question.phase],
        other_side_text=lesson.sides[other],
        objectives=objectives,
        scenario_title=scenario.title if scenario else question.scenario,
        answered=answer is not None,
        pairs=pairs,
    )


def pair_notes(question: Question, answer: Sequence[str]) -> tuple[PairNote, ...]:
    """Per-prompt feedback of a matching item for ``answer`` (pair ids)."""
    given = matched(question, answer)
    texts = {c.id: c.text for c in question.categories}
    return tuple(
        PairNote(p.id, p.text, texts.get(given[p.id] or ""), texts.get(p.category, p.category),
                 given[p.id] == p.category, p.feedback)
        for p in question.prompts
    )

"""Scenario statements turned into "which phase is this?" items.

Each statement of a scenario becomes a phase question whose id is derived from the scenario
and the statement's id, so progress on it survives reloads and unrelated edits. The wording
below is ours; a statement's own ``why`` takes the place of the generic reason when given.
"""

from __future__ import annotations

from quiz.model import Choice, GenerationSpec, Lesson, Phase, Question, QuestionType, Scenario

GENERATED_PREFIX = "gen."

_REASON = {
    Phase.TRAINING: (
        "It is part of building the model: learning from data, shaping parameters, checking "
        "the result before anyone relies on it."
    ),
    Phase.INFERENCE: (
        "It is part of applying a model that already exists: new input goes in, a prediction "
        "comes out, and nothing is learned in the process."
    ),
}


def generated_id(scenario_id: str, statement_id: str) -> str:
    return f"{GENERATED_PREFIX}{scenario_id}.{statement_id}"


def generate_items(
    spec: GenerationSpec, lesson: Lesson, scenarios: dict[str, Scenario]
) -> tuple[Question, ...]:
    """One phase question per statement of each chosen scenario, in a stable order."""
    chosen = sorted(scenarios) if spec.all_scenarios else list(spec.scenarios)
    named = ", ".join(
        f"{o.id} ({o.text})" for o in lesson.objectives if o.id in spec.objectives
    )
    items = []
    for scenario_id in chosen:
        scenario = scenarios.get(scenario_id)
        if scenario is None:
            continue
        for statement in scenario.statements:
            right = statement.phase
            wrong = Phase.INFERENCE if right is Phase.TRAINING else Phase.TRAINING
            reason = statement.why or _REASON[right]
            explanation = (
                f"{lesson.sides[right]}: this is {right.value}. {reason} "
                f"Objectives: {named}."
            )
            feedback = f"Not {wrong.value}. {reason}"
            items.append(
                Question(
                    id=generated_id(scenario.id, statement.id),
                    type=QuestionType.PHASE,
                    phase=right,
                    objectives=spec.objectives,
                    # the scenario's title and context are shown with the question (app,
                    # plain mode, exports); repeating the title here showed it twice
                    stem=f"{statement.text}\n\nWhich phase of the AI lifecycle is this?",
                    choices=tuple(
                        Choice(p.value, p.value.capitalize(), p is right,
                               feedback if p is wrong else "")
                        for p in Phase
                    ),
                    explanation=explanation,
                    scenario=scenario.id,
                    shuffle=False,
                    generated=True,
                    source=scenario.source,
                )
            )
    return tuple(items)

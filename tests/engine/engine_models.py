"""Hypothesis strategies and small builders for engine tests: questions, banks, lessons."""

from __future__ import annotations

from hypothesis import strategies as st

from quiz.model import (
    Bank,
    Category,
    Choice,
    ExamSpec,
    Lesson,
    Objective,
    Phase,
    Prompt,
    Question,
    QuestionType,
    matching_choices,
)

LESSON = Lesson(
    id="lesson", title="Lesson", rule="Training builds. Inference applies.",
    sides={Phase.TRAINING: "Training builds", Phase.INFERENCE: "Inference applies"},
    objectives=(Objective("LO1", "First objective"), Objective("LO2", "Second objective")),
)


def question(
    qid: str, kind: QuestionType, correct: list[bool], phase: Phase = Phase.TRAINING,
    objectives: tuple[str, ...] = ("LO1",), generated: bool = False, shuffle: bool = True,
) -> Question:
    choices = tuple(Choice(f"c{i}", f"choice {i}", right) for i, right in enumerate(correct))
    return Question(qid, kind, phase, objectives, f"stem of {qid}", choices, "why",
                    generated=generated, shuffle=shuffle)


def matching(
    qid: str, matches: list[int], categories: int = 2, phase: Phase = Phase.TRAINING,
    shuffle: bool = True, distractors: tuple[int, ...] = (),
) -> Question:
    """A matching question: prompt i belongs to category ``matches[i]`` (of ``categories``;
    those in ``distractors`` are marked distractor)."""
    cats = tuple(Category(f"k{i}", f"category {i}", i in distractors)
                 for i in range(categories))
    prompts = tuple(Prompt(f"p{i}", f"prompt {i}", f"k{m}", f"why {i}")
                    for i, m in enumerate(matches))
    return Question(qid, QuestionType.MATCHING, phase, ("LO1",), f"stem of {qid}",
                    matching_choices(cats, prompts), "why", shuffle=shuffle,
                    categories=cats, prompts=prompts)


@st.composite
def matching_questions(draw: st.DrawFn) -> Question:
    """A valid matching question: 2-4 categories, 3-7 prompts, every category used unless
    it is a distractor."""
    size = draw(st.integers(2, 4))
    matches = draw(st.lists(st.integers(0, size - 1), min_size=3, max_size=7))
    unused = tuple(i for i in range(size) if i not in matches)
    return matching("q", matches, size, shuffle=draw(st.booleans()), distractors=unused)


@st.composite
def questions(draw: st.DrawFn, kinds: tuple[QuestionType, ...] = tuple(QuestionType)) -> Question:
    """A valid question of any type: one right choice for single-like types, at least one for
    multiple choice, steps in their right order for ordering, prompts and categories for
    matching."""
    kind = draw(st.sampled_from(kinds))
    if kind is QuestionType.MATCHING:
        return draw(matching_questions())
    if kind in (QuestionType.TRUE_FALSE, QuestionType.PHASE):
        right = draw(st.integers(0, 1))
        return question("q", kind, [i == right for i in range(2)])
    size = draw(st.integers(2, 7))
    if kind is QuestionType.ORDERING:
        return question("q", kind, [False] * size)
    if kind is QuestionType.SINGLE:
        right = draw(st.integers(0, size - 1))
        return question("q", kind, [i == right for i in range(size)])
    flags = draw(st.lists(st.booleans(), min_size=size, max_size=size).filter(any))
    return question("q", kind, flags)


def bank(
    training: int, inference: int, generated: int = 0, exam: ExamSpec | None = None,
) -> Bank:
    """A bank with that many single-choice questions of each phase (and generated ones,
    training- and inference-keyed in turn)."""
    items = [question(f"t{i}", QuestionType.SINGLE, [True, False, False], Phase.TRAINING,
                      ("LO1",)) for i in range(training)]
    items += [question(f"i{i}", QuestionType.SINGLE, [False, True, False], Phase.INFERENCE,
                       ("LO2",)) for i in range(inference)]
    # generated "which phase" items alternate keys, as a balanced scenario's would
    items += [question(f"g{i}", QuestionType.PHASE, [i % 2 == 0, i % 2 == 1],
                       (Phase.TRAINING, Phase.INFERENCE)[i % 2], ("LO1",), generated=True)
              for i in range(generated)]
    return Bank("bank", "Bank", LESSON, tuple(items), exam=exam or ExamSpec())


def case_set(case_id: str, size: int, phases: tuple[Phase, ...] = (Phase.TRAINING,),
             scenario: str = "s") -> tuple[Question, ...]:
    """A case study's questions: single-choice, in order, phases taken in turn."""
    from quiz.model import CaseRef

    return tuple(
        question(f"{case_id}.{n}", QuestionType.SINGLE, [True, False, False, False],
                 phases[(n - 1) % len(phases)])._replace(
            case=CaseRef(case_id, n, size), scenario=scenario)
        for n in range(1, size + 1)
    )


def case_study(questions: tuple[Question, ...], context: str = "the case's facts"):  # type: ignore[no-untyped-def]
    """The CaseStudy of ``case_set``'s questions."""
    from quiz.model import CaseStudy

    first = questions[0]
    assert first.case is not None
    return CaseStudy(first.case.id, first.scenario or "s", f"Case {first.case.id}", context,
                     questions)

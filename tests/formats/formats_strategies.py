"""Hypothesis strategies for valid banks, shaped exactly as the loader builds them.

Shared by the dump and format round-trip tests. ``texts`` decides which strings appear; the
GIFT and Aiken tests narrow it to what those formats can carry.
"""

from __future__ import annotations

from hypothesis import strategies as st

from quiz.model import (
    Bank,
    Category,
    Choice,
    ExamSpec,
    GenerationSpec,
    Lesson,
    MultipleScoring,
    Objective,
    Phase,
    Prompt,
    Question,
    QuestionType,
    ScoringSpec,
    matching_choices,
)

ID_FIRST = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
ids = st.builds(
    lambda first, rest: first + rest,
    st.sampled_from(ID_FIRST),
    st.text(alphabet=ID_FIRST + "_.-", max_size=8),
)
"""Ids the bank format accepts, including ones YAML would read as numbers or booleans."""

any_text = st.text(min_size=1, max_size=40).filter(lambda s: s.strip() != "")
"""Any unicode text with something visible in it (the loader refuses blank text)."""

tricky_text = st.one_of(
    any_text,
    st.sampled_from([
        "yes", "No", "null", "~", "123", "1.5", "0x1F", "2001-12-14", "a: b", "a #b", "#x",
        "- item", "'quoted'", '"double"', "  leading", "trailing  ", "line\nbreak",
        "ends\n", "two\n\n", "tab\tin", "back\\slash", "[flow]", "{map}", "a,b", "key:",
        "? q", "| bar", "> gt", "@at", "`tick`", "%pct", "!bang", "&amp", "*star",
        "x\u2028y", "nel\x85", "bom\ufeff", "esc\x1b[31m", "\ttabbed", "Ünïcödé ✓ 漢字 🙂",
        "line one\n  indented two\nthree", "=eq", "~tilde", "{brace}", "::colons::",
    ]),
)


KINDS = (QuestionType.SINGLE, QuestionType.MULTIPLE, QuestionType.TRUE_FALSE,
         QuestionType.PHASE, QuestionType.ORDERING, QuestionType.MATCHING)
"""The kinds the formats carry; a kind added to the model joins here once they do."""


def _choices(
    draw: st.DrawFn, texts: st.SearchStrategy[str], kind: QuestionType
) -> tuple[Choice, ...]:
    low = {QuestionType.SINGLE: 2, QuestionType.MULTIPLE: 3, QuestionType.ORDERING: 2}[kind]
    count = draw(st.integers(low, 6))
    choice_ids = draw(st.lists(ids, min_size=count, max_size=count, unique=True))
    if kind is QuestionType.SINGLE:
        right = {draw(st.integers(0, count - 1))}
    elif kind is QuestionType.MULTIPLE:
        picked = draw(st.lists(st.integers(0, count - 1), min_size=2, max_size=count - 1,
                               unique=True))
        right = set(picked)
    else:
        right = set()
    feedback = st.one_of(st.just(""), texts)
    return tuple(
        Choice(cid, draw(texts), i in right, draw(feedback)) for i, cid in enumerate(choice_ids)
    )


def _matching(
    draw: st.DrawFn, texts: st.SearchStrategy[str]
) -> tuple[tuple[Category, ...], tuple[Prompt, ...]]:
    """2-4 categories and 3-6 prompts; a category no prompt matches is a distractor, as
    the loader requires."""
    category_ids = draw(st.lists(ids, min_size=2, max_size=4, unique=True))
    prompt_ids = draw(st.lists(ids, min_size=3, max_size=6, unique=True))
    matches = [draw(st.sampled_from(category_ids)) for _ in prompt_ids]
    categories = tuple(Category(c, draw(texts), c not in matches) for c in category_ids)
    feedback = st.one_of(st.just(""), texts)
    prompts = tuple(Prompt(p, draw(texts), m, draw(feedback))
                    for p, m in zip(prompt_ids, matches, strict=True))
    return categories, prompts


@st.composite
def questions(
    draw: st.DrawFn,
    texts: st.SearchStrategy[str] = tricky_text,
    objective_ids: tuple[str, ...] = ("LO1",),
    kinds: tuple[QuestionType, ...] = KINDS,
    qid: str | None = None,
) -> Question:
    """One valid question, normalised as ``quiz.bank.build`` normalises it."""
    kind = draw(st.sampled_from(kinds))
    phase = draw(st.sampled_from(list(Phase)))
    feedback = draw(st.one_of(st.just(""), texts))
    if kind is QuestionType.TRUE_FALSE:
        answer = draw(st.booleans())
        choices: tuple[Choice, ...] = (
            Choice("true", "True", answer, "" if answer else feedback),
            Choice("false", "False", not answer, feedback if answer else ""),
        )
    elif kind is QuestionType.PHASE:
        choices = tuple(
            Choice(p.value, p.value.capitalize(), p is phase, "" if p is phase else feedback)
            for p in Phase
        )
    elif kind is QuestionType.MATCHING:
        categories, prompts = _matching(draw, texts)
        choices = matching_choices(categories, prompts)
    else:
        choices = _choices(draw, texts, kind)
    if kind is not QuestionType.MATCHING:
        categories, prompts = (), ()
    fixed = kind in (QuestionType.TRUE_FALSE, QuestionType.PHASE)
    return Question(
        id=qid if qid is not None else draw(ids),
        type=kind,
        phase=phase,
        objectives=tuple(draw(st.lists(st.sampled_from(objective_ids), min_size=1,
                                       max_size=3, unique=True))),
        stem=draw(texts),
        choices=choices,
        explanation=draw(texts),
        difficulty=draw(st.one_of(st.none(), st.integers(1, 3))),
        shuffle=False if fixed else draw(st.booleans()),
        lint_ignore=tuple(draw(st.lists(texts, max_size=2))),
        categories=categories,
        prompts=prompts,
    )


@st.composite
def lessons(draw: st.DrawFn, texts: st.SearchStrategy[str] = tricky_text) -> Lesson:
    objective_ids = draw(st.lists(ids, min_size=1, max_size=5, unique=True))
    return Lesson(
        id=draw(ids),
        title=draw(texts),
        rule=draw(texts),
        sides={p: draw(texts) for p in Phase},
        objectives=tuple(Objective(o, draw(texts)) for o in objective_ids),
    )


@st.composite
def banks(
    draw: st.DrawFn,
    texts: st.SearchStrategy[str] = tricky_text,
    kinds: tuple[QuestionType, ...] = KINDS,
    max_questions: int = 6,
) -> Bank:
    """A valid bank with an inline lesson and 1..max_questions questions."""
    lesson = draw(lessons(texts))
    objective_ids = tuple(o.id for o in lesson.objectives)
    count = draw(st.integers(1, max_questions))
    question_ids = draw(st.lists(ids, min_size=count, max_size=count, unique=True))
    items = tuple(
        draw(questions(texts, objective_ids, kinds, qid)) for qid in question_ids
    )
    blueprint = draw(st.dictionaries(st.sampled_from(list(Phase)), st.integers(0, 100),
                                     min_size=1))
    scoring = st.sampled_from(list(MultipleScoring))
    generation = draw(st.one_of(
        st.none(),
        st.builds(lambda objs: GenerationSpec((), True, tuple(objs)),
                  st.lists(st.sampled_from(objective_ids), min_size=1, max_size=2,
                           unique=True)),
    ))
    return Bank(
        id=draw(ids),
        title=draw(texts),
        lesson=lesson,
        questions=items,
        description=draw(st.one_of(st.just(""), texts)),
        exam=ExamSpec(
            questions=draw(st.integers(1, 500)),
            minutes=draw(st.integers(1, 600)),
            pass_percent=draw(st.integers(0, 100)),
            blueprint=blueprint,
        ),
        scoring=ScoringSpec(draw(scoring), draw(scoring)),
        generate=generation,
    )

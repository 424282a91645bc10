"""Checks of one question at a time: the item-writing flaws an exam board's reviewer looks for.

Each check yields ``(rule id, message)`` pairs; ``run.py`` places them at the question and
drops the ones the author switched off. The checks read only the model, never the YAML.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache

from quiz.lint.rules import HARD_MIN_WORDS, LONGEST_MARGIN, LONGEST_RATIO
from quiz.model import Choice, Lesson, Question, QuestionType

Finding = tuple[str, str]
"""A rule id and the message to show."""

_CHOICE_TYPES = (QuestionType.SINGLE, QuestionType.MULTIPLE)


def _norm(text: str) -> str:
    """Text as a reader compares it: spacing collapsed, case and final full stop ignored."""
    return " ".join(text.split()).casefold().rstrip(".")


def _length(choice: Choice) -> int:
    return len(" ".join(choice.text.split()))


def correct_longest(question: Question, lesson: Lesson) -> Iterator[Finding]:
    """Test-wise candidates pick the longest, most qualified option; it should not pay off."""
    if question.type not in _CHOICE_TYPES:
        return
    right = [_length(c) for c in question.choices if c.correct]
    wrong = [_length(c) for c in question.choices if not c.correct]
    if not right or not wrong:
        return
    shortest_right, longest_wrong = min(right), max(wrong)
    if (shortest_right >= LONGEST_RATIO * longest_wrong
            and shortest_right - longest_wrong >= LONGEST_MARGIN):
        which = "the correct choice is" if len(right) == 1 else "every correct choice is"
        yield ("correct-longest",
               f"{which} clearly the longest ({shortest_right} characters against at most "
               f"{longest_wrong} for a distractor); trim it or lengthen the distractors")


_OF_ABOVE = re.compile(
    r"\b(?:all|none|both|neither)\s+(?:of\s+)?(?:the\s+)?(?:above|these|those|them)\b"
    r"|\ball\s+the\s+above\b",
    re.IGNORECASE,
)


def all_none_of_above(question: Question, lesson: Lesson) -> Iterator[Finding]:
    """Such options reward partial knowledge and break when choices are shuffled."""
    if question.type not in (*_CHOICE_TYPES, QuestionType.ORDERING):
        return
    for choice in question.choices:
        match = _OF_ABOVE.search(choice.text)
        if match:
            yield ("all-none-of-above",
                   f"choice {choice.id} reads '{match.group()}'; write a real option (choices "
                   "are shuffled, and the option rewards partial knowledge)")


_NEGATIVE = re.compile(
    r"\b(?:not|never|except|least|cannot|none|\w+n['’]t)\b"
    # "is false" asks in the negative; "false positives" does not
    r"|(?:(?<=\bis )|(?<=\bare ))(?:false|incorrect|untrue|wrong)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.?!])[\"')\]]*\s+")


def _asked(question: Question) -> str:
    """The part of the stem that asks: its questions, else (true/false) the whole statement."""
    sentences = [s for s in _SENTENCE_END.split(question.stem.strip()) if s]
    asking = [s for s in sentences if s.rstrip("\"')] ").endswith("?")]
    if asking:
        return " ".join(asking)
    if question.type is QuestionType.TRUE_FALSE:
        return question.stem
    if question.type is QuestionType.PHASE:
        return ""  # the question ("which phase?") is implied; the stem describes an activity
    return sentences[-1] if sentences else ""


def _emphasised(text: str, match: re.Match[str]) -> bool:
    word = match.group()
    if any(c.isalpha() for c in word) and word == word.upper():
        return True
    before, after = text[max(0, match.start() - 2):match.start()], text[match.end():][:2]
    return any(before.endswith(m) and after.startswith(m) for m in ("**", "*", "_", "__"))


def negative_stem(question: Question, lesson: Lesson) -> Iterator[Finding]:
    """A negative read in a hurry flips the answer; exam boards require it in capitals."""
    asked = _asked(question)
    for match in _NEGATIVE.finditer(asked):
        if not _emphasised(asked, match):
            word = match.group()
            yield ("negative-stem",
                   f"the stem asks in the negative ('{word}') without emphasis; write it in "
                   f"capitals ('{word.upper()}') or ask the question positively")
            return


def duplicate_choice_text(question: Question, lesson: Lesson) -> Iterator[Finding]:
    """Two identical options: one is redundant, or a copy-paste left the real one out."""
    if question.type not in (*_CHOICE_TYPES, QuestionType.ORDERING):
        return
    seen: dict[str, str] = {}
    for choice in question.choices:
        key = _norm(choice.text)
        if key in seen:
            yield ("duplicate-choice-text",
                   f"choices {seen[key]} and {choice.id} have the same text")
        else:
            seen[key] = choice.id


def _says(text: str, phrase: str) -> bool:
    return _phrase(phrase).search(text) is not None


@lru_cache(maxsize=1024)
def _phrase(phrase: str) -> re.Pattern[str]:
    """``phrase`` as a whole word or words, any case; compiled once per phrase (a side of
    the rule, an objective id), not looked up again for each explanation."""
    return re.compile(rf"\b{re.escape(phrase)}\b", re.IGNORECASE)


def explanation_no_side(question: Question, lesson: Lesson) -> Iterator[Finding]:
    """The explanation should teach the rule: which side applies here, and why."""
    side = lesson.sides.get(question.phase, "")
    if (side and _says(question.explanation, side)) or _says(
        question.explanation, question.phase.value
    ):
        return
    hint = f"'{side}'" if side else f"'{question.phase.value}'"
    yield ("explanation-no-side",
           f"the explanation does not say which side of the rule applies; say {hint} and why")


def explanation_no_objective(question: Question, lesson: Lesson) -> Iterator[Finding]:
    """Naming the objective tells the learner what to revise when they got it wrong."""
    if any(_says(question.explanation, oid) for oid in question.objectives):
        return
    others = [o.id for o in lesson.objectives
              if o.id not in question.objectives and _says(question.explanation, o.id)]
    served = ", ".join(question.objectives)
    extra = f" (it names {', '.join(others)}, which the question does not list)" if others else ""
    yield ("explanation-no-objective",
           f"the explanation names none of the question's objectives ({served}){extra}")


def distractor_no_feedback(question: Question, lesson: Lesson) -> Iterator[Finding]:
    """Every wrong answer should say which misconception it stands for and why it is wrong."""
    if question.type is QuestionType.ORDERING:
        return
    if question.type is QuestionType.MATCHING:
        bare = [p.id for p in question.prompts if not p.feedback.strip()]
        if bare:
            plural = "s" if len(bare) > 1 else ""
            yield ("distractor-no-feedback",
                   f"prompt{plural} {', '.join(bare)} carr{'y' if plural else 'ies'} no "
                   "feedback; say why each belongs to its category")
        return
    bare = [c.id for c in question.choices if not c.correct and not c.feedback.strip()]
    if not bare:
        return
    if question.type in (QuestionType.TRUE_FALSE, QuestionType.PHASE):
        yield ("distractor-no-feedback",
               "no 'feedback' for a wrong answer; say what a learner who answers wrongly "
               "misunderstands")
    else:
        plural = "s" if len(bare) > 1 else ""
        yield ("distractor-no-feedback",
               f"distractor{plural} {', '.join(bare)} carr{'y' if plural else 'ies'} no "
               "feedback; explain the misconception each one stands for")


# A choice names a phase when it opens with it: "Training: ...", "Inference, because ...",
# "It is inference ...". A phase word later in the text is part of a reason, not a label.
_NAMES_PHASE = re.compile(
    r"^\W*(?:(?:it|this)\s+is\s+|it['’]s\s+)?(?P<phase>training|inference)\b", re.IGNORECASE)


def _named_phase(choice: Choice) -> str | None:
    match = _NAMES_PHASE.match(choice.text)
    return match.group("phase").casefold() if match else None


def same_phase_distractors(question: Question, lesson: Lesson) -> Iterator[Finding]:
    """Two distractors naming one phase leave the key alone with the other: a test-wise
    learner picks the odd one out without knowing the topic. Name each phase as often as the
    other, each with a reason (the right phase also with a wrong reason)."""
    if question.type is not QuestionType.SINGLE:
        return
    key = next((c for c in question.choices if c.correct), None)
    key_phase = _named_phase(key) if key else None
    if key_phase is None:
        return
    named = [p for c in question.choices if not c.correct and (p := _named_phase(c))]
    crowded = sorted({p for p in named if p != key_phase and named.count(p) >= 2})
    if crowded and key_phase not in named:
        yield ("same-phase-distractors",
               f"{named.count(crowded[0])} distractors name {crowded[0]} and only the key names "
               f"{key_phase}, so the odd one out gives the answer away; also offer {key_phase} "
               "with a wrong reason, as tvi-032 does")


def _words(text: str) -> int:
    return len(text.split())


def hard_short_stem(question: Question, lesson: Lesson, context: str = "") -> Iterator[Finding]:
    """Difficulty drives adaptive practice and exam balance, so 'hard' should mean a real
    problem; a short stem rated 3 is usually an easy item rated by mistake.

    What the learner reads to work the problem out counts with the stem: a case-study
    question's case ``context`` (on screen above it), a matching item's prompts."""
    if question.difficulty != 3:
        return
    read = [question.stem, context, *(p.text for p in question.prompts)]
    words = sum(map(_words, read))
    if words < HARD_MIN_WORDS:
        counted = " (with its case context)" if context else (
            " (with its prompts)" if question.prompts else "")
        yield ("hard-short-stem",
               f"rated hard (difficulty 3) with a {words}-word stem{counted}; a hard item "
               f"needs a problem to work through (aim for {HARD_MIN_WORDS}+ words: a "
               "constraint, competing cues), or rate it 2")


CHECKS: tuple[Callable[[Question, Lesson], Iterator[Finding]], ...] = (
    correct_longest,
    all_none_of_above,
    negative_stem,
    duplicate_choice_text,
    explanation_no_side,
    explanation_no_objective,
    distractor_no_feedback,
    same_phase_distractors,
)
"""Every per-question check but ``hard_short_stem`` (which also reads a case's context), in
the order their findings are reported."""


def check_question(question: Question, lesson: Lesson, context: str = "") -> Iterator[Finding]:
    """Every finding of every per-question check for ``question``; ``context`` is the case
    context a case-study question is read with."""
    for check in CHECKS:
        yield from check(question, lesson)
    yield from hard_short_stem(question, lesson, context)

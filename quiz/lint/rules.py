"""The lint rules: stable ids, what each one checks, and the thresholds they use.

Rule ids are part of the file format (``lint_ignore: [rule-id]`` and ``# lint: ignore
rule-id`` name them), so an id, once published, is never renamed or reused.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    """One lint rule: its id, whether it looks at one question or a whole bank, and a summary."""

    id: str
    scope: str  # "question" or "bank"
    summary: str


_ALL = (
    Rule("correct-longest", "question",
         "the correct choice is clearly longer than every distractor (a test-wise cue)"),
    Rule("all-none-of-above", "question",
         "a choice reads 'all of the above', 'none of the above' or the like"),
    Rule("negative-stem", "question",
         "the question asks in the negative (not, except, never, least...) without the word "
         "in capitals"),
    Rule("near-duplicate-stem", "question",
         "the stem is nearly the same as another question's stem, in any bank linted"),
    Rule("duplicate-choice-text", "question", "two choices of one question have the same text"),
    Rule("explanation-no-side", "question",
         "the explanation does not say which side of the rule applies"),
    Rule("explanation-no-objective", "question",
         "the explanation names none of the question's objective ids"),
    Rule("distractor-no-feedback", "question",
         "a wrong answer carries no feedback explaining the misconception"),
    Rule("position-bias", "bank",
         "correct answers of single-choice questions are not spread evenly over the positions"),
    Rule("thin-coverage", "bank",
         "an objective has too few questions, or a phase too small a share of the bank"),
    Rule("unknown-lint-rule", "question",
         "a lint_ignore key or '# lint: ignore' comment names a rule that does not exist"),
    Rule("same-phase-distractors", "question",
         "a single-answer item names one phase in two distractors and the other phase only "
         "in its key"),
    Rule("hard-short-stem", "question",
         "a question rated hard (difficulty 3) has a stem too short to carry a hard problem"),
    Rule("two-option-share", "bank",
         "too many hand-written questions offer only two options (true/false, phase, "
         "two choices)"),
    Rule("statement-no-why", "scenario",
         "a scenario statement on a case the lesson leaves open has no 'why'"),
)

RULES: dict[str, Rule] = {rule.id: rule for rule in _ALL}
"""Every rule, by id, in the order the docs list them."""

LONGEST_RATIO = 1.25
"""correct-longest: the correct text is at least this many times the longest distractor..."""
LONGEST_MARGIN = 10
"""...and at least this many characters longer, so short choices are not flagged for a word."""

NEAR_DUPLICATE_SIMILARITY = 0.6
"""near-duplicate-stem: share of word pairs two stems must have in common (Jaccard)."""

POSITION_MIN_QUESTIONS = 20
"""position-bias: fewer single-choice questions than this are too few to judge."""
POSITION_P_VALUE = 0.01
"""position-bias: warn when a spread this uneven would arise by chance less often than this."""

MIN_PER_OBJECTIVE = 8
"""thin-coverage: default number of hand-written questions each objective should have."""
MIN_PHASE_SHARE = 0.4
"""thin-coverage: each phase's least share of a bank's hand-written questions."""

HARD_MIN_WORDS = 25
"""hard-short-stem: a stem rated hard should have at least this many words. A hard item poses
a problem (a constraint, competing cues, a figure to work out); a one-line definition is not one."""

MAX_TWO_OPTION_SHARE = 0.15
"""two-option-share: above this share of two-option items, guessing alone scores 50 % on too
much of a mock exam (certification exams use four or more options nearly always)."""
TWO_OPTION_MIN_QUESTIONS = 20
"""two-option-share: fewer hand-written questions than this are too few to judge."""

"""Bank statistics for authors, measured against the targets of a complete bank.

``quiz stats`` is the instrument an author steers a bank by: counts by objective and phase,
type, difficulty and scenario, where the correct answers sit, how many stems are written as
scenarios, how often the correct choice is the longest, and a list of checks against the
targets (by default those of a certification-grade bank: issue 4 of the project). Counts are
of hand-written questions unless said otherwise; items generated from scenario statements are
counted per scenario. The lint rule ``position-bias`` uses ``position_spread`` from here.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace

from quiz.model import Catalog, Phase, Question, QuestionType


@dataclass(frozen=True)
class Targets:
    """What a complete bank has; every figure here becomes one or more checks."""

    hand_written: int = 90
    per_objective: int = 8
    phase_share: tuple[float, float] = (0.4, 0.6)
    per_type: dict[QuestionType, int] = field(default_factory=lambda: {
        QuestionType.MULTIPLE: 12, QuestionType.PHASE: 12,
        QuestionType.ORDERING: 6, QuestionType.TRUE_FALSE: 6, QuestionType.SINGLE: 1,
    })
    scenario_style: float = 0.6
    difficulties: tuple[int, ...] = (1, 2, 3)
    scenarios: int = 8
    statements_per_phase: int = 5
    position_min_questions: int = 20
    position_p_value: float = 0.01
    longest_factor: float = 1.5
    exam: tuple[int, int, int, int] = (30, 45, 70, 50)  # questions, minutes, pass %, training %


# --- correct positions -------------------------------------------------------------------


def chi_square_sf(statistic: float, df: int) -> float:
    """P(X >= statistic) for a chi-square variable with ``df`` degrees of freedom.

    Exact for whole ``df``: the regularised upper gamma Q(df/2, x/2), built up from Q(1, h) =
    e^-h (even df) or Q(1/2, h) = erfc(sqrt h) (odd df) with Q(a+1, h) = Q(a, h) +
    h^a e^-h / Gamma(a+1). No scipy needed for a handful of degrees of freedom.
    """
    if df < 1:
        raise ValueError("degrees of freedom must be at least 1")
    h = statistic / 2
    if h <= 0:  # also a statistic so small that halving it underflows
        return 1.0
    a, total = (1.0, math.exp(-h)) if df % 2 == 0 else (0.5, math.erfc(math.sqrt(h)))
    while a < df / 2:
        total += math.exp(a * math.log(h) - h - math.lgamma(a + 1))
        a += 1
    return min(1.0, max(0.0, total))


@dataclass(frozen=True)
class PositionSpread:
    """Where the correct answers of single-choice questions sit, as written in the file."""

    questions: int
    counts: tuple[int, ...]  # counts[0]: correct answer written first...
    expected: tuple[float, ...]  # ...and how many would be expected if spread evenly
    chi_square: float
    df: int
    p_value: float | None  # None when there are too few questions or positions to test


def position_spread(questions: Iterable[Question]) -> PositionSpread:
    """The spread of correct positions, tested against "each position equally likely".

    A question with n choices puts 1/n of an expected answer on each of its positions, so banks
    mixing three- and four-choice questions are judged fairly.
    """
    singles = [q for q in questions if q.type is QuestionType.SINGLE and len(q.choices) >= 2]
    width = max((len(q.choices) for q in singles), default=0)
    counts = [0] * width
    expected = [0.0] * width
    for q in singles:
        counts[next(i for i, c in enumerate(q.choices) if c.correct)] += 1
        for i in range(len(q.choices)):
            expected[i] += 1 / len(q.choices)
    cells = [(c, e) for c, e in zip(counts, expected, strict=True) if e > 0]
    statistic = sum((c - e) ** 2 / e for c, e in cells)
    df = len(cells) - 1
    p_value = chi_square_sf(statistic, df) if df >= 1 and singles else None
    return PositionSpread(len(singles), tuple(counts), tuple(expected), statistic, df, p_value)


# --- stems and choices -------------------------------------------------------------------

_WORD = re.compile(r"[\w']+")
_OPENERS = frozenset({
    "a", "an", "the", "when", "while", "after", "before", "during", "your", "you", "our",
    "each", "every", "at", "in", "on", "once", "if", "as", "since", "two", "three",
    "several", "some", "suppose", "imagine",
})
_ACTOR = re.compile(
    r"\b(?:a|an|the|your|our|each|every)\s+(?:[\w-]+\s+)?(?:team|bank|company|hospital|clinic|"
    r"user|customer|engineer|developer|start-?up|retailer|shop|store|app|car|vehicle|factory|"
    r"provider|insurer|researcher|scientist|platform|service|fleet|lab|school|university|"
    r"airline|manufacturer|city|agency|radiologist|doctor|driver|analyst|business|website|"
    r"phone|camera|assistant|chatbot|robot|drone|firm|group|department)s?\b",
    re.IGNORECASE,
)
_DEFINITION = re.compile(
    r"\b(?:is defined as|refers to|what is|what are|which term|best describes?|definition)\b",
    re.IGNORECASE,
)


def is_scenario_style(question: Question) -> bool:
    """Whether a stem sets a scene ("A team…", "When a user…") rather than asks a definition.

    A heuristic: set in a scenario file, or naming an actor ("a bank", "the team"), or opening
    like a scene in ten words or more without definition wording ("what is", "refers to").
    """
    if question.scenario:
        return True
    stem = question.stem
    if _ACTOR.search(stem):
        return True
    words = _WORD.findall(stem)
    return (
        len(words) >= 10 and words[0].casefold() in _OPENERS and not _DEFINITION.search(stem)
    )


def correct_is_longest(question: Question) -> bool:
    """Whether the correct choice of a single-choice question is strictly the longest."""
    lengths = [(len(" ".join(c.text.split())), c.correct) for c in question.choices]
    right = next(n for n, ok in lengths if ok)
    return all(right > n for n, ok in lengths if not ok)


# --- the whole picture ------------------------------------------------------------------


@dataclass(frozen=True)
class ObjectiveCount:
    """Hand-written questions serving one objective, by phase."""

    lesson: str
    id: str
    text: str
    training: int
    inference: int

    @property
    def total(self) -> int:
        return self.training + self.inference


@dataclass(frozen=True)
class ScenarioCount:
    """One scenario: questions set in it, items generated from it, its statements by phase."""

    id: str
    title: str
    hand_written: int
    generated: int
    training_statements: int
    inference_statements: int


@dataclass(frozen=True)
class Check:
    """One target: what was measured, the target, and whether it is met (None: not judged)."""

    name: str
    value: str
    target: str
    ok: bool | None


@dataclass(frozen=True)
class BankStats:
    """Everything ``quiz stats`` shows."""

    banks: tuple[str, ...]
    hand_written: int
    generated: int
    objectives: tuple[ObjectiveCount, ...]
    phases: dict[str, int]
    types: dict[str, int]
    difficulty: dict[str, int]
    scenarios: tuple[ScenarioCount, ...]
    without_scenario: int
    positions: PositionSpread
    scenario_style: int
    longest_eligible: int
    longest: int
    longest_chance: float
    checks: tuple[Check, ...]

    def as_json(self) -> dict[str, object]:
        data = asdict(self)
        data["objectives"] = [dict(asdict(o), total=o.total) for o in self.objectives]
        data["gaps"] = sum(1 for c in self.checks if c.ok is False)
        return data


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0%}"


def compute(catalog: Catalog, targets: Targets | None = None) -> BankStats:
    """Count everything in ``catalog`` and check it against ``targets``."""
    targets = targets or Targets()
    everything = catalog.questions()
    authored = [q for q in everything if not q.generated]
    generated = [q for q in everything if q.generated]
    objectives = _objective_counts(catalog, authored)
    phases = {p.value: sum(q.phase is p for q in authored) for p in Phase}
    types = {t.value: sum(q.type is t for q in authored) for t in QuestionType}
    difficulty = {str(d): sum(q.difficulty == d for q in authored) for d in (1, 2, 3)}
    difficulty["unset"] = sum(q.difficulty is None for q in authored)
    scenarios = _scenario_counts(catalog, authored, generated)
    singles = [q for q in authored if q.type is QuestionType.SINGLE and len(q.choices) >= 2]
    chance = sum(1 / len(q.choices) for q in singles) / len(singles) if singles else 0.0
    stats = BankStats(
        banks=tuple(b.id for b in catalog.banks),
        hand_written=len(authored),
        generated=len(generated),
        objectives=objectives,
        phases=phases,
        types=types,
        difficulty=difficulty,
        scenarios=scenarios,
        without_scenario=sum(q.scenario is None for q in authored),
        positions=position_spread(authored),
        scenario_style=sum(is_scenario_style(q) for q in authored),
        longest_eligible=len(singles),
        longest=sum(correct_is_longest(q) for q in singles),
        longest_chance=chance,
        checks=(),
    )
    return replace(stats, checks=tuple(_checks(stats, catalog, targets)))


def _objective_counts(catalog: Catalog, authored: Sequence[Question]) -> tuple[ObjectiveCount, ...]:
    rows = []
    lesson_of = {q.id: b.lesson.id for b in catalog.banks for q in b.questions}
    for lesson in catalog.lessons.values():
        if not any(b.lesson.id == lesson.id for b in catalog.banks):
            continue
        mine = [q for q in authored if lesson_of.get(q.id) == lesson.id]
        for objective in lesson.objectives:
            serving = [q for q in mine if objective.id in q.objectives]
            rows.append(ObjectiveCount(
                lesson.id, objective.id, objective.text,
                sum(q.phase is Phase.TRAINING for q in serving),
                sum(q.phase is Phase.INFERENCE for q in serving),
            ))
    return tuple(rows)


def _scenario_counts(
    catalog: Catalog, authored: Sequence[Question], generated: Sequence[Question]
) -> tuple[ScenarioCount, ...]:
    hand = Counter(q.scenario for q in authored if q.scenario)
    made = Counter(q.scenario for q in generated if q.scenario)
    rows = []
    for sid in sorted(set(catalog.scenarios) | set(hand) | set(made)):
        scenario = catalog.scenarios.get(sid)
        statements = scenario.statements if scenario else ()
        rows.append(ScenarioCount(
            sid, scenario.title if scenario else "",
            hand[sid], made[sid],
            sum(s.phase is Phase.TRAINING for s in statements),
            sum(s.phase is Phase.INFERENCE for s in statements),
        ))
    return tuple(rows)


def _checks(stats: BankStats, catalog: Catalog, targets: Targets) -> Iterable[Check]:
    n = stats.hand_written
    yield Check("hand-written questions", str(n), f"≥ {targets.hand_written}",
                n >= targets.hand_written)
    multi_lesson = len({o.lesson for o in stats.objectives}) > 1
    for o in stats.objectives:
        name = f"{o.lesson}/{o.id}" if multi_lesson else o.id
        yield Check(name, str(o.total), f"≥ {targets.per_objective}",
                    o.total >= targets.per_objective)
    low, high = targets.phase_share
    for phase, count in stats.phases.items():
        share = _share(count, n)
        yield Check(f"{phase} share", f"{_percent(share)} ({count})",
                    f"{low:.0%}–{high:.0%}", share is not None and low <= share <= high)
    for kind, minimum in targets.per_type.items():
        count = stats.types[kind.value]
        yield Check(f"type {kind.value}", str(count), f"≥ {minimum}", count >= minimum)
    style = _share(stats.scenario_style, n)
    yield Check("scenario-style stems", f"{_percent(style)} ({stats.scenario_style})",
                f"≥ {targets.scenario_style:.0%}",
                style is not None and style >= targets.scenario_style)
    for level in targets.difficulties:
        count = stats.difficulty.get(str(level), 0)
        yield Check(f"difficulty {level}", str(count), "present", count > 0)
    real = [s for s in stats.scenarios if s.id in catalog.scenarios]
    yield Check("scenarios", str(len(real)), f"≥ {targets.scenarios}",
                len(real) >= targets.scenarios)
    need = targets.statements_per_phase
    for s in real:
        fewest = min(s.training_statements, s.inference_statements)
        yield Check(f"scenario {s.id}",
                    f"{s.training_statements} training / {s.inference_statements} inference",
                    f"≥ {need} each", fewest >= need)
    spread = stats.positions
    if spread.p_value is None or spread.questions < targets.position_min_questions:
        yield Check("correct positions", f"{spread.questions} single-choice question(s)",
                    f"≥ {targets.position_min_questions} to judge", None)
    else:
        yield Check("correct positions", f"p = {spread.p_value:.3f}",
                    f"even (p ≥ {targets.position_p_value})",
                    spread.p_value >= targets.position_p_value)
    longest = _share(stats.longest, stats.longest_eligible)
    limit = targets.longest_factor * stats.longest_chance
    yield Check("correct choice longest", f"{_percent(longest)} ({stats.longest})",
                f"≤ {limit:.0%} (chance {stats.longest_chance:.0%})",
                None if longest is None or stats.longest_eligible < targets.position_min_questions
                else longest <= limit)
    questions, minutes, pass_percent, training = targets.exam
    for bank in catalog.banks:
        exam = bank.exam
        share = exam.blueprint.get(Phase.TRAINING, 0)
        whole = sum(exam.blueprint.values()) or 1
        yield Check(
            f"exam of {bank.id}",
            f"{exam.questions} q, {exam.minutes} min, pass {exam.pass_percent}%, "
            f"training {round(100 * share / whole)}%",
            f"{questions} q, {minutes} min, pass {pass_percent}%, training {training}%",
            (exam.questions, exam.minutes, exam.pass_percent, round(100 * share / whole))
            == (questions, minutes, pass_percent, training),
        )

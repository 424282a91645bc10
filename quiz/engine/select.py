"""Choosing questions for a session and the order of their choices, reproducibly from a seed.

The same seed, bank and filters always give the same questions in the same order with the
same choice order, so a learner can retake an exam exactly, and a test can predict a session.

No draw gives a key away. A classification item ("which phase is this?", type ``phase``,
written or generated from a scenario statement) has its phase as its key, so a draw whose
classification items lean to one phase rewards always giving that answer: ``--phase
inference`` once drew only inference-keyed ones. Every practice, adaptive and exam draw
therefore holds as many training-keyed as inference-keyed classification items
(``balance_keys``), whichever filters narrowed the pool; and the phase filter chooses what
the *other* items are about, never a classification item's key. Only a draw of the learner's
own questions (``Filters.question_ids``: mistakes, retry, due reviews) is left as it is.
"""

from __future__ import annotations

import math
import operator
import random
from collections.abc import Iterable, Iterator, Sequence
from itertools import compress, repeat
from typing import TypeVar, cast, overload

from quiz.fields import Fields
from quiz.model import ExamSpec, Phase, Prompt, Question, QuestionType, pair_id, split_pair
from quiz.record import Value


def is_classification(question: Question) -> bool:
    """Whether this is a "which phase is this?" item, whose key is its own phase."""
    return question.type is QuestionType.PHASE


class _FiltersFields(Fields):
    phase: Phase | None = None
    objectives: tuple[str, ...] = ()
    scenario: str | None = None
    include_generated: bool = True
    question_ids: tuple[str, ...] = ()
    count: int | None = None  # type: ignore[assignment]  # shadows tuple.count, unused
    types: tuple[QuestionType, ...] = ()
    difficulties: tuple[int, ...] = ()


class Filters(Value, _FiltersFields):
    """What a practice session draws from; empty means no restriction.

    ``phase`` selects what an item is about, which for a classification item would be its
    key. A classification item is about telling both phases apart, so it passes either phase
    filter; the draw then keeps a seeded half of the key pairs (``balance_keys``), so that a
    phase-filtered session holds about as many of them as before, half of each key.
    ``question_ids`` names the learner's own questions (mistakes, retry, due reviews); such a
    draw is their history and is not balanced.

    A value (``quiz.record.Value``), not a frozen dataclass, which compiled its methods at
    every start (0.5 ms of the first question).
    """

    __slots__ = ()

    @property
    def restricts(self) -> bool:
        """Whether any filter that ``admits`` checks is set (otherwise all are admitted)."""
        return self._replace(count=None) != _NO_FILTERS

    def admits(self, question: Question) -> bool:
        """Whether the filters let ``question`` into the pool (before keys are balanced)."""
        if (self.phase is not None and question.phase is not self.phase
                and not is_classification(question)):
            return False
        if self.types and question.type not in self.types:
            return False
        if self.difficulties and question.difficulty not in self.difficulties:
            return False
        if self.objectives and not set(self.objectives) & set(question.objectives):
            return False
        if self.scenario is not None and question.scenario != self.scenario:
            return False
        if not self.include_generated and question.generated:
            return False
        return not self.question_ids or question.id in self.question_ids

    def describe(self) -> dict[str, object]:
        return {
            "phase": self.phase.value if self.phase else None,
            "objectives": list(self.objectives),
            "scenario": self.scenario,
            "include_generated": self.include_generated,
            "count": self.count,
            "types": [t.value for t in self.types],
            "difficulties": list(self.difficulties),
        }


_NO_FILTERS = Filters()
_T = TypeVar("_T")


class Item(Fields):
    """A question as presented in one session: its choices in the order shown.

    Made by ``Items`` when first read; a named tuple, cheap to make and compare.
    """

    question: Question
    order: tuple[str, ...] = ()

    @property
    def choices(self) -> list[tuple[str, str]]:
        """(choice id, text) in display order (for matching: every pair, prompt by prompt)."""
        by_id = {c.id: c for c in self.question.choices}
        return [(cid, by_id[cid].text) for cid in self.order]

    @property
    def prompts(self) -> tuple[Prompt, ...]:
        """A matching item's prompts in display order (its categories keep their written
        order: ``question.categories``). Empty for other types."""
        by_id = {p.id: p for p in self.question.prompts}
        shown = dict.fromkeys(split_pair(cid)[0] for cid in self.order)
        return tuple(by_id[p] for p in shown if p in by_id)


def choice_order(question: Question, rng: random.Random) -> tuple[str, ...]:
    """Shuffle choices unless pinned; an ordering item never starts in its solved order."""
    if question.type is QuestionType.MATCHING:
        # the order stays a permutation of the choice ids (what a stored exam keeps and a
        # resume checks): the pairs, prompt by prompt, prompts shuffled, categories as written
        prompts = [p.id for p in question.prompts]
        if question.shuffle:
            rng.shuffle(prompts)
        return tuple(pair_id(p, c.id) for p in prompts for c in question.categories)
    ids = [c.id for c in question.choices]
    if question.type is QuestionType.ORDERING:
        if len(ids) > 1:
            solved = question.correct_ids
            while tuple(ids) == solved:
                rng.shuffle(ids)
        return tuple(ids)
    if question.shuffle:
        rng.shuffle(ids)
    return tuple(ids)


def item_for(question: Question, seed: int) -> Item:
    """The question with its choices in the order this seed shows them.

    Each question has its own generator, seeded by the session seed and the question id, so
    any item can be made alone, in any order, and comes out the same every time.
    """
    return Item(question, choice_order(question, random.Random(f"choices:{seed}:{question.id}")))


class Items(Sequence[Item]):
    """A session's items, each made when first read.

    A practice session over a 10,000-question bank would otherwise shuffle 10,000 choice lists
    before it could show the first question (40 ms, measured); now it shuffles one. Items
    whose order was saved (a resumed exam) keep that order.
    """

    __slots__ = ("_made", "_seed", "questions")

    def __init__(self, questions: Iterable[Question], seed: int,
                 orders: Sequence[tuple[str, ...]] = ()) -> None:
        # a sequence that reads its questions when first used (the catalog cache's, see
        # quiz.bank.cache.PickedQuestions) is kept as it is: copying would read them all
        self.questions: tuple[Question, ...] = (
            cast("tuple[Question, ...]", questions) if getattr(questions, "reads_lazily", False)
            else tuple(questions))
        self._seed = seed
        self._made: list[Item | None] = [None] * len(self.questions)
        for position, order in enumerate(orders):
            if order:  # saved; an empty order is drawn when read
                self._made[position] = Item(self.questions[position], order)

    @classmethod
    def of(cls, items: Iterable[Item]) -> Items:
        """Items already made, e.g. by a test."""
        made = tuple(items)
        return cls((it.question for it in made), 0, [it.order for it in made])

    def __len__(self) -> int:
        return len(self.questions)

    @overload
    def __getitem__(self, index: int) -> Item: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Item]: ...

    def __getitem__(self, index: int | slice) -> Item | Sequence[Item]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        made = self._made[index]
        if made is None:
            made = item_for(self.questions[index], self._seed)
            self._made[index] = made
        return made

    def __iter__(self) -> Iterator[Item]:
        return (self[i] for i in range(len(self)))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Items):
            return NotImplemented
        return list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]


def make_items(questions: Iterable[Question], seed: int) -> Items:
    """The session's items for ``questions``; choice orders are drawn as items are read."""
    return Items(questions, seed)


def retry_seed(seed: int) -> int:
    """The seed of a session that retries another's questions: drawn from the first seed,
    so a retry is repeatable, and never equal to it, so the choices come in a new order."""
    made = random.Random(f"retry:{seed}").randrange(1, 1_000_000)
    return made if made != seed else made % 999_999 + 1


def draw_practice(questions: Sequence[Question], filters: Filters, seed: int) -> list[Question]:
    """Admitted questions in a seeded random order, cut to ``filters.count``, with as many
    classification items of each key (``balance_keys``) unless they are the learner's own
    (``filters.question_ids``).

    A case-study question drawn brings its whole set, in order, where its first question
    fell (``with_case_sets``); a count never cuts a set. The learner's own questions keep
    the members of a set together and in order, but are not completed.
    """
    chosen = [q for q in questions if filters.admits(q)] if filters.restricts else list(questions)
    random.Random(f"practice:{seed}").shuffle(chosen)
    if filters.question_ids:
        together = with_case_sets(chosen, ())
        return together[: filters.count] if filters.count else together
    kept = balance_keys(with_case_sets(chosen, questions),
                        random.Random(f"practice-keys:{seed}"), None, pair_share(filters))
    if not filters.count or filters.count >= len(kept):
        return kept
    head, rest = _whole_sets_prefix(kept, filters.count)
    return _balanced_prefix(head + rest, len(head))


_CASE_OF = operator.attrgetter("case")
_TYPE_OF = operator.attrgetter("type")


def case_sets(questions: Iterable[Question]) -> dict[str, tuple[Question, ...]]:
    """The case studies among ``questions``: case id → its questions in order (only the
    ones present)."""
    found: dict[str, list[Question]] = {}
    for question in questions:
        if question.case is not None:
            found.setdefault(question.case.id, []).append(question)
    return {cid: tuple(sorted(qs, key=lambda q: q.case.position if q.case else 0))
            for cid, qs in found.items()}


def with_case_sets(ordered: Sequence[Question], everything: Sequence[Question]
                   ) -> list[Question]:
    """``ordered`` with each case study's questions together, in order, where the first of
    them falls; completed from ``everything`` (the questions a set may be drawn from)."""
    if not any(map(_CASE_OF, ordered)):  # no case study: a C-level pass (10,000 in 0.1 ms)
        return list(ordered)
    whole = case_sets(everything or ordered)
    placed: set[str] = set()
    out: list[Question] = []
    for question in ordered:
        if question.case is None:
            out.append(question)
        elif question.case.id not in placed:
            placed.add(question.case.id)
            out.extend(whole.get(question.case.id, (question,)))
    return out


def _units(ordered: Sequence[Question]) -> list[list[Question]]:
    """``ordered`` split into what is drawn whole: a question, or a run of one case study."""
    units: list[list[Question]] = []
    for question in ordered:
        case = question.case
        if case is not None and units and units[-1][0].case is not None \
                and units[-1][0].case.id == case.id:
            units[-1].append(question)
        else:
            units.append([question])
    return units


def _whole_sets_prefix(kept: Sequence[Question], count: int
                       ) -> tuple[list[Question], list[Question]]:
    """The first ``count`` questions of ``kept`` taking case studies whole (a set that does
    not fit is passed over for what follows), and the rest in order."""
    head: list[Question] = []
    rest: list[Question] = []
    for unit in _units(kept):
        (head if len(head) + len(unit) <= count else rest).extend(unit)
    return head, rest


def pair_share(filters: Filters) -> float:
    """The share of the classification items' key pairs a draw keeps: half under a phase
    filter (each side's filter gets half of the items about both sides), else all."""
    return 0.5 if filters.phase is not None else 1.0


def balance_keys(ordered: Sequence[Question], rng: random.Random, count: int | None = None,
                 share: float = 1.0) -> list[Question]:
    """``ordered`` cut to ``count`` so that its classification items pair up by key.

    Of each key, as many classification items as the rarer key has (times ``share``, rounded
    up) are kept, picked by ``rng`` and not by place (keeping the first ones would crowd them
    to the front of the session); which are left out changes with the seed, so every item is
    drawn in some sessions. When ``count`` cuts the order, the part before the cut is
    repaired in place: a surplus-key item is swapped for the next item of the other key from
    beyond the cut, and a last odd one for the next other item; only when nothing but
    classification items lies beyond the cut can the keys differ by one. Nothing else moves,
    so a draw that was balanced is the draw it always was. A pass or two over the order and
    no shuffle: cheap on a 10,000-question bank.
    """
    places: dict[Phase, list[int]] = {Phase.TRAINING: [], Phase.INFERENCE: []}
    # the classification items' places, found without a Python call per question (a draw
    # over 10,000 spent a millisecond here)
    types = map(_TYPE_OF, ordered)
    for place in compress(range(len(ordered)),
                          map(operator.is_, types, repeat(QuestionType.PHASE))):
        places[ordered[place].phase].append(place)
    pairs = math.ceil(min(map(len, places.values())) * share)
    if all(len(found) == pairs for found in places.values()):
        kept = list(ordered)
    else:
        left_out = {place for found in places.values()
                    for place in rng.sample(found, len(found) - pairs)}
        kept = [q for place, q in enumerate(ordered) if place not in left_out]
    if not count or count >= len(kept):
        return kept
    return _balanced_prefix(kept, count)


def _balanced_prefix(kept: list[Question], count: int) -> list[Question]:
    """The first ``count`` of ``kept`` (whose keys pair up) repaired to pair up too."""
    head, rest = kept[:count], kept[count:]
    surplus = sum(1 if q.phase is Phase.TRAINING else -1 for q in head if is_classification(q))
    if not surplus:
        return head
    major = Phase.TRAINING if surplus > 0 else Phase.INFERENCE
    excess = abs(surplus)
    # the latest surplus-key items go first: the start of the session stays as drawn
    spots = [p for p in reversed(range(len(head)))
             if is_classification(head[p]) and head[p].phase is major]
    # ``rest`` holds ``excess`` more of the other key than of ``major``: enough for every swap
    others = (q for q in rest if is_classification(q) and q.phase is not major)
    for spot, other in zip(spots[: excess // 2], others, strict=False):
        head[spot] = other
    if excess % 2:
        # a case-study question comes with its set, so it cannot take a single place
        written = next((q for q in rest if not is_classification(q) and q.case is None), None)
        if written is not None:
            head[spots[excess // 2]] = written
    return head


def blueprint_quota(spec: ExamSpec, available: dict[Phase, int]) -> dict[Phase, int]:
    """How many questions of each phase an exam draws: the blueprint's weights, rounded by
    largest remainder, then topped up from the other phase when one runs short."""
    weights = {p: spec.blueprint.get(p, 0) for p in Phase}
    if not any(weights.values()):  # every weight 0: no preference, share equally
        weights = dict.fromkeys(Phase, 1)
    total_weight = sum(weights.values())
    wanted = min(spec.questions, sum(available.values()))
    exact = {p: wanted * weights[p] / total_weight for p in Phase}
    quota = {p: int(exact[p]) for p in Phase}
    for p in sorted(Phase, key=lambda p: exact[p] - quota[p], reverse=True):
        if sum(quota.values()) < wanted:
            quota[p] += 1
    for p in Phase:
        surplus = quota[p] - available.get(p, 0)
        if surplus > 0:
            quota[p] -= surplus
            other = Phase.INFERENCE if p is Phase.TRAINING else Phase.TRAINING
            quota[other] = min(available.get(other, 0), quota[other] + surplus)
    return quota


MAX_CLASSIFICATION_PERCENT = 35
"""At most this share of an exam asks "which phase is this?" (``Question.asks_phase``)."""
MAX_TWO_OPTION_PERCENT = 15
"""At most this share of an exam offers two options, where a guess scores 50 %
(``Question.two_options``: true/false, phase, any two-choice item)."""


def scale_exam(spec: ExamSpec, questions: int | None = None,
               minutes: int | None = None) -> ExamSpec:
    """The exam ``spec`` asked for at another length or time (``quiz exam --questions N
    --minutes M``). The blueprint's weights are shares, so they scale by themselves; the
    number of case studies scales with the length (rounded, halves up), and the draw leaves
    out any that do not fit; without ``minutes`` the time scales with the length too."""
    if questions is None and minutes is None:
        return spec
    length = questions if questions is not None else spec.questions
    ratio = length / spec.questions
    time = minutes if minutes is not None else max(1, math.floor(spec.minutes * ratio + 0.5))
    cases = (math.floor(spec.case_studies * ratio + 0.5) if questions is not None
             else spec.case_studies)
    return spec._replace(questions=length, minutes=time, case_studies=cases)


def draw_exam(questions: Sequence[Question], spec: ExamSpec, seed: int) -> list[Question]:
    """An exam to the blueprint: hand-written questions only, phases mixed in random order.

    - ``spec.case_studies`` case studies are drawn whole (fewer if fewer exist or they would
      not fit in ``spec.questions``), each kept together and in order at a random place,
      and no stand-alone question on a drawn case study's scenario joins them;
      their questions count toward the length and the blueprint, the other questions
      making up each phase's share as well as they can. Case-study questions are never
      drawn one by one.
    - As many classification items of each key (``_pair_exam_keys``).
    - At most 35 % classification items and 15 % two-option items in every draw
      (``_cap_kinds``), as long as the bank has other questions to put in their place.
    """
    rng = random.Random(f"exam:{seed}")
    written = [q for q in questions if not q.generated]
    sets = _draw_case_sets(written, spec, random.Random(f"exam-cases:{seed}"))
    # A case study covers its scenario: a stand-alone question on the same scenario would
    # share its facts and could give away (or be given away by) one of the set's answers.
    covered = {q.scenario for chosen in sets for q in chosen if q.scenario is not None}
    singles = [q for q in written if q.case is None and q.scenario not in covered]
    pool = {p: [q for q in singles if q.phase is p] for p in Phase}
    fixed = [q for chosen in sets for q in chosen]
    in_sets = {p: sum(q.phase is p for q in fixed) for p in Phase}
    quota = blueprint_quota(spec, {p: len(pool[p]) + in_sets[p] for p in Phase})
    quota = _singles_quota(quota, in_sets, {p: len(pool[p]) for p in Phase})
    drawn = [q for p in Phase for q in rng.sample(pool[p], quota[p])]
    rng.shuffle(drawn)
    drawn = _pair_exam_keys(drawn, pool, random.Random(f"exam-keys:{seed}"))
    drawn = _cap_kinds(drawn, pool, fixed, random.Random(f"exam-caps:{seed}"))
    if not sets:
        return drawn
    place = random.Random(f"exam-case-places:{seed}")
    units: list[list[Question]] = [[q] for q in drawn]
    for chosen in sets:
        units.insert(place.randint(0, len(units)), list(chosen))
    return [q for unit in units for q in unit]


def _draw_case_sets(written: Sequence[Question], spec: ExamSpec, rng: random.Random
                    ) -> list[tuple[Question, ...]]:
    """``spec.case_studies`` whole case studies picked by ``rng``; those that would push the
    exam past its length are left out (the latest picked first)."""
    if spec.case_studies <= 0:
        return []
    complete = {cid: qs for cid, qs in case_sets(written).items()
                if qs and qs[0].case is not None and len(qs) == qs[0].case.size}
    picked = [complete[cid] for cid in rng.sample(sorted(complete),
                                                  min(spec.case_studies, len(complete)))]
    while picked and sum(map(len, picked)) > spec.questions:
        picked.pop()
    return picked


def _singles_quota(quota: dict[Phase, int], in_sets: dict[Phase, int],
                   available: dict[Phase, int]) -> dict[Phase, int]:
    """Each phase's quota less what the case studies already hold of it; when a phase's
    case-study questions pass its quota, the other phase gives up the difference, so the
    exam keeps its length."""
    single = {p: max(0, quota[p] - in_sets[p]) for p in Phase}
    excess = sum(single.values()) - (sum(quota.values()) - sum(in_sets.values()))
    for p in sorted(Phase, key=lambda p: single[p], reverse=True):
        cut = min(excess, single[p])
        single[p] -= cut
        excess -= cut
    return {p: min(single[p], available[p]) for p in Phase}


def _over_caps(exam: Sequence[Question]) -> tuple[int, int]:
    """How many classification and two-option items ``exam`` holds beyond its caps."""
    n = len(exam)
    classification = sum(q.asks_phase for q in exam)
    two = sum(q.two_options for q in exam)
    return (classification - n * MAX_CLASSIFICATION_PERCENT // 100,
            two - n * MAX_TWO_OPTION_PERCENT // 100)


def _cap_kinds(drawn: list[Question], pool: dict[Phase, list[Question]],
               fixed: Sequence[Question], rng: random.Random) -> list[Question]:
    """Swap items out of ``drawn`` until the exam (``drawn`` and the case studies ``fixed``)
    holds at most 35 % classification and 15 % two-option items.

    An item over a cap is replaced by an undrawn question that is neither, of its own phase
    when there is one (the blueprint holds), else of the other. Other items over a cap go
    first; "which phase" items of type phase (keyed by their phase) go in pairs, one of each
    key, so the keys stay paired. When no replacement is left, the exam stays as it is. A
    draw within the caps is returned as drawn.
    """
    over_classification, over_two = _over_caps([*drawn, *fixed])
    if over_classification <= 0 and over_two <= 0:
        return drawn
    taken = {q.id for q in drawn}
    spare = {p: [q for q in pool[p] if q.id not in taken and not q.asks_phase
                 and not q.two_options] for p in Phase}

    def replace_at(place: int) -> bool:
        phase = drawn[place].phase
        other = Phase.INFERENCE if phase is Phase.TRAINING else Phase.TRAINING
        source = spare[phase] or spare[other]
        if not source:
            return False
        drawn[place] = _pick(source, rng)
        return True

    while over_classification > 0 or over_two > 0:
        def bad(q: Question, oc: int = over_classification, ot: int = over_two) -> int:
            return (oc > 0 and q.asks_phase) + (ot > 0 and q.two_options)

        loose = [p for p, q in enumerate(drawn) if bad(q) and not is_classification(q)]
        if loose:
            best = max(bad(drawn[p]) for p in loose)
            if not replace_at(rng.choice([p for p in loose if bad(drawn[p]) == best])):
                break
        else:
            keyed = {k: [p for p, q in enumerate(drawn) if is_classification(q) and bad(q)
                         and q.phase is k] for k in Phase}
            if not all(keyed.values()) or sum(map(len, spare.values())) < 2:
                break
            for k in Phase:
                replace_at(rng.choice(keyed[k]))
        over_classification, over_two = _over_caps([*drawn, *fixed])
    return drawn


def _pair_exam_keys(drawn: list[Question], pool: dict[Phase, list[Question]],
                    rng: random.Random) -> list[Question]:
    """Swap items of an exam until its classification items pair up by key, one step at a
    time, each the first of these that can be made:

    1. a surplus-key item out, an undrawn written item of its phase in (blueprint holds);
    2. a written item of the other phase out, an undrawn item of the other key in (holds);
    3. a surplus-key item out, an undrawn written item of the other phase in (the blueprint
       moves by one);
    4. a written item of the surplus phase out, an undrawn item of the other key in (moves
       by one);
    5. with two or more to go, a surplus-key item out, one of the other key in;
    6. a surplus-key item left out (the exam is one shorter).

    A written item swapped out may come back in a later step. A balanced draw is returned as
    drawn.
    """
    surplus = sum(1 if q.phase is Phase.TRAINING else -1 for q in drawn if is_classification(q))
    if not surplus:
        return drawn
    major = Phase.TRAINING if surplus > 0 else Phase.INFERENCE
    minor = Phase.INFERENCE if major is Phase.TRAINING else Phase.TRAINING
    surplus = abs(surplus)
    taken = {q.id for q in drawn}

    def spare(phase: Phase, classified: bool) -> list[Question]:
        return [q for q in pool[phase] if is_classification(q) is classified
                and q.id not in taken]

    def placed(phase: Phase, classified: bool) -> list[int]:
        return [p for p, q in enumerate(drawn)
                if q.phase is phase and is_classification(q) is classified]

    majors, written_in = placed(major, True), {p: placed(p, False) for p in Phase}
    written_out = {p: spare(p, False) for p in Phase}
    other_key = spare(minor, True)
    dropped: set[int] = set()

    def swap(out_of: list[int], into: list[Question]) -> int:
        place = _pick(out_of, rng)
        if not is_classification(drawn[place]):
            written_out[drawn[place].phase].append(drawn[place])
        drawn[place] = _pick(into, rng)
        if not is_classification(drawn[place]):
            written_in[drawn[place].phase].append(place)
        return place

    while surplus:
        if written_out[major]:
            swap(majors, written_out[major])
        elif other_key and written_in[minor]:
            swap(written_in[minor], other_key)
        elif written_out[minor]:
            swap(majors, written_out[minor])
        elif other_key and written_in[major]:
            swap(written_in[major], other_key)
        elif other_key and surplus > 1:
            swap(majors, other_key)
            surplus -= 1
        else:
            dropped.add(_pick(majors, rng))
        surplus -= 1
    return [q for p, q in enumerate(drawn) if p not in dropped]


def _pick(items: list[_T], rng: random.Random) -> _T:
    """Remove and return a random element (order of the rest not kept; O(1))."""
    index = rng.randrange(len(items))
    items[index], items[-1] = items[-1], items[index]
    return items.pop()

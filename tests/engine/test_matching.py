"""Matching items: scoring properties, per-prompt feedback and the order prompts are shown in.

A matching answer is a tuple of pair ids (``prompt=category``); the properties hold for any
valid matching question and any answer, junk included.
"""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from quiz.engine.feedback import build_feedback
from quiz.engine.scoring import score
from quiz.engine.select import choice_order, item_for
from quiz.model import MultipleScoring, Question, pair_id
from tests.engine.engine_models import LESSON, matching, matching_questions

PARTIAL, ALL = MultipleScoring.PARTIAL, MultipleScoring.ALL_OR_NOTHING


@st.composite
def answers(draw: st.DrawFn, q: Question) -> list[str]:
    """One pick (or none) per prompt, in any order, with junk now and then."""
    picks = []
    for prompt in q.prompts:
        category = draw(st.sampled_from([None, *(c.id for c in q.categories)]))
        if category is not None:
            picks.append(pair_id(prompt.id, category))
    junk = draw(st.lists(st.sampled_from(["zz", "p0=zz", "p0", "=k0", pair_id("p0", "k0")]),
                         max_size=2))
    return draw(st.permutations(picks + junk))


def _right(q: Question, answer: list[str]) -> int:
    given_ = {a.split("=")[0]: a.split("=")[1] for a in answer}
    return sum(given_.get(p.id) == p.category for p in q.prompts)


@given(data=st.data(), q=matching_questions(), mode=st.sampled_from(list(MultipleScoring)))
def test_every_score_is_between_0_and_1(data: st.DataObject, q: Question,
                                        mode: MultipleScoring) -> None:
    assert 0.0 <= score(q, data.draw(answers(q)), mode) <= 1.0


@given(q=matching_questions(), mode=st.sampled_from(list(MultipleScoring)))
def test_all_pairs_right_scores_1_in_any_order(q: Question, mode: MultipleScoring) -> None:
    right = list(q.correct_ids)
    assert len(right) == len(q.prompts)
    assert score(q, right, mode) == 1.0
    assert score(q, right[::-1], mode) == 1.0


@given(data=st.data(), q=matching_questions())
def test_all_or_nothing_is_0_or_1(data: st.DataObject, q: Question) -> None:
    answer = data.draw(answers(q))
    got = score(q, answer, ALL)
    assert got in (0.0, 1.0)
    assert got == score(q, answer, PARTIAL) // 1  # 1 exactly when partial gives full credit


@given(data=st.data(), q=matching_questions())
def test_partial_is_the_share_of_prompts_matched_right(data: st.DataObject, q: Question) -> None:
    answer = [a for a in data.draw(answers(q)) if a.count("=") == 1 and a.split("=")[0] in
              {p.id for p in q.prompts} and q.choice(a) is not None]
    # at most one pick per prompt: keep the first
    seen: set[str] = set()
    first: list[str] = []
    for a in answer:
        if a.split("=")[0] not in seen:
            seen.add(a.split("=")[0])
            first.append(a)
    answer = first
    assert score(q, answer, PARTIAL) == _right(q, answer) / len(q.prompts)


@given(data=st.data(), q=matching_questions())
def test_partial_grows_with_every_pair_put_right(data: st.DataObject, q: Question) -> None:
    """Monotone: matching one more prompt right (the rest unchanged) raises the credit."""
    given_ = {p.id: data.draw(st.sampled_from([c.id for c in q.categories])) for p in q.prompts}
    answer = [pair_id(p, c) for p, c in given_.items()]
    before = score(q, answer, PARTIAL)
    wrong = [p for p in q.prompts if given_[p.id] != p.category]
    if wrong:
        given_[wrong[0].id] = wrong[0].category
        after = score(q, [pair_id(p, c) for p, c in given_.items()], PARTIAL)
        assert after > before
        assert abs(after - before - 1 / len(q.prompts)) < 1e-9


def test_two_categories_for_one_prompt_or_an_unknown_pair_do_not_count() -> None:
    q = matching("m", [0, 1, 1])
    assert score(q, ["p0=k0", "p0=k1", "p1=k1", "p2=k1"], PARTIAL) == 2 / 3
    assert score(q, ["p0=k0", "p1=k1", "p2=k1", "p9=k0"], PARTIAL) == 0.0  # not its pair
    assert score(q, [], PARTIAL) == 0.0
    assert score(q, ["p0=k0", "p1=k1"], PARTIAL) == 2 / 3  # one left unmatched
    assert score(q, ["p0=k0", "p1=k1"], ALL) == 0.0


def test_feedback_gives_each_prompt_its_match_where_it_belongs_and_why() -> None:
    q = matching("m", [0, 1, 1])
    feedback = build_feedback(q, ["p0=k0", "p1=k0"], score(q, ["p0=k0", "p1=k0"], PARTIAL),
                              LESSON)
    notes = {n.prompt_id: n for n in feedback.pairs}
    assert [n.prompt_id for n in feedback.pairs] == ["p0", "p1", "p2"]
    assert (notes["p0"].given, notes["p0"].right, notes["p0"].correct) == (
        "category 0", "category 0", True)
    assert (notes["p1"].given, notes["p1"].right, notes["p1"].correct) == (
        "category 0", "category 1", False)
    assert notes["p2"].given is None and not notes["p2"].correct
    assert notes["p1"].feedback == "why 1"
    assert feedback.right_answer == ("prompt 0 → category 0", "prompt 1 → category 1",
                                     "prompt 2 → category 1")
    assert feedback.verdict == "Partly correct"


@given(q=matching_questions(), seed=st.integers(0, 10_000))
def test_the_order_is_every_pair_prompt_by_prompt_categories_as_written(
    q: Question, seed: int,
) -> None:
    assert sorted(choice_order(q, random.Random(seed))) == sorted(c.id for c in q.choices)
    item = item_for(q, seed)
    order = item.order
    assert sorted(order) == sorted(c.id for c in q.choices)  # what a resumed exam checks
    assert sorted(p.id for p in item.prompts) == sorted(p.id for p in q.prompts)
    categories = [c.id for c in q.categories]
    for n, prompt in enumerate(item.prompts):
        row = order[n * len(categories):(n + 1) * len(categories)]
        assert row == tuple(pair_id(prompt.id, c) for c in categories)
    if not q.shuffle:
        assert item.prompts == q.prompts


def test_prompts_are_shuffled_across_seeds() -> None:
    q = matching("m", [0, 1, 0, 1, 0, 1])
    shown = {tuple(p.id for p in item_for(q, seed).prompts) for seed in range(20)}
    assert len(shown) > 5

"""A cache hit reads each bank's questions lazily (issue 16): a practice draw runs on the
outline and reads only the chunks of the questions shown, and the questions behave as the
tuple a fresh load gives (equal, hashed, pickled, sliced alike)."""

from __future__ import annotations

import operator
import pickle
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.bank.cache import CHUNK, StoredQuestions, load_cached, stored_questions
from quiz.bank.load import load
from quiz.engine.select import Filters
from quiz.model import Bank, Catalog, Phase
from quiz.paths import bundled_banks, bundled_scenarios
from quiz.workspace import Workspace
from tests.hypothesis_budget import examples


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("course")
    shutil.copytree(bundled_banks(), root / "question_banks")
    shutil.copytree(bundled_scenarios(), root / "scenarios")
    return root / "question_banks"


@pytest.fixture(scope="module")
def fresh(course: Path) -> Catalog:
    result = load([course])
    assert not result.errors
    return result.catalog


@pytest.fixture(scope="module")
def cache_folder(course: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cache")
    assert not load_cached([course], folder).errors  # a miss writes the entry
    return folder


def _hit(course: Path, folder: Path) -> Catalog:
    catalog = load_cached([course], folder).catalog
    assert all(stored_questions(bank) is not None for bank in catalog.banks)
    return catalog


def _stored(bank: Bank) -> StoredQuestions:
    stored = stored_questions(bank)
    assert stored is not None
    return stored


def test_a_hit_reads_no_question_until_one_is_used(
        course: Path, cache_folder: Path, fresh: Catalog) -> None:
    bank = _hit(course, cache_folder).banks[0]
    stored = _stored(bank)
    chunks = -(-len(stored) // CHUNK)
    assert chunks >= 2  # the bundled bank spans several chunks: laziness is visible
    assert stored.chunks_read == 0 and len(bank.questions) == len(fresh.banks[0].questions)
    last = len(stored) - 1
    assert bank.questions[last] == fresh.banks[0].questions[last]
    assert stored.chunks_read == 1
    assert tuple(bank.questions) == fresh.banks[0].questions
    assert stored.chunks_read == chunks


def test_the_outline_is_each_question_without_its_texts(
        course: Path, cache_folder: Path, fresh: Catalog) -> None:
    stored = _stored(_hit(course, cache_folder).banks[0])
    for light, real in zip(stored.outline, fresh.banks[0].questions, strict=True):
        assert (light.id, light.type, light.phase, light.objectives, light.scenario,
                light.difficulty, light.shuffle, light.generated, light.case) == (
            real.id, real.type, real.phase, real.objectives, real.scenario, real.difficulty,
            real.shuffle, real.generated, real.case)
        assert light.stem == "" and light.choices == () and light.source is None


def test_cached_questions_behave_as_the_tuple(
        course: Path, cache_folder: Path, fresh: Catalog) -> None:
    hit = _hit(course, cache_folder)
    bank, real = hit.banks[0], fresh.banks[0]
    assert bank == real and real == bank and operator.ne(bank, real) is False
    assert hit == fresh and hash(bank.questions) == hash(real.questions)
    assert bank.questions == real.questions and real.questions == bank.questions
    assert bank.questions[-1] == real.questions[-1]
    assert bank.questions[3:9] == real.questions[3:9]
    assert real.questions[7] in bank.questions
    assert operator.add(bank.questions, ()) == operator.add((), bank.questions) == real.questions
    with pytest.raises(IndexError):
        bank.questions[len(real.questions)]
    copied = pickle.loads(pickle.dumps(bank))
    assert type(copied.questions) is tuple and copied == real


def test_a_practice_session_reads_only_the_chunk_it_shows(
        course: Path, cache_folder: Path) -> None:
    catalog = _hit(course, cache_folder)
    session = Workspace(catalog, "ana", None).practice(Filters(), seed=1)
    stored = _stored(catalog.banks[0])
    assert stored.chunks_read == 0  # drawn on the outline
    first = session.items[0].question
    assert first.stem and first.choices
    assert stored.chunks_read == 1
    assert len(session.items) > CHUNK  # a draw over the whole bank, not over one chunk


@settings(max_examples=examples(40))
@given(seed=st.integers(1, 10**6), phase=st.sampled_from([None, *Phase]),
       objectives=st.lists(st.sampled_from(["LO1", "LO2", "LO3", "LO5", "LO8"]),
                           max_size=2, unique=True),
       generated=st.booleans(), count=st.none() | st.integers(1, 40),
       scenario=st.none() | st.sampled_from(["fraud-detection", "spam-filter"]))
def test_a_cached_catalog_draws_the_same_session_as_a_fresh_load(
        course: Path, cache_folder: Path, fresh: Catalog, seed: int, phase: Phase | None,
        objectives: list[str], generated: bool, count: int | None,
        scenario: str | None) -> None:
    filters = Filters(phase=phase, objectives=tuple(objectives), scenario=scenario,
                      include_generated=generated, count=count)
    try:
        expected = Workspace(fresh, "ana", None).practice(filters, seed)
    except Exception as exc:  # no question matches: the cached catalog says the same
        with pytest.raises(type(exc)):
            Workspace(_hit(course, cache_folder), "ana", None).practice(filters, seed)
        return
    got = Workspace(_hit(course, cache_folder), "ana", None).practice(filters, seed)
    assert [(it.question, it.order) for it in got.items] == \
        [(it.question, it.order) for it in expected.items]
    assert [q.id for q in got.items.questions[1:4]] == \
        [q.id for q in expected.items.questions[1:4]]

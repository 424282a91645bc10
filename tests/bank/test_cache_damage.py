"""A damaged catalog cache is never trusted (issue 16): its head is checked when the file is
opened (a miss), each chunk of questions when it is first read (the bank is then loaded from
its files and the cache rewritten). Whatever byte is damaged, quiz shows the questions the
files hold."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quiz.bank import cache
from quiz.bank.cache import load_cached, stored_questions
from quiz.bank.load import load
from quiz.engine.select import Filters
from quiz.errors import QuizError
from quiz.model import Catalog
from quiz.paths import bundled_banks, bundled_scenarios
from quiz.workspace import Workspace
from tests.hypothesis_budget import examples


@pytest.fixture
def course(tmp_path: Path) -> Path:
    shutil.copytree(bundled_banks(), tmp_path / "question_banks")
    shutil.copytree(bundled_scenarios(), tmp_path / "scenarios")
    return tmp_path / "question_banks"


def _entry(folder: Path) -> Path:
    (path,) = folder.glob("catalog-*.pickle")
    return path


def _head_end(data: bytes) -> int:
    """Where the head ends and the first chunk starts (the layout ``cache._read`` reads)."""
    body = len(cache._MAGIC) + 8 + cache._LENGTH
    return body + int(data[body - cache._LENGTH:body], 16)


def _flip(path: Path, place: int) -> bytes:
    """Damage one byte of ``path``; the bytes it had before."""
    data = path.read_bytes()
    path.write_bytes(data[:place] + bytes([data[place] ^ 0x5A]) + data[place + 1:])
    return data


def _written(course: Path, folder: Path) -> tuple[Catalog, bytes]:
    result = load_cached([course], folder)
    assert not result.errors
    return result.catalog, _entry(folder).read_bytes()


def test_a_damaged_chunk_is_caught_when_read_and_the_files_are_read_instead(
        course: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    fresh, whole = _written(course, folder)
    _flip(_entry(folder), _head_end(whole) + 40)  # inside the first chunk
    catalog = load_cached([course], folder).catalog
    stored = stored_questions(catalog.banks[0])
    assert stored is not None and stored.chunks_read == 0  # opened: the head is sound
    assert catalog.banks[0].questions[0] == fresh.banks[0].questions[0]
    assert catalog == fresh
    assert _entry(folder).read_bytes() == whole  # rewritten, whole


def test_a_session_drawn_over_a_damaged_chunk_is_the_session_the_files_give(
        course: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    fresh, whole = _written(course, folder)
    _flip(_entry(folder), len(whole) - 7)  # inside the last chunk
    expected = Workspace(fresh, "ana", None).practice(Filters(), seed=3)
    got = Workspace(load_cached([course], folder).catalog, "ana", None).practice(
        Filters(), seed=3)
    assert [(it.question, it.order) for it in got.items] == \
        [(it.question, it.order) for it in expected.items]


def test_a_damaged_head_is_a_miss(course: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    fresh, whole = _written(course, folder)
    _flip(_entry(folder), _head_end(whole) - 20)
    result = load_cached([course], folder)
    assert stored_questions(result.catalog.banks[0]) is None  # read from the files
    assert result.catalog == fresh
    assert _entry(folder).read_bytes() == whole


def test_a_cache_with_bytes_added_is_a_miss(course: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    _, whole = _written(course, folder)
    _entry(folder).write_bytes(whole + b"\0")
    result = load_cached([course], folder)
    assert stored_questions(result.catalog.banks[0]) is None
    assert _entry(folder).read_bytes() == whole


def test_a_damaged_chunk_after_the_banks_changed_is_a_clear_error(
        course: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    fresh, whole = _written(course, folder)
    _flip(_entry(folder), _head_end(whole) + 40)
    catalog = load_cached([course], folder).catalog  # opened before the edit below
    first = fresh.banks[0].questions[0].id
    bank = course / "training-vs-inference.yaml"
    text = bank.read_text(encoding="utf-8")
    assert f"id: {first}\n" in text
    bank.write_text(text.replace(f"id: {first}\n", f"id: {first}-renamed\n", 1),
                    encoding="utf-8")
    with pytest.raises(QuizError, match="changed since"):
        catalog.banks[0].questions[0]  # reading it is the point


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Catalog, bytes]:
    root = tmp_path_factory.mktemp("pristine")
    shutil.copytree(bundled_banks(), root / "question_banks")
    shutil.copytree(bundled_scenarios(), root / "scenarios")
    result = load([root / "question_banks"])
    assert not result.errors
    folder = root / "cache"
    load_cached([root / "question_banks"], folder)
    return root / "question_banks", result.catalog, _entry(folder).read_bytes()


@settings(max_examples=examples(25), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(share=st.floats(0, 1, exclude_max=True), mask=st.integers(1, 255))
def test_whatever_byte_is_damaged_the_catalog_is_the_files(
        pristine: tuple[Path, Catalog, bytes], tmp_path: Path, share: float,
        mask: int) -> None:
    course, fresh, whole = pristine
    folder = tmp_path / f"cache-{share}-{mask}"
    folder.mkdir()
    place = int(share * len(whole))
    damaged = whole[:place] + bytes([whole[place] ^ mask]) + whole[place + 1:]
    (folder / _entry(course.parent / "cache").name).write_bytes(damaged)
    assert load_cached([course], folder).catalog == fresh

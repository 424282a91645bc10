"""The catalog cache: served only while every file and the model are unchanged, rebuilt when it
cannot be trusted, holding a few bank sets (least recently used out), and cheap: a hit imports
neither YAML nor the validator."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import pytest

from quiz import model
from quiz.bank import cache
from quiz.bank.cache import KEEP, fingerprint_of, load_cached
from quiz.bank.result import LoadResult
from quiz.model import MODEL_TYPES, Choice, Objective, Phase, QuestionType
from quiz.paths import StrPath, bundled_banks, bundled_scenarios
from quiz.record import Value


@pytest.fixture
def course(tmp_path: Path) -> Path:
    banks = tmp_path / "question_banks"
    shutil.copytree(bundled_banks(), banks)
    shutil.copytree(bundled_scenarios(), tmp_path / "scenarios")
    return banks


def _cache_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("catalog-*.pickle"))


def test_a_hit_gives_the_same_catalog_as_a_fresh_load(course: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = load_cached([course], cache)
    assert first.errors == [] and len(_cache_files(cache)) == 1
    again = load_cached([course], cache)
    assert again.catalog == first.catalog
    assert again.catalog is not first.catalog  # read back, not kept in memory


def test_an_edited_file_is_loaded_afresh(course: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    before = load_cached([course], cache)
    bank = course / "training-vs-inference.yaml"
    text = bank.read_text(encoding="utf-8")
    bank.write_text(text.replace("title: ", "title: Edited ", 1), encoding="utf-8")
    after = load_cached([course], cache)
    assert after.catalog.banks[0].title.startswith("Edited ")
    assert after.catalog.banks[0].title != before.catalog.banks[0].title
    assert len(_cache_files(cache)) == 1  # the stale one is replaced, not kept


def test_an_edit_that_keeps_the_size_is_seen(course: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_cached([course], cache)
    bank = course / "training-vs-inference.yaml"
    text = bank.read_text(encoding="utf-8")
    edited = text.replace("title: T", "title: X", 1)
    assert len(edited) == len(text) and edited != text
    saved = bank.stat()
    bank.write_text(edited, encoding="utf-8")
    os.utime(bank, ns=(saved.st_atime_ns, saved.st_mtime_ns + 1_000_000))  # a later save
    assert load_cached([course], cache).catalog.banks[0].title.startswith("X")


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage"])
def test_a_damaged_cache_is_rebuilt(course: Path, tmp_path: Path, damage: str) -> None:
    cache = tmp_path / "cache"
    good = load_cached([course], cache)
    (path,) = _cache_files(cache)
    data = path.read_bytes()
    if damage == "truncate":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "flip":
        path.write_bytes(data[:-10] + bytes([data[-10] ^ 0xFF]) + data[-9:])
    else:
        path.write_bytes(b"not a cache at all")
    rebuilt = load_cached([course], cache)
    assert rebuilt.catalog == good.catalog
    assert _cache_files(cache)[0].read_bytes() == data  # written again, whole


def test_a_bank_with_errors_is_never_cached(course: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    (course / "broken.yaml").write_text("bank: b\ntitle: t\nlesson: nowhere\n", encoding="utf-8")
    result = load_cached([course], cache)
    assert result.errors
    assert _cache_files(cache) == []


PROBE = """
import sys
from pathlib import Path
from quiz.bank.cache import load_cached
result = load_cached([Path(sys.argv[1])], Path(sys.argv[2]))
assert not result.errors
print("yaml" in sys.modules, "quiz.bank.load" in sys.modules)
"""


def test_a_hit_imports_neither_yaml_nor_the_validator(course: Path, tmp_path: Path) -> None:
    args = [sys.executable, "-c", PROBE, str(course), str(tmp_path / "cache")]
    miss = subprocess.run(args, capture_output=True, text=True, timeout=120, check=True)
    hit = subprocess.run(args, capture_output=True, text=True, timeout=120, check=True)
    assert miss.stdout.split() == ["True", "True"]
    assert hit.stdout.split() == ["False", "False"]


class _Loads:
    """Counts the loads from YAML (misses) behind load_cached."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        real = cache._load

        def counting(paths: list[StrPath]) -> LoadResult:
            self.count += 1
            return real(paths)

        monkeypatch.setattr(cache, "_load", counting)


def test_a_model_change_misses_and_replaces_the_old_entry(
        course: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "cache"
    loads = _Loads(monkeypatch)
    first = load_cached([course], folder)
    load_cached([course], folder)
    assert loads.count == 1
    monkeypatch.setattr(cache, "_fingerprint", lambda: "a model with another field")
    again = load_cached([course], folder)
    assert loads.count == 2 and again.catalog == first.catalog
    assert len(_cache_files(folder)) == 1  # the old model's entry for these files is gone


def _fields(*specs: tuple[str, type]) -> type:
    made: type = NamedTuple("Choice", list(specs))  # type: ignore[misc]
    return made


def test_the_fingerprint_follows_the_fields_their_types_and_the_sources() -> None:
    base = fingerprint_of([_fields(("id", str), ("text", str))])
    assert base == fingerprint_of([_fields(("id", str), ("text", str))])
    assert base != fingerprint_of([_fields(("id", str), ("text", str), ("correct", bool))])
    assert base != fingerprint_of([_fields(("id", str), ("text", int))])
    assert base != fingerprint_of([_fields(("id", str), ("label", str))])
    assert base != fingerprint_of([_fields(("id", str), ("text", str))], [b"spec v2"])
    assert fingerprint_of([Phase]) != fingerprint_of([QuestionType])


def test_the_fingerprint_covers_every_model_type() -> None:
    covered = set(MODEL_TYPES)
    values = {v for v in vars(model).values() if isinstance(v, type) and issubclass(v, Value)
              and v is not Value and v.__module__ == model.__name__}
    assert values == covered
    # and sees a field added to one of them: the public class's fields are its base's
    assert fingerprint_of([Choice]) != fingerprint_of([Objective])


def _another_course(tmp_path: Path, name: str) -> Path:
    root = tmp_path / name
    banks = root / "question_banks"
    shutil.copytree(bundled_banks(), banks)
    shutil.copytree(bundled_scenarios(), root / "scenarios")
    return banks


def test_two_bank_sets_used_in_turn_both_hit(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "cache"
    one, two = _another_course(tmp_path, "one"), _another_course(tmp_path, "two")
    loads = _Loads(monkeypatch)
    for _ in range(3):
        assert not load_cached([one], folder).errors
        assert not load_cached([two], folder).errors
    assert loads.count == 2  # each set read from YAML once, then served from the cache
    assert len(_cache_files(folder)) == 2


def test_the_cache_keeps_the_most_recently_used_few(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "cache"
    courses = [_another_course(tmp_path, f"c{i}") for i in range(KEEP + 2)]
    loads = _Loads(monkeypatch)
    for course in courses[:KEEP]:
        load_cached([course], folder)
    load_cached([courses[0]], folder)  # a hit: the first set is now the most recently used
    assert loads.count == KEEP
    for course in courses[KEEP:]:  # two more sets: the two least recently used go
        load_cached([course], folder)
    assert len(_cache_files(folder)) == KEEP
    before = loads.count
    load_cached([courses[0]], folder)  # kept
    assert loads.count == before
    load_cached([courses[1]], folder)  # evicted: read again
    assert loads.count == before + 1
    assert len(_cache_files(folder)) == KEEP

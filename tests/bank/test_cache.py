"""The catalog cache: served only while every file is unchanged, rebuilt when it cannot be
trusted, and cheap: a hit imports neither YAML nor the validator."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from quiz.bank.cache import load_cached
from quiz.paths import bundled_banks, bundled_scenarios


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

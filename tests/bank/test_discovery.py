"""Which files one run reads, and that one run reports every error of every file.

A course is laid out as ``question_banks/`` (banks and ``*.lesson.yaml``) beside
``scenarios/``; naming a bank file or its folder must find the rest, from any working folder.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from quiz.bank.discover import discover
from quiz.bank.load import load
from tests.bank.bank_cases import FIXTURES

VALID = (FIXTURES / "valid.yaml").read_text(encoding="utf-8")


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """tmp/question_banks/{x.lesson.yaml, valid.yaml} and tmp/scenarios/x-scenario.yaml."""
    banks, scenarios = tmp_path / "question_banks", tmp_path / "scenarios"
    banks.mkdir()
    scenarios.mkdir()
    shutil.copy(FIXTURES / "x.lesson.yaml", banks)
    shutil.copy(FIXTURES / "valid.yaml", banks)
    shutil.copy(FIXTURES / "scenarios" / "x-scenario.yaml", scenarios)
    return tmp_path


@pytest.mark.parametrize("given", ["question_banks", "question_banks/valid.yaml"])
def test_a_bank_or_its_folder_brings_its_lesson_and_scenarios(course: Path, given: str) -> None:
    result = load([course / given])
    assert result.errors == []
    assert sorted(Path(p).name for p in result.files) == [
        "valid.yaml", "x-scenario.yaml", "x.lesson.yaml"
    ]
    assert list(result.catalog.scenarios) == ["spam-filter"]


@pytest.mark.parametrize("given", [".", "valid.yaml"])
def test_scenarios_are_found_from_inside_the_banks_folder(
    course: Path, given: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`cd question_banks && quiz validate valid.yaml` must see ../scenarios too.

    The folder of the relative path 'valid.yaml' is '.', and Path('.').parent is '.' again,
    so discover() looks for question_banks/scenarios and every scenario id is unknown.
    """
    monkeypatch.chdir(course / "question_banks")
    result = load([Path(given)])
    assert [str(d) for d in result.errors] == []
    assert "spam-filter" in result.catalog.scenarios


def test_scenarios_are_found_through_a_dotdot_path(
    course: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (course / "work").mkdir()
    monkeypatch.chdir(course / "work")
    result = load([Path("../question_banks/valid.yaml")])
    assert [str(d) for d in result.errors] == []


def test_a_scenario_named_beside_its_banks_folder_is_read_once(
    course: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`quiz validate question_banks scenarios/x-scenario.yaml`: the scenario is both given
    and context; read twice, it would clash with itself."""
    monkeypatch.chdir(course)
    result = load([Path("question_banks"), Path("scenarios/x-scenario.yaml")])
    assert [str(d) for d in result.errors] == []


def test_one_file_named_two_ways_is_read_once(
    course: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A relative and an absolute spelling of one bank: read twice, every question id
    would be a duplicate of itself."""
    monkeypatch.chdir(course)
    result = load([Path("question_banks/valid.yaml"), course / "question_banks" / "valid.yaml"])
    assert [str(d) for d in result.errors] == []
    assert len(result.catalog.banks) == 1


def test_a_folder_means_every_yaml_file_in_it_recursively(tmp_path: Path) -> None:
    (tmp_path / "more").mkdir()
    for name in ("a.yaml", "b.yml", "more/c.yaml", "notes.txt", "d.yaml.bak"):
        (tmp_path / name).write_text("bank: x\n", encoding="utf-8")
    files, problems = discover([tmp_path])
    assert problems == []
    assert [Path(p).relative_to(tmp_path).as_posix() for p in files] == [
        "a.yaml", "b.yml", "more/c.yaml"
    ]


def test_files_are_ordered_folder_by_folder_and_linked_folders_are_not_entered(
    tmp_path: Path,
) -> None:
    """The order pathlib gave (a/b.yaml before a-b.yaml); a symlinked folder is skipped, as
    ``rglob`` skipped it, so a link loop cannot make discovery run forever."""
    (tmp_path / "a").mkdir()
    for name in ("a-b.yaml", "a/b.yaml", "a/z.yml"):
        (tmp_path / name).write_text("bank: x\n", encoding="utf-8")
    (tmp_path / "a" / "loop").symlink_to(tmp_path, target_is_directory=True)
    files, problems = discover([tmp_path])
    assert problems == []
    assert [Path(p).relative_to(tmp_path).as_posix() for p in files] == [
        "a/b.yaml", "a/z.yml", "a-b.yaml"
    ]


def test_each_file_is_read_once_in_a_stable_order(course: Path) -> None:
    banks = course / "question_banks"
    once, _ = discover([banks / "valid.yaml", banks, banks / "valid.yaml"])
    again, _ = discover([banks / "valid.yaml", banks])
    assert once == again
    assert len(once) == len(set(once)) == 3


def test_a_missing_path_is_an_error_and_the_rest_still_loads(course: Path) -> None:
    result = load([course / "nope.yaml", course / "question_banks"])
    (error,) = result.errors
    assert error.path.endswith("nope.yaml")
    assert (error.line, error.column, error.message) == (1, 1, "no such file or folder")
    assert len(result.catalog.banks) == 1


BROKEN = ("unknown-key.yaml", "single-two-correct.yaml", "deep-flow.yaml")


def test_one_run_reports_every_error_of_every_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Three broken files in one folder give exactly the errors each gives alone."""
    shutil.copy(FIXTURES / "x.lesson.yaml", tmp_path)
    extra = "    difficulty: 9\n    stem: Which phase fits a model to data?\n"
    for number, name in enumerate(BROKEN, 1):
        # each its own question id: a broken question's id is checked for duplicates too
        text = (FIXTURES / name).read_text(encoding="utf-8")
        (tmp_path / name).write_text(text.replace("x-001", f"x-{number}01"), encoding="utf-8")
    # a second error in one of them: both must be listed, not just the first
    first = tmp_path / BROKEN[0]
    first.write_text(
        first.read_text(encoding="utf-8").replace(
            "    stem: Which phase fits a model to data?\n", extra
        ),
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    together = {str(d) for d in load([Path(".")]).errors}
    alone = {str(d) for name in BROKEN for d in load([Path(name)]).errors}
    assert together == alone
    assert {d.split(":")[0] for d in together} == set(BROKEN)
    assert len(together) == 4


def test_duplicate_ids_are_reported_even_when_the_file_has_other_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A typo anywhere in a bank must not hide its duplicate question ids until it is fixed:
    one run reports every error."""
    shutil.copy(FIXTURES / "x.lesson.yaml", tmp_path)
    shutil.copy(FIXTURES / "duplicate-id-across-a.yaml", tmp_path / "a.yaml")
    (tmp_path / "b.yaml").write_text(
        (FIXTURES / "duplicate-id-across-b.yaml").read_text(encoding="utf-8")
        .replace("title: X bank", "titel: X bank"),
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    errors = sorted(str(d) for d in load([Path(".")]).errors)
    assert errors == [
        "b.yaml:2:1: error: bank is missing the required key 'title'",
        "b.yaml:3:1: error: unknown key 'titel' in bank; did you mean 'title'?",
        "b.yaml:6:5: error: duplicate question id 'x-001'; first used at a.yaml:6:5 [x-001]",
    ]


def test_paths_are_shown_relative_inside_the_working_folder_and_as_given_outside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quiz.bank.discover import shown_path

    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    assert shown_path(tmp_path / "work" / "banks" / "a.yaml") == "banks/a.yaml"
    assert shown_path(Path("./banks/../banks/a.yaml")) == "banks/a.yaml"
    outside = tmp_path / "elsewhere" / "b.yaml"
    assert shown_path(outside) == str(outside)  # not ../elsewhere/b.yaml
    assert shown_path(Path("../elsewhere/b.yaml")) == "../elsewhere/b.yaml"

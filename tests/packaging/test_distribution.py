"""The distribution as users get it: name, ranges, licence, lock file, and what the wheel holds."""

from __future__ import annotations

import re
import tomllib
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
_REQUIREMENT = re.compile(r"^([A-Za-z0-9_.-]+)(?:\[[^\]]*\])?\s*(.*)$")


def _split(requirement: str) -> tuple[str, str]:
    match = _REQUIREMENT.match(requirement)
    assert match, requirement
    return match.group(1).lower().replace("_", "-"), match.group(2)


def _constraints() -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in (REPO / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            pins[name.strip().lower().replace("_", "-")] = version.strip()
    return pins


def test_distribution_name_is_not_the_unrelated_pypi_quiz() -> None:
    assert PYPROJECT["project"]["name"] != "quiz"
    assert PYPROJECT["project"]["scripts"]["quiz"] == "quiz.cli.entry:main"


@pytest.mark.parametrize("group", ["dependencies", "test"])
def test_requirements_are_ranges_not_pins(group: str) -> None:
    project = PYPROJECT["project"]
    requirements = project["dependencies"] if group == "dependencies" else (
        project["optional-dependencies"][group])
    assert requirements
    for requirement in requirements:
        _, spec = _split(requirement)
        assert "==" not in spec, f"{requirement}: a range here; exact pins in constraints.txt"
        assert spec.startswith(">="), f"{requirement}: give a lower bound"


def test_constraints_pin_every_declared_requirement_exactly() -> None:
    pins = _constraints()
    project = PYPROJECT["project"]
    declared = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    for requirement in declared:
        name, _ = _split(requirement)
        assert name in pins, f"{name} is declared but constraints.txt does not pin it"
        assert re.fullmatch(r"[0-9][0-9A-Za-z.+-]*", pins[name]), (name, pins[name])


def test_ci_and_readme_install_from_the_constraints() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "-c constraints.txt" in ci
    assert "-c constraints.txt '.[test]' && pytest" in readme


def test_licence_file_is_the_declared_mit_and_ships_in_wheel_and_sdist() -> None:
    text = (REPO / "LICENSE").read_text(encoding="utf-8")
    assert PYPROJECT["project"]["license"] == "MIT"
    assert text.startswith("MIT License")
    assert "LICENSE" in PYPROJECT["project"]["license-files"]
    assert "LICENSE" in PYPROJECT["tool"]["hatch"]["build"]["targets"]["sdist"]["include"]


@pytest.mark.slow
def test_built_wheel_holds_licence_banks_and_schemas(tmp_path: Path) -> None:
    """Build the wheel as pip does and look inside (hatchling from the build requirements)."""
    import subprocess
    import sys

    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path),
         str(REPO)], check=True, capture_output=True)
    (wheel,) = tmp_path.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert "quiz/_data/question_banks/training-vs-inference.yaml" in names
    assert any(n.startswith("quiz/_data/scenarios/") for n in names)
    assert "quiz/_data/schema/bank.schema.json" in names

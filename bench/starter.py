"""The small course of ``quiz validate``'s cold-start figure: the lesson, the first 15 of the
bundled bank's questions that set no scenario, and 2 scenarios (38 kB of YAML)."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from quiz.paths import bundled_banks, bundled_scenarios


def write_starter(folder: Path, questions: int = 15, scenarios: int = 2) -> Path:
    """The lesson, the first ``questions`` questions of the bundled bank that set no
    scenario, and ``scenarios`` scenarios, in ``folder``; returns the banks folder."""
    banks = folder / "question_banks"
    banks.mkdir(parents=True, exist_ok=True)
    for lesson in bundled_banks().glob("*.lesson.yaml"):
        shutil.copy(lesson, banks / lesson.name)
    bank = yaml.safe_load(
        (bundled_banks() / "training-vs-inference.yaml").read_text(encoding="utf-8"))
    bank["questions"] = [q for q in bank["questions"] if "scenario" not in q][:questions]
    bank.pop("generate", None)
    (banks / "starter.yaml").write_text(yaml.safe_dump(bank, sort_keys=False),
                                        encoding="utf-8")
    (folder / "scenarios").mkdir(exist_ok=True)
    for path in sorted(bundled_scenarios().glob("*.yaml"))[:scenarios]:
        shutil.copy(path, folder / "scenarios" / path.name)
    return banks

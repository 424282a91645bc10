"""Synthetic banks for benchmarks: N questions of every type, in our format, in a folder.

The questions are shaped like the real bank (stem of a few lines, four choices with feedback,
an explanation), so the figures measure what a real large bank costs.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from quiz.paths import bundled_banks

_TYPES = ("single", "multiple", "true_false", "phase", "ordering")


def _question(i: int) -> str:
    kind = _TYPES[i % len(_TYPES)]
    phase = "training" if i % 2 else "inference"
    head = f"""  - id: syn-{i:06d}
    type: {kind}
    phase: {phase}
    objectives: [LO{i % 9 + 1}, LO{(i + 4) % 9 + 1}]
    difficulty: {i % 3 + 1}
    stem: |
      A team at company {i} runs a job over {i * 7 % 1000} thousand records. The model is
      either being fitted or being used to answer requests. Which phase is this, case {i}?
"""
    tail = f"""    explanation: |
      {"Training builds" if phase == "training" else "Inference applies"}: case {i} is about
      {"learning parameters from data" if phase == "training" else "using a fitted model"}.
      Serves LO{i % 9 + 1}.
"""
    if kind == "true_false":
        body = "    answer: true\n    feedback: The statement holds for this case.\n"
    elif kind == "phase":
        body = "    feedback: Look at whether parameters change.\n"
    elif kind == "ordering":
        body = "    choices:\n" + "".join(
            f"      - {{id: s{k}, text: 'Step {k} of case {i}'}}\n" for k in range(1, 5)
        )
    else:
        right = {"a", "c"} if kind == "multiple" else {"b"}
        body = "    choices:\n" + "".join(
            f"      - id: {c}\n        text: Option {c} for case {i}, about phase {phase}\n"
            + ("        correct: true\n" if c in right
               else f"        feedback: Option {c} confuses the phases in case {i}.\n")
            for c in "abcd"
        )
    return head + body + tail


PER_FILE = 10_000
"""Questions per bank file: a file stays well under the loader's size and value caps."""


def write_bank(folder: Path, questions: int) -> Path:
    """Write ``questions`` questions (and the bundled lesson) into ``folder``; the first bank
    file's path is returned. Above ``PER_FILE`` questions they are split into several banks,
    as an instructor would, since one file is capped (docs/bank-format.md, Limits)."""
    folder.mkdir(parents=True, exist_ok=True)
    for lesson in bundled_banks().glob("*.lesson.yaml"):
        shutil.copy(lesson, folder / lesson.name)
    paths = []
    for first in range(0, questions, PER_FILE):
        count = min(PER_FILE, questions - first)
        name = f"synthetic-{questions}" + (f"-{first // PER_FILE + 1}" if questions > PER_FILE
                                           else "")
        path = folder / f"{name}.yaml"
        with path.open("w", encoding="utf-8") as out:
            out.write(f"bank: {name}\ntitle: Synthetic bank of {count}\n"
                      "lesson: training-vs-inference\nquestions:\n")
            for i in range(first, first + count):
                out.write(_question(i))
        paths.append(path)
    return paths[0]

"""Bench banks made of the bundled bank's own questions, repeated and perturbed.

The synthetic bank (``synthetic.py``) is regular and short; the bundled questions carry
per-choice feedback, longer stems and explanations, block scalars and flow lists, and cost
more per question to parse and check. These banks repeat those questions as written (the text
is copied line by line, so every YAML style the authors used is kept), giving each copy a new
id and a different first stem line, so that no two questions are identical.

Layout: ``FOLDER/question_banks/`` holds the bank files and the lesson, ``FOLDER/scenarios/``
the bundled scenarios the questions refer to, as a course is laid out.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from quiz.paths import bundled_banks, bundled_scenarios

MAX_PER_FILE = 10_000
"""A 10,000-question file of these questions is ~10 MB, under the loader's caps; larger banks
are split into files of this many questions."""

_HEADER = re.compile(r"^questions:\n", re.MULTILINE)
_QUESTION = re.compile(r"^  - id: ", re.MULTILINE)


def bundled_questions() -> list[str]:
    """The bundled bank's written questions, each as the exact text of its list item."""
    text = (bundled_banks() / "training-vs-inference.yaml").read_text(encoding="utf-8")
    body = text[_HEADER.search(text).end():]  # type: ignore[union-attr]
    starts = [m.start() for m in _QUESTION.finditer(body)]
    return [body[a:b] for a, b in zip(starts, [*starts[1:], len(body)], strict=True)]


def _perturbed(question: str, copy: int) -> str:
    """One copy of a question: a new id, and its stem's first line starts differently."""
    first, _, rest = question.partition("\n")
    head = f"{first}-r{copy:06d}\n"
    stem = rest.index("    stem:")
    line_end = rest.index("\n", stem)
    line = rest[stem:line_end]
    if line.rstrip().endswith(("|", ">")):  # block scalar: prefix its first text line
        text_start = line_end + 1
        indent = len(rest[text_start:]) - len(rest[text_start:].lstrip(" "))
        rest = (rest[:text_start + indent] + f"Case {copy} - "
                + rest[text_start + indent:])
    else:
        rest = rest[:stem] + f"    stem: Case {copy} - " + line[len("    stem: "):] \
            + rest[line_end:]
    return head + rest


def write_course(folder: Path, questions: int, per_file: int = MAX_PER_FILE) -> Path:
    """Write ``questions`` questions in files of at most ``per_file``, with the lesson and
    the scenarios; returns the question_banks folder (what ``quiz validate`` is given)."""
    banks = folder / "question_banks"
    if banks.exists():
        shutil.rmtree(folder)
    banks.mkdir(parents=True)
    for lesson in bundled_banks().glob("*.lesson.yaml"):
        shutil.copy(lesson, banks / lesson.name)
    shutil.copytree(bundled_scenarios(), folder / "scenarios")
    source = bundled_questions()
    files = (questions + per_file - 1) // per_file
    width = len(str(files))
    for f in range(files):
        first = f * per_file
        count = min(per_file, questions - first)
        name = f"real-{f + 1:0{width}d}" if files > 1 else "real"
        with (banks / f"{name}.yaml").open("w", encoding="utf-8") as out:
            out.write(f"bank: {name}\ntitle: Bundled questions, copy {f + 1}\n"
                      "lesson: training-vs-inference\nquestions:\n")
            for i in range(first, first + count):
                out.write(_perturbed(source[i % len(source)], i))
    return banks

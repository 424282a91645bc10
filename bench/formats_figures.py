"""Issue 6 figures: export, import and lint of a large bank, each ÷ `quiz validate` of it.

All are fresh `quiz` processes on the same synthetic bank, interleaved in one run: export to
each format, import of the GIFT and Aiken files just exported, and lint (validation plus
every item-writing rule, near-duplicate stems included).
"""

from __future__ import annotations

from pathlib import Path

from synthetic import write_bank
from timing import Figure, interleaved, run_quiz

_EXPORTS = {"gift": "bank.gift", "aiken": "bank.aiken.txt", "qti": "bank-qti.zip",
            "anki": "bank-anki.csv"}


def format_figures(work: Path, questions: int, runs: int) -> list[Figure]:
    folder = write_bank(work / f"formats-{questions}", questions).parent
    bank = next(p for p in sorted(folder.glob("synthetic-*.yaml")))
    out = work / f"exports-{questions}"
    out.mkdir(exist_ok=True)
    env = {"QUIZ_CACHE_DIR": str(work / "cache-formats")}

    def quiz(*args: str, ok: tuple[int, ...] = (0,)) -> None:
        run_quiz([*args], env, ok)

    def export(fmt: str) -> None:
        quiz("export", str(bank), "--to", fmt, "-o", str(out / _EXPORTS[fmt]))

    def import_(fmt: str) -> None:
        target = out / f"imported-{fmt}.yaml"
        target.unlink(missing_ok=True)
        quiz("import", str(out / _EXPORTS[fmt]), "--from", fmt, "--phase", "training",
             "--objective", "LO1", "-o", str(target))

    for fmt in _EXPORTS:
        export(fmt)  # the files the imports read
    actions = [lambda: quiz("validate", str(bank))]
    actions += [lambda fmt=fmt: export(fmt) for fmt in _EXPORTS]  # type: ignore[misc]
    actions += [lambda fmt=fmt: import_(fmt) for fmt in ("gift", "aiken")]  # type: ignore[misc]
    actions.append(lambda: quiz("lint", str(folder), ok=(0, 1)))
    validate, *measured = interleaved(runs, *actions)
    names = [f"export to {f}" for f in _EXPORTS] + ["import from gift", "import from aiken"]
    floor_name = "quiz validate of the same bank"
    figures = [Figure(f"{name}, {questions:,} questions", 6, seconds, validate, floor_name, 2.0)
               for name, seconds in zip(names, measured, strict=False)]
    figures.append(Figure(f"quiz lint, {questions:,} questions", 6, measured[-1], validate,
                          floor_name, 2.0))
    return figures

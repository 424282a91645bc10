"""The library behind ``quiz import`` and ``quiz export``: formats by name, lessons, banks.

The CLI commands only parse options, print and write files; everything they decide is here,
so tests and other tools get the same behaviour without a terminal.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from quiz.bank.dump import dump_bank
from quiz.bank.suggest import did_you_mean
from quiz.errors import Diagnostic, QuizError, Severity
from quiz.formats.common import (
    Assembled,
    Defaults,
    Exported,
    ImportResult,
    assemble,
    read_source,
    slug,
    stub_lesson,
    warning,
)
from quiz.model import Bank, CaseStudy, Catalog, Lesson, Phase, Scenario

READERS = ("gift", "aiken")
WRITERS = ("gift", "aiken", "qti", "anki")


def read(fmt: str, text: str, shown: str) -> ImportResult:
    """Parse ``text`` in format ``fmt``; raises ``BankError`` with every located error."""
    if fmt == "gift":
        from quiz.formats.gift import read_gift

        return read_gift(text, shown)
    if fmt == "aiken":
        from quiz.formats.aiken import read_aiken

        return read_aiken(text, shown)
    raise QuizError(f"cannot import from '{fmt}'; use one of: {', '.join(READERS)}")


def write(fmt: str, banks: Sequence[Bank], *, separator: str = ",",
          scenarios: Mapping[str, Scenario] | None = None) -> Exported:
    """``banks`` in format ``fmt``, with notes on whatever the format could not carry.

    ``scenarios`` (the catalog's) give each question tied to one its context paragraph,
    written before the stem (``quiz.formats.common.lead``)."""
    writer: Callable[[Sequence[Bank], Mapping[str, Scenario]], Exported]
    if fmt == "gift":
        from quiz.formats.gift import write_gift as writer
    elif fmt == "aiken":
        from quiz.formats.aiken import write_aiken as writer
    elif fmt == "qti":
        from quiz.formats.qti import write_qti as writer
    elif fmt == "anki":
        from quiz.formats.anki import write_anki

        return write_anki(banks, separator, scenarios or {})
    else:
        raise QuizError(f"cannot export to '{fmt}'; use one of: {', '.join(WRITERS)}")
    return writer(banks, scenarios or {})


def find_case_studies(folder: Path) -> dict[str, CaseStudy]:
    """The case studies the scenario files in ``folder`` define (none when it is absent)."""
    from quiz.bank.load import load

    return dict(load([folder]).catalog.case_studies) if folder.is_dir() else {}


def find_lesson(lesson_id: str, folder: Path) -> Lesson | None:
    """The lesson ``lesson_id`` if a .lesson.yaml file in ``folder`` defines it."""
    from quiz.bank.discover import LESSON_SUFFIX
    from quiz.bank.load import load

    files = sorted(folder.glob("*" + LESSON_SUFFIX)) if folder.is_dir() else []
    return load(files).catalog.lessons.get(lesson_id) if files else None


@dataclass
class ImportOutcome:
    """A bank made from a source file: its YAML text and how it was made."""

    text: str
    assembled: Assembled
    result: ImportResult
    lesson_beside: bool
    """Whether the lesson's file sits beside the output, where validation will look for it."""

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return sorted(self.result.diagnostics + self.assembled.diagnostics,
                      key=lambda d: (d.line, d.column))

    @property
    def warning_count(self) -> int:
        """Every warning, the listed ones and those past the listing limit (which
        ``diagnostics`` counts in one closing line), not the lines printed."""
        return self.result.counts.get(Severity.WARNING, 0) + sum(
            d.severity is Severity.WARNING for d in self.assembled.diagnostics)


def import_file(
    source: Path,
    fmt: str,
    output: Path,
    *,
    phase: str | None = None,
    objectives: Sequence[str] = (),
    lesson_id: str = "training-vs-inference",
) -> ImportOutcome:
    """Read ``source`` and make the bank text to write at ``output``."""
    from quiz.bank.discover import shown_path
    from quiz.paths import bundled_banks, bundled_schema

    shown = shown_path(source)
    beside = find_lesson(lesson_id, output.parent)
    lesson = beside or find_lesson(lesson_id, bundled_banks())
    unknown = [o for o in objectives if lesson is not None and lesson.objective(o) is None]
    if unknown and lesson is not None:
        known = [o.id for o in lesson.objectives]
        raise QuizError(f"--objective {unknown[0]}: lesson '{lesson_id}' has no such "
                        f"objective; it has {', '.join(known)}")
    if len(set(objectives)) != len(objectives):
        raise QuizError("--objective names the same objective twice")
    result = read(fmt, read_source(source, shown), shown)
    # validation reads the scenarios/ folder beside the bank's folder: case studies defined
    # there are taken in by id (only looked for when the source names any)
    scenarios = output.parent.resolve().parent / "scenarios"
    wanted = any(item.case is not None for item in result.questions)
    defaults = Defaults(
        bank_id=slug(output.stem) or "imported",
        title=f"Imported from {source.name}",
        lesson=lesson or stub_lesson(lesson_id),
        phase=Phase(phase) if phase else None,
        objectives=tuple(objectives),
        case_studies=find_case_studies(scenarios) if wanted else {},
        scenarios_folder=shown_path(scenarios),
    )
    assembled = assemble(result, defaults)
    if lesson is None:
        assembled.diagnostics.append(warning(
            shown, (1, 1), f"lesson '{lesson_id}' is neither beside {shown_path(output)} nor "
            "among the bundled banks: objective ids are unchecked"))
    schema = bundled_schema() / "bank.schema.json"
    try:
        hint = os.path.relpath(schema, output.parent.resolve())
    except ValueError:  # another drive on Windows
        hint = str(schema)
    text = dump_bank(assembled.bank, schema=hint.replace(os.sep, "/"),
                     review=assembled.review)
    return ImportOutcome(text, assembled, result, beside is not None)


def select_banks(catalog: Catalog, bank_id: str | None) -> list[Bank]:
    """The banks to export: one by id, or all; a question two banks share is written once."""
    banks = list(catalog.banks)
    if bank_id is not None:
        chosen = catalog.bank(bank_id)
        if chosen is None:
            raise QuizError(f"no bank '{bank_id}'" + did_you_mean(bank_id, [b.id for b in banks])
                            + "; loaded: " + (", ".join(b.id for b in banks) or "none"))
        banks = [chosen]
    if not banks:
        raise QuizError("no bank to export: the path holds no bank file")
    seen: set[str] = set()
    out = []
    for bank in banks:
        kept = tuple(q for q in bank.questions if q.id not in seen)
        seen.update(q.id for q in kept)
        out.append(bank._replace(questions=kept))
    return out

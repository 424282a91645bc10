"""Checks of scenario files: statements on the cases the lesson's rule leaves open.

Each statement becomes a "which phase is this?" item, and the learner sees only the statement.
On a case the lesson does not settle (labelling, held-out evaluation, batch scoring, A/B tests
...), a learner who answers the other way deserves to be told which line of the bank's
convention (docs/classification.md) decides it, so such a statement needs a ``why``. The topics
are found by wording, which is a heuristic: a plain statement caught by it costs one sentence
of ``why``, or a ``# lint: ignore statement-no-why`` comment on its line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from quiz.errors import QuizError
from quiz.model import Scenario, SourceRef, Statement

CONTESTED: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (topic, re.compile(pattern, re.IGNORECASE))
    for topic, pattern in (
        ("labelling", r"\blabel|\bannotat|\boutlin|\btranscri|\bmark(?:ed|ing|s)?\b"),
        ("data preparation",
         r"sampl|re-?balanc|augment|\bflipped\b|\bcropped\b|anonymi[sz]|\bremoved\b"
         r"|\bcleaned\b|\bsimulated\b|synthetic|extra weight"),
        ("held-out evaluation",
         r"held[- ](?:out|back)|kept (?:out|apart|aside)|never (?:saw|learned)|validation"
         r"|locked set|accuracy is measured|error rate is measured|before approval"),
        ("hyperparameter search",
         r"learning rate|\bsweep\b|hyperparameter|\bgrid\b|combinations of|dropout"),
        ("fine-tuning, refitting or distillation",
         r"fine-tun|\brefit|fitted again|distil|outputs are used to fit"),
        ("deployment preparation",
         r"quanti[sz]|\b8-bit\b|half-precision|\bconvert|compress|\bprun|\bcompil|packag"),
        ("feedback collection",
         r"\bclick|thumbs|feedback|\blogged\b|\bsaved\b|\brecords?\b|\bnote\b"),
        ("monitoring", r"dashboard|monitor|\bdrift\b|\bchart\b|\balert"),
        ("A/B test", r"\bversions?\b|\bA/B\b|\bhalf of\b|percent of|% of|split between"),
        ("batch scoring",
         r"\bbatch|overnight|every night|each night|at night|nightly|in bulk|backlog"),
        ("caching", r"\bcach"),
    )
)
"""The cases docs/classification.md settles, and wording that points to each."""


def contested_topic(text: str) -> str | None:
    """The first contested case ``text`` seems to be about, or None."""
    return next((topic for topic, pattern in CONTESTED if pattern.search(text)), None)


def statement_no_why(scenario: Scenario) -> Iterator[tuple[Statement, str, str]]:
    """Each statement on a contested case without a ``why``: (statement, rule id, message)."""
    for statement in scenario.statements:
        if statement.why.strip():
            continue
        topic = contested_topic(statement.text)
        if topic is not None:
            yield (statement, "statement-no-why",
                   f"{statement.phase.value} statement {statement.id} looks like {topic}, a "
                   "case the lesson leaves open, but has no 'why'; say which line of the "
                   "convention (docs/classification.md) puts it on this side")


_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
_FILE_LIMIT = 64 * 1024 * 1024


class StatementLines:
    """Finds the line a statement is written on, reading each scenario file once."""

    def __init__(self) -> None:
        self._lines: dict[str, list[str]] = {}

    def _file(self, path: str) -> list[str]:
        lines = self._lines.get(path)
        if lines is None:
            from quiz.fileio import read_regular

            try:
                text = read_regular(path, _FILE_LIMIT).decode("utf-8", errors="replace")
            except (OSError, QuizError):
                text = ""
            lines = self._lines[path] = _BREAK.split(text)
        return lines

    def at(self, scenario: Scenario, statement: Statement) -> SourceRef | None:
        """The statement's line (column of its first word), else the scenario's own position."""
        where = scenario.source
        if where is None:
            return None
        # the opening words, as YAML keeps them on the statement's first line
        probe = " ".join(statement.text.split()[:6])
        for number, line in enumerate(self._file(where.path)[where.line - 1:], start=where.line):
            column = " ".join(line.split()).find(probe)
            if column >= 0:
                return SourceRef(where.path, number, line.find(statement.text.split()[0]) + 1)
        return where

"""The Aiken format: single-choice questions as plain lines, read and written.

    Which phase turns a new input into a prediction?
    A. Training
    B. Inference
    ANSWER: B

The question text comes first (several lines are accepted and kept as lines), then one option
a line, a capital letter and ``.`` or ``)`` before its text, then ``ANSWER:`` and the letter.
Aiken has no feedback, explanations, phases or objectives: imports leave those for review
and exports report them as left out. ``ANSWER: A, C`` (not standard Aiken) becomes a
multiple question, with a warning.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from quiz.errors import Diagnostic
from quiz.formats.common import (
    Exported,
    Imported,
    ImportResult,
    choice_ids,
    clean,
    error,
    export_note,
    iter_lines,
    lead,
    lead_sources,
    removed_notes,
    shown_stem,
    warning,
)
from quiz.model import Bank, Choice, Question, QuestionType, Scenario

# Moodle: preg_match('/^[A-Z][).][ \t]?/', $nowline), then trim(substr($nowline, 2)): the
# space after the label is optional, so 'A)Text' is an option (its aiken_errors.txt fixture).
_OPTION = re.compile(r"([A-Z])[.)](.*)", re.DOTALL)
_ANSWER = re.compile(r"ANSWER\s*:\s*(.*)", re.IGNORECASE)
_TRIM = " \t\n\r\0\x0b"


class _Pending:
    """The question being read: its text lines and its options so far."""

    def __init__(self, line: int, column: int) -> None:
        self.where = (line, column)
        self.stem: list[str] = []
        self.options: list[tuple[str, str, tuple[int, int]]] = []
        self.labels: set[str] = set()
        self.twice: str | None = None  # the first label seen again; its repeats are not kept


def read_aiken(text: str, shown: str = "<aiken>") -> ImportResult:
    """Parse Aiken ``text``; raises ``BankError`` (every error, located) when it cannot."""
    result = ImportResult(shown, "Aiken")
    pending: _Pending | None = None
    for number, raw in iter_lines(text):
        line = raw.strip(_TRIM)
        if not line:
            continue
        where = (number, len(raw) - len(raw.lstrip(_TRIM)) + 1)
        option = _OPTION.fullmatch(line)
        answer = _ANSWER.fullmatch(line)
        if pending is not None and pending.options and answer:
            _finish(pending, answer.group(1).strip(_TRIM), where, result)
            pending = None
        elif answer and line.startswith("ANSWER"):
            result.add(error(shown, where, "'ANSWER:' before any options; "
                                            "list the options (A. ..., B. ...) first"))
            pending = None
        elif option:
            if pending is None:
                result.add(error(shown, where, "an option before any question "
                                                "text; a question starts with its text"))
                continue
            label = option.group(1)
            if label in pending.labels:  # at most 26 options are kept, however many lines
                pending.twice = pending.twice or label
                continue
            pending.labels.add(label)
            pending.options.append((label, option.group(2).strip(_TRIM), where))
        elif pending is not None and pending.options:
            # Moodle reports the open question as not completed here ("questionnotcomplete")
            # and starts a new question with this line; so do we, so the next one is read.
            result.add(error(shown, where, "text after the options: the question above "
                             "has no 'ANSWER: X' line, so this line starts a new question"))
            pending = _Pending(*where)
            pending.stem.append(line)
        else:
            if pending is None:
                pending = _Pending(*where)
            pending.stem.append(line)
        if result.full:
            pending = None
            break
    if pending is not None:
        result.add(error(shown, pending.where, "this question has no "
                                        "'ANSWER: X' line"))
    return result.finish()


def _answer_letters(text: str) -> list[str] | None:
    """The letters an ``ANSWER:`` line names ('B', 'A, C', 'A;C', 'A C'), or None.

    Written with ``str.split`` rather than a pattern: the pattern this replaces,
    ``[A-Z](?:\\s*[,;]?\\s*[A-Z])*``, could split each run of spaces between its two ``\\s*``
    in many ways, and took 92 s to reject 28 spaced letters and a '!' (issue 11 #8).
    """
    letters: list[str] = []
    for group in text.replace(";", ",").split(","):
        words = group.split()
        if not words or any(len(w) != 1 or not "A" <= w <= "Z" for w in words):
            return None  # nothing between two separators, or a word that is not one letter
        letters.extend(words)
    return letters


def _finish(pending: _Pending, letters: str, where: tuple[int, int],
            result: ImportResult) -> None:
    shown = result.path
    labels = [label for label, _, _ in pending.options]
    if pending.twice is not None:
        result.add(error(shown, pending.where, f"option {pending.twice} is listed twice in "
                         "this question"))
        return
    named = _answer_letters(letters)
    if named is None:
        result.add(error(shown, where, f"'ANSWER: {letters[:40]}' must name "
                                        "an option letter, e.g. 'ANSWER: B'"))
        return
    right = set(named)
    unknown = sorted(x for x in right if x not in labels)
    if unknown:
        result.add(error(shown, where, f"the answer {unknown[0]} is not one of "
                                        "the options " + ", ".join(labels)))
        return

    def skip(why: str) -> None:
        result.add(warning(shown, pending.where, f"question skipped: {why}"))

    if labels != [chr(ord("A") + i) for i in range(len(labels))]:
        result.add(warning(shown, pending.where, "options are not labelled "
                                          "A, B, C... in order; the answer is matched by label"))
    empty = next((label for label, text, _ in pending.options if not text), None)
    if empty is not None:
        skip(f"option {empty} has no text")
        return
    if len(labels) < 2:
        skip("a question needs at least two options")
        return
    kind = QuestionType.SINGLE if len(right) == 1 else QuestionType.MULTIPLE
    if kind is QuestionType.MULTIPLE:
        result.add(warning(shown, where, "several answer letters are not "
                                          "standard Aiken; imported as a multiple question"))
        if len(right) == len(labels) or len(labels) < 3:
            skip("every option is right; a question needs a wrong one")
            return
    ids = choice_ids(len(labels))
    choices = tuple(
        Choice(cid, text, label in right)
        for cid, (label, text, _) in zip(ids, pending.options, strict=True)
    )
    result.keep(Imported(
        type=kind,
        stem="\n".join(pending.stem),
        choices=choices,
        line=pending.where[0],
        column=pending.where[1],
    ))


def _one_line(text: str) -> str:
    return " ".join(clean(text).split())


def _writable(question: Question, stem: str) -> str | None:
    """Why ``question`` cannot be written as Aiken with the question line ``stem``, or None
    when it can."""
    if question.type is QuestionType.MATCHING:
        return ("a matching question: Aiken cannot express matching (it has one list of "
                "options and one answer letter)")
    if question.type in (QuestionType.MULTIPLE, QuestionType.ORDERING):
        article = "an" if question.type is QuestionType.ORDERING else "a"
        return (f"{article} {question.type.value} question: Aiken holds single-answer "
                "questions only")
    if not stem:
        return "its question text is empty once control characters are removed"
    if _OPTION.fullmatch(stem) or _ANSWER.fullmatch(stem):
        return "its question text reads like an Aiken option or ANSWER line"
    if len(question.choices) > 26:
        return "more than 26 choices"
    if any(not _one_line(c.text) for c in question.choices):
        return "a choice is empty once control characters are removed"
    return None


def write_aiken(banks: Sequence[Bank], scenarios: Mapping[str, Scenario] | None = None
                ) -> Exported:
    """Single, true_false and phase questions as Aiken; the rest reported as skipped. A
    question tied to a scenario has its context before the stem, on the same line."""
    notes: list[Diagnostic] = []
    out: list[str] = []
    count = 0
    lost = 0
    for bank in banks:
        for question in bank.questions:
            stem = _one_line(f"{lead(question, bank, scenarios or {})} "
                             f"{shown_stem(question)}")
            why = _writable(question, stem)
            if why is not None:
                notes.append(export_note(bank, question, f"skipped: {why}"))
                continue
            notes.extend(removed_notes(bank, question,
                                       lead_sources(question, bank, scenarios or {})))
            out.append(stem)
            letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
            for letter, choice in zip(letters, question.choices, strict=False):
                out.append(f"{letter}. {_one_line(choice.text)}")
            right = next(i for i, c in enumerate(question.choices) if c.correct)
            out.append(f"ANSWER: {letters[right]}")
            out.append("")
            count += 1
            lost += 1
        if lost:
            notes.append(export_note(bank, None, "Aiken has no ids, feedback, explanations, "
                                     f"phases or objectives: left out of {lost} question(s); "
                                     "line breaks in text become spaces"))
            lost = 0
    return Exported("\n".join(out).encode("utf-8"), notes, count)

"""Adding a question to a bank file as text, so the rest of the file stays byte for byte.

Re-dumping a bank would lose its comments, key order, quoting and blank lines, so ``quiz new``
never does it. It reads where the ``questions:`` list ends (from the composed YAML nodes and
their line numbers), writes the new item there in the bank format's usual style (the same
writer ``dump_bank`` uses, shifted to the file's indentation and line endings), checks the
result, and validates the file; a question that does not validate is taken out again by writing
the original bytes back.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from quiz.bank.dump import dump_bank
from quiz.bank.yaml_source import MAX_FILE_BYTES, SourceProblem, compose, decode
from quiz.errors import BankError, Diagnostic, QuizError
from quiz.fileio import read_regular, write_atomic
from quiz.model import Bank, Choice, Lesson, Phase, Question, QuestionType

if TYPE_CHECKING:
    from quiz.bank.result import LoadResult

_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
_NUMBERED = re.compile(r"^(.*?)(\d+)$")
_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Layout:
    """What appending needs to know about a bank file."""

    bank_id: str | None
    lesson_id: str | None
    ids: tuple[str, ...]
    insert_line: int  # 0-based: the new item's text goes before this line
    dash_column: int  # where the file's list items put their "-"
    newline: str
    empty_list: tuple[int, int, int] | None = None  # (line, from, to) of a "[]" to remove


def _scalar(node: yaml.Node | None) -> str | None:
    return str(node.value) if isinstance(node, yaml.ScalarNode) else None


def _get(node: yaml.Node, key: str) -> yaml.Node | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    return next((v for k, v in node.value if _scalar(k) == key), None)


def read_layout(text: str, shown: str) -> Layout:
    """Where a new question goes in ``text``; QuizError when the file cannot take one."""
    try:
        root = compose(text, shown)
    except SourceProblem as problem:
        raise BankError([problem.diagnostic]) from None
    if not isinstance(root, yaml.MappingNode) or _get(root, "bank") is None:
        raise QuizError(f"{shown}: not a bank file (it has no top-level 'bank:' key)")
    lesson = _get(root, "lesson")
    lesson_id = _scalar(lesson) if isinstance(lesson, yaml.ScalarNode) else _scalar(
        _get(lesson, "id") if lesson is not None else None)
    newline = "\r\n" if "\r\n" in text else "\n"
    key = next((k for k, _ in root.value if _scalar(k) == "questions"), None)
    items = _get(root, "questions")
    if key is None or items is None:
        raise QuizError(f"{shown}: the bank has no 'questions:' list to add to")
    where = f"{shown}:{items.start_mark.line + 1}:{items.start_mark.column + 1}"
    bank_id = _scalar(_get(root, "bank"))
    if isinstance(items, yaml.ScalarNode) and items.value == "" and not items.style:
        return Layout(bank_id, lesson_id, (), key.end_mark.line + 1,  # "questions:" alone
                      key.start_mark.column + 2, newline)
    if not isinstance(items, yaml.SequenceNode):
        raise QuizError(f"{where}: 'questions' is not a list")
    if not items.value:
        if items.start_mark.line != items.end_mark.line:
            raise QuizError(f"{where}: write the empty list as 'questions: []' or 'questions:'")
        return Layout(bank_id, lesson_id, (), items.end_mark.line + 1,
                      key.start_mark.column + 2, newline,
                      (items.start_mark.line, items.start_mark.column, items.end_mark.column))
    if items.flow_style:
        raise QuizError(f"{where}: 'questions' is written as a [flow, list]; quiz new appends "
                        "to a block list ('- id: ...' items, one under another)")
    ids = tuple(i for item in items.value if (i := _scalar(_get(item, "id"))) is not None)
    first, last = items.value[0], items.value[-1]
    lines = _lines(text)
    dash = max(lines[first.start_mark.line].rfind("-", 0, first.start_mark.column), 0)
    end = last.end_mark
    at = end.line if end.column == 0 else end.line + 1
    # A block scalar's end takes in the comments after it; a comment just above the next key
    # (no deeper than the list's dashes) belongs to that key, so the new item goes above it.
    # Blank lines are never crossed: they may be the last value's own (a "|+" block keeps them).
    while at - 1 > last.start_mark.line and _shallow_comment(lines[at - 1], dash):
        at -= 1
    return Layout(bank_id, lesson_id, ids, at, dash, newline)


def _shallow_comment(line: str, column: int) -> bool:
    stripped = line.lstrip(" ")
    return stripped.startswith("#") and len(line) - len(stripped) <= column


def _lines(text: str) -> list[str]:
    return _BREAK.split(text)


def next_id(ids: Sequence[str], bank_id: str | None) -> str:
    """The next free id in the bank's numbering (tvi-095 → tvi-096), or a first one."""
    numbered = [(m.group(1), m.group(2)) for i in ids if (m := _NUMBERED.match(i))]
    if numbered:
        prefix = Counter(p for p, _ in numbered).most_common(1)[0][0]
        digits = [d for p, d in numbered if p == prefix]
        width, number = max(len(d) for d in digits), max(int(d) for d in digits) + 1
    else:
        words = [w for w in re.split(r"[-_.\s]+", bank_id or "q") if w]
        prefix = ("".join(w[0] for w in words) if len(words) > 1 else words[0]).lower() + "-"
        width, number = 3, 1
    taken = set(ids)
    while f"{prefix}{number:0{width}d}" in taken:
        number += 1
    return f"{prefix}{number:0{width}d}"


@dataclass(frozen=True)
class DraftChoice:
    """A choice as the author gives it (ids are assigned in order: a, b, c...)."""

    text: str
    correct: bool = False
    feedback: str = ""


def make_question(
    *,
    qid: str,
    kind: QuestionType,
    phase: Phase,
    objectives: Sequence[str],
    stem: str,
    explanation: str,
    choices: Sequence[DraftChoice] = (),
    answer: bool | None = None,
    wrong_feedback: str = "",
    difficulty: int | None = None,
    scenario: str | None = None,
) -> Question:
    """A model question from what an author typed, with choices normalised as the loader does."""
    built: tuple[Choice, ...]
    if kind is QuestionType.TRUE_FALSE:
        right = bool(answer)
        built = (Choice("true", "True", right, "" if right else wrong_feedback),
                 Choice("false", "False", not right, wrong_feedback if right else ""))
    elif kind is QuestionType.PHASE:
        built = tuple(Choice(p.value, p.value.capitalize(), p is phase,
                             "" if p is phase else wrong_feedback) for p in Phase)
    else:
        letters = "abcdefghijklmnopqrstuvwxyz"
        built = tuple(
            Choice(letters[i] if i < len(letters) else f"c{i + 1}", c.text,
                   c.correct and kind is not QuestionType.ORDERING, c.feedback)
            for i, c in enumerate(choices)
        )
    return Question(id=qid, type=kind, phase=phase, objectives=tuple(objectives), stem=stem,
                    choices=built, explanation=explanation, scenario=scenario or None,
                    difficulty=difficulty,
                    shuffle=kind not in (QuestionType.TRUE_FALSE, QuestionType.PHASE))


def question_text(question: Question, dash_column: int = 2, newline: str = "\n") -> str:
    """The question as one item of a ``questions:`` list, its "-" at ``dash_column``."""
    placeholder = Lesson("lesson", "", "", {}, ())
    dumped = dump_bank(Bank("new", "new", placeholder, (question,)))
    item = dumped.split("\nquestions:\n", 1)[1]  # dump_bank puts items' "-" at column 2
    shift = dash_column - 2
    # dump_bank ends the text with one newline; blank lines before it belong to a "|+" block
    lines = [(" " * shift + line if shift >= 0 else line[-shift:]) if line else line
             for line in item[:-1].split("\n")]
    return newline.join(lines) + newline


def insert_text(text: str, layout: Layout, item: str) -> tuple[str, int]:
    """``text`` with ``item`` placed per ``layout``; also the item's first line (1-based)."""
    starts = [0] + [m.end() for m in _BREAK.finditer(text)]
    if layout.empty_list is not None:
        line, start, end = layout.empty_list
        head = text[starts[line]:]
        # "questions: []" becomes "questions:"; whatever follows on the line (a comment) stays
        text = text[:starts[line]] + head[:start].rstrip(" ") + head[end:]
        starts = [0] + [m.end() for m in _BREAK.finditer(text)]
    if layout.insert_line < len(starts):
        at = starts[layout.insert_line]
        if at == len(text) and text and not _BREAK.search(text[-2:]):
            text += layout.newline
            at = len(text)
        return text[:at] + item + text[at:], layout.insert_line + 1
    prefix = "" if not text or _BREAK.search(text[-2:]) else layout.newline
    return text + prefix + item, len(starts) + (1 if prefix else 0)


@dataclass
class Added:
    """What appending did: the new question's lines, and the validation after it."""

    path: Path
    first_line: int
    last_line: int
    result: LoadResult
    kept: bool
    text: str = ""  # the item as written (or as tried)
    new_errors: list[Diagnostic] = field(default_factory=list)
    earlier_errors: int = 0


def _write(path: Path, data: bytes) -> None:
    """Replace the file atomically, keeping its permissions (``write_atomic``)."""
    write_atomic(path, data)


def add_question(path: Path, question: Question, before: LoadResult | None = None) -> Added:
    """Append ``question`` to the bank file at ``path``; take it out again if it is invalid.

    The file is validated before and after (with the lessons and scenarios beside it): errors
    located in the new lines, naming the new id, or not there before count against the new
    question. Errors the file already had are counted but do not block the append. ``before``
    is a load of ``path`` made just now, if the caller has one (it saves loading twice).
    """
    from quiz.bank.discover import shown_path
    from quiz.bank.load import load

    target = path.resolve()  # write through a symlink, not over it
    shown = shown_path(path)
    try:
        original = read_regular(target, MAX_FILE_BYTES)  # a FIFO or device is refused
    except OSError as exc:
        raise QuizError(f"{shown}: cannot read: {exc.strerror or exc}") from None
    try:
        text = decode(original, shown)
    except SourceProblem as problem:
        raise BankError([problem.diagnostic]) from None
    layout = read_layout(text, shown)
    if question.id in layout.ids:
        raise QuizError(f"{shown}: the bank already has a question '{question.id}'")
    item = question_text(question, layout.dash_column, layout.newline)
    updated, first = insert_text(text, layout, item)
    after_layout = read_layout(updated, shown)  # the item must land as the list's last one
    if after_layout.ids[-1:] != (question.id,) or len(after_layout.ids) != len(layout.ids) + 1:
        raise QuizError(f"{shown}: could not find a safe place to append; add the question "
                        "by hand")
    last = first + len(_BREAK.findall(item)) - 1
    before = before if before is not None else load([path])
    earlier = {(d.path, d.message) for d in before.errors}
    _write(target, (_BOM if original.startswith(_BOM) else b"") + updated.encode("utf-8"))
    try:
        after = load([path])
    except BaseException:
        _write(target, original)
        raise
    new_errors = [
        d for d in after.errors
        if d.question_id == question.id
        or (d.path == shown and first <= d.line <= last)
        or (d.path, d.message) not in earlier
    ]
    kept = not new_errors
    if not kept:
        _write(target, original)
    return Added(path, first, last, after, kept, item, new_errors, len(before.errors))

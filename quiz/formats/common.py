"""What every format shares: source files in, imported questions to a bank, clean text out."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from quiz.bank.spec import ID_PATTERN
from quiz.errors import BankError, Diagnostic, Severity
from quiz.model import (
    Bank,
    CaseStudy,
    Category,
    Choice,
    Lesson,
    Phase,
    Prompt,
    Question,
    QuestionType,
    Scenario,
    SourceRef,
    matching_choices,
)
from quiz.text import reflow, with_phase_prompt

MAX_SOURCE_BYTES = 64 * 1024 * 1024
"""Larger source files are refused before reading, like bank files."""

_ID = re.compile(ID_PATTERN)
_NOT_ID = re.compile(r"[^A-Za-z0-9_.-]+")

# Characters no export may carry: C0 and C1 controls (tab and newline are kept), line and
# paragraph separators, bidirectional overrides (they can disguise text, as in terminals),
# the byte-order mark, non-characters and lone surrogates.
_UNPRINTABLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\ufeff\ufffe\uffff\ud800-\udfff]"
)


def clean(text: str) -> str:
    """``text`` without characters an export must not carry (see ``_UNPRINTABLE``)."""
    if text.isprintable():  # no control, separator, format or unassigned character at all:
        return text  # none of _UNPRINTABLE's (most one-line texts; a quick C check)
    return _UNPRINTABLE.sub("", text.replace("\r\n", "\n"))


def shown(text: str) -> str:
    """``text`` as the app shows it, cleaned: the author's line wraps joined, paragraphs
    (blank lines), list items and indented lines kept (``quiz.text.reflow``)."""
    text = clean(text).strip()
    # one line (most choices and feedback): reflow would only strip it, as done already
    return reflow(text) if "\n" in text else text


def shown_stem(question: Question, stem: str | None = None) -> str:
    """The stem as ``shown``, and for a phase question one that asks which phase: a
    hand-written phase stem describes an activity and asks nothing. ``stem``:
    ``shown(question.stem)``, when the caller has made it already."""
    stem = shown(question.stem) if stem is None else stem
    return with_phase_prompt(stem) if question.type is QuestionType.PHASE and stem else stem


def lead(question: Question, bank: Bank, scenarios: Mapping[str, Scenario]) -> str:
    """What an export sets before the stem, as ``shown`` text ('' for none).

    A question tied to a scenario carries the scenario's title ("Scenario: ...") and its
    context paragraph, as the app shows them above the question; a case-study question then
    carries the case's title, its place in the set and the case's own facts. The title is
    left out when the stem already opens with it (generated items say "Title: statement"),
    so it is never shown twice.
    """
    case = bank.case_study(question.case.id) if question.case is not None else None
    scenario = scenarios.get(question.scenario or (case.scenario if case else ""))
    parts = []
    if scenario is not None:
        title = shown(scenario.title)
        if title and not shown(question.stem).startswith(title):
            parts.append(f"Scenario: {title}")
        parts.append(shown(scenario.context))
    if case is not None and question.case is not None:
        ref = question.case
        parts.append(f"Case study: {shown(case.title)} (question {ref.position} of "
                     f"{ref.size})")
        parts.append(shown(case.context))
    return "\n\n".join(p for p in parts if p)


def lead_sources(question: Question, bank: Bank,
                 scenarios: Mapping[str, Scenario]) -> tuple[str, ...]:
    """The texts ``lead`` is made of, as written (for the control-character check)."""
    case = bank.case_study(question.case.id) if question.case is not None else None
    scenario = scenarios.get(question.scenario or (case.scenario if case else ""))
    texts = (scenario.title, scenario.context) if scenario is not None else ()
    return texts + ((case.title, case.context) if case is not None else ())


def is_id(text: str) -> bool:
    return _ID.fullmatch(text) is not None


def slug(text: str) -> str:
    """An id made from free text ('Capital of France' → 'capital-of-france'); may be ''."""
    return _NOT_ID.sub("-", text.strip().lower()).strip("-._")[:60].strip("-._")


def choice_ids(count: int) -> list[str]:
    """a, b, ..., z, aa, ab, ...: the ids imported choices get, in order."""
    out = []
    for n in range(count):
        label = ""
        n += 1
        while n:
            n, rest = divmod(n - 1, 26)
            label = chr(ord("a") + rest) + label
        out.append(label)
    return out


def warning(
    shown: str, where: tuple[int, int], message: str, question_id: str | None = None
) -> Diagnostic:
    return Diagnostic(shown, where[0], where[1], Severity.WARNING, message, question_id)


def error(shown: str, where: tuple[int, int], message: str) -> Diagnostic:
    return Diagnostic(shown, where[0], where[1], Severity.ERROR, message)


def read_source(path: Path, shown: str) -> str:
    """A source file as text: UTF-8 (a BOM is fine), no binary data; errors are located.

    Only a regular file is read (a symlink is followed), and the read stops at
    ``MAX_SOURCE_BYTES``: ``stat`` says 0 bytes for ``/dev/zero`` or a FIFO, so neither the
    kind nor the size is trusted from it (``quiz.fileio.read_regular`` checks both).
    """
    from quiz.fileio import FileKindError, FileTooLargeError, kind_of, read_regular

    try:
        data = read_regular(path, MAX_SOURCE_BYTES)
    except FileKindError:
        try:
            kind = kind_of(path.stat().st_mode)
        except OSError:
            kind = "not a regular file"
        raise BankError([error(shown, (1, 1), f"{kind}, not a regular file; name the "
                               "file to import")]) from None
    except FileTooLargeError:
        raise BankError([error(shown, (1, 1), f"file is larger than {MAX_SOURCE_BYTES:,} "
                               "bytes; split it")]) from None
    except FileNotFoundError:
        raise BankError([error(shown, (1, 1), "no such file")]) from None
    except IsADirectoryError:
        raise BankError([error(shown, (1, 1), "a directory, not a regular file; name the "
                               "file to import")]) from None
    except OSError as exc:
        raise BankError([error(shown, (1, 1), f"cannot read: {exc.strerror or exc}")]) from None
    return decode_source(data, shown)


def decode_source(data: bytes, shown: str) -> str:
    nul = data.find(b"\0")
    if nul >= 0:
        raise BankError([error(shown, _position(data, nul),
                               "binary data (a NUL byte): this is not a text file")])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BankError([error(
            shown, _position(data, exc.start),
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8",
        )]) from None
    return text.removeprefix("\ufeff")


def _position(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    return line, offset - (data.rfind(b"\n", 0, offset) + 1) + 1


def split_lines(text: str) -> list[str]:
    """Lines as editors count them (\\r\\n, \\r or \\n), and only those breaks."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def iter_lines(text: str) -> Iterator[tuple[int, str]]:
    """``(number, line)`` for the lines of ``split_lines(text)``, one at a time.

    A list of every line costs about 57 bytes a line whatever its length, which for a file
    of short lines is many times the file (issue 11 #9); this holds one line at a time.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    start, number, size = 0, 1, len(text)
    while True:
        end = text.find("\n", start)
        if end < 0:
            yield number, text[start:size]
            return
        yield number, text[start:end]
        start, number = end + 1, number + 1


@dataclass(frozen=True, slots=True)  # slots: a file holds up to millions of these
class Imported:
    """A question as a source file gave it; phase, objectives or explanation may be missing."""

    type: QuestionType
    stem: str
    choices: tuple[Choice, ...]
    line: int
    column: int
    explanation: str = ""
    id: str | None = None
    title: str = ""
    phase: Phase | None = None
    objectives: tuple[str, ...] = ()
    difficulty: int | None = None
    scenario: str | None = None
    shuffle: bool = True
    lint_ignore: tuple[str, ...] = ()
    categories: tuple[Category, ...] = ()
    prompts: tuple[Prompt, ...] = ()
    case: str | None = None
    """The case study the source says the question belongs to (GIFT's ``case=``)."""


MAX_QUESTIONS = 50_000
"""Most questions one import makes: the bank loader refuses more than 1,500,000 YAML values
(``quiz.bank.yaml_source.MAX_NODES``), about 55,000 questions, so a larger bank could not be
loaded anyway. Reading stops there, which also bounds the memory a file of tiny questions
can take (each imported question is a few hundred bytes of objects, whatever its size)."""

MAX_CHOICES = 100
"""Most answers an imported question may have; one with more is skipped, not built."""

MAX_PAIRS = 1000
"""Most (prompt, category) pairs an imported matching question may offer: each is a choice
of the model, so 100 prompts and 100 categories would make 10,000 of them."""

MAX_LISTED = 1000
"""Diagnostics of one severity listed per import; past that they are counted, not kept."""


@dataclass
class ImportResult:
    """What an importer read: questions, the warnings about them, and GIFT categories.

    Readers report through ``add``: a file of a million skipped questions would otherwise
    hold a million warnings (most of the 200 x memory of issue 11 #9) that nobody reads.
    The first ``MAX_LISTED`` of each severity are kept; ``finish`` adds one line saying how
    many more there were, so nothing goes unmentioned.
    """

    path: str
    format: str
    questions: list[Imported] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    _listed: dict[Severity, int] = field(default_factory=dict, repr=False)
    _unlisted: dict[Severity, tuple[int, int, int]] = field(default_factory=dict, repr=False)
    counts: dict[Severity, int] = field(default_factory=dict)
    """How many diagnostics of each severity were reported, listed or not."""

    @property
    def full(self) -> bool:
        """Whether ``MAX_QUESTIONS`` were imported: the reader stops reading."""
        return len(self.questions) >= MAX_QUESTIONS

    def keep(self, question: Imported) -> None:
        """Add ``question``; the one that reaches ``MAX_QUESTIONS`` also adds the error."""
        self.questions.append(question)
        if self.full:
            self.diagnostics.append(Diagnostic(
                self.path, question.line, question.column, Severity.ERROR,
                f"more than {MAX_QUESTIONS:,} questions: a bank this large cannot be loaded; "
                "reading stopped at this question, split the file into smaller ones"))

    def add(self, diagnostic: Diagnostic) -> None:
        kind = diagnostic.severity
        self.counts[kind] = self.counts.get(kind, 0) + 1
        listed = self._listed.get(kind, 0)
        if listed < MAX_LISTED:
            self._listed[kind] = listed + 1
            self.diagnostics.append(diagnostic)
            return
        count, line, column = self._unlisted.get(kind, (0, diagnostic.line, diagnostic.column))
        self._unlisted[kind] = (count + 1, line, column)

    def finish(self) -> ImportResult:
        """Say how many diagnostics were not listed, then raise the errors if there are any."""
        for kind, (count, line, column) in sorted(self._unlisted.items()):
            self.diagnostics.append(Diagnostic(
                self.path, line, column, kind,
                f"{count:,} more {kind.value}(s) from here on are not listed (only the first "
                f"{MAX_LISTED:,} are)"))
        self._unlisted.clear()
        self.raise_errors()
        return self

    def raise_errors(self) -> None:
        errors = [d for d in self.diagnostics if d.severity is Severity.ERROR]
        if errors:
            raise BankError(errors)


@dataclass(frozen=True)
class Defaults:
    """What an author said on the command line about questions the source leaves open."""

    bank_id: str
    title: str
    lesson: Lesson
    phase: Phase | None = None
    objectives: tuple[str, ...] = ()
    case_studies: Mapping[str, CaseStudy] = field(default_factory=dict)
    """The case studies defined where the bank will be validated (its ``scenarios/``)."""
    scenarios_folder: str = "scenarios"
    """How to name that folder in a warning."""


@dataclass
class Assembled:
    """An imported bank, the fields to write as placeholders, and warnings on the way."""

    bank: Bank
    review: dict[str, set[str]]
    diagnostics: list[Diagnostic]


def stub_lesson(lesson_id: str) -> Lesson:
    """A lesson known only by id: enough for a bank that refers to it."""
    return Lesson(lesson_id, lesson_id, "", {}, ())


def assemble(result: ImportResult, defaults: Defaults) -> Assembled:
    """Turn imported questions into a bank; what nobody gave is marked for review."""
    diagnostics: list[Diagnostic] = []
    used: dict[str, int] = {}
    review: dict[str, set[str]] = {}
    questions = []
    cases = _Cases(result.path, defaults, diagnostics)
    for n, item in enumerate(result.questions, 1):
        where = (item.line, item.column)
        problem = _problem(item)
        if problem is not None:
            diagnostics.append(warning(result.path, where, f"question skipped: {problem}"))
            continue
        if cases.take(item):
            continue
        qid = _pick_id(item, n, defaults.bank_id, used)
        title = item.title.strip()
        wanted = item.id or (title if is_id(title) else "")
        if wanted and qid != wanted:
            diagnostics.append(warning(result.path, where, f"id '{wanted}' is already taken; "
                                       f"this question is '{qid}'", qid))
        elif title and not wanted:
            diagnostics.append(warning(
                result.path, where,
                f"the title '{item.title}' is not kept: it is not an id; the question id is "
                f"'{qid}'", qid))
        missing = set()
        phase = item.phase or defaults.phase
        if phase is None:
            missing.add("phase")
        objectives = item.objectives or defaults.objectives
        if not objectives:
            missing.add("objectives")
        if not item.explanation.strip():
            missing.add("explanation")
        if missing:
            review[qid] = missing
        prompts = tuple(p if p.feedback.strip() else p._replace(feedback="")
                        for p in item.prompts)
        questions.append(Question(
            id=qid,
            type=item.type,
            phase=phase or Phase.TRAINING,
            objectives=objectives,
            stem=item.stem,
            choices=tuple(
                c if c.feedback.strip() or not c.feedback else c._replace(feedback="")
                for c in item.choices
            ),
            explanation=item.explanation if item.explanation.strip() else "",
            scenario=item.scenario,
            difficulty=item.difficulty,
            shuffle=item.shuffle,
            lint_ignore=tuple(r for r in item.lint_ignore if r.strip()),
            categories=item.categories,
            prompts=prompts,
            source=SourceRef(result.path, item.line, item.column),
        ))
    questions.extend(cases.questions())
    description = f"Imported from {Path(result.path).name} ({result.format})."
    if result.categories:
        description += " Categories: " + "; ".join(result.categories) + "."
    bank = Bank(
        id=defaults.bank_id,
        title=defaults.title,
        lesson=defaults.lesson,
        questions=tuple(questions),
        description=description,
        case_studies=cases.studies(),
    )
    return Assembled(bank, review, diagnostics)


class _Cases:
    """Case-study questions of an import (GIFT's ``case=``), matched with the case studies
    defined where the bank will be validated.

    A case study is written in its scenario's file and a bank takes it in by id, so when it
    is defined there, the bank names it in ``case_studies:`` and its questions are not
    written again (they would be duplicate ids, and the scenario file is where they are
    edited); a question that differs from the scenario file's is reported. A case study not
    defined there cannot be named: its questions are imported as ordinary questions.
    """

    def __init__(self, path: str, defaults: Defaults, diagnostics: list[Diagnostic]) -> None:
        self.path, self.known, self.diagnostics = path, defaults.case_studies, diagnostics
        self.folder = defaults.scenarios_folder
        self.taken: dict[str, CaseStudy] = {}
        self.unknown: set[str] = set()

    def take(self, item: Imported) -> bool:
        """Whether ``item`` is a question of a known case study (then it is not imported)."""
        if item.case is None:
            return False
        where = (item.line, item.column)
        study = self.known.get(item.case)
        same = None if study is None else next(
            (q for q in study.questions if q.id == item.id), None)
        if study is None or same is None:
            if item.case not in self.unknown:
                self.unknown.add(item.case)
                self.diagnostics.append(warning(
                    self.path, where, f"case study '{item.case}' is not defined in "
                    f"{self.folder}"
                    + ("" if study is None else f" with question '{item.id}'")
                    + ": its questions are imported as ordinary questions", item.id))
            return False
        if item.case not in self.taken:
            self.taken[item.case] = study
            ref = study.source
            self.diagnostics.append(warning(
                self.path, where, f"case study '{study.id}' is defined in "
                f"{ref.path if ref else self.folder}: the bank takes it in by id "
                "(case_studies:) and its questions are read from there, not written again",
                item.id))
        if _content(same) != _imported_content(item):
            self.diagnostics.append(warning(
                self.path, where, f"question '{same.id}' differs from the one case study "
                f"'{study.id}' defines; the case study's own is kept", same.id))
        return True

    def studies(self) -> tuple[CaseStudy, ...]:
        return tuple(self.taken.values())

    def questions(self) -> list[Question]:
        return [q for study in self.taken.values() for q in study.questions]


def _content(question: Question) -> tuple[object, ...]:
    return (question.type, shown(question.stem),
            tuple((c.id, shown(c.text), c.correct) for c in question.choices))


def _imported_content(item: Imported) -> tuple[object, ...]:
    return (item.type, shown(item.stem),
            tuple((c.id, shown(c.text), c.correct) for c in item.choices))


_LEAST = {QuestionType.SINGLE: 2, QuestionType.MULTIPLE: 3, QuestionType.ORDERING: 2,
          QuestionType.TRUE_FALSE: 2, QuestionType.PHASE: 2}


def _problem(item: Imported) -> str | None:
    """Why ``item`` would not make a valid question (the readers should never let one by)."""
    if not item.stem.strip():
        return "it has no question text"
    if item.type is QuestionType.MATCHING:
        return _matching_problem(item)
    if any(not c.text.strip() for c in item.choices):
        return "a choice has no text"
    if len({c.id for c in item.choices}) != len(item.choices):
        return "two choices share an id"
    right = sum(c.correct for c in item.choices)
    if len(item.choices) < _LEAST[item.type]:
        return f"a {item.type.value} question needs at least {_LEAST[item.type]} choices"
    if item.type in (QuestionType.SINGLE, QuestionType.TRUE_FALSE, QuestionType.PHASE):
        return None if right == 1 else "it needs exactly one right answer"
    if item.type is QuestionType.MULTIPLE and not 2 <= right < len(item.choices):
        return "it needs at least two right answers and one wrong one"
    return None


def _matching_problem(item: Imported) -> str | None:
    categories, prompts = item.categories, item.prompts
    if len(categories) < 2 or len(prompts) < 3:
        return "a matching question needs at least 3 pairs and 2 different right-hand sides"
    if any(not c.text.strip() for c in categories) or any(not p.text.strip() for p in prompts):
        return "a pair has no text on one side"
    if (len({c.id for c in categories}) != len(categories)
            or len({p.id for p in prompts}) != len(prompts)):
        return "two prompts or two categories share an id"
    used = {p.category for p in prompts}
    if not used <= {c.id for c in categories}:
        return "a prompt matches no category"
    if any(c.id not in used and not c.distractor for c in categories):
        return "a category that no prompt matches is not marked as a distractor"
    if item.choices != matching_choices(categories, prompts):
        return "its pairs do not match its prompts and categories"
    return None


def _pick_id(item: Imported, n: int, bank_id: str, used: dict[str, int]) -> str:
    """An unused id for ``item``; ``used`` maps each id taken to the next suffix to try."""
    base = ""
    if item.id and is_id(item.id):
        base = item.id
    elif item.title:
        title = item.title.strip()
        base = title if is_id(title) else slug(title)
    if not base:
        base = f"{bank_id}-{n:03d}"
    qid, k = base, used.get(base, 1)
    while qid in used:  # a counter per base keeps a thousand 'Question' titles linear
        k += 1
        qid = f"{base}-{k}"
    used[base] = k
    used.setdefault(qid, 1)
    return qid


def export_note(bank: Bank, question: Question | None, message: str) -> Diagnostic:
    """A warning about something an export could not carry, placed at its source."""
    ref = (question.source if question is not None else None) or bank.source
    path, line, column = (ref.path, ref.line, ref.column) if ref else (bank.id, 1, 1)
    return Diagnostic(path, line, column, Severity.WARNING, message,
                      question.id if question is not None else None)


_REMOVED = ("control characters (such as terminal escapes, bidirectional overrides or line "
            "separators) removed from {what}: no export carries them")


def _carries_unprintable(*texts: str) -> bool:
    # one search over them all: a tab between two texts cannot make or hide a carriage
    # return before a line feed (CRLF is allowed, a lone CR is not), and is allowed itself
    return _UNPRINTABLE.search("\t".join(texts).replace("\r\n", "\n")) is not None


def removed_notes(bank: Bank, question: Question | None = None, extra: tuple[str, ...] = ()
                  ) -> list[Diagnostic]:
    """A warning when ``clean`` drops characters from the question's texts (with ``extra``:
    its scenario's and case study's, see ``lead_sources``) or, without a question, from the
    bank's title, so nothing leaves an export without a word."""
    if question is None:
        unprintable = _carries_unprintable(bank.title)
        what = "the bank title"
    else:
        unprintable = _carries_unprintable(
            question.stem, question.explanation,
            *(t for c in question.choices for t in (c.text, c.feedback)),
            *(c.text for c in question.categories), *extra)
        what = "its text"
    return [export_note(bank, question, _REMOVED.format(what=what))] if unprintable else []


@dataclass
class Exported:
    """An export's bytes and the warnings about what it could not carry."""

    data: bytes
    notes: list[Diagnostic] = field(default_factory=list)
    count: int = 0

"""Moodle's GIFT format, read and written.

Reading follows Moodle's own importer (question/format/gift/format.php) so a file means here
what it means in Moodle: questions are separated by blank lines, ``//`` lines are comments,
``::title::`` names a question, the first ``{...}`` holds the answers, ``\\`` escapes
``~ = # { } :`` and ``\\n`` is a newline. Two liberties: a blank line inside an open ``{``
does not end the question, and ``T``/``F`` are recognised in any case.

What maps to what (docs/formats.md has the full table):

* ``=right ~wrong`` → single; several ``=`` or positive ``~%w%`` weights → multiple
  (negative and zero weights are wrong choices); per-answer ``#feedback`` → choice feedback;
* ``{T}`` ``{TRUE}`` ``{F}`` ``{FALSE}`` with ``#wrong#right`` feedback → true_false;
* ``####general feedback`` → explanation;
* matching ``=prompt -> category`` → matching: the distinct right-hand sides are the
  categories, ``= -> extra`` (nothing on the left) a distractor category; a matching
  question whose left sides are the positions 1..n → ordering (that is how we write
  ordering questions); short answer, numerical, essay and description → skipped, with a
  warning;
* ``$CATEGORY:`` → the bank's description; ``[html]``/``[moodle]`` text → plain text with
  basic tags and entities converted; ``[plain]``/``[markdown]`` → the text as written.

A ``// quiz: key=value ...`` comment line before a question carries what GIFT has no place
for (id, type, phase, objectives, difficulty, scenario, case study, shuffle, choice ids,
matching ids, lint_ignore, and how many paragraphs of context lead the stem): we write one
before every exported question, and authors can write them by hand too. A
``// quiz-feedback PROMPT: text`` line carries a matching prompt's feedback, which Moodle's
matching has no place for.
"""

from __future__ import annotations

import html
import re
from array import array
from bisect import bisect_right
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from quiz.errors import Diagnostic
from quiz.formats.common import (
    MAX_CHOICES,
    MAX_PAIRS,
    Exported,
    Imported,
    ImportResult,
    choice_ids,
    clean,
    error,
    export_note,
    is_id,
    iter_lines,
    lead,
    lead_sources,
    removed_notes,
    shown,
    shown_stem,
    slug,
    warning,
)
from quiz.model import (
    Bank,
    Category,
    Choice,
    Phase,
    Prompt,
    Question,
    QuestionType,
    Scenario,
    matching_choices,
)

_TRIM = " \t\n\r\0\x0b"  # what PHP's trim() removes, which Moodle uses throughout
_MASK = re.compile(r"\\.", re.DOTALL)
_UNESCAPE = re.compile(r"\\([\\~=#{}:n])")
_WEIGHT = re.compile(r"%\s*(-?\d+(?:\.\d*)?)\s*%")
_FORMAT = re.compile(r"\[(moodle|html|plain|markdown)\]")
_BREAK_TAG = re.compile(r"<\s*(?:br|/p|/div|/li|/tr|hr)\b[^<>]*>", re.IGNORECASE)
_KNOWN_TAG = re.compile(
    r"<\s*/?\s*(?:p|br|b|i|u|em|strong|span|div|sub|sup|code|pre|tt|ul|ol|li|a|font|h[1-6]|"
    r"table|thead|tbody|tr|td|th|hr|blockquote|small|big|s|strike|del|ins|mark|img)\b[^<>]*>",
    re.IGNORECASE,
)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_TF = {"T": True, "TRUE": True, "F": False, "FALSE": False}
_META_KEYS = ("id", "type", "phase", "objectives", "difficulty", "scenario", "case", "shuffle",
              "choices", "prompts", "categories", "lead", "lint_ignore")
_FEEDBACK_LINE = "quiz-feedback "
_META_WORD = re.compile(r"[^\s,=\x00-\x1f\x7f-\x9f]+")


def _unescape(raw: str) -> str:
    return _UNESCAPE.sub(lambda m: "\n" if m.group(1) == "n" else m.group(1), raw)


def _unentity(match: re.Match[str]) -> str:
    return html.unescape(match.group())


@dataclass
class _Chunk:
    """One question's text: comment lines removed, lines trimmed and joined with \\n.

    Where each line starts in ``text`` and where it came from in the file are kept in
    arrays (8 bytes a value, not an int object and a tuple per line): an open '{' can make
    one question of a whole file of short lines.
    """

    text: str
    starts: array[int]
    lines: array[int]
    columns: array[int]
    meta: dict[str, str] = field(default_factory=dict)
    meta_at: tuple[int, int] = (1, 1)
    feedback: dict[str, str] = field(default_factory=dict)
    """Matching prompt feedback from ``// quiz-feedback PROMPT: text`` lines, by prompt id."""

    def at(self, offset: int) -> tuple[int, int]:
        i = max(0, bisect_right(self.starts, offset) - 1)
        return self.lines[i], self.columns[i] + max(0, offset - self.starts[i])


class _Reader:
    """Reads one GIFT file into an ``ImportResult``, one question at a time.

    Each question is parsed as soon as its last line is read and only what it yields is
    kept, so memory follows the questions imported, not every line and chunk of the file
    (issue 11 #9: 4 MB of ``{}`` once took 811 MB).
    """

    def __init__(self, text: str, shown: str) -> None:
        self.text = text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
        self.shown = shown
        self.result = ImportResult(shown, "GIFT")
        self._ahead = (0, False)  # (last blank line number covered, the answer for it)
        self._mark = (1, 0)  # (a line number, the offset where it starts)

    def warn(self, where: tuple[int, int], message: str) -> None:
        self.result.add(warning(self.shown, where, message))

    def fail(self, where: tuple[int, int], message: str) -> None:
        self.result.add(error(self.shown, where, message))

    # -- splitting the file into questions ------------------------------------------------

    def chunks(self) -> Iterator[_Chunk]:
        parts: list[str] = []
        starts, lines, columns = array("q"), array("q"), array("q")
        meta: dict[str, str] = {}
        meta_at = (1, 1)
        feedback: dict[str, str] = {}
        depth = 0
        size = 0
        for number, raw in iter_lines(self.text):
            line = raw.strip(_TRIM)
            if not line:
                if parts and (depth <= 0 or self._starts_question(number)):
                    yield _Chunk("\n".join(parts), starts, lines, columns, meta, meta_at,
                                 feedback)
                    parts, meta, feedback, size, depth = [], {}, {}, 0, 0
                    starts, lines, columns = array("q"), array("q"), array("q")
                continue
            column = len(raw) - len(raw.lstrip(_TRIM)) + 1
            if line.startswith("//"):
                body = line[2:].strip(_TRIM)
                if body.startswith("quiz:"):
                    if meta:
                        self.warn((number, column), "a second '// quiz:' line for the same "
                                  "question; only the last one counts")
                    meta, meta_at = self._meta(body[5:], (number, column)), (number, column)
                elif body.startswith(_FEEDBACK_LINE):
                    self._feedback(body[len(_FEEDBACK_LINE):], (number, column), feedback)
                continue
            if not parts and line.startswith("$CATEGORY:"):
                # Moodle wants a category alone in its chunk; we also accept a question
                # right after it, which Moodle would have swallowed into the name.
                self.result.categories.append(_unescape(line[10:]).strip(_TRIM))
                continue
            masked = _MASK.sub("\0\0", line)
            depth += masked.count("{") - masked.count("}")
            starts.append(size)
            lines.append(number)
            columns.append(column)
            parts.append(line)
            size += len(line) + 1
        if parts:
            yield _Chunk("\n".join(parts), starts, lines, columns, meta, meta_at, feedback)
        elif meta:
            self.warn(meta_at, "a '// quiz:' line with no question after it")

    def _starts_question(self, number: int) -> bool:
        """Whether the next non-blank line after line ``number`` plainly starts a question.

        A blank line inside an open '{' does not end a question, unless what follows is a
        new title, comment or category: then the open brace is the mistake to report. The
        answer holds for the whole run of blank lines, so each run is scanned once.
        """
        covered, answer = self._ahead
        if number <= covered:
            return answer
        offset = self._line_start(number)
        text = self.text
        while True:
            end = text.find("\n", offset)
            line = text[offset:] if end < 0 else text[offset:end]
            stripped = line.strip(_TRIM)
            if stripped or end < 0:
                answer = not stripped or stripped.startswith(("::", "//", "$CATEGORY:"))
                break
            offset, number = end + 1, number + 1
        self._ahead = (number, answer)
        return answer

    def _line_start(self, number: int) -> int:
        """Offset of line ``number``: found from the last one asked for, moving forward."""
        line, offset = self._mark
        while line < number:
            offset = self.text.index("\n", offset) + 1
            line += 1
        self._mark = (line, offset)
        return offset

    def _meta(self, body: str, where: tuple[int, int]) -> dict[str, str]:
        meta: dict[str, str] = {}
        for word in body.split():
            key, sep, value = word.partition("=")
            if not sep or key not in _META_KEYS or not value:
                self.warn(where, f"'// quiz:' does not know '{word}'; it takes "
                          + ", ".join(f"{k}=..." for k in _META_KEYS))
                continue
            meta[key] = value
        return meta

    def _feedback(self, body: str, where: tuple[int, int], into: dict[str, str]) -> None:
        """``PROMPT: text`` of a ``// quiz-feedback`` line (text with GIFT's escapes)."""
        prompt, sep, text = body.partition(":")
        prompt = prompt.strip(_TRIM)
        if not sep or not is_id(prompt):
            self.warn(where, "'// quiz-feedback' takes a prompt id, ':' and the feedback; "
                      "ignored")
            return
        into[prompt] = _unescape(text).strip(_TRIM)

    # -- one question ---------------------------------------------------------------------

    def read(self) -> ImportResult:
        for chunk in self.chunks():
            self.question(chunk)
            if self.result.full:
                break
        return self.result.finish()

    def question(self, chunk: _Chunk) -> None:
        text = chunk.text
        masked = _MASK.sub("\0\0", text)
        begin = 0
        title = ""
        if masked.startswith("::"):
            close = masked.find("::", 2)
            if close < 0:
                self.fail(chunk.at(0), "the title opened with '::' is never closed with '::'")
                return
            title = _unescape(text[2:close]).strip(_TRIM)
            begin = close + 2
            while begin < len(text) and text[begin] in _TRIM:
                begin += 1
        opening = masked.find("{", begin)
        closing = masked.find("}", begin)
        where = chunk.at(0)
        if opening < 0 and closing < 0:
            self.warn(where, "text with no answer block {...} is a description, not a "
                      "question; skipped")
            return
        if closing < 0:
            self.fail(chunk.at(opening), "'{' is never closed with '}'")
            return
        if opening < 0 or closing < opening:
            self.fail(chunk.at(closing), "unbalanced braces: '}' without '{' before it; write "
                      "a literal brace as \\}")
            return
        again = min((i for i in (masked.find("{", closing), masked.find("}", closing + 1))
                     if i >= 0), default=-1)
        if again >= 0:
            self.fail(chunk.at(again), "a second answer block: a question has one {...}; "
                      "write a literal brace as \\{ or \\}")
            return
        after = text[closing + 1:]
        stem_raw = text[begin:opening] + ("_____" + after if after.strip(_TRIM) else "")
        answer, answer_masked = text[opening + 1:closing], masked[opening + 1:closing]
        base = opening + 1
        general = ""
        cut = answer_masked.rfind("####")
        parse = _Texts(self, where)
        stem, stem_format = parse.text(stem_raw, "moodle")
        if cut >= 0:
            general, _ = parse.text(answer[cut + 4:], stem_format)
            answer, answer_masked = answer[:cut], answer_masked[:cut]
        built = _Question(self, chunk, where, title, stem, stem_format, general, parse)
        built.build(answer, answer_masked, base)


class _Texts:
    """Turns a raw GIFT text into our plain text: format marker, HTML, escapes, trimming."""

    def __init__(self, reader: _Reader, where: tuple[int, int]) -> None:
        self.reader = reader
        self.where = where
        self.warned: set[str] = set()

    def text(self, raw: str, default: str) -> tuple[str, str]:
        raw = raw.strip(_TRIM)
        kind = default
        marker = _FORMAT.match(raw)
        if marker:
            kind = marker.group(1)
            raw = raw[marker.end():]
        value = _unescape(raw)
        if kind in ("html", "moodle"):
            value = self._from_html(value)
        return value.strip(_TRIM), kind

    def _from_html(self, value: str) -> str:
        if "<" in value:
            value = _BREAK_TAG.sub("\n", value)
            if "<img" in value.lower() and "img" not in self.warned:
                self.warned.add("img")
                self.reader.warn(self.where, "an image (<img>) cannot be imported; removed")
            stripped = _KNOWN_TAG.sub("", value)
            if stripped != value and "tags" not in self.warned:
                self.warned.add("tags")
                self.reader.warn(self.where, "HTML formatting (bold, lists, links...) is not "
                                 "kept: the text is imported without its tags")
            value = stripped
        if "&" in value:
            value = _ENTITY.sub(_unentity, value)
        return value


class _Question:
    """Builds one imported question from its parsed parts, warning about what is lost."""

    def __init__(self, reader: _Reader, chunk: _Chunk, where: tuple[int, int], title: str,
                 stem: str, stem_format: str, general: str, parse: _Texts) -> None:
        self.reader, self.chunk, self.where = reader, chunk, where
        self.title, self.stem, self.format = title, stem, stem_format
        self.general, self.parse = general, parse
        self.meta = chunk.meta

    def skip(self, why: str) -> None:
        name = f" '{self.title}'" if self.title else ""
        self.reader.warn(self.where, f"question{name} skipped: {why}")

    def build(self, answer: str, masked: str, base: int) -> None:
        stripped = answer.strip(_TRIM)
        if not stripped:
            self.skip("an essay question ({}): quiz has no free-text answers")
        elif stripped.startswith("#"):
            self.skip("a numerical question ({#...}): quiz has no numeric answers")
        elif "~" in masked:
            self.choice(answer, masked, base)
        elif "=" in masked and "->" in masked:
            self.matching(answer, masked, base)
        else:
            head = masked.find("#")
            word = (answer[:head] if head > 0 else answer).strip(_TRIM)
            if word.upper() in _TF and (head != 0):
                self.true_false(answer, masked)
            else:
                self.skip("a short-answer question: quiz has no typed answers")

    def _pieces(self, answer: str, masked: str, base: int, marks: str) -> list[tuple[str, str,
                                                                                   int]]:
        """Answer pieces: (marker, raw text after it, offset in chunk) for each marker."""
        cuts = [i for i, c in enumerate(masked) if c in marks]
        lead = answer[: cuts[0] if cuts else len(answer)].strip(_TRIM)
        if lead:
            self.reader.fail(self.chunk.at(base), f"answer text '{lead[:30]}' before the first "
                             f"'{marks[0]}'; each answer starts with "
                             + " or ".join(f"'{m}'" for m in marks))
            return []
        ends = [*cuts[1:], len(answer)]
        return [(answer[c], answer[c + 1:e], base + c) for c, e in zip(cuts, ends, strict=True)]

    def too_many(self, masked: str, marks: str) -> bool:
        """Skip a question with more than ``MAX_CHOICES`` answers before building any."""
        count = sum(masked.count(m) for m in marks)
        if count > MAX_CHOICES:
            self.skip(f"{count:,} answers; an imported question may have at most "
                      f"{MAX_CHOICES}")
        return count > MAX_CHOICES

    def choice(self, answer: str, masked: str, base: int) -> None:
        if self.too_many(masked, "~="):
            return
        pieces = self._pieces(answer, masked, base, "~=")
        if not pieces:
            return
        single_mode = "=" in masked
        texts: list[str] = []
        feedbacks: list[str] = []
        weights: list[float] = []
        kept: list[tuple[str, int]] = []  # (marker, offset) of each answer kept
        for n, (mark, raw, offset) in enumerate(pieces):
            weight = 100.0 if mark == "=" else 0.0
            body = raw.lstrip(_TRIM)
            if mark == "~":
                found = _WEIGHT.match(body)
                if found:
                    weight = float(found.group(1))
                    body = body[found.end():]
                    if not -100 <= weight <= 100:
                        self.reader.warn(self.chunk.at(offset),
                                         f"weight {found.group(1)}% is outside -100..100")
            body_masked = _MASK.sub("\0\0", body)
            hash_at = body_masked.find("#")
            text_raw, feedback_raw = (body, "") if hash_at < 0 else (body[:hash_at],
                                                                    body[hash_at + 1:])
            text, _ = self.parse.text(text_raw, self.format)
            if not text:
                # Moodle's save_question_options skips an answer whose text is blank. '~=a'
                # is the common case: Moodle rewrites '=' as '~=' and splits on '~', so it
                # reads as an empty answer and the right answer 'a' (format.php).
                tilde_equals = (mark == "~" and not raw.strip(_TRIM) and n + 1 < len(pieces)
                                and pieces[n + 1][0] == "=")
                if not tilde_equals:
                    self.reader.warn(self.chunk.at(offset), f"answer {n + 1} has no text: "
                                     "left out, as Moodle does")
                continue
            feedback, _ = self.parse.text(feedback_raw, self.format)
            texts.append(text)
            feedbacks.append(feedback)
            weights.append(weight)
            kept.append((mark, offset))
        if len(texts) < 2:
            self.skip("a choice question needs at least two answers with text")
            return
        if single_mode:
            right = [w >= 100 and m == "=" for (m, _), w in zip(kept, weights, strict=True)]
            for (mark, offset), w in zip(kept, weights, strict=True):
                if mark == "~" and w > 0:
                    self.reader.warn(self.chunk.at(offset), f"partial credit ({w:g}%) is not "
                                     "kept: with '=' answers present, this one counts as wrong")
            if sum(right) > 1:
                self.reader.warn(self.where, "several '=' answers: in Moodle any one of them "
                                 "is right; here it becomes a multiple question where the "
                                 "learner must pick all of them")
        else:
            right = [w > 0 for w in weights]
            positive = [w for w in weights if w > 0]
            if len(set(positive)) > 1:
                self.reader.warn(self.where, "unequal weights ("
                                 + ", ".join(f"{w:g}%" for w in positive)
                                 + ") are not kept: every right answer counts the same")
            if positive and abs(sum(positive) - 100) > 0.5:
                self.reader.warn(self.where, f"the positive weights add up to "
                                 f"{sum(positive):g}%, not 100%")
            if len(positive) == 1:
                # With no '=' Moodle sets single = 0: check boxes, and each wrong tick costs
                # its negative weight. Our single choice keeps the one right answer.
                self.reader.warn(self.where, "no '=' answer: in Moodle several answers may "
                                 "be ticked, each wrong tick costing its weight; here it is "
                                 "a single-choice question whose right answer is the one "
                                 "with a positive weight")
        count = sum(right)
        if count == 0:
            self.skip("no answer is marked right ('=' or a positive '~%weight%')")
            return
        if count == len(texts):
            self.skip("every answer is right; a question needs a wrong one")
            return
        kind = QuestionType.SINGLE if count == 1 else QuestionType.MULTIPLE
        if kind is QuestionType.MULTIPLE and len(texts) < 3:
            self.skip("two answers that are both right")
            return
        ids = self.choice_ids(len(texts))
        choices = tuple(
            Choice(cid, text, ok, fb)
            for cid, text, ok, fb in zip(ids, texts, right, feedbacks, strict=True)
        )
        if self.meta.get("type") == "phase" and kind is QuestionType.SINGLE:
            self.phase(choices)
            return
        self.emit(kind, choices)

    def phase(self, choices: tuple[Choice, ...]) -> None:
        names = {c.text.strip().lower(): c for c in choices}
        if len(choices) != 2 or set(names) != {p.value for p in Phase}:
            self.reader.warn(self.where, "'type=phase' needs exactly the answers Training and "
                             "Inference; imported as a single question")
            self.emit(QuestionType.SINGLE, choices)
            return
        right = next(c for c in choices if c.correct)
        phase = Phase(right.text.strip().lower())
        wrong = next(c for c in choices if not c.correct)
        if self.meta.get("phase") not in (None, phase.value):
            self.reader.warn(self.where, f"'phase={self.meta['phase']}' disagrees with the "
                             f"right answer; the answer wins: {phase.value}")
        self.emit(QuestionType.PHASE, tuple(
            Choice(p.value, p.value.capitalize(), p is phase, "" if p is phase else wrong.feedback)
            for p in Phase
        ), phase=phase)

    def true_false(self, answer: str, masked: str) -> None:
        cuts = [i for i, c in enumerate(masked) if c == "#"][:2]
        bounds = [0, *[c + 1 for c in cuts]]
        ends = [*cuts, len(answer)]
        parts = [answer[b:e] for b, e in zip(bounds, ends, strict=True)]
        value = _TF[parts[0].strip(_TRIM).upper()]
        wrong = self.parse.text(parts[1], self.format)[0] if len(parts) > 1 else ""
        right = self.parse.text(parts[2], self.format)[0] if len(parts) > 2 else ""
        explanation = self.general
        if right and explanation:
            self.reader.warn(self.where, "feedback for the right answer has no place of its "
                             "own; it is kept at the end of the explanation")
            explanation = f"{explanation}\n\n{right}"
        elif right:
            explanation = right
        choices = (
            Choice("true", "True", value, "" if value else wrong),
            Choice("false", "False", not value, wrong if value else ""),
        )
        self.emit(QuestionType.TRUE_FALSE, choices, explanation=explanation)

    def matching(self, answer: str, masked: str, base: int) -> None:
        if self.too_many(masked, "="):
            return
        pieces = self._pieces(answer, masked, base, "=")
        if not pieces:
            return
        pairs = []
        for _, raw, offset in pieces:
            arrow = _MASK.sub("\0\0", raw).find("->")
            if arrow < 0:
                self.reader.fail(self.chunk.at(offset), "a matching pair needs '->' between "
                                 "its two sides")
                return
            left = self.parse.text(raw[:arrow], self.format)[0]
            right = _unescape(raw[arrow + 2:]).strip(_TRIM)
            pairs.append((left, right, offset))
        positions = [p[0] for p in pairs]
        wanted = [str(i) for i in range(1, len(pairs) + 1)]
        if (self.meta.get("type") != QuestionType.MATCHING.value and len(pairs) >= 2
                and sorted(positions, key=lambda s: (len(s), s)) == wanted):
            self.ordering(pairs)
        else:
            self.match(pairs)

    def ordering(self, pairs: list[tuple[str, str, int]]) -> None:
        steps = [text for _, text, _ in sorted(pairs, key=lambda p: int(p[0]))]
        if not all(steps):
            self.skip("an ordering step has no text")
            return
        ids = self.choice_ids(len(steps))
        self.emit(QuestionType.ORDERING, tuple(
            Choice(cid, text) for cid, text in zip(ids, steps, strict=True)
        ))

    def match(self, pairs: list[tuple[str, str, int]]) -> None:
        """A Moodle matching question: each ``left -> right`` a prompt and its category (the
        distinct right-hand sides, in the order they first appear), ``= -> extra`` a
        distractor category, as Moodle reads an empty left side as an extra answer."""
        prompts: list[tuple[str, str]] = []
        texts: list[str] = []
        for n, (left, right, offset) in enumerate(pairs, 1):
            if not right:
                if left:
                    self.skip(f"pair {n} has nothing after '->'")
                    return
                self.reader.warn(self.chunk.at(offset), f"pair {n} is empty: left out, as "
                                 "Moodle does")
                continue
            if right not in texts:
                texts.append(right)
            if left:
                prompts.append((left, right))
        if len(prompts) < 3 or len(texts) < 2:
            self.skip("a matching question needs at least 3 pairs and 2 different right-hand "
                      "sides")
            return
        if len(prompts) * len(texts) > MAX_PAIRS:
            self.skip(f"{len(prompts)} prompts and {len(texts)} categories make more than "
                      f"{MAX_PAIRS:,} pairs to offer")
            return
        built = self._declared_pairs(prompts, texts) or self._derived_pairs(prompts, texts)
        categories, prompt_items = built
        given = self.chunk.feedback
        unknown = sorted(set(given) - {p.id for p in prompt_items})
        if unknown:
            self.reader.warn(self.chunk.meta_at, f"'// quiz-feedback {unknown[0]}': the "
                             "question has no such prompt; ignored")
        prompt_items = tuple(p._replace(feedback=given.get(p.id, "")) for p in prompt_items)
        self.emit(QuestionType.MATCHING, matching_choices(categories, prompt_items),
                  categories=categories, prompts=prompt_items)

    def _derived_pairs(self, prompts: list[tuple[str, str]], texts: list[str]
                       ) -> tuple[tuple[Category, ...], tuple[Prompt, ...]]:
        """Ids made up: a category's from its text when that makes a fresh id ('Training'
        gives 'training'), else c1, c2...; prompts p1, p2..."""
        ids: list[str] = []
        for n, text in enumerate(texts, 1):
            made = slug(text)
            ids.append(made if is_id(made) and made not in ids else f"c{n}")
        if len(set(ids)) != len(ids):
            ids = [f"c{n}" for n in range(1, len(texts) + 1)]
        of = dict(zip(texts, ids, strict=True))
        used = {right for _, right in prompts}
        categories = tuple(Category(of[t], t, t not in used) for t in texts)
        return categories, tuple(Prompt(f"p{n}", left, of[right])
                                 for n, (left, right) in enumerate(prompts, 1))

    def _declared_pairs(self, prompts: list[tuple[str, str]], texts: list[str]
                        ) -> tuple[tuple[Category, ...], tuple[Prompt, ...]] | None:
        """The ids of ``prompts=p1:cat,...`` and ``categories=...`` (in the order shown),
        when they fit the pairs; None (reported) when there are none or they do not fit."""
        meta = self.meta
        if "prompts" not in meta and "categories" not in meta:
            return None
        entries = [e.partition(":") for e in meta.get("prompts", "").split(",")]
        order = meta.get("categories", "").split(",")
        text_of: dict[str, str] = {}
        fits = (len(entries) == len(prompts) and all(s and is_id(p) and is_id(c)
                                                     for p, s, c in entries)
                and len({p for p, _, _ in entries}) == len(entries)
                and all(is_id(c) for c in order) and len(set(order)) == len(order))
        for (_, _, cid), (_, right) in zip(entries, prompts, strict=False):
            fits = fits and cid in order and text_of.setdefault(cid, right) == right
        extra = [t for t in texts if t not in text_of.values()]
        spare = [c for c in order if c not in text_of]
        fits = (fits and len(extra) == len(spare)
                and len(set(text_of.values())) == len(text_of))
        if not fits:
            self.reader.warn(self.chunk.meta_at, "'prompts=' and 'categories=' do not fit "
                             "the pairs; ids are made from the texts")
            return None
        text_of.update(zip(spare, extra, strict=True))
        categories = tuple(Category(c, text_of[c], c in spare) for c in order)
        return categories, tuple(Prompt(pid, left, cid) for (pid, _, cid), (left, _)
                                 in zip(entries, prompts, strict=True))

    def choice_ids(self, count: int) -> list[str]:
        given = self.meta.get("choices")
        if given:
            ids = given.split(",")
            if len(ids) == count and len(set(ids)) == count and all(is_id(i) for i in ids):
                return ids
            self.reader.warn(self.chunk.meta_at, f"'choices={given}' does not name {count} "
                             "distinct ids; the choices are a, b, c...")
        return choice_ids(count)

    def emit(self, kind: QuestionType, choices: tuple[Choice, ...], *,
             phase: Phase | None = None, explanation: str | None = None,
             categories: tuple[Category, ...] = (), prompts: tuple[Prompt, ...] = ()) -> None:
        meta, at = self.meta, self.chunk.meta_at
        stem = self._without_lead(self.stem)
        if not stem:
            self.skip("it has no question text")
            return
        declared = meta.get("type")
        if declared and declared != kind.value:
            self.reader.warn(at, f"'type={declared}' does not fit the answers; imported as "
                             f"{kind.value}")
        if phase is None and "phase" in meta:
            phase = _enum(Phase, meta["phase"])
            if phase is None:
                self.reader.warn(at, f"'phase={meta['phase']}' is not training or inference")
        objectives = tuple(meta.get("objectives", "").split(",")) if "objectives" in meta else ()
        if not all(is_id(o) for o in objectives) or len(set(objectives)) != len(objectives):
            self.reader.warn(at, f"'objectives={meta['objectives']}' must be distinct ids "
                             "separated by commas; ignored")
            objectives = ()
        difficulty = None
        if "difficulty" in meta:
            if meta["difficulty"] in ("1", "2", "3"):
                difficulty = int(meta["difficulty"])
            else:
                self.reader.warn(at, "'difficulty' must be 1, 2 or 3")
        scenario = meta.get("scenario")
        if scenario is not None and not is_id(scenario):
            self.reader.warn(at, f"'scenario={scenario}' is not an id; ignored")
            scenario = None
        case = meta.get("case")
        if case is not None and not is_id(case):
            self.reader.warn(at, f"'case={case}' is not an id; ignored")
            case = None
        qid = meta.get("id")
        if qid is not None and not is_id(qid):
            self.reader.warn(at, f"'id={qid}' is not an id (letters, digits, '-', '_', '.'); "
                             "ignored")
            qid = None
        fixed = kind in (QuestionType.TRUE_FALSE, QuestionType.PHASE)
        given = meta.get("shuffle", "true")
        if given not in ("true", "false"):  # the values docs/formats.md lists, no others
            self.reader.warn(at, f"'shuffle={given}' must be true or false; ignored (the "
                             "choices are shuffled)")
            given = "true"
        shuffle = not fixed and given != "false"
        ignore = tuple(meta["lint_ignore"].split(",")) if meta.get("lint_ignore") else ()
        self.reader.result.keep(Imported(
            type=kind,
            stem=stem,
            choices=choices,
            line=self.where[0],
            column=self.where[1],
            explanation=self.general if explanation is None else explanation,
            id=qid,
            title=self.title if qid is None else "",
            phase=phase,
            objectives=objectives,
            difficulty=difficulty,
            scenario=scenario,
            shuffle=shuffle,
            lint_ignore=tuple(i for i in ignore if i),
            categories=categories,
            prompts=prompts,
            case=case,
        ))

    def _without_lead(self, stem: str) -> str:
        """The stem without the ``lead=N`` paragraphs of context an export set before it."""
        given = self.meta.get("lead")
        if given is None:
            return stem
        paragraphs = stem.split("\n\n")
        if not given.isdigit() or not 0 < int(given) < len(paragraphs):
            self.reader.warn(self.chunk.meta_at, f"'lead={given}' must be a number of "
                             "paragraphs before the question's own text; the whole text is "
                             "kept")
            return stem
        return "\n\n".join(paragraphs[int(given):])


def _enum(kind: type[Phase], value: str) -> Phase | None:
    try:
        return kind(value)
    except ValueError:
        return None


def read_gift(text: str, shown: str = "<gift>") -> ImportResult:
    """Parse GIFT ``text``; raises ``BankError`` (every error, located) when it cannot."""
    return _Reader(text, shown).read()


# -- writing ------------------------------------------------------------------------------

_SPECIALS = "~=#{}:"
"""GIFT's special characters but the backslash, which ``_escape`` escapes first."""


def _escape(text: str, marker: bool = True) -> str:
    """``text`` as GIFT: specials escaped, newlines as \\n, kept as plain text in Moodle.

    The text is ``shown``: the author's line wraps are joined as the app joins them, so
    only paragraph, list and indent breaks become \\n.

    ``marker=False`` is for the right side of a matching pair, which Moodle reads as plain
    text without looking for a format marker.
    """
    body = shown(text).replace("\\", "\\\\")  # first: the escapes added below stay single
    for special in _SPECIALS:  # each alone: 7 scans in C beat a regex sub with a template
        body = body.replace(special, "\\" + special)
    body = body.replace("\n", "\\n")
    if marker and (body.startswith("[") or "<" in body or "&" in body):
        return "[plain]" + body  # Moodle would read tags, entities or a marker otherwise
    return body


def _weight(value: float) -> str:
    return f"{value:.5f}".rstrip("0").rstrip(".")


def _meta_line(question: Question, notes: list[Diagnostic], bank: Bank, lead_count: int) -> str:
    words = [f"id={question.id}", f"type={question.type.value}",
             f"phase={question.phase.value}"]
    good = [o for o in question.objectives if is_id(o)]
    if good:
        words.append("objectives=" + ",".join(good))
    if question.difficulty is not None:
        words.append(f"difficulty={question.difficulty}")
    if question.scenario and is_id(question.scenario):
        words.append(f"scenario={question.scenario}")
    if question.case is not None and is_id(question.case.id):
        words.append(f"case={question.case.id}")
    if not question.shuffle and question.type not in (QuestionType.TRUE_FALSE,
                                                      QuestionType.PHASE):
        words.append("shuffle=false")
    if question.type is QuestionType.MATCHING:
        words.append("prompts=" + ",".join(f"{p.id}:{p.category}" for p in question.prompts))
        words.append("categories=" + ",".join(c.id for c in question.categories))
    elif question.type not in (QuestionType.TRUE_FALSE, QuestionType.PHASE):
        words.append("choices=" + ",".join(c.id for c in question.choices))
    if lead_count:
        words.append(f"lead={lead_count}")
    ignore = [r for r in question.lint_ignore if _META_WORD.fullmatch(r) and clean(r) == r]
    if len(ignore) < len(question.lint_ignore):
        notes.append(export_note(bank, question, "lint_ignore entries with spaces, commas or "
                                 "'=' cannot be carried in the '// quiz:' line; left out"))
    if ignore:
        words.append("lint_ignore=" + ",".join(ignore))
    return "// quiz: " + " ".join(words)


def _unwritable_matching(question: Question) -> str | None:
    """Why a matching question cannot be written as GIFT matching, or None."""
    prompts = [shown(p.text) for p in question.prompts]
    categories = [shown(c.text) for c in question.categories]
    if not all(prompts) or not all(categories):
        return "a prompt or category is empty once control characters are removed"
    if any("->" in p for p in prompts):
        return "a prompt contains '->', which GIFT reads as the end of the prompt"
    if len(set(categories)) != len(categories):
        return "two categories read the same, and GIFT tells categories apart by their text"
    return None


def _question(question: Question, notes: list[Diagnostic], bank: Bank,
              scenarios: Mapping[str, Scenario]) -> list[str]:
    context = lead(question, bank, scenarios)
    stem = shown_stem(question)
    count = len(context.split("\n\n")) if context else 0
    text = context + "\n\n" + stem if context else stem
    title = f"::{_escape(question.id)}::{_escape(text)}{{"
    out = [_meta_line(question, notes, bank, count)]
    kind = question.type
    if kind is QuestionType.MATCHING:
        out += [f"// {_FEEDBACK_LINE}{p.id}: {_escape(p.feedback, marker=False)}"
                for p in question.prompts if shown(p.feedback)]
    out.append(title)
    notes.extend(removed_notes(bank, question, lead_sources(question, bank, scenarios)))
    if kind is QuestionType.TRUE_FALSE:
        right = next(c for c in question.choices if c.correct)
        wrong = next((c.feedback for c in question.choices if not c.correct), "")
        head = "TRUE" if right.id == "true" else "FALSE"
        out[-1] += head + (f"#{_escape(wrong)}" if wrong else "")
    elif kind is QuestionType.ORDERING:
        for n, choice in enumerate(question.choices, 1):
            out.append(f"\t={n} -> {_escape(choice.text, marker=False)}")
        if any(c.feedback for c in question.choices):
            notes.append(export_note(bank, question, "ordering is written as GIFT matching, "
                                     "which has no per-step feedback; step feedback left out"))
    elif kind is QuestionType.MATCHING:
        named = {c.id: c.text for c in question.categories}
        for prompt in question.prompts:
            out.append(f"\t={_escape(prompt.text)} -> {_escape(named[prompt.category], False)}")
        for category in question.categories:
            if category.distractor:  # Moodle reads an empty left side as an extra answer
                out.append(f"\t= -> {_escape(category.text, marker=False)}")
    else:
        right_count = sum(c.correct for c in question.choices)
        for choice in question.choices:
            if kind is QuestionType.MULTIPLE:
                share = 100 / right_count
                mark = f"~%{_weight(share)}%" if choice.correct else f"~%-{_weight(share)}%"
            else:
                mark = "=" if choice.correct else "~"
            text = _escape(choice.text)
            if mark == "~" and text.startswith("%"):
                mark = "~%0%"  # else the text's own %...% would be read as a weight
            line = f"\t{mark}{text}"
            if choice.feedback:
                line += f"#{_escape(choice.feedback)}"
            out.append(line)
    if question.explanation.strip():
        out.append(f"\t####{_escape(question.explanation)}")
    out.append("}")
    return out


def write_gift(banks: Sequence[Bank], scenarios: Mapping[str, Scenario] | None = None
               ) -> Exported:
    """Every question of ``banks`` as GIFT, each bank under a ``$CATEGORY:`` of its id; a
    question tied to a scenario has its context before the stem (``lead``)."""
    notes: list[Diagnostic] = []
    out = ["// Exported by quiz. '// quiz:' lines keep what GIFT has no place for "
           "(id, phase, objectives...).", ""]
    count = 0
    for bank in banks:
        out.append(f"$CATEGORY: {clean(bank.id)}")
        out.append("")
        for question in bank.questions:
            why = (_unwritable_matching(question)
                   if question.type is QuestionType.MATCHING else None)
            if why is not None:
                notes.append(export_note(bank, question, f"skipped: {why}"))
                continue
            out.extend(_question(question, notes, bank, scenarios or {}))
            out.append("")
            count += 1
        if any(q.type is QuestionType.ORDERING for q in bank.questions):
            notes.append(export_note(bank, None, "ordering questions are written as GIFT "
                                     "matching: position 1, 2, 3... → step"))
        if any(p.feedback for q in bank.questions for p in q.prompts):
            notes.append(export_note(bank, None, "Moodle's matching has no feedback per "
                                     "prompt: it is kept in '// quiz-feedback' lines, which "
                                     "quiz reads back and Moodle ignores"))
    return Exported("\n".join(out).encode("utf-8"), notes, count)

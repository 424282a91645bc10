"""Writing a bank back out as bank YAML, in the style authors write by hand.

The loader turns YAML into a ``Bank``; this module goes the other way, so importers can write
banks and tools can rewrite them. ``load_text(dump_bank(bank, lesson_ref=False))`` gives back
an equal bank for any valid bank; a hypothesis property in tests/formats/ holds us to that.

Scalars are emitted by hand rather than through ``yaml.safe_dump``: building a PyYAML emitter
per value costs about a hundred times more than the regular expressions below, and a
10,000-question bank has some 150,000 values. Each value takes the first style that can carry
it exactly: plain when nothing in it means anything to YAML, a ``|`` literal block for tidy
multi-line text, and a double-quoted string with escapes for everything else (control
characters, leading or trailing spaces, line separators YAML would normalise).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping

import yaml

from quiz.model import Bank, Lesson, Phase, Question, QuestionType, ScoringSpec

SCHEMA_HINT = "../schema/bank.schema.json"
"""Where the JSON Schema sits relative to a bank in question_banks/ (the editor hint)."""

REVIEW = "REVIEW"
"""The placeholder written for a phase the source did not give; validation refuses it."""

REVIEW_FIELDS = frozenset({"phase", "objectives", "explanation"})
"""Fields an importer may leave for an author to fill in."""

_REVIEW_NOTES = {
    "phase": "choose training or inference",
    "objectives": "list the objective ids this question serves, e.g. [LO1]",
    "explanation": "explain which side of the rule applies, and why",
}

# Characters YAML cannot hold raw in a scalar, or would fold or normalise: C0 and C1 controls
# (tab and newline included: they are escaped in quoted strings), the Unicode line and
# paragraph separators, the byte-order mark, non-characters, and lone surrogates.
_ODD = "\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff"
_ESCAPE = re.compile(f"[\\\\\"\x00-\x1f{_ODD}]")
_UNSAFE_IN_BLOCK = re.compile(f"[\x00-\x08\x0b-\x1f{_ODD}]")
_PLAIN = re.compile(f"\\w[^\x00-\x1f{_ODD}]*")
_TRAILING_SPACE = re.compile(r"[ \t]$", re.MULTILINE)
_NAMED = {
    "\\": "\\\\", '"': '\\"', "\x00": "\\0", "\x07": "\\a", "\x08": "\\b", "\t": "\\t",
    "\n": "\\n", "\x0b": "\\v", "\x0c": "\\f", "\r": "\\r", "\x1b": "\\e", "\x85": "\\N",
    "\u2028": "\\L", "\u2029": "\\P",
}
_RESOLVERS = yaml.SafeLoader.yaml_implicit_resolvers
_STR_TAG = "tag:yaml.org,2002:str"


def _escape_one(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar on one line."""
    return '"' + _ESCAPE.sub(_escape_one, text) + '"'


def _resolves_to_str(text: str) -> bool:
    """Whether a plain ``text`` would be read back as a string (not a bool, number, null...)."""
    return not any(pattern.match(text) for _tag, pattern in _RESOLVERS.get(text[:1], ()))


def _is_plain(text: str) -> bool:
    return (
        _PLAIN.fullmatch(text) is not None
        and ": " not in text
        and " #" not in text
        and text[-1] not in ": "
        and _resolves_to_str(text)
    )


def scalar(text: str) -> str:
    """``text`` as a one-line YAML scalar: plain when that is safe, double-quoted otherwise."""
    return text if _is_plain(text) else quoted(text)


def flow_scalar(text: str) -> str:
    """``text`` inside a flow collection (``[a, b]``), where ``,[]{}`` also mean something."""
    if _is_plain(text) and not any(c in text for c in ",[]{}"):
        return text
    return quoted(text)


def _literal_fits(text: str) -> bool:
    """Whether a ``|`` block carries ``text`` exactly (tidy multi-line text only)."""
    return (
        "\n" in text
        and text[0] not in " \t\n"
        and _UNSAFE_IN_BLOCK.search(text) is None
        and _TRAILING_SPACE.search(text) is None
    )


def _value(key: str, text: str, indent: str, out: list[str]) -> None:
    """Append ``key: text`` at ``indent``, as a literal block when the text has lines."""
    if _literal_fits(text):
        body = text.rstrip("\n")
        trailing = len(text) - len(body)
        chomp = "-" if trailing == 0 else ("" if trailing == 1 else "+")
        out.append(f"{indent}{key}: |{chomp}")
        inner = indent + "  "
        out.extend(inner + line if line else "" for line in body.split("\n"))
        out.extend("" for _ in range(trailing - 1))
    else:
        out.append(f"{indent}{key}: {scalar(text)}")


def _flow_list(items: Collection[str]) -> str:
    return "[" + ", ".join(flow_scalar(i) for i in items) + "]"


def _lesson(lesson: Lesson, out: list[str]) -> None:
    out.append("lesson:")
    out.append(f"  id: {scalar(lesson.id)}")
    _value("title", lesson.title, "  ", out)
    _value("rule", lesson.rule, "  ", out)
    out.append("  sides:")
    for phase in Phase:
        if phase in lesson.sides:
            _value(phase.value, lesson.sides[phase], "    ", out)
    out.append("  objectives:")
    for objective in lesson.objectives:
        out.append(f"    - id: {scalar(objective.id)}")
        _value("text", objective.text, "      ", out)
    if lesson.conventions:
        out.append("  conventions:")
        for convention in lesson.conventions:
            _value("- case", convention.case, "    ", out)
            out.append(f"      side: {convention.side}")
            _value("why", convention.why, "      ", out)


def _settings(bank: Bank, out: list[str]) -> None:
    exam = bank.exam
    blueprint = ", ".join(
        f"{p.value}: {exam.blueprint[p]}" for p in Phase if p in exam.blueprint
    )
    extra = f", case_studies: {exam.case_studies}" if exam.case_studies else ""
    if exam.scaled is not None:
        scale = exam.scaled
        extra += f", scaled: {{min: {scale.min}, max: {scale.max}, pass: {scale.pass_score}}}"
    out.append(
        f"exam: {{questions: {exam.questions}, minutes: {exam.minutes}, "
        f"pass_percent: {exam.pass_percent}, blueprint: {{{blueprint}}}{extra}}}"
    )
    scoring = bank.scoring
    default = ScoringSpec()
    # the matching keys only when set otherwise: banks without matching items read as before
    matching = "".join(
        f", {key}: {getattr(scoring, key).value}" for key in ("exam_matching", "practice_matching")
        if getattr(scoring, key) is not getattr(default, key))
    out.append(
        f"scoring: {{exam_multiple: {scoring.exam_multiple.value}, "
        f"practice_multiple: {scoring.practice_multiple.value}{matching}}}"
    )
    if bank.case_studies:
        out.append(f"case_studies: {_flow_list([c.id for c in bank.case_studies])}")
    generation = bank.generate
    if generation is not None:
        out.append("generate:")
        chosen = "all" if generation.all_scenarios else _flow_list(generation.scenarios)
        out.append(f"  scenarios: {chosen}")
        out.append(f"  objectives: {_flow_list(generation.objectives)}")


def _question(question: Question, review: Collection[str], out: list[str]) -> None:
    kind = question.type
    out.append(f"  - id: {scalar(question.id)}")
    out.append(f"    type: {kind.value}")
    if "phase" in review:
        out.append(f"    phase: {REVIEW}  # imported: {_REVIEW_NOTES['phase']}")
    else:
        out.append(f"    phase: {question.phase.value}")
    if "objectives" in review:
        out.append(f"    objectives: []  # {REVIEW} (imported): {_REVIEW_NOTES['objectives']}")
    else:
        out.append(f"    objectives: {_flow_list(question.objectives)}")
    if question.scenario is not None:
        out.append(f"    scenario: {scalar(question.scenario)}")
    if question.difficulty is not None:
        out.append(f"    difficulty: {question.difficulty}")
    if not question.shuffle and kind not in (QuestionType.TRUE_FALSE, QuestionType.PHASE):
        out.append("    shuffle: false")
    if question.lint_ignore:
        out.append(f"    lint_ignore: {_flow_list(question.lint_ignore)}")
    _value("stem", question.stem, "    ", out)
    if kind in (QuestionType.TRUE_FALSE, QuestionType.PHASE):
        if kind is QuestionType.TRUE_FALSE:
            answer = any(c.correct for c in question.choices if c.id == "true")
            out.append(f"    answer: {'true' if answer else 'false'}")
        feedback = next((c.feedback for c in question.choices if not c.correct), "")
        if feedback:
            _value("feedback", feedback, "    ", out)
    elif kind is QuestionType.MATCHING:
        _matching(question, out)
    else:
        out.append("    choices:")
        for choice in question.choices:
            out.append(f"      - id: {scalar(choice.id)}")
            _value("text", choice.text, "        ", out)
            if choice.correct and kind is not QuestionType.ORDERING:
                out.append("        correct: true")
            if choice.feedback:
                _value("feedback", choice.feedback, "        ", out)
    if "explanation" in review:
        out.append(f'    explanation: ""  # {REVIEW} (imported): {_REVIEW_NOTES["explanation"]}')
    else:
        _value("explanation", question.explanation, "    ", out)


def _matching(question: Question, out: list[str]) -> None:
    out.append("    categories:")
    for category in question.categories:
        out.append(f"      - id: {scalar(category.id)}")
        _value("text", category.text, "        ", out)
        if category.distractor:
            out.append("        distractor: true")
    out.append("    prompts:")
    for prompt in question.prompts:
        out.append(f"      - id: {scalar(prompt.id)}")
        _value("text", prompt.text, "        ", out)
        out.append(f"        match: {scalar(prompt.category)}")
        if prompt.feedback:
            _value("feedback", prompt.feedback, "        ", out)


def dump_bank(
    bank: Bank,
    *,
    lesson_ref: bool = True,
    schema: str = SCHEMA_HINT,
    review: Mapping[str, Collection[str]] | None = None,
) -> str:
    """``bank`` as bank YAML; generated questions are left out (``generate:`` remakes them), and
    so are the questions of case studies (they are written in their scenarios' files; the
    bank names them in ``case_studies:``).

    ``lesson_ref`` writes the lesson as its id (it lives in a .lesson.yaml file) rather than
    inline. ``review`` maps a question id to fields (see ``REVIEW_FIELDS``) to write as
    placeholders that fail validation, with a comment saying what to fill in.
    """
    out = [f"# yaml-language-server: $schema={schema}"]
    out.append(f"bank: {scalar(bank.id)}")
    _value("title", bank.title, "", out)
    if bank.description:
        _value("description", bank.description, "", out)
    if lesson_ref:
        out.append(f"lesson: {scalar(bank.lesson.id)}")
    else:
        _lesson(bank.lesson, out)
    _settings(bank, out)
    authored = [q for q in bank.questions if not q.generated and q.case is None]
    if not authored:
        out.append("questions: []")
    else:
        out.append("questions:")
        marks = review or {}
        for question in authored:
            _question(question, marks.get(question.id, ()), out)
    out.append("")
    return "\n".join(out)

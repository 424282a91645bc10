"""Anki notes as CSV: one Basic note per question, ready for File > Import.

The file starts with Anki's header lines (``#separator``, ``#html``, ``#notetype``, ``#deck``,
``#columns``, ``#guid column``, ``#tags column``), then one row per question: a GUID (``quiz:``
and the question id, so importing again updates the notes instead of duplicating them), the
front (stem and lettered choices), the back (the answer, the explanation, and the feedback on
wrong choices) and the tags: ``phase::training``, the objective ids, ``type::single`` and
``bank::<id>``. Fields are HTML, escaped; the author's line wraps are joined as the app
joins them and the breaks that stay become ``<br>``. A cell that a spreadsheet would run
as a formula (``= + - @``) gets a leading apostrophe.

Ordering steps are shown on the front in a fixed mixed order (by a hash of their ids), never
in the right order, and the back lists the right order. A matching question shows its prompts
(numbered) and its categories (lettered) on the front; the back gives each prompt's category
and why. A question tied to a scenario opens with the scenario's context (and a case-study
question with the case's) in a ``<div class="scenario">``, before the stem.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import re
from collections.abc import Mapping, Sequence

from quiz.errors import Diagnostic
from quiz.formats.common import Exported, clean, lead, lead_sources, removed_notes, shown
from quiz.model import Bank, Question, QuestionType, Scenario
from quiz.text import spreadsheet_safe

COLUMNS = ("GUID", "Front", "Back", "Tags")
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_TAG_SAFE = re.compile(r"[^\w:.-]+")

_PROMPT = {
    QuestionType.SINGLE: "Choose one.",
    QuestionType.MULTIPLE: "Choose all that apply.",
    QuestionType.TRUE_FALSE: "True or false?",
    QuestionType.PHASE: "Training or inference?",
    QuestionType.ORDERING: "Put these in order.",
    QuestionType.MATCHING: "Match each statement to a category.",
}


def _html(text: str) -> str:
    """Text as HTML, wrapped lines joined as the app joins them; breaks that stay are <br>."""
    return html.escape(shown(text), quote=False).replace("\n", "<br>")


def _label(index: int) -> str:
    return _LETTERS[index] if index < len(_LETTERS) else str(index + 1)


def _shown_order(question: Question) -> list[int]:
    """The order choices appear on the front: as written, mixed for ordering questions."""
    indexes = list(range(len(question.choices)))
    if question.type is not QuestionType.ORDERING:
        return indexes
    mixed = sorted(indexes, key=lambda i: hashlib.sha256(
        f"{question.id}/{question.choices[i].id}".encode()).hexdigest())
    if mixed == indexes:  # a hash order that happens to be right would give the answer away
        mixed = indexes[1:] + indexes[:1]
    return mixed


def _context(text: str) -> str:
    """The scenario (and case study) context before the stem, paragraph by paragraph."""
    if not text:
        return ""
    return ('<div class="scenario">'
            + "".join(f"<p>{_html(p)}</p>" for p in text.split("\n\n")) + "</div>")


def front(question: Question, context: str = "") -> str:
    """The front of the note: ``context`` (``lead``'s text), the stem, the prompt, the
    choices (for matching, the prompts and the categories)."""
    shown = _shown_order(question)
    parts = [_html(question.stem), f"<i>{_PROMPT[question.type]}</i>"]
    if question.type is QuestionType.MATCHING:
        prompts = "".join(f"<li>{_html(p.text)}</li>" for p in question.prompts)
        categories = "".join(f"<li>{_label(n)}. {_html(c.text)}</li>"
                             for n, c in enumerate(question.categories))
        parts.append(f"<ol>{prompts}</ol>Categories:"
                     f'<ul style="list-style:none">{categories}</ul>')
    elif question.type not in (QuestionType.TRUE_FALSE, QuestionType.PHASE):
        items = "".join(
            f"<li>{_label(n)}. {_html(question.choices[i].text)}</li>"
            for n, i in enumerate(shown)
        )
        parts.append(f'<ul style="list-style:none">{items}</ul>')
    return _context(context) + "<br>".join(parts[:2]) + "".join(parts[2:])


def _matching_back(question: Question) -> str:
    """Each prompt with its category (lettered as on the front) and its feedback."""
    letter = {c.id: _label(n) for n, c in enumerate(question.categories)}
    text = {c.id: c.text for c in question.categories}
    items = "".join(
        f"<li>{_html(p.text)} → {letter[p.category]}. {_html(text[p.category])}"
        + (f": {_html(p.feedback)}" if p.feedback.strip() else "") + "</li>"
        for p in question.prompts)
    parts = [f"<b>Answer:</b><ol>{items}</ol>"]
    if question.explanation.strip():
        parts.append(_html(question.explanation))
    return "".join(parts)


def back(question: Question) -> str:
    if question.type is QuestionType.MATCHING:
        return _matching_back(question)
    shown = _shown_order(question)
    label = {question.choices[i].id: _label(n) for n, i in enumerate(shown)}
    kind = question.type
    if kind in (QuestionType.TRUE_FALSE, QuestionType.PHASE):
        answer = _html(next(c.text for c in question.choices if c.correct))
    elif kind is QuestionType.ORDERING:
        answer = " → ".join(
            f"{label[c.id]}. {_html(c.text)}" for c in question.choices
        )
    else:
        answer = "<br>".join(
            f"{label[c.id]}. {_html(c.text)}" for c in question.choices if c.correct
        )
    parts = [f"<b>Answer:</b> {answer}"]
    if question.explanation.strip():
        parts.append(_html(question.explanation))
    wrong = [c for c in question.choices if c.feedback.strip() and not c.correct]
    if wrong:
        items = "".join(
            f"<li>{_html(c.text)}: {_html(c.feedback)}</li>" for c in wrong
        )
        parts.append(f"<ul>{items}</ul>")
    return "<br><br>".join(parts[:2]) + "".join(parts[2:])


def tags(question: Question, bank: Bank) -> str:
    words = [f"phase::{question.phase.value}", *question.objectives,
             f"type::{question.type.value}", f"bank::{bank.id}"]
    return " ".join(_TAG_SAFE.sub("_", clean(w)) for w in words if w)


def write_anki(banks: Sequence[Bank], separator: str = ",",
               scenarios: Mapping[str, Scenario] | None = None) -> Exported:
    """Every question of ``banks`` as Anki CSV (``separator`` ``,`` or a tab); a question
    tied to a scenario opens with its context (``lead``)."""
    scenarios = scenarios or {}
    buffer = io.StringIO()
    name = "Comma" if separator == "," else "Tab"
    deck = banks[0].title if len(banks) == 1 else "quiz"
    buffer.write(f"#separator:{name}\n#html:true\n#notetype:Basic\n"
                 f"#deck:{' '.join(clean(deck).split())}\n"
                 f"#columns:{separator.join(COLUMNS)}\n#guid column:1\n#tags column:4\n")
    writer = csv.writer(buffer, delimiter=separator, lineterminator="\n")
    count = 0
    notes: list[Diagnostic] = removed_notes(banks[0]) if len(banks) == 1 else []
    for bank in banks:
        for question in bank.questions:
            notes += removed_notes(bank, question, lead_sources(question, bank, scenarios))
            cells = [f"quiz:{question.id}", front(question, lead(question, bank, scenarios)),
                     back(question), tags(question, bank)]
            # a stem like '=SUM(...)' would run as a formula if the CSV is opened in a
            # spreadsheet: guarded as the report CSVs are
            writer.writerow([spreadsheet_safe(cell) for cell in cells])
            count += 1
    return Exported(buffer.getvalue().encode("utf-8"), notes, count)

"""IMS QTI 2.1 content packages: a zip of assessment items that LMSs and item banks import.

The package holds ``imsmanifest.xml``, one ``items/<id>.xml`` assessmentItem per question and
``test.xml``, an assessmentTest with one section per bank. Every item scores with the
standard ``match_correct`` response-processing template:

* single, true_false, phase → choiceInteraction, ``maxChoices="1"``, cardinality single;
* multiple → choiceInteraction, ``maxChoices="0"``, cardinality multiple (all or nothing);
* ordering → orderInteraction, cardinality ordered, the steps shuffled;
* matching → matchInteraction: two simpleMatchSets (prompts, each matched once, then the
  categories, fixed in their order), cardinality multiple of directedPair
  ``prompt category``; scored with the ``map_response`` template, each right pair worth
  1/n of the n prompts, so it earns partial credit as our practice mode does.

A question tied to a scenario opens with ``<div class="scenario">``: the scenario's title and
context (and for a case-study question, the case's). QTI 2.1 has no stimulus shared between
items, so each question of a case study carries the context again, and the test groups the
set in a section of its own, in order.

The templates sets no feedback outcome, so per-choice feedback and the explanation go into a
``rubricBlock view="tutor"``: kept for instructors, not shown to candidates. Phase and
objectives become LOM keywords in the manifest (``phase:training``, ``LO3``). Text is written
as paragraphs, its wrapped lines joined as the app joins them, XML-escaped, with characters
XML 1.0 forbids removed; a phase stem that asks nothing gets the phase question.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from quiz.errors import Diagnostic
from quiz.formats.common import (
    Exported,
    clean,
    lead,
    lead_sources,
    removed_notes,
    shown,
    shown_stem,
)
from quiz.formats.zip_package import deflated_zip
from quiz.model import Bank, Question, QuestionType, Scenario

QTI_NS = "http://www.imsglobal.org/xsd/imsqti_v2p1"
CP_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"
LOM_NS = "http://ltsc.ieee.org/xsd/LOM"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
MATCH_CORRECT = "http://www.imsglobal.org/question/qti_v2p1/rptemplates/match_correct"
MAP_RESPONSE = "http://www.imsglobal.org/question/qti_v2p1/rptemplates/map_response"
_QTI_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
_CP_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/qtiv2p1_imscpv1p2_v1p0.xsd"

_NAME_START = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_")


def identifier(value: str) -> str:
    """A QTI identifier (an XML NCName) for one of our ids.

    Our ids may start with a digit, which NCNames may not; those get a leading ``_``. Our ids
    never start with ``_``, so the mapping cannot make two ids collide.
    """
    return value if value[:1] in _NAME_START else "_" + value


def _escape(text: str) -> str:
    """Markup escaped in text that is already clean (``shown`` text and what is made of it)."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def _xml(text: str) -> str:
    """Text content or attribute value: forbidden characters removed, markup escaped."""
    return _escape(clean(text))


def _blocks(text: str) -> str:
    """Clean text (``shown``, or ``lead``'s made of it) as paragraphs, ``<br/>`` for the line
    breaks that stay (list items, indented lines)."""
    if "\n" not in text:  # most texts: one paragraph of one line
        return f"<p>{_escape(text)}</p>" if text.strip() else "<p/>"
    # escaping leaves line breaks alone, so a block's lines are escaped in one go
    return "".join(
        "<p>" + _escape(block).replace("\n", "<br/>") + "</p>"
        for block in text.split("\n\n") if block.strip()
    ) or "<p/>"


def _inline(text: str) -> str:
    """``text`` as ``shown``, escaped, its remaining line breaks as ``<br/>``."""
    return _escape(shown(text)).replace("\n", "<br/>")


def _title(stem: str) -> str:
    """The item's title: the first line of its stem (``shown``), cut at 80 characters."""
    first = stem.split("\n", 1)[0]
    return first if len(first) <= 80 else first[:77] + "..."


def _rubric(question: Question, inline: Mapping[str, str]) -> str:
    """The tutor's block: the explanation, then each choice's feedback (for a matching
    question, each pair's); ``inline`` holds the choices' (prompts' and categories') texts
    as ``_inline`` made them for the interaction, by id."""
    parts = []
    if question.explanation.strip():
        parts.append(f"<p>Explanation: {_inline(question.explanation)}</p>")
    if question.type is QuestionType.MATCHING:
        parts.append("<ul>" + "".join(
            f"<li>{inline[prompt_identifier(p.id)]} → {inline[category_identifier(p.category)]}"
            + (f": {_inline(p.feedback)}" if p.feedback.strip() else "") + "</li>"
            for p in question.prompts) + "</ul>")
        return f'<rubricBlock view="tutor">{"".join(parts)}</rubricBlock>'
    notes = [c for c in question.choices if c.feedback.strip()]
    if notes:
        parts.append("<ul>" + "".join(
            f"<li>{inline[c.id]}: {_inline(c.feedback)}</li>" for c in notes
        ) + "</ul>")
    return f'<rubricBlock view="tutor">{"".join(parts)}</rubricBlock>' if parts else ""


def prompt_identifier(prompt_id: str) -> str:
    """A matching prompt's identifier: ``P-`` and its id (categories get ``C-``), so that a
    prompt and a category with the same id stay apart within the interaction."""
    return f"P-{prompt_id}"


def category_identifier(category_id: str) -> str:
    return f"C-{category_id}"


def _share(index: int, count: int) -> str:
    """Prompt ``index``'s share of the score: 1/count, the last taking what rounding left,
    so that a fully right answer scores exactly 1."""
    each = round(1 / count, 6)
    value = each if index < count - 1 else round(1 - each * (count - 1), 6)
    return f"{value:.6f}".rstrip("0").rstrip(".")


def _matching(question: Question, inline: dict[str, str]) -> tuple[str, str]:
    """(the responseDeclaration, the matchInteraction) of a matching question; the prompts'
    and categories' texts are put in ``inline`` by their identifiers, for the rubric."""
    prompts = question.prompts
    pairs = [f"{prompt_identifier(p.id)} {category_identifier(p.category)}" for p in prompts]
    # case-sensitive keys: our ids 'p1' and 'P1' are different prompts
    entries = "".join(f'<mapEntry mapKey="{pair}" mappedValue="{_share(n, len(pairs))}" '
                      'caseSensitive="true"/>' for n, pair in enumerate(pairs))
    declaration = (
        '<responseDeclaration identifier="RESPONSE" cardinality="multiple" '
        'baseType="directedPair"><correctResponse>'
        + "".join(f"<value>{pair}</value>" for pair in pairs)
        + '</correctResponse><mapping lowerBound="0" upperBound="1" defaultValue="0">'
        + entries + "</mapping></responseDeclaration>")
    for p in prompts:
        inline[prompt_identifier(p.id)] = _inline(p.text)
    for c in question.categories:
        inline[category_identifier(c.id)] = _inline(c.text)
    left = "".join(
        f'<simpleAssociableChoice identifier="{prompt_identifier(p.id)}" matchMax="1">'
        f"{inline[prompt_identifier(p.id)]}</simpleAssociableChoice>" for p in prompts)
    # categories keep their written order (fixed) and take any number of prompts (0)
    right = "".join(
        f'<simpleAssociableChoice identifier="{category_identifier(c.id)}" matchMax="0" '
        f'fixed="true">{inline[category_identifier(c.id)]}</simpleAssociableChoice>'
        for c in question.categories)
    shuffle = "true" if question.shuffle else "false"
    interaction = (
        f'<matchInteraction responseIdentifier="RESPONSE" shuffle="{shuffle}" '
        f'maxAssociations="{len(prompts)}"><simpleMatchSet>{left}</simpleMatchSet>'
        f"<simpleMatchSet>{right}</simpleMatchSet></matchInteraction>")
    return declaration, interaction


def _context(text: str) -> str:
    """``lead``'s text as the item's opening ``<div class="scenario">``."""
    return f'<div class="scenario">{_blocks(text)}</div>' if text else ""


_CARDINALITY = {QuestionType.ORDERING: "ordered", QuestionType.MULTIPLE: "multiple"}


def item_xml(question: Question, context: str = "") -> str:
    """One question as a QTI 2.1 assessmentItem document; ``context`` (``lead``'s text) is
    set before the stem."""
    kind = question.type
    inline: dict[str, str] = {}  # each text made once, for the interaction and the rubric
    template = MATCH_CORRECT
    if kind is QuestionType.MATCHING:
        declaration, interaction = _matching(question, inline)
        template = MAP_RESPONSE
    else:
        values = "".join(f"<value>{identifier(c)}</value>" for c in question.correct_ids)
        declaration = (
            f'<responseDeclaration identifier="RESPONSE" '
            f'cardinality="{_CARDINALITY.get(kind, "single")}" '
            f'baseType="identifier"><correctResponse>{values}</correctResponse>'
            "</responseDeclaration>")
        for c in question.choices:
            inline[c.id] = _inline(c.text)
        choices = "".join(
            f'<simpleChoice identifier="{identifier(c.id)}">{inline[c.id]}</simpleChoice>'
            for c in question.choices
        )
        if kind is QuestionType.ORDERING:
            interaction = (f'<orderInteraction responseIdentifier="RESPONSE" shuffle="true">'
                           f"{choices}</orderInteraction>")
        else:
            most = "0" if kind is QuestionType.MULTIPLE else "1"
            shuffle = "true" if question.shuffle else "false"
            interaction = (f'<choiceInteraction responseIdentifier="RESPONSE" '
                           f'shuffle="{shuffle}" maxChoices="{most}">{choices}'
                           "</choiceInteraction>")
    stem = shown(question.stem)
    return (
        _ITEM_HEAD
        + f'identifier="{identifier(question.id)}" title="{_escape(_title(stem))}" '
        'adaptive="false" timeDependent="false">\n'
        f"{declaration}\n"
        '<outcomeDeclaration identifier="SCORE" cardinality="single" baseType="float">'
        "<defaultValue><value>0</value></defaultValue></outcomeDeclaration>\n"
        f"<itemBody>{_context(context)}{_blocks(shown_stem(question, stem))}\n{interaction}\n"
        f"{_rubric(question, inline)}</itemBody>\n"
        f'<responseProcessing template="{template}"/>\n'
        "</assessmentItem>\n"
    )


_ITEM_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    f'<assessmentItem xmlns="{QTI_NS}" xmlns:xsi="{XSI_NS}" '
    f'xsi:schemaLocation="{QTI_NS} {_QTI_XSD}" '
)


def _keywords(question: Question) -> str:
    words = [f"phase:{question.phase.value}", f"type:{question.type.value}",
             *question.objectives]
    keywords = "".join(f"<imsmd:keyword><imsmd:string>{_xml(w)}</imsmd:string></imsmd:keyword>"
                       for w in words)
    return f"<metadata><imsmd:lom><imsmd:general>{keywords}</imsmd:general></imsmd:lom></metadata>"


def _section_parts(bank: Bank, hrefs: dict[str, str]) -> str:
    """The bank's item references; a case study's questions in a section of their own,
    titled with the case, in their order."""
    out: list[str] = []
    open_case: str | None = None
    for question in bank.questions:
        case = question.case.id if question.case is not None else None
        if case != open_case and open_case is not None:
            out.append("</assessmentSection>")
        if case is not None and case != open_case:
            study = bank.case_study(case)
            title = f"Case study: {study.title if study else case}"
            out.append(f'<assessmentSection identifier="S-{identifier(bank.id)}-'
                       f'{identifier(case)}" title="{_xml(title)}" visible="true">')
        open_case = case
        out.append(f'<assessmentItemRef identifier="{identifier(question.id)}" '
                   f'href="{hrefs[question.id]}"/>')
    if open_case is not None:
        out.append("</assessmentSection>")
    return "".join(out)


def _test_xml(banks: Sequence[Bank], hrefs: dict[str, str]) -> str:
    sections = []
    for bank in banks:
        refs = _section_parts(bank, hrefs)
        sections.append(f'<assessmentSection identifier="S-{identifier(bank.id)}" '
                        f'title="{_xml(bank.title)}" visible="true">{refs}</assessmentSection>')
    title = banks[0].title if len(banks) == 1 else "quiz export"
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<assessmentTest xmlns="{QTI_NS}" xmlns:xsi="{XSI_NS}" '
        f'xsi:schemaLocation="{QTI_NS} {_QTI_XSD}" identifier="TEST" title="{_xml(title)}">\n'
        '<outcomeDeclaration identifier="SCORE" cardinality="single" baseType="float"/>\n'
        '<testPart identifier="PART" navigationMode="nonlinear" submissionMode="simultaneous">'
        + "".join(sections) + "</testPart>\n"
        '<outcomeProcessing><setOutcomeValue identifier="SCORE"><sum>'
        '<testVariables variableIdentifier="SCORE"/></sum></setOutcomeValue></outcomeProcessing>\n'
        "</assessmentTest>\n"
    )


_NAME_ROOM = 100
"""Longest file name stem kept whole: file systems allow 255 bytes a name, and zip tools
add their own suffixes; a longer id is cut and given a hash of itself to stay unique."""


def _file_names(questions: Sequence[Question]) -> dict[str, str]:
    """items/<id>.xml for each question, unique even on case-insensitive file systems,
    and short enough to extract anywhere (ids may be any length; the identifier inside the
    file stays whole)."""
    taken: set[str] = set()
    names = {}
    for question in questions:
        base = identifier(question.id)
        if len(base.encode()) > _NAME_ROOM:
            import hashlib

            digest = hashlib.sha256(question.id.encode()).hexdigest()[:16]
            base = f"{base[:_NAME_ROOM - 17]}-{digest}"
        name, n = base, 1
        while name.casefold() in taken:
            n += 1
            name = f"{base}-{n}"
        taken.add(name.casefold())
        names[question.id] = f"items/{name}.xml"
    return names


def write_qti(banks: Sequence[Bank], scenarios: Mapping[str, Scenario] | None = None
              ) -> Exported:
    """Every question of ``banks`` as a QTI 2.1 content package (zip bytes); a question
    tied to a scenario opens with its context (``lead``)."""
    scenarios = scenarios or {}
    questions = [q for b in banks for q in b.questions]
    contexts = {q.id: lead(q, b, scenarios) for b in banks for q in b.questions}
    notes: list[Diagnostic] = []
    for bank in banks:  # the test's title is the bank's when there is one bank
        notes += removed_notes(bank) + [n for q in bank.questions for n in removed_notes(
            bank, q, lead_sources(q, bank, scenarios))]
    hrefs = _file_names(questions)
    resources = []
    members: list[tuple[str, bytes]] = []
    keywords: dict[tuple[object, ...], str] = {}  # few distinct ones: made once each
    for question in questions:
        href = hrefs[question.id]
        members.append((href, item_xml(question, contexts[question.id]).encode()))
        key = (question.phase, question.type, question.objectives)
        words = keywords.get(key)
        if words is None:
            words = keywords[key] = _keywords(question)
        resources.append(
            f'<resource identifier="R-{identifier(question.id)}" '
            f'type="imsqti_item_xmlv2p1" href="{href}">{words}'
            f'<file href="{href}"/></resource>'
        )
    if banks:
        members.append(("test.xml", _test_xml(banks, hrefs).encode()))
        depends = "".join(f'<dependency identifierref="R-{identifier(q.id)}"/>'
                          for q in questions)
        resources.append('<resource identifier="R-TEST" type="imsqti_test_xmlv2p1" '
                         f'href="test.xml"><file href="test.xml"/>{depends}</resource>')
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<manifest xmlns="{CP_NS}" xmlns:imsmd="{LOM_NS}" xmlns:xsi="{XSI_NS}" '
        f'xsi:schemaLocation="{CP_NS} {_CP_XSD}" identifier="MANIFEST-quiz">\n'
        "<metadata><schema>QTIv2.1 Package</schema><schemaversion>1.0.0</schemaversion>"
        "</metadata>\n<organizations/>\n<resources>\n"
        + "\n".join(resources) + "\n</resources>\n</manifest>\n"
    )
    members.append(("imsmanifest.xml", manifest.encode()))
    return Exported(deflated_zip(members), notes, len(questions))

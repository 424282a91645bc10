"""IMS QTI 2.1 content packages: a zip of assessment items that LMSs and item banks import.

The package holds ``imsmanifest.xml``, one ``items/<id>.xml`` assessmentItem per question and
``test.xml``, an assessmentTest with one section per bank. Every item scores with the
standard ``match_correct`` response-processing template:

* single, true_false, phase → choiceInteraction, ``maxChoices="1"``, cardinality single;
* multiple → choiceInteraction, ``maxChoices="0"``, cardinality multiple (all or nothing);
* ordering → orderInteraction, cardinality ordered, the steps shuffled.

The template sets no feedback outcome, so per-choice feedback and the explanation go into a
``rubricBlock view="tutor"``: kept for instructors, not shown to candidates. Phase and
objectives become LOM keywords in the manifest (``phase:training``, ``LO3``). Text is written
as paragraphs, its wrapped lines joined as the app joins them, XML-escaped, with characters
XML 1.0 forbids removed; a phase stem that asks nothing gets the phase question.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from collections.abc import Sequence

from quiz.errors import Diagnostic
from quiz.formats.common import Exported, clean, removed_notes, shown, shown_stem
from quiz.model import Bank, Question, QuestionType

QTI_NS = "http://www.imsglobal.org/xsd/imsqti_v2p1"
CP_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"
LOM_NS = "http://ltsc.ieee.org/xsd/LOM"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
MATCH_CORRECT = "http://www.imsglobal.org/question/qti_v2p1/rptemplates/match_correct"
_QTI_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
_CP_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/qtiv2p1_imscpv1p2_v1p0.xsd"

_NAME_START = re.compile(r"[A-Za-z_]")


def identifier(value: str) -> str:
    """A QTI identifier (an XML NCName) for one of our ids.

    Our ids may start with a digit, which NCNames may not; those get a leading ``_``. Our ids
    never start with ``_``, so the mapping cannot make two ids collide.
    """
    return value if _NAME_START.match(value) else "_" + value


def _xml(text: str) -> str:
    """Text content or attribute value: forbidden characters removed, markup escaped."""
    return (
        clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace('"', "&quot;")
    )


def _paragraphs(text: str) -> str:
    """Paragraphs of ``text`` as ``shown`` (the author's wraps joined), ``<br/>`` for the
    line breaks that stay (list items, indented lines)."""
    return _blocks(shown(text))


def _blocks(text: str) -> str:
    return "".join(
        "<p>" + "<br/>".join(_xml(line) for line in block.split("\n")) + "</p>"
        for block in text.split("\n\n") if block.strip()
    ) or "<p/>"


def _inline(text: str) -> str:
    return "<br/>".join(_xml(line) for line in shown(text).split("\n"))


def _title(question: Question) -> str:
    first = shown(question.stem).split("\n", 1)[0]
    return first if len(first) <= 80 else first[:77] + "..."


def _rubric(question: Question) -> str:
    parts = []
    if question.explanation.strip():
        parts.append(f"<p>Explanation: {_inline(question.explanation)}</p>")
    notes = [c for c in question.choices if c.feedback.strip()]
    if notes:
        parts.append("<ul>" + "".join(
            f"<li>{_inline(c.text)}: {_inline(c.feedback)}</li>" for c in notes
        ) + "</ul>")
    return f'<rubricBlock view="tutor">{"".join(parts)}</rubricBlock>' if parts else ""


def item_xml(question: Question) -> str:
    """One question as a QTI 2.1 assessmentItem document."""
    kind = question.type
    if kind is QuestionType.ORDERING:
        cardinality = "ordered"
    elif kind is QuestionType.MULTIPLE:
        cardinality = "multiple"
    else:
        cardinality = "single"
    values = "".join(f"<value>{identifier(c)}</value>" for c in question.correct_ids)
    choices = "".join(
        f'<simpleChoice identifier="{identifier(c.id)}">{_inline(c.text)}</simpleChoice>'
        for c in question.choices
    )
    if kind is QuestionType.ORDERING:
        interaction = (f'<orderInteraction responseIdentifier="RESPONSE" shuffle="true">'
                       f"{choices}</orderInteraction>")
    else:
        most = "0" if kind is QuestionType.MULTIPLE else "1"
        shuffle = "true" if question.shuffle else "false"
        interaction = (f'<choiceInteraction responseIdentifier="RESPONSE" shuffle="{shuffle}" '
                       f'maxChoices="{most}">{choices}</choiceInteraction>')
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<assessmentItem xmlns="{QTI_NS}" xmlns:xsi="{XSI_NS}" '
        f'xsi:schemaLocation="{QTI_NS} {_QTI_XSD}" identifier="{identifier(question.id)}" '
        f'title="{_xml(_title(question))}" adaptive="false" timeDependent="false">\n'
        f'<responseDeclaration identifier="RESPONSE" cardinality="{cardinality}" '
        f'baseType="identifier"><correctResponse>{values}</correctResponse>'
        "</responseDeclaration>\n"
        '<outcomeDeclaration identifier="SCORE" cardinality="single" baseType="float">'
        "<defaultValue><value>0</value></defaultValue></outcomeDeclaration>\n"
        f"<itemBody>{_blocks(shown_stem(question))}\n{interaction}\n{_rubric(question)}</itemBody>\n"
        f'<responseProcessing template="{MATCH_CORRECT}"/>\n'
        "</assessmentItem>\n"
    )


def _keywords(question: Question) -> str:
    words = [f"phase:{question.phase.value}", f"type:{question.type.value}",
             *question.objectives]
    keywords = "".join(f"<imsmd:keyword><imsmd:string>{_xml(w)}</imsmd:string></imsmd:keyword>"
                       for w in words)
    return f"<metadata><imsmd:lom><imsmd:general>{keywords}</imsmd:general></imsmd:lom></metadata>"


def _test_xml(banks: Sequence[Bank], hrefs: dict[str, str]) -> str:
    sections = []
    for bank in banks:
        refs = "".join(
            f'<assessmentItemRef identifier="{identifier(q.id)}" href="{hrefs[q.id]}"/>'
            for q in bank.questions
        )
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
            digest = hashlib.sha256(question.id.encode()).hexdigest()[:16]
            base = f"{base[:_NAME_ROOM - 17]}-{digest}"
        name, n = base, 1
        while name.casefold() in taken:
            n += 1
            name = f"{base}-{n}"
        taken.add(name.casefold())
        names[question.id] = f"items/{name}.xml"
    return names


def write_qti(banks: Sequence[Bank]) -> Exported:
    """Every question of ``banks`` as a QTI 2.1 content package (zip bytes)."""
    questions = [q for b in banks for q in b.questions]
    notes: list[Diagnostic] = []
    for bank in banks:  # the test's title is the bank's when there is one bank
        notes += removed_notes(bank) + [n for q in bank.questions
                                        for n in removed_notes(bank, q)]
    hrefs = _file_names(questions)
    resources = []
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as package:
        for question in questions:
            href = hrefs[question.id]
            package.writestr(href, item_xml(question))
            resources.append(
                f'<resource identifier="R-{identifier(question.id)}" '
                f'type="imsqti_item_xmlv2p1" href="{href}">{_keywords(question)}'
                f'<file href="{href}"/></resource>'
            )
        if banks:
            package.writestr("test.xml", _test_xml(banks, hrefs))
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
        package.writestr("imsmanifest.xml", manifest)
    return Exported(buffer.getvalue(), notes, len(questions))

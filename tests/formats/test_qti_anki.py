"""QTI packages parse and say the same thing as the bank; Anki CSV reads back with its tags."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
import zipfile

from hypothesis import given, settings

from quiz.formats.anki import write_anki
from quiz.formats.common import shown
from quiz.formats.qti import (
    CP_NS,
    LOM_NS,
    MAP_RESPONSE,
    MATCH_CORRECT,
    QTI_NS,
    category_identifier,
    identifier,
    prompt_identifier,
    write_qti,
)
from quiz.model import Bank, Question, QuestionType
from tests.formats.formats_strategies import banks
from tests.hypothesis_budget import examples

Q = f"{{{QTI_NS}}}"
CP = f"{{{CP_NS}}}"


@settings(max_examples=examples(150), deadline=None)
@given(banks())
def test_qti_package_lists_every_item_and_each_item_matches_its_question(bank: Bank) -> None:
    exported = write_qti([bank])
    package = zipfile.ZipFile(io.BytesIO(exported.data))
    manifest = ET.fromstring(package.read("imsmanifest.xml"))
    items = [r for r in manifest.iter(f"{CP}resource") if r.get("type") == "imsqti_item_xmlv2p1"]
    assert len(items) == len(bank.questions) == exported.count
    assert {r.get("href") for r in items} == {
        n for n in package.namelist() if n.startswith("items/")}
    by_id = {identifier(q.id): q for q in bank.questions}
    for resource in items:
        keywords = [s.text for s in resource.iter(f"{{{LOM_NS}}}string")]
        root = ET.fromstring(package.read(resource.get("href") or ""))
        assert root.tag == f"{Q}assessmentItem"
        question = by_id[root.get("identifier") or ""]
        assert f"phase:{question.phase.value}" in keywords
        assert set(question.objectives) <= set(keywords)
        declaration = root.find(f"{Q}responseDeclaration")
        assert declaration is not None
        if question.type is QuestionType.MATCHING:
            _same_matching(root, declaration, question)
            continue
        values = [v.text for v in declaration.iter(f"{Q}value")]
        assert values == [identifier(c) for c in question.correct_ids]
        expected = {QuestionType.ORDERING: "ordered", QuestionType.MULTIPLE: "multiple"}
        assert declaration.get("cardinality") == expected.get(question.type, "single")
        processing = root.find(f"{Q}responseProcessing")
        assert processing is not None and processing.get("template") == MATCH_CORRECT
        tag = "orderInteraction" if question.type is QuestionType.ORDERING else "choiceInteraction"
        interaction = root.find(f"{Q}itemBody/{Q}{tag}")
        assert interaction is not None
        if tag == "choiceInteraction":
            most = "0" if question.type is QuestionType.MULTIPLE else "1"
            assert interaction.get("maxChoices") == most
        choices = interaction.findall(f"{Q}simpleChoice")
        assert [c.get("identifier") for c in choices] == [
            identifier(c.id) for c in question.choices]
        for element, choice in zip(choices, question.choices, strict=True):
            # <br/> has no text: the breaks that stay after joining wrapped lines vanish here
            assert "".join(element.itertext()) == shown(choice.text).replace("\n", "")
    test = ET.fromstring(package.read("test.xml"))
    refs = [r.get("href", "") for r in test.iter(f"{Q}assessmentItemRef")]
    assert all(refs), "an item reference without an href"
    assert sorted(refs) == sorted(r.get("href", "") for r in items)


def _same_matching(root: ET.Element, declaration: ET.Element, question: Question) -> None:
    """A matching item: directedPair pairs, one per prompt, worth 1/n each (so the whole
    answer scores 1), prompts then categories in two match sets."""
    assert declaration.get("cardinality") == "multiple"
    assert declaration.get("baseType") == "directedPair"
    pairs = [f"{prompt_identifier(p.id)} {category_identifier(p.category)}"
             for p in question.prompts]
    assert [v.text for v in declaration.iter(f"{Q}value")] == pairs
    entries = declaration.findall(f"{Q}mapping/{Q}mapEntry")
    assert [e.get("mapKey") for e in entries] == pairs
    assert {e.get("caseSensitive") for e in entries} == {"true"}  # 'p1' and 'P1' differ
    shares = [float(e.get("mappedValue") or "") for e in entries]
    assert abs(sum(shares) - 1) < 1e-9 and max(shares) - min(shares) < 1e-5
    processing = root.find(f"{Q}responseProcessing")
    assert processing is not None and processing.get("template") == MAP_RESPONSE
    interaction = root.find(f"{Q}itemBody/{Q}matchInteraction")
    assert interaction is not None
    assert interaction.get("maxAssociations") == str(len(question.prompts))
    left, right = interaction.findall(f"{Q}simpleMatchSet")
    tag = f"{Q}simpleAssociableChoice"
    assert [c.get("identifier") for c in left.findall(tag)] == [
        prompt_identifier(p.id) for p in question.prompts]
    assert [c.get("identifier") for c in right.findall(tag)] == [
        category_identifier(c.id) for c in question.categories]
    assert {c.get("matchMax") for c in left.findall(tag)} == {"1"}


@settings(max_examples=examples(150), deadline=None)
@given(banks())
def test_anki_csv_reads_back_one_note_per_question_with_tags(bank: Bank) -> None:
    for separator in (",", "\t"):
        text = write_anki([bank], separator).data.decode("utf-8")
        lines = text.split("\n")
        headers = [line for line in lines if line.startswith("#")]
        assert headers[:2] == [f"#separator:{'Comma' if separator == ',' else 'Tab'}",
                               "#html:true"]
        assert "#tags column:4" in headers and "#guid column:1" in headers
        body = "\n".join(line for line in lines if not line.startswith("#"))
        rows = list(csv.reader(io.StringIO(body), delimiter=separator))
        assert len(rows) == len(bank.questions)
        for row, question in zip(rows, bank.questions, strict=True):
            guid, front, back, tags = row
            assert guid == f"quiz:{question.id}"
            words = tags.split(" ")
            assert f"phase::{question.phase.value}" in words
            assert set(question.objectives) <= set(words)
            assert f"type::{question.type.value}" in words
            assert "\n" not in front + back
            assert "\x1b" not in front + back and "<script" not in front + back


def test_anki_front_never_gives_an_ordering_answer_away() -> None:
    from quiz.formats.anki import front
    from quiz.model import Choice, Phase, Question

    steps = tuple(Choice(c, f"step {c}") for c in "abcd")
    q = Question("o", QuestionType.ORDERING, Phase.TRAINING, ("LO1",), "Order", steps, "E.")
    shown = front(q)
    positions = [shown.index(f"step {c}") for c in "abcd"]
    assert positions != sorted(positions)


def test_qti_text_is_escaped() -> None:
    from quiz.formats.qti import item_xml
    from quiz.model import Choice, Phase, Question

    q = Question("1st", QuestionType.SINGLE, Phase.TRAINING, ("LO1",),
                 "<script>alert(1)</script> & \x1b[2J",
                 (Choice("1", "a < b", True), Choice("b", '"q"')), "E.")
    xml = item_xml(q)
    root = ET.fromstring(xml)
    assert root.get("identifier") == "_1st"
    assert "<script>" not in xml and "\x1b" not in xml
    body = root.find(f"{Q}itemBody")
    assert body is not None
    assert "<script>alert(1)</script> & [2J" in "".join(body.itertext())

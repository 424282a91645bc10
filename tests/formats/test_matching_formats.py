"""Matching items, scenario context and case studies in the formats: GIFT matching as Moodle
writes it, Aiken's refusal, Anki's note, QTI's context and case sections."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile

from quiz.formats.aiken import write_aiken
from quiz.formats.anki import back, front, write_anki
from quiz.formats.common import stub_lesson
from quiz.formats.gift import read_gift, write_gift
from quiz.formats.qti import QTI_NS, write_qti
from quiz.model import (
    Bank,
    CaseRef,
    CaseStudy,
    Category,
    Choice,
    Phase,
    Prompt,
    Question,
    QuestionType,
    Scenario,
    Statement,
    matching_choices,
)

Q = f"{{{QTI_NS}}}"

CATEGORIES = (Category("training", "Training"), Category("inference", "Inference"),
              Category("neither", "Neither", distractor=True))
PROMPTS = (Prompt("p1", "Labels are added", "training", "Labels teach the model."),
           Prompt("p2", "A photo is tagged", "inference"),
           Prompt("p3", "Weights are refitted", "training", "Weights change."))
MATCHING = Question("m1", QuestionType.MATCHING, Phase.TRAINING, ("LO1",),
                    "Match each activity to its phase.",
                    matching_choices(CATEGORIES, PROMPTS), "Training builds.",
                    scenario="photo", categories=CATEGORIES, prompts=PROMPTS)
SCENARIO = Scenario("photo", "Photo app", "The app tags ten million photos a day.",
                    (Statement("x", Phase.TRAINING),))


def _bank(*questions: Question, cases: tuple[CaseStudy, ...] = ()) -> Bank:
    return Bank("b", "B", stub_lesson("l"), questions, case_studies=cases)


def test_moodle_matching_imports_with_categories_from_the_right_hand_sides() -> None:
    text = ("::M:: Match the activity.{\n =Labelling photos -> Training\n"
            " =Tagging a new photo -> Inference\n =Refitting weekly -> Training\n"
            " = -> Neither\n####Builds or applies.}\n")
    result = read_gift(text, "m.gift")
    assert result.diagnostics == []
    (item,) = result.questions
    assert item.type is QuestionType.MATCHING
    assert [(c.id, c.text, c.distractor) for c in item.categories] == [
        ("training", "Training", False), ("inference", "Inference", False),
        ("neither", "Neither", True)]
    assert [(p.id, p.text, p.category) for p in item.prompts] == [
        ("p1", "Labelling photos", "training"), ("p2", "Tagging a new photo", "inference"),
        ("p3", "Refitting weekly", "training")]
    assert item.choices == matching_choices(item.categories, item.prompts)
    assert item.explanation == "Builds or applies."


def test_matching_that_cannot_be_a_quiz_item_is_skipped_with_a_warning() -> None:
    two_pairs = "::T:: Match.{=a -> x =b -> y}\n\n"
    one_side = "::O:: Match.{=a -> x =b -> x =c -> x}\n\n"
    ordering = "::S:: Order.{=2 -> second =1 -> first}\n"
    result = read_gift(two_pairs + one_side + ordering, "m.gift")
    messages = [d.message for d in result.diagnostics]
    assert sum("needs at least 3 pairs and 2 different right-hand sides" in m
               for m in messages) == 2
    (item,) = result.questions  # positions 1..n on the left are still read as ordering
    assert item.type is QuestionType.ORDERING
    assert [c.text for c in item.choices] == ["first", "second"]


def test_gift_matching_round_trip_keeps_ids_order_feedback_and_distractors() -> None:
    exported = write_gift([_bank(MATCHING)], {"photo": SCENARIO})
    text = exported.data.decode()
    assert "// quiz-feedback p1: Labels teach the model." in text
    assert "\t= -> Neither" in text
    assert "lead=2" in text and "Scenario\\: Photo app\\n\\nThe app tags" in text
    (item,) = read_gift(text, "m.gift").questions
    assert item.stem == MATCHING.stem  # the context paragraphs are taken off again
    assert item.categories == CATEGORIES and item.prompts == PROMPTS
    assert item.choices == MATCHING.choices and item.scenario == "photo"


def test_a_prompt_with_an_arrow_is_not_written_as_gift_but_reported() -> None:
    arrow = MATCHING._replace(prompts=(PROMPTS[0]._replace(text="a -> b"), *PROMPTS[1:]))
    exported = write_gift([_bank(arrow)])
    assert exported.count == 0
    assert any("'->'" in n.message and n.question_id == "m1" for n in exported.notes)


def test_aiken_skips_matching_naming_the_question() -> None:
    exported = write_aiken([_bank(MATCHING)])
    assert exported.count == 0 and exported.data == b""
    assert any(n.question_id == "m1" and "Aiken cannot express matching" in n.message
               for n in exported.notes)


def test_anki_matching_note_shows_prompts_and_categories_then_pairs_and_feedback() -> None:
    shown = front(MATCHING, "Scenario: Photo app\n\nThe app tags ten million photos a day.")
    assert shown.startswith('<div class="scenario"><p>Scenario: Photo app</p>')
    assert "Match each statement to a category." in shown
    assert "<li>Labelling" not in shown and "<li>Labels are added</li>" in shown
    assert "C. Neither" in shown
    answer = back(MATCHING)
    assert "Labels are added → A. Training: Labels teach the model." in answer
    assert "A photo is tagged → B. Inference</li>" in answer
    data = write_anki([_bank(MATCHING)], ",", {"photo": SCENARIO}).data.decode()
    assert "The app tags ten million photos a day." in data


def test_qti_items_carry_the_context_and_case_studies_get_a_section() -> None:
    case = CaseStudy("cs1", "photo", "The outage", "The GPU cluster is down for a day.",
                     ())
    single = Question("c1", QuestionType.SINGLE, Phase.INFERENCE, ("LO1",), "What first?",
                      (Choice("a", "Serve from CPU", True), Choice("b", "Retrain")), "E.",
                      scenario="photo", case=CaseRef("cs1", 1, 2))
    second = single._replace(id="c2", case=CaseRef("cs1", 2, 2))
    bank = _bank(MATCHING, single, second, cases=(case._replace(questions=(single, second)),))
    package = zipfile.ZipFile(io.BytesIO(write_qti([bank], {"photo": SCENARIO}).data))
    item = ET.fromstring(package.read("items/c2.xml"))
    context = item.find(f"{Q}itemBody/{Q}div")
    assert context is not None and context.get("class") == "scenario"
    said = "|".join("".join(p.itertext()) for p in context)
    assert said == ("Scenario: Photo app|The app tags ten million photos a day.|"
                    "Case study: The outage (question 2 of 2)|The GPU cluster is down for a day.")
    test = ET.fromstring(package.read("test.xml"))
    (bank_section,) = test.findall(f"{Q}testPart/{Q}assessmentSection")
    inner = bank_section.findall(f"{Q}assessmentSection")
    assert [s.get("title") for s in inner] == ["Case study: The outage"]
    assert [r.get("identifier") for r in inner[0]] == ["c1", "c2"]
    assert [r.get("identifier") for r in bank_section.findall(f"{Q}assessmentItemRef")] == [
        "m1"]

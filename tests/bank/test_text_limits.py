"""Stems and explanations have a length limit, so a hostile bank cannot stall the app.

A stem of 200,000 paragraphs took 40 s and 1.2 GB to first paint. The limit sits far above
any real question (the bundled ones stay under 400 characters) and is in the schema too.
"""

from __future__ import annotations

import pytest
from bank_cases import FIXTURES

from quiz.bank.load import load_text
from quiz.bank.schema import schema_for
from quiz.bank.spec import MAX_TEXT_CHARS
from quiz.errors import BankError

LESSON = (FIXTURES / "x.lesson.yaml").read_text(encoding="utf-8")
VALID = (FIXTURES / "valid.yaml").read_text(encoding="utf-8").replace(
    "    scenario: spam-filter\n", "")
INLINE = VALID.replace("lesson: x-lesson\n", "lesson:\n" + LESSON.split("lesson:\n", 1)[1])
STEM = "stem: Which phase fits a model's parameters to data?"
EXPLANATION = "explanation: Training builds."


def test_the_limit_is_far_above_any_real_item() -> None:
    assert MAX_TEXT_CHARS >= 10_000


@pytest.mark.parametrize(("key", "line"), [("stem", STEM), ("explanation", EXPLANATION)])
def test_a_text_at_the_limit_loads(key: str, line: str) -> None:
    text = INLINE.replace(line, f"{key}: " + "x" * MAX_TEXT_CHARS, 1)
    assert text != INLINE
    load_text(text)


@pytest.mark.parametrize(("key", "line"), [("stem", STEM), ("explanation", EXPLANATION)])
def test_a_longer_text_is_refused_with_a_clear_message(key: str, line: str) -> None:
    paragraphs = "\n".join("      p" for _ in range(200_000))
    text = INLINE.replace(line, f"{key}: |\n{paragraphs}", 1)
    with pytest.raises(BankError) as caught:
        load_text(text)
    messages = [d.message for d in caught.value.diagnostics]
    expected = (f"'{key}' is {len('p' * 200_000 * 2):,} characters long; the limit is "
                f"{MAX_TEXT_CHARS:,}: shorten it or split the question")
    assert expected in messages, messages


@pytest.mark.parametrize("key", ["stem", "explanation"])
def test_the_schema_has_the_same_limit(key: str) -> None:
    question = schema_for("bank")["properties"]["questions"]["items"]
    assert question["properties"][key]["maxLength"] == MAX_TEXT_CHARS

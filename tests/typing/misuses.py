"""Deliberate misuses of the model, each of which mypy must report (never imported or run).

Every line that ends in ``# E: [code]`` must be reported by mypy with that error code, and no
other line may be (tests/typing/test_model_types.py runs mypy on this file). A misuse no type
checker can catch is listed at the end, with the test that guards it instead.
"""

from __future__ import annotations

import json

from quiz.bank.shapes import Int, ListOf, Str
from quiz.errors import Diagnostic, Severity
from quiz.model import (
    Bank,
    Choice,
    Lesson,
    Objective,
    Phase,
    Question,
    QuestionType,
    SourceRef,
)


def takes_a_question(question: Question) -> str:
    return question.stem


choice = Choice("a", "A", True)
objective = Objective("LO1", "Explain the rule.")
question = Question("q1", QuestionType.SINGLE, Phase.TRAINING, ("LO1",), "Which?", (choice,),
                    "Because.")
lesson = Lesson("l", "L", "Rule.", {Phase.TRAINING: "learns"}, (objective,))
bank = Bank("b", "B", lesson, (question,))

# changing a value in place
choice.text = "B"  # E: [misc]
question.source = SourceRef("a.yaml", 1, 1)  # E: [misc]
bank.exam.blueprint[Phase.TRAINING] = 60  # E: [index]

# a copy with a misspelt or mistyped field
question._replace(stemm="Which phase?")  # E: [call-arg]
choice._replace(correct="yes")  # E: [arg-type]

# building with fields in the wrong order, of the wrong type, or missing
Choice(True, "a")  # E: [arg-type]
Question("q1", "single", Phase.TRAINING, ("LO1",), "Which?", (choice,), "Because.")  # E: [arg-type]
Choice("a")  # E: [call-arg]
Bank("b", "B", lesson, (question,), exam=None)  # E: [arg-type]
Diagnostic("a.yaml", "1", 1, Severity.ERROR, "m")  # E: [arg-type]
Str(max_length="10")  # E: [arg-type]
ListOf(Int(), min_items=None)  # E: [arg-type]

# a value of one type where another is expected
takes_a_question(choice)  # E: [arg-type]
takes_a_question(bank.questions)  # E: [arg-type]
_ = question.stemm  # E: [attr-defined]

# ordering and comparing across types
sorted([choice, objective])  # E: [type-var]
sorted(bank.questions)  # E: [type-var]
_ = choice < objective  # E: [misc]
max(question, question)  # E: [call-overload]

# Not caught by mypy, each guarded at run time instead (the tests named):
# - json.dumps accepts Any, and a named tuple is a tuple: the next line turns a diagnostic into
#   a bare list, field names lost (tests/typing/test_json_guard.py: the JSON the model and the
#   format produce, Diagnostic.as_json and the JSON Schema, holds no value type);
# - == between two value types: Value defines __eq__, so --strict-equality stays silent
#   (tests/test_model.py: values of different types are never equal);
# - del of a field: mypy allows deleting a read-only property (tests/test_model.py: values
#   cannot be changed);
# - tuple.__new__(Choice, (...)) skips the typed constructor (tests/typing/test_json_guard.py:
#   no module of the package calls tuple.__new__).
json.dumps(Diagnostic("a.yaml", 1, 1, Severity.ERROR, "m"))
_ = choice == objective
del choice.text
tuple.__new__(Choice, (True, "a"))

"""JSON Schema (draft 2020-12) for each kind of file, generated from ``spec.py``.

Editors with the YAML language server read it through the ``# yaml-language-server: $schema=``
comment at the top of each bundled file and autocomplete keys, list enum values and underline
mistakes as the author types. Rules the schema cannot say (answer counts by type, ids that
must exist) are checked by ``quiz validate``; the type-dependent keys are expressed with
if/then so that editors flag the common slips too.
"""

from __future__ import annotations

import json
from typing import Any

from quiz.bank.shapes import NON_BLANK, Bool, Enum, Int, ListOf, MapOf, Record, Shape, Str
from quiz.bank.spec import FILE_KINDS, QUESTION

SCHEMA_ID = "https://quiz.invalid/schema/{kind}.schema.json"
"""An identifier only; the schema files ship in schema/ and inside the package."""


def _shape(shape: Shape) -> dict[str, Any]:
    out: dict[str, Any]
    if isinstance(shape, Str):
        out = {"type": "string"}
        if shape.non_empty:
            out["minLength"] = 1
        if shape.pattern:
            out["pattern"] = f"^{shape.pattern}$"  # an id: never blank either
        elif shape.non_empty:
            out["pattern"] = NON_BLANK  # found anywhere: not only blanks
        if shape.max_length is not None:
            out["maxLength"] = shape.max_length
    elif isinstance(shape, Int):
        out = {"type": "integer"}
        if shape.minimum is not None:
            out["minimum"] = shape.minimum
        if shape.maximum is not None:
            out["maximum"] = shape.maximum
    elif isinstance(shape, Bool):
        out = {"type": "boolean"}
    elif isinstance(shape, Enum):
        out = {"enum": list(shape.values)}
    elif isinstance(shape, ListOf):
        out = {"type": "array", "items": _shape(shape.item)}
        if shape.min_items:
            out["minItems"] = shape.min_items
    elif isinstance(shape, MapOf):
        out = {
            "type": "object",
            "properties": {k: _shape(shape.value) for k in shape.keys},
            "additionalProperties": False,
        }
        if shape.required:
            out["required"] = list(shape.required)
    elif isinstance(shape, Record):
        out = {
            "type": "object",
            "properties": {k: _shape(p.shape) for k, p in shape.props.items()},
            "required": [k for k, p in shape.props.items() if p.required],
            "additionalProperties": False,
        }
        if shape is QUESTION:
            out["allOf"] = _question_rules()
    else:
        out = {"anyOf": [_shape(o) for o in shape.options]}
    if shape.description:
        out["description"] = shape.description
    return out


def _question_rules() -> list[dict[str, Any]]:
    def when(types: list[str], then: dict[str, Any]) -> dict[str, Any]:
        return {"if": {"properties": {"type": {"enum": types}}}, "then": then}

    def none_of(*keys: str) -> dict[str, Any]:
        return {"not": {"anyOf": [{"required": [k]} for k in keys]}}

    matching_keys = ("categories", "prompts")
    return [
        when(["single", "multiple", "ordering"], {
            "required": ["choices"], **none_of("answer", "feedback", *matching_keys),
        }),
        when(["true_false"], {"required": ["answer"], **none_of("choices", *matching_keys)}),
        when(["phase"], none_of("answer", "choices", *matching_keys)),
        when(["matching"], {
            "required": list(matching_keys), **none_of("answer", "feedback", "choices"),
        }),
    ]


def schema_for(kind: str) -> dict[str, Any]:
    """The JSON Schema of one kind of file: 'bank', 'lesson' or 'scenario'."""
    record = FILE_KINDS[kind]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID.format(kind=kind),
        "title": f"quiz {kind} file",
        **_shape(record),
    }


def schema_text(kind: str) -> str:
    return json.dumps(schema_for(kind), indent=2, ensure_ascii=False) + "\n"

"""A small JSON Schema checker for exactly the keywords the bank schemas use.

jsonschema is not a dependency. The checker refuses any other keyword, so a schema that grows
a new one fails loudly instead of being half-checked. Tested in test_schema.py; also used by
test_schema_agreement.py and test_bank_format_doc.py.
"""

from __future__ import annotations

import re
from typing import Any

_ANNOTATIONS = {"$schema", "$id", "title", "description"}
_TYPES: dict[str, Any] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    # JSON Schema: a number with no fractional part is an integer, 1.0 included
    "integer": lambda v: (isinstance(v, int) and not isinstance(v, bool))
    or (isinstance(v, float) and v.is_integer()),
    "boolean": lambda v: isinstance(v, bool),
}


def _same(a: Any, b: Any) -> bool:
    """JSON equality: true is not 1."""
    return type(a) is type(b) and a == b


def check(value: Any, schema: dict[str, Any], at: str = "$") -> list[str]:
    """Every way ``value`` breaks ``schema``, as 'path: reason' strings."""
    errors: list[str] = []
    for keyword, rule in schema.items():
        if keyword in _ANNOTATIONS or keyword == "then":
            continue
        if keyword == "type":
            if not _TYPES[rule](value):
                errors.append(f"{at}: not {rule}")
        elif keyword == "enum":
            if not any(_same(value, option) for option in rule):
                errors.append(f"{at}: {value!r} not in {rule}")
        elif keyword == "properties":
            if isinstance(value, dict):
                for key, sub in rule.items():
                    if key in value:
                        errors += check(value[key], sub, f"{at}.{key}")
        elif keyword == "required":
            if isinstance(value, dict):
                errors += [f"{at}: missing {key}" for key in rule if key not in value]
        elif keyword == "additionalProperties":
            assert rule is False, "only additionalProperties: false is supported"
            if isinstance(value, dict):
                known = schema.get("properties", {})
                errors += [f"{at}: unknown {key}" for key in value if key not in known]
        elif keyword == "minLength":
            if isinstance(value, str) and len(value) < rule:
                errors.append(f"{at}: shorter than {rule}")
        elif keyword == "maxLength":
            if isinstance(value, str) and len(value) > rule:
                errors.append(f"{at}: longer than {rule}")
        elif keyword == "pattern":
            # ECMAScript's $ is the end of the text; Python's also matches before a final \n
            ecma = rule[:-1] + r"\Z" if rule.endswith("$") else rule
            if isinstance(value, str) and not re.search(ecma, value):
                errors.append(f"{at}: {value!r} does not match {rule}")
        elif keyword in ("minimum", "maximum"):
            if isinstance(value, int | float) and not isinstance(value, bool) and (
                    value < rule if keyword == "minimum"
                                             else value > rule):
                errors.append(f"{at}: {value} beyond {keyword} {rule}")
        elif keyword == "items":
            if isinstance(value, list):
                for index, item in enumerate(value):
                    errors += check(item, rule, f"{at}[{index}]")
        elif keyword == "minItems":
            if isinstance(value, list) and len(value) < rule:
                errors.append(f"{at}: fewer than {rule} items")
        elif keyword == "anyOf":
            if all(check(value, sub, at) for sub in rule):
                errors.append(f"{at}: matches none of anyOf")
        elif keyword == "allOf":
            for sub in rule:
                errors += check(value, sub, at)
        elif keyword == "if":
            if not check(value, rule, at):
                errors += check(value, schema.get("then", {}), at)
        elif keyword == "not":
            if not check(value, rule, at):
                errors.append(f"{at}: matches a 'not'")
        else:
            raise AssertionError(f"the test's checker does not know the keyword {keyword!r}")
    return errors

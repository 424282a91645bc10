"""The GIFT writer escapes text as it did with a regular expression (``_SPECIAL.sub``), now
with one ``str.replace`` per special character: the same text for any input."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.formats.common import shown
from quiz.formats.gift import _escape
from tests.formats.formats_strategies import tricky_text
from tests.hypothesis_budget import examples

_SPECIAL = re.compile(r"([\\~=#{}:])")  # the writer's expression before


def _escape_before(text: str, marker: bool = True) -> str:
    body = _SPECIAL.sub(r"\\\1", shown(text)).replace("\n", "\\n")
    if marker and (body.startswith("[") or "<" in body or "&" in body):
        return "[plain]" + body
    return body


@settings(max_examples=examples(300), deadline=None)
@given(st.one_of(tricky_text, st.text(alphabet="\\~=#{}:[<&a \n", max_size=20)), st.booleans())
def test_gift_text_is_escaped_as_before(text: str, marker: bool) -> None:
    assert _escape(text, marker) == _escape_before(text, marker)

"""Markdown escaping shared by the reports (progress, item analysis).

Cells are escaped twice over: control characters are made visible (``safe_line``), then
``& < >`` become entities (Markdown passes raw HTML through, so a ``<script>`` in a learner
name must not survive as a tag) and Markdown's own punctuation is backslash-escaped so a
name cannot become a link, emphasis or a table column. Commands go in code spans, fenced
with more backticks than they contain.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from quiz.text import safe_line

_PUNCTUATION = re.compile(r"([\\`*_\[\]|~])")


def cell(text: str) -> str:
    """Any text, safe inside a Markdown table cell or a paragraph."""
    one = " ".join(safe_line(text).split())
    return _PUNCTUATION.sub(r"\\\1", html.escape(one, quote=False))


def code(text: str) -> str:
    """A code span holding ``text`` literally (Markdown does not interpret its inside)."""
    one = safe_line(text)
    run = max((len(m) for m in re.findall(r"`+", one)), default=0)
    fence = "`" * (run + 1)
    pad = " " if one.startswith("`") or one.endswith("`") else ""
    return f"{fence}{pad}{one}{pad}{fence}"


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[int] = ()
          ) -> list[str]:
    """A pipe table; cells must already be escaped."""
    rule = ["---:" if i in right else "---" for i in range(len(headers))]
    return ["| " + " | ".join(r) + " |" for r in [list(headers), rule, *map(list, rows)]]

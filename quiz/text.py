"""Making text from a bank safe to print: no terminal escapes, no control characters.

Bank files come from anywhere. Before any of their text reaches a terminal, a report or an
export, control characters (ESC, BEL, C1 controls...) are shown as visible escapes, so an
ANSI or OSC sequence in a stem can neither style nor hijack the terminal.
"""

from __future__ import annotations

import re
from functools import cache

# Compiled on first use, not at import: every command imports this module, few print bank text.
_CONTROL = r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
_JSON_UNSAFE = "[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]"


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe_text(text: str) -> str:
    """Text with control characters made visible; newlines and tabs are kept."""
    return _compiled(_CONTROL).sub(_visible, text)


def safe_json(dumped: str) -> str:
    """JSON text (from ``json.dumps(..., ensure_ascii=False)``) with DEL, C1 controls, line
    separators and bidi overrides written as ``\\uXXXX``: the same value when parsed, and
    nothing that can act on a terminal when printed. (json.dumps already escapes C0.)"""
    return _compiled(_JSON_UNSAFE).sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)


def safe_line(text: str) -> str:
    """One line: newlines and tabs made visible too (for diagnostics and table cells)."""
    return safe_text(text).replace("\n", "\\n").replace("\t", "\\t")


# -- text as the app shows it, shared with the exports ------------------------------------

_KEEP_BREAK = r"^\s*([-*•]|\d+[.)])\s|^\s{2,}\S"
"""Lines that start a list item or are indented keep their line break."""

PHASE_PROMPT = "Which phase of the AI lifecycle is this?"
"""The question a phase item asks; generated items end their stem with it, and exports add
it to a hand-written phase stem that asks nothing (the app shows 'Training or inference?')."""


def reflow(text: str) -> str:
    """Join the lines an author wrapped in YAML into paragraphs that wrap to the terminal.

    Blank lines (paragraphs), list items and indented lines keep their breaks; nothing else
    about the words changes. The app (quiz.tui.text) and every export join lines this way.
    """
    paragraphs = _compiled(r"\n\s*\n").split(text.strip())
    keep = _compiled(_KEEP_BREAK)
    out = []
    for paragraph in paragraphs:
        lines: list[str] = []
        for line in paragraph.split("\n"):
            if lines and not keep.match(line):
                lines[-1] = f"{lines[-1].rstrip()} {line.strip()}"
            else:
                lines.append(line.rstrip())
        out.append("\n".join(lines))
    return "\n\n".join(out)


def with_phase_prompt(stem: str) -> str:
    """A phase stem that asks its question: ``PHASE_PROMPT`` added when it asks none."""
    stem = stem.rstrip()
    return stem if stem.endswith("?") else f"{stem}\n\n{PHASE_PROMPT}"


def spreadsheet_safe(cell: str) -> str:
    """A CSV cell a spreadsheet will not run as a formula: a leading ``= + - @``, tab or
    carriage return gets an apostrophe. Used by every CSV quiz writes: both reports'
    ``render_csv`` modules and the Anki export."""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell

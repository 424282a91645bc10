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

"""Turning bank text and numbers into display content, safely.

Bank text is untrusted: it may contain Rich markup (``[bold]``) or terminal escapes. Every
piece of it reaches the screen as a ``Content`` built from plain text, never as a markup
string, after ``safe_text`` has made control characters visible.
"""

from __future__ import annotations

import re

from textual.content import Content

from quiz.text import safe_line, safe_text

MUTED = "auto 60%"
"""The style of secondary text (hints, legends) inside a ``Content``: the value Textual's
themes give ``$text-muted``. The variable itself, as a ``Content`` style, is drawn at full
strength (Textual 8.2 drops its 60 % when it substitutes it), brighter than the text it
should sit behind; ``tests/tui/test_muted.py`` checks that this matches the CSS variable."""

_KEEP_BREAK = re.compile(r"^\s*([-*•]|\d+[.)])\s|^\s{2,}\S")
"""Lines that start a list item or are indented keep their line break."""


def reflow(text: str) -> str:
    """Join the lines an author wrapped in YAML into paragraphs that wrap to the terminal.

    Blank lines (paragraphs), list items and indented lines keep their breaks; nothing else
    about the words changes.
    """
    paragraphs = re.split(r"\n\s*\n", text.strip())
    out = []
    for paragraph in paragraphs:
        lines: list[str] = []
        for line in paragraph.split("\n"):
            if lines and not _KEEP_BREAK.match(line):
                lines[-1] = f"{lines[-1].rstrip()} {line.strip()}"
            else:
                lines.append(line.rstrip())
        out.append("\n".join(lines))
    return "\n\n".join(out)


def literal(text: str, style: str = "") -> Content:
    """Bank text shown literally (no markup, escapes made visible), reflowed to wrap."""
    shown = safe_text(reflow(text))
    return Content.styled(shown, style) if style else Content(shown)


def literal_line(text: str, style: str = "") -> Content:
    """Like ``literal`` but on one line (newlines shown as ``\\n``), for labels and lists."""
    shown = safe_line(" ".join(text.split()))
    return Content.styled(shown, style) if style else Content(shown)


def clock_text(seconds: float) -> str:
    """Seconds as ``m:ss`` (or ``h:mm:ss`` from an hour up), rounded up so 0:00 means done."""
    whole = max(0, int(-(-seconds // 1)))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def percent(value: float) -> str:
    """A share in [0, 100] as a whole percentage, as exams report it."""
    return f"{value:.0f}%"

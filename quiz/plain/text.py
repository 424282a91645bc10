"""Bank text as plain-mode lines (made safe first), and the few words every module shares.

``reflow`` joins an author's YAML line breaks as the app and the exports do
(``quiz.text.reflow``) and makes each line safe to print. ``clock_text`` stays here: its
other copy is in quiz/tui/text.py, which imports Textual.
"""

from __future__ import annotations

from collections.abc import Sequence

from quiz.engine.session import Mode
from quiz.text import reflow as joined
from quiz.text import safe_line, safe_text

MODE_NAMES = {Mode.PRACTICE: "Practice", Mode.MISTAKES: "Review mistakes",
              Mode.REVIEW: "Review", Mode.PREVIEW: "Preview", Mode.EXAM: "Exam"}


def reflow(text: str) -> list[str]:
    """Bank text as safe lines: the line breaks an author made in YAML are joined; blank
    lines (an empty line between paragraphs), list items and indented lines are kept."""
    return [safe_text(line) for line in joined(text).split("\n")]


def one_line(text: str) -> str:
    """Bank text for a label or a list entry: one line, safe."""
    return safe_line(" ".join(text.split()))


def clock_text(seconds: float) -> str:
    """Seconds as ``m:ss`` (``h:mm:ss`` from an hour up), rounded up: 0:00 means done."""
    whole = max(0, int(-(-seconds // 1)))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def numbers_text(numbers: Sequence[int]) -> str:
    return " ".join(str(n) for n in numbers)

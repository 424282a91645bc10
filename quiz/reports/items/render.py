"""Choosing an item-analysis renderer by format name; each format is its own module.

The same shape as progress reports (quiz.reports.progress.render): ``render_text``,
``render_md``, ``render_html``, ``render_json`` and ``render_csv`` each print an
``ItemsReport``, with ``fmt`` for the wording they share. Only the chosen module is imported.
"""

from __future__ import annotations

import importlib

from quiz.errors import QuizError
from quiz.reports.items.analysis import ItemsReport

FORMATS = ("text", "md", "html", "csv", "json")


def render(report: ItemsReport, fmt: str, width: int | None = None) -> str:
    """The report in ``fmt`` (one of ``FORMATS``); ``width`` wraps the text format to that
    many columns (None: no limit; the other formats ignore it)."""
    if fmt not in FORMATS:
        raise QuizError(f"unknown item-analysis format '{fmt}'; use one of "
                        f"{', '.join(FORMATS)}")
    module = importlib.import_module(f"quiz.reports.items.render_{fmt}")
    text: str = module.render(report, width) if fmt == "text" else module.render(report)
    return text

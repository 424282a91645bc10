"""Choosing a progress-report renderer by format name; each format is its own module."""

from __future__ import annotations

import importlib

from quiz.errors import QuizError
from quiz.reports.progress.model import Report

FORMATS = ("text", "md", "html", "json", "csv")


def render(report: Report, fmt: str, width: int | None = None) -> str:
    """The report in ``fmt`` (one of ``FORMATS``); ``width`` wraps the text format to that
    many columns (None: no limit; the other formats ignore it)."""
    if fmt not in FORMATS:
        raise QuizError(f"unknown report format '{fmt}'; use one of {', '.join(FORMATS)}")
    module = importlib.import_module(f"quiz.reports.progress.render_{fmt}")
    text: str = module.render(report, width) if fmt == "text" else module.render(report)
    return text

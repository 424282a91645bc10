"""Choosing a progress-report renderer by format name; each format is its own module."""

from __future__ import annotations

import importlib

from quiz.errors import QuizError
from quiz.reports.progress.model import Report

FORMATS = ("text", "md", "html", "json", "csv")


def render(report: Report, fmt: str) -> str:
    """The report in ``fmt`` (one of ``FORMATS``)."""
    if fmt not in FORMATS:
        raise QuizError(f"unknown report format '{fmt}'; use one of {', '.join(FORMATS)}")
    module = importlib.import_module(f"quiz.reports.progress.render_{fmt}")
    text: str = module.render(report)
    return text

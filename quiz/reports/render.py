"""Forwarding module: choosing a progress renderer moved to quiz.reports.progress.render.

Kept only while tests/hostile/test_output_paths.py imports it from here (issue 14, one
report system); delete it once that test imports from quiz.reports.progress.render.
"""

from quiz.reports.progress.render import FORMATS, render

__all__ = ["FORMATS", "render"]

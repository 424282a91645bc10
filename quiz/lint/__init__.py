"""Item-writing lint for question banks: the checks exam boards ask of every item.

``quiz validate`` says whether a bank can be loaded; this package says whether its questions
are well written. One module per concern: ``rules`` (the catalogue of rule ids), ``items``
(checks of one question), ``duplicates`` (near-duplicate stems across banks, in linear time),
``coverage`` (bank-level balance: answer positions, thin objectives and phases), ``suppress``
(switching a rule off for one question) and ``run`` (load, lint, collect).
"""

from __future__ import annotations

from quiz.lint.rules import RULES
from quiz.lint.run import LintOptions, LintReport, lint_catalog, lint_paths

__all__ = ["RULES", "LintOptions", "LintReport", "lint_catalog", "lint_paths"]

"""Running lint: validate first, then every rule on every bank that loaded.

Validation errors come first and always fail the run; lint works on the banks that built
(a bank with errors has no model to lint). Items generated from scenario statements are not
linted for wording: their text is ours, and an author cannot edit it in the bank. The scenario
files themselves are checked for statements on contested cases that do not say why.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from quiz.bank.suggest import did_you_mean
from quiz.errors import Diagnostic, Severity
from quiz.lint.coverage import position_bias, thin_coverage, two_option_share
from quiz.lint.duplicates import near_duplicates
from quiz.lint.items import Finding, check_question
from quiz.lint.rules import MIN_PER_OBJECTIVE, RULES
from quiz.lint.scenarios import StatementLines, statement_no_why
from quiz.lint.suppress import ALL, Suppressions
from quiz.model import Catalog, Question, Scenario, SourceRef


@dataclass(frozen=True)
class LintOptions:
    """Knobs of one run: the coverage floor, and rules switched off for the whole run."""

    min_per_objective: int = MIN_PER_OBJECTIVE
    disabled: frozenset[str] = frozenset()


@dataclass
class LintReport:
    """Validation errors and lint warnings of one run, and what was looked at."""

    errors: list[Diagnostic] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    files: int = 0
    banks: int = 0
    questions: int = 0

    @property
    def diagnostics(self) -> list[Diagnostic]:
        """Errors and warnings together, in file order."""
        return sorted(
            self.errors + self.warnings,
            key=lambda d: (d.path, d.line, d.column, d.severity != Severity.ERROR),
        )


def lint_paths(paths: Sequence[Path], options: LintOptions | None = None) -> LintReport:
    """Validate everything under ``paths`` (as ``quiz validate`` does), then lint it."""
    from quiz.bank.load import load

    result = load(list(paths))
    catalog = result.catalog
    return LintReport(
        errors=result.errors,
        warnings=lint_catalog(catalog, options),
        files=len(result.files),
        banks=len(catalog.banks),
        questions=sum(not q.generated for q in catalog.questions()),
    )


def _warning(where: SourceRef | None, rule: str, message: str, qid: str | None) -> Diagnostic:
    path, line, column = (where.path, where.line, where.column) if where else ("<bank>", 1, 1)
    return Diagnostic(path, line, column, Severity.WARNING, message, qid, rule)


def lint_catalog(catalog: Catalog, options: LintOptions | None = None) -> list[Diagnostic]:
    """Every lint warning for the banks of ``catalog``, suppressions applied.

    Python's cycle collector is paused meanwhile, as the loader pauses it: the catalog is
    millions of objects, and each full collection the rules' allocations set off walked all
    of them again (a third of the time to lint 10,000 questions). Nothing made here is a
    cycle that must be freed before the run ends.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _lint_catalog(catalog, options or LintOptions())
    finally:
        if was_enabled:
            gc.enable()


def _lint_catalog(catalog: Catalog, options: LintOptions) -> list[Diagnostic]:
    comments = Suppressions()
    warnings: list[Diagnostic] = []
    authored: list[Question] = []
    ignored_by: dict[str, set[str]] = {}

    def keep(findings: Iterable[Finding], off: set[str]) -> Iterable[tuple[str, str]]:
        for rule, message in findings:
            if rule not in options.disabled and rule not in off and ALL not in off:
                yield rule, message

    for bank in catalog.banks:
        for question in bank.questions:
            if question.generated:
                continue
            authored.append(question)
            from_comment = comments.at(question.source)
            off = set(question.lint_ignore) | from_comment
            ignored_by[question.id] = off
            findings = [*_unknown_rules(question, from_comment),
                        *check_question(question, bank.lesson, _case_context(catalog, question))]
            warnings.extend(_warning(question.source, rule, message, question.id)
                            for rule, message in keep(findings, off))
        bank_off = comments.at(bank.source)
        bank_findings = [*position_bias(bank), *thin_coverage(bank, options.min_per_objective),
                         *two_option_share(bank)]
        warnings.extend(_warning(bank.source, rule, message, None)
                        for rule, message in keep(bank_findings, bank_off))
    if "near-duplicate-stem" not in options.disabled:
        warnings.extend(_duplicate_warnings(authored, ignored_by))
    if "statement-no-why" not in options.disabled:
        warnings.extend(_scenario_warnings(catalog.scenarios.values(), comments))
    return warnings


def _case_context(catalog: Catalog, question: Question) -> str:
    """The case facts a case-study question is read with (the scenario's context when the
    case adds none); empty for other questions."""
    if question.case is None:
        return ""
    case = catalog.case_studies.get(question.case.id)
    if case is not None and case.context.strip():
        return case.context
    scenario = catalog.scenarios.get(question.scenario or "")
    return scenario.context if scenario else ""


def _scenario_warnings(
    scenarios: Iterable[Scenario], comments: Suppressions
) -> Iterable[Diagnostic]:
    """Statement findings, placed at the statement's line; a comment on that line, or the
    scenario's first key, switches them off."""
    lines = StatementLines()
    for scenario in sorted(scenarios, key=lambda s: s.id):
        file_off = comments.at(scenario.source)
        for statement, rule, message in statement_no_why(scenario):
            where = lines.at(scenario, statement)
            off = file_off | comments.at(where)
            if rule not in off and ALL not in off:
                yield _warning(where, rule, message, None)


def _unknown_rules(question: Question, from_comment: set[str]) -> Iterable[Finding]:
    if not question.lint_ignore and not from_comment:
        return  # nearly every question: nothing named, nothing to check
    for rule in sorted((set(question.lint_ignore) | from_comment) - set(RULES) - {ALL}):
        hint = did_you_mean(rule, list(RULES)) or "; quiz lint --list-rules lists them"
        yield ("unknown-lint-rule", f"'{rule}' is not a lint rule{hint}")


def _duplicate_warnings(
    authored: Sequence[Question], ignored_by: dict[str, set[str]]
) -> Iterable[Diagnostic]:
    """One warning on the later question of each near-duplicate, naming its earliest twin."""
    twin: dict[int, tuple[int, float]] = {}
    for first, second, similarity in near_duplicates([q.stem for q in authored]):
        earliest = twin.get(second)
        if earliest is None or first < earliest[0]:
            twin[second] = (first, similarity)
    for second, (first, similarity) in sorted(twin.items()):
        later, earlier = authored[second], authored[first]
        if _switched_off(ignored_by.get(later.id)) or _switched_off(ignored_by.get(earlier.id)):
            continue
        yield _warning(
            later.source, "near-duplicate-stem",
            f"the stem is nearly the same as {earlier.id}'s at {earlier.source} "
            f"({similarity:.0%} of word pairs shared); merge them or make them test different "
            "things",
            later.id,
        )


def _switched_off(off: set[str] | None) -> bool:
    """Whether a question's switched-off rules include near-duplicate-stem."""
    return off is not None and ("near-duplicate-stem" in off or ALL in off)

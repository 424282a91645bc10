"""Item analysis as Markdown, for sharing (GitHub, a wiki, an email).

Bank text goes through quiz.reports.markdown, which the progress report shares: ``cell``
for prose and table cells (no raw HTML, no link or emphasis syntax, no ``|`` that splits a
cell), ``code`` for ids.
"""

from __future__ import annotations

from quiz.reports.items.analysis import ItemsReport
from quiz.reports.items.fmt import (
    basis,
    choice_label,
    correlation,
    fraction_percent,
    percent,
    plain,
    short,
    works,
)
from quiz.reports.markdown import cell, code


def _code(text: str, in_table: bool = True) -> str:
    """A code span holding ``text`` literally; inside a table a ``|`` must still be escaped,
    since GFM splits cells before it reads code spans."""
    span = code(text)
    return span.replace("|", "\\|") if in_table else span


def render(report: ItemsReport) -> str:
    out = ["# Item analysis", ""]
    if not report.banks:
        out.append("No responses found.")
    for bank in report.banks:
        title = f" — {cell(bank.title)}" if bank.title else ""
        out += [f"## Bank {_code(bank.bank_id or '(unknown)', False)}{title}", "",
                f"{cell(basis(bank))}; {bank.responses_read} response(s) read.", ""]
        t = bank.test
        out += ["| attempts | mean | median | SD | " + t.alpha_kind
                + " | error ratio | standard error |",
                "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
                f"| {t.attempts} | {percent(t.mean)} | {percent(t.median)} | "
                f"{percent(t.sd)} | {plain(t.alpha)} | {percent(t.error_ratio)} | "
                f"{percent(t.standard_error)} |", ""]
        if t.alpha is None and t.alpha_note:
            out += [f"{t.alpha_kind} n/a: {cell(t.alpha_note)}.", ""]
        if not bank.items:
            out += ["No questions answered.", ""]
            continue
        out += ["| question | n | facility | SD | discrimination | efficiency | flags |",
                "| --- | ---: | ---: | ---: | ---: | ---: | --- |"]
        for item in bank.items:
            s = item.stats
            out.append(f"| {_code(item.question_id)} | {s.attempts} | "
                       f"{fraction_percent(s.facility)} | {plain(s.sd)} | "
                       f"{correlation(s.discrimination)} | {fraction_percent(s.efficiency)} | "
                       f"{cell(', '.join(item.flags))} |")
        out.append("")
        for item in bank.items:
            if not item.choices:
                continue
            stem = f": {cell(short(item.stem, 100))}" if item.stem else ""
            out += [f"### {_code(item.question_id, False)}{stem}", "",
                    "| choice | picked | point-biserial | | text |",
                    "| --- | ---: | ---: | --- | --- |"]
            for choice in item.choices:
                out.append(f"| {cell(choice_label(choice))} | "
                           f"{fraction_percent(choice.stats.share)} | "
                           f"{correlation(choice.stats.point_biserial)} | {works(choice)} | "
                           f"{cell(short(choice.text, 100))} |")
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"

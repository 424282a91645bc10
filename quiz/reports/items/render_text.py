"""Item analysis as plain text for the terminal: aligned tables, no colour.

Bank text goes through ``safe_line`` (an escape sequence in a stem is shown, never obeyed).
Given a width, every line fits it and no word is cut (quiz.reports.layout, as the progress
report's text does); without one, each row is one line, texts in full.
"""

from __future__ import annotations

from quiz.reports.items.analysis import ItemReport, ItemsReport
from quiz.reports.items.fmt import (
    basis,
    choice_label,
    correlation,
    fraction_percent,
    one_line,
    percent,
    plain,
    works,
)
from quiz.reports.items.stats import TestStats
from quiz.reports.layout import flow, table, wrap
from quiz.text import safe_line


def render(report: ItemsReport, width: int | None = None) -> str:
    """The report as text; ``width`` wraps it to that many columns without cutting a word
    (None: no limit, texts in full; see quiz.reports.layout)."""
    out: list[str] = []
    if not report.banks:
        return "item analysis: no responses found\n"
    for bank in report.banks:
        title = f" ({safe_line(bank.title)})" if bank.title else ""
        out += wrap(f"Item analysis: bank {safe_line(bank.bank_id or '(unknown)')}{title}",
                    width, "", "  ")
        out += wrap(f"{basis(bank)}; {bank.responses_read} response(s) read", width, "", "  ")
        out.extend(_test_lines(bank.test, width))
        if not bank.items:
            out.append("no questions answered")
            out.append("")
            continue
        out.append("")
        out += table(["question", "n", "facility", "SD", "discr.", "effic.", "flags"],
                     [(safe_line(item.question_id), str(item.stats.attempts),
                       fraction_percent(item.stats.facility), plain(item.stats.sd),
                       correlation(item.stats.discrimination),
                       fraction_percent(item.stats.efficiency), ", ".join(item.flags))
                      for item in bank.items], right=(1, 2, 3, 4, 5), indent="", width=width,
                     narrowest=len("discrimination"))
        out.append("")
        for item in bank.items:
            out.extend(_choices(item, width))
        out.append("")
    return "\n".join(line.rstrip() for line in out).rstrip("\n") + "\n"


def _test_lines(test: TestStats, width: int | None = None) -> list[str]:
    lines = flow([f"attempts {test.attempts}", f"mean {percent(test.mean)}",
                  f"median {percent(test.median)}", f"SD {percent(test.sd)}"], width,
                 sep="   ")
    lines += flow([f"{test.alpha_kind} {plain(test.alpha)}",
                   f"error ratio {percent(test.error_ratio)}",
                   f"standard error {percent(test.standard_error)}"], width, sep="   ")
    if test.alpha is None and test.alpha_note:
        lines += wrap(f"({test.alpha_kind} n/a: {test.alpha_note})", width, "", "  ")
    return lines


def _choices(item: ItemReport, width: int | None = None) -> list[str]:
    head = safe_line(item.question_id)
    if item.stem:
        head += "  " + one_line(item.stem)
    elif not item.in_bank:
        head += "  (not in the loaded banks)"
    lines = wrap(head, width, "", "    ")
    # "*" marks a right choice, in the same cell as its id so a stacked row keeps it
    rows = [(("* " if choice.correct else "  ") + choice_label(choice),
             fraction_percent(choice.stats.share),
             f"r {correlation(choice.stats.point_biserial)}", works(choice),
             one_line(choice.text) if choice.text else "")
            for choice in item.choices]
    if rows:
        lines += table(["choice", "picked", "", "", "text"], rows, right=(1,),
                       width=width, header=False)
    return lines

"""Item analysis as CSV: one row per test, question and choice, for spreadsheets and scripts.

``kind`` says which (``test``, ``question``, ``choice``); a row fills the columns that apply
to it and leaves the others empty, as it does a figure that cannot be computed. Booleans are
``true``/``false``. Text cells are put on one line, control characters shown as escapes, and
a cell a spreadsheet would run as a formula is guarded by ``quiz.text.spreadsheet_safe``, as
in the progress report's CSV.
"""

from __future__ import annotations

import csv
import io

from quiz.reports.items.analysis import ItemsReport
from quiz.text import safe_line, spreadsheet_safe

COLUMNS = (
    "kind", "bank", "question_id", "choice_id", "attempts", "facility", "sd",
    "discrimination_index", "discriminative_efficiency", "flags", "picked", "share",
    "point_biserial", "correct", "functions", "mean_percent", "median_percent", "sd_percent",
    "alpha", "alpha_kind", "error_ratio_percent", "standard_error_percent", "text",
)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(round(value, 6))
    return spreadsheet_safe(safe_line(" ".join(str(value).split())))


def _row(**values: object) -> list[str]:
    return [_cell(values.get(column)) for column in COLUMNS]


def render(report: ItemsReport) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for bank in report.banks:
        t = bank.test
        writer.writerow(_row(
            kind="test", bank=bank.bank_id, attempts=t.attempts, mean_percent=t.mean,
            median_percent=t.median, sd_percent=t.sd, alpha=t.alpha, alpha_kind=t.alpha_kind,
            error_ratio_percent=t.error_ratio, standard_error_percent=t.standard_error))
        for item in bank.items:
            s = item.stats
            writer.writerow(_row(
                kind="question", bank=bank.bank_id, question_id=item.question_id,
                attempts=s.attempts, facility=s.facility, sd=s.sd,
                discrimination_index=s.discrimination, discriminative_efficiency=s.efficiency,
                flags="; ".join(item.flags), text=item.stem))
            for choice in item.choices:
                c = choice.stats
                writer.writerow(_row(
                    kind="choice", bank=bank.bank_id, question_id=item.question_id,
                    choice_id=choice.choice_id or "(no answer)", attempts=s.attempts,
                    picked=c.picked, share=c.share, point_biserial=c.point_biserial,
                    correct=choice.correct, functions=choice.functions, text=choice.text))
    return buffer.getvalue()

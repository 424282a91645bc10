"""Item analysis as text, Markdown, HTML, CSV or JSON.

Every text that comes from a bank or a source file goes through ``safe_line`` (no terminal
escapes), Markdown cells escape ``|``, HTML is escaped, and CSV cells that a spreadsheet
would run as a formula get a leading apostrophe. "n/a" (``null`` in JSON, an empty cell in
CSV) marks a figure that cannot be computed from the data. The JSON shape is documented in
docs/item-analysis.md.
"""

from __future__ import annotations

import csv
import html
import io
import json
from collections.abc import Callable

from quiz.reports.items.analysis import BankReport, ChoiceReport, ItemReport, ItemsReport
from quiz.reports.items.stats import NO_ANSWER, TestStats
from quiz.reports.layout import flow, table, wrap
from quiz.reports.markdown import cell as md_cell
from quiz.reports.markdown import code as md_code
from quiz.reports.style import CSS
from quiz.text import safe_line

FORMATS = ("text", "md", "html", "csv", "json")
NA = "n/a"


def render(report: ItemsReport, fmt: str, width: int | None = None) -> str:
    """The report in ``fmt`` (one of ``FORMATS``); ``width`` wraps the text format to that
    many columns (None: no limit; the other formats ignore it)."""
    if fmt == "text":
        return render_text(report, width)
    renderers: dict[str, Callable[[ItemsReport], str]] = {
        "md": render_markdown, "html": render_html, "csv": render_csv, "json": render_json,
    }
    return renderers[fmt](report)


# --- numbers ------------------------------------------------------------------------------

def _shown(value: float, digits: int) -> float:
    """``value`` as it will be printed: rounded first, so that a tiny negative value (or -0.0)
    prints as 0, never as ``-0.000``."""
    return round(value, digits) + 0.0


def _percent(value: float | None) -> str:
    return NA if value is None else f"{_shown(value, 1):.1f}%"


def _fraction_percent(value: float | None) -> str:
    return NA if value is None else f"{_shown(value * 100, 1):.1f}%"


def _correlation(value: float | None) -> str:
    return NA if value is None else f"{_shown(value, 3):+.3f}"


def _plain(value: float | None, digits: int = 2) -> str:
    return NA if value is None else f"{_shown(value, digits):.{digits}f}"


def _one_line(text: str) -> str:
    """Bank text on one line, safe for a terminal, in full."""
    return safe_line(" ".join(text.split()))


def _short(text: str, width: int = 72) -> str:
    """Bank text on one line, cut to ``width`` at a word (Markdown headings and captions)."""
    line = _one_line(text)
    if len(line) <= width:
        return line
    cut = line[: width - 1].rsplit(" ", 1)[0] if " " in line[: width - 1] else line[: width - 1]
    return cut.rstrip() + "…"


def _basis(bank: BankReport) -> str:
    if bank.basis == "exam":
        unit = "each learner's first submitted exam" if bank.which == "first" \
            else "every submitted exam"
    else:
        unit = "each learner's first answer to each question, as one attempt" \
            if bank.which == "first" else "every session, each as one attempt"
    return f"attempts: {unit}"


def _choice_label(choice: ChoiceReport) -> str:
    return "(no answer)" if choice.choice_id == NO_ANSWER else safe_line(choice.choice_id)


def _works(choice: ChoiceReport) -> str:
    if choice.correct:
        return "correct"
    if choice.functions is None:
        return ""
    return "functions" if choice.functions else "does not function"


# --- text ---------------------------------------------------------------------------------

def render_text(report: ItemsReport, width: int | None = None) -> str:
    """The report as text; ``width`` wraps it to that many columns without cutting a word
    (None: no limit, texts in full; see quiz.reports.layout)."""
    out: list[str] = []
    if not report.banks:
        return "item analysis: no responses found\n"
    for bank in report.banks:
        title = f" ({safe_line(bank.title)})" if bank.title else ""
        out += wrap(f"Item analysis: bank {safe_line(bank.bank_id or '(unknown)')}{title}",
                    width, "", "  ")
        out += wrap(f"{_basis(bank)}; {bank.responses_read} response(s) read", width, "", "  ")
        out.extend(_test_lines(bank.test, width))
        if not bank.items:
            out.append("no questions answered")
            out.append("")
            continue
        out.append("")
        out += table(["question", "n", "facility", "SD", "discr.", "effic.", "flags"],
                     [(safe_line(item.question_id), str(item.stats.attempts),
                       _fraction_percent(item.stats.facility), _plain(item.stats.sd),
                       _correlation(item.stats.discrimination),
                       _fraction_percent(item.stats.efficiency), ", ".join(item.flags))
                      for item in bank.items], right=(1, 2, 3, 4, 5), indent="", width=width,
                     narrowest=len("discrimination"))
        out.append("")
        for item in bank.items:
            out.extend(_text_choices(item, width))
        out.append("")
    return "\n".join(line.rstrip() for line in out).rstrip("\n") + "\n"


def _test_lines(test: TestStats, width: int | None = None) -> list[str]:
    lines = flow([f"attempts {test.attempts}", f"mean {_percent(test.mean)}",
                  f"median {_percent(test.median)}", f"SD {_percent(test.sd)}"], width,
                 sep="   ")
    lines += flow([f"{test.alpha_kind} {_plain(test.alpha)}",
                   f"error ratio {_percent(test.error_ratio)}",
                   f"standard error {_percent(test.standard_error)}"], width, sep="   ")
    if test.alpha is None and test.alpha_note:
        lines += wrap(f"({test.alpha_kind} n/a: {test.alpha_note})", width, "", "  ")
    return lines


def _text_choices(item: ItemReport, width: int | None = None) -> list[str]:
    head = safe_line(item.question_id)
    if item.stem:
        head += "  " + _one_line(item.stem)
    elif not item.in_bank:
        head += "  (not in the loaded banks)"
    lines = wrap(head, width, "", "    ")
    # "*" marks a right choice, in the same cell as its id so a stacked row keeps it
    rows = [(("* " if choice.correct else "  ") + _choice_label(choice),
             _fraction_percent(choice.stats.share),
             f"r {_correlation(choice.stats.point_biserial)}", _works(choice),
             _one_line(choice.text) if choice.text else "")
            for choice in item.choices]
    if rows:
        lines += table(["choice", "picked", "", "", "text"], rows, right=(1,),
                       width=width, header=False)
    return lines


# --- Markdown -----------------------------------------------------------------------------

def _md(text: str) -> str:
    """Prose or a table cell: no raw HTML (Markdown passes tags through), no link or
    emphasis syntax, no ``|`` that would split the cell (see ``quiz.reports.markdown.cell``)."""
    return md_cell(text)


def _md_code(text: str, in_table: bool = True) -> str:
    """A code span holding ``text`` literally; inside a table a ``|`` must still be escaped,
    since GFM splits cells before it reads code spans."""
    span = md_code(text)
    return span.replace("|", "\\|") if in_table else span


def render_markdown(report: ItemsReport) -> str:
    out = ["# Item analysis", ""]
    if not report.banks:
        out.append("No responses found.")
    for bank in report.banks:
        title = f" — {_md(bank.title)}" if bank.title else ""
        out += [f"## Bank {_md_code(bank.bank_id or '(unknown)', False)}{title}", "",
                f"{_md(_basis(bank))}; {bank.responses_read} response(s) read.", ""]
        t = bank.test
        out += ["| attempts | mean | median | SD | " + t.alpha_kind
                + " | error ratio | standard error |",
                "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
                f"| {t.attempts} | {_percent(t.mean)} | {_percent(t.median)} | "
                f"{_percent(t.sd)} | {_plain(t.alpha)} | {_percent(t.error_ratio)} | "
                f"{_percent(t.standard_error)} |", ""]
        if t.alpha is None and t.alpha_note:
            out += [f"{t.alpha_kind} n/a: {_md(t.alpha_note)}.", ""]
        if not bank.items:
            out += ["No questions answered.", ""]
            continue
        out += ["| question | n | facility | SD | discrimination | efficiency | flags |",
                "| --- | ---: | ---: | ---: | ---: | ---: | --- |"]
        for item in bank.items:
            s = item.stats
            out.append(f"| {_md_code(item.question_id)} | {s.attempts} | "
                       f"{_fraction_percent(s.facility)} | {_plain(s.sd)} | "
                       f"{_correlation(s.discrimination)} | {_fraction_percent(s.efficiency)} | "
                       f"{_md(', '.join(item.flags))} |")
        out.append("")
        for item in bank.items:
            if not item.choices:
                continue
            stem = f": {_md(_short(item.stem, 100))}" if item.stem else ""
            out += [f"### {_md_code(item.question_id, False)}{stem}", "",
                    "| choice | picked | point-biserial | | text |",
                    "| --- | ---: | ---: | --- | --- |"]
            for choice in item.choices:
                out.append(f"| {_md(_choice_label(choice))} | "
                           f"{_fraction_percent(choice.stats.share)} | "
                           f"{_correlation(choice.stats.point_biserial)} | {_works(choice)} | "
                           f"{_md(_short(choice.text, 100))} |")
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


# --- HTML ---------------------------------------------------------------------------------

def _h(text: str) -> str:
    return html.escape(safe_line(text))


def render_html(report: ItemsReport) -> str:
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8"/>',
           '<meta name="viewport" content="width=device-width, initial-scale=1"/>',
           "<title>Item analysis</title>", f"<style>{CSS}</style></head><body>",
           "<h1>Item analysis</h1>"]
    if not report.banks:
        out.append("<p>No responses found.</p>")
    for bank in report.banks:
        title = f" — {_h(bank.title)}" if bank.title else ""
        out.append(f"<h2>Bank <code>{_h(bank.bank_id or '(unknown)')}</code>{title}</h2>")
        out.append(f"<p>{_h(_basis(bank))}; {bank.responses_read} response(s) read.</p>")
        t = bank.test
        out.append("<table><tr><th>attempts</th><th>mean</th><th>median</th><th>SD</th>"
                   f"<th>{_h(t.alpha_kind)}</th><th>error ratio</th><th>standard error</th></tr>")
        out.append(f'<tr><td class="n">{t.attempts}</td><td class="n">{_percent(t.mean)}</td>'
                   f'<td class="n">{_percent(t.median)}</td><td class="n">{_percent(t.sd)}</td>'
                   f'<td class="n">{_plain(t.alpha)}</td>'
                   f'<td class="n">{_percent(t.error_ratio)}</td>'
                   f'<td class="n">{_percent(t.standard_error)}</td></tr></table>')
        if t.alpha is None and t.alpha_note:
            out.append(f"<p>{_h(t.alpha_kind)} n/a: {_h(t.alpha_note)}.</p>")
        if not bank.items:
            out.append("<p>No questions answered.</p>")
            continue
        out.append("<table><tr><th>question</th><th>n</th><th>facility</th><th>SD</th>"
                   "<th>discrimination</th><th>efficiency</th><th>flags</th></tr>")
        for item in bank.items:
            s = item.stats
            out.append(f'<tr><td><a href="#q-{_h(item.question_id)}">'
                       f"<code>{_h(item.question_id)}</code></a></td>"
                       f'<td class="n">{s.attempts}</td>'
                       f'<td class="n">{_fraction_percent(s.facility)}</td>'
                       f'<td class="n">{_plain(s.sd)}</td>'
                       f'<td class="n">{_correlation(s.discrimination)}</td>'
                       f'<td class="n">{_fraction_percent(s.efficiency)}</td>'
                       f'<td class="flag">{_h(", ".join(item.flags))}</td></tr>')
        out.append("</table>")
        for item in bank.items:
            out.extend(_html_choices(item))
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _html_choices(item: ItemReport) -> list[str]:
    if not item.choices:
        return []
    lines = [f'<table id="q-{_h(item.question_id)}"><caption><code>'
             f"{_h(item.question_id)}</code> {_h(_short(item.stem, 200))}</caption>",
             "<tr><th>choice</th><th>picked</th><th>point-biserial</th><th></th>"
             "<th>text</th></tr>"]
    for choice in item.choices:
        works = _works(choice)
        css = "good" if works in ("correct", "functions") else "bad" if works else ""
        lines.append(f"<tr><td>{_h(_choice_label(choice))}</td>"
                     f'<td class="n">{_fraction_percent(choice.stats.share)}</td>'
                     f'<td class="n">{_correlation(choice.stats.point_biserial)}</td>'
                     f'<td class="{css}">{works}</td><td>{_h(choice.text)}</td></tr>')
    lines.append("</table>")
    return lines


# --- CSV ----------------------------------------------------------------------------------

CSV_COLUMNS = (
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
    text = safe_line(" ".join(str(value).split()))
    # a cell starting with these would run as a formula in a spreadsheet
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def render_csv(report: ItemsReport) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for bank in report.banks:
        t = bank.test
        writer.writerow([_cell(v) for v in _row(
            kind="test", bank=bank.bank_id, attempts=t.attempts, mean_percent=t.mean,
            median_percent=t.median, sd_percent=t.sd, alpha=t.alpha, alpha_kind=t.alpha_kind,
            error_ratio_percent=t.error_ratio, standard_error_percent=t.standard_error)])
        for item in bank.items:
            s = item.stats
            writer.writerow([_cell(v) for v in _row(
                kind="question", bank=bank.bank_id, question_id=item.question_id,
                attempts=s.attempts, facility=s.facility, sd=s.sd,
                discrimination_index=s.discrimination, discriminative_efficiency=s.efficiency,
                flags="; ".join(item.flags), text=item.stem)])
            for choice in item.choices:
                c = choice.stats
                writer.writerow([_cell(v) for v in _row(
                    kind="choice", bank=bank.bank_id, question_id=item.question_id,
                    choice_id=choice.choice_id or "(no answer)", attempts=s.attempts,
                    picked=c.picked, share=c.share, point_biserial=c.point_biserial,
                    correct=choice.correct, functions=choice.functions, text=choice.text)])
    return buffer.getvalue()


def _row(**values: object) -> list[object]:
    return [values.get(column) for column in CSV_COLUMNS]


# --- JSON ---------------------------------------------------------------------------------

def as_json(report: ItemsReport) -> dict[str, object]:
    """The report as plain data (the shape documented in docs/item-analysis.md)."""
    return {
        "sources": list(report.sources),
        "attempts": report.which,
        "banks": [_bank_json(bank) for bank in report.banks],
    }


def _bank_json(bank: BankReport) -> dict[str, object]:
    t = bank.test
    return {
        "bank": bank.bank_id,
        "title": bank.title,
        "basis": bank.basis,
        "responses_read": bank.responses_read,
        "unanswered_scored_zero": bank.unanswered_filled,
        "test": {
            "attempts": t.attempts, "mean_percent": t.mean, "median_percent": t.median,
            "sd_percent": t.sd, "alpha": t.alpha, "alpha_kind": t.alpha_kind,
            "alpha_note": t.alpha_note or None, "error_ratio_percent": t.error_ratio,
            "standard_error_percent": t.standard_error, "slots": t.slots,
            "complete": t.complete,
        },
        "questions": [_item_json(item) for item in bank.items],
    }


def _item_json(item: ItemReport) -> dict[str, object]:
    s = item.stats
    return {
        "id": item.question_id, "type": item.type or None, "in_bank": item.in_bank,
        "stem": item.stem or None, "attempts": s.attempts, "facility": s.facility, "sd": s.sd,
        "discrimination_index": s.discrimination, "discriminative_efficiency": s.efficiency,
        "flags": list(item.flags), "older_version_responses": item.older_version,
        "choices": [
            {"id": c.choice_id or None, "text": c.text or None, "correct": c.correct,
             "picked": c.stats.picked, "share": c.stats.share,
             "point_biserial": c.stats.point_biserial, "functions": c.functions}
            for c in item.choices
        ],
    }


def render_json(report: ItemsReport) -> str:
    # raw text in JSON is escaped by the encoder (ensure_ascii), so no terminal escapes remain
    return json.dumps(as_json(report), indent=2, ensure_ascii=True, allow_nan=False) + "\n"

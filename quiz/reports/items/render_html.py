"""Item analysis as one self-contained HTML file: inline CSS, no script, no network.

The look is the progress report's (quiz.reports.style: the one style sheet, with its
status colours ``good``/``bad``/``flag``), and every bank text goes through its ``esc``
(``safe_line``, then HTML-escaped, quotes included, so it is safe in attributes too).
"""

from __future__ import annotations

from quiz.reports.items.analysis import ItemReport, ItemsReport
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
from quiz.reports.style import CSS, esc


def render(report: ItemsReport) -> str:
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8"/>',
           '<meta name="viewport" content="width=device-width, initial-scale=1"/>',
           "<title>Item analysis</title>", f"<style>{CSS}</style></head><body>",
           "<h1>Item analysis</h1>"]
    if not report.banks:
        out.append("<p>No responses found.</p>")
    for bank in report.banks:
        title = f" — {esc(bank.title)}" if bank.title else ""
        out.append(f"<h2>Bank <code>{esc(bank.bank_id or '(unknown)')}</code>{title}</h2>")
        out.append(f"<p>{esc(basis(bank))}; {bank.responses_read} response(s) read.</p>")
        t = bank.test
        out.append("<table><tr><th>attempts</th><th>mean</th><th>median</th><th>SD</th>"
                   f"<th>{esc(t.alpha_kind)}</th><th>error ratio</th><th>standard error</th>"
                   "</tr>")
        out.append(f'<tr><td class="n">{t.attempts}</td><td class="n">{percent(t.mean)}</td>'
                   f'<td class="n">{percent(t.median)}</td><td class="n">{percent(t.sd)}</td>'
                   f'<td class="n">{plain(t.alpha)}</td>'
                   f'<td class="n">{percent(t.error_ratio)}</td>'
                   f'<td class="n">{percent(t.standard_error)}</td></tr></table>')
        if t.alpha is None and t.alpha_note:
            out.append(f"<p>{esc(t.alpha_kind)} n/a: {esc(t.alpha_note)}.</p>")
        if not bank.items:
            out.append("<p>No questions answered.</p>")
            continue
        out.append("<table><tr><th>question</th><th>n</th><th>facility</th><th>SD</th>"
                   "<th>discrimination</th><th>efficiency</th><th>flags</th></tr>")
        for item in bank.items:
            s = item.stats
            out.append(f'<tr><td><a href="#q-{esc(item.question_id)}">'
                       f"<code>{esc(item.question_id)}</code></a></td>"
                       f'<td class="n">{s.attempts}</td>'
                       f'<td class="n">{fraction_percent(s.facility)}</td>'
                       f'<td class="n">{plain(s.sd)}</td>'
                       f'<td class="n">{correlation(s.discrimination)}</td>'
                       f'<td class="n">{fraction_percent(s.efficiency)}</td>'
                       f'<td class="flag">{esc(", ".join(item.flags))}</td></tr>')
        out.append("</table>")
        for item in bank.items:
            out.extend(_choices(item))
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _choices(item: ItemReport) -> list[str]:
    if not item.choices:
        return []
    lines = [f'<table id="q-{esc(item.question_id)}"><caption><code>'
             f"{esc(item.question_id)}</code> {esc(short(item.stem, 200))}</caption>",
             "<tr><th>choice</th><th>picked</th><th>point-biserial</th><th></th>"
             "<th>text</th></tr>"]
    for choice in item.choices:
        verdict = works(choice)
        css = "good" if verdict in ("correct", "functions") else "bad" if verdict else ""
        lines.append(f"<tr><td>{esc(choice_label(choice))}</td>"
                     f'<td class="n">{fraction_percent(choice.stats.share)}</td>'
                     f'<td class="n">{correlation(choice.stats.point_biserial)}</td>'
                     f'<td class="{css}">{verdict}</td><td>{esc(choice.text)}</td></tr>')
    lines.append("</table>")
    return lines

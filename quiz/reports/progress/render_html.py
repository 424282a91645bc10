"""The progress report as one self-contained HTML file: inline CSS, inline SVG charts, no
script, no network, no external file. It opens in any browser and prints well.

All bank and learner text is passed through ``safe_line`` and then HTML-escaped (quotes
included, so it is safe in attributes too). The page is written as well-formed XHTML-style
markup (every element closed, every attribute quoted), so it parses as XML as well as HTML.
"""

from __future__ import annotations

from collections.abc import Sequence

from quiz.reports.progress.fmt import (
    day,
    interval,
    overall_rows,
    pct,
    per_objective,
    result,
    scope_line,
    title,
)
from quiz.reports.progress.model import LearnerProgress, Mastery, Report
from quiz.reports.style import CSS, BarRow, Point, bars, esc, trend


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], numeric: Sequence[int] = (),
           text: int | None = None) -> str:
    """Cells must already be escaped (they may hold markup such as ``<code>``). ``text`` is
    the column of prose, kept readable on a narrow screen (the table scrolls instead)."""
    def kind(i: int) -> str:
        return ' class="n"' if i in numeric else ' class="t"' if i == text else ""

    head = "".join(f"<th{kind(i)}>{h}</th>" for i, h in enumerate(headers))
    body = "".join(
        "<tr>" + "".join(f"<td{kind(i)}>{c}</td>" for i, c in enumerate(row)) + "</tr>"
        for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _status(m: Mastery) -> str:
    return f'<span class="{m.status.value}">{m.status.value}</span>'


def _cell(m: Mastery | None) -> str:
    """A learner's accuracy on one objective, coloured by status (untested without one)."""
    status = m.status.value if m is not None else "untested"
    return f'<span class="{status}">{pct(m.accuracy if m is not None else None)}</span>'


def _mastery_table(masteries: Sequence[Mastery], what: str) -> str:
    return _table(["id", what, "status", "accuracy", "95% interval", "questions", "answers",
                   "edited", "in bank"],
                  [(esc(m.key), esc(m.label), _status(m), pct(m.accuracy), interval(m),
                    str(m.questions), str(m.answers), str(m.stale_answers),
                    str(m.bank_questions)) for m in masteries], numeric=(3, 5, 6, 7, 8),
                  text=1)


def _bar_rows(masteries: Sequence[Mastery]) -> list[BarRow]:
    made = []
    for m in masteries:
        low, high = m.interval
        note = (f"{pct(m.accuracy)} of {m.questions} ({interval(m)})" if m.questions
                else "untested")
        made.append(BarRow(m.key, f"{m.key}: {m.label}", m.accuracy, low, high,
                           m.status.value, note))
    return made


def _learner(report: Report, p: LearnerProgress) -> list[str]:
    mark = report.pass_percent / 100
    parts = ["<h2>Overall</h2>",
             _table(["", ""], [(k, esc(v)) for k, v in overall_rows(report, p)])]
    parts.append("<h2>Exam scores over time</h2>")
    points = [Point(day(e.started_at), e.percent, e.passed, e.started_at) for e in p.exams]
    parts.append(trend(points, report.pass_percent, "Exam scores over time", esc))
    if p.exams:
        parts.append(_table(["date", "score", "result", "answered"],
                            [(esc(day(e.started_at)), f"{e.percent:.0f}%", result(e),
                              f"{e.answered}/{e.items}") for e in p.exams[-20:]],
                            numeric=(1, 3)))
    parts.append("<h2>Mastery by objective</h2>")
    parts.append(f"<p>Latest answer to each question, with its Wilson 95% interval; pass mark "
                 f"{report.pass_percent}%. Weak: the interval's top is below the pass mark, "
                 "or accuracy is below 60%.</p>")
    parts.append(bars(_bar_rows(p.objectives), mark, "Accuracy by objective", esc))
    parts.append(_mastery_table(p.objectives, "objective"))
    parts.append("<h2>Mastery by phase</h2>")
    parts.append(bars(_bar_rows(p.phases), mark, "Accuracy by phase", esc))
    parts.append(_mastery_table(p.phases, "side of the rule"))
    parts.append("<h2>Calibration</h2>")
    c = p.calibration
    if c.rated:
        parts.append(_table(["confidence", "answers", "right", "accuracy"],
                            [(str(lv.confidence), str(lv.answers), str(lv.correct),
                              pct(lv.correct / lv.answers)) for lv in c.levels],
                            numeric=(1, 2, 3)))
        parts.append(f"<p>Sure but wrong: {c.sure_but_wrong}. Unsure but right: "
                     f"{c.unsure_but_right}.</p>")
    else:
        parts.append("<p>No answers rated for confidence yet.</p>")
    parts.append("<h2>Study next</h2>")
    if p.weakest:
        items = "".join(f'<li><strong>{esc(s.key)}</strong> (<span class="{s.status.value}">'
                        f"{s.status.value}</span>, {pct(s.accuracy)}): {esc(s.label)}<br />"
                        f"<code>{esc(s.command)}</code></li>" for s in p.weakest)
        parts.append(f"<ul>{items}</ul>")
    else:
        parts.append("<p>Every objective is mastered.</p>")
    return parts


def _class(report: Report) -> list[str]:
    mark = report.pass_percent / 100
    parts = ["<h2>Learners</h2>"]
    rows = []
    for p in report.learners:
        o, last = p.overall, (p.exams[-1] if p.exams else None)
        rows.append((esc(p.learner), str(o.sessions), str(o.answers), pct(o.accuracy),
                     str(len(p.exams)), f"{last.percent:.0f}% {result(last)}" if last else "–",
                     esc(p.weakest[0].key) if p.weakest else "–"))
    parts.append(_table(["learner", "sessions", "answers", "accuracy", "exams", "latest exam",
                         "weakest"], rows, numeric=(1, 2, 3, 4)))
    keys = [m.key for m in report.class_objectives]
    if report.learners and keys:
        parts.append("<h2>Accuracy per learner and objective</h2>")
        matrix = [(esc(p.learner), *(_cell(m) for m in per_objective(p, report.class_objectives)))
                  for p in report.learners]
        parts.append(_table(["learner", *(esc(k) for k in keys)], matrix,
                            numeric=tuple(range(1, len(keys) + 1))))
    parts.append("<h2>Class mastery by objective</h2>")
    parts.append("<p>Pooled over learners: each learner's latest answer to each question.</p>")
    parts.append(bars(_bar_rows(report.class_objectives), mark, "Class accuracy by objective",
                      esc))
    parts.append(_mastery_table(report.class_objectives, "objective"))
    parts.append("<h2>Class mastery by phase</h2>")
    parts.append(bars(_bar_rows(report.class_phases), mark, "Class accuracy by phase", esc))
    parts.append(_mastery_table(report.class_phases, "side of the rule"))
    parts.append("<h2>Hardest questions</h2>")
    if report.hardest:
        parts.append(_table(["question", "accuracy", "learners", "stem"],
                            [(esc(q.question_id), pct(q.accuracy), str(q.learners),
                              esc(q.label)) for q in report.hardest], numeric=(1, 2),
                            text=3))
    else:
        parts.append("<p>No answers yet.</p>")
    for p in report.learners:
        parts.append(f"<details><summary>{esc(p.learner)}</summary>"
                     f"{_mastery_table(p.objectives, 'objective')}</details>")
    return parts


def render(report: Report) -> str:
    heading = esc(title(report))
    parts = ['<!DOCTYPE html>', '<html lang="en"><head><meta charset="utf-8" />',
             '<meta name="viewport" content="width=device-width, initial-scale=1" />',
             f"<title>{heading}</title><style>{CSS}</style></head><body>",
             f"<h1>{heading}</h1>", f'<p class="scope">{esc(scope_line(report))}</p>']
    parts += [f'<p class="note">{esc(n)}</p>' for n in report.notes]
    if report.class_view:
        parts += _class(report)
    elif report.learners:
        parts += _learner(report, report.learners[0])
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"

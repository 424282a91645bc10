"""The progress report as plain text for the terminal: aligned tables, ASCII bars.

Every piece of bank or learner text goes through ``safe_line``, so an escape sequence in a
question id or a learner name is shown, never obeyed. No rich, no textual: the output is the
same on any terminal and in a pipe. Given a width, every line fits it and no word is cut
(quiz.reports.layout: long texts wrap inside their column, or a table too wide for its width
is stacked); without one, each row is one line, texts in full.
"""

from __future__ import annotations

from collections.abc import Sequence

from quiz.reports.layout import command, flow, table, wrap
from quiz.reports.progress.fmt import (
    day,
    interval,
    label,
    overall_rows,
    pct,
    per_objective,
    result,
    scope_line,
    title,
)
from quiz.reports.progress.model import LearnerProgress, Mastery, Report
from quiz.text import safe_line

TREND_ROWS = 20
Width = int | None


def bar(value: float | None, mark: float | None = None, width: int = 20) -> str:
    """``[#######.....|...]``: the share filled, ``|`` at the pass mark."""
    filled = 0 if value is None else round(value * width)
    cells = ["#" if i < filled else "." for i in range(width)]
    if mark is not None and 0 <= mark < 1:
        cells[min(width - 1, round(mark * width))] = "|"
    return "[" + "".join(cells) + "]"


def _mastery_table(masteries: Sequence[Mastery], what: str, w: Width) -> list[str]:
    rows = [(label(m.key), m.status.value, pct(m.accuracy), interval(m), str(m.questions),
             str(m.answers), str(m.stale_answers), str(m.bank_questions),
             bar(m.accuracy, m.pass_mark, 10), label(m.label))
            for m in masteries]
    return table(["id", "status", "accuracy", "95% interval", "questions", "answers",
                  "edited", "in bank", "", what], rows, right=(2, 4, 5, 6, 7), width=w)


def _heading(text: str, w: Width) -> list[str]:
    return ["", *wrap(text, w, "", "  ")]


def _learner(report: Report, p: LearnerProgress, w: Width) -> list[str]:
    lines = ["Overall"]
    lines += table(["", ""], list(overall_rows(report, p)), width=w, header=False)
    lines += _heading(f"Exam scores over time (latest {TREND_ROWS}, oldest first)", w)
    if p.exams:
        shown = p.exams[-TREND_ROWS:]
        lines += table(["date", "score", "result", "answered", "trend"],
                       [(day(e.started_at), f"{e.percent:.0f}%", result(e),
                         f"{e.answered}/{e.items}",
                         bar(e.percent / 100, (e.pass_percent or 0) / 100 or None))
                        for e in shown], right=(1, 3), width=w, text=None)
    else:
        lines.append("  no exams yet: quiz exam")
    lines += _heading(f"Mastery by objective (latest answer to each question; Wilson 95% "
                      f"interval; pass mark {report.pass_percent}%)", w)
    lines += _mastery_table(p.objectives, "objective", w)
    lines += _heading("Mastery by phase", w)
    lines += _mastery_table(p.phases, "side of the rule", w)
    lines += _heading("Calibration (confidence 1 = unsure, 3 = sure)", w)
    c = p.calibration
    if c.rated:
        lines += table(["confidence", "answers", "right", "accuracy"],
                       [(str(lv.confidence), str(lv.answers), str(lv.correct),
                         pct(lv.correct / lv.answers)) for lv in c.levels], right=(1, 2, 3),
                       width=w, text=None)
        lines += flow([f"sure but wrong: {c.sure_but_wrong}",
                       f"unsure but right: {c.unsure_but_right}"], w, "  ", "; ")
    else:
        lines.append("  no answers rated for confidence yet")
    lines += _heading("Study next", w)
    if p.weakest:
        for s in p.weakest:
            lines += wrap(f"{label(s.key)}  {s.status.value}, {pct(s.accuracy)}: "
                          f"{label(s.label)}", w, "  ", "      ")
            lines += command(safe_line(s.command), w, "      ")
    else:
        lines += wrap("every objective is mastered: keep it fresh with quiz review", w, "  ")
    return lines


def _class(report: Report, w: Width) -> list[str]:
    lines = ["Learners"]
    rows = []
    for p in report.learners:
        o = p.overall
        last = p.exams[-1] if p.exams else None
        rows.append((label(p.learner), str(o.sessions), str(o.answers), pct(o.accuracy),
                     str(len(p.exams)), f"{last.percent:.0f}% {result(last)}" if last else "–",
                     label(p.weakest[0].key) if p.weakest else "–"))
    lines += table(["learner", "sessions", "answers", "accuracy", "exams", "latest exam",
                    "weakest"], rows, right=(1, 2, 3, 4), width=w, text=0)
    keys = [m.key for m in report.class_objectives]
    if report.learners and keys:
        lines += _heading("Accuracy per learner and objective (latest answer per question)", w)
        matrix = [(label(p.learner), *(pct(m.accuracy if m else None)
                                       for m in per_objective(p, report.class_objectives)))
                  for p in report.learners]
        lines += table(["learner", *(label(k) for k in keys)], matrix,
                       right=tuple(range(1, len(keys) + 1)), width=w, text=0)
    lines += _heading(f"Class mastery by objective (pooled over learners; pass mark "
                      f"{report.pass_percent}%)", w)
    lines += _mastery_table(report.class_objectives, "objective", w)
    lines += _heading("Class mastery by phase", w)
    lines += _mastery_table(report.class_phases, "side of the rule", w)
    lines += _heading("Hardest questions (each learner's latest answer)", w)
    if report.hardest:
        lines += table(["question", "accuracy", "learners", "stem"],
                       [(label(q.question_id), pct(q.accuracy), str(q.learners),
                         label(q.label)) for q in report.hardest], right=(1, 2), width=w)
    else:
        lines.append("  no answers yet")
    return lines


def render(report: Report, width: int | None = None) -> str:
    """The report as text; ``width`` wraps it to that many columns (None: no limit)."""
    lines = [*wrap(title(report), width), *wrap(scope_line(report), width, "", "  "), ""]
    for n in report.notes:
        lines += wrap(f"note: {safe_line(n)}", width, "", "  ")
    if report.notes:
        lines.append("")
    if report.class_view:
        lines += _class(report, width)
    elif report.learners:
        lines += _learner(report, report.learners[0], width)
    return "\n".join(lines) + "\n"

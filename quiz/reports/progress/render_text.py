"""The progress report as plain text for the terminal: aligned tables, ASCII bars.

Every piece of bank or learner text goes through ``safe_line``, so an escape sequence in a
question id or a learner name is shown, never obeyed. No rich, no textual: the output is the
same on any terminal and in a pipe.
"""

from __future__ import annotations

from collections.abc import Sequence

from quiz.reports.progress.fmt import (
    day,
    interval,
    label,
    overall_rows,
    pct,
    result,
    scope_line,
    title,
)
from quiz.reports.progress.model import LearnerProgress, Mastery, Report
from quiz.text import safe_line

TREND_ROWS = 20
LABEL_WIDTH = 60


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[int] = (),
          indent: str = "  ") -> list[str]:
    """Columns padded to their widest cell; ``right`` lists right-aligned columns; the last
    column is not padded."""
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(headers)]
    lines = []
    for row in [list(headers), *[list(r) for r in rows]]:
        cells = [c.rjust(widths[i]) if i in right else c.ljust(widths[i])
                 for i, c in enumerate(row)]
        cells[-1] = cells[-1].rstrip() if len(row) - 1 not in right else cells[-1]
        lines.append((indent + "  ".join(cells)).rstrip())
    return lines


def bar(value: float | None, mark: float | None = None, width: int = 20) -> str:
    """``[#######.....|...]``: the share filled, ``|`` at the pass mark."""
    filled = 0 if value is None else round(value * width)
    cells = ["#" if i < filled else "." for i in range(width)]
    if mark is not None and 0 <= mark < 1:
        cells[min(width - 1, round(mark * width))] = "|"
    return "[" + "".join(cells) + "]"


def _mastery_table(masteries: Sequence[Mastery], what: str) -> list[str]:
    rows = [(label(m.key), m.status.value, pct(m.accuracy), interval(m), str(m.questions),
             str(m.answers), str(m.stale_answers), str(m.bank_questions),
             bar(m.accuracy, m.pass_mark, 10), label(m.label, LABEL_WIDTH))
            for m in masteries]
    return table(["id", "status", "accuracy", "95% interval", "questions", "answers",
                  "edited", "in bank", "", what], rows, right=(2, 4, 5, 6, 7))


def _learner(report: Report, p: LearnerProgress) -> list[str]:
    lines = ["Overall"]
    lines += table(["", ""], [(k, v) for k, v in overall_rows(report, p)])[1:]
    lines += ["", f"Exam scores over time (latest {TREND_ROWS}, oldest first)"]
    if p.exams:
        shown = p.exams[-TREND_ROWS:]
        lines += table(["date", "score", "result", "answered", "trend"],
                       [(day(e.started_at), f"{e.percent:.0f}%", result(e),
                         f"{e.answered}/{e.items}",
                         bar(e.percent / 100, (e.pass_percent or 0) / 100 or None))
                        for e in shown], right=(1, 3))
    else:
        lines.append("  no exams yet: quiz exam")
    lines += ["", f"Mastery by objective (latest answer to each question; Wilson 95% "
                  f"interval; pass mark {report.pass_percent}%)"]
    lines += _mastery_table(p.objectives, "objective")
    lines += ["", "Mastery by phase"]
    lines += _mastery_table(p.phases, "side of the rule")
    lines += ["", "Calibration (confidence 1 = unsure, 3 = sure)"]
    c = p.calibration
    if c.rated:
        lines += table(["confidence", "answers", "right", "accuracy"],
                       [(str(lv.confidence), str(lv.answers), str(lv.correct),
                         pct(lv.correct / lv.answers)) for lv in c.levels], right=(1, 2, 3))
        lines.append(f"  sure but wrong: {c.sure_but_wrong}; unsure but right: "
                     f"{c.unsure_but_right}")
    else:
        lines.append("  no answers rated for confidence yet")
    lines += ["", "Study next"]
    if p.weakest:
        for s in p.weakest:
            lines.append(f"  {label(s.key)}  {s.status.value}, {pct(s.accuracy)}: "
                         f"{label(s.label, LABEL_WIDTH)}")
            lines.append(f"      {safe_line(s.command)}")
    else:
        lines.append("  every objective is mastered: keep it fresh with quiz review")
    return lines


def _class(report: Report) -> list[str]:
    lines = ["Learners"]
    rows = []
    for p in report.learners:
        o = p.overall
        last = p.exams[-1] if p.exams else None
        rows.append((label(p.learner, 30), str(o.sessions), str(o.answers), pct(o.accuracy),
                     str(len(p.exams)), f"{last.percent:.0f}% {result(last)}" if last else "–",
                     label(p.weakest[0].key) if p.weakest else "–"))
    lines += table(["learner", "sessions", "answers", "accuracy", "exams", "latest exam",
                    "weakest"], rows, right=(1, 2, 3, 4))
    keys = [m.key for m in report.class_objectives]
    if report.learners and keys:
        lines += ["", "Accuracy per learner and objective (latest answer per question)"]
        matrix = [(label(p.learner, 30), *(pct(m.accuracy) for m in p.objectives))
                  for p in report.learners]
        lines += table(["learner", *(label(k) for k in keys)], matrix,
                       right=tuple(range(1, len(keys) + 1)))
    lines += ["", f"Class mastery by objective (pooled over learners; pass mark "
                  f"{report.pass_percent}%)"]
    lines += _mastery_table(report.class_objectives, "objective")
    lines += ["", "Class mastery by phase"]
    lines += _mastery_table(report.class_phases, "side of the rule")
    lines += ["", "Hardest questions (each learner's latest answer)"]
    if report.hardest:
        lines += table(["question", "accuracy", "learners", "stem"],
                       [(label(q.question_id, 30), pct(q.accuracy), str(q.learners),
                         label(q.label, LABEL_WIDTH)) for q in report.hardest], right=(1, 2))
    else:
        lines.append("  no answers yet")
    return lines


def render(report: Report) -> str:
    lines = [title(report), scope_line(report), ""]
    lines += [f"note: {safe_line(n)}" for n in report.notes]
    if report.notes:
        lines.append("")
    if report.class_view:
        lines += _class(report)
    elif report.learners:
        lines += _learner(report, report.learners[0])
    return "\n".join(lines) + "\n"

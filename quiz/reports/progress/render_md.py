"""The progress report as Markdown, for sharing (GitHub, a wiki, an email).

Every bank or learner text goes through quiz.reports.markdown (``cell`` in tables and prose,
``code`` for commands), which both reports share.
"""

from __future__ import annotations

from collections.abc import Sequence

from quiz.reports.markdown import cell, code, table
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


def _masteries(masteries: Sequence[Mastery], what: str) -> list[str]:
    return table(["id", what, "status", "accuracy", "95% interval", "questions", "answers",
                  "edited", "in bank"],
                 [(cell(m.key), cell(m.label), m.status.value, pct(m.accuracy),
                   interval(m), str(m.questions), str(m.answers), str(m.stale_answers),
                   str(m.bank_questions)) for m in masteries], right=(3, 5, 6, 7, 8))


def _learner(report: Report, p: LearnerProgress) -> list[str]:
    lines = ["## Overall", ""]
    lines += table(["", ""], [(k, cell(v)) for k, v in overall_rows(report, p)])
    lines += ["", "## Exam scores over time", ""]
    if p.exams:
        lines += table(["date", "score", "result", "answered"],
                       [(day(e.started_at), f"{e.percent:.0f}%", result(e),
                         f"{e.answered}/{e.items}") for e in p.exams], right=(1, 3))
    else:
        lines.append("No exams yet: " + code("quiz exam"))
    lines += ["", "## Mastery by objective", "",
              f"Latest answer to each question, Wilson 95% interval; pass mark "
              f"{report.pass_percent}%. Weak: the interval's top is below the pass mark, or "
              "accuracy is below 60%.", ""]
    lines += _masteries(p.objectives, "objective")
    lines += ["", "## Mastery by phase", ""]
    lines += _masteries(p.phases, "side of the rule")
    lines += ["", "## Calibration", ""]
    c = p.calibration
    if c.rated:
        lines += table(["confidence", "answers", "right", "accuracy"],
                       [(str(lv.confidence), str(lv.answers), str(lv.correct),
                         pct(lv.correct / lv.answers)) for lv in c.levels], right=(1, 2, 3))
        lines += ["", f"Sure but wrong: {c.sure_but_wrong}. Unsure but right: "
                      f"{c.unsure_but_right}."]
    else:
        lines.append("No answers rated for confidence yet.")
    lines += ["", "## Study next", ""]
    if p.weakest:
        lines += [f"- **{cell(s.key)}** ({s.status.value}, {pct(s.accuracy)}): "
                  f"{cell(s.label)}: {code(s.command)}" for s in p.weakest]
    else:
        lines.append("Every objective is mastered.")
    return lines


def _class(report: Report) -> list[str]:
    lines = ["## Learners", ""]
    rows = []
    for p in report.learners:
        o, last = p.overall, (p.exams[-1] if p.exams else None)
        rows.append((cell(p.learner), str(o.sessions), str(o.answers), pct(o.accuracy),
                     str(len(p.exams)), f"{last.percent:.0f}% {result(last)}" if last else "–",
                     cell(p.weakest[0].key) if p.weakest else "–"))
    lines += table(["learner", "sessions", "answers", "accuracy", "exams", "latest exam",
                    "weakest"], rows, right=(1, 2, 3, 4))
    keys = [m.key for m in report.class_objectives]
    if report.learners and keys:
        lines += ["", "## Accuracy per learner and objective", ""]
        lines += table(["learner", *(cell(k) for k in keys)],
                       [(cell(p.learner), *(pct(m.accuracy if m else None)
                                            for m in per_objective(p, report.class_objectives)))
                        for p in report.learners], right=tuple(range(1, len(keys) + 1)))
    lines += ["", "## Class mastery by objective", "",
              "Pooled over learners: each learner's latest answer to each question.", ""]
    lines += _masteries(report.class_objectives, "objective")
    lines += ["", "## Class mastery by phase", ""]
    lines += _masteries(report.class_phases, "side of the rule")
    lines += ["", "## Hardest questions", ""]
    if report.hardest:
        lines += table(["question", "accuracy", "learners", "stem"],
                       [(cell(q.question_id), pct(q.accuracy), str(q.learners), cell(q.label))
                        for q in report.hardest], right=(1, 2))
    else:
        lines.append("No answers yet.")
    return lines


def render(report: Report) -> str:
    lines = [f"# {cell(title(report))}", "", cell(scope_line(report)), ""]
    for note in report.notes:
        lines += [f"> {cell(note)}", ""]
    if report.class_view:
        lines += _class(report)
    elif report.learners:
        lines += _learner(report, report.learners[0])
    return "\n".join(lines) + "\n"

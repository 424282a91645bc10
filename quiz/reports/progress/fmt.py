"""Number, time and text formatting shared by the progress renderers."""

from __future__ import annotations

from collections.abc import Sequence

from quiz.reports.progress.model import ExamResult, LearnerProgress, Mastery, Report
from quiz.text import safe_line


def pct(value: float | None, digits: int = 0) -> str:
    """A share in [0, 1] as a percentage; an en dash when there is none."""
    return "–" if value is None else f"{100 * value:.{digits}f}%"


def per_objective(learner: LearnerProgress, columns: Sequence[Mastery]
                  ) -> list[Mastery | None]:
    """The learner's mastery of each of the class's objectives, None where the learner has
    none: a learner's own list lacks the objectives only other learners' answers brought in
    (an objective of a removed question), so it is matched by (lesson, objective), not by
    position."""
    mine = {(m.lesson, m.objective): m for m in learner.objectives}
    return [mine.get((c.lesson, c.objective)) for c in columns]


def duration(seconds: float) -> str:
    """``2h 05m``, ``4m 10s`` or ``12s``."""
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}h {minutes:02d}m"
    if minutes:
        return f"{minutes}m {secs:02d}s"
    return f"{secs}s"


def day(stamp: str) -> str:
    """The date part of an ISO time stamp."""
    return stamp[:10]


def interval(m: Mastery) -> str:
    if not m.questions:
        return "–"
    low, high = m.interval
    return f"{100 * low:.0f}–{100 * high:.0f}%"


def result(exam: ExamResult) -> str:
    return {True: "pass", False: "fail", None: "–"}[exam.passed]


def title(report: Report) -> str:
    if report.class_view:
        return f"Class progress: {len(report.learners)} learner(s)"
    who = report.learners[0].learner if report.learners else "nobody"
    return f"Progress report: {safe_line(who)}"


def scope_line(report: Report) -> str:
    """Since when, which banks and which sources the report covers (already safe)."""
    parts = [f"generated {report.generated_at}"]
    if report.since:
        parts.append(f"answers since {report.since}")
    parts.append("banks: " + (", ".join(report.banks) if report.banks else "all"))
    if report.sources:
        parts.append(f"sources: {', '.join(report.sources)}")
    return safe_line(" · ".join(parts))


def exam_summary(p: LearnerProgress) -> str:
    if not p.exams:
        return "none yet"
    passed = sum(bool(e.passed) for e in p.exams)
    last = p.exams[-1]
    mark = f", pass mark {last.pass_percent}%" if last.pass_percent is not None else ""
    return (f"{len(p.exams)} submitted, {passed} passed; latest {last.percent:.0f}% "
            f"({result(last)}{mark})")


def edits_summary(p: LearnerProgress) -> list[str]:
    e = p.edits
    lines = []
    if e.stale_answers:
        lines.append(f"{e.stale_answers} answer(s) to {e.stale_questions} since-edited "
                     "question(s), left out of mastery")
    if e.removed_answers:
        lines.append(f"{e.removed_answers} answer(s) to {e.removed_questions} question(s) no "
                     "longer in the banks, counted as recorded")
    return lines


def due_summary(report: Report) -> str | None:
    if report.due is None:
        return None
    return f"{report.due.today} today, {report.due.week} in the next 7 days"


def overall_rows(report: Report, p: LearnerProgress) -> list[tuple[str, str]]:
    """The overall section as (label, value) pairs, every value already safe."""
    o = p.overall
    rows = [
        ("sessions", str(o.sessions)),
        ("answered", f"{o.answers} answer(s) to {o.questions} question(s)"),
        ("time spent", f"{duration(o.session_seconds)} in sessions, "
                       f"{duration(o.answering_ms / 1000)} answering"),
        ("accuracy", f"{pct(o.accuracy, 1)} of answers fully right"
                     + (f" (mean credit {pct(o.credit / o.answers, 1)})" if o.answers else "")),
        ("exams", exam_summary(p)),
    ]
    due = due_summary(report)
    if due is not None:
        rows.append(("reviews due", due + " (quiz review)"))
    rows += [("edited banks" if i == 0 else "", line)
             for i, line in enumerate(edits_summary(p))]
    return rows


def label(text: str, width: int = 0) -> str:
    """Bank or learner text for one table cell: safe, on one line, cut to ``width``."""
    one = safe_line(" ".join(text.split()))
    return one if not width or len(one) <= width else one[: width - 1] + "…"

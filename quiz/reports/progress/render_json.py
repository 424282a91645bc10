"""The progress report as JSON (shape documented in docs/reports.md, ``schema`` names it).

Text is kept as recorded (a tool matching ids must see the real ids), but no control
character reaches the output raw: JSON escapes C0 controls itself, and C1 controls, bidi
overrides and line separators are escaped here as ``\\uXXXX`` — same value once parsed.
"""

from __future__ import annotations

import json
from typing import Any

from quiz.reports.progress.model import (
    Calibration,
    ExamResult,
    LearnerProgress,
    Mastery,
    Overall,
    QuestionStat,
    Report,
)
from quiz.text import safe_json

SCHEMA = "quiz-progress-report/1"
def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def mastery(m: Mastery) -> dict[str, Any]:
    low, high = m.interval
    return {
        "key": m.key, "objective": m.objective, "label": m.label, "status": m.status.value,
        "questions": m.questions, "correct": m.correct, "accuracy": _r(m.accuracy),
        "wilson_low": _r(low) if m.questions else None,
        "wilson_high": _r(high) if m.questions else None,
        "answers": m.answers, "stale_answers": m.stale_answers,
        "bank_questions": m.bank_questions,
    }


def overall(o: Overall) -> dict[str, Any]:
    return {
        "sessions": o.sessions, "answers": o.answers, "questions": o.questions,
        "correct": o.correct, "accuracy": _r(o.accuracy),
        "mean_credit": _r(o.credit / o.answers) if o.answers else None,
        "answering_seconds": round(o.answering_ms / 1000, 3),
        "session_seconds": round(o.session_seconds, 3),
    }


def exam(e: ExamResult) -> dict[str, Any]:
    return {
        "session_id": e.session_id, "bank_id": e.bank_id, "started_at": e.started_at,
        "items": e.items, "answered": e.answered, "earned": _r(e.earned),
        "percent": _r(e.percent), "pass_percent": e.pass_percent, "passed": e.passed,
    }


def calibration(c: Calibration) -> dict[str, Any]:
    return {
        "rated": c.rated, "sure_but_wrong": c.sure_but_wrong,
        "unsure_but_right": c.unsure_but_right,
        "levels": [{"confidence": lv.confidence, "answers": lv.answers, "correct": lv.correct,
                    "accuracy": _r(lv.correct / lv.answers if lv.answers else None)}
                   for lv in c.levels],
    }


def learner(p: LearnerProgress) -> dict[str, Any]:
    e = p.edits
    return {
        "learner": p.learner,
        "overall": overall(p.overall),
        "exams": [exam(x) for x in p.exams],
        "objectives": [mastery(m) for m in p.objectives],
        "phases": [mastery(m) for m in p.phases],
        "calibration": calibration(p.calibration),
        "edits": {"stale_answers": e.stale_answers, "stale_questions": e.stale_questions,
                  "removed_answers": e.removed_answers,
                  "removed_questions": e.removed_questions},
        "weakest": [{"key": s.key, "objective": s.objective, "label": s.label,
                     "status": s.status.value, "accuracy": _r(s.accuracy),
                     "command": s.command} for s in p.weakest],
    }


def question(q: QuestionStat) -> dict[str, Any]:
    return {"question_id": q.question_id, "label": q.label, "removed": q.removed,
            "learners": q.learners, "correct": q.correct, "accuracy": _r(q.accuracy)}


def to_dict(report: Report) -> dict[str, Any]:
    """The report as plain JSON data."""
    return {
        "schema": SCHEMA,
        "generated_at": report.generated_at,
        "class_view": report.class_view,
        "pass_percent": report.pass_percent,
        "scope": {"since": report.since, "banks": list(report.banks),
                  "sources": list(report.sources)},
        "due": None if report.due is None else {"today": report.due.today,
                                                "week": report.due.week},
        "notes": list(report.notes),
        "learners": [learner(p) for p in report.learners],
        "class": None if not report.class_view else {
            "overall": overall(report.class_overall),
            "objectives": [mastery(m) for m in report.class_objectives],
            "phases": [mastery(m) for m in report.class_phases],
            "hardest": [question(q) for q in report.hardest],
        },
    }


def render(report: Report) -> str:
    return safe_json(json.dumps(to_dict(report), ensure_ascii=False, indent=2)) + "\n"

"""The progress report as CSV: one row per metric, long format, for spreadsheets and scripts.

Columns: ``learner, section, key, label, metric, value``. ``learner`` is empty for class-wide
rows. Sections and their metrics are listed in docs/reports.md (overall, exam, objective,
phase, calibration, edits, weakest, due, class_overall, class_objective, class_phase,
hardest). Booleans are ``true``/``false``, missing values empty. Text cells are made safe:
control characters are shown as escapes, and a cell that a spreadsheet would take for a
formula (starting with ``= + - @`` or a tab) gets a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from quiz.reports.progress import render_json
from quiz.reports.progress.model import Report
from quiz.text import safe_line, spreadsheet_safe

HEADER = ("learner", "section", "key", "label", "metric", "value")
Row = tuple[str, str, str, str, str, object]


def _text(value: object) -> object:
    if isinstance(value, bool):
        return "true" if value else "false"
    if not isinstance(value, str):
        return "" if value is None else value
    return spreadsheet_safe(safe_line(value))


def _metrics(learner: str, section: str, key: str, label: str, data: dict[str, object],
             skip: tuple[str, ...] = ()) -> Iterator[Row]:
    for metric, value in data.items():
        if metric not in skip and not isinstance(value, (list, dict)):
            yield learner, section, key, label, metric, value


def rows(report: Report) -> Iterator[Row]:
    data = render_json.to_dict(report)
    for p in data["learners"]:
        name = p["learner"]
        yield from _metrics(name, "overall", "", "", p["overall"])
        for e in p["exams"]:
            yield from _metrics(name, "exam", str(e["session_id"]), e["started_at"], e,
                                ("session_id", "started_at"))
        for section in ("objectives", "phases"):
            for m in p[section]:
                yield from _metrics(name, section[:-1], m["key"], m["label"], m,
                                    ("key", "label", "objective"))
        cal = p["calibration"]
        yield from _metrics(name, "calibration", "", "", cal)
        for level in cal["levels"]:
            yield from _metrics(name, "calibration", str(level["confidence"]), "", level,
                                ("confidence",))
        yield from _metrics(name, "edits", "", "", p["edits"])
        for rank, s in enumerate(p["weakest"], start=1):
            yield from _metrics(name, "weakest", s["key"], s["label"], {"rank": rank, **s},
                                ("key", "label", "objective"))
    if data["due"] is not None:
        yield from _metrics("", "due", "", "", data["due"])
    klass = data["class"]
    if klass is not None:
        yield from _metrics("", "class_overall", "", "", klass["overall"])
        for section in ("objectives", "phases"):
            for m in klass[section]:
                yield from _metrics("", f"class_{section[:-1]}", m["key"], m["label"], m,
                                    ("key", "label", "objective"))
        for q in klass["hardest"]:
            yield from _metrics("", "hardest", q["question_id"], q["label"], q,
                                ("question_id", "label"))


def render(report: Report) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for row in rows(report):
        writer.writerow([_text(v) for v in row])
    return out.getvalue()

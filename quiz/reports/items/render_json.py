"""Item analysis as JSON (the shape documented in docs/item-analysis.md).

Figures that cannot be computed are ``null``. Text is kept as recorded (a tool matching ids
must see the real ids); the encoder writes every non-ASCII character as ``\\uXXXX``
(``ensure_ascii``), so no control character or escape sequence reaches the output raw.
"""

from __future__ import annotations

import json

from quiz.reports.items.analysis import BankReport, ItemReport, ItemsReport


def as_json(report: ItemsReport) -> dict[str, object]:
    """The report as plain data (the shape documented in docs/item-analysis.md)."""
    return {
        "sources": list(report.sources),
        "attempts": report.which,
        "banks": [_bank(bank) for bank in report.banks],
    }


def _bank(bank: BankReport) -> dict[str, object]:
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
        "questions": [_item(item) for item in bank.items],
    }


def _item(item: ItemReport) -> dict[str, object]:
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


def render(report: ItemsReport) -> str:
    return json.dumps(as_json(report), indent=2, ensure_ascii=True, allow_nan=False) + "\n"

"""Progress reports: what a learner (or a class) knows, from stored answers.

The same shape as item analysis (quiz.reports.items): ``aggregate`` folds the store's grouped
answers into a ``model.Report``; ``build`` turns ``quiz report``'s options into one; a
renderer per format (``render_text``, ``render_md``, ``render_html``, ``render_json``,
``render_csv``, chosen by ``render``) prints it, with ``fmt`` for shared wording. HTML and
Markdown escaping and the HTML look are shared with item analysis (quiz.reports.style,
quiz.reports.markdown).

The aggregation entry points are re-exported here for callers that combine stores
(quiz.reports.class_view).
"""

from quiz.reports.progress.aggregate import (
    Aggregator,
    Context,
    finish,
    history_summary,
    learner_report,
    read_store,
)

__all__ = ["Aggregator", "Context", "finish", "history_summary", "learner_report",
           "read_store"]

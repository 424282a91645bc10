"""The class view: several learners' stores and exports merged into one report.

Each source is aggregated on its own (in SQL, as a single learner's report is) and the sums
are added: per-learner figures never mix sources, the class figures pool every learner's
latest answer to each question. Two sources that both have a learner of the same name (two
laptops whose learner is the default "learner") are kept apart: the later one is shown as
``name [file]``.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import ExitStack
from datetime import datetime
from pathlib import Path

from quiz.model import Catalog
from quiz.reports.progress import Aggregator, Context, finish, read_store
from quiz.reports.progress.model import Report
from quiz.store.exchange import catalog_facts, open_sources
from quiz.store.history import Scope, learner_names


def class_report(paths: Sequence[Path], catalog: Catalog, scope: Scope | None = None, *,
                 extra: Sequence[str] = (), now: datetime | None = None) -> Report:
    """One report over every source in ``paths`` (stores or JSON Lines exports)."""
    scope = scope or Scope()
    aggregator = Aggregator(Context(catalog, scope.banks))
    seen: set[str] = set()
    labels = []
    with ExitStack() as stack:
        for source in open_sources(list(paths), stack, catalog_facts(catalog)):
            labels.append(source.label)
            names = set(learner_names(source.conn).values())
            if scope.learners:
                names &= set(scope.learners)
            rename = {n: f"{n} [{source.label}]" for n in names if n in seen}
            seen |= names | set(rename.values())
            read_store(aggregator, source.conn, scope, rename)
    return finish(aggregator, learners=(), class_view=True, extra=extra, sources=labels,
                  since=scope.since, banks=scope.banks, now=now)

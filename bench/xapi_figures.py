"""Figures of the classroom path (issue 13): sending to an LRS, and the class read back.

1. ``send``: 10,000 pending statements sent to a local Ralph by ``quiz.xapi.sender.Sender``
   (outbox reads and marks included), ÷ posting the same batches of the same bytes with a
   bare ``httpx.Client`` (the floor), each to a fresh Ralph of its own. Target ≤ 1.5.
2. ``report``: the class report read from the LRS cache (a warm cache: nothing new to fetch)
   ÷ the same report from the learners' own stores (``--class`` over the stores; the
   figures are equal, tests/lrs/test_class_from_lrs.py). Target ≤ 2. The end-to-end
   ``quiz report --lrs`` adds one ``GET statements?since=`` to this; it is measured once
   the command is wired (the coordinator's step).

Usage: python bench/xapi_figures.py [--quick]. Ralph runs from tests/lrs (its own venv).
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(ROOT))  # the test suite's LRS helpers: tests.xapi, tests.lrs

from timing import Figure  # noqa: E402

COURSE = "https://school.example/courses/bench"


def _statements(count: int, learners: int) -> list[dict[str, object]]:
    from quiz.xapi import statements as st

    course = st.Course(COURSE, st.Actor(home_page="https://school.example"))
    store = uuid.UUID(int=7)
    made: list[dict[str, object]] = []
    per = max(1, count // learners)
    for n in range(count):
        learner, k = divmod(n, per)
        session = learner * 1000 + k // 30
        at = (f"2025-03-01T{9 + k // 3600 % 10:02d}:{k // 60 % 60:02d}:{k % 60:02d}"
              f".{n % 1000:03d}000+00:00")
        made.append(st.answered(course, store, st.ResponseFacts(
            session, f"learner{learner:04d}", "practice", "training-vs-inference", k % 30,
            f"q{k % 200:03d}", "single", f"h{k % 200}", ("training", "inference")[k % 2],
            (f"LO{1 + k % 9}",), (("a", "b")[n % 3 == 0],), float(n % 3 != 0), 1 + n % 3,
            1500 + n % 5000, at, 60.0 + k)))
    return made


def _outbox(path: Path, made: list[dict[str, object]]) -> sqlite3.Connection:
    from quiz.store import outbox
    from tests.xapi.xapi_helpers import outbox_store

    conn = outbox_store(path)
    conn.execute("BEGIN")
    outbox.enqueue(conn, made)
    conn.execute("COMMIT")
    return conn


def send_figure(work: Path, count: int) -> Figure:
    import httpx

    from quiz.xapi.sender import BATCH, Sender

    # the test suite's Ralph launcher (its own venv, built once)
    from tests.lrs.ralph_server import PASSWORD, USER, Ralph
    from tests.xapi.xapi_helpers import lrs_config

    made = _statements(count, 100)
    bodies = [json.dumps(s, ensure_ascii=False, separators=(",", ":")) for s in made]
    # the floor: the same batches, the same bytes, a bare client
    bare_lrs = Ralph(work / "bare")
    bare_lrs.start()
    try:
        with httpx.Client(auth=(USER, PASSWORD), headers={
                "X-Experience-API-Version": "1.0.3",
                "Content-Type": "application/json"}) as client:
            start = time.perf_counter()
            for i in range(0, len(bodies), BATCH):
                payload = ("[" + ",".join(bodies[i:i + BATCH]) + "]").encode()
                client.post(bare_lrs.url + "statements", content=payload).raise_for_status()
            bare = time.perf_counter() - start
    finally:
        bare_lrs.stop()
    ours_lrs = Ralph(work / "ours")
    ours_lrs.start()
    try:
        conn = _outbox(work / "outbox.sqlite3", made)
        start = time.perf_counter()
        with Sender(lrs_config(ours_lrs.url, USER, PASSWORD, COURSE)) as sender:
            result = sender.drain(conn)
        ours = time.perf_counter() - start
        assert (result.sent, result.pending) == (count, 0), result
    finally:
        ours_lrs.stop()
    return Figure(f"send {count:,} statements to Ralph (statements/s: "
                  f"{count / ours:,.0f} vs {count / bare:,.0f})", 13, ours, bare,
                  "bare httpx posts", 1.5)


def report_figure(work: Path, count: int, learners: int) -> Figure:
    """The class report from the cache store ÷ from the learners' stores."""
    from click.testing import CliRunner

    from quiz.cli.main import cli
    from quiz.xapi.fetch import apply_statements, open_cache

    made = _statements(count, learners)
    cache = open_cache(work / "cache.sqlite3")
    apply_statements(cache, COURSE, made)
    cache.close()
    # the same answers in each learner's own store (the tests show the figures are equal)
    by_learner: dict[str, list[dict[str, object]]] = {}
    for statement in made:
        actor = statement["actor"]
        assert isinstance(actor, dict)
        by_learner.setdefault(str(actor["name"]), []).append(statement)
    stores = []
    for n, group in enumerate(by_learner.values()):
        own = open_cache(work / f"learner{n}.sqlite3")
        apply_statements(own, COURSE, group)
        own.close()
        stores.append(str(work / f"learner{n}.sqlite3"))

    def run(*args: str) -> float:
        start = time.perf_counter()
        result = CliRunner().invoke(cli, ["report", "--class", *args, "--format", "json"])
        assert result.exit_code == 0, result.output
        return time.perf_counter() - start

    run(str(work / "cache.sqlite3"))  # warm the bank cache
    lrs = min(run(str(work / "cache.sqlite3")) for _ in range(3))
    db = min(run(*stores) for _ in range(3))
    return Figure(f"report of {learners} learners, {count:,} answers, warm LRS cache", 13,
                  lrs, db, "--class over the learners' stores", 2.0)


def figures(work: Path, quick: bool) -> list[Figure]:
    """Both figures (for bench/run.py's group "xapi")."""
    count = 2_000 if quick else 10_000
    answers, learners = (10_000, 30) if quick else (100_000, 300)
    (work / "send").mkdir(parents=True, exist_ok=True)
    (work / "report").mkdir(parents=True, exist_ok=True)
    return [send_figure(work / "send", count), report_figure(work / "report", answers,
                                                             learners)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes (a smoke run)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="quiz-bench-xapi-") as folder:
        for figure in figures(Path(folder), args.quick):
            verdict = "met" if figure.ok else "NOT met"
            print(f"{figure.name}: {figure.measured:.3f} s ÷ {figure.floor:.3f} s "
                  f"({figure.floor_name}) = {figure.ratio:.2f} (target ≤ {figure.target}, "
                  f"{verdict})")


if __name__ == "__main__":
    main()

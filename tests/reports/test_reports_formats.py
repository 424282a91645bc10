"""Every format renders an empty history, a single answer and a large history, for one learner
and for a class; the HTML is well-formed and carries its charts; hostile text is escaped."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from bench.synthetic_store import Shape, default_questions, questions_from_bank, write_store
from quiz.model import Catalog
from quiz.reports.class_view import class_report
from quiz.reports.progress.aggregate import learner_report
from quiz.reports.progress.model import Report
from quiz.reports.progress.render import FORMATS, render
from quiz.store.history import Scope
from tests.reports.reports_data import AnswerSpec, SessionSpec, catalog, question, write_history

SVG = "{http://www.w3.org/2000/svg}svg"
VOID = {"meta", "br", "img", "hr", "input", "link"}


class StrictHTML(HTMLParser):
    """Fails on anything a sloppy page gets away with: unclosed or mismatched elements, void
    elements not self-closed, unquoted attributes, stray end tags."""

    ATTRIBUTE = re.compile(r'\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*="[^"<]*"')

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []

    def _check_attributes(self, tag: str) -> None:
        text = self.get_starttag_text() or ""
        inner = re.sub(r"^<[a-zA-Z0-9]+", "", text).rstrip(">").rstrip("/").rstrip()
        if self.ATTRIBUTE.sub("", inner).strip():
            self.problems.append(f"badly quoted attributes in {text!r}")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._check_attributes(tag)
        if tag in VOID:
            self.problems.append(f"<{tag}> is not self-closed")
        else:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._check_attributes(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> does not close {self.stack[-1:] or 'anything'}")
        else:
            self.stack.pop()

    def check(self, text: str) -> list[str]:
        self.feed(text)
        self.close()
        return self.problems + [f"<{t}> never closed" for t in self.stack]


@pytest.fixture(scope="module")
def large_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("large")
    bank = catalog().banks[0]
    return write_store(folder / "large.sqlite3",
                       Shape(responses=20_000, learners=8, sessions=400, bank_id="bank"),
                       questions=questions_from_bank(bank) + default_questions(120))


@pytest.fixture(scope="module")
def one_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("one")
    return write_history(folder / "one.sqlite3",
                         [SessionSpec("ana", "practice", "finished", "bank", 1)],
                         [AnswerSpec(0, "q2", False, 1.0, 3, 1200, 1)])


def _reports(size: str, large_store: Path, one_store: Path, tmp_path: Path
             ) -> list[Report]:
    cat = catalog()
    if size == "empty":
        empty = write_history(tmp_path / "empty.sqlite3", [], [], learner_names=["ana"])
        return [learner_report(None, cat, "ana"), class_report([empty], cat)]
    path = one_store if size == "one" else large_store
    name = "ana" if size == "one" else "learner-001"
    conn = sqlite3.connect(path)
    try:
        single = learner_report(conn, cat, name)
    finally:
        conn.close()
    return [single, class_report([path], cat)]


def _check_html(text: str, charts: int) -> None:
    assert StrictHTML().check(text) == []
    root = ET.fromstring(text)  # well-formed as XML too
    assert len(list(root.iter(SVG))) == charts
    # self-contained: nothing fetched, nothing run
    for element in root.iter():
        assert element.tag.rpartition("}")[2] not in ("script", "link", "img", "iframe")
        assert not {"src", "href", "onerror", "onload"} & set(element.attrib)


@pytest.mark.parametrize("size", ["empty", "one", "large"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_renders(fmt: str, size: str, large_store: Path, one_store: Path,
                              tmp_path: Path) -> None:
    single, whole = _reports(size, large_store, one_store, tmp_path)
    for report in (single, whole):
        text = render(report, fmt)
        assert text.endswith("\n") and len(text) > 200
        if fmt == "json":
            data = json.loads(text)
            assert data["schema"] == "quiz-progress-report/1"
            assert data["class_view"] is report.class_view
            assert len(data["learners"]) == len(report.learners)
            if report.learners:
                first = data["learners"][0]
                assert [o["objective"] for o in first["objectives"]][:4] == \
                    ["LO1", "LO2", "LO3", "LO4"]
                assert first["overall"]["answers"] == report.learners[0].overall.answers
        elif fmt == "csv":
            rows = list(csv.DictReader(io.StringIO(text)))
            assert rows or not report.learners
            assert all(set(r) == {"learner", "section", "key", "label", "metric", "value"}
                       for r in rows)
            if report.learners and not report.class_view:
                lo1 = {r["metric"]: r["value"] for r in rows
                       if r["section"] == "objective" and r["key"] == "LO1"}
                assert lo1["status"] == report.learners[0].objectives[0].status.value
        elif fmt == "html":
            _check_html(text, 3 if not report.class_view else 2)
        elif fmt == "md":
            assert text.startswith("# ") and "| --- |" in text
        else:
            assert "Mastery by" in text or "Class mastery" in text
    if size == "one":
        assert single.learners[0].overall.answers == 1
        lo2 = next(m for m in single.learners[0].objectives if m.objective == "LO2")
        assert (lo2.questions, lo2.correct) == (1, 1)
    if size == "empty":
        assert all(m.status.value == "untested" for m in single.learners[0].objectives)
        assert whole.learners == ()


def test_the_large_report_shows_its_trend_and_weakest(large_store: Path) -> None:
    conn = sqlite3.connect(large_store)
    try:
        report = learner_report(conn, catalog(), "learner-001")
    finally:
        conn.close()
    p = report.learners[0]
    assert p.overall.answers == 20_000 // 8 and len(p.exams) > 1
    html = render(report, "html")
    root = ET.fromstring(html)
    trend = next(root.iter(SVG))
    circles = list(trend.iter("{http://www.w3.org/2000/svg}circle"))
    assert len(circles) == len(p.exams)
    for s in p.weakest:
        assert s.command.startswith("quiz practice --objective ")
        assert s.command in render(report, "text") and s.command in render(report, "md")


HOSTILE_NAME = "<script>alert(1)</script>\x1b[31mred\x07=SUM(A1)"
HOSTILE_ID = "q\x1b]0;owned\x07<img src=x onerror=alert(1)>|`*_["


def _hostile_catalog() -> Catalog:
    evil = question(HOSTILE_ID, stem="Stem <script>x()</script> \x1b[2J\u202e", objectives=("LO1",))
    return catalog((question("q1"), evil))


def test_hostile_ids_names_and_texts_are_escaped_in_every_format(tmp_path: Path) -> None:
    cat = _hostile_catalog()
    path = tmp_path / "hostile.sqlite3"
    conn = sqlite3.connect(write_history(path, [SessionSpec(HOSTILE_NAME, "practice",
                                                            "finished", "bank", 2)], []))
    conn.execute("INSERT INTO responses (session_id, learner_id, position, question_id,"
                 " content_hash, phase, objectives, answer, score, time_ms, answered_at)"
                 " VALUES (1, 1, 0, ?, ?, 'training', ?, '[\"b\"]', 0, 5, ?)",
                 (HOSTILE_ID, cat.questions()[1].content_hash, json.dumps(["LO1", "<LO>\x1b"]),
                  "2025-03-01T09:00:00+00:00"))
    conn.commit()
    single = learner_report(conn, cat, HOSTILE_NAME)
    conn.close()
    whole = class_report([path], cat)
    assert whole.hardest[0].question_id == HOSTILE_ID
    for report in (single, whole):
        for fmt in FORMATS:
            text = render(report, fmt)
            for raw in ("\x1b", "\x07", "\u202e"):
                assert raw not in text, (fmt, raw)
            if fmt in ("html", "md"):
                # Markdown shows a code span's inside literally, so commands may quote it
                outside = re.sub(r"(`+).*?\1", "", text) if fmt == "md" else text
                assert "<script" not in outside and "<img" not in outside, fmt
                assert "&lt;script&gt;" in text
            if fmt == "html":
                _check_html(text, 3 if not report.class_view else 2)
            if fmt == "json":  # the data survives, escaped, for tools to match on
                data = json.loads(text)
                assert data["learners"][0]["learner"] == HOSTILE_NAME
            if fmt == "csv":
                rows = list(csv.DictReader(io.StringIO(text)))
                assert not any(r["learner"].startswith(("=", "+", "-", "@")) for r in rows)
            if fmt == "md" and report.class_view:
                assert "\\|" in text  # a pipe in an id cannot split a table cell


def test_reports_survive_edited_and_removed_questions(tmp_path: Path) -> None:
    path = write_history(
        tmp_path / "s.sqlite3",
        [SessionSpec("ana", "practice", "finished", "bank", 4)],
        [AnswerSpec(0, "q1", False, 1.0, None, 10, 1),
         AnswerSpec(0, "q3", False, 0.0, None, 10, 2),
         AnswerSpec(0, "gone1", False, 1.0, None, 10, 3)])
    # the bank is edited afterwards: q1's stem changes, q3 disappears, LO1 gains a question
    edited = catalog((question("q1", stem="A reworded stem"), question("q2"), question("q4")))
    conn = sqlite3.connect(path)
    try:
        report = learner_report(conn, edited, "ana", Scope(("ana",)))
    finally:
        conn.close()
    p = report.learners[0]
    assert (p.edits.stale_answers, p.edits.stale_questions) == (1, 1)
    assert (p.edits.removed_answers, p.edits.removed_questions) == (2, 2)
    by = {m.objective: m for m in p.objectives}
    assert by["LO1"].questions == 0 and by["LO1"].stale_answers == 1  # only q1, since edited
    assert (by["LO2"].questions, by["LO2"].correct) == (1, 1)  # gone1, as recorded
    assert (by["LO3"].questions, by["LO3"].correct) == (1, 0)  # q3, removed, as recorded
    for fmt in FORMATS:
        assert render(report, fmt)
    text = render(report, "text")
    assert "1 answer(s) to 1 since-edited question(s)" in text
    assert "2 answer(s) to 2 question(s) no longer in the banks" in text


def test_a_store_without_the_bank_loaded_still_reports(tmp_path: Path) -> None:
    path = write_history(tmp_path / "s.sqlite3",
                         [SessionSpec("ana", "exam", "submitted", "other", 2)],
                         [AnswerSpec(0, "gone2", False, 1.0, 2, 10, 1)])
    conn = sqlite3.connect(path)
    try:
        report = learner_report(conn, Catalog(), "ana", Scope(("ana",), None, ("other",)))
    finally:
        conn.close()
    p = report.learners[0]
    assert [m.objective for m in p.objectives] == ["LO3", "LO9"]
    assert p.exams[0].pass_percent is None and p.exams[0].percent == 50.0
    assert any("not loaded" in n for n in report.notes)
    for fmt in FORMATS:
        assert render(report, fmt)

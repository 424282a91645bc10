"""The HTML reports at 400 px and 1200 px, measured in headless Chromium (issue 15 item 9):
no sideways scroll on a phone (tables scroll inside their own box), for a learner's progress
report, a class report and an item analysis; and what the charts and the style sheet promise.

Chromium is Debian's ``chromium`` package, which CI installs; this test installs nothing and
is never skipped: without /usr/bin/chromium it fails and says so.
"""

from __future__ import annotations

import re
import sqlite3
import xml.etree.ElementTree as ET

import pytest

from bench.synthetic_store import Shape, questions_from_bank, write_store
from quiz.bank.load import load_catalog
from quiz.model import Catalog
from quiz.reports.class_view import class_report
from quiz.reports.items.analysis import analyse_sources
from quiz.reports.items.render import render as render_items
from quiz.reports.progress.aggregate import learner_report
from quiz.reports.progress.render import render
from quiz.reports.style import CSS, Point, bars, esc, trend
from tests.reports.chromium import CHROMIUM, scroll_width

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A learner's report, a class report and an item analysis over the bundled bank: long
    objective texts, nine objectives, exams spread over months."""
    catalog: Catalog = load_catalog()
    bank = catalog.banks[0]
    store = write_store(tmp_path_factory.mktemp("html") / "class.sqlite3",
                        Shape(responses=4_000, learners=6, sessions=120, exam_share=0.3,
                              bank_id=bank.id), questions=questions_from_bank(bank))
    conn = sqlite3.connect(store)
    try:
        one = learner_report(conn, catalog, "learner-001")
    finally:
        conn.close()
    assert len(one.learners[0].exams) > 2
    return {
        "learner": render(one, "html"),
        "class": render(class_report([store], catalog), "html"),
        "items": render_items(analyse_sources([store], [], "first", catalog), "html"),
    }


def test_chromium_is_installed() -> None:
    assert CHROMIUM.exists(), (f"{CHROMIUM} is missing: install Debian's chromium package "
                               "(apt-get install chromium); .ci/run does")


@pytest.mark.slow  # a real browser, about 2 s a page
@pytest.mark.parametrize("name", ["learner", "class", "items"])
def test_no_sideways_scroll_on_a_phone_or_a_desktop(pages: dict[str, str], name: str) -> None:
    for width in (400, 1200):
        scrolled, visible = scroll_width(pages[name], width)
        assert scrolled <= visible, f"{name} at {width} px is {scrolled} px wide ({visible})"


def test_both_reports_share_one_style_sheet(pages: dict[str, str]) -> None:
    for page in pages.values():
        assert f"<style>{CSS}</style>" in page
        assert 'name="viewport"' in page
        assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", page)  # self-contained
    assert "prefers-color-scheme:dark" in CSS and "@media print" in CSS
    assert "break-after:avoid" in CSS and "break-inside:avoid" in CSS
    assert re.search(r"table\{[^}]*overflow-x:auto", CSS)


def test_the_trend_spaces_exams_by_date_and_labels_the_pass_line() -> None:
    points = [Point("2025-03-01", 40, False, "2025-03-01T10:00:00+00:00"),
              Point("2025-03-02", 60, False, "2025-03-02T10:00:00+00:00"),
              Point("2025-03-11", 80, True, "2025-03-11T10:00:00+00:00")]
    root = ET.fromstring(trend(points, 70, "Exam scores", esc))
    xs = [float(c.attrib["cx"]) for c in root.iter(f"{SVG}circle")]
    # one day, then nine: the gaps are in the ratio of the times, not one step each
    assert (xs[2] - xs[1]) == pytest.approx(9 * (xs[1] - xs[0]), rel=1e-3)
    labels = [t.text for t in root.iter(f"{SVG}text")]
    assert "pass 70%" in labels
    assert root.attrib["viewBox"] == f"0 0 {root.attrib['width']} {root.attrib['height']}"
    # without readable times the exams are spaced evenly, in order
    plain = ET.fromstring(trend([Point("a", 1, None), Point("b", 2, None), Point("c", 3, None)],
                                None, "t", esc))
    even = [float(c.attrib["cx"]) for c in plain.iter(f"{SVG}circle")]
    assert even[1] - even[0] == pytest.approx(even[2] - even[1])


def test_bars_label_the_pass_line_and_make_room_for_long_keys() -> None:
    from quiz.reports.style import BarRow

    rows = [BarRow("lesson/LO10", "t", 0.5, 0.3, 0.7, "weak", "50% of 4 (30–70%)")]
    root = ET.fromstring(bars(rows, 0.7, "Accuracy", esc))
    assert "pass 70%" in [t.text for t in root.iter(f"{SVG}text")]
    key = next(t for t in root.iter(f"{SVG}text") if t.text == "lesson/LO10")
    assert float(key.attrib["x"]) >= 8.5 * len("lesson/LO10")  # drawn inside the chart

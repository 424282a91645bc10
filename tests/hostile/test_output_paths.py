"""Bank text and learner names reach every report and command output literally, neutralised.

For each nasty text: a course (bank, lesson, scenario) carrying it everywhere and a learner
named with it, real answers in a real store, then every renderer of ``quiz report`` (the
learner's and the class view) and ``quiz items``, and the commands ``report``, ``items``,
``stats``, ``lint`` and ``validate`` run through click. Terminal formats must hold no raw
control character, Markdown no HTML or broken table, HTML no smuggled element, JSON the exact
text back, CSV the safe text in the right column.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quiz.cli.main import cli
from quiz.model import Catalog
from quiz.reports.class_view import class_report
from quiz.reports.items.analysis import ItemsReport, analyse_sources
from quiz.reports.items.render import render as render_items
from quiz.reports.progress.model import Report
from quiz.reports.progress.render import FORMATS
from quiz.reports.progress.render import render as render_report
from quiz.store.history import Scope
from quiz.text import safe_line
from quiz.workspace import Workspace
from tests.hostile.checks import (
    assert_html_safe,
    assert_markdown_safe,
    assert_terminal_safe,
    plain,
    unsafe,
)
from tests.hostile.corpus import NASTY_TEXTS, quoted, write_course
from tests.hypothesis_budget import examples

NAMES = sorted(NASTY_TEXTS)
REPORT_ELEMENTS = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "p", "table",
                   "thead", "tbody", "tr", "th", "td", "span", "ul", "li", "strong", "br",
                   "code", "details", "summary", "svg", "line", "text", "g", "rect",
                   "polyline", "circle"}
ITEMS_ELEMENTS = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "p", "table",
                  "tr", "th", "td", "code", "a", "caption"}


@pytest.fixture(autouse=True)
def _private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUIZ_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("QUIZ_DB", str(tmp_path / "default.sqlite3"))


def practised(folder: Path, text: str) -> tuple[Workspace, Path, Path]:
    """A course carrying ``text``, and a store where a learner named ``text`` practised
    (one wrong answer) and sat an exam (one right answer). Returns the open workspace, the
    banks folder and the store."""
    banks = write_course(folder, text)
    db = folder / "progress.sqlite3"
    workspace = Workspace.open([banks], text, db)
    session = workspace.practice(seed=1)
    session.answer(["b"], confidence=3)
    session.submit()
    exam = workspace.exam(seed=2)
    exam.answer(["a"])
    exam.submit()
    return workspace, banks, db


def _check_report(report: Report, name: str, where: str) -> None:
    """Every format of ``report`` (whose learner and bank texts are ``name``)."""
    shown = safe_line(name)
    # tables collapse white space (U+2028 is white space too) and cut long names
    cell = safe_line(" ".join(name.split()))[:25]
    for fmt in FORMATS:
        out = render_report(report, fmt)
        here = f"{where} {fmt}"
        if fmt == "text":
            assert_terminal_safe(out, here)
            assert cell in out or shown[:25] in out, f"{here}: the name is not shown literally"
        elif fmt == "md":
            assert_markdown_safe(out, here)
        elif fmt == "html":
            root = assert_html_safe(out, here, REPORT_ELEMENTS)
            seen = plain(root)
            assert cell in seen or shown[:25] in seen, f"{here}: the name is not shown literally"
        elif fmt == "json":
            assert_terminal_safe(out, here)
            data = json.loads(out)
            assert [p["learner"] for p in data["learners"]] == [name]  # exact, once parsed
        else:
            assert_terminal_safe(out, here)
            rows = list(csv.reader(io.StringIO(out)))
            assert all(len(r) == 6 for r in rows), f"{here}: a row with the wrong width"
            assert {r[0] for r in rows[1:]} <= {shown, "'" + shown, ""}, here


@pytest.mark.parametrize("name", NAMES)
def test_learner_report_in_every_format(name: str, tmp_path: Path) -> None:
    workspace, _, _ = practised(tmp_path, NASTY_TEXTS[name])
    report = workspace.progress()
    assert report.learners[0].overall.answers == 2
    _check_report(report, NASTY_TEXTS[name], f"{name}: learner report")


@pytest.mark.parametrize("name", NAMES)
def test_class_report_in_every_format(name: str, tmp_path: Path) -> None:
    workspace, _, db = practised(tmp_path, NASTY_TEXTS[name])
    catalog: Catalog = workspace.catalog
    assert workspace.conn is not None
    workspace.conn.close()
    report = class_report([db], catalog, Scope())
    assert report.hardest, "the class view lists the question with its stem"
    _check_report(report, NASTY_TEXTS[name], f"{name}: class report")


@pytest.mark.parametrize("name", NAMES)
def test_item_analysis_in_every_format(name: str, tmp_path: Path) -> None:
    text = NASTY_TEXTS[name]
    workspace, _, db = practised(tmp_path, text)
    assert workspace.conn is not None
    workspace.conn.close()
    report = analyse_sources([db], [], "first", workspace.catalog, None)
    assert report.banks and report.banks[0].items
    outputs = _items_in_every_format(report, f"{name}: items")
    root = assert_html_safe(outputs["html"], f"{name}: items html", ITEMS_ELEMENTS)
    assert safe_line(text) in plain(root), f"{name}: items html: the stem is not shown literally"
    assert json.loads(outputs["json"])["banks"][0]["questions"][0]["stem"] == text
    rows = list(csv.reader(io.StringIO(outputs["csv"])))
    assert len({len(r) for r in rows}) == 1, f"{name}: items csv: rows of different widths"


def _items_in_every_format(report: ItemsReport, label: str) -> dict[str, str]:
    """Item analysis rendered in every format, each checked safe for a terminal, Markdown
    and HTML as it applies; the outputs by format, for further checks."""
    outputs = {}
    for fmt in ("text", "md", "html", "csv", "json"):
        out = outputs[fmt] = render_items(report, fmt)
        here = f"{label} {fmt}"
        assert_terminal_safe(out, here)
        if fmt == "md":
            assert_markdown_safe(out, here)
        elif fmt == "html":
            assert_html_safe(out, here, ITEMS_ELEMENTS)
    return outputs


# --- the commands ----------------------------------------------------------------------------

def run(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"quiz {' '.join(args[:1])} crashed: {result.exception!r}")
    return result


@pytest.mark.parametrize("name", NAMES)
def test_report_command_prints_safely(name: str, tmp_path: Path) -> None:
    text = NASTY_TEXTS[name]
    workspace, banks, db = practised(tmp_path, text)
    assert workspace.conn is not None
    workspace.conn.close()
    for fmt in FORMATS:
        result = run("report", "--learner", text, "--db", str(db), "--bank-files", str(banks),
                     "--format", fmt)
        assert result.exit_code == 0, result.output
        assert_terminal_safe(result.output, f"{name}: quiz report --format {fmt}")
    # a learner with no answers yet: the note names them (on standard error)
    result = run("report", "--learner", text + "2", "--db", str(db), "--bank-files", str(banks))
    assert result.exit_code == 0, result.output
    assert_terminal_safe(result.output, f"{name}: quiz report, note on an unknown learner")
    assert "no answers by" in result.stderr


@pytest.mark.parametrize("name", NAMES)
def test_items_command_prints_safely(name: str, tmp_path: Path) -> None:
    workspace, banks, db = practised(tmp_path, NASTY_TEXTS[name])
    assert workspace.conn is not None
    workspace.conn.close()
    for fmt in ("text", "md", "html", "csv", "json"):
        result = run("items", "--db", str(db), "--bank-files", str(banks), "--format", fmt)
        assert result.exit_code == 0, result.output
        assert_terminal_safe(result.output, f"{name}: quiz items --format {fmt}")


@pytest.mark.parametrize("name", NAMES)
def test_stats_lint_validate_print_safely(name: str, tmp_path: Path) -> None:
    banks = write_course(tmp_path, NASTY_TEXTS[name])
    for args in (["stats", str(banks)], ["stats", str(banks), "--format", "json"],
                 ["lint", str(banks)], ["lint", str(banks), "--format", "json"],
                 ["validate", str(banks)], ["validate", str(banks), "--format", "json"]):
        result = run(*args)
        assert result.exit_code in (0, 1), result.output
        assert_terminal_safe(result.output, f"{name}: quiz {' '.join(args[:1] + args[2:])}")
        if args[-1] == "json":
            json.loads(result.stdout)


def _invalid(text: str) -> str:
    """A bank whose errors quote ``text``: it is the phase, an objective id and a key."""
    q = quoted(text)
    return (f'bank: hostile\ntitle: "{q}"\nlesson: hostile\nquestions:\n'
            f'  - id: h1\n    type: single\n    phase: "{q}"\n    objectives: ["{q}"]\n'
            f'    "{q}": 1\n    stem: s\n    choices:\n'
            f'      - {{id: a, text: x, correct: true}}\n      - {{id: b, text: y}}\n'
            f'    explanation: e\n')


@pytest.mark.parametrize("name", NAMES)
def test_diagnostics_quoting_bank_text_print_safely(name: str, tmp_path: Path) -> None:
    text = NASTY_TEXTS[name]
    banks = write_course(tmp_path, text)
    (banks / "hostile.yaml").write_text(_invalid(text), encoding="utf-8")
    for command in ("validate", "lint", "stats"):
        result = run(command, str(banks))
        assert result.exit_code == 1, f"{command} passed a broken bank: {result.output}"
        assert_terminal_safe(result.output, f"{name}: quiz {command} errors")


@pytest.mark.parametrize("name", ["bell-and-c1", "rtl", "bidi-isolate"])
def test_validate_json_quoting_bank_text_prints_safely(name: str, tmp_path: Path) -> None:
    text = NASTY_TEXTS[name]
    banks = write_course(tmp_path, text)
    (banks / "hostile.yaml").write_text(_invalid(text), encoding="utf-8")
    result = run("validate", str(banks), "--format", "json")
    assert json.loads(result.stdout)
    assert_terminal_safe(result.output, f"{name}: quiz validate --format json errors")


@pytest.mark.parametrize("name", NAMES)
def test_validate_json_quoting_bank_text_parses(name: str, tmp_path: Path) -> None:
    text = NASTY_TEXTS[name]
    banks = write_course(tmp_path, text)
    (banks / "hostile.yaml").write_text(_invalid(text), encoding="utf-8")
    result = run("validate", str(banks), "--format", "json")
    assert result.exit_code == 1
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout  # JSON escapes C0
    assert any(d["severity"] == "error" for d in json.loads(result.stdout))


# --- any text at all -------------------------------------------------------------------------

@settings(max_examples=examples(40), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(min_size=1, max_size=40))
def test_any_learner_name_gives_safe_reports(tmp_path: Path, text: str) -> None:
    """Every renderer of a report on a learner of any name, with no answers (no store)."""
    from quiz.reports.progress import learner_report

    workspace = Workspace.open([write_course(tmp_path / "course", "plain")], text, record=False)
    report = learner_report(None, workspace.catalog, text, Scope((text,)))
    for fmt in FORMATS:
        out = render_report(report, fmt)
        assert not unsafe(out), (fmt, unsafe(out))
        if fmt == "md":
            assert_markdown_safe(out, "md")
        elif fmt == "html":
            assert_html_safe(out, "html", REPORT_ELEMENTS)
        elif fmt == "json":
            assert json.loads(out)["learners"][0]["learner"] == text


# --- an imported results file ----------------------------------------------------------------

def _results_file(path: Path, text: str) -> Path:
    """A JSON Lines results file (as ``quiz export-results`` writes, or anyone) whose
    learners, bank, question and choice ids all carry ``text``."""
    lines = []
    for n, learner in enumerate((text, "ana", "ben")):
        for qid in (text, "q2"):
            lines.append({"learner": learner, "session_id": 1, "bank_id": text,
                          "question_id": qid, "answer": [text if n else "a"],
                          "score": float(n % 2), "mode": "practice"})
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return path


@pytest.mark.parametrize("name", NAMES)
def test_imported_results_with_hostile_ids(name: str, tmp_path: Path) -> None:
    text = NASTY_TEXTS[name]
    source = _results_file(tmp_path / "class.jsonl", text)
    items = analyse_sources([], [source], "first", Catalog(), None)
    assert items.banks and items.banks[0].items
    _items_in_every_format(items, f"{name}: items from an imported file")
    report = class_report([source], Catalog(), Scope())
    assert len(report.learners) == 3
    for fmt in FORMATS:
        out = render_report(report, fmt)
        here = f"{name}: class report {fmt} from an imported file"
        assert_terminal_safe(out, here)
        if fmt == "md":
            assert_markdown_safe(out, here)
        elif fmt == "html":
            assert_html_safe(out, here, REPORT_ELEMENTS)
    for args in (["items", "--class", str(source)], ["report", "--class", str(source)]):
        result = run(*args)
        assert result.exit_code == 0, result.output
        assert_terminal_safe(result.output, f"{name}: quiz {args[0]} --class")


@settings(max_examples=examples(40), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(min_size=1, max_size=30))
def test_any_imported_text_gives_safe_item_analysis(tmp_path: Path, text: str) -> None:
    source = _results_file(tmp_path / "any.jsonl", text)
    items = analyse_sources([], [source], "first", Catalog(), None)
    for fmt in ("text", "md", "html", "csv", "json"):
        out = render_items(items, fmt)
        assert not unsafe(out), (fmt, unsafe(out))
        if fmt == "md":
            assert_markdown_safe(out, "md")
        elif fmt == "html":
            assert_html_safe(out, "html", ITEMS_ELEMENTS)

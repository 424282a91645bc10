"""Every export of a bank carrying each nasty text: valid in its format, text kept or escaped.

What is right differs per format (docs/formats.md): characters no export may carry (C0/C1
controls, bidi overrides and isolates, line separators: ``quiz.formats.common.clean``) are
removed with a warning naming the question, never written raw; what remains round-trips.

* GIFT and Aiken are text files that a terminal may show (``-o -``): no raw control
  character; imported back, the stem, choices, feedback and explanation are the cleaned text.
* QTI is XML: every file parses (ESC is illegal in XML 1.0), markup in the text is escaped
  (no ``<script>`` or ``<b>`` element), and each text comes back cleaned.
* Anki notes are HTML fields in CSV: the fields hold only the exporter's own tags, the text
  is HTML-escaped, the header keeps its seven lines.
"""

from __future__ import annotations

import csv
import html
import io
import re
import xml.etree.ElementTree as ET
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.bank.load import load
from quiz.cli.main import cli
from quiz.formats.aiken import read_aiken
from quiz.formats.common import Exported, clean, shown
from quiz.formats.convert import select_banks, write
from quiz.formats.gift import read_gift
from quiz.model import Bank, Catalog, Choice, Lesson, Objective, Phase, Question, QuestionType
from tests.hostile.checks import assert_terminal_safe, unsafe
from tests.hostile.corpus import NASTY_TEXTS, write_course
from tests.hypothesis_budget import examples

NAMES = sorted(NASTY_TEXTS)
QTI = "{http://www.imsglobal.org/xsd/imsqti_v2p1}"
QTI_ELEMENTS = {"assessmentItem", "responseDeclaration", "correctResponse", "value",
                "outcomeDeclaration", "defaultValue", "itemBody", "p", "br", "choiceInteraction",
                "orderInteraction", "simpleChoice", "rubricBlock", "ul", "li",
                "responseProcessing"}
ANKI_TAGS = {"br", "i", "ul", "li", "b"}


@pytest.fixture(autouse=True)
def _private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUIZ_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("QUIZ_DB", str(tmp_path / "default.sqlite3"))


def hostile_banks(folder: Path, text: str) -> list[Bank]:
    result = load([write_course(folder, text)])
    assert not result.errors, [str(e) for e in result.errors]
    return select_banks(result.catalog, None)


def kept(text: str) -> str:
    """What an export keeps of ``text``: cleaned, ends trimmed, the author's line wraps
    joined as the app joins them (``quiz.formats.common.shown``)."""
    return shown(text)


def assert_removal_reported(exported: Exported, text: str, fmt: str) -> None:
    if clean(text) != text.replace("\r\n", "\n"):
        said = [str(n) for n in exported.notes if "control characters" in n.message]
        assert any("h1" in s for s in said), (
            f"{fmt}: characters were removed without a word: {[str(n) for n in exported.notes]}")


@pytest.mark.parametrize("name", NAMES)
def test_gift_round_trips_the_cleaned_text(name: str, tmp_path: Path) -> None:
    text = NASTY_TEXTS[name]
    exported = write("gift", hostile_banks(tmp_path, text))
    out = exported.data.decode("utf-8")
    assert_terminal_safe(out, f"{name}: gift")
    assert_removal_reported(exported, text, "gift")
    (question,) = read_gift(out).questions
    assert question.id == "h1"
    assert question.stem == kept(text)
    assert [c.text for c in question.choices] == [kept(text + " right"), kept(text + " wrong")]
    assert question.choices[1].feedback == kept(text)
    assert question.explanation == kept("Inference applies. " + text)


@pytest.mark.parametrize("name", NAMES)
def test_aiken_round_trips_the_text_on_one_line(name: str, tmp_path: Path) -> None:
    text = NASTY_TEXTS[name]
    exported = write("aiken", hostile_banks(tmp_path, text))
    out = exported.data.decode("utf-8")
    assert_terminal_safe(out, f"{name}: aiken")
    assert_removal_reported(exported, text, "aiken")
    (question,) = read_aiken(out).questions
    one = " ".join(clean(text).split())
    assert question.stem == one
    assert [c.text for c in question.choices] == [f"{one} right", f"{one} wrong"]
    assert [c.correct for c in question.choices] == [True, False]


def _qti_files(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {n: package.read(n).decode("utf-8") for n in package.namelist()}


def _texts(element: ET.Element) -> str:
    """Text of an element with ``<br/>`` as a line break (as the exporter writes breaks)."""
    parts = [element.text or ""]
    for child in element:
        parts.append("\n" if child.tag == f"{QTI}br" else _texts(child))
        parts.append(child.tail or "")
    return "".join(parts)


@pytest.mark.parametrize("name", NAMES)
def test_qti_is_valid_xml_with_the_text_escaped(name: str, tmp_path: Path) -> None:
    text = NASTY_TEXTS[name]
    exported = write("qti", hostile_banks(tmp_path, text))
    assert_removal_reported(exported, text, "qti")
    files = _qti_files(exported.data)
    assert set(files) == {"imsmanifest.xml", "test.xml", "items/h1.xml"}
    for file_name, body in files.items():
        assert not unsafe(body.replace("\n", "")), f"{name}: {file_name}: {unsafe(body)}"
        try:
            ET.fromstring(body.encode("utf-8"))
        except ET.ParseError as exc:
            raise AssertionError(f"{name}: {file_name} is not XML 1.0: {exc}") from None
    item = ET.fromstring(files["items/h1.xml"].encode("utf-8"))
    names = {e.tag.removeprefix(QTI) for e in item.iter()}
    assert names <= QTI_ELEMENTS, f"{name}: bank text became elements {names - QTI_ELEMENTS}"
    item_body = item.find(f"{QTI}itemBody")
    assert item_body is not None
    stem = "\n\n".join(_texts(p) for p in item_body.findall(f"{QTI}p"))
    assert stem == kept(text)
    choices = [_texts(c) for c in item.iter(f"{QTI}simpleChoice")]
    assert choices == [kept(text + " right"), kept(text + " wrong")]
    assert item.get("title") == kept(text).split("\n", 1)[0][:77] + (
        "..." if len(kept(text).split("\n", 1)[0]) > 80 else "")
    test = ET.fromstring(files["test.xml"].encode("utf-8"))
    # XML reads a line break or tab in an attribute as a space (attribute normalisation)
    assert test.get("title") == re.sub(r"[\n\t]", " ", clean(text))


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        if tag == "br":
            self.text.append("\n")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@pytest.mark.parametrize("separator", [",", "\t"])
@pytest.mark.parametrize("name", NAMES)
def test_anki_fields_are_escaped_html(name: str, separator: str, tmp_path: Path) -> None:
    text = NASTY_TEXTS[name]
    exported = write("anki", hostile_banks(tmp_path, text), separator=separator)
    out = exported.data.decode("utf-8")
    assert_terminal_safe(out, f"{name}: anki")
    assert_removal_reported(exported, text, "anki")
    lines = out.split("\n")
    assert [line.split(":", 1)[0] for line in lines[:7]] == [
        "#separator", "#html", "#notetype", "#deck", "#columns", "#guid column", "#tags column"]
    assert lines[3] == "#deck:" + " ".join(clean(text).split())
    rows = list(csv.reader(io.StringIO("\n".join(lines[7:])), delimiter=separator))
    assert len(rows) == 1 and len(rows[0]) == 4 and rows[0][0] == "quiz:h1"
    for field in rows[0][1:3]:
        parsed = _Tags()
        parsed.feed(field)
        assert parsed.tags <= ANKI_TAGS, f"{name}: bank text became tags {parsed.tags}"
        assert "<script" not in field
    front = _Tags()
    front.feed(rows[0][1])
    assert kept(text) in "".join(front.text)
    assert re.fullmatch(r"[\w:.\- ]+", rows[0][3])


@pytest.mark.parametrize("fmt", ["gift", "aiken", "anki"])
@pytest.mark.parametrize("name", NAMES)
def test_export_to_standard_output_is_terminal_safe(name: str, fmt: str, tmp_path: Path
                                                    ) -> None:
    banks = write_course(tmp_path, NASTY_TEXTS[name])
    result = CliRunner().invoke(cli, ["export", str(banks), "--to", fmt, "-o", "-"])
    assert result.exit_code == 0, result.output
    assert_terminal_safe(result.output, f"{name}: quiz export --to {fmt} -o -")


# --- any text at all -------------------------------------------------------------------------

_LESSON = Lesson("l", "L", "r", {Phase.TRAINING: "t", Phase.INFERENCE: "i"},
                 (Objective("LO1", "o"),))
_TEXT = st.text(st.characters(codec="utf-8"), min_size=1, max_size=30).filter(
    lambda t: kept(t) != "")


@settings(max_examples=examples(60), deadline=None)
@given(_TEXT, _TEXT, _TEXT)
def test_any_text_gives_valid_exports(stem: str, choice: str, title: str) -> None:
    question = Question("q1", QuestionType.SINGLE, Phase.TRAINING, ("LO1",), stem,
                        (Choice("a", choice, True, choice), Choice("b", "other", False, stem)),
                        stem + choice)
    banks = [Bank("b", title, _LESSON, (question,))]
    catalog = Catalog(tuple(banks), {"l": _LESSON})
    assert catalog.banks
    for fmt in ("gift", "aiken", "anki"):
        out = write(fmt, banks).data.decode("utf-8")
        assert not unsafe(out.replace("\n", "")), (fmt, unsafe(out))
    gift = read_gift(write("gift", banks).data.decode("utf-8")).questions[0]
    assert gift.stem == kept(stem) and gift.choices[0].text == kept(choice)
    for body in _qti_files(write("qti", banks).data).values():
        ET.fromstring(body.encode("utf-8"))
    for field in next(csv.reader(io.StringIO(
            write("anki", banks).data.decode("utf-8").split("\n", 7)[7])))[1:3]:
        parsed = _Tags()
        parsed.feed(field)
        assert parsed.tags <= ANKI_TAGS
        assert html.unescape(field).count("<") >= field.count("<")


# --- file names inside the QTI package (issue 11 #11) ---------------------------------------


def test_a_very_long_question_id_gives_a_qti_package_that_extracts(tmp_path: Path) -> None:
    long_id = "q" + "x" * 299
    question = Question(long_id, QuestionType.SINGLE, Phase.TRAINING, ("LO1",), "Stem?",
                        (Choice("a", "Right", True), Choice("b", "Wrong")), "Why.")
    other = question._replace(id=long_id[:-1] + "y")  # shares the first 299 characters
    banks = [Bank("b", "B", _LESSON, (question, other))]
    data = write("qti", banks).data
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        package.extractall(tmp_path / "out")
        names = package.namelist()
    assert len(set(names)) == len(names) == 4
    assert all(len(Path(n).name.encode()) <= 255 for n in names)
    manifest = (tmp_path / "out" / "imsmanifest.xml").read_text()
    items = sorted(n for n in names if n.startswith("items/"))
    for name in items:
        assert (tmp_path / "out" / name).is_file()
        assert f'href="{name}"' in manifest
    held = {(tmp_path / "out" / n).read_text().split('identifier="', 2)[1].split('"')[0]
            for n in items}
    assert held == {long_id, other.id}  # each file holds its own question, identified in full

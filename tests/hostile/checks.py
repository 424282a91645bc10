"""What "neutralised" means on each kind of output, as functions the output tests share.

Terminal text: no C0 control but newline and tab, no DEL, no C1 control, no bidirectional
override or isolate and no line/paragraph separator (``quiz.text.safe_text`` shows them all
as visible escapes). Markdown: no raw HTML tag outside code spans, no link syntax, every row
of a pipe table with the header's number of cells. HTML/XML: parses, and no element that bank
text could have smuggled in.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

# what safe_text escapes, less newline and tab (kept by safe_text, escaped by safe_line)
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def unsafe(text: str) -> list[str]:
    """The characters of ``text`` that must never reach a terminal raw, as escapes."""
    return sorted({f"U+{ord(c):04X}" for c in UNSAFE.findall(text)})


def assert_terminal_safe(text: str, where: str) -> None:
    found = unsafe(text)
    assert not found, f"{where}: raw control characters {found} in the output"


_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.DOTALL)


def _unescaped_pipes(line: str) -> int:
    count, skip = 0, False
    for char in line:
        if skip:
            skip = False
        elif char == "\\":
            skip = True
        elif char == "|":
            count += 1
    return count


def assert_markdown_safe(md: str, where: str) -> None:
    """No HTML tag or link outside code spans; pipe tables keep their shape."""
    assert_terminal_safe(md, where)
    prose = _CODE_SPAN.sub("", md)
    tag = re.search(r"<[A-Za-z/!?]", prose)
    assert tag is None, f"{where}: raw HTML in Markdown: {prose[tag.start():tag.start() + 40]!r}"
    link = re.search(r"(?<!\\)\]\(", prose)
    assert link is None, f"{where}: a link: {prose[max(0, link.start() - 20):link.end() + 20]!r}"
    table: list[str] = []
    for line in [*md.split("\n"), ""]:
        if line.startswith("|"):
            table.append(line)
            continue
        if table:
            cells = {_unescaped_pipes(row) for row in table}
            assert len(cells) == 1, f"{where}: a table row has a different shape: {table}"
            assert re.fullmatch(r"\|( *:?-+:? *\|)+", table[1]), f"{where}: {table[:2]}"
            table = []


def parse_xml(text: str, where: str) -> ET.Element:
    """The document as XML (the HTML reports are written well-formed on purpose)."""
    body = re.sub(r"^<!DOCTYPE[^>]*>", "", text.lstrip())
    try:
        return ET.fromstring(body)
    except ET.ParseError as exc:
        raise AssertionError(f"{where}: not well-formed: {exc}") from None


def assert_html_safe(text: str, where: str, allowed: set[str]) -> ET.Element:
    """Well-formed, no raw controls, no ``<script>``, only the page's own elements."""
    assert_terminal_safe(text, where)
    assert "<script" not in text.lower(), f"{where}: a <script> tag survived"
    root = parse_xml(text, where)
    names = {el.tag.rsplit("}", 1)[-1] for el in root.iter()}
    assert names <= allowed, f"{where}: unexpected elements {sorted(names - allowed)}"
    return root


def plain(root: ET.Element) -> str:
    return "".join(root.itertext())

"""Reading a YAML file safely into a tree of positioned nodes.

PyYAML's C parser is fast, but it is recursive in C: nesting deep enough crashes the process
outright (seen at ~50,000 levels), so depth is measured before parsing. Nothing is ever
constructed here: we compose nodes, and ``records.py`` turns them into plain values itself,
which is where tags are refused, duplicate keys caught and alias expansion capped.
"""

from __future__ import annotations

import os
import re

import yaml

from quiz.errors import Diagnostic, Severity
from quiz.fileio import FileKindError, FileTooLargeError, kind_of, read_regular
from quiz.paths import StrPath

MAX_FILE_BYTES = 64 * 1024 * 1024
"""Larger files are refused before reading: a real bank of 10,000 questions is about 6 MB."""

MAX_DEPTH = 64
"""Deepest nesting accepted; a bank needs about 6."""

MAX_NODES = 1_500_000
"""Most YAML values (estimated before parsing) accepted in one file.

Composing costs about 300 bytes and 3 µs per value, so a dense file under the size cap (one
value per two bytes) would need ~10 GB and minutes. A 10,000-question bank holds ~270,000.
"""

_NODE_MARKS = ":-,[{?"

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR = "tag:yaml.org,2002:str"
_DEFAULT_TAGS = {
    yaml.ScalarNode: _STR,
    yaml.SequenceNode: "tag:yaml.org,2002:seq",
    yaml.MappingNode: "tag:yaml.org,2002:map",
}


class _Loader(_BaseLoader):  # type: ignore[misc]
    """The safe loader with a leaner tag resolver.

    PyYAML's resolver also walks path resolvers, which safe loading never registers; on a large
    bank that walk was a third of the parse time. Same rules, same results, less work.
    """

    _implicit = yaml.SafeLoader.yaml_implicit_resolvers

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode and implicit[0]:
            known = _RESOLVED.get(value)
            if known is not None:
                return known
            tag = _STR
            for candidate, pattern in self._implicit.get(value[:1] or "", ()):
                if pattern.match(value):
                    tag = str(candidate)
                    break
            if len(value) <= 24 and len(_RESOLVED) < 4096:  # ids, enums, numbers repeat
                _RESOLVED[value] = tag
            return tag
        return _DEFAULT_TAGS[kind]


_RESOLVED: dict[str, str] = {}

_BRACKETS = re.compile(r"[\[\]{}]")
_DEEP_INDENT = re.compile(rf"^[ \t?:-]{{{MAX_DEPTH * 4},}}", re.MULTILINE)


class SourceProblem(Exception):
    """A file that cannot be turned into nodes; carries the diagnostic to show."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(str(diagnostic))
        self.diagnostic = diagnostic


def _problem(path: str, line: int, column: int, message: str) -> SourceProblem:
    return SourceProblem(Diagnostic(path, line, column, Severity.ERROR, message))


def read_text(path: StrPath, shown: str) -> str:
    """Read a file as UTF-8 text, refusing binary, oversized and undecodable files.

    Only a regular file is read (a symlink is followed): ``/dev/zero`` and a FIFO report a
    size of 0, so the kind is checked on the opened file and the read itself is capped.
    """
    try:
        size = os.stat(path).st_size
        if size > MAX_FILE_BYTES:
            raise _problem(
                shown, 1, 1, f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}"
            )
        data = read_regular(path, MAX_FILE_BYTES)
    except FileKindError:
        raise _problem(shown, 1, 1, f"{_kind(path)}, not a regular file: only regular files "
                       "are read as banks, lessons and scenarios") from None
    except FileTooLargeError:
        raise _problem(shown, 1, 1, f"file is more than {MAX_FILE_BYTES:,} bytes; "
                       f"the limit is {MAX_FILE_BYTES:,}") from None
    except FileNotFoundError:
        raise _problem(shown, 1, 1, "no such file") from None
    except IsADirectoryError:
        raise _problem(shown, 1, 1, "is a folder, not a file") from None
    except OSError as exc:
        raise _problem(shown, 1, 1, f"cannot read: {exc.strerror or exc}") from None
    return decode(data, shown)


def _kind(path: StrPath) -> str:
    """What ``path`` names, for a refusal: 'a FIFO (named pipe)', 'a character device'…"""
    try:
        return kind_of(os.stat(path).st_mode)
    except OSError:
        return "not a regular file"


def decode(data: bytes, shown: str) -> str:
    """Decode bytes as UTF-8 text; binary data and bad bytes are named with their position."""
    if len(data) > MAX_FILE_BYTES:
        raise _problem(shown, 1, 1, f"file is {len(data):,} bytes; the limit is {MAX_FILE_BYTES:,}")
    nul = data.find(b"\0")
    if nul >= 0:
        line, col = _position(data, nul)
        raise _problem(shown, line, col, "binary data (a NUL byte): this is not a YAML text file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _position(data, exc.start)
        raise _problem(
            shown, line, col, f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); save it as UTF-8"
        ) from None
    return text.removeprefix("\ufeff")


def _position(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    col = len(data[data.rfind(b"\n", 0, offset) + 1 : offset].decode("utf-8", "replace")) + 1
    return line, col


def _check_depth(text: str, shown: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH before the C parser can recurse into it.

    Flow brackets are counted everywhere, quotes included, so the count can only overestimate;
    block nesting needs indentation, so a very long run of indentation is refused too.
    """
    depth = 0
    for match in _BRACKETS.finditer(text):
        if match.group() in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                line = text.count("\n", 0, match.start()) + 1
                col = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
                raise _problem(shown, line, col, f"nested more than {MAX_DEPTH} levels deep")
        elif depth:
            depth -= 1
    deep = _DEEP_INDENT.search(text)
    if deep:
        line = text.count("\n", 0, deep.start()) + 1
        raise _problem(shown, line, 1, f"indented or nested more than {MAX_DEPTH} levels deep")


def estimate_nodes(text: str) -> int:
    """An upper bound on the values in ``text`` before alias expansion.

    Every value but the root follows one of ``: - , [ { ?`` (a key and its value share a
    colon, hence twice), so counting those characters, in C, bounds the count cheaply.
    """
    return 2 * sum(text.count(c) for c in _NODE_MARKS) + 1


def _check_size(text: str, shown: str) -> int:
    nodes = estimate_nodes(text)
    if nodes > 2 * MAX_NODES:
        raise _problem(shown, 1, 1, f"the file holds too many values (about {nodes // 2:,}; "
                       f"the limit is {MAX_NODES:,}): split it into several banks")
    return nodes


def compose(text: str, shown: str) -> yaml.Node | None:
    """Parse one YAML document into nodes (no construction); None for an empty document."""
    _check_depth(text, shown)
    _check_size(text, shown)
    try:
        loader = _Loader(text)
        try:
            node: yaml.Node | None = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = " ".join(str(p) for p in (exc.context, exc.problem) if p) or "invalid YAML"
        opened = exc.context_mark
        if opened is not None and mark is not None and opened.line != mark.line:
            # an unclosed quote is noticed far below where it opened: name both places
            message = f"{message} (from line {opened.line + 1}, column {opened.column + 1})"
        if "expected a single document" in message:
            message = "more than one YAML document (---) in one file; use one per file"
        raise _problem(shown, line, col, f"invalid YAML: {message}") from None
    except yaml.YAMLError as exc:
        raise _problem(shown, 1, 1, f"invalid YAML: {exc}") from None
    except (RecursionError, MemoryError):
        raise _problem(shown, 1, 1, "the YAML is too deeply nested or too large to read") from None
    return node

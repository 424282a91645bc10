"""Reading a YAML file safely into a tree of positioned nodes.

PyYAML's C parser is fast, but it is recursive in C: nesting deep enough crashes the process
outright (seen at ~50,000 levels), so depth is measured before parsing. Nothing is ever
constructed here: we compose nodes, and ``records.py`` turns them into plain values itself,
which is where tags are refused, duplicate keys caught and alias expansion capped.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator

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

_NODE_MARKS = b":-,[{?"
_BOM = "\ufeff".encode()

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR = "tag:yaml.org,2002:str"
_Scalar = yaml.ScalarNode
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
        if kind is _Scalar and implicit[0]:
            short = len(value) <= 24  # ids, enums and numbers repeat; texts do not
            if short:
                known = _RESOLVED.get(value)
                if known is not None:
                    return known
            tag = _STR
            for candidate, pattern in self._implicit.get(value[:1] or "", ()):
                if pattern.match(value):
                    tag = str(candidate)
                    break
            if short and len(_RESOLVED) < 4096:
                _RESOLVED[value] = tag
            return tag
        return _DEFAULT_TAGS[kind]

    def descend_resolver(self, parent: yaml.Node | None, index: object) -> None:
        """Path resolvers are never registered: nothing to track (called for every node)."""

    def ascend_resolver(self) -> None:
        """See ``descend_resolver``."""


_RESOLVED: dict[str, str] = {}

_NOTHING = yaml.ScalarNode(_STR, "")
"""Stands for "not known yet" where a node is compared by identity."""


class ItemStream:
    """Hands over the items of one list of the root mapping as each is composed.

    ``compose`` builds a whole file's node tree before anything is checked; a node costs about
    300 bytes, so a 10,000-question bank held ~180 MB of nodes at once. Given a stream, the
    loader passes each item of the root's ``key`` list to ``sink`` as soon as the next one
    starts (the last when the document ends) and drops it, so only one item's nodes are alive
    at a time. It streams only when the root is a plain mapping that has already shown a
    ``when`` key, ``key`` is its first key of that name, and the list is a plain, unanchored
    sequence: anywhere else the document is composed whole and checked as before. Then
    ``node`` is that list's node, left empty: the caller holds what the sink made of it.
    """

    __slots__ = ("key", "node", "sink", "when")

    def __init__(self, key: str, when: str, sink: Callable[[yaml.Node], None]) -> None:
        self.key = key
        self.when = when
        self.sink = sink
        self.node: yaml.SequenceNode | None = None


class _StreamingLoader(_Loader):
    """The loader, watching for the list an ``ItemStream`` asks for.

    The C composer calls ``descend_resolver(parent, index)`` before composing each node (not
    an alias), when every earlier child of ``parent`` is complete: the hook for handing those
    over. Path resolvers, the hook's original use, are never registered by safe loading.
    """

    def __init__(self, data: bytes, stream: ItemStream) -> None:
        super().__init__(data)
        self._data = data
        self._stream = stream
        self._root: yaml.Node = _NOTHING
        self._seq: yaml.Node = _NOTHING
        self._pending = False
        self._done = 0

    def descend_resolver(self, parent: yaml.Node | None, index: object) -> None:
        if parent is self._seq:
            self._flush(index)  # type: ignore[arg-type]
        elif parent is self._root:
            self._at_root(index)
        elif self._pending:
            self._start(parent)
        elif self._root is _NOTHING and parent is not None:
            self._root = parent  # the first child's parent is the root
            self._at_root(index)

    def _descend_streaming(self, parent: yaml.Node | None, index: object) -> None:
        """``descend_resolver`` once the list is streaming: hand over its finished items."""
        if parent is self._seq:
            self._flush(index)  # type: ignore[arg-type]

    def _at_root(self, index: object) -> None:
        """Before a root value: arm the stream if it is the value of the wanted key."""
        root, stream = self._root, self._stream
        self._pending = False
        if (not isinstance(index, yaml.ScalarNode) or index.tag != _STR
                or index.value != stream.key or self._seq is not _NOTHING
                or not isinstance(root, yaml.MappingNode)
                or root.tag != _DEFAULT_TAGS[yaml.MappingNode]):
            return
        earlier = [str(k.value) for k, _ in root.value if isinstance(k, yaml.ScalarNode)]
        self._pending = stream.key not in earlier and stream.when in earlier

    def _start(self, parent: yaml.Node | None) -> None:
        """At the first child of the wanted key's value: stream it if it is a plain list."""
        self._pending = False
        if (type(parent) is yaml.SequenceNode
                and parent.tag == _DEFAULT_TAGS[yaml.SequenceNode]
                and self._first(parent) in ("-", "[")
                and self._first(self._root) not in ("&", "!")):
            self._seq = parent
            self._stream.node = parent
            # from here on only the list's items matter: the composer looks the hook up on
            # the instance before each node, so a one-test hook takes over (a bank's nodes
            # nearly all come after this point)
            self.descend_resolver = self._descend_streaming  # type: ignore[method-assign]

    def _first(self, node: yaml.Node) -> str:
        """The character ``node`` starts at; an anchor or a tag comes first when it has one.

        The composer's anchors are out of reach from Python, and an alias to the list (or to
        the root that holds it) would see it emptied. So the list streams only when it starts
        at its ``-`` or ``[`` and the root not at ``&`` or ``!``; an unusual start merely
        costs the streaming. Marks count characters, and a character is at most four bytes.
        """
        index = node.start_mark.index
        return self._data[:4 * (index + 1)].decode("utf-8", "ignore")[index:index + 1]

    def _flush(self, upto: int) -> None:
        items, sink = self._seq.value, self._stream.sink
        for i in range(self._done, upto):
            node, items[i] = items[i], None
            sink(node)
        self._done = upto

    def finish(self) -> None:
        """After the document: hand over what is left and empty the list."""
        if self._seq is not _NOTHING:
            self._flush(len(self._seq.value))
            self._seq.value.clear()

    def dispose(self) -> None:
        """Also drop the hook set on the instance: a method bound to the loader, held by the
        loader, is a reference cycle that would keep the loader, its file's bytes and what
        the parser holds alive until a collection (none runs while a catalog is read)."""
        self.__dict__.pop("descend_resolver", None)
        super().dispose()


_NOT_BRACKETS = bytes(c for c in range(256) if c not in b"[]{}")
_OPENERS = b"[{"
_AS_SPACE = bytes.maketrans(b"\t?:-", b"    ")
"""Turns every character that can indent a block (``[ \\t?:-]``) into a space, so that a line
indented by more than 4 × MAX_DEPTH of them is a newline and that many spaces: found by
``bytes.find`` (no regular expression to compile at each start, nor ``^`` with re.MULTILINE
tried at every position)."""
_DEEP = b" " * (MAX_DEPTH * 4)
_DEEP_LINE = b"\n" + _DEEP


class SourceProblem(Exception):
    """A file that cannot be turned into nodes; carries the diagnostic to show."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(str(diagnostic))
        self.diagnostic = diagnostic


def _problem(path: str, line: int, column: int, message: str) -> SourceProblem:
    return SourceProblem(Diagnostic(path, line, column, Severity.ERROR, message))


def read_text(path: StrPath, shown: str) -> str:
    """Read a file as UTF-8 text, refusing binary, oversized and undecodable files."""
    return read_source(path, shown).decode("utf-8")


def read_source(path: StrPath, shown: str) -> bytes:
    """Read a file's UTF-8 bytes (checked as ``read_text`` checks them, without a BOM).

    The loader parses these bytes as they are: the C parser works on UTF-8 anyway, so a text
    would be one more copy of the file (four bytes a character once one is outside the Basic
    Multilingual Plane), held for the whole parse.

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
    return checked(data, shown)


def _kind(path: StrPath) -> str:
    """What ``path`` names, for a refusal: 'a FIFO (named pipe)', 'a character device'…"""
    try:
        return kind_of(os.stat(path).st_mode)
    except OSError:
        return "not a regular file"


def decode(data: bytes, shown: str) -> str:
    """Decode bytes as UTF-8 text; binary data and bad bytes are named with their position."""
    return checked(data, shown).decode("utf-8")


def checked(data: bytes, shown: str) -> bytes:
    """``data`` if it is UTF-8 text (without its BOM); binary data and bad bytes are named
    with their position. An ASCII file is not decoded at all."""
    if len(data) > MAX_FILE_BYTES:
        raise _problem(shown, 1, 1, f"file is {len(data):,} bytes; the limit is {MAX_FILE_BYTES:,}")
    nul = data.find(b"\0")
    if nul >= 0:
        line, col = _position(data, nul)
        raise _problem(shown, line, col, "binary data (a NUL byte): this is not a YAML text file")
    if not data.isascii():
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line, col = _position(data, exc.start)
            raise _problem(
                shown, line, col,
                f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); save it as UTF-8",
            ) from None
    return data.removeprefix(_BOM)


def _position(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    col = len(data[data.rfind(b"\n", 0, offset) + 1 : offset].decode("utf-8", "replace")) + 1
    return line, col


def _check_depth(data: bytes, shown: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH before the C parser can recurse into it.

    Flow brackets are counted everywhere, quotes included, so the count can only overestimate;
    block nesting needs indentation, so a very long run of indentation is refused too.
    The brackets are counted on the file with everything else deleted (in C): a bank has a
    few flow lists a question, so the count itself is short, and the file is scanned again,
    for the exact place, only when it is too deep.
    """
    brackets = b"".join(piece.translate(None, _NOT_BRACKETS) for piece in _pieces(data))
    if brackets.count(b"[") + brackets.count(b"{") > MAX_DEPTH and _too_deep(brackets):
        _locate_depth(data, shown)
    if data[:len(_DEEP)].translate(_AS_SPACE) == _DEEP:
        raise _problem(shown, 1, 1, f"indented or nested more than {MAX_DEPTH} levels deep")
    for start, piece in enumerate(_pieces(data, overlap=len(_DEEP_LINE) - 1)):
        found = piece.translate(_AS_SPACE).find(_DEEP_LINE)
        if found >= 0:
            line = data.count(b"\n", 0, start * _PIECE + found) + 2
            raise _problem(shown, line, 1,
                           f"indented or nested more than {MAX_DEPTH} levels deep")


_PIECE = 256 * 1024
"""Bytes scanned at a time by the checks that translate the file: a translated copy of a
whole 13 MB bank, next to the file itself, raised the peak memory of validation by as much."""


def _pieces(data: bytes, overlap: int = 0) -> Iterator[bytes]:
    """``data`` in pieces of ``_PIECE`` bytes, each reaching ``overlap`` bytes into the next
    (so that what starts in a piece is whole in it); a small file is one piece, not copied."""
    if len(data) <= _PIECE + overlap:
        yield data
        return
    for start in range(0, len(data), _PIECE):
        yield data[start:start + _PIECE + overlap]


def _too_deep(brackets: bytes) -> bool:
    """Whether the brackets, in order, open more than MAX_DEPTH levels at once (any closer
    closes the innermost level; one with none open is ignored)."""
    depth = 0
    for char in brackets:
        if char in _OPENERS:
            depth += 1
            if depth > MAX_DEPTH:
                return True
        elif depth:
            depth -= 1
    return False


def _locate_depth(data: bytes, shown: str) -> None:
    """Raise at the bracket that opens one level too many."""
    depth = 0
    for match in re.finditer(rb"[\[\]{}]", data):
        if match.group() in b"[{":
            depth += 1
            if depth > MAX_DEPTH:
                line, col = _position(data, match.start())
                raise _problem(shown, line, col, f"nested more than {MAX_DEPTH} levels deep")
        elif depth:
            depth -= 1


def estimate_nodes(source: str | bytes) -> int:
    """An upper bound on the values in ``source`` before alias expansion.

    Every value but the root follows one of ``: - , [ { ?`` (a key and its value share a
    colon, hence twice), so counting those characters, in C, bounds the count cheaply: the
    length of the file less its length with them deleted (a piece at a time).
    """
    data = as_utf8(source)
    marks = sum(len(piece) - len(piece.translate(None, _NODE_MARKS)) for piece in _pieces(data))
    return 2 * marks + 1


def as_utf8(source: str | bytes) -> bytes:
    """Bytes as they are, text as UTF-8; a lone surrogate is kept, for the parser to name."""
    return source.encode("utf-8", "surrogatepass") if isinstance(source, str) else source


def _check_size(data: bytes, shown: str) -> int:
    nodes = estimate_nodes(data)
    if nodes > 2 * MAX_NODES:
        raise _problem(shown, 1, 1, f"the file holds too many values (about {nodes // 2:,}; "
                       f"the limit is {MAX_NODES:,}): split it into several banks")
    return nodes


def compose(
    source: str | bytes, shown: str, stream: ItemStream | None = None
) -> yaml.Node | None:
    """Parse one YAML document into nodes (no construction); None for an empty document.

    ``source`` is text, or UTF-8 bytes as ``read_source`` gives them: the C parser reads
    UTF-8, so bytes are parsed without a copy. With a ``stream``, the items of the list it
    names go to its sink as they are composed (see ``ItemStream``); a file that turns out not
    to parse raises as before, so the caller must drop whatever the sink made.
    """
    data = as_utf8(source).removeprefix(_BOM)
    _check_depth(data, shown)
    _check_size(data, shown)
    try:
        loader = _Loader(data) if stream is None else _StreamingLoader(data, stream)
        try:
            node: yaml.Node | None = loader.get_single_node()
            if stream is not None:
                loader.finish()
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

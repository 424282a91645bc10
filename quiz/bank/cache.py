"""A cache of loaded catalogs, so the app starts fast on large banks.

Parsing YAML is the slow part of starting (about 1 MB/s even with the C parser); a pickle of
the validated catalog loads some 20 times faster.

What a cache file is for, and when it is stale, is in its name, ``catalog-<set>-<state>``:

- ``set`` hashes the real paths of the files loaded: one entry per bank set;
- ``state`` hashes every file's size and modification time (to the nanosecond), as CPython
  keys its own bytecode cache (checking it reads no bank file; hashing the contents of a
  10,000-question bank cost 30 ms of every start), and the fingerprint of the code that gives
  a pickle its meaning: every model type's name, fields, field types and defaults, the
  enumerations' values, and the source of the modules that turn a file into a catalog (the
  format spec and the builder). Adding a field to ``Choice`` changes the fingerprint, so an
  old cache is never read into the new type; nobody has to remember to bump a number.

A hit reads the questions lazily (``StoredQuestions``): each bank's questions are kept as
pickles of ``CHUNK`` questions, read when first used, with a light outline beside them (every
question without its texts and choices, ``StoredQuestions.outline``) that a practice draw runs
on. So the first question of a 10,000-question bank is drawn after reading the outline and one
chunk, not all 10,000 questions (50 ms, most of a warm start's time over Textual's own);
whatever goes through all the questions (an exam draw, a report) reads every chunk once.

Up to ``KEEP`` entries are kept, least recently used evicted first (a hit touches its file's
modification time), so alternating between bank sets hits every time; a new entry for a set
replaces that set's stale ones at once. Nothing read from a cache file is trusted unchecked:
the head (the outline, the chunks' places) carries a CRC-32 checked on opening, where a
truncated or corrupt file is ignored and rewritten; each chunk carries its own CRC-32, checked
when the chunk is first read (checking all 13 MB of a 10,000-question cache on every start
cost 3 ms, and most starts read two chunks). A chunk found damaged is never used: the bank's
questions are then loaded from its files again and the cache is rewritten. Only catalogs
without errors are cached; ``quiz validate`` never uses the cache, so an author always sees
what the files say.
"""

from __future__ import annotations

import contextlib
import gc
import mmap
import os
import pickle
import sys
import time
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from itertools import repeat
from pathlib import Path
from typing import Any, cast, overload

from quiz import __version__
from quiz.bank.discover import default_paths, discover
from quiz.bank.result import LoadResult
from quiz.digest import sha256_hex
from quiz.errors import QuizError
from quiz.model import Bank, Question
from quiz.paths import StrPath, cache_dir

_MAGIC = b"quiz-catalog-7\n"
"""The file's layout (magic, the head's CRC, head, chunks); the model is in the name."""
_LENGTH = 16
"""Hex digits of the head's length, after the checksum."""
CHUNK = 128
"""Questions per stored pickle: reading one question reads its chunk (under a millisecond)."""
KEEP = 4
"""How many catalogs the cache folder holds at most (each a few MB at 10,000 questions)."""

_BUILDERS = ("spec.py", "shapes.py", "records.py", "fast_check.py", "build.py", "generate.py",
             "load.py")
"""The modules whose code decides what a file becomes (quiz/bank/): part of the fingerprint."""


def fingerprint_of(types: Iterable[type], sources: Iterable[bytes] = ()) -> str:
    """A hash of what a pickled catalog depends on: each type's name and fields, with their
    declared types and defaults (an enumeration's members and values), and source texts."""
    parts = []
    for kind in types:
        members = getattr(kind, "__members__", None)
        if members is not None:
            parts.append(f"{kind.__qualname__}:{[(n, m.value) for n, m in members.items()]}")
            continue
        annotations = [(n, repr(t)) for base in kind.__mro__  # the fields' NamedTuple's
                       for n, t in vars(base).get("__annotations__", {}).items()]
        parts.append(f"{kind.__module__}.{kind.__qualname__}:{getattr(kind, '_fields', ())}:"
                     f"{annotations}:{getattr(kind, '_field_defaults', {})}:"
                     f"{getattr(kind, '__slots__', ())}")
    # the sources by CRC-32: tens of KB, where SHA-256 (without OpenSSL) would cost 0.3 ms
    parts.extend(f"{zlib.crc32(source):08x}" for source in sources)
    return sha256_hex("\n".join(parts).encode("utf-8", "surrogateescape"))


_fingerprint_memo: list[str] = []


def _fingerprint() -> str:
    """This installation's fingerprint, computed on first use (0.3 ms, reading six sources)."""
    if not _fingerprint_memo:
        from quiz.errors import Diagnostic, Severity
        from quiz.model import MODEL_TYPES, MultipleScoring, Phase, QuestionType

        here = os.path.dirname(os.path.abspath(__file__))
        sources = []
        for name in _BUILDERS:
            try:
                with open(os.path.join(here, name), "rb") as source:
                    sources.append(source.read())
            except OSError:  # no sources installed: the version has to stand for them
                sources.append(name.encode())
        types: tuple[type, ...] = (*MODEL_TYPES, Diagnostic, LoadResult, Phase, QuestionType,
                                   MultipleScoring, Severity)
        context = f"{__version__}\0{sys.implementation.cache_tag}\0{_MAGIC!r}".encode()
        _fingerprint_memo.append(fingerprint_of(types, (context, *sources)))
    return _fingerprint_memo[0]


def _name(files: Sequence[str]) -> str | None:
    """The cache file's name for these files as they are now; None if one cannot be read."""
    paths, states = [], [_fingerprint()]
    try:
        for file in files:
            stat = os.stat(file)
            paths.append(os.path.realpath(file))
            states.append(f"{stat.st_size}\0{stat.st_mtime_ns}")
    except OSError:
        return None
    bank_set = sha256_hex("\n".join(paths).encode("utf-8", "surrogateescape"))[:16]
    state = sha256_hex("\n".join(states).encode("utf-8", "surrogateescape"))[:16]
    return f"catalog-{bank_set}-{state}.pickle"


def load_cached(paths: Sequence[StrPath] | None = None, folder: Path | None = None) -> LoadResult:
    """Like ``load``, but served from the cache when the files are unchanged."""
    chosen: list[StrPath] = list(paths) if paths else list(default_paths())
    files, problems = discover(chosen)
    name = _name(files) if not problems else None
    if name is None:
        return _load(chosen)
    where = (folder or cache_dir()) / name
    cached = _read(where)
    if cached is not None:
        _touch(where)
        return cached
    result = _load(chosen)
    if not result.errors:
        _write(where, result)
    return result


def _load(paths: list[StrPath]) -> LoadResult:
    from quiz.bank.load import load  # YAML and the validator are imported only on a miss

    return load(paths)


def _checksum(payload: bytes | memoryview) -> str:
    """CRC-32 as 8 hex digits: catches truncation and damage at ~1 ms for 6 MB (SHA-256
    without OpenSSL took 30 ms; the cache guards against accidents, not attackers, who could
    as well edit the banks it comes from)."""
    return f"{zlib.crc32(payload):08x}"


def _read(path: Path) -> LoadResult | None:
    """The cached result, its questions read lazily from the file (mapped, not copied:
    a page is read when a chunk on it is); None if the file is missing, damaged or not a
    cache of this layout. Only the head is checked here; each chunk is checked when read."""
    try:
        with open(path, "rb") as file:
            data = memoryview(mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ))
    except (OSError, ValueError):  # ValueError: an empty file cannot be mapped
        return None
    body = len(_MAGIC) + 8 + _LENGTH
    if len(data) < body or bytes(data[:len(_MAGIC)]) != _MAGIC:
        return None
    expected = bytes(data[len(_MAGIC):len(_MAGIC) + 8]).decode("ascii", "replace")
    try:
        head_end = body + int(bytes(data[body - _LENGTH:body]), 16)
    except ValueError:
        return None
    if head_end > len(data) or _checksum(data[len(_MAGIC) + 8:head_end]) != expected:
        return None
    try:
        skeleton, parts = _unpickle(data[body:head_end])
        if not isinstance(skeleton, LoadResult) or len(parts) != len(skeleton.catalog.banks):
            return None
        ends = [end for _, spans in parts for _, end, _ in spans]
        if max(ends, default=0) != len(data) - head_end:  # truncated, or grown
            return None
        banks = tuple(
            bank._replace(questions=cast(tuple[Question, ...], StoredQuestions(
                columns, data, [(head_end + a, head_end + b, crc) for a, b, crc in spans],
                partial(_reload_bank, path, skeleton.files, number))))
            for number, (bank, (columns, spans)) in enumerate(
                zip(skeleton.catalog.banks, parts, strict=True)))
    except Exception:  # a cache we cannot read is rebuilt, whatever went wrong
        return None
    return LoadResult(skeleton.catalog._replace(banks=banks), skeleton.diagnostics,
                      skeleton.files)


def _reload_bank(path: Path, files: list[str], number: int) -> tuple[Question, ...]:
    """Bank ``number``'s questions loaded from ``files`` again, for a cache found damaged
    at ``path`` after it was opened; the cache is rewritten from them."""
    result = _load(list(files))
    if result.errors or number >= len(result.catalog.banks):
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)
        raise QuizError(f"the catalog cache {path} was damaged, and the banks no longer load "
                        "as they did; run `quiz validate` on them, then start again")
    _write(path, result)
    return tuple(result.catalog.banks[number].questions)


def _unpickle(data: bytes | memoryview) -> Any:
    """``pickle.loads`` with the collector paused, as in load(): unpickling many questions
    triggers collections that walk every object already made, again and again."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.loads(data)
    finally:
        if was_enabled:
            gc.enable()


def _stored(result: LoadResult) -> tuple[bytes, bytes]:
    """What a cache file holds after its checksum, as (the part the checksum covers, the
    rest): the length of the head (``_LENGTH`` hex digits) and the head, then every bank's
    questions in pickled chunks of ``CHUNK``. The head is the result with the banks'
    questions left out and, per bank, the outline (``StoredQuestions.outline``) and where
    each chunk lies after the head, with its CRC-32."""
    parts = []
    chunks: list[bytes] = []
    at = 0
    shared: dict[object, object] = {}
    for bank in result.catalog.banks:
        questions = tuple(bank.questions)
        spans = []
        for first in range(0, len(questions), CHUNK):
            chunk = pickle.dumps(questions[first:first + CHUNK], protocol=pickle.HIGHEST_PROTOCOL)
            chunks.append(chunk)
            spans.append((at, at + len(chunk), zlib.crc32(chunk)))
            at += len(chunk)
        parts.append((_outline_columns(questions, shared), spans))
    banks = tuple(bank._replace(questions=()) for bank in result.catalog.banks)
    skeleton = LoadResult(result.catalog._replace(banks=banks), result.diagnostics,
                          result.files)
    head = pickle.dumps((skeleton, parts), protocol=pickle.HIGHEST_PROTOCOL)
    return f"{len(head):0{_LENGTH}x}".encode() + head, b"".join(chunks)


_BLANK: dict[str, object] = {"stem": "", "choices": (), "explanation": "", "lint_ignore": (),
                             "categories": (), "prompts": (), "source": None}
"""The fields the outline leaves blank: what a draw never reads. Every other field of
``Question`` (id, type, phase, objectives, scenario, difficulty, shuffle, generated, case,
and any field added later) is kept."""


def _outline_columns(questions: Sequence[Question], shared: dict[object, object]
                     ) -> dict[str, tuple[object, ...]]:
    """The outline as columns, one per kept field (a third of the objects to read back).
    Equal objective lists and scenario ids are one object each (``shared``), which the
    pickle writes once."""
    columns: dict[str, tuple[object, ...]] = {}
    for place, name in enumerate(Question._fields):
        if name in _BLANK:
            continue
        values: Iterator[object] = (q[place] for q in questions)
        if name in ("objectives", "scenario"):
            values = (shared.setdefault(v, v) for v in values)
        columns[name] = tuple(values)
    return columns


def _outline(columns: dict[str, tuple[object, ...]], count: int) -> tuple[Question, ...]:
    """The outline's questions, made from its columns without a Python call per question."""
    rows = zip(*[columns[name] if name not in _BLANK else repeat(_BLANK[name], count)
                 for name in Question._fields], strict=True)
    return tuple(map(partial(tuple.__new__, Question), rows))


class StoredQuestions(Sequence[Question]):
    """A bank's questions as a cache hit gives them: read from their pickled chunks when
    first used, in place of the tuple (equal to it, hashed like it, pickled as it).

    ``outline`` holds every question without its texts and choices, in the same order, for
    a practice draw (``Workspace.practice``); ``pick`` turns the outline's questions a draw
    chose into the real ones, read as they are shown. Iterating reads every chunk once.
    """

    __slots__ = ("_columns", "_count", "_data", "_loaded", "_outline", "_places", "_reload",
                 "_spans", "_whole")

    def __init__(self, columns: dict[str, tuple[object, ...]], data: memoryview,
                 spans: list[tuple[int, int, int]],
                 reload: Callable[[], tuple[Question, ...]]) -> None:
        self._columns = columns
        self._count = len(columns["id"])
        self._outline: tuple[Question, ...] | None = None
        self._data: memoryview | None = data
        self._spans = spans
        """Where each chunk's pickle lies in ``_data`` (the cache file), and its CRC-32."""
        self._reload = reload
        """The bank's questions loaded from its files: for a chunk found damaged."""
        self._loaded: list[tuple[Question, ...] | None] = [None] * len(spans)
        self._whole: tuple[Question, ...] | None = None
        self._places: dict[int, int] | None = None

    def _chunk(self, number: int) -> tuple[Question, ...]:
        if self._whole is not None:  # read whole meanwhile (a damaged chunk's reload)
            return self._whole[number * CHUNK:(number + 1) * CHUNK]
        loaded = self._loaded[number]
        if loaded is None:
            assert self._data is not None
            start, end, crc = self._spans[number]
            piece = self._data[start:end]
            if zlib.crc32(piece) != crc:
                return self._reloaded()[number * CHUNK:(number + 1) * CHUNK]
            loaded = _unpickle(piece)
            self._loaded[number] = loaded
        return loaded

    def _reloaded(self) -> tuple[Question, ...]:
        """Every question from the bank's files, in place of a cache found damaged; the same
        questions in the same places (the outline's ids), or the banks changed meanwhile
        and nothing drawn from the outline can be trusted."""
        questions = self._reload()
        if tuple(q.id for q in questions) != self._columns["id"]:
            raise QuizError("the catalog cache was damaged and the banks have changed since "
                            "quiz started; start it again")
        self._keep_whole(questions)
        return questions

    def _keep_whole(self, questions: tuple[Question, ...]) -> None:
        self._whole = questions
        self._data = None  # the file is let go
        self._loaded = []

    @property
    def chunks_read(self) -> int:
        """How many of the chunks have been read so far (all, once every question was)."""
        if self._whole is not None:
            return len(self._spans)
        return sum(chunk is not None for chunk in self._loaded)

    def whole(self) -> tuple[Question, ...]:
        """Every question, as the tuple a fresh load gives (read once, then kept; the file
        is let go)."""
        if self._whole is None:
            chunks = [self._chunk(n) for n in range(len(self._spans))]
            if self._whole is None:
                self._keep_whole(tuple(q for chunk in chunks for q in chunk))
        assert self._whole is not None
        return self._whole

    @property
    def outline(self) -> tuple[Question, ...]:
        """Every question without its texts, choices and source, in order (made on first
        use from the stored columns)."""
        if self._outline is None:
            self._outline = _outline(self._columns, self._count)
        return self._outline

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, place: int) -> Question: ...

    @overload
    def __getitem__(self, place: slice) -> tuple[Question, ...]: ...

    def __getitem__(self, place: int | slice) -> Question | tuple[Question, ...]:
        if self._whole is not None:
            return self._whole[place]
        if isinstance(place, slice):
            return tuple(self[i] for i in range(*place.indices(len(self))))
        if place < 0:
            place += len(self)
        if not 0 <= place < len(self):
            raise IndexError("question index out of range")
        return self._chunk(place // CHUNK)[place % CHUNK]

    def __iter__(self) -> Iterator[Question]:
        return iter(self.whole())

    def __contains__(self, value: object) -> bool:
        return value in self.whole()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, StoredQuestions):
            return self is other or self.whole() == other.whole()
        if isinstance(other, tuple):
            return self.whole() == other
        return NotImplemented

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        return hash(self.whole())

    def __add__(self, other: tuple[Question, ...]) -> tuple[Question, ...]:
        return self.whole() + tuple(other)

    def __radd__(self, other: tuple[Question, ...]) -> tuple[Question, ...]:
        return tuple(other) + self.whole()

    def __reduce__(self) -> tuple[Any, ...]:
        return (tuple, (self.whole(),))

    def __repr__(self) -> str:
        return repr(self.whole())

    def pick(self, chosen: Iterable[Question]) -> Sequence[Question]:
        """The real questions for ``chosen`` (questions of ``outline``, e.g. a draw's), in
        that order, each read when first used."""
        if self._places is None:
            self._places = dict(zip(map(id, self.outline), range(self._count), strict=True))
        # C-level passes: a draw over 10,000 questions picks them all
        return PickedQuestions(self, list(map(self._places.__getitem__, map(id, chosen))))


class PickedQuestions(Sequence[Question]):
    """Some of a bank's ``StoredQuestions``, by place, each read when first used: a
    session's questions (``quiz.engine.select.Items`` keeps a sequence that
    ``reads_lazily`` as it is, where it would copy any other into a tuple)."""

    __slots__ = ("_places", "_source")
    reads_lazily = True

    def __init__(self, source: StoredQuestions, places: list[int]) -> None:
        self._source = source
        self._places = places

    def __len__(self) -> int:
        return len(self._places)

    @overload
    def __getitem__(self, place: int) -> Question: ...

    @overload
    def __getitem__(self, place: slice) -> tuple[Question, ...]: ...

    def __getitem__(self, place: int | slice) -> Question | tuple[Question, ...]:
        if isinstance(place, slice):
            return tuple(self._source[p] for p in self._places[place])
        return self._source[self._places[place]]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (tuple, PickedQuestions)):
            return tuple(self) == tuple(other)
        return NotImplemented

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Any, ...]:
        return (tuple, (tuple(self),))


def stored_questions(bank: Bank) -> StoredQuestions | None:
    """``bank``'s questions when they come from the cache and are read lazily; else None."""
    questions: object = bank.questions
    return questions if isinstance(questions, StoredQuestions) else None


def _touch(path: Path) -> None:
    """Mark an entry as just used: eviction goes by the modification time set here (set, not
    left to the file system, whose clock ticks every few ms, and never the access time, which
    noatime mounts do not keep)."""
    now = time.time_ns()
    with contextlib.suppress(OSError):
        os.utime(path, ns=(now, now))


def _write(path: Path, result: LoadResult) -> None:
    """Write atomically (temp file + rename), then keep the ``KEEP`` most recently used
    entries and no stale one of this bank set. A cache that cannot be written is skipped."""
    import tempfile  # only a miss writes (tempfile brings shutil, bz2 and lzma)

    try:
        checked, chunks = _stored(result)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".catalog-")
        with os.fdopen(fd, "wb") as out:
            out.write(_MAGIC + _checksum(checked).encode() + checked)
            out.write(chunks)
        os.replace(temp, path)
        _touch(path)
        _evict(path)
    except (OSError, pickle.PicklingError):
        return


def _evict(kept: Path) -> None:
    same_set = kept.name.rsplit("-", 1)[0] + "-"
    entries = []
    for entry in kept.parent.glob("catalog-*.pickle"):
        if entry == kept:
            continue
        if entry.name.startswith(same_set):  # this bank set before an edit: never hit again
            entry.unlink(missing_ok=True)
            continue
        try:
            entries.append((entry.stat().st_mtime_ns, entry.name, entry))
        except OSError:  # removed by another process meanwhile
            continue
    entries.sort(reverse=True)
    for _, _, entry in entries[KEEP - 1:]:
        entry.unlink(missing_ok=True)

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

Up to ``KEEP`` entries are kept, least recently used evicted first (a hit touches its file's
modification time), so alternating between bank sets hits every time; a new entry for a set
replaces that set's stale ones at once. The payload carries a CRC-32: a truncated or corrupt
cache file is detected, ignored and rewritten, never trusted. Only catalogs without errors are
cached; ``quiz validate`` never uses the cache, so an author always sees what the files say.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import sys
import tempfile
import time
import zlib
from collections.abc import Iterable, Sequence
from pathlib import Path

from quiz import __version__
from quiz.bank.discover import default_paths, discover
from quiz.bank.result import LoadResult
from quiz.digest import sha256_hex
from quiz.paths import StrPath, cache_dir

_MAGIC = b"quiz-catalog-5\n"  # the file's layout (magic, CRC, pickle); the model is in the name
KEEP = 4
"""How many catalogs the cache folder holds at most (each a few MB at 10,000 questions)."""

_BUILDERS = ("spec.py", "shapes.py", "records.py", "build.py", "generate.py", "load.py")
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


def _checksum(payload: bytes) -> str:
    """CRC-32 as 8 hex digits: catches truncation and damage at ~1 ms for 6 MB (SHA-256
    without OpenSSL took 30 ms; the cache guards against accidents, not attackers, who could
    as well edit the banks it comes from)."""
    return f"{zlib.crc32(payload):08x}"


def _read(path: Path) -> LoadResult | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    header_end = len(_MAGIC) + 8
    if not data.startswith(_MAGIC) or len(data) < header_end:
        return None
    expected = data[len(_MAGIC):header_end].decode("ascii", "replace")
    payload = data[header_end:]
    if _checksum(payload) != expected:
        return None
    # the collector paused, as in load(): unpickling a large catalog triggers collections
    # that walk every object already made, again and again
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        result = pickle.loads(payload)
    except Exception:  # a cache we cannot read is rebuilt, whatever went wrong
        return None
    finally:
        if was_enabled:
            gc.enable()
    return result if isinstance(result, LoadResult) else None


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
    try:
        payload = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".catalog-")
        with os.fdopen(fd, "wb") as out:
            out.write(_MAGIC + _checksum(payload).encode() + payload)
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

"""A cache of loaded catalogs, so the app starts fast on large banks.

Parsing YAML is the slow part of starting (about 1 MB/s even with the C parser); a pickle of
the validated catalog loads some 20 times faster. The cache key is a hash of every file's
path, size and modification time (to the nanosecond) plus quiz's version, as CPython keys its
own bytecode cache: checking it reads no file, where hashing the contents of a 10,000-question
bank cost 30 ms of every start. Any save of a file rebuilds the cache. The payload carries a
CRC-32: a truncated or corrupt cache file is detected, ignored and rewritten, never trusted.
Only catalogs without errors are cached; ``quiz validate`` never uses the cache, so an author
always sees what the files say.
"""

from __future__ import annotations

import gc
import os
import pickle
import tempfile
import zlib
from collections.abc import Sequence
from pathlib import Path

from quiz import __version__
from quiz.bank.discover import default_paths, discover
from quiz.bank.result import LoadResult
from quiz.digest import sha256_hex
from quiz.paths import StrPath, cache_dir

_MAGIC = b"quiz-catalog-4\n"  # 4: Lesson.conventions (3: model values pickle as tuples)


def _key(files: Sequence[str]) -> str | None:
    parts = [__version__]
    try:
        for file in files:
            stat = os.stat(file)
            parts.append(f"{os.path.realpath(file)}\0{stat.st_size}\0{stat.st_mtime_ns}")
    except OSError:
        return None
    return sha256_hex("\n".join(parts).encode("utf-8", "surrogateescape"))[:32]


def load_cached(paths: Sequence[StrPath] | None = None, folder: Path | None = None) -> LoadResult:
    """Like ``load``, but served from the cache when the files are unchanged."""
    chosen: list[StrPath] = list(paths) if paths else list(default_paths())
    files, problems = discover(chosen)
    key = _key(files) if not problems else None
    if key is None:
        return _load(chosen)
    where = (folder or cache_dir()) / f"catalog-{key}.pickle"
    cached = _read(where)
    if cached is not None:
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


def _write(path: Path, result: LoadResult) -> None:
    """Write atomically (temp file + rename); a cache that cannot be written is skipped."""
    try:
        payload = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        path.parent.mkdir(parents=True, exist_ok=True)
        for stale in path.parent.glob("catalog-*.pickle"):
            stale.unlink(missing_ok=True)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".catalog-")
        with os.fdopen(fd, "wb") as out:
            out.write(_MAGIC + _checksum(payload).encode() + payload)
        os.replace(temp, path)
    except (OSError, pickle.PicklingError):
        return

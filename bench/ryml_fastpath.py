"""Prototype (bench only): validating with rapidyaml as a fast path for valid files.

    python bench/ryml_fastpath.py PATH...     # like `quiz validate PATH...`, text output

Each file is parsed by rapidyaml (C++), emitted by it as JSON and read back by Python's C
JSON reader: plain values in about 3 × rapidyaml's parse, where a Python walk over
rapidyaml's tree costs 12 ×. The values are checked against the same shapes as quiz's
validator (``quiz.bank.spec``), then quiz's own builders (lessons, scenarios, questions,
cross-file ids) run unchanged on them. The fast path only ever *accepts*: at the first doubt
about a file (an anchor, alias or tag character, a duplicate key, a plain scalar that YAML 1.1
reads as something else, a value of the wrong kind) or any diagnostic at all, the whole run
falls back to quiz's loader (PyYAML), so every error is reported by it, with its line and
column. What the fast path cannot give is positions: the catalog it builds has none (every
``source`` is line 0), which `quiz validate` of valid files never shows.
"""

from __future__ import annotations

import gc
import json
import re
import sys
from collections.abc import Sequence
from typing import Any

import ryml  # type: ignore[import-untyped]
import yaml

from quiz.bank.build import Reporter, draft_question
from quiz.bank.discover import discover, shown_path
from quiz.bank.load import (
    _build_banks,
    _collect_case_studies,
    _collect_lessons,
    _collect_scenarios,
    _Parsed,
    load,
)
from quiz.bank.records import BLANK_CHARS, Rec, Seq
from quiz.bank.result import LoadResult
from quiz.bank.shapes import (
    NON_BLANK,
    AnyOf,
    Bool,
    Enum,
    Int,
    ListOf,
    MapOf,
    Record,
    Shape,
    Str,
)
from quiz.bank.spec import FILE_KINDS
from quiz.bank.yaml_source import SourceProblem, _check_depth, _check_size, read_source
from quiz.model import Catalog

_NOWHERE = (0, 0)
_IMPLICIT = yaml.SafeLoader.yaml_implicit_resolvers
_STR_TAG = "tag:yaml.org,2002:str"
_RISKY = re.compile(rb"[&*!]|<<")  # anchors, aliases, tags, merge keys: the full path decides
_NON_BLANK = re.compile(NON_BLANK)


class _Doubt(Exception):
    """The fast path cannot vouch for this file; the full path must read it."""


class _Marks(dict[str, tuple[int, int]]):
    """Every key is "written" at line 0: the fast path keeps no positions."""

    def __missing__(self, key: str) -> tuple[int, int]:
        return _NOWHERE


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _Doubt("duplicate key")
    return result


def plain_values(data: bytes) -> Any:
    """The file's values via rapidyaml and JSON, or ``_Doubt``."""
    tree = ryml.parse_in_arena(data)
    try:
        emitted = ryml.emit_json_malloc(tree, tree.root_id())
        return json.loads(emitted, object_pairs_hook=_unique)
    except ValueError as exc:  # not JSON: a scalar rapidyaml wrote as it found it
        raise _Doubt(str(exc)) from None


def _text(value: Any) -> str:
    """A string as YAML 1.1 would type it, if it was written plain: else a doubt."""
    if not isinstance(value, str):
        raise _Doubt("not text")
    for tag, pattern in _IMPLICIT.get(value[:1] or "", ()):
        if tag != _STR_TAG and pattern.match(value):
            raise _Doubt("text that YAML 1.1 reads as another type if unquoted")
    return value


def _check(value: Any, shape: Shape) -> Any:
    """``value`` checked against ``shape`` as quiz's validator checks nodes: Rec and Seq
    values, or ``_Doubt`` for anything it would report."""
    if isinstance(shape, Record):
        if not isinstance(value, dict):
            raise _Doubt("not a mapping")
        rec = Rec()
        rec.mark, rec.marks = _NOWHERE, _Marks()
        for key, item in value.items():
            prop = shape.props.get(_text(key))
            if prop is None:
                raise _Doubt("unknown key")
            rec[key] = _check(item, prop.shape)
        for key, prop in shape.props.items():
            if prop.required and key not in rec:
                raise _Doubt("missing key")
        return rec
    if isinstance(shape, ListOf):
        if not isinstance(value, list) or len(value) < shape.min_items:
            raise _Doubt("not a list")
        seq = Seq(_check(item, shape.item) for item in value)
        seq.mark, seq.marks = _NOWHERE, [_NOWHERE] * len(seq)
        return seq
    if isinstance(shape, MapOf):
        if not isinstance(value, dict) or any(k not in shape.keys for k in value) \
                or any(k not in value for k in shape.required):
            raise _Doubt("bad map")
        rec = Rec({k: _check(v, shape.value) for k, v in value.items()})
        rec.mark, rec.marks = _NOWHERE, _Marks()
        return rec
    if isinstance(shape, AnyOf):
        for option in shape.options:
            fits = isinstance(value, dict) if isinstance(option, Record | MapOf) else \
                isinstance(value, list) if isinstance(option, ListOf) else \
                not isinstance(value, dict | list)
            if fits:
                return _check(value, option)
        raise _Doubt("no option fits")
    if isinstance(shape, Enum):
        if _text(value) not in shape.values:
            raise _Doubt("not one of the words")
        return value
    if isinstance(shape, Str):
        text = _text(value)
        # blank as quiz's validator counts it (records._scalar), and its length limit
        blank = not text or (text[0] in BLANK_CHARS and _NON_BLANK.search(text) is None)
        if (shape.non_empty and blank) or \
                (shape.max_length is not None and len(text) > shape.max_length) or \
                (shape.pattern and not re.fullmatch(shape.pattern, text)):
            raise _Doubt("bad text")
        return text
    if isinstance(shape, Bool):
        if not isinstance(value, bool):
            raise _Doubt("not a boolean")
        return value
    if isinstance(shape, Int):
        if isinstance(value, bool) or not isinstance(value, int) \
                or (shape.minimum is not None and value < shape.minimum) \
                or (shape.maximum is not None and value > shape.maximum):
            raise _Doubt("not a whole number in range")
        return value
    raise _Doubt("unknown shape")


def _fast_file(path: str) -> _Parsed:
    shown = shown_path(path)
    try:
        data = read_source(path, shown)  # the loader's own read: checked UTF-8 bytes
        _check_depth(data, shown)
        _check_size(data, shown)
    except SourceProblem as problem:
        raise _Doubt(str(problem)) from None
    if _RISKY.search(data):
        raise _Doubt("anchor, alias, tag or merge key")
    values = plain_values(data)
    if not isinstance(values, dict):
        raise _Doubt("not a mapping")
    kind = next((k for k in ("bank", "scenario", "lesson") if k in values), None)
    if kind is None:
        raise _Doubt("not a bank, lesson or scenario")
    rec = _check(values, FILE_KINDS[kind])
    report = Reporter(shown, [])
    if kind == "bank" and "questions" in rec:
        # the loader keeps a bank's questions as drafts (load.parse_text): the same step here
        records: Seq = rec["questions"]
        drafts = Seq(draft_question(item, report) for item in records)
        drafts.mark, drafts.marks = records.mark, records.marks
        rec["questions"] = drafts
    return _Parsed(kind, rec, report)


def fast_load(paths: Sequence[str]) -> tuple[LoadResult, bool]:
    """(the result, whether the fast path gave it); the full path on any doubt or error."""
    gc.disable()
    try:
        files, problems = discover(list(paths))
        if problems:
            return load(paths), False
        try:
            parsed = [_fast_file(f) for f in files]
        except _Doubt:
            return load(paths), False
        lessons = _collect_lessons(parsed)
        scenarios = _collect_scenarios(parsed)
        cases = _collect_case_studies(parsed, scenarios)
        banks = _build_banks(parsed, lessons, scenarios, cases)
        if any(p.report.diagnostics for p in parsed):
            return load(paths), False
        catalog = Catalog(tuple(banks), lessons, scenarios, cases.studies)
        return LoadResult(catalog, [], files), True
    finally:
        gc.enable()


def main() -> int:
    result, fast = fast_load(sys.argv[1:])
    for diagnostic in sorted(result.diagnostics, key=lambda d: (d.path, d.line, d.column)):
        print(diagnostic)
    questions = sum(len(b.questions) for b in result.catalog.banks)
    print(f"{len(result.files)} file(s), {len(result.catalog.banks)} bank(s), {questions} "
          f"question(s): {len(result.errors)} error(s) ({'fast' if fast else 'full'} path)")
    return 1 if result.errors else 0


if __name__ == "__main__":
    raise SystemExit(main())

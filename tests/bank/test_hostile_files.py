"""Files built to hurt: they end in our own located error, quickly, and nothing runs.

Time bounds here are CPU-time budgets (``time.process_time()``, so a loaded machine does not
break them), generous enough that only a regression to exponential or unbounded work could
cross them (the measured times are a few hundredths of a second); they are not performance
targets, which live in bench/.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from quiz.bank import yaml_source
from quiz.bank.load import load, load_text
from quiz.errors import BankError, Diagnostic
from tests.bank.bank_cases import FIXTURES, SCENARIO

CPU_BUDGET_SECONDS = 5.0
HANG_GUARD_SECONDS = 120  # a hang guard for child processes, not a speed check: wall clock
LESSON = (FIXTURES / "x.lesson.yaml").read_text(encoding="utf-8")
VALID = (FIXTURES / "valid.yaml").read_text(encoding="utf-8")


def _timed_errors(paths: list[Path]) -> tuple[list[Diagnostic], float]:
    """The load's errors and the CPU time it took (this process's, not the wall clock's)."""
    started = time.process_time()
    result = load(paths)
    return result.errors, time.process_time() - started


def test_python_object_tag_is_refused_and_never_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []

    def system(command: str) -> int:
        calls.append(command)
        return 0

    monkeypatch.setattr(os, "system", system)
    fixture = FIXTURES / "python-tag.yaml"

    # the control: PyYAML's unsafe loader would call os.system("touch quiz-pwned-marker")
    yaml.unsafe_load(fixture.read_text(encoding="utf-8"))
    assert calls == ["touch quiz-pwned-marker"]
    calls.clear()

    monkeypatch.chdir(tmp_path)  # where the marker would appear had anything run
    errors, _ = _timed_errors([fixture])
    assert calls == []
    assert not (tmp_path / "quiz-pwned-marker").exists()
    assert any("python/object/apply:os.system' is not allowed" in d.message for d in errors)


def test_alias_bomb_along_the_format_stops_quickly(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ten levels of choices lists, each ten aliases of the one before: 10**9 choices if
    expanded. The shape check refuses a list where a choice belongs, so nothing expands."""
    monkeypatch.chdir(FIXTURES)
    errors, took = _timed_errors([Path("alias-bomb.yaml")])
    assert took < CPU_BUDGET_SECONDS
    assert 0 < len(errors) <= 100
    assert {d.path for d in errors} == {"alias-bomb.yaml"}
    assert all(
        d.message in ("an item of 'choices' must be a mapping of keys, not a list",
                      "a single question needs 'choices'")
        for d in errors
    ), "\n".join(map(str, errors))
    # the aliases of x-001's list are reported where the anchor &c0 was written (11:14),
    # the list left without a valid choice where &c1 itself was (18:14)
    first = sorted({(d.line, d.column, d.message) for d in errors if d.question_id == "x-001"})
    assert first == [
        (11, 14, "an item of 'choices' must be a mapping of keys, not a list"),
        (18, 14, "a single question needs 'choices'"),
    ]


def test_alias_flood_exhausts_the_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    """2,000 aliases of a question with 300 choices: 3 million nodes from 22 KB."""
    monkeypatch.chdir(FIXTURES)
    errors, took = _timed_errors([Path("alias-flood.yaml")])
    assert took < CPU_BUDGET_SECONDS
    _only_the_budget_error(errors, "x-000", aliases=2000)


def test_alias_flood_generated_ends_in_the_budget_error(tmp_path: Path) -> None:
    path = tmp_path / "flood.yaml"
    path.write_text(_flood(20_000), encoding="utf-8")
    (tmp_path / "x.lesson.yaml").write_text(LESSON, encoding="utf-8")
    errors, took = _timed_errors([path])
    assert took < CPU_BUDGET_SECONDS
    _only_the_budget_error(errors, "q", aliases=20_000)


def _only_the_budget_error(errors: list[Diagnostic], question_id: str, aliases: int) -> None:
    """The budget error, and at most a duplicate id for each alias walked before it ran out
    (so never more errors than the file has aliases)."""
    messages = [d.message for d in errors]
    assert messages.count("aliases expand to far more data than the file holds") == 1
    duplicate = f"duplicate question id '{question_id}'; first used at "
    others = [m for m in messages if not m.startswith("aliases expand")]
    assert all(m.startswith(duplicate) for m in others), messages
    assert len(errors) <= aliases + 1


def _flood(aliases: int) -> str:
    """A question with 1,000 choices, then ``aliases`` aliases of it: 5,000 nodes each."""
    choices = "      - {id: c0, text: C, correct: true}\n" + "".join(
        f"      - {{id: c{i}, text: C}}\n" for i in range(1, 1000)
    )
    return (
        "bank: b\ntitle: t\nlesson: x-lesson\nquestions:\n  - &q\n    id: q\n    type: single\n"
        "    phase: training\n    objectives: [LO1]\n    stem: s\n    explanation: e\n"
        f"    choices:\n{choices}" + "  - *q\n" * aliases
    )


def _nested(name: str, text: str) -> object:
    """A case named by its short name: the text itself (up to 400 kB) would be its test id."""
    return pytest.param(name, text, id=name)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        _nested("flow", "bank: " + "[" * 200_000 + "]" * 200_000 + "\n"),
        _nested("flow-in-quotes", "bank: '" + "{" * 100 + "'\n"),
        _nested("block-mapping", "bank:\n" + "".join(" " * i + "k:\n" for i in range(1, 5000))),
        _nested("block-sequence", "bank:\n" + "".join("  " * i + "- \n" for i in range(3000))),
        _nested("compact-sequence", "bank:\n  " + "- " * 50_000 + "x\n"),
        _nested("complex-keys", "bank:\n  " + "? - " * 30_000 + "x\n"),
    ],
)
def test_nesting_past_the_cap_is_refused_before_parsing(
    tmp_path: Path, name: str, text: str
) -> None:
    """Deep enough to crash the C parser (seen at ~50,000 levels) if it ever got that far."""
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    errors, took = _timed_errors([path])
    assert took < CPU_BUDGET_SECONDS
    (error,) = errors
    assert "more than 64 levels deep" in error.message
    assert error.line >= 1 and error.column >= 1


def test_flow_nesting_at_the_cap_is_not_refused(tmp_path: Path) -> None:
    """64 levels pass the depth check (and then fail the shape check as a stem, not text)."""
    text = VALID.replace(
        "stem: Which phase fits a model's parameters to data?",
        "stem: " + "[" * 64 + "]" * 64,
    )
    path = tmp_path / "at-cap.yaml"
    path.write_text(text, encoding="utf-8")
    (tmp_path / "x.lesson.yaml").write_text(LESSON, encoding="utf-8")
    errors, _ = _timed_errors([path, FIXTURES / SCENARIO])
    assert [d.message for d in errors] == ["'stem' must be text, not a list"]


def test_file_over_the_size_cap_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(yaml_source, "MAX_FILE_BYTES", 1000)
    path = tmp_path / "big.yaml"
    path.write_text(VALID, encoding="utf-8")
    size = path.stat().st_size
    assert size > 1000
    monkeypatch.chdir(tmp_path)
    errors, _ = _timed_errors([Path("big.yaml")])
    assert [str(d) for d in errors] == [
        f"big.yaml:1:1: error: file is {size:,} bytes; the limit is 1,000"
    ]


def test_text_over_the_size_cap_is_refused_by_load_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yaml_source, "MAX_FILE_BYTES", 100)
    with pytest.raises(BankError) as caught:
        load_text(b"x" * 101, "big.yaml")
    assert str(caught.value) == "big.yaml:1:1: error: file is 101 bytes; the limit is 100"


def test_the_default_size_cap_is_far_above_a_real_bank() -> None:
    assert yaml_source.MAX_FILE_BYTES >= 16 * 1024 * 1024


def test_dangling_symlink_is_reported_as_missing(tmp_path: Path) -> None:
    link = tmp_path / "gone.yaml"
    link.symlink_to(tmp_path / "nowhere.yaml")
    errors, _ = _timed_errors([link])
    assert [(d.line, d.column, d.message) for d in errors] == [(1, 1, "no such file")]


def test_bad_byte_after_wide_characters_is_located_in_characters() -> None:
    data = "bank: x\ntitle: 模型 ".encode() + b"\xff\n"
    with pytest.raises(BankError) as caught:
        load_text(data, "wide.yaml")
    (error,) = caught.value.diagnostics
    assert (error.line, error.column) == (2, 11)
    assert error.message == "not valid UTF-8 (byte 0xff); save it as UTF-8"


def test_a_byte_order_mark_is_accepted() -> None:
    catalog = load_text(b"\xef\xbb\xbf" + _inline(VALID).encode())
    assert len(catalog.banks[0].questions) == 6


def _inline(bank: str) -> str:
    """A bank text with x.lesson.yaml's lesson written inline (for load_text)."""
    lesson_block = LESSON.split("lesson:\n", 1)[1]
    return bank.replace("lesson: x-lesson\n", "lesson:\n" + lesson_block).replace(
        "    scenario: spam-filter\n", ""
    )


def test_unclosed_quote_names_the_line_where_it_opened(monkeypatch: pytest.MonkeyPatch) -> None:
    """The quote opens on line 10; PyYAML only notices at the end of the file (15:1).

    Pointing only at the end of the file sends an author searching a long bank, so the error
    must either sit at the opening quote or name its line.
    """
    monkeypatch.chdir(FIXTURES)
    errors, _ = _timed_errors([Path("unclosed-quote.yaml"), Path(SCENARIO)])
    (error,) = errors
    assert "while scanning a quoted scalar" in error.message
    assert (error.line, error.column) == (10, 11) or "line 10" in error.message, str(error)


_AT_THE_CAP = """
import resource, sys
from pathlib import Path
resource.setrlimit(resource.RLIMIT_AS, (1024**3, 1024**3))
from quiz.bank.load import load
for diagnostic in load([Path(sys.argv[1])]).errors:
    print(diagnostic)
"""


def _load_at_the_cap(tmp_path: Path, text: str) -> subprocess.CompletedProcess[str]:
    """Load ``text`` (just under the size cap) in a child with 1 GiB of address space."""
    assert len(text.encode()) <= yaml_source.MAX_FILE_BYTES
    path = tmp_path / "at-the-cap.yaml"
    path.write_text(text, encoding="utf-8")
    (tmp_path / "x.lesson.yaml").write_text(LESSON, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-c", _AT_THE_CAP, str(path)],
        capture_output=True, text=True, timeout=HANG_GUARD_SECONDS, check=False,
    )


def _fill(head: str, item: str, tail: str) -> str:
    count = (yaml_source.MAX_FILE_BYTES - len(head) - len(tail) - 64) // len(item)
    return head + item * count + tail


@pytest.mark.slow
def test_dense_file_at_the_size_cap_ends_quickly_in_bounded_memory(tmp_path: Path) -> None:
    """A flow list of one-letter items: one YAML node per two bytes of file.

    Composing costs ~140 bytes of memory and ~3.5 µs per input byte (measured), so a file
    just under the 64 MiB cap would take ~9 GB and about four minutes. With 1 GiB it must
    end in a deliberate error within 20 s, not in the fallback for running out of memory.
    """
    text = _fill("bank: b\ntitle: t\nlesson: x-lesson\nquestions: [", "a,", "a]\n")
    done = _load_at_the_cap(tmp_path, text)
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    assert done.returncode == 0
    assert "at-the-cap.yaml:" in done.stdout
    assert "too large to read" not in done.stdout, done.stdout


@pytest.mark.slow
def test_alias_flood_at_the_size_cap_ends_quickly(tmp_path: Path) -> None:
    """Aliases cost nothing to compose, but the walk's budget is one node per byte of file:
    ~64 million nodes at ~3.6 µs each, about four minutes, before the budget error."""
    head = _flood(0)
    text = _fill(head, "  - *q\n", "")
    done = _load_at_the_cap(tmp_path, text)
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    assert done.returncode == 0
    assert "at-the-cap.yaml:" in done.stdout
    assert "too large to read" not in done.stdout, done.stdout

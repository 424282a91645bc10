"""The command line as people expect it (issue 15, item 7; issue 11, item 11).

``-h`` is ``--help``; every command's help shows examples that parse and that name nothing
which exists only in a source checkout; a reader that goes away (``| head``) ends the command
quietly; errors quoting what was typed show escape sequences, never act on them; ``validate -``
and ``import -`` read standard input; ``items`` takes several files after one ``--class``.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from quiz.cli.main import COMMANDS, cli

REPO = Path(__file__).resolve().parents[2]
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(autouse=True)
def _private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUIZ_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("QUIZ_DB", str(tmp_path / "absent.sqlite3"))


def run(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=stdin)


def _command(name: str) -> click.Command:
    command = cli.get_command(click.Context(cli), name)
    assert command is not None
    return command


# --- help ------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", [None, *sorted(COMMANDS)])
def test_dash_h_is_help(name: str | None) -> None:
    args = [name] if name else []
    long, short = run(*args, "--help"), run(*args, "-h")
    assert long.exit_code == short.exit_code == 0, short.output
    assert short.stdout == long.stdout
    assert "-h, --help" in long.stdout


def _examples(name: str | None) -> list[str]:
    """The example command lines of a command's help, joined where they continue."""
    text = run(*([name] if name else []), "--help").stdout
    body = text.split("Options:")[0]
    found: list[str] = []
    for line in body.replace("\\\n", " ").splitlines():
        line = line.strip()
        if line.startswith(("Example: quiz", "Examples: quiz")):
            line = line.split(":", 1)[1].strip()
        if line.startswith("quiz ") or line == "quiz":
            found.append(line)
    return found


@pytest.mark.parametrize("name", [None, *sorted(COMMANDS)])
def test_every_command_has_help_with_an_example(name: str | None) -> None:
    text = run(*([name] if name else []), "--help").stdout
    assert re.search(r"^\s*Examples?\b", text, re.MULTILINE), f"no example in quiz {name} -h"
    examples = _examples(name)
    assert examples, f"quiz {name} -h: examples must be 'quiz ...' command lines"
    for example in examples:
        words = shlex.split(example)
        assert words[1:2] == ([name] if name else words[1:2]), example


MINE = ["validate", "schema", "import", "export", "items", "lint", "stats", "new", "report",
        "export-results"]


@pytest.mark.parametrize("name", [None, *MINE])
def test_examples_parse_and_need_no_source_checkout(
    name: str | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An installed quiz has no question_banks/ folder beside it: examples must not name it,
    and every example must parse (options and choices that exist). Files an example reads
    are made empty first, as the user would have them."""
    monkeypatch.chdir(tmp_path)
    for example in _examples(name):
        assert "question_banks" not in example, example
        words = shlex.split(example)
        for stop in ("|", "<", ">"):
            if stop in words:
                words = words[:words.index(stop)]
        for word in words:
            if re.search(r"\.(ya?ml|gift|txt|jsonl|sqlite3)$", word) and "/" not in word:
                (tmp_path / word).touch()
        at = _subcommand_at(words)
        try:
            if at > 1:  # quiz's own options (quiz --learner ana [command ...])
                cli.make_context("quiz", words[1:at])
            if at < len(words):
                _command(words[at]).make_context(words[at], words[at + 1:])
        except click.ClickException as exc:
            pytest.fail(f"the example '{example}' does not parse: {exc.format_message()}")


def _subcommand_at(words: list[str]) -> int:
    """Where an example's command is: after ``quiz`` and quiz's own options with their values."""
    takes_value = {name for param in cli.params if isinstance(param, click.Option)
                   and not param.is_flag for name in param.opts}
    at = 1
    while at < len(words) and words[at].startswith("-"):
        at += 2 if words[at] in takes_value else 1
    return at


# --- error messages --------------------------------------------------------------------------

SEQUENCES = {
    "esc": "\x1b",
    "csi": "\x1b[31mred\x1b[0m",
    "osc-title": "\x1b]0;owned\x07",
    "osc-link": "\x1b]8;;https://example.invalid\x1b\\click\x1b]8;;\x1b\\",
    "c1-csi": "\x9b2J",
    "c1-nel": "a\x85b",
    "bell": "\x07",
}


def _gift(tmp_path: Path) -> str:
    source = tmp_path / "in.gift"
    source.write_text("::g1:: Which phase updates weights? {=training ~inference}\n")
    return str(source)


CASES = {
    "report --since": lambda s, t: ["report", "--since", s],
    "report --learner --class": lambda s, t: ["report", "--learner", s, "--since", s],
    "export --bank": lambda s, t: ["export", "--to", "gift", "-o", "-", "--bank", s],
    "export --to": lambda s, t: ["export", "--to", s, "-o", "-"],
    "import --objective": lambda s, t: ["import", _gift(t), "--from", "gift", "--objective",
                                        s, "-o", str(t / "b.yaml")],
    "practice --scenario": lambda s, t: ["practice", "--scenario", s],
    "practice --objective": lambda s, t: ["practice", "--objective", s],
    "exam --bank": lambda s, t: ["exam", "--bank", s],
    "unknown option": lambda s, t: ["--bogus" + s],
    "unknown command": lambda s, t: ["nope" + s],
}


@pytest.mark.parametrize("sequence", sorted(SEQUENCES))
@pytest.mark.parametrize("case", sorted(CASES))
def test_errors_show_escape_sequences_inert(case: str, sequence: str, tmp_path: Path) -> None:
    text = SEQUENCES[sequence]
    result = run(*CASES[case](text, tmp_path), stdin="")
    assert result.exit_code not in (0, None), result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    found = sorted({f"U+{ord(c):04X}" for c in UNSAFE.findall(result.output)})
    assert not found, f"quiz {case}: raw {found} in: {result.output!r}"
    assert "\\x" in result.output, f"quiz {case}: the value is not shown: {result.output!r}"


# --- closed pipes ----------------------------------------------------------------------------

PIPED = [["-h"], ["--help"], ["schema"], ["schema", "-o", "-"], ["validate"],
         ["validate", "--format", "json"], ["stats"], ["lint", "--list-rules"],
         ["export", "--to", "gift", "-o", "-"], ["report"], ["export", "-h"]]


@pytest.mark.parametrize("args", PIPED, ids=" ".join)
def test_a_closed_pipe_ends_quietly(args: list[str], tmp_path: Path) -> None:
    """`quiz ... | head` once the reader has gone: no traceback, no crash log, no status
    120 from a failed flush at exit; the status a shell shows for a filter ended by SIGPIPE."""
    cache = tmp_path / "cache"
    env = {**os.environ, "QUIZ_CACHE_DIR": str(cache), "QUIZ_DB": str(tmp_path / "p.sqlite3")}
    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run([sys.executable, "-m", "quiz", *args], stdout=write,
                              stderr=subprocess.PIPE, text=True, env=env, timeout=120,
                              cwd=tmp_path)
    finally:
        os.close(write)
    assert done.returncode == 141, done.stderr
    for noise in ("Traceback", "internal error", "Exception ignored", "Broken pipe",
                  "BrokenPipe"):
        assert noise not in done.stderr, done.stderr
    assert not (cache / "crash.log").exists()


def test_head_reads_the_first_lines_of_help(tmp_path: Path) -> None:
    env = {**os.environ, "QUIZ_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run(
        f"set -o pipefail 2>/dev/null; {shlex.quote(sys.executable)} -m quiz -h | head -3",
        shell=True, capture_output=True, text=True, env=env, timeout=120, cwd=tmp_path,
        executable="/bin/bash")
    assert done.stdout.splitlines()[0].startswith("Usage: quiz")
    assert done.stderr == ""
    assert not (tmp_path / "cache" / "crash.log").exists()


# --- standard input --------------------------------------------------------------------------

def _course(tmp_path: Path) -> Path:
    folder = tmp_path / "course"
    folder.mkdir()
    for name in ("training-vs-inference.yaml", "training-vs-inference.lesson.yaml"):
        (folder / name).write_bytes((REPO / "question_banks" / name).read_bytes())
    shutil.copytree(REPO / "scenarios", tmp_path / "scenarios")  # the course's layout
    return folder


def test_validate_reads_standard_input_in_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = _course(tmp_path)
    monkeypatch.chdir(folder)
    bank = (folder / "training-vs-inference.yaml").read_text(encoding="utf-8")
    (folder / "training-vs-inference.yaml").unlink()  # only the lesson stays beside
    good = run("validate", "-", stdin=bank)
    assert good.exit_code == 0, good.output
    assert "no errors" in good.output
    bad = run("validate", "-", stdin=bank.replace("phase: training", "phase: trainin", 1))
    assert bad.exit_code == 1
    lines = [line for line in bad.stdout.splitlines() if ": error:" in line]
    assert lines and all(line.startswith("<stdin>:") for line in lines), bad.stdout
    assert "quiz-stdin-" not in bad.output
    as_json = run("validate", "-", "--format", "json", stdin="bank: x\n")
    assert as_json.exit_code == 1
    assert '"file": "<stdin>"' in as_json.stdout


def test_validate_caps_standard_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import quiz.bank.yaml_source

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(quiz.bank.yaml_source, "MAX_FILE_BYTES", 100)
    result = run("validate", "-", stdin="bank: x\n" + "#" * 200 + "\n")
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert "<stdin>: larger than" in result.output


def test_import_reads_standard_input_and_writes_standard_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    gift = "::g1:: Which phase updates the weights? {=training ~inference}\n"
    result = run("import", "-", "--from", "gift", "--phase", "training", "--objective", "LO1",
                 "-o", "-", stdin=gift)
    assert result.exit_code == 0, result.output
    assert "Which phase updates the weights?" in result.stdout
    assert result.stdout.lstrip().startswith(("#", "bank:"))
    assert "wrote 1 question(s) from <stdin> to standard output" in result.stderr
    assert list(tmp_path.iterdir()) == []
    broken = run("import", "-", "--from", "gift", "-o", "-", stdin="::a:: {=x ~y\n")
    assert broken.exit_code == 1
    assert "<stdin>:" in broken.stderr and "quiz-stdin-" not in broken.output


# --- items takes a class after one --class ---------------------------------------------------

def test_items_takes_several_files_after_one_class(tmp_path: Path) -> None:
    import json

    files = []
    for learner in ("ana", "ben", "cy"):
        lines = [{"learner": learner, "session_id": 1, "bank_id": "b", "question_id": q,
                  "answer": ["a"], "score": float(learner != "cy" or q == "q1"),
                  "mode": "practice"} for q in ("q1", "q2")]
        path = tmp_path / f"{learner}.jsonl"
        path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
        files.append(str(path))
    once = run("items", "--class", *files, "--format", "json")
    repeated = run("items", "--class", files[0], "--class", files[1], "--class", files[2],
                   "--format", "json")
    assert once.exit_code == 0, once.output
    assert once.stdout == repeated.stdout
    assert json.loads(once.stdout)["banks"][0]["test"]["attempts"] == 3
    stray = run("items", *files)
    assert stray.exit_code == 2
    assert "after --class" in stray.output

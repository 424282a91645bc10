"""Every command that writes a file treats what ``-o`` names the same way (issue 11, item 7).

A regular file is replaced atomically; a symlink is written through to its target and stays a
symlink; a device, a FIFO or a folder (named directly or through a symlink) is refused with a
clear error and a non-zero exit, left exactly as it was, and no "wrote" line is printed. ``-o -``
is standard output for every command (issue 15, item 7), and never a file named ``-``.

The device is a twin of /dev/null made with ``os.mknod`` in the test's folder (as root), or
a symlink to the null device otherwise: no real /dev entry is ever the target.
"""

from __future__ import annotations

import os
import signal
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from quiz.cli.main import cli
from quiz.workspace import Workspace

GIFT = "::g1:: Which phase updates the weights? {=training ~inference}\n"


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A store where 'ana' practised, and a GIFT file to import."""
    folder = tmp_path_factory.mktemp("course")
    db = folder / "ana.sqlite3"
    workspace = Workspace.open(learner="ana", db_path=db)
    session = workspace.practice(seed=3)
    for item in session.items[:4]:
        session.answer(item.question.correct_ids, confidence=3)
        session.next()
    session.submit()
    assert workspace.conn is not None
    workspace.conn.close()
    gift = folder / "in.gift"
    gift.write_text(GIFT, encoding="utf-8")
    return {"db": db, "gift": gift}


def _commands(course: dict[str, Path]) -> dict[str, Callable[[str], list[str]]]:
    db, gift = str(course["db"]), str(course["gift"])
    return {
        "export": lambda out: ["export", "--to", "gift", "-o", out],
        "export-qti": lambda out: ["export", "--to", "qti", "-o", out],
        "import": lambda out: ["import", gift, "--from", "gift", "--phase", "training",
                               "--objective", "LO1", "-o", out, "--force"],
        "report": lambda out: ["report", "--learner", "ana", "--db", db, "-o", out],
        "items": lambda out: ["items", "--db", db, "-o", out],
        "export-results": lambda out: ["export-results", "--learner", "ana", "--db", db,
                                       "-o", out],
        "schema": lambda out: ["schema", "bank", "-o", out],
    }


NAMES = ["export", "export-qti", "import", "report", "items", "export-results", "schema"]


@pytest.fixture(autouse=True)
def _private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("QUIZ_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("QUIZ_DB", str(tmp_path / "absent.sqlite3"))
    monkeypatch.chdir(tmp_path)

    def hung(signum: int, frame: object) -> None:
        raise TimeoutError("the command hung on its output path")

    # opening a FIFO for writing waits for a reader forever: fail instead of hanging
    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def run(args: list[str]) -> Result:
    return CliRunner().invoke(cli, args)


def device(path: Path) -> Path:
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        path.symlink_to(os.devnull)
    return path


def fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def folder(path: Path) -> Path:
    path.mkdir()
    return path


SPECIALS: dict[str, Callable[[Path], Path]] = {"device": device, "fifo": fifo,
                                                "folder": folder}
WORDS = {"device": "device", "fifo": "FIFO", "folder": "directory"}


@pytest.mark.parametrize("name", NAMES)
def test_a_regular_file_is_replaced_and_wrote_is_said(
    name: str, course: dict[str, Path], tmp_path: Path,
) -> None:
    target = tmp_path / "out.file"
    target.write_text("old")
    result = run(_commands(course)[name](str(target)))
    assert result.exit_code == 0, result.output
    assert target.read_bytes() != b"old" and target.stat().st_size > 0
    assert f"wrote {target}" in result.output
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize("name", NAMES)
def test_a_symlink_is_written_through(name: str, course: dict[str, Path],
                                      tmp_path: Path) -> None:
    real = tmp_path / "real.file"
    real.write_text("old")
    link = tmp_path / "link.file"
    link.symlink_to(real)
    result = run(_commands(course)[name](str(link)))
    assert result.exit_code == 0, result.output
    assert link.is_symlink(), f"quiz {name} replaced the symlink with a file"
    assert real.read_bytes() != b"old" and real.stat().st_size > 0
    assert f"wrote {link}" in result.output


@pytest.mark.parametrize("kind", sorted(SPECIALS))
@pytest.mark.parametrize("through_link", [False, True], ids=["direct", "symlink"])
@pytest.mark.parametrize("name", NAMES)
def test_a_special_file_is_refused_and_left_alone(
    name: str, kind: str, through_link: bool, course: dict[str, Path], tmp_path: Path,
) -> None:
    special = SPECIALS[kind](tmp_path / f"special-{kind}")
    before = os.lstat(special)
    target = special
    if through_link:
        target = tmp_path / "link"
        target.symlink_to(special)
    result = run(_commands(course)[name](str(target)))
    assert result.exit_code != 0, f"quiz {name} wrote into {kind}: {result.output}"
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "wrote" not in result.output
    assert "quiz: error:" in result.output or "Error:" in result.output
    assert WORDS[kind] in result.output, result.output
    after = os.lstat(special)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)
    if through_link:
        assert target.is_symlink()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize("name", [n for n in NAMES if n != "export-qti"])
def test_dash_is_standard_output(name: str, course: dict[str, Path], tmp_path: Path) -> None:
    result = run(_commands(course)[name]("-"))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip(), f"quiz {name} -o - printed nothing"
    assert not (tmp_path / "-").exists(), f"quiz {name} -o - wrote a file named '-'"
    assert "wrote -" not in result.output
    assert "wrote" not in result.stdout  # the summary must not pollute the data


def test_dash_for_a_zip_is_a_message(course: dict[str, Path], tmp_path: Path) -> None:
    result = run(_commands(course)["export-qti"]("-"))
    assert result.exit_code == 1
    assert "zip" in result.stderr
    assert not (tmp_path / "-").exists()


def test_import_without_force_still_refuses_an_existing_file(
    course: dict[str, Path], tmp_path: Path,
) -> None:
    target = tmp_path / "bank.yaml"
    target.write_text("old")
    args = [a for a in _commands(course)["import"](str(target)) if a != "--force"]
    result = run(args)
    assert result.exit_code == 1
    assert target.read_text() == "old"


# --- quiz new writes the bank file it is given ------------------------------------------------

NEW = ["--type", "true_false", "--phase", "inference", "--objective", "LO3", "--stem",
       "Serving a model changes its weights.", "--answer", "false", "--wrong-feedback",
       "Serving only reads the weights.", "--explanation",
       "Inference applies the learned weights and leaves them as they are (LO3).",
       "--no-input"]


def _bank(tmp_path: Path) -> Path:
    banks = tmp_path / "banks"
    banks.mkdir()
    for name in ("training-vs-inference.yaml", "training-vs-inference.lesson.yaml"):
        shipped = Path(__file__).resolve().parents[2] / "question_banks" / name
        (banks / name).write_bytes(shipped.read_bytes())
    return banks / "training-vs-inference.yaml"


def test_new_writes_through_a_symlinked_bank(tmp_path: Path) -> None:
    real = _bank(tmp_path)
    link = real.parent / "link.yaml"
    link.symlink_to(real)
    before = real.read_bytes()
    result = run(["new", str(link), *NEW])
    assert result.exit_code == 0, result.output
    assert link.is_symlink()
    assert real.read_bytes() != before


@pytest.mark.parametrize("kind", ["device", "fifo"])
def test_new_refuses_a_special_bank_file(kind: str, tmp_path: Path) -> None:
    special = SPECIALS[kind](tmp_path / "bank.yaml")
    before = os.lstat(special)
    result = run(["new", str(special), *NEW])
    assert result.exit_code != 0
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert WORDS[kind] in result.output, result.output
    after = os.lstat(special)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)

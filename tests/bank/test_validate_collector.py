"""`quiz validate`, `quiz lint`, `quiz export` and `quiz import` read what they keep (the
catalog, the imported bank) with the cycle collector held off, and the ``quiz`` process
freezes it before the collector comes back (``quiz.cli.collector.held_collector``).

Without the freeze, every object the loader made was still in the youngest generation when
the collector came back on, and the first allocations after it set off collections that walked
all of them: 0.18 s after reading 10,000 questions from 1,000 files; an export of 10,000
questions spent 57 ms in collections, most of them walking the catalog. What is checked here:
in the console script, no collection walks the catalog after the load and the catalog is
frozen once; run through CliRunner (another program's process), the collector is left as it
was and nothing is frozen.
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from quiz.cli.main import cli, main
from tests.bank.bank_cases import FIXTURES

BANK = [str(FIXTURES / "valid.yaml"), str(FIXTURES / "x.lesson.yaml"),
        str(FIXTURES / "scenarios" / "x-scenario.yaml")]
GIFT = "::q1:: Which phase serves users? {=Inference ~Training}\n"
COMMANDS: list[tuple[list[str], str]] = [
    # (arguments, with {tmp} for a private folder; what the output says when it worked)
    (["validate", *BANK], "no errors"),
    (["lint", *BANK], "0 error(s)"),
    (["export", "--to", "qti", "-o", "{tmp}/bank.zip"], "as a QTI 2.1 package"),
    (["export", "--to", "gift", "-o", "{tmp}/bank.gift"], "as GIFT"),
    (["import", "{tmp}/in.gift", "--from", "gift", "--phase", "training", "--objective",
      "LO1", "-o", "{tmp}/imported.yaml", "--force"], "1 question(s) from"),
]


def _args(command: list[str], tmp_path: Path) -> list[str]:
    (tmp_path / "in.gift").write_text(GIFT, encoding="utf-8")
    return [a.replace("{tmp}", str(tmp_path)) for a in command]


@pytest.fixture(autouse=True)
def private_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUIZ_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("QUIZ_DB", str(tmp_path / "p.sqlite3"))


IDS = [f"{c[0]}-{c[2]}" if c[0] == "export" else c[0] for c, _ in COMMANDS]


@pytest.mark.parametrize(("command", "done"), COMMANDS, ids=IDS)
def test_run_in_process_the_collector_is_left_as_it_was(command: list[str], done: str,
                                                         tmp_path: Path) -> None:
    args = _args(command, tmp_path)
    for enabled in (True, False):
        (gc.enable if enabled else gc.disable)()
        try:
            frozen = gc.get_freeze_count()
            result = CliRunner().invoke(cli, args)
            state = (gc.get_freeze_count(), gc.isenabled())
        finally:
            gc.enable()
        assert result.exit_code in (0, 1), result.output
        assert done in result.output
        assert state == (frozen, enabled)


def test_a_failed_load_freezes_nothing_and_gives_the_collector_back(tmp_path: Path) -> None:
    """The bank does not validate: the command fails with the collector as it was."""
    frozen, enabled = gc.get_freeze_count(), gc.isenabled()
    result = CliRunner().invoke(cli, ["export", str(FIXTURES / "valid.yaml"), "--to", "gift",
                                      "-o", str(tmp_path / "x.gift")])
    assert result.exit_code == 1
    assert "does not validate" in result.output
    assert (gc.get_freeze_count(), gc.isenabled()) == (frozen, enabled)


@pytest.mark.parametrize(("command", "done"), COMMANDS, ids=IDS)
def test_the_console_script_freezes_the_catalog_before_the_collector_returns(
        command: list[str], done: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """The freeze happens while the collector is still off (so no collection came first),
    once; after main() the caller's collector is back as it was."""
    seen: list[tuple[bool, int]] = []
    collections: list[int] = []
    real_freeze = gc.freeze

    def freeze() -> None:
        seen.append((gc.isenabled(), len(collections)))
        real_freeze()

    def watch(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            collections.append(info["generation"])

    monkeypatch.setattr(gc, "freeze", freeze)
    monkeypatch.setattr("sys.argv", ["quiz", *_args(command, tmp_path)])
    frozen = gc.get_freeze_count()
    gc.enable()
    gc.callbacks.append(watch)
    try:
        with pytest.raises(SystemExit) as ended:
            main()
        state = (gc.get_freeze_count(), gc.isenabled())
    finally:
        gc.callbacks.remove(watch)
        gc.enable()
    assert ended.value.code in (0, None, 1)
    printed = capsys.readouterr()
    assert done in printed.out + printed.err
    assert len(seen) == 1 and seen[0][0] is False  # frozen once, the collector still off
    assert state == (frozen, True)

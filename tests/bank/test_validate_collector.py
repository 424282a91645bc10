"""`quiz validate` and `quiz lint` read the catalog with the cycle collector held off, and the
``quiz`` process freezes the catalog before the collector comes back.

Without the freeze, every object the loader made was still in the youngest generation when
the collector came back on, and the first allocations after it set off collections that walked
all of them: 0.18 s after reading 10,000 questions from 1,000 files. What is checked here:
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
COMMANDS = [["validate", *BANK], ["lint", *BANK]]


@pytest.fixture(autouse=True)
def private_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUIZ_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("QUIZ_DB", str(tmp_path / "p.sqlite3"))


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0])
def test_run_in_process_the_collector_is_left_as_it_was(args: list[str]) -> None:
    for enabled in (True, False):
        (gc.enable if enabled else gc.disable)()
        try:
            frozen = gc.get_freeze_count()
            result = CliRunner().invoke(cli, args)
            state = (gc.get_freeze_count(), gc.isenabled())
        finally:
            gc.enable()
        assert result.exit_code in (0, 1), result.output
        assert "0 error(s)" in result.output or "no errors" in result.output
        assert state == (frozen, enabled)


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0])
def test_the_console_script_freezes_the_catalog_before_the_collector_returns(
        args: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
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
    monkeypatch.setattr("sys.argv", ["quiz", *args])
    frozen = gc.get_freeze_count()
    gc.enable()
    gc.callbacks.append(watch)
    try:
        with pytest.raises(SystemExit) as done:
            main()
        state = (gc.get_freeze_count(), gc.isenabled())
    finally:
        gc.callbacks.remove(watch)
        gc.enable()
    assert done.value.code in (0, None, 1)
    assert len(seen) == 1 and seen[0][0] is False  # frozen once, the collector still off
    assert state == (frozen, True)

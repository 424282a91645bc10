"""Only the console script freezes the cycle collector's view, and it hands it back.

``gc.freeze()`` moves every object alive at that moment out of the collector's sight for
good, garbage included. The ``quiz`` process does it once the catalog is loaded (a full
collection walking a 10,000-question catalog cost 15 ms); a caller that runs the commands in
its own process (a test through click's CliRunner) must find the collector as it left it.
"""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from click.testing import CliRunner

from quiz.cli.main import cli, main


@pytest.fixture(autouse=True)
def private_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUIZ_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("QUIZ_DB", str(tmp_path / "default.sqlite3"))


def test_commands_run_in_process_leave_the_collector_alone(tmp_path: Path) -> None:
    frozen, enabled = gc.get_freeze_count(), gc.isenabled()
    result = CliRunner().invoke(cli, ["review", "--counts", "--db", str(tmp_path / "p.sqlite3")])
    assert result.exit_code == 0, result.output
    assert "due now: 0" in result.output
    assert (gc.get_freeze_count(), gc.isenabled()) == (frozen, enabled)


@pytest.mark.parametrize("enabled", [True, False])
def test_the_console_script_freezes_once_the_catalog_is_loaded_and_restores(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, enabled: bool) -> None:
    seen: list[tuple[int, bool]] = []
    real_freeze = gc.freeze

    def freeze() -> None:
        real_freeze()
        seen.append((gc.get_freeze_count(), gc.isenabled()))

    monkeypatch.setattr(gc, "freeze", freeze)
    monkeypatch.setattr("sys.argv", ["quiz", "review", "--counts", "--db",
                                     str(tmp_path / "p.sqlite3")])
    frozen = gc.get_freeze_count()
    (gc.enable if enabled else gc.disable)()
    try:
        with pytest.raises(SystemExit) as done:
            main()
        assert done.value.code == 0
        state = (gc.get_freeze_count(), gc.isenabled())
    finally:
        gc.enable()
    assert len(seen) == 1 and seen[0][0] > frozen  # the catalog (and more) was frozen
    assert state == (frozen, enabled)  # and the caller's state is back


EXIT_PROBE = """
import atexit, gc, runpy, sys
# registered before quiz's main(): atexit runs it after main's own exit handler
atexit.register(lambda: print("frozen at exit:", gc.get_freeze_count(), file=sys.stderr))
sys.argv = ["quiz", "--help"]
try:
    runpy.run_module("quiz", run_name="__main__")
except SystemExit:
    pass
print("frozen after main:", gc.get_freeze_count(), file=sys.stderr)
"""


def test_the_console_script_leaves_nothing_for_the_exit_collections(tmp_path: Path) -> None:
    """Every object the command made is moved out of the collector's sight once the process
    ends (a catalog's worth of objects walked for nothing cost several ms of a cold start),
    and not before: main() itself still hands the collector back unfrozen."""
    import subprocess
    import sys

    env = {"QUIZ_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", EXIT_PROBE], capture_output=True, text=True,
                          env=env, timeout=120)
    lines = done.stderr.strip().splitlines()
    assert lines[-2] == "frozen after main: 0"
    assert lines[-1].startswith("frozen at exit: ")
    assert int(lines[-1].split(": ")[1]) > 1000

"""The console script loads the command line with the collector held, freezes what that made
(it lives as long as the process), and gives the collector back as it found it before any
command runs (issue 16)."""

from __future__ import annotations

import gc
import subprocess
import sys

import pytest

import quiz.cli.main
from quiz.cli import entry

WATCH_IMPORT = """
import gc, sys
seen = []
class Watch:
    def find_spec(self, name, path=None, target=None):
        if name == "click":
            seen.append(gc.isenabled())
        return None
sys.meta_path.insert(0, Watch())
sys.argv = ["quiz", "--version"]
from quiz.cli.entry import main
try:
    main()
except SystemExit:
    pass
print("click loaded with the collector", seen, "after:", gc.isenabled(), gc.get_freeze_count() > 0)
"""


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_back_as_it_was_when_the_command_runs(
        enabled: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    monkeypatch.setattr(quiz.cli.main, "main", lambda: seen.append(gc.isenabled()))
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        entry.main()
        assert seen == [enabled] and gc.isenabled() is enabled
        assert gc.get_freeze_count() > 0  # what loading made is out of the collector's sight
    finally:
        gc.unfreeze()  # this test's process is not the console script's
        (gc.enable if was else gc.disable)()


def test_click_is_loaded_with_the_collector_held() -> None:
    ran = subprocess.run([sys.executable, "-c", WATCH_IMPORT], capture_output=True, text=True,
                         check=True)
    assert ran.stdout.splitlines()[-1] == "click loaded with the collector [False] after: True True"

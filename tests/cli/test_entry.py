"""The console script loads the command line with the collector held and what that made frozen
(it lives as long as the process), gives the collector back on before any command runs, and
leaves nothing frozen when it returns, as main() does (issue 16)."""

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
print("click loaded with the collector", seen, "after:", gc.isenabled(), gc.get_freeze_count())
"""


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_back_as_it_was_when_the_command_runs(
        enabled: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[bool, int]] = []
    monkeypatch.setattr(quiz.cli.main, "main",
                        lambda: seen.append((gc.isenabled(), gc.get_freeze_count())))
    was, frozen = gc.isenabled(), gc.get_freeze_count()
    (gc.enable if enabled else gc.disable)()
    try:
        entry.main()
        # the command ran with the collector as it was, what loading made out of its sight
        assert len(seen) == 1 and seen[0][0] is enabled and seen[0][1] > frozen
        assert (gc.isenabled(), gc.get_freeze_count()) == (enabled, frozen)  # handed back
    finally:
        (gc.enable if was else gc.disable)()


def test_click_is_loaded_with_the_collector_held() -> None:
    ran = subprocess.run([sys.executable, "-c", WATCH_IMPORT], capture_output=True, text=True,
                         check=True)
    assert ran.stdout.splitlines()[-1] == "click loaded with the collector [False] after: True 0"

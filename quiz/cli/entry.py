"""The ``quiz`` console script: the command line, loaded with the cycle collector held.

Loading the command line imports click and quiz's command table: thousands of objects that
live as long as the process. Collections while they are made free nothing, and the first
collection after them would walk them all (about 2 ms of the first question drawn, measured,
issue 16), so they are frozen out of the collector's sight. The collector is back on (as it
was) before any command runs, the commands that draw hold it again until their first frame
(``run_app``), and nothing is left frozen when the command returns (``main()`` freezes
everything at exit). The bench's start-up floors load click the same way, so that is not
counted as quiz's gain.
"""

from __future__ import annotations

import gc


def main() -> None:
    """Load the command line with the collector held, then run it."""
    enabled, frozen = gc.isenabled(), gc.get_freeze_count()
    gc.disable()
    try:
        from quiz.cli.main import main as run
    finally:
        # what the import made lives as long as the process: out of the collector's sight,
        # or the first collection after this would walk all of it (the held ones catch up)
        gc.freeze()
        if enabled:
            gc.enable()
    try:
        run()
    finally:
        if not frozen:  # handed back as found, as main() does (it freezes again at exit)
            gc.unfreeze()

"""The cycle collector held off while a command reads what it keeps to the end (a catalog, an
imported bank), and that frozen out of its sight in the ``quiz`` process.

Shared by the commands that read a whole catalog or file in one go (validate, lint, export,
import); the study commands do the same in ``study_cmds.open_workspace``.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

import click


@contextmanager
def held_collector() -> Iterator[None]:
    """Python's cycle collector off while the catalog is read and, in the ``quiz`` process
    itself, the catalog frozen out of its sight before it comes back on.

    The loader holds the collector off while it reads, but every object it made is still in
    the youngest generation when the collector comes back, and the first allocations after
    it set off collections that walked all of them (0.18 s after reading 10,000 questions
    from 1,000 files, a sixth of the run). The catalog lives as long as the process, so the
    console script freezes it (``ConsoleScript.catalog_loaded``, as the study commands do);
    a caller running the command in its own process (CliRunner) gets the collector back as
    it had it, and nothing frozen. Imports made under it (YAML and the loader, about 12 ms
    of a cold start) set off no collection either. When the block raises, nothing is
    frozen and the collector is handed back as it was.
    """
    from quiz.cli.main import ConsoleScript

    context = click.get_current_context(silent=True)
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
        if context is not None and isinstance(context.obj, ConsoleScript):
            context.obj.catalog_loaded()
    finally:
        if enabled:
            gc.enable()

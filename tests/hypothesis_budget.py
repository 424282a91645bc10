"""How hard hypothesis tries: a thorough profile for CI and a lighter one while developing.

``HYPOTHESIS_PROFILE`` picks the profile: ``ci`` or ``dev``. Unset, it is ``ci`` when the
``CI`` variable is set (as CI services do) and ``dev`` otherwise. tests/conftest.py loads it.

- ``ci``: every property gets the examples its test asks for, derandomized (the same examples
  on every run, so a red build is reproducible), no example database, and the failing
  example printed as a blob to replay with ``@reproduce_failure``.
- ``dev``: a fifth of the examples (at least 10), random, with the local example database,
  so a failure found once is tried first on the next run.

A test that sets ``max_examples`` itself overrides the profile, so such tests ask for
``examples(n)`` instead of ``n``: n under ``ci``, a fifth of it under ``dev``. No profile sets
a deadline: a deadline is a wall-clock ceiling, which a loaded machine breaks.
"""

from __future__ import annotations

import os

from hypothesis import settings

CI, DEV = "ci", "dev"
DEFAULT_EXAMPLES = 100  # hypothesis's own default, the ci figure for tests that ask nothing


def profile_name() -> str:
    """The profile this run uses (see the module's docstring)."""
    chosen = os.environ.get("HYPOTHESIS_PROFILE")
    if chosen:
        return chosen
    return CI if os.environ.get("CI") else DEV


def examples(n: int) -> int:
    """``max_examples`` for a test whose thorough figure is ``n``."""
    return n if profile_name() == CI else min(n, max(10, n // 5))  # dev never runs more


def load() -> str:
    """Register both profiles and load the chosen one; returns its name."""
    settings.register_profile(CI, max_examples=DEFAULT_EXAMPLES, derandomize=True,
                              database=None, print_blob=True, deadline=None)
    settings.register_profile(DEV, max_examples=examples(DEFAULT_EXAMPLES), deadline=None)
    name = profile_name()
    settings.load_profile(name)  # an unknown name fails here, with hypothesis's message
    return name

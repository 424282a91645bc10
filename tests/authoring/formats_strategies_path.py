"""The valid-question strategy of tests/formats, reused here (one definition of "valid")."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "formats"))

from formats_strategies import questions

__all__ = ["questions"]

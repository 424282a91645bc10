"""Measuring an HTML page in headless Chromium (Debian's ``chromium`` package).

Headless Chromium will not make a window narrower than 500 px, so the page is measured in an
``<iframe>`` of the wanted width inside a wrapper page: ``srcdoc`` gives the frame the
wrapper's origin, so the wrapper's script may read the frame's ``scrollWidth`` once it has
loaded, and write it into the wrapper's DOM, which ``--dump-dom`` prints. The page's own
media queries see the frame's width, as on a phone of that width. Nothing is installed here:
CI installs ``chromium`` (.ci/run).
"""

from __future__ import annotations

import html
import re
import subprocess
import tempfile
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync")
HANG_GUARD_SECONDS = 120
"""Not a performance bound: what turns a hung browser into a failure."""


def framed(page: str, width: int, height: int = 3000) -> str:
    """A wrapper page showing ``page`` in a frame ``width`` px wide, which records the frame's
    scroll width in ``data-scroll-width`` once the frame has loaded."""
    script = ("var d=this.contentDocument.documentElement;"
              "document.body.setAttribute('data-scroll-width',String(d.scrollWidth));"
              "document.body.setAttribute('data-client-width',String(d.clientWidth))")
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"/></head>'
            f'<body style="margin:0"><iframe style="border:0;display:block" width="{width}" '
            f'height="{height}" onload="{html.escape(script)}" '
            f'srcdoc="{html.escape(page, quote=True)}"></iframe></body></html>')


def _run(wrapper: str, *args: str, window: str = "1300,3000") -> str:
    with tempfile.TemporaryDirectory(prefix="quiz-chromium-") as folder:
        path = Path(folder) / "page.html"
        path.write_text(wrapper, encoding="utf-8")
        done = subprocess.run(
            [str(CHROMIUM), *FLAGS, f"--user-data-dir={folder}/profile",
             f"--window-size={window}", *args, path.as_uri()],
            capture_output=True, text=True, timeout=HANG_GUARD_SECONDS, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def scroll_width(page: str, width: int) -> tuple[int, int]:
    """(the page's scroll width, its client width) in a frame ``width`` px wide."""
    dom = _run(framed(page, width), "--dump-dom")
    found = re.search(r'data-scroll-width="(\d+)" data-client-width="(\d+)"', dom)
    assert found, f"no width recorded: {dom[:500]}"
    return int(found.group(1)), int(found.group(2))


def screenshot(page: str, width: int, target: Path, height: int = 3000) -> Path:
    """A PNG of ``page`` in a frame ``width`` px wide (the rest of the window is blank)."""
    _run(framed(page, width, height), f"--screenshot={target}",
         window=f"{max(500, width)},{height}")
    return target

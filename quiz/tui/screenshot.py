"""Where the palette's Screenshot goes: a folder that exists, named in a notification.

Textual saves into ``~/Downloads`` and fails without a word when that folder does not exist
(a fresh account, a server, a container). Here the first existing folder of: the user's
pictures folder, the downloads folder (platformdirs), the current folder.
"""

from __future__ import annotations

import time
from pathlib import Path


def screenshot_folder() -> Path:
    """The first of pictures, downloads and the current folder that exists."""
    from platformdirs import user_downloads_path, user_pictures_path

    for folder in (user_pictures_path(), user_downloads_path()):
        if folder.is_dir():
            return folder
    return Path.cwd()


def screenshot_name(title: str, now: float | None = None) -> str:
    """``quiz-2025-01-31T10-15-02.svg``: sortable, no characters file systems refuse."""
    stamp = time.strftime("%Y-%m-%dT%H-%M-%S", time.localtime(now))
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in title) or "quiz"
    return f"{safe}-{stamp}.svg"

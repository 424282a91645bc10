"""When the app ends, every answer is in the store file itself (not left in its ``-wal``)."""

from __future__ import annotations

import shutil
from pathlib import Path

from quiz.store.readonly import open_readonly
from quiz.tui.app import make_app
from tests.tui.exam_keys import right_keys
from tests.tui.tui_helpers import WorkspaceFactory


async def test_quitting_the_app_leaves_every_answer_in_the_file(
    open_workspace: WorkspaceFactory, db: Path, tmp_path: Path,
) -> None:
    workspace = open_workspace()
    app = make_app(workspace, start="practice", seed=1)
    async with app.run_test() as pilot:
        session = app.screen.session  # type: ignore[attr-defined]
        for _ in range(2):  # answer (right, whatever the item's type), then go on
            await pilot.press(*right_keys(session.item), "enter", "enter")
        await pilot.press("q")
        await pilot.pause()
    assert not app.is_running
    answered = len(session.answers)
    assert answered == 2
    assert workspace.conn is None  # the app's shutdown closed the store
    assert not Path(f"{db}-wal").exists()
    (tmp_path / "copy").mkdir()
    copy = tmp_path / "copy" / db.name
    shutil.copyfile(db, copy)
    conn = open_readonly(copy)
    try:
        assert conn.execute("SELECT count(*) FROM responses").fetchone()[0] == answered
        assert conn.execute("SELECT status FROM sessions").fetchall() == [("finished",)]
    finally:
        conn.close()

"""The base of the app's dialogs: a screen over the current one, with a footer of its own."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, TypeVar, cast

from textual.app import ComposeResult
from textual.events import Resize
from textual.screen import ModalScreen
from textual.widgets import Footer

from quiz.tui.screens.base import (
    PaletteEntry,
    mount_notice_if_too_small,
    notice_if_too_small,
    presize,
)

if TYPE_CHECKING:
    from quiz.tui.app import QuizApp

ResultT = TypeVar("ResultT")


class QuizModal(ModalScreen[ResultT]):
    """A dialog over the current screen, with a footer of its own.

    The screen below keeps its footer; a modal that had none let it show through, listing
    keys (``n Next``) that do nothing while the dialog is open. The dialog's footer covers
    it and lists the dialog's keys only: Textual's binding chain stops at a modal screen, so
    neither the screen's nor the app's bindings reach it.
    """

    CSS_PATH = "dialogs.tcss"
    PALETTE: ClassVar[tuple[PaletteEntry, ...]] = ()

    def __init__(self) -> None:
        super().__init__()
        presize(self)

    @property
    def quiz(self) -> QuizApp:
        return cast("QuizApp", self.app)

    def on_resize(self, event: Resize) -> None:
        mount_notice_if_too_small(self, event.size)

    def compose(self) -> ComposeResult:
        yield from notice_if_too_small(self, self.app.size)
        yield from self.compose_body()
        yield Footer(compact=True, show_command_palette=False)

    def compose_body(self) -> ComposeResult:
        yield from ()

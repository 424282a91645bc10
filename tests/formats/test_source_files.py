"""Import sources are read as regular files only, and the read itself is capped (issue 11 #6).

``stat`` says 0 bytes for ``/dev/zero`` and a FIFO, so neither the kind of file nor its size
can be trusted from it: the reader must refuse what is not a regular file and stop reading at
the cap, with a located error naming the file.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from quiz.errors import BankError
from quiz.formats import common
from quiz.formats.common import read_source


def message(path: Path) -> str:
    with pytest.raises(BankError) as caught:
        read_source(path, str(path))
    (first,) = caught.value.diagnostics
    assert first.path == str(path)
    return first.message


def test_a_symlink_to_a_device_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "old.gift"
    link.symlink_to("/dev/null")  # /dev/zero would be endless; the kind is what is refused
    assert "not a regular file" in message(link)


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "old.gift"
    os.mkfifo(fifo)
    assert "not a regular file" in message(fifo)


def test_a_folder_and_a_missing_file_are_named(tmp_path: Path) -> None:
    assert "not a regular file" in message(tmp_path)
    assert "no such file" in message(tmp_path / "missing.gift")


def test_the_read_is_capped_even_when_stat_understates(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common, "MAX_SOURCE_BYTES", 10)
    big = tmp_path / "big.gift"
    big.write_text("x" * 11)
    assert "larger than" in message(big)
    small = tmp_path / "small.gift"
    small.write_text("x" * 10)
    assert read_source(small, "small.gift") == "x" * 10


def test_a_symlink_to_a_regular_file_is_followed(tmp_path: Path) -> None:
    target = tmp_path / "real.gift"
    target.write_text("Q {=a ~b}")
    link = tmp_path / "link.gift"
    link.symlink_to(target)
    assert read_source(link, "link.gift") == "Q {=a ~b}"

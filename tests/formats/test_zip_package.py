"""The QTI package's zip writer lays an archive out byte for byte as zipfile's writestr did
(the clock held still, since both stamp members with the time), and leaves archives that need
ZIP64 records to zipfile."""

from __future__ import annotations

import io
import time
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.formats import zip_package
from quiz.formats.zip_package import deflated_zip
from tests.hypothesis_budget import examples

NOW = 1_764_536_461.0  # any instant; both writers are given the same one


def _as_zipfile_wrote_it(members: list[tuple[str, bytes]]) -> bytes:
    """How write_qti made its package before: writestr with each name, level 6."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as package:
        for name, data in members:
            package.writestr(name, data)
    return buffer.getvalue()


names = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00/\\"),
                min_size=1, max_size=20).map(lambda n: f"items/{n}.xml")
members = st.lists(st.tuples(names, st.binary(max_size=3000)), max_size=8,
                   unique_by=lambda m: m[0])


@settings(max_examples=examples(200), deadline=None)
@given(members)
def test_the_archive_is_the_one_zipfile_wrote(drawn: list[tuple[str, bytes]]) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(time, "time", lambda: NOW)
        ours = deflated_zip(drawn)
        theirs = _as_zipfile_wrote_it(drawn)
    assert ours == theirs
    package = zipfile.ZipFile(io.BytesIO(ours))
    assert package.testzip() is None
    assert [(i.filename, package.read(i)) for i in package.infolist()] == drawn


def test_xml_text_and_a_non_ascii_name_as_zipfile_wrote_them(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(time, "time", lambda: NOW)
    drawn = [("items/q1.xml", ("<p>" + "Training & inference " * 500 + "</p>").encode()),
             ("items/é-漢.xml", "<p>Ünïcödé ✓</p>".encode()), ("empty.xml", b"")]
    assert deflated_zip(drawn) == _as_zipfile_wrote_it(drawn)


def test_archives_that_need_zip64_are_left_to_zipfile(monkeypatch: pytest.MonkeyPatch) -> None:
    """With the limits lowered, the same members go through zipfile: the same archive."""
    monkeypatch.setattr(time, "time", lambda: NOW)
    drawn = [(f"items/q{n}.xml", f"<p>question {n}</p>".encode()) for n in range(5)]
    direct = deflated_zip(drawn)
    for limits in ((5, zipfile.ZIP64_LIMIT), (1 << 16, 100)):
        monkeypatch.setattr(zip_package, "ZIP64_FROM", limits)
        assert deflated_zip(drawn) == direct == _as_zipfile_wrote_it(drawn)


def test_the_limits_and_method_are_zipfiles() -> None:
    assert zip_package.ZIP64_FROM == (zipfile.ZIP_FILECOUNT_LIMIT, zipfile.ZIP64_LIMIT)
    assert zip_package._DEFLATED == zipfile.ZIP_DEFLATED

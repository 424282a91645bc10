"""click's own messages are taken as written, in English like quiz's, not looked up through
gettext's global ``messages`` domain: another program's catalog of that name cannot put a
second language on quiz's screens, and no command's start imports ``locale`` (issue 16)."""

from __future__ import annotations

import gettext
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

import quiz.cli.main
from quiz.cli.english import english, english_plural, use_english_messages

HELP_LINE = "Show this message and exit."


def write_mo(path: Path, catalog: dict[str, str]) -> None:
    """A GNU message catalog (.mo) of ASCII messages, as msgfmt writes one."""
    keys = sorted(catalog)
    originals = [k.encode("ascii") for k in keys]
    translations = [catalog[k].encode("ascii") for k in keys]
    count = len(keys)
    tables = 28  # seven 4-byte header fields
    data = tables + 16 * count
    entries: list[tuple[int, int]] = []
    blob = b""
    for text in originals + translations:
        entries.append((len(text), data + len(blob)))
        blob += text + b"\0"
    header = struct.pack("<7I", 0x950412DE, 0, count, tables, tables + 8 * count, 0, 0)
    table = b"".join(struct.pack("<2I", length, offset) for length, offset in entries)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(header + table + blob)


def test_no_loaded_click_module_looks_its_messages_up() -> None:
    # quiz.cli.main, imported above, has loaded the command line
    click_modules = [m for n, m in sys.modules.items() if n == "click" or n.startswith("click.")]
    with_messages = [m for m in click_modules if hasattr(m, "_")]
    assert with_messages, "click's modules name their message function '_'"
    for module in with_messages:
        assert module._ is not gettext.gettext, module.__name__
        assert getattr(module, "ngettext", None) is not gettext.ngettext, module.__name__


def test_another_programs_catalog_does_not_translate_quiz(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a library in the same process (or a system-wide catalog) binds the generic domain
    write_mo(tmp_path / "xx" / "LC_MESSAGES" / "messages.mo", {HELP_LINE: "XX-HILFE"})
    monkeypatch.setenv("LANGUAGE", "xx")
    monkeypatch.setitem(gettext._localedirs, "messages", str(tmp_path))  # type: ignore[attr-defined]
    monkeypatch.setattr(gettext, "_translations", {})
    assert gettext.gettext(HELP_LINE) == "XX-HILFE"  # the catalog is found when looked up
    result = CliRunner().invoke(quiz.cli.main.cli, ["validate", "--help"])
    assert result.exit_code == 0, result.output
    assert HELP_LINE in result.output
    assert "XX-HILFE" not in result.output


def test_use_english_messages_leaves_a_modules_own_function_alone(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import types

    def own(message: str) -> str:
        return message.upper()

    fake = types.ModuleType("click.someday")
    vars(fake).update(_=own, ngettext=gettext.ngettext)
    monkeypatch.setitem(sys.modules, "click.someday", fake)
    use_english_messages()
    assert vars(fake)["_"] is own
    assert vars(fake)["ngettext"] is english_plural


def test_a_command_start_does_not_import_locale(tmp_path: Path) -> None:
    bank = Path(quiz.__file__).parent.parent / "question_banks"
    script = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('locale loaded:', 'locale' in sys.modules))\n"
        f"sys.argv = ['quiz', 'validate', {str(bank)!r}]\n"
        "from quiz.cli.entry import main\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=tmp_path, check=False)
    assert done.returncode == 0, done.stderr
    assert "no errors" in done.stdout
    assert "locale loaded: False" in done.stdout


@given(st.text())
def test_english_is_the_message_as_written(message: str) -> None:
    assert english(message) == message


@given(st.text(), st.text(), st.integers(min_value=0, max_value=10**6))
def test_english_plural_picks_the_singular_only_for_one(
        singular: str, plural: str, count: int) -> None:
    assert english_plural(singular, plural, count) == (singular if count == 1 else plural)

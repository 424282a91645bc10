"""Configuration: file and environment with origins, loopback-only HTTP, masked secrets,
located TOML errors, the world-readable warning, and ``quiz config``."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from quiz.config import ConfigError, Secret, describe, load

GOOD = """
learner = "ana"
bank_folders = ["~/banks"]
theme = "nord"

[lrs]
endpoint = "https://lrs.school.example/xAPI"
username = "quiz"
password = "hunter2-secret"
course = "https://school.example/courses/ai-101"

[lrs.actor]
home_page = "https://school.example"
name = "{learner}"
"""


def _write(tmp_path: Path, text: str, mode: int = 0o600) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)
    return path


def test_the_file_is_read_with_origins_and_the_environment_wins(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(tmp_path, GOOD)
    monkeypatch.setenv("QUIZ_LRS_USERNAME", "from-env")
    loaded = load()
    assert loaded.exists and loaded.learner.value == "ana" and loaded.learner.origin == "file"
    assert loaded.lrs.endpoint.value == "https://lrs.school.example/xAPI/"
    assert loaded.lrs.statements_url() == "https://lrs.school.example/xAPI/statements"
    assert (loaded.lrs.username.value, loaded.lrs.username.origin) == ("from-env", "env")
    assert loaded.lrs.password.value == Secret("hunter2-secret")
    assert loaded.theme.value == "nord" and loaded.store.origin == "default"
    assert loaded.warnings == ()
    rows = {key: (value, origin) for key, value, origin in describe(loaded)}
    assert rows["lrs.password"] == ("****", "file")
    assert rows["lrs.username"] == ("from-env", "env")
    assert "hunter2" not in repr(loaded) and "hunter2" not in str(rows)


def test_no_file_means_defaults_and_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUIZ_LRS_ENDPOINT", "http://127.0.0.1:8100/xAPI/")
    monkeypatch.setenv("QUIZ_LRS_PASSWORD", "pw-from-env")
    loaded = load()
    assert not loaded.exists and loaded.lrs.configured
    assert loaded.lrs.password.origin == "env" and str(loaded.lrs.password.value) == "****"


@pytest.mark.parametrize("endpoint", ["http://127.0.0.1:8100/xAPI/", "http://127.8.9.10/x/",
                                      "http://localhost:8100/", "http://[::1]:8100/xAPI/"])
def test_plain_http_is_allowed_on_loopback(monkeypatch: pytest.MonkeyPatch,
                                           endpoint: str) -> None:
    monkeypatch.setenv("QUIZ_LRS_ENDPOINT", endpoint)
    assert load().lrs.endpoint.value == endpoint


@pytest.mark.parametrize("endpoint", ["http://lrs.school.example/xAPI/", "http://10.0.0.5/",
                                      "ftp://lrs.example/", "lrs.example"])
def test_plain_http_elsewhere_is_a_clear_error(monkeypatch: pytest.MonkeyPatch,
                                               endpoint: str) -> None:
    monkeypatch.setenv("QUIZ_LRS_ENDPOINT", endpoint)
    with pytest.raises(ConfigError, match=r"QUIZ_LRS_ENDPOINT: .*https://"):
        load()


def test_credentials_in_the_url_are_refused(tmp_path: Path) -> None:
    _write(tmp_path, '[lrs]\nendpoint = "https://u:pw@lrs.example/"\n')
    with pytest.raises(ConfigError, match="own keys") as caught:
        load()
    assert "pw@" not in str(caught.value)


def test_bad_toml_is_reported_at_its_line_and_column(tmp_path: Path) -> None:
    path = _write(tmp_path, 'learner = "ana"\n[lrs]\nendpoint = https://x\n')
    with pytest.raises(ConfigError) as caught:
        load()
    assert str(caught.value).startswith(f"{path}:3:12: error: ")


def test_wrong_types_are_named(tmp_path: Path) -> None:
    _write(tmp_path, "[lrs]\nusername = 3\n")
    with pytest.raises(ConfigError, match=r"'lrs\.username' must be a string"):
        load()


def test_a_world_readable_file_with_a_secret_gets_a_warning(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD, 0o644)
    warnings = load().warnings
    assert len(warnings) == 1 and "chmod 600" in warnings[0] and str(path) in warnings[0]
    _write(tmp_path, GOOD.replace('password = "hunter2-secret"\n', ""), 0o644)
    assert load().warnings == ()


def test_quiz_config_prints_path_values_and_origins_never_the_password(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from quiz.cli.main import cli

    path = _write(tmp_path, GOOD, 0o644)
    monkeypatch.setenv("QUIZ_LRS_PASSWORD", "env-pw-123")
    # through quiz, as a user runs it: invoking the command alone would leave click's cached
    # help option on it without -h, and a later `quiz config -h` would fail
    result = CliRunner().invoke(cli, ["config"])
    assert result.exit_code == 0, result.output
    assert f"file: {path}" in result.output
    assert "lrs.endpoint" in result.output and "[file]" in result.output
    assert "lrs.password" in result.output and "****  [env]" in result.output
    assert "env-pw-123" not in result.output and "hunter2" not in result.output
    assert "chmod 600" in result.output  # the warning (standard error is mixed in here)


def test_the_config_folder_comes_from_platformdirs(monkeypatch: pytest.MonkeyPatch) -> None:
    from quiz.config import config_path

    monkeypatch.delenv("QUIZ_CONFIG")
    monkeypatch.setenv("XDG_CONFIG_HOME", "/nonexistent-xdg")
    assert config_path() == Path("/nonexistent-xdg/quiz/config.toml")

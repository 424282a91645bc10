"""The user's configuration: a TOML file in the user config folder, and the environment.

``config.toml`` sits in platformdirs' user config folder (``$QUIZ_CONFIG`` names another
file). Every value knows where it came from (``file``, ``env`` or ``default``), so ``quiz
config`` can say what is in force and why. Keys::

    learner = "ana"                    # default learner
    store = "~/quiz/progress.sqlite3"  # progress store
    bank_folders = ["~/banks"]         # extra bank folders
    theme = "textual-dark"

    [lrs]                              # xAPI Learning Record Store (docs/classroom.md)
    endpoint = "https://lrs.example.org/xAPI/"
    username = "quiz"
    password = "…"                     # or: token = "…" (sent as a Bearer token)
    course = "https://example.org/courses/ai-101"
    [lrs.actor]
    home_page = "https://example.org"  # account: home page + name ("{learner}" is replaced)
    name = "{learner}"
    # mbox = "{learner}@example.org"   # or an email address

The environment wins over the file: ``QUIZ_LEARNER``, ``QUIZ_DB``, ``QUIZ_LRS_ENDPOINT``,
``QUIZ_LRS_USERNAME``, ``QUIZ_LRS_PASSWORD``, ``QUIZ_LRS_TOKEN``, ``QUIZ_LRS_COURSE``.

Secrets are ``Secret`` values, whose ``str`` and ``repr`` are masked: only ``reveal()`` gives
the text, and only the HTTP client calls it. A file readable by every user that holds a
secret gets a warning. HTTPS endpoints are verified; plain HTTP is accepted only for a
loopback host (127.0.0.0/8, ::1, localhost).

Only commands that need it read the configuration (cold start): nothing here runs at import.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Any, Generic, TypeVar

from quiz.errors import QuizError
from quiz.fields import Fields
from quiz.record import Value

APP_NAME = "quiz"
CONFIG_LIMIT = 1 << 20
"""The largest config file read (1 MiB)."""

T = TypeVar("T")

FILE, ENV, DEFAULT = "file", "env", "default"


class ConfigError(QuizError):
    """The configuration file or an environment value is wrong."""


class Secret:
    """A credential: masked in ``str`` and ``repr``; ``reveal()`` gives the text."""

    __slots__ = ("_text",)

    def __init__(self, text: str) -> None:
        self._text = text

    def reveal(self) -> str:
        return self._text

    def __str__(self) -> str:
        return "****" if self._text else ""

    def __repr__(self) -> str:
        return "Secret('****')"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._text == self._text

    def __hash__(self) -> int:
        return hash(self._text)

    def __bool__(self) -> bool:
        return bool(self._text)


# Setting, LrsConfig and Config are values (quiz.record.Value named tuples), not frozen
# dataclasses: every start of the app reads the config, and the dataclasses compiled their
# methods with exec at import (1.3 ms CPU of the first question; the named tuples ~0.3 ms).


class _SettingFields(Fields, Generic[T]):
    value: T
    origin: str = DEFAULT


class Setting(Value, _SettingFields[T]):
    """A value and where it came from."""

    __slots__ = ()


class _LrsFields(Fields):
    endpoint: Setting[str | None] = Setting(None)
    username: Setting[str | None] = Setting(None)
    password: Setting[Secret | None] = Setting(None)
    token: Setting[Secret | None] = Setting(None)
    course: Setting[str | None] = Setting(None)
    actor_home_page: Setting[str | None] = Setting(None)
    actor_name: Setting[str] = Setting("{learner}")
    actor_mbox: Setting[str | None] = Setting(None)


class LrsConfig(Value, _LrsFields):
    """The ``[lrs]`` section as in force."""

    __slots__ = ()

    @property
    def configured(self) -> bool:
        """True when there is somewhere to send to."""
        return bool(self.endpoint.value)

    def statements_url(self) -> str:
        """The statements resource: the endpoint + ``statements``."""
        endpoint = self.endpoint.value or ""
        return endpoint.rstrip("/") + "/statements"

    def require(self, *, sending: bool = True) -> None:
        """Raise ``ConfigError`` unless the LRS is configured for sending (the default) or,
        with ``sending=False``, for reading a course's statements: a reader (an instructor's
        class report) names no learner of its own, so it needs no actor."""
        missing = [name for name, setting in (("endpoint", self.endpoint),
                                              ("course", self.course))
                   if not setting.value]
        if sending and not self.actor_home_page.value and not self.actor_mbox.value:
            missing.append("actor.home_page or actor.mbox")
        if missing:
            raise ConfigError(f"the [lrs] section lacks {', '.join(missing)}; set them in "
                              f"{config_path()} (see `quiz config` and docs/classroom.md)")


class _ConfigFields(Fields):
    path: Path
    exists: bool
    learner: Setting[str | None] = Setting(None)
    store: Setting[Path | None] = Setting(None)
    bank_folders: Setting[tuple[Path, ...]] = Setting(())
    theme: Setting[str | None] = Setting(None)
    lrs: LrsConfig = LrsConfig()
    warnings: tuple[str, ...] = ()


class Config(Value, _ConfigFields):
    """Everything in force, with origins, and warnings to show."""

    __slots__ = ()


def config_path() -> Path:
    """``$QUIZ_CONFIG``, or config.toml in the user config folder."""
    env = os.environ.get("QUIZ_CONFIG")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False) / "config.toml"


_POSITION = r"\(at line (\d+), column (\d+)\)"
"""Where tomllib's message says the mistake is; compiled only for a file with a mistake
(0.13 ms of every start otherwise)."""


def _parse(path: Path) -> dict[str, Any]:
    import tomllib

    from quiz.fileio import read_regular

    data = read_regular(path, CONFIG_LIMIT)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}:1:1: error: not UTF-8 text ({exc.reason})") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        position = re.compile(_POSITION)
        found = position.search(message)
        line, col = (found.group(1), found.group(2)) if found else ("1", "1")
        reason = position.sub("", message).replace("(at end of document)", "").strip()
        if not found:
            line = str(text.count("\n") + 1)
        raise ConfigError(f"{path}:{line}:{col}: error: {reason}; fix the TOML "
                          "(https://toml.io)") from None


def _check_http(url: str, where: str) -> str:
    """The endpoint, normalised with a trailing slash; plain HTTP only on loopback."""
    import ipaddress
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("https", "http") or not host:
        raise ConfigError(f"{where}: the LRS endpoint must be an https:// URL, not {url!r:.80}")
    if parts.username or parts.password:
        raise ConfigError(f"{where}: put the LRS user name and password in their own keys, "
                          "not in the endpoint URL")
    if parts.scheme == "http":
        loopback = host == "localhost"
        if not loopback:
            try:
                loopback = ipaddress.ip_address(host).is_loopback
            except ValueError:
                loopback = False
        if not loopback:
            raise ConfigError(f"{where}: plain http:// sends answers and credentials "
                              f"unencrypted; use https:// for {host} (http:// is allowed "
                              "only for 127.0.0.1, ::1 or localhost)")
    return url if url.endswith("/") else url + "/"


class _Reader:
    """Takes typed values from the parsed file, then from the environment."""

    def __init__(self, path: Path, data: dict[str, Any]) -> None:
        self.path = path
        self.data = data

    def _table(self, *names: str) -> dict[str, Any]:
        table: Any = self.data
        for name in names:
            table = table.get(name, {}) if isinstance(table, dict) else {}
        if not isinstance(table, dict):
            raise ConfigError(f"{self.path}: [{'.'.join(names)}] must be a table")
        return table

    def text(self, key: str, env: str | None, *table: str) -> Setting[str | None]:
        if env and os.environ.get(env):
            return Setting(os.environ[env], ENV)
        value = self._table(*table).get(key)
        if value is None:
            return Setting(None)
        if not isinstance(value, str):
            name = ".".join((*table, key))
            raise ConfigError(f"{self.path}: '{name}' must be a string, not "
                              f"{type(value).__name__}")
        return Setting(value, FILE)

    def secret(self, key: str, env: str, *table: str) -> Setting[Secret | None]:
        found = self.text(key, env, *table)
        return Setting(Secret(found.value) if found.value else None, found.origin)


def _lrs(reader: _Reader) -> LrsConfig:
    endpoint = reader.text("endpoint", "QUIZ_LRS_ENDPOINT", "lrs")
    if endpoint.value:
        where = "QUIZ_LRS_ENDPOINT" if endpoint.origin == ENV else f"{reader.path}: lrs.endpoint"
        endpoint = Setting(_check_http(endpoint.value, where), endpoint.origin)
    name = reader.text("name", None, "lrs", "actor")
    lrs = LrsConfig(
        endpoint=endpoint,
        username=reader.text("username", "QUIZ_LRS_USERNAME", "lrs"),
        password=reader.secret("password", "QUIZ_LRS_PASSWORD", "lrs"),
        token=reader.secret("token", "QUIZ_LRS_TOKEN", "lrs"),
        course=reader.text("course", "QUIZ_LRS_COURSE", "lrs"),
        actor_home_page=reader.text("home_page", None, "lrs", "actor"),
        actor_name=Setting(name.value, name.origin) if name.value else Setting("{learner}"),
        actor_mbox=reader.text("mbox", None, "lrs", "actor"),
    )
    for template in (lrs.actor_name.value, lrs.actor_mbox.value):
        if template is not None and "{learner}" not in template:
            raise ConfigError(f"{reader.path}: lrs.actor name and mbox must contain "
                              "'{learner}', which is replaced by the learner's name")
    return lrs


def load(path: Path | None = None) -> Config:
    """The configuration in force (the file, if any, under the environment)."""
    path = path or config_path()
    exists = path.exists()
    data = _parse(path) if exists else {}
    reader = _Reader(path, data)
    warnings: list[str] = []
    known = {"learner", "store", "bank_folders", "theme", "lrs"}
    for key in sorted(set(data) - known):
        warnings.append(f"{path}: unknown key '{key}' (ignored)")
    learner = reader.text("learner", "QUIZ_LEARNER")
    store_text = reader.text("store", "QUIZ_DB")
    store: Setting[Path | None] = Setting(
        Path(store_text.value).expanduser() if store_text.value else None, store_text.origin)
    folders = data.get("bank_folders", [])
    if not isinstance(folders, list) or not all(isinstance(f, str) for f in folders):
        raise ConfigError(f"{path}: 'bank_folders' must be a list of folder paths")
    lrs = _lrs(reader)
    if exists and _secret_in_file(reader) and _world_readable(path):
        warnings.append(f"{path}: holds an LRS password or token and every user of this "
                        f"machine can read it; run: chmod 600 {path}")
    return Config(path, exists, learner, store,
                  Setting(tuple(Path(f).expanduser() for f in folders),
                          FILE if folders else DEFAULT),
                  reader.text("theme", None), lrs, tuple(warnings))


def _secret_in_file(reader: _Reader) -> bool:
    """The file holds a password or token (even one the environment overrides)."""
    table = reader._table("lrs")
    return any(table.get(key) for key in ("password", "token"))


def _world_readable(path: Path) -> bool:
    try:
        return bool(path.stat().st_mode & stat.S_IROTH)
    except OSError:
        return False


def describe(config: Config) -> list[tuple[str, str, str]]:
    """(key, value, origin) rows of what is in force; secrets masked."""
    lrs = config.lrs

    def show(value: object) -> str:
        if value is None or value == ():
            return "(not set)"
        if isinstance(value, tuple):
            return ", ".join(str(v) for v in value)
        return str(value)

    rows: list[tuple[str, Setting[Any]]] = [
        ("learner", config.learner), ("store", config.store),
        ("bank_folders", config.bank_folders), ("theme", config.theme),
        ("lrs.endpoint", lrs.endpoint), ("lrs.username", lrs.username),
        ("lrs.password", lrs.password), ("lrs.token", lrs.token),
        ("lrs.course", lrs.course), ("lrs.actor.home_page", lrs.actor_home_page),
        ("lrs.actor.name", lrs.actor_name), ("lrs.actor.mbox", lrs.actor_mbox),
    ]
    return [(key, show(s.value), s.origin) for key, s in rows]


_TOP_KEYS = ("learner", "store", "theme")
"""The top-level string settings ``save_setting`` may write."""


def save_setting(key: str, value: str, path: Path | None = None) -> Path:
    """Set a top-level string ``key`` (``theme``, ``learner``, ``store``) in the config file,
    keeping every other line, comment and table as it was; returns the file written.

    The key's line is replaced where it is (above the first table), or added above the first
    table; the file is written with ``write_atomic`` (a reader never sees half a file) and
    parsed again before it replaces the old one, so a file this cannot edit safely (the key
    written as a multi-line string, say) is refused with ``ConfigError`` and left untouched.
    """
    import json
    import tomllib

    from quiz.fileio import write_atomic

    if key not in _TOP_KEYS:
        raise ConfigError(f"cannot save '{key}' in the config file (only {', '.join(_TOP_KEYS)})")
    path = path or config_path()
    lines: list[str] = []
    if path.exists():
        _parse(path)  # a file with a TOML mistake is reported, not overwritten
        from quiz.fileio import read_regular

        lines = read_regular(path, CONFIG_LIMIT).decode("utf-8").splitlines(keepends=True)
    # a JSON string is a valid TOML basic string (the same escapes, \uXXXX for controls)
    entry = f"{key} = {json.dumps(value, ensure_ascii=False)}\n"
    assignment = re.compile(rf"^\s*{re.escape(key)}\s*=")
    first_table = next((i for i, line in enumerate(lines) if line.lstrip().startswith("[")),
                       len(lines))
    found = next((i for i in range(first_table) if assignment.match(lines[i])), None)
    if found is not None:
        lines[found] = entry
    else:
        at = first_table  # after the last top-level line, so a blank line before a table stays
        while at and not lines[at - 1].strip():
            at -= 1
        if at and not lines[at - 1].endswith("\n"):
            lines[at - 1] += "\n"
        lines.insert(at, entry)
    text = "".join(lines)
    try:
        written = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        written = {}
    if written.get(key) != value:
        raise ConfigError(f"{path}: cannot set '{key}' here without changing other lines; "
                          f"edit the file and write {entry.strip()}")
    write_atomic(path, text)
    return path

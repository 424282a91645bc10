"""``quiz serve``: the page is served over HTTP, and a browser tab's websocket starts an app
of its own that draws the home screen."""

from __future__ import annotations

import asyncio
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from quiz.cli.serve_cmd import app_command, is_loopback

pytestmark = pytest.mark.slow


def _port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _start(tmp_path: Path, host: str, port: int) -> subprocess.Popen[str]:
    code = ("import sys; from quiz.cli.serve_cmd import serve; "
            "serve(sys.argv[1:], standalone_mode=True)")
    env = {**os.environ, "QUIZ_DB": str(tmp_path / "p.sqlite3"),
           "QUIZ_CACHE_DIR": str(tmp_path / "cache")}
    return subprocess.Popen([sys.executable, "-c", code, "--host", host, "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def _wait(port: int) -> httpx.Response:
    deadline = time.monotonic() + 30  # hang guard: a server that never listens fails
    while True:
        try:
            return httpx.get(f"http://127.0.0.1:{port}/", timeout=2)
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_the_page_is_served_and_a_tab_runs_its_own_app(tmp_path: Path) -> None:
    port = _port()
    server = _start(tmp_path, "127.0.0.1", port)
    try:
        page = _wait(port)
        assert page.status_code == 200
        assert f"ws://127.0.0.1:{port}/ws" in page.text
        asked, home, question = asyncio.run(_drive(port))
        assert "name" in asked.lower()  # each tab asks who is studying first
        assert "quiz · Home" in home and "1 Practice" in home
        # key 1 on the home screen starts practice: the first question is drawn
        # the draw is the learner's own (no seed): its first question may be of any type
        first = question[question.find("Question 1 of"):]
        assert "Question 1 of" in question and "Practice" in question, question[-2000:]
        assert "Enter" in first or "↑↓" in first, first[:2000]
    finally:
        server.terminate()
        _out, err = server.communicate(timeout=10)
    assert "warning" not in err


_ESCAPES = re.compile(r"\x1b(\[[0-9;?$]*[a-zA-Z]|\][^\x07\x1b]*(\x07|\x1b\\)?)")


async def _read(ws: Any) -> str:
    """What the app draws until it pauses, with the terminal escapes taken out."""
    import aiohttp

    seen = bytearray()
    deadline = time.monotonic() + 30  # hang guard, not a speed ceiling
    while time.monotonic() < deadline:
        try:
            message = await ws.receive(timeout=1.5)
        except TimeoutError:
            if seen:
                break
            continue
        if message.type == aiohttp.WSMsgType.BINARY:
            seen += message.data
        elif message.type == aiohttp.WSMsgType.TEXT:
            seen += message.data.encode()
        else:
            break
    return _ESCAPES.sub("", seen.decode("utf-8", "replace"))


async def _drive(port: int) -> tuple[str, str, str]:
    """Open the websocket as the page does: the app asks who is studying; give a name, read
    the home screen, press 1, read again."""
    import aiohttp

    async with aiohttp.ClientSession() as session, session.ws_connect(
            f"http://127.0.0.1:{port}/ws?width=100&height=30") as ws:
        asked = await _read(ws)
        await ws.send_json(["stdin", "zoe\r"])
        home = await _read(ws)
        await ws.send_json(["stdin", "1"])
        return asked, home, await _read(ws)


def test_binding_beyond_loopback_warns_that_there_is_no_login(tmp_path: Path) -> None:
    port = _port()
    server = _start(tmp_path, "0.0.0.0", port)
    try:
        _wait(port)
    finally:
        server.terminate()
        _out, err = server.communicate(timeout=10)
    assert "no login" in err and "0.0.0.0" in err


def test_loopback_names_and_the_app_command() -> None:
    assert all(map(is_loopback, ["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost"]))
    assert not any(map(is_loopback, ["0.0.0.0", "10.0.0.5", "school.example"]))
    assert app_command().endswith("-m quiz home")

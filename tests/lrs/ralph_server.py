"""A real LRS for the tests: Ralph from PyPI, in its own virtual environment.

Ralph's pins must not move the project's, so it lives in ``.ralph-venv/`` at the repository
root, built once from the exact versions in ``ralph-requirements.txt`` (rebuilt when that
file changes). Each server is Ralph's LRS app with its file backend (as ``ralph runserver -b
fs``; see ralph_app.py for the two differences) on a free loopback port, with its app folder
and statements file in a temporary folder, after ``ralph auth ... -w``. conftest.py holds
the fixtures that start and stop these servers.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
VENV = ROOT / ".ralph-venv"
REQUIREMENTS = HERE / "ralph-requirements.txt"
USER, PASSWORD = "quiz", "ralph-Pa55word"


def _bin(name: str) -> Path:
    return VENV / ("Scripts" if os.name == "nt" else "bin") / name


def ralph_python() -> Path:
    """Ralph's interpreter, building its environment first if it is missing or stale."""
    marker = VENV / "quiz-requirements.txt"
    wanted = REQUIREMENTS.read_text(encoding="utf-8")
    if marker.exists() and marker.read_text(encoding="utf-8") == wanted \
            and _bin("ralph").exists():
        return _bin("python")
    print(f"\ntests/lrs: building Ralph's environment in {VENV} (once; "
          f"{REQUIREMENTS.name})", file=sys.stderr, flush=True)
    shutil.rmtree(VENV, ignore_errors=True)
    base = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([base, "-m", "venv", str(VENV)], check=True)
    subprocess.run([str(_bin("python")), "-m", "pip", "install", "--quiet", "-r",
                    str(REQUIREMENTS)], check=True)
    marker.write_text(wanted, encoding="utf-8")
    return _bin("python")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Ralph:
    """One Ralph LRS server; ``stop`` and ``start`` keep its data and port."""

    def __init__(self, folder: Path) -> None:
        ralph_python()
        self.folder = folder
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/xAPI/"
        self.env = {**os.environ,
                    "RALPH_APP_DIR": str(folder / "app"),
                    "RALPH_RUNSERVER_BACKEND": "fs",
                    "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(folder / "fs")}
        (folder / "fs").mkdir(parents=True, exist_ok=True)
        subprocess.run([str(_bin("ralph")), "auth", "-u", USER, "-p", PASSWORD, "-s", "all",
                        "-M", f"mailto:{USER}@example.org", "-w"], env=self.env, check=True,
                       capture_output=True)
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        import httpx

        # `ralph runserver -b fs` without its reloader and with an appending file backend
        # (tests/lrs/ralph_app.py says why); the child keeps its own copy of the log file
        with (self.folder / "ralph.log").open("ab") as log:
            self.process = subprocess.Popen(
                [str(_bin("python")), "-m", "uvicorn", "ralph_app:app", "--app-dir", str(HERE),
                 "--host", "127.0.0.1", "--port", str(self.port), "--log-level", "warning"],
                env=self.env, cwd=self.folder, stdout=log, stderr=subprocess.STDOUT)
        # a hang guard, not a speed ceiling: a server that never answers fails the test
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Ralph exited: {(self.folder / 'ralph.log').read_text()}")
            try:
                if httpx.get(f"http://127.0.0.1:{self.port}/__heartbeat__",
                             timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        raise RuntimeError("Ralph did not answer within 60 s")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        self.process = None

    def statements(self) -> list[dict[str, object]]:
        """Every statement Ralph holds (following ``more``)."""
        import httpx

        found: list[dict[str, object]] = []
        url: str | None = self.url + "statements?limit=500"
        with httpx.Client(auth=(USER, PASSWORD),
                          headers={"X-Experience-API-Version": "1.0.3"}) as client:
            while url:
                body = client.get(url).raise_for_status().json()
                found += body["statements"]
                more = body.get("more")
                url = f"http://127.0.0.1:{self.port}{more}" if more and body["statements"] \
                    else None
        return found


def validate_with_ralph(statements: list[dict[str, object]]) -> list[str | None]:
    """Ralph's ``BaseXapiStatement`` verdict per statement (None: valid)."""
    import json

    done = subprocess.run([str(ralph_python()), str(HERE / "ralph_validate.py")],
                          input=json.dumps(statements), capture_output=True, text=True,
                          check=True)
    verdicts: list[str | None] = json.loads(done.stdout)
    return verdicts

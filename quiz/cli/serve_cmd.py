"""``quiz serve``: the app in a browser, for a classroom whose machines have no Python."""

from __future__ import annotations

import click

LOOPBACK = ("127.0.0.1", "::1", "localhost")


def is_loopback(host: str) -> bool:
    """True for a host name or address that only this machine can reach."""
    import ipaddress

    if host.lower() in LOOPBACK:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def app_command(bank_paths: tuple[str, ...] = ()) -> str:
    """The command each browser tab runs: this Python's ``quiz``, in a process of its own."""
    import shlex
    import sys

    return shlex.join([sys.executable, "-m", "quiz", "home", *bank_paths])


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but loopback lets other machines in, "
                   "with no login.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535),
              help="Port to listen on.")
@click.option("--public-url", metavar="URL",
              help="The address browsers use, when it differs from host:port (a proxy, or "
                   "--host 0.0.0.0).")
@click.argument("bank_paths", nargs=-1, type=click.Path(exists=True), metavar="[BANK]...")
def serve(host: str, port: int, public_url: str | None, bank_paths: tuple[str, ...]) -> None:
    """Serve the app to web browsers with textual-serve: each browser tab runs its own app,
    which asks for the learner's name first; answers go to this machine's progress store
    (and, with an [lrs] section, to the school's LRS).

    There is no login: anyone who can reach the address can study as any learner. Keep the
    default loopback address unless the network is the classroom's own.

    Example: quiz serve --host 0.0.0.0 --port 8000 --public-url http://10.0.0.5:8000
    """
    import os

    from quiz.errors import QuizError
    from quiz.text import safe_line

    try:
        from textual_serve.server import Server
    except ImportError:
        raise QuizError("quiz serve needs textual-serve: pip install 'certquiz[serve]' "
                        "(or pipx inject certquiz textual-serve)") from None

    if not is_loopback(host):
        click.echo(safe_line(f"quiz: warning: serving on {host}:{port}, reachable from other "
                             "machines, with no login: anyone who reaches it can study as "
                             "any learner"), err=True)
    # textual-serve starts one command per browser tab and passes it no page parameters,
    # so the app learns that it is served (and must ask who is studying) from here
    os.environ["QUIZ_SERVED"] = "1"
    server = Server(app_command(bank_paths), host=host, port=port, title="quiz",
                    public_url=public_url)
    server.serve()

"""Print every performance figure as a ratio to a floor measured in the same run.

Usage: python bench/run.py [--quick] [--only GROUP ...] [--write docs/benchmarks.md] [--note TEXT]

Groups: bank, startup, app, keys, memory, parser, formats, report, items.

Nothing here is a pass/fail test: figures are measured, compared with their targets and
printed. ``--quick`` uses fewer runs and smaller sizes, for a smoke check.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from timing import Absolute, Figure

Row = Figure | Absolute


def _groups(work: Path, quick: bool) -> dict[str, Callable[[], Sequence[Row]]]:
    """Each group's figures. Targets apply at the issue's sizes (10,000 questions, 1,000,000
    responses); the other sizes are points on a scale curve (target "curve")."""
    import app_figures
    import bank_figures
    import formats_figures
    import memory_figures
    import store_figures
    import xapi_figures

    runs = 5 if quick else 7
    size = 2_000 if quick else 10_000
    curve = [] if quick else [100_000]
    responses = [10_000, 100_000] if quick else [10_000, 100_000, 1_000_000]
    return {
        "bank": lambda: bank_figures.bank_figures(work, size, runs, curve),
        "startup": lambda: bank_figures.cold_start_figures(runs, work),
        "app": lambda: app_figures.first_question_figures(work, [size, *curve], runs),
        "keys": lambda: app_figures.key_to_feedback(work, size, 20 if quick else 50, runs),
        "memory": lambda: memory_figures.memory_figures(
            work, [size, size * 10] if quick else [10_000, 100_000], runs),
        "parser": lambda: bank_figures.fastpath_figures(work, size, runs),
        "formats": lambda: formats_figures.format_figures(work, size, runs),
        "report": lambda: store_figures.report_figures(work, responses, runs),
        "items": lambda: store_figures.item_figures(work, responses, runs),
        "xapi": lambda: xapi_figures.figures(work, quick),
    }


def _table(rows: Sequence[Row]) -> str:
    lines = [
        "| issue | figure | measured | floor | ratio | target | met |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for row in rows:
        if isinstance(row, Figure) and not row.floor:
            lines.append(f"| {row.issue} | {row.name} | – | {row.floor_name} | – | – | – |")
        elif isinstance(row, Figure):
            lines.append(
                f"| {row.issue} | {row.name} | {_amount(row.measured, row.unit)} | "
                f"{_amount(row.floor, row.unit)} ({row.floor_name}) | {row.ratio:.2f} | "
                + (f"≤ {row.target:g} | {'yes' if row.ok else 'NO'} |"
                   if row.target is not None else "curve | – |")
            )
        else:
            lines.append(
                f"| {row.issue} | {row.name} | {_amount(row.measured, row.unit)} | – | – | "
                + (f"≤ {row.target:g} {row.unit} | {'yes' if row.ok else 'NO'} |"
                   if row.target is not None else "for scale | – |")
            )
    return "\n".join(lines)


def _amount(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.3f} s"
    return f"{value:.1f} {unit}" if unit == "MB" else f"{value:.2f} {unit}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer runs, smaller inputs")
    parser.add_argument("--only", nargs="*", help="groups to run (default: all)")
    parser.add_argument("--write", type=Path, help="also write the table into this Markdown file")
    parser.add_argument("--note", default="",
                        help="said above the table, e.g. 'measured under load'")
    args = parser.parse_args()
    _compile_quiz()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="quiz-bench-") as temp:
        _as_a_new_user(Path(temp))
        groups = _groups(Path(temp), args.quick)
        unknown = set(args.only or ()) - set(groups)
        if unknown:
            parser.error(f"no group {', '.join(sorted(unknown))}; groups: {', '.join(groups)}")
        for name, measure in groups.items():
            if args.only and name not in args.only:
                continue
            print(f"measuring {name}...", file=sys.stderr, flush=True)
            done = measure()
            print(_table(done), file=sys.stderr, flush=True)
            rows.extend(done)
    table = _table(rows)
    print(table)
    if args.write:
        machine = f"{platform.python_implementation()} {platform.python_version()}, " \
                  f"{platform.machine()}, {platform.system()}"
        _write(args.write, table, machine, args.quick, args.note)
    return 0 if all(r.ok for r in rows) else 1


def _as_a_new_user(work: Path) -> None:
    """Measure quiz as a new user runs it: no config file (``QUIZ_CONFIG`` names one that does
    not exist). The machine's own config.toml (a theme kept from ctrl+p, extra bank folders,
    an LRS) would otherwise change what every launched command reads and draws."""
    os.environ["QUIZ_CONFIG"] = str(work / "no-config.toml")


def _compile_quiz() -> None:
    """Write quiz's bytecode first, as ``pip install`` does: with PYTHONDONTWRITEBYTECODE set
    (or a source edited since), every timed start would compile the changed modules again."""
    import compileall

    import quiz

    compileall.compile_dir(str(Path(quiz.__file__).parent), quiet=1)


def _write(path: Path, table: str, machine: str, quick: bool, note: str) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    how = "`--quick` (smaller banks and stores, fewer runs)" if quick else "the full bench"
    said = f" {note.rstrip('.')}." if note else ""
    block = f"{start}\nMeasured on {machine}, with {how}.{said}\n\n{table}\n{end}"
    if start in text and end in text:
        text = text[: text.index(start)] + block + text[text.index(end) + len(end):]
    else:
        text = text + "\n" + block + "\n"
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())

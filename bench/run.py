"""Print every performance figure as a ratio to a floor measured in the same run.

Usage: python bench/run.py [--quick] [--only GROUP ...] [--write docs/benchmarks.md]

Nothing here is a pass/fail test: figures are measured, compared with their targets and
printed. ``--quick`` uses fewer runs and smaller sizes, for a smoke check.
"""

from __future__ import annotations

import argparse
import platform
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from timing import Absolute, Figure

Row = Figure | Absolute


def _groups(work: Path, quick: bool) -> dict[str, Callable[[], list[Row]]]:
    """Each group's figures. The issue's target applies at 10,000 questions or 100,000
    responses; the other sizes are points on a scale curve (target "curve")."""
    import app_figures
    import bank_figures
    import formats_figures
    import store_figures

    runs = 3 if quick else 7
    size = 2_000 if quick else 10_000
    curve = [200] if quick else [1_000]
    big = [] if quick else [100_000]
    responses = [1_000, 10_000] if quick else [1_000, 10_000, 100_000]
    return {
        "bank": lambda: [
            *[bank_figures.validate_figure(work, n, max(3, runs // 2), None) for n in curve],
            bank_figures.validate_figure(work, size, max(3, runs // 2)),
            *[bank_figures.validate_figure(work, n, 2, None) for n in big],
            *bank_figures.cold_start_figures(work, runs * 3),
        ],
        "app": lambda: [
            *app_figures.first_question_figures(work, [*curve, size], runs),
            *app_figures.key_to_feedback(work, size, 30 if quick else 100),
        ],
        "formats": lambda: [
            *[f.as_curve_point() for f in formats_figures.format_figures(work, curve[0], 3)],
            *formats_figures.format_figures(work, size, max(3, runs // 2)),
        ],
        "report": lambda: store_figures.report_figures(work, responses, runs),
        "items": lambda: store_figures.item_figures(work, responses, runs),
    }


def _table(rows: list[Row]) -> str:
    lines = [
        "| issue | figure | measured | floor | ratio | target | met |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for row in rows:
        if isinstance(row, Figure):
            lines.append(
                f"| {row.issue} | {row.name} | {row.measured:.3f} s | {row.floor:.3f} s "
                f"({row.floor_name}) | {row.ratio:.2f} | "
                + (f"≤ {row.target} | {'yes' if row.ok else 'NO'} |" if row.target is not None
                   else "curve | – |")
            )
        else:
            lines.append(
                f"| {row.issue} | {row.name} | {row.measured:.2f} {row.unit} | – | – | "
                f"≤ {row.target} {row.unit} | {'yes' if row.ok else 'NO'} |"
            )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer runs, smaller inputs")
    parser.add_argument("--only", nargs="*", help="groups to run (default: all)")
    parser.add_argument("--write", type=Path, help="also write the table into this Markdown file")
    args = parser.parse_args()
    _compile_quiz()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="quiz-bench-") as temp:
        groups = _groups(Path(temp), args.quick)
        for name, measure in groups.items():
            if args.only and name not in args.only:
                continue
            print(f"measuring {name}...", file=sys.stderr, flush=True)
            rows.extend(measure())
    table = _table(rows)
    print(table)
    if args.write:
        machine = f"{platform.python_implementation()} {platform.python_version()}, " \
                  f"{platform.machine()}, {platform.system()}"
        _write(args.write, table, machine)
    return 0 if all(r.ok for r in rows) else 1


def _compile_quiz() -> None:
    """Write quiz's bytecode first, as ``pip install`` does: with PYTHONDONTWRITEBYTECODE set
    (or a source edited since), every timed start would compile the changed modules again."""
    import compileall

    import quiz

    compileall.compile_dir(str(Path(quiz.__file__).parent), quiet=1)


def _write(path: Path, table: str, machine: str) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    block = f"{start}\nMeasured on {machine}.\n\n{table}\n{end}"
    if start in text and end in text:
        text = text[: text.index(start)] + block + text[text.index(end) + len(end):]
    else:
        text = text + "\n" + block + "\n"
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())

"""``quiz stats``: what a bank holds, against the targets of a complete bank, gaps marked."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from quiz.bank.stats import BankStats, Check

_ASCII = str.maketrans({"✓": "+", "✗": "X", "≥": ">=", "≤": "<=", "–": "-", "×": "x",
                        "·": "."})


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
    help="text: tables and a list of targets, gaps marked ✗; json: everything, for tools.",
)
@click.option("--check", is_flag=True, help="Exit 1 when any target is missed (for CI).")
def stats(paths: tuple[Path, ...], fmt: str, check: bool) -> None:
    """Count a bank's questions and check them against the targets of a complete bank.

    Counts hand-written questions by objective × phase, type, difficulty and scenario (items
    generated from scenario statements are counted per scenario), where correct answers sit,
    the share of scenario-style stems and of questions whose correct choice is the longest.
    Targets: ≥ 90 hand-written questions, ≥ 8 per objective, each phase 40–60 %, ≥ 12 multiple,
    ≥ 12 phase, ≥ 6 ordering, ≥ 6 true_false, ≥ 60 % scenario-style, difficulties 1–3 present,
    ≥ 8 scenarios with ≥ 5 statements per phase, even correct positions. With no PATH, counts
    the bundled banks. Validation errors are printed and exit 1; banks that load are counted.

    \b
    Examples:
      quiz stats --check
      quiz stats my-banks/ --format json
    """
    from quiz.bank.load import load
    from quiz.bank.stats import compute
    from quiz.text import safe_line

    result = load(list(paths))
    for diagnostic in sorted(result.errors, key=lambda d: (d.path, d.line, d.column)):
        click.echo(safe_line(str(diagnostic)), err=True)
    numbers = compute(result.catalog)
    if fmt == "json":
        import json

        # ASCII escapes keep bank text inert even when the JSON is printed to a terminal.
        click.echo(json.dumps(numbers.as_json(), indent=2))
    else:
        text = "\n".join(_render(numbers))
        encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
        try:
            "✓✗≥≤–×·".encode(encoding)
        except (UnicodeEncodeError, LookupError):
            text = text.translate(_ASCII)
        click.echo(text)
    gaps = any(c.ok is False for c in numbers.checks)
    if result.errors or (check and gaps):
        raise SystemExit(1)


def _mark(ok: bool | None) -> str:
    symbol = {True: "✓", False: "✗", None: "·"}[ok]
    if os.environ.get("NO_COLOR") or ok is None:
        return symbol
    # click.echo drops the colour when the output is not a terminal.
    return click.style(symbol, fg="green" if ok else "red", bold=not ok)


def _table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> list[str]:
    """Plain aligned columns: the first left-aligned, numbers right-aligned."""
    from quiz.text import safe_line

    cells = [[safe_line(str(h)) for h in headers]]
    cells += [[safe_line(str(c)) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = []
    for row in cells:
        parts = [row[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(row[1:], widths[1:],
                                                                          strict=True)]
        lines.append("  " + "  ".join(parts).rstrip())
    return lines


def _check_line(check: Check) -> str:
    from quiz.text import safe_line

    return (f"  {_mark(check.ok)} {safe_line(check.name)}: {safe_line(check.value)} "
            f"(target {check.target})")


def _render(s: BankStats) -> list[str]:
    from quiz.text import safe_line

    banks = ", ".join(safe_line(b) for b in s.banks) or "(none loaded)"
    out = [f"Banks: {banks}",
           f"{s.hand_written} hand-written question(s), {s.generated} generated from scenarios",
           "", "By objective × phase (hand-written; a question may serve several objectives)"]
    single_lesson = len({o.lesson for o in s.objectives}) == 1
    out += _table(["objective", "training", "inference", "total"],
                  [[o.id if single_lesson else f"{o.lesson}/{o.id}",
                    o.training, o.inference, o.total] for o in s.objectives])
    out += ["", "By phase"]
    out += _table(["phase", "count", "share"],
                  [[p, n, f"{n / s.hand_written:.0%}" if s.hand_written else "n/a"]
                   for p, n in s.phases.items()])
    out += ["", "By type"]
    out += _table(["type", "count"], [[t, n] for t, n in s.types.items()])
    out += ["", "By difficulty"]
    out += _table(["difficulty", "count"], [[d, n] for d, n in s.difficulty.items()])
    out += ["", "By scenario (statements: training / inference)"]
    rows: list[list[object]] = [
        [x.id, x.hand_written, x.generated, f"{x.training_statements} / {x.inference_statements}"]
        for x in s.scenarios
    ]
    rows.append(["(no scenario)", s.without_scenario, "", ""])
    out += _table(["scenario", "hand-written", "generated", "statements"], rows)
    p = s.positions
    letters = "abcdefghijklmnopqrstuvwxyz"
    out += ["", f"Correct position, single choice as written ({p.questions} question(s))"]
    if p.questions:
        out += _table(["position", *letters[:len(p.counts)]],
                      [["correct", *p.counts], ["expected", *(f"{e:.1f}" for e in p.expected)]])
        if p.p_value is not None:
            out.append(f"  chi-square {p.chi_square:.2f} with {p.df} df, p = {p.p_value:.3f}")
    share = f"{s.scenario_style / s.hand_written:.0%}" if s.hand_written else "n/a"
    out += ["", f"Scenario-style stems: {share} ({s.scenario_style} of {s.hand_written})"]
    longest = f"{s.longest / s.longest_eligible:.0%}" if s.longest_eligible else "n/a"
    out.append(f"Correct choice is the longest: {longest} ({s.longest} of "
               f"{s.longest_eligible} single-choice; chance {s.longest_chance:.0%})")
    gaps = [c for c in s.checks if c.ok is False]
    out += ["", "Targets"]
    out += [_check_line(c) for c in s.checks]
    out += ["", f"{len(gaps)} gap(s)" + (": " + ", ".join(safe_line(c.name) for c in gaps)
                                        if gaps else "")]
    return out

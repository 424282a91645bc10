"""The HTML reports' one look: a style sheet, escaping, and inline SVG charts.

Both HTML reports (progress, item analysis) are single self-contained files: this sheet goes
inline in their ``<style>``, and charts are plain strings, no library: each chart is a
self-contained ``<svg>`` element (with its own ``xmlns``, so the page also parses as XML)
styled by classes that the sheet colours. Every text given to a chart is escaped by the
caller's ``esc``.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from quiz.text import safe_line

CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d232a;
max-width:980px;margin:2em auto;padding:0 1em}
h1{font-size:1.6em;margin-bottom:.2em}h2{margin-top:1.8em;border-bottom:1px solid #d5dae0}
.scope{color:#5b6570}.note{background:#fff6d6;padding:.4em .8em;border-radius:4px}
table{border-collapse:collapse;margin:.6em 0}th,td{padding:.25em .6em;text-align:left;
border-bottom:1px solid #e4e8ec;vertical-align:top}td.n,th.n{text-align:right}
code{background:#f1f3f5;padding:.1em .3em;border-radius:3px}
.weak{color:#b42318}.mastered{color:#067647}.developing{color:#9a6700}.untested{color:#5b6570}
.chart{display:block;max-width:100%;height:auto;margin:.6em 0}
.chart .grid{stroke:#e4e8ec}.chart .axis,.chart .key,.chart .value{font-size:12px;fill:#4b5560}
.chart .pass{stroke:#b42318;stroke-dasharray:4 3}.chart .line{fill:none;stroke:#2f6fb0;
stroke-width:2}.chart circle.passed{fill:#067647}.chart circle.failed{fill:#b42318}
.chart circle.unknown{fill:#5b6570}.chart .track{fill:#f1f3f5}.chart .whisker{stroke:#1d232a;
stroke-width:1.5}.chart .empty{font-size:14px;fill:#5b6570}
.chart .weak .bar{fill:#e5484d}.chart .developing .bar{fill:#f5a524}
.chart .mastered .bar{fill:#30a46c}.chart .untested .bar{fill:#c1c8cf}
td.heat,td.n{font-variant-numeric:tabular-nums}
.flag{color:#9a6700}.good{color:#067647}.bad{color:#b42318}
caption{text-align:left;font-weight:bold}
"""
"""The style sheet both HTML reports inline (status colours: weak/bad red, developing/flag
amber, mastered/good green)."""


def esc(text: str) -> str:
    """Bank or learner text, safe in HTML content and attributes."""
    return html.escape(safe_line(text), quote=True)



Escape = Callable[[str], str]


@dataclass(frozen=True)
class Point:
    """One exam on the trend line."""

    label: str
    percent: float
    passed: bool | None


@dataclass(frozen=True)
class BarRow:
    """One bar: a share with its interval, and a class naming its status."""

    key: str
    title: str
    value: float | None
    low: float
    high: float
    status: str
    note: str


def _open(width: int, height: int, label: str, esc: Escape) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
            f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
            f'aria-label="{esc(label)}"><title>{esc(label)}</title>')


def trend(points: Sequence[Point], pass_percent: float | None, label: str, esc: Escape,
          width: int = 640, height: int = 220) -> str:
    """Scores (0–100%) in order, a dashed line at the pass mark."""
    left, right, top, bottom = 44, 16, 12, 28
    plot_w, plot_h = width - left - right, height - top - bottom

    def y(percent: float) -> float:
        return top + plot_h * (1 - max(0.0, min(100.0, percent)) / 100)

    parts = [_open(width, height, label, esc)]
    for tick in (0, 25, 50, 75, 100):
        parts.append(f'<line class="grid" x1="{left}" y1="{y(tick):.1f}" x2="{width - right}" '
                     f'y2="{y(tick):.1f}" />')
        parts.append(f'<text class="axis" x="{left - 6}" y="{y(tick) + 4:.1f}" '
                     f'text-anchor="end">{tick}%</text>')
    if pass_percent is not None:
        parts.append(f'<line class="pass" x1="{left}" y1="{y(pass_percent):.1f}" '
                     f'x2="{width - right}" y2="{y(pass_percent):.1f}" />')
    if not points:
        parts.append(f'<text class="empty" x="{left + plot_w / 2:.1f}" y="{top + plot_h / 2:.1f}"'
                     f' text-anchor="middle">no exams yet</text></svg>')
        return "".join(parts)
    step = plot_w / (len(points) - 1) if len(points) > 1 else 0.0
    xs = [left + (i * step if len(points) > 1 else plot_w / 2) for i in range(len(points))]
    coords = " ".join(f"{x:.1f},{y(p.percent):.1f}" for x, p in zip(xs, points, strict=True))
    parts.append(f'<polyline class="line" points="{coords}" />')
    for x, p in zip(xs, points, strict=True):
        kind = {True: "passed", False: "failed", None: "unknown"}[p.passed]
        parts.append(f'<circle class="{kind}" cx="{x:.1f}" cy="{y(p.percent):.1f}" r="3.5">'
                     f'<title>{esc(p.label)}: {p.percent:.0f}%</title></circle>')
    parts.append(f'<text class="axis" x="{xs[0]:.1f}" y="{height - 8}" text-anchor="start">'
                 f'{esc(points[0].label)}</text>')
    if len(points) > 1:
        parts.append(f'<text class="axis" x="{xs[-1]:.1f}" y="{height - 8}" text-anchor="end">'
                     f'{esc(points[-1].label)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def bars(rows: Sequence[BarRow], pass_mark: float | None, label: str, esc: Escape,
         width: int = 640) -> str:
    """A horizontal bar per row (share 0–1), its 95% interval as a whisker, and the pass
    mark as a dashed line across all rows."""
    key_w, value_w, row_h, top = 150, 150, 24, 8
    track = width - key_w - value_w
    height = top * 2 + row_h * max(1, len(rows))
    parts = [_open(width, height, label, esc)]
    if not rows:
        parts.append(f'<text class="empty" x="{width / 2:.1f}" y="{top + 16}" '
                     f'text-anchor="middle">nothing to show yet</text></svg>')
        return "".join(parts)
    for i, row in enumerate(rows):
        y0 = top + i * row_h
        mid = y0 + row_h / 2
        parts.append(f'<g class="{esc(row.status)}"><title>{esc(row.title)}</title>')
        parts.append(f'<text class="key" x="{key_w - 8}" y="{mid + 4:.1f}" text-anchor="end">'
                     f'{esc(row.key)}</text>')
        parts.append(f'<rect class="track" x="{key_w}" y="{y0 + 5}" width="{track}" '
                     f'height="{row_h - 10}" />')
        if row.value is not None:
            parts.append(f'<rect class="bar" x="{key_w}" y="{y0 + 5}" '
                         f'width="{track * row.value:.1f}" height="{row_h - 10}" />')
            parts.append(f'<line class="whisker" x1="{key_w + track * row.low:.1f}" '
                         f'y1="{mid:.1f}" x2="{key_w + track * row.high:.1f}" y2="{mid:.1f}" />')
        parts.append(f'<text class="value" x="{key_w + track + 8}" y="{mid + 4:.1f}">'
                     f'{esc(row.note)}</text></g>')
    if pass_mark is not None:
        x = key_w + track * pass_mark
        parts.append(f'<line class="pass" x1="{x:.1f}" y1="{top}" x2="{x:.1f}" '
                     f'y2="{height - top}" />')
    parts.append("</svg>")
    return "".join(parts)

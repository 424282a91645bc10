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
:root{color-scheme:light dark}
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d232a;
background:#fff;max-width:980px;margin:2em auto;padding:0 1em}
h1{font-size:1.6em;margin-bottom:.2em}h2{margin-top:1.8em;border-bottom:1px solid #d5dae0}
h1,h2,p,li,summary,caption{overflow-wrap:anywhere}
.scope{color:#5b6570}.note{background:#fff6d6;padding:.4em .8em;border-radius:4px}
table{border-collapse:collapse;margin:.6em 0;display:block;max-width:100%;overflow-x:auto}
th,td{padding:.25em .6em;text-align:left;border-bottom:1px solid #e4e8ec;vertical-align:top}
td.n,th.n{text-align:right}
code{background:#f1f3f5;padding:.1em .3em;border-radius:3px}
a{color:#2f6fb0}
.weak{color:#b42318}.mastered{color:#067647}.developing{color:#9a6700}.untested{color:#5b6570}
.chart{display:block;max-width:100%;height:auto;margin:.6em 0}
.chart .grid{stroke:#e4e8ec}.chart text{font-size:13px;fill:#4b5560}
.chart .pass{stroke:#b42318;stroke-dasharray:4 3}.chart text.passlabel{fill:#b42318}
.chart .line{fill:none;stroke:#2f6fb0;stroke-width:2}
.chart circle.passed{fill:#067647}.chart circle.failed{fill:#b42318}
.chart circle.unknown{fill:#5b6570}.chart .track{fill:#f1f3f5}.chart .whisker{stroke:#1d232a;
stroke-width:1.5}.chart text.empty{font-size:14px}
.chart .weak .bar{fill:#e5484d}.chart .developing .bar{fill:#f5a524}
.chart .mastered .bar{fill:#30a46c}.chart .untested .bar{fill:#c1c8cf}
td.heat,td.n{font-variant-numeric:tabular-nums}
.flag{color:#9a6700}.good{color:#067647}.bad{color:#b42318}
caption{text-align:left;font-weight:bold}
@media (max-width:520px){body{margin:1em auto;padding:0 .6em}
.chart text{font-size:15px}th,td{padding:.2em .4em}td.t{min-width:12em}}
@media (prefers-color-scheme:dark){
body{background:#15181c;color:#e3e6ea}h2{border-color:#3a4048}th,td{border-color:#2c3138}
.scope,.untested{color:#9aa4ae}.note{background:#3b3314}code{background:#262b31}
a{color:#8ab4ff}.weak,.bad{color:#ff8a80}.mastered,.good{color:#6fdc9c}
.developing,.flag{color:#f0c060}
.chart .grid{stroke:#2c3138}.chart text{fill:#b8c0c8}.chart .track{fill:#262b31}
.chart .whisker{stroke:#e3e6ea}.chart .line{stroke:#6aa8ff}
.chart .pass{stroke:#ff8a80}.chart text.passlabel{fill:#ff8a80}
.chart circle.passed{fill:#6fdc9c}.chart circle.failed{fill:#ff8a80}
.chart .untested .bar{fill:#5b6570}}
@media print{
@page{margin:12mm}
body{font-size:9.5pt;line-height:1.3;margin:0;padding:0;max-width:none;color:#000;
background:#fff}th,td{padding:.1em .4em}
h2{margin-top:.8em;margin-bottom:.3em}h1,h2,caption,summary{break-after:avoid;page-break-after:avoid}
table{display:table;overflow:visible}thead{display:table-header-group}
tr,li,.chart,.note{break-inside:avoid;page-break-inside:avoid}
.chart{max-width:55%;margin:.3em 0}p{margin:.4em 0}}
"""
"""The style sheet both HTML reports inline: status colours (weak/bad red, developing/flag
amber, mastered/good green), a dark variant for ``prefers-color-scheme: dark``, tables that
scroll inside their own box on a narrow screen, chart text that stays legible when a chart is
scaled down, and a print sheet (no heading left alone at a page foot, no chart or table row
split across pages, charts smaller)."""


def esc(text: str) -> str:
    """Bank or learner text, safe in HTML content and attributes."""
    return html.escape(safe_line(text), quote=True)



Escape = Callable[[str], str]


@dataclass(frozen=True)
class Point:
    """One exam on the trend line; ``at`` (an ISO time) places it on the time axis."""

    label: str
    percent: float
    passed: bool | None
    at: str = ""


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


CHAR = 8.5
"""Width of one character of chart text in user units, generous (text is 13–15 units)."""


def _open(width: int, height: int, label: str, esc: Escape) -> str:
    # width and height give the natural size; the style sheet lets it shrink to the page,
    # with a larger font on narrow screens so that the scaled text stays legible
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
            f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
            f'aria-label="{esc(label)}"><title>{esc(label)}</title>')


def _times(points: Sequence[Point]) -> list[float] | None:
    """Each point's time in seconds, or None when any is missing or unreadable (then the
    points are spaced evenly, in order)."""
    from datetime import UTC, datetime

    found = []
    for p in points:
        try:
            when = datetime.fromisoformat(p.at.replace("Z", "+00:00"))
        except ValueError:
            return None
        found.append((when if when.tzinfo else when.replace(tzinfo=UTC)).timestamp())
    return found


def trend(points: Sequence[Point], pass_percent: float | None, label: str, esc: Escape,
          width: int = 480, height: int = 210) -> str:
    """Scores (0–100%) over time (x proportional to the time of each exam), a labelled dashed
    line at the pass mark."""
    left, right, top, bottom = 50, 14, 16, 30
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
        parts.append(f'<text class="passlabel" x="{width - right}" '
                     f'y="{y(pass_percent) - 5:.1f}" text-anchor="end">pass '
                     f"{pass_percent:.0f}%</text>")
    if not points:
        parts.append(f'<text class="empty" x="{left + plot_w / 2:.1f}" y="{top + plot_h / 2:.1f}"'
                     f' text-anchor="middle">no exams yet</text></svg>')
        return "".join(parts)
    times = _times(points)
    if times is not None and max(times) > min(times):
        first, span = min(times), max(times) - min(times)
        xs = [left + plot_w * (t - first) / span for t in times]
    elif len(points) > 1:
        xs = [left + plot_w * i / (len(points) - 1) for i in range(len(points))]
    else:
        xs = [left + plot_w / 2] * len(points)
    coords = " ".join(f"{x:.1f},{y(p.percent):.1f}" for x, p in zip(xs, points, strict=True))
    parts.append(f'<polyline class="line" points="{coords}" />')
    for x, p in zip(xs, points, strict=True):
        kind = {True: "passed", False: "failed", None: "unknown"}[p.passed]
        parts.append(f'<circle class="{kind}" cx="{x:.1f}" cy="{y(p.percent):.1f}" r="4">'
                     f'<title>{esc(p.label)}: {p.percent:.0f}%</title></circle>')
    parts.append(f'<text class="axis" x="{left}" y="{height - 8}" text-anchor="start">'
                 f'{esc(points[0].label)}</text>')
    if len(points) > 1 and points[-1].label != points[0].label:
        parts.append(f'<text class="axis" x="{width - right}" y="{height - 8}" '
                     f'text-anchor="end">{esc(points[-1].label)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def bars(rows: Sequence[BarRow], pass_mark: float | None, label: str, esc: Escape,
         width: int = 480) -> str:
    """A horizontal bar per row (share 0–1), its 95% interval as a whisker, and the pass
    mark as a labelled dashed line across all rows. The key and note columns are as wide as
    their longest text, so nothing is cut off; the track takes the rest."""
    key_w = round(min(220, 14 + CHAR * max((len(r.key) for r in rows), default=4)))
    value_w = round(min(260, 12 + CHAR * max((len(r.note) for r in rows), default=8)))
    width = max(width, key_w + value_w + 160)
    row_h, top = 24, 22
    track = width - key_w - value_w
    height = top + 8 + row_h * max(1, len(rows))
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
        parts.append(f'<line class="pass" x1="{x:.1f}" y1="{top - 2}" x2="{x:.1f}" '
                     f'y2="{height - 8}" />')
        parts.append(f'<text class="passlabel" x="{x:.1f}" y="{top - 7}" '
                     f'text-anchor="middle">pass {100 * pass_mark:.0f}%</text>')
    parts.append("</svg>")
    return "".join(parts)

"""Plain-text layout for the reports: paragraphs and tables that fit a width, never cutting a
word.

Both text reports (``quiz report``, ``quiz items``) lay out through here. ``width=None`` means
no limit: one line per paragraph and per table row (what a file or a pipe gets). With a
width, a paragraph wraps at its spaces; a table keeps its columns and wraps its one text
column inside that column (a row then takes several lines); when even that leaves the text
column narrower than ``MIN_WRAP``, the table is *stacked*: each row becomes a heading line and
its other cells as ``header value`` pieces flowed below it. Only a single word longer than a
whole line is ever broken, since it cannot fit otherwise.

Widths are counted in characters: report text is ``safe_line``'d before it gets here, so it
holds no control characters; East Asian wide characters would count as one column each.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

MIN_WRAP = 16
"""The narrowest a wrapped text column may get before the table is stacked instead (and never
under a third of the width: a text column wrapped to a sliver reads worse than a stack)."""
GAP = "  "
"""Between two table columns."""


def wrap(text: str, width: int | None, indent: str = "", subsequent: str | None = None
         ) -> list[str]:
    """``text`` (one line) wrapped at its spaces to ``width`` columns, with ``indent`` before
    the first line and ``subsequent`` (default: the same) before the others."""
    later = indent if subsequent is None else subsequent
    if width is None or len(indent) + len(text) <= width:
        return [(indent + text).rstrip()]
    # never narrower than one character after the indent (textwrap needs room for one)
    width = max(width, len(indent) + 1, len(later) + 1)
    lines = textwrap.wrap(text, width, initial_indent=indent, subsequent_indent=later,
                          break_on_hyphens=False, break_long_words=True)
    return [line.rstrip() for line in lines] or [indent.rstrip()]


def command(text: str, width: int | None, indent: str = "") -> list[str]:
    """A shell command broken between its arguments (a quoted argument stays whole), each
    line but the last ending in `` \\`` so the lines still paste into a shell as one."""
    if width is None or len(indent) + len(text) <= width:
        return [indent + text]
    import shlex

    try:
        pieces = [shlex.quote(arg) for arg in shlex.split(text)]
    except ValueError:  # unbalanced quotes: not ours to fix, break at spaces
        pieces = text.split()
    room = width - 2  # for the " \\"
    lines: list[str] = []
    current = indent
    for piece in pieces:
        lead = indent if not lines else indent + "    "
        if current.strip() and len(current) + 1 + len(piece) <= room:
            current += " " + piece
            continue
        if current.strip():
            lines.append(current)
            current = indent + "    "
        if len(current) + len(piece) <= room:
            current += piece
            continue
        # an argument longer than a whole line: the only thing ever cut
        broken = wrap(piece, room, current, lead)
        lines += broken[:-1]
        current = broken[-1]
    lines.append(current)
    return [line + " \\" for line in lines[:-1]] + lines[-1:]


def flow(pieces: Sequence[str], width: int | None, indent: str = "", sep: str = " · "
         ) -> list[str]:
    """Pieces joined by ``sep``; a new line starts rather than split a piece, and a piece
    wider than a whole line is wrapped at its spaces."""
    shown = [p for p in pieces if p]
    if width is None:
        return [(indent + sep.join(shown)).rstrip()]
    lines: list[str] = []
    current = ""
    for piece in shown:
        joined = piece if not current else current + sep + piece
        if len(indent) + len(joined) <= width:
            current = joined
            continue
        if current:
            lines.append(indent + current)
        if len(indent) + len(piece) <= width:
            current = piece
            continue
        wrapped = wrap(piece, width, indent)
        lines += wrapped[:-1]
        current = wrapped[-1][len(indent):]
    if current or not lines:
        lines.append(indent + current)
    return [line.rstrip() for line in lines]


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[int] = (),
          indent: str = "  ", width: int | None = None, text: int | None = -1,
          header: bool = True, narrowest: int | None = None) -> list[str]:
    """Columns padded to their widest cell (``right`` lists right-aligned columns; the last
    column is not padded), fitted to ``width``.

    ``text`` is the column that may wrap (the last by default; ``None``: none). ``header``
    False leaves out the header line (the headers still name the pieces of a stacked row).
    ``narrowest`` is the least room the text column may wrap in before the table is stacked
    (default: ``MIN_WRAP`` or a third of the width, whichever is more).
    """
    count = len(headers)
    column = None if text is None else text % count
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(headers)]
    total = len(indent) + sum(widths) + len(GAP) * (count - 1)
    shown = [list(headers)] if header else []
    shown += [list(r) for r in rows]
    if width is None or total <= width:
        return _aligned(shown, widths, right, indent, None)
    if column is not None:
        room = width - (total - widths[column])
        # the room must also hold the column's longest word, or wrapping would cut it
        longest = max((len(word) for r in shown for word in r[column].split()), default=0)
        if room >= max(narrowest or max(MIN_WRAP, width // 3), longest):
            widths[column] = room
            return _aligned(shown, widths, right, indent, column)
    return _stacked(headers, rows, indent, width, column)


def _aligned(rows: list[list[str]], widths: list[int], right: Sequence[int], indent: str,
             column: int | None) -> list[str]:
    lines = []
    last = len(widths) - 1
    for row in rows:
        cells = [wrap(c, widths[i]) if i == column else [c] for i, c in enumerate(row)]
        for k in range(max(len(c) for c in cells)):
            parts = []
            for i, cell in enumerate(cells):
                piece = cell[k] if k < len(cell) else ""
                if i in right:
                    parts.append(piece.rjust(widths[i]))
                else:
                    parts.append(piece if i == last else piece.ljust(widths[i]))
            lines.append((indent + GAP.join(parts)).rstrip())
    return lines


def _stacked(headers: Sequence[str], rows: Sequence[Sequence[str]], indent: str, width: int,
             column: int | None) -> list[str]:
    """Each row as its first cell (with the text column, if any) on a line of its own, then
    the other cells as ``header value`` pieces, indented below it."""
    deeper = indent + "    "
    lines = []
    for row in rows:
        heading = row[0]
        if column not in (None, 0) and row[column]:
            heading = f"{row[0]}: {row[column]}" if row[0] else row[column]
        lines += wrap(heading, width, indent, deeper)
        pieces = [f"{h} {c}" if h else c for i, (h, c) in enumerate(zip(headers, row,
                                                                         strict=True))
                  if i not in (0, column) and c]
        if pieces:
            lines += flow(pieces, width, deeper)
    return lines

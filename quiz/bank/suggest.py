"""Did-you-mean hints for misspelt keys, values and ids."""

from __future__ import annotations

from collections.abc import Iterable


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """A ``; did you mean 'x'?`` suffix, or an empty string when nothing is close.

    Besides spelling, two slips people make with ids: the wrong case (``lo3`` for ``LO3``)
    and only the start of a long id (``fraud`` for ``fraud-detection``), when one id fits.
    """
    import difflib  # only a file with errors needs it: 1.5 ms off every clean start

    known = list(candidates)
    folded = [c for c in known if c.casefold() == word.casefold()]
    starts = [c for c in known if word and c.casefold().startswith(word.casefold())]
    if len(folded) == 1:
        close = folded
    elif len(starts) == 1:
        close = starts
    else:
        close = difflib.get_close_matches(word, known, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def one_of(values: Iterable[str]) -> str:
    """``'a', 'b' or 'c'`` for messages."""
    quoted = [f"'{v}'" for v in values]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]

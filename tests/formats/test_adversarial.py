"""Every import pattern runs in linear time: 1 MB hostile lines parse within a CPU budget.

Issue 11 #8: ``ANSWER:`` followed by 28 spaced ``A``s and a ``!`` (103 bytes) took 92 s, because
the letters pattern could split each run of spaces two ways. Each case below is a line of about
1 MB built from what the patterns look for (runs of spaces, letters, separators, ``~ = \\ { :``
and the like) placed where a pattern will meet it. A linear parser reads one in well under a
second; the budget is generous CPU time (``time.process_time``), never wall-clock time, and an
interval timer on CPU time turns a runaway pattern into a failure instead of a hung test run.
"""

from __future__ import annotations

import signal
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest

from quiz.errors import BankError
from quiz.formats.aiken import read_aiken
from quiz.formats.gift import read_gift

BUDGET = 5.0
"""CPU seconds for one 1 MB input; a linear reader needs a small fraction of this."""

N = 1 << 20
"""About how many characters each hostile line holds."""


def run(text: str, times: int) -> str:
    return (text * (N // max(1, len(text)) + 1))[:N] if times < 0 else text * times


def _aiken_cases() -> dict[str, str]:
    head = "Which phase?\nA. Training\nB. Inference\n"
    return {
        "answer-spaced-letters": head + "ANSWER: " + run("A ", -1) + "!",
        "answer-letter-spaces": head + "ANSWER: A" + run(" ", -1) + "!",
        "answer-spaces": head + "ANSWER:" + run(" ", -1) + "!",
        "answer-no-colon": head + "ANSWER" + run(" ", -1) + "x",
        "answer-commas": head + "ANSWER: " + run("A ,", -1) + "!",
        "answer-semicolons": head + "ANSWER: " + run("A;  ", -1) + ";",
        "answer-tabs-commas": head + "ANSWER: A" + run("\t, ", -1) + "!",
        "spaces": run(" ", -1) + "x",
        "letters": run("A", -1),
        "option-spaces": head + "C." + run(" ", -1) + "!",
        "option-labels": head + run("A)", -1),
        "gift-specials": run("~ = \\ { :", -1),
        "answers-lowercase": head + "answer  :  " + run("a ", -1),
    }


def _gift_cases() -> dict[str, str]:
    return {
        "tildes": "Q {" + run("~", -1) + "}",
        "equals": "Q {" + run("=", -1) + "}",
        "backslashes": run("\\", -1),
        "open-braces": run("{", -1),
        "close-braces": run("}", -1),
        "colons": run(":", -1),
        "title-colons": "::" + run(":", -1),
        "hashes": "Q {=a ~b " + run("#", -1) + "}",
        "weight-spaces": "Q {=a ~%" + run(" ", -1) + "b}",
        "weight-digits": "Q {=a ~%" + run("1", -1) + "b}",
        "weight-decimals": "Q {=a ~%1." + run("1", -1) + "b}",
        "percents": "Q {=a ~" + run("%", -1) + "}",
        "specials": "Q {" + run("~ = \\ { :", -1) + "}",
        "spaced-specials": run("~ = \\ { : ", -1),
        "spaces": run(" ", -1) + "Q {=a ~b}",
        "tags": "Q {=a ~[html]" + run("<br", -1) + "}",
        "tag-spaces": "Q {=a ~[html]<" + run(" ", -1) + "}",
        "tag-attributes": "Q {=a ~[html]<b " + run("x", -1) + "}",
        "entities": "Q {=a ~[html]" + run("&#", -1) + "}",
        "entity-letters": "Q {=a ~[html]&" + run("a", -1) + "}",
        "markers": run("[", -1),
        "meta": "// quiz: " + run("a=", -1) + "\nQ {=a ~b}",
        "category": "$CATEGORY:" + run("\\", -1),
        "arrows": "Q {" + run("=1 -> ", -1) + "}",
        "blank-lines-in-braces": "Q {" + run("\n", -1) + "}",
        "general-feedback": "Q {=a ~b " + run("####", -1) + "}",
        "true-false": "Q {" + run("T#", -1) + "}",
    }


CASES: list[tuple[str, Callable[[str, str], object], str]] = [
    *(("aiken", read_aiken, name) for name in _aiken_cases()),
    *(("gift", read_gift, name) for name in _gift_cases()),
]
TEXTS = {"aiken": _aiken_cases(), "gift": _gift_cases()}


class _OverBudget(Exception):
    pass


@contextmanager
def cpu_alarm(seconds: float) -> Iterator[None]:
    """Raise ``_OverBudget`` once this process has used ``seconds`` more CPU time."""

    def stop(signum: int, frame: object) -> None:
        raise _OverBudget

    previous = signal.signal(signal.SIGPROF, stop)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


@pytest.mark.parametrize("fmt,reader,name", CASES, ids=[f"{f}-{n}" for f, _, n in CASES])
def test_hostile_lines_parse_in_linear_time(fmt: str, reader: Callable[[str, str], object],
                                            name: str) -> None:
    text = TEXTS[fmt][name]
    assert len(text) >= N
    start = time.process_time()
    try:
        with cpu_alarm(BUDGET * 2):
            reader(text, f"hostile.{fmt}")
    except BankError:
        pass  # a located error is a fine answer; only the time is on trial here
    except _OverBudget:
        pytest.fail(f"{fmt} {name}: still parsing after {BUDGET * 2:g} s of CPU time")
    spent = time.process_time() - start
    assert spent < BUDGET, f"{fmt} {name}: {spent:.2f} s of CPU time for 1 MB"

"""The hostile-input corpus: files built on demand (some are too large to keep in git).

``broken()`` are files the loader must refuse with our own error, quickly; ``nasty_texts()``
are strings that a valid bank may carry and that every output path must show literally:
escape sequences, markup, bidirectional text, wide characters, very long words.
"""

from __future__ import annotations

from pathlib import Path

LESSON = """lesson:
  id: hostile
  title: Hostile
  rule: "Training builds. Inference applies."
  sides: {training: Training builds, inference: Inference applies}
  objectives:
    - {id: LO1, text: An objective}
"""

ESC = "\x1b"
NASTY_TEXTS: dict[str, str] = {
    "ansi-colour": f"{ESC}[31mred{ESC}[0m and {ESC}[2J cleared",
    "osc-title": f"{ESC}]0;pwned{ESC}\\ title and {ESC}]8;;http://x.invalid{ESC}\\link{ESC}]8;;{ESC}\\",
    "bell-and-c1": "ring \x07 and \x9b31m C1 CSI",
    "rich-markup": "[bold red]not bold[/] [link=http://x.invalid]x[/link] [/]",
    "textual-markup": "$accent [@click=app.quit]quit[/] {escaped}",
    "html": "<script>alert(1)</script> & <b>bold</b> \"quotes\" 'single'",
    "rtl": "\u202eevil\u202c mixed עברית and العربية",
    "emoji-cjk": "模型训练 🤖🚀 推論 ｗｉｄｅ",
    "long-word": "x" * 1900,  # longer than any line, under the format's 2,000-character cap
    "null-like": "null ~ None",
    "markdown-table": "cell | pipe\n| --- |\n`tick` *em* _u_ [l](javascript:x) \\ end\r\nnext",
    "bidi-isolate": "\u2066isolated\u2069 \u2067rtl\u2069 \u2028line\u2029para \x7f del",
}


def quoted(text: str) -> str:
    """``text`` inside a YAML double-quoted scalar: every unprintable character escaped."""
    body = text.replace("\\", "\\\\").replace('"', '\\"')
    return "".join(c if c.isprintable() or c == " " else f"\\x{ord(c):02x}"
                   if ord(c) < 0x100 else f"\\u{ord(c):04x}" for c in body)


def bank_with(text: str, scenario: str | None = None) -> str:
    """A valid bank whose title, stem, choices, feedback and explanation all carry ``text``;
    ``scenario`` sets the question in that scenario."""
    quoted_text = quoted(text)
    where = f"    scenario: {scenario}\n" if scenario else ""
    return f"""bank: hostile
title: "{quoted_text}"
lesson: hostile
questions:
  - id: h1
    type: single
    phase: inference
    objectives: [LO1]
{where}    stem: "{quoted_text}"
    choices:
      - {{id: a, text: "{quoted_text} right", correct: true}}
      - {{id: b, text: "{quoted_text} wrong", feedback: "{quoted_text}"}}
    explanation: "Inference applies. {quoted_text}"
"""


def lesson_with(text: str) -> str:
    """The ``hostile`` lesson with ``text`` in its title, rule, sides and objective."""
    q = quoted(text)
    return f"""lesson:
  id: hostile
  title: "{q}"
  rule: "Training builds. Inference applies. {q}"
  sides: {{training: "Training builds {q}", inference: "Inference applies {q}"}}
  objectives:
    - {{id: LO1, text: "An objective {q}"}}
"""


def scenario_with(text: str) -> str:
    """A scenario ``hostile-scenario`` with ``text`` in its title, context and statements."""
    q = quoted(text)
    return f"""scenario: hostile-scenario
title: "{q}"
context: "A setting. {q}"
statements:
  training:
    - "Weights are fitted. {q}"
  inference:
    - {{text: "A reply is drafted. {q}", why: "Serving. {q}"}}
"""


def write_course(folder: Path, text: str) -> Path:
    """A course under ``folder`` (question_banks/ and scenarios/ side by side) whose every
    learner-facing text carries ``text``; returns the question_banks folder."""
    banks = folder / "question_banks"
    scenarios = folder / "scenarios"
    banks.mkdir(parents=True, exist_ok=True)
    scenarios.mkdir(exist_ok=True)
    (banks / "hostile.lesson.yaml").write_text(lesson_with(text), encoding="utf-8")
    (banks / "hostile.yaml").write_text(bank_with(text, "hostile-scenario"), encoding="utf-8")
    (scenarios / "hostile-scenario.yaml").write_text(scenario_with(text), encoding="utf-8")
    return banks


def broken(folder: Path) -> dict[str, Path]:
    """Write every broken file into ``folder``; returns name → path."""
    files: dict[str, bytes] = {
        "alias-bomb": (
            # shaped along the format, so that the walk would expand it: 500 questions, each
            # the same node with the same 500 choices, from a file of a few kilobytes
            "bank: b\ntitle: t\nlesson: hostile\n"
            "x-choice: &c {id: a, text: x, correct: true}\n"
            "x-choices: &ch [" + ", ".join(["*c"] * 500) + "]\n"
            "x-question: &q {id: q, type: single, phase: training, objectives: [LO1], "
            "stem: s, explanation: e, choices: *ch}\n"
            "questions: [" + ", ".join(["*q"] * 500) + "]\n"
        ).encode(),
        "object-tag": b"bank: !!python/object/apply:os.system ['touch /tmp/quiz-pwned']\n",
        "custom-tag": b"bank: !secret x\ntitle: t\n",
        "deep-flow": b"bank: " + b"[" * 100_000 + b"]" * 100_000 + b"\n",
        "deep-block": b"bank:\n" + b"".join(b"  " * i + b"- \n" for i in range(3000)),
        "huge-line": b"bank: x\ntitle: " + b"a" * 5_000_000 + b"\n",
        "invalid-utf8": b"bank: caf\xe9\n",
        "nul-bytes": b"bank: x\x00y\n",
        "binary": bytes(range(256)) * 64,
        "top-level-list": b"- bank: x\n",
        "empty": b"",
        "only-comments": b"# nothing here\n",
        "two-documents": b"bank: a\n---\nbank: b\n",
        "bad-indent": b"bank: x\n  title: y\n questions: []\n",
        "control-in-key": b"ba\x1b[31mnk: x\n",
        "merge-key": b"bank: x\n<<: {title: t}\n",
    }
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, data in files.items():
        path = folder / f"{name}.yaml"
        path.write_bytes(data)
        written[name] = path
    return written

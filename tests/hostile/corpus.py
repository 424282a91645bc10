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
    "long-word": "x" * 3000,
    "null-like": "null ~ None",
}


def bank_with(text: str) -> str:
    """A valid bank whose stem, choices, feedback and explanation all carry ``text``."""
    quoted = text.replace("\\", "\\\\").replace('"', '\\"')
    quoted = "".join(c if c.isprintable() or c == " " else f"\\x{ord(c):02x}"
                     if ord(c) < 0x100 else f"\\u{ord(c):04x}" for c in quoted)
    return f"""bank: hostile
title: "{quoted}"
lesson: hostile
questions:
  - id: h1
    type: single
    phase: inference
    objectives: [LO1]
    stem: "{quoted}"
    choices:
      - {{id: a, text: "{quoted} right", correct: true}}
      - {{id: b, text: "{quoted} wrong", feedback: "{quoted}"}}
    explanation: "Inference applies. {quoted}"
"""


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

"""A synthetic bank of varied questions, for measuring lint at scale (not a test module).

Stems are random sentences over a vocabulary of a few hundred words, so that (like a real
bank and unlike a templated one) few stems are near-duplicates; a share of planted
near-duplicates and flaws gives the rules something to find.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from quiz.paths import bundled_banks

_VOCABULARY = (
    "model data team bank fraud spam filter photo chatbot car engine weights gradient batch "
    "label dataset server request latency throughput GPU TPU cluster night job user shop app "
    "camera radiologist scan voice assistant sensor factory machine vibration forecast price "
    "retail customer basket click stream feature pipeline deploy monitor drift retrain "
    "evaluate holdout accuracy precision recall threshold score approve decline queue cache "
    "replica region edge device phone watch translation caption ranking search query index"
)
_WORDS = _VOCABULARY.split()
_TYPES = ("single", "single", "multiple", "true_false", "phase", "ordering")


def _sentence(rng: random.Random, low: int, high: int) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(low, high))]
    return " ".join(words).capitalize()


def _question(i: int, rng: random.Random, stems: list[str]) -> str:
    kind = _TYPES[i % len(_TYPES)]
    phase = rng.choice(("training", "inference"))
    side = "Training builds" if phase == "training" else "Inference applies"
    objective = f"LO{rng.randint(1, 9)}"
    if stems and rng.random() < 0.01:  # a planted near-duplicate of an earlier stem
        stem = rng.choice(stems) + " today"
    else:
        stem = f"A {rng.choice(_WORDS)} team: " + _sentence(rng, 18, 34) + "?"
    stems.append(stem)
    out = [f"  - id: syn-{i:05d}", f"    type: {kind}", f"    phase: {phase}",
           f"    objectives: [{objective}]", f"    difficulty: {rng.randint(1, 3)}",
           f"    stem: \"{stem}\""]
    if kind == "true_false":
        out += [f"    answer: {rng.choice(('true', 'false'))}",
                f"    feedback: {_sentence(rng, 6, 12)}"]
    elif kind == "phase":
        out += [f"    feedback: {_sentence(rng, 6, 12)}"]
    else:
        right = rng.sample(range(4), 2 if kind == "multiple" else 1)
        out.append("    choices:")
        for k in range(4):
            out += [f"      - id: {'abcd'[k]}", f"        text: {_sentence(rng, 4, 9)}"]
            if kind != "ordering" and k in right:
                out.append("        correct: true")
            elif kind != "ordering":
                out.append(f"        feedback: {_sentence(rng, 6, 12)}")
    out += ["    explanation: |", f"      {side}: {_sentence(rng, 10, 20)}. Serves {objective}."]
    return "\n".join(out) + "\n"


def write_bank(folder: Path, questions: int, seed: int = 1) -> Path:
    """Write ``questions`` varied questions and the bundled lesson into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for lesson in bundled_banks().glob("*.lesson.yaml"):
        shutil.copy(lesson, folder / lesson.name)
    rng = random.Random(seed)
    stems: list[str] = []
    path = folder / f"varied-{questions}.yaml"
    with path.open("w", encoding="utf-8") as out:
        out.write(f"bank: varied-{questions}\ntitle: Varied bank\n"
                  "lesson: training-vs-inference\nquestions:\n")
        for i in range(questions):
            out.write(_question(i, rng, stems))
    return path

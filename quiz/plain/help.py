"""What ``?`` prints in plain mode: how to answer, and every command, in words."""

from __future__ import annotations

ANSWERING = [
    "Help: answering.",
    "Type the number of your choice and press Enter, e.g. 2. Letters work too: a is 1, b is 2.",
    "For a question with several answers, type all their numbers, e.g. 1 3 or 1,3.",
    "For an ordering question, type the step numbers in the right order, first step first, "
    "e.g. 3 1 2 4.",
    "You may also type a choice's words exactly, e.g. true, or inference.",
    "For a matching question, type each prompt's number and the letter of its category, "
    "e.g. 1a 2b 3a (also 1-a, 1:a, or with commas); give every prompt once.",
    "A single letter that is also a command below is the command; type the number instead.",
]

CONTEXT = ("  c: read the scenario's context again, or the case study's title, scenario "
           "and details.")

PRACTICE = [
    *ANSWERING,
    "Commands:",
    "  n: skip to the next question.",
    "  p: go back one question (an answered one shows its feedback again).",
    CONTEXT,
    "  s: finish now and see your results (asks first).",
    "  q: stop now and see your results.",
    "  ?: this help.",
    "After the feedback, press Enter for the next question.",
    "Each answer is saved the moment you give it. End of input (Ctrl+D, or the end of a "
    "pipe) ends the session; what you answered is kept.",
]

EXAM = [
    *ANSWERING,
    "In an exam, feedback comes after you submit. Each answer is saved at once; type a new "
    "answer to change it until you submit.",
    "In an exam a matching answer may name some prompts only; a later answer changes the "
    "prompts it names and keeps the others. A prompt left unmatched counts as wrong.",
    "Commands:",
    "  Enter or n: go to the next question (skip it for now).",
    "  p: go back one question.",
    "  f: flag this question for review, or remove its flag.",
    "  g and a number, e.g. g 5: go to question 5.",
    "  r: list every question, unanswered and flagged ones named first.",
    CONTEXT,
    "  s: submit the exam (asks first).",
    "  q: stop here; the exam stays saved with its time, and `quiz exam --resume --plain` "
    "continues it.",
    "  ?: this help.",
    "The time left is shown at each prompt; when it runs out, the exam is submitted.",
    "End of input (Ctrl+D, or the end of a pipe) stops like q: the exam stays resumable.",
]

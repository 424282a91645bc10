"""Plain mode: the study sessions as line-oriented text, for screen readers and pipes.

``quiz practice --plain`` (and ``exam``, ``review``, ``review-mistakes``) prints each
question, its choices and the feedback as ordinary lines, and reads answers line by line
from standard input. No box drawing, no cursor movement, no colour: Orca, NVDA and
VoiceOver read every line as it comes, and a pipe (``printf '1\\n\\n' | quiz practice
--plain --count 1``) answers questions without a terminal.

The modules: ``answers`` parses one input line (``pairs``: a matching answer), ``render``
turns questions and feedback into lines (``matching``: matching items; ``cases``: case
studies and contexts; ``results``: results; ``text``: bank text made safe), ``console``
reads lines (with an exam's time limit) and writes wrapped lines, ``runner`` drives a
``Session`` with them, and ``entry`` is what the CLI calls. It
drives the same ``Workspace``, ``Session`` and recorder as the app, so every answer is
stored the moment it is given; nothing here imports Textual.
"""

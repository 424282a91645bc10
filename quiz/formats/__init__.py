"""Other tools' question formats: GIFT and Aiken in and out, QTI 2.1 and Anki CSV out.

One module per format; ``common`` holds what they share: reading a source file, the record of
an imported question, turning imported questions into a bank, and cleaning text on the way
out. Nothing is ever dropped silently: what a format cannot hold becomes a warning
``Diagnostic`` naming the file, line and column (or the question id, on export).
"""

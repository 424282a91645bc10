"""The terminal app's tests (Textual, driven headless through its pilot)."""

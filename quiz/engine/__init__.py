"""The exam engine: selection, sessions, scoring and feedback. Pure logic, no terminal."""

"""quiz: a certification-exam practice engine for the terminal."""

__version__ = "0.1.0"

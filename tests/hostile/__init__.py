"""Hostile input on every path: banks, exports, output files and the terminal UI."""

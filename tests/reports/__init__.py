"""Tests of the progress reports: aggregates, formats, widths, the CLI and the LRS."""

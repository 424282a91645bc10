"""Tests of item analysis: figures, formats, widths, class inputs and the CLI."""

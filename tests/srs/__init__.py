"""Tests: srs."""

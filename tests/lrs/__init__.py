"""Tests: lrs."""

"""Tests: authoring."""

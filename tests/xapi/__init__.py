"""Tests: xapi."""

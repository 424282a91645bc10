"""Tests: typing."""

"""Tests: plain."""

"""Tests of the bank loader, its schema and its hostile-input guards."""

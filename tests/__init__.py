"""The test suite: a package, so each folder's helpers are imported by their full name
(tests.store.store_builders) and mypy sees one module per file."""

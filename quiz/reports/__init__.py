"""Reports: where learners stand (progress) and how questions perform (item analysis)."""

"""The learner's progress store: one SQLite file, versioned schema, durable writes."""

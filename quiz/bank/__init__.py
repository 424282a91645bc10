"""Question banks on disk: safe YAML reading, the format's spec, validation and loading."""

"""Item analysis: facility, discrimination, distractors and reliability from stored answers."""

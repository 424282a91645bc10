"""Reusable widgets of the learner app: question, choices, feedback, navigator, countdown."""

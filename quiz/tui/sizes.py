"""The smallest terminal the app lays its screens out in (below it, a notice says so)."""

MIN_WIDTH = 40
MIN_HEIGHT = 12

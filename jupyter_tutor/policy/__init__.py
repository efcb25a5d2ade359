"""The AI policy: whether and how far the tutor helps, per module and exercise, over time."""

"""Per-user progress on each module: status, the saved notebook, and its history."""

"""When a student counts as stuck on an exercise (the dashboard's definition).

Stuck: the exercise was never passed, its latest check run failed, and either the
student's tutor questions about it reached the highest hint level, or the first check run
was at least ``STUCK_AFTER`` ago.
"""

from datetime import datetime, timedelta

from ..contract import constant

STUCK_AFTER = timedelta(minutes=30)
HIGHEST_LEVEL = len(constant("LEVEL_NAMES"))


def failing_since_cutoff(now: datetime) -> datetime:
    """A never-passed exercise first run at or before this moment is failing for long."""
    return now - STUCK_AFTER

"""Which hint level the next answer gets (pure)."""

import re

from ...contract import constant

MORE_HELP = re.compile(rf"\b({'|'.join(constant('MORE_HELP_PHRASES'))})\b", re.IGNORECASE)


def asks_for_more_help(question: str) -> bool:
    """The student explicitly asks to be helped further on the same problem."""
    return bool(MORE_HELP.search(question))


def next_level(
    previous_level: int | None,
    *,
    same_problem: bool,
    more_help: bool,
    max_level: int,
) -> int:
    """A new problem starts at level 1; staying on it (or asking for more) climbs one level.

    The ladder tops out at the module's ``max_level``: students stuck that long get the
    most concrete help the instructor allows, again and again, never the bare answer.
    """
    if previous_level is None or not (same_problem or more_help):
        return 1
    return min(previous_level + 1, max_level)

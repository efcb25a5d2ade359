"""What the guard took out of an answer (pure)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Violation:
    # "code_block" | "code_line" | "inline_code" | "avoid_term": against the hint level;
    # "solution": what was shown would have reproduced the exercise's reference solution;
    # "image" (would load by itself) | "link" (would open on a click): an address
    # outside the allowed documentation hosts.
    kind: str
    detail: str

"""Compare a turn's context with the previous turn's (pure)."""

from collections.abc import Sequence

import numpy as np

from ...contract import constant

DEFAULT_THRESHOLD: float = constant("SAME_PROBLEM_THRESHOLD")


def turn_text(question: str, cell_code: str, error_output: str) -> str:
    """What a turn is about: the question, the code and the error, in one text."""
    return "\n".join(part for part in (question, cell_code, error_output) if part)


def same_failing_check(
    previous: tuple[str | None, int | None], current: tuple[str | None, int | None]
) -> bool:
    """The same exercise, failing the same check (``(exercise id, failing check)``; a
    check index of None means the exercise passed or was never run)."""
    return None not in previous and previous == current


def cosine(a: Sequence[float] | np.ndarray, b: Sequence[float] | np.ndarray) -> float:
    first = np.asarray(a, dtype=np.float64)
    second = np.asarray(b, dtype=np.float64)
    if first.shape != second.shape:
        return 0.0  # embeddings from different models never describe the same problem
    norms = float(np.linalg.norm(first) * np.linalg.norm(second))
    return float(first @ second / norms) if norms else 0.0

"""Cost of keeping an exercise's solution out of a streamed answer.

The same long answer (prose with code lines, about 3,000 characters) goes through the
StreamGuard in 4-character deltas at level 3, without and with the exercise's reference
solution, alternating in one run. Prints the median time per answer of each and their
ratio (goal: with the solution at most 3 times the guard without it).

    python benchmarks/solution_guard.py [--rounds 50]
"""

import argparse
import statistics
import time

from jupyter_tutor.tutor.pedagogy.guardrail import StreamGuard
from jupyter_tutor.tutor.pedagogy.levels import level
from jupyter_tutor.tutor.pedagogy.settings import TutorSettings

SOLUTION = (
    "passing = scores[scores >= 50]\nn_passing = np.sum(scores >= 50)\n"
    "curved = scores.copy()\ncurved[curved < 50] += 5"
)
STARTER = "scores = np.array([72, 45, 88, 50])\npassing = None\nn_passing = None\ncurved = None"
PARAGRAPH = (
    "A comparison such as `scores >= 50` gives a mask of True and False values, one per "
    "score. Indexing the array with that mask keeps the entries where it is True, in "
    "their order. Counting works because True counts as 1: think about which reduction "
    "adds the values up.\n"
)
ANSWER = PARAGRAPH * 8 + "For instance `mask = values > 3` builds one.\n" + PARAGRAPH * 4


def one_answer(solution: str) -> float:
    started = time.perf_counter()
    stream = StreamGuard(level(3), TutorSettings(), STARTER, solution=solution)
    for i in range(0, len(ANSWER), 4):
        stream.feed(ANSWER[i : i + 4])
    stream.finish()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=50)
    rounds = parser.parse_args().rounds
    without, with_solution = [], []
    for _ in range(rounds):
        without.append(one_answer(""))
        with_solution.append(one_answer(SOLUTION))
    plain, guarded = statistics.median(without), statistics.median(with_solution)
    print(f"rounds:                 {rounds} (answer of {len(ANSWER)} characters, 4 per delta)")
    print(f"guard without solution: median {plain * 1000:.2f} ms per answer")
    print(f"guard with solution:    median {guarded * 1000:.2f} ms per answer")
    print(f"ratio:                  {guarded / plain:.2f} (goal: <= 3)")


if __name__ == "__main__":
    main()

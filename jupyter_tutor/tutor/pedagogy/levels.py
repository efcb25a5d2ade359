"""The hint ladder: each level has its own instructions to the model and output rules."""

from dataclasses import dataclass

from ...contract import constant


@dataclass(frozen=True)
class HintLevel:
    number: int
    name: str
    instructions: str
    # Lines of code the answer may contain at this level (None: no limit).
    max_code_lines: int | None


# Per level, its instructions and how many lines of code its answers may hold; the
# names are the contract's (the browser shows them too).
_RULES: tuple[tuple[str, int | None], ...] = (
    (
        "Give an orienting nudge only. In at most three sentences, ask the student one "
        "question that makes them look at the right place (a line, a value, the error "
        "message). Do not name the fix. Do not write any code, not even a fragment.",
        0,
    ),
    (
        "Name the concept involved and point at the place in the student's code where it "
        "goes wrong (quote the line or name the variable). Explain what the error message "
        "means in plain words. Do not say what to type. No code blocks; at most a variable "
        "or function name in backticks.",
        0,
    ),
    (
        "Give a specific hint: describe the fix in words or pseudocode, and you may show "
        "one single line of code as a fragment. Never write the whole solution, a whole "
        "function, or more than one line of code.",
        1,
    ),
    (
        "Show a short worked example of an analogous problem — different names, data and "
        "task from the student's exercise — and explain each step, then ask the student "
        "to apply the same idea to their own code. Do not solve their exact exercise.",
        None,
    ),
)

LEVELS: tuple[HintLevel, ...] = tuple(
    HintLevel(number, name, instructions, max_code_lines)
    for number, (name, (instructions, max_code_lines)) in enumerate(
        zip(constant("LEVEL_NAMES"), _RULES, strict=True), start=1
    )
)
MAX_LEVEL = len(LEVELS)


def level(number: int) -> HintLevel:
    return LEVELS[min(max(number, 1), MAX_LEVEL) - 1]

"""A streaming text transform that holds back what it cannot decide yet (pure).

Each stage of the rendered-text pipeline scans its input left to right. At each
position it either decides (consumes some text, emits its replacement) or says it needs
more input; then the undecided rest waits for the next delta. A stage only decides what
no later input can change, so feeding a text in any chunking gives the same output as
feeding it whole — which the pipeline's property tests check.
"""

import re
from abc import ABC, abstractmethod

# Two line breaks with only blanks between end a paragraph: no inline construct spans one.
BLANK_LINE = re.compile(r"\n[ \t]*\n")
# ASCII punctuation a backslash escapes in Markdown.
ESCAPABLE = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")

Decision = tuple[int, str] | None  # (end of the consumed text, what to emit), or "need more"

# No construct a stage waits for is longer: past this, it is decided as if the text ended
# there (plain text; the inert stage escapes what could still become markup). That keeps
# the work per delta bounded, and the bound is part of the decision, not of the chunking.
CONSTRUCT_LIMIT = 2000


class Stage(ABC):
    window: int | None = CONSTRUCT_LIMIT

    def __init__(self) -> None:
        self._held = ""

    def feed(self, text: str) -> str:
        return self._run(text, final=False)

    def finish(self) -> str:
        return self._run("", final=True) + self._close()

    def _run(self, text: str, *, final: bool) -> str:
        buffer = self._held + text
        out: list[str] = []
        position = 0
        while position < len(buffer):
            end = len(buffer) if self.window is None else position + self.window
            if end < len(buffer):
                decision = self._step(buffer[:end], position, True)
            else:
                decision = self._step(buffer, position, final)
            if decision is None:
                break
            position, emitted = decision
            out.append(emitted)
        self._held = buffer[position:]
        return "".join(out)

    @abstractmethod
    def _step(self, buffer: str, position: int, final: bool) -> Decision:
        """Decide what ``buffer[position:]`` starts with; never None when ``final``."""

    def _close(self) -> str:
        """Whatever the stage still owes at the end (a code span to close…)."""
        return ""


def plain_run(buffer: str, position: int, special: re.Pattern[str]) -> Decision:
    """Consume ordinary text up to the next character the stage cares about."""
    found = special.search(buffer, position + 1)
    end = found.start() if found else len(buffer)
    return end, buffer[position:end]


def escape_pair(buffer: str, position: int, final: bool) -> Decision | bool:
    """A backslash and the punctuation it escapes pass together; False: not an escape."""
    if position + 1 == len(buffer):
        return (position + 1, "\\") if final else None
    if buffer[position + 1] in ESCAPABLE:
        return position + 2, buffer[position : position + 2]
    return False

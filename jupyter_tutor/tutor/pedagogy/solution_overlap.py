"""How much of an exercise's reference solution an answer reproduces (pure).

Both texts become normalised tokens: names are one placeholder (so renamed variables
match) except keywords, builtins and attributes (``np.linalg.solve`` stays itself);
layout, comments, backticks and the guard's own escapes are gone, and a line break counts
as ``;`` only outside brackets (so a reformatted solution matches). The overlap is the
share of the solution's token n-grams that the answer contains, leaving out those the
student's own code has (quoting their cell back is fine). The threshold was chosen on
``tests/pedagogy/solution_overlap.json`` (see docs/tutor.md).
"""

import builtins
import keyword
import re
from dataclasses import dataclass, replace

# Chosen on tests/pedagogy/solution_overlap.json; see docs/tutor.md.
SOLUTION_OVERLAP_THRESHOLD = 0.6
NGRAM = 4
# A solution with fewer distinctive n-grams than this has nothing to give away.
MIN_NGRAMS = 2

TOKEN = re.compile(
    r"#[^\n]*"  # a comment (or a Markdown heading): dropped
    r"|[A-Za-z_]\w*"
    r"|\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+"
    r"|\"[^\"\n]*\"|'[^'\n]*'"
    r"|\*\*|//|==|!=|<=|>=|->|\+=|-=|\*=|/="
    r"|[-+*/%@<>=!&|^~:;,.()\[\]{}]"
    r"|\n"
)
ESCAPE = re.compile(r"\\([<&(:\[])")
KEPT_NAMES = frozenset(keyword.kwlist) | frozenset(dir(builtins))
OPENING, CLOSING = "([{", ")]}"
NAME = "_"


@dataclass
class _Reader:
    """Tokenises text fed in pieces that end at line ends (no token spans a line), so
    earlier lines are never read again; ``copy`` lets a piece be tried first."""

    depth: int = 0
    after_dot: bool = False
    last: str = ""

    def read(self, text: str) -> list[str]:
        out: list[str] = []
        for token in TOKEN.findall(ESCAPE.sub(r"\1", text.replace("`", " "))):
            if token.startswith("#"):
                continue
            if token in ("\n", ";"):
                if self.depth == 0 and self.last not in ("", ";"):
                    out.append(";")
                    self.last = ";"
                continue
            if token[0] in "\"'":
                token = "'" + token[1:-1] + "'"
            elif token[0].isalpha() or token[0] == "_":
                token = token if self.after_dot or token in KEPT_NAMES else NAME
            self.depth = max(self.depth + (token in OPENING) - (token in CLOSING), 0)
            self.after_dot = token == "."
            self.last = token
            out.append(token)
        return out

    def copy(self) -> "_Reader":
        return replace(self)


def tokens(text: str) -> list[str]:
    return _Reader().read(text)


def _grams(sequence: list[str], size: int = NGRAM) -> set[tuple[str, ...]]:
    return {tuple(sequence[i : i + size]) for i in range(len(sequence) - size + 1)}


def ngrams(text: str, size: int = NGRAM) -> set[tuple[str, ...]]:
    return _grams(tokens(text), size)


class SolutionMatcher:
    """Measures answers against one solution; the student's code is theirs to see."""

    def __init__(self, solution: str, student_code: str = "") -> None:
        self._distinctive = ngrams(solution) - ngrams(student_code)
        self.active = len(self._distinctive) >= MIN_NGRAMS

    def overlap(self, answer: str) -> float:
        return self.share(self._distinctive & ngrams(answer))

    def share(self, found: set[tuple[str, ...]]) -> float:
        return len(found) / len(self._distinctive) if self.active else 0.0

    def found_in(self, sequence: list[str]) -> set[tuple[str, ...]]:
        return self._distinctive & _grams(sequence)


@dataclass
class _Tried:
    """A piece measured but not yet let out: the state it would leave."""

    overlap: float
    reader: _Reader
    recent: list[str]
    found: set[tuple[str, ...]]
    tail: str


class StreamedOverlap:
    """The overlap of an answer let out piece by piece. Complete lines are read once;
    only the unfinished line is read again with each piece, so a long answer costs no
    more per piece than a short one."""

    def __init__(self, matcher: SolutionMatcher) -> None:
        self._matcher = matcher
        self._reader = _Reader()
        # The last tokens of the complete lines, which start n-grams with what follows.
        self._recent: list[str] = []
        self._found: set[tuple[str, ...]] = set()
        self._tail = ""

    def attempt(self, piece: str) -> _Tried:
        """What the overlap would be with ``piece`` let out too."""
        text = self._tail + piece
        cut = text.rfind("\n") + 1
        reader = self._reader.copy()
        lines = self._recent + reader.read(text[:cut])
        found = self._found | self._matcher.found_in(lines)
        recent = lines[-(NGRAM - 1) :]
        unfinished = recent + reader.copy().read(text[cut:])
        overlap = self._matcher.share(found | self._matcher.found_in(unfinished))
        return _Tried(overlap, reader, recent, found, text[cut:])

    def accept(self, tried: _Tried) -> None:
        self._reader, self._recent, self._found, self._tail = (
            tried.reader,
            tried.recent,
            tried.found,
            tried.tail,
        )

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


def tokens(text: str) -> list[str]:
    out: list[str] = []
    depth = 0
    after_dot = False
    for token in TOKEN.findall(ESCAPE.sub(r"\1", text.replace("`", " "))):
        if token.startswith("#"):
            continue
        if token == "\n" or token == ";":
            if depth == 0 and out and out[-1] != ";":
                out.append(";")
            continue
        if token[0] in "\"'":
            token = "'" + token[1:-1] + "'"
        elif token[0].isalpha() or token[0] == "_":
            token = token if after_dot or token in KEPT_NAMES else NAME
        depth = max(depth + (token in OPENING) - (token in CLOSING), 0)
        after_dot = token == "."
        out.append(token)
    return out


def ngrams(text: str, size: int = NGRAM) -> set[tuple[str, ...]]:
    sequence = tokens(text)
    return {tuple(sequence[i : i + size]) for i in range(len(sequence) - size + 1)}


class SolutionMatcher:
    """Measures answers against one solution; the student's code is theirs to see."""

    def __init__(self, solution: str, student_code: str = "") -> None:
        self._distinctive = ngrams(solution) - ngrams(student_code)
        self.active = len(self._distinctive) >= MIN_NGRAMS

    def overlap(self, answer: str) -> float:
        if not self.active:
            return 0.0
        return len(self._distinctive & ngrams(answer)) / len(self._distinctive)

"""Keep solutions out of hints: code blocks, code lines and avoided words (pure).

The model is told the rules, but a student can talk it out of them ("ignore previous
instructions…"). So every answer passes through this guard before the student sees it,
while it streams. First the text is read as it will render (``rendered_text``: encodings,
HTML, invisible characters, images and links to other hosts); then prose goes out word
by word, anything that might be code waits for the end of its line, code blocks are held
until they close, and whatever breaks the level's rules is left out and recorded. A line
the student wrote themselves may always be quoted back.
"""

import ast
import re
from dataclasses import dataclass, field

from .characters import clean_characters
from .levels import HintLevel
from .links import LinkPolicy
from .rendered_text import RenderedText
from .settings import TutorSettings
from .solution_overlap import SOLUTION_OVERLAP_THRESHOLD, SolutionMatcher, StreamedOverlap
from .violations import Violation

FENCE = re.compile(r"^\s*(```|~~~)")
INLINE_CODE = re.compile(r"`([^`\n]+)`")
BLANK = re.compile(r"\s")
LIST_MARKER = re.compile(r"^\s*(?:[-*+>]|\d+[.)])\s+")
BLOCK_KEYWORDS = re.compile(r"^(def|class|for|while|if|elif|else|with|try|except|finally)\b.*:\s*$")
CODE_NODES = (
    ast.Call, ast.Assign, ast.AugAssign, ast.AnnAssign, ast.FunctionDef, ast.AsyncFunctionDef,
    ast.ClassDef, ast.For, ast.While, ast.If, ast.With, ast.Return, ast.Import, ast.ImportFrom,
    ast.Lambda, ast.ListComp, ast.DictComp, ast.SetComp, ast.GeneratorExp, ast.Subscript,
    ast.BinOp, ast.Try, ast.Raise, ast.Assert, ast.Delete,
)  # fmt: skip
# Completions that let a line cut out of a longer statement parse on its own.
CLOSERS = ("", "\n    pass", ")", "])", "]])", "}", "))")

# Characters that may start code; prose is streamed only up to the first of them.
CODE_CHARACTERS = re.compile(r"[=(){}\[\]@]")
PYTHON_KEYWORD = re.compile(
    r"^\s*(def|class|for|while|if|elif|else|with|try|except|import|from|return|print|lambda)\b"
)

# An assignment or a call outside backticks, inside otherwise ordinary prose.
CODE_FRAGMENT = re.compile(
    r"(?<![\w`])[A-Za-z_]\w*(?:\.\w+)*"
    r"(?:\s*[-+*/]?=(?!=)\s*[\w\[(\-'\"]|\([^()\n]*\)|\s*@\s*[A-Za-z_(])"
)

REMOVED_BLOCK = "*(The tutor wrote code here; it was left out so you can write it yourself.)*"
REMOVED_SOLUTION = (
    "*(The rest of this answer gave away the exercise's solution; it was left out so you "
    "can write it yourself.)*"
)
MASK = "…"
# The escapes the rendered text adds, so that a quoted line still matches the student's.
RENDER_ESCAPE = re.compile(r"\\([<&(:\[])")


def _normalise(code: str) -> str:
    return " ".join(RENDER_ESCAPE.sub(r"\1", code).split())


def _parsed(text: str) -> ast.Module | None:
    for closer in CLOSERS:
        try:
            return ast.parse(text + closer)
        except (SyntaxError, ValueError):
            continue
    return None


def looks_like_code(line: str) -> bool:
    text = LIST_MARKER.sub("", line).strip()
    if not text:
        return False
    if BLOCK_KEYWORDS.match(text):
        return True
    tree = _parsed(text)
    return tree is not None and any(isinstance(node, CODE_NODES) for node in ast.walk(tree))


def _statement_end(text: str, start: int, after: int) -> int:
    """Where a statement begun inside a sentence ends: its first part, past ``after``,
    that parses on its own (so "x = f(a, b) and y = 2" holds two)."""
    ends = [blank.start() for blank in BLANK.finditer(text, after)] + [len(text)]
    return next((end for end in ends if _parses(text[start:end])), len(text))


def _parses(code: str) -> bool:
    try:
        ast.parse(code.strip())
    except (SyntaxError, ValueError):
        return False
    return True


@dataclass
class StreamGuard:
    """Feed the model's deltas in; get back only what may reach the student."""

    level: HintLevel
    settings: TutorSettings
    student_code: str = ""
    links: LinkPolicy = field(default_factory=LinkPolicy)
    violations: list[Violation] = field(default_factory=list)
    # The exercise's reference solution (server-side only): below the code-allowed level,
    # nothing goes out once what was shown would reproduce it.
    solution: str = ""

    def __post_init__(self) -> None:
        self._rendered = RenderedText(self.links, self.violations)
        self._solution = SolutionMatcher(self.solution, self.student_code)
        self._shown = StreamedOverlap(self._solution)
        self._solution_withheld = False
        self._pending = ""
        # Part of the current line has gone out as prose already.
        self._streaming_prose = False
        self._block: list[str] | None = None
        self._code_lines = 0
        self._own_lines = {
            _normalise(line)
            for line in clean_characters(self.student_code).splitlines()
            if line.strip()
        }
        words = sorted(self.settings.avoid, key=len, reverse=True)
        self._avoid = (
            re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)
            if words
            else None
        )
        # Hold back enough of the line that an avoided phrase is never split.
        self._margin = max((len(word) for word in words), default=0) + 1

    def feed(self, delta: str) -> str:
        return self._short_of_solution(self._guard_rendered(self._rendered.feed(delta)))

    def _short_of_solution(self, piece: str) -> str:
        """``piece`` unless, with what was shown, it would give the solution away; from
        then on nothing more of the answer goes out."""
        if not piece or not self._solution.active or not self._limited():
            return piece
        if self._solution_withheld:
            return ""
        tried = self._shown.attempt(piece)
        if tried.overlap >= SOLUTION_OVERLAP_THRESHOLD:
            self._solution_withheld = True
            self.violations.append(Violation("solution", f"overlap {tried.overlap:.2f}"))
            return ""
        self._shown.accept(tried)
        return piece

    def _guard_rendered(self, text: str) -> str:
        self._pending += text
        out: list[str] = []
        while "\n" in self._pending:
            line, self._pending = self._pending.split("\n", 1)
            out.append(self._line(line + "\n"))
        out.append(self._prose_prefix())
        return "".join(out)

    def _prose_prefix(self) -> str:
        """Stream the safe start of an unfinished line: words, before anything code-like."""
        if self._block is not None or not self._pending.strip():
            return ""
        # Mask first: with the margin held back, no avoided phrase can straddle the cut.
        line = self._pending = self._mask_avoided(self._pending)
        starts_oddly = line.lstrip()[:1] in ("`", "~") or line[:1] in " \t"
        if not self._streaming_prose and (starts_oddly or PYTHON_KEYWORD.match(line)):
            return ""  # may be a fence, an indented code line or a statement
        code = CODE_CHARACTERS.search(line)
        # The word before a code character belongs to the code ("x = …", "np.dot(…").
        limit = len(line[: code.start()].rstrip()) if code else len(line)
        limit = min(limit, len(line) - self._margin)
        if limit <= 0:
            return ""
        cut = max(line.rfind(" ", 0, limit), line.rfind("\t", 0, limit))
        if cut <= 0:
            return ""
        prefix = line[: cut + 1]
        if prefix.count("`") % 2:
            return ""  # inside an inline code span
        self._pending = line[cut + 1 :]
        self._streaming_prose = True
        return prefix

    def finish(self) -> str:
        tail = self._guard_rendered(self._rendered.finish())
        tail += self._line(self._pending) if self._pending else ""
        self._pending = ""
        if self._block is not None:  # an unclosed fence still counts as a block
            tail += self._close_block()
        tail = self._short_of_solution(tail)
        return tail + ("\n\n" + REMOVED_SOLUTION if self._solution_withheld else "")

    def _limited(self) -> bool:
        return self.level.number < self.settings.code_allowed_level

    def _budget_allows(self, lines: int) -> bool:
        limit = self.level.max_code_lines
        return not self._limited() or limit is None or self._code_lines + lines <= limit

    def _is_own(self, code: str) -> bool:
        return _normalise(code) in self._own_lines

    def _line(self, line: str) -> str:
        if self._block is not None:
            self._block.append(line)
            return self._close_block() if FENCE.match(line) else ""
        continues_prose, self._streaming_prose = self._streaming_prose, False
        if FENCE.match(line) and not continues_prose:
            self._block = [line]
            return ""
        if self._limited() and not self._is_own(line):
            if looks_like_code(line):
                if not self._budget_allows(1):
                    self.violations.append(Violation("code_line", line.strip()))
                    return ""
                self._code_lines += 1
            else:
                line = self._code_in_prose(line)
        return self._mask_avoided(self._inline_code(line))

    def _code_in_prose(self, line: str) -> str:
        """Code written into a sentence ("the fix: B = np.eye(2)"): each statement counts."""
        prose = INLINE_CODE.sub(lambda m: " " * len(m.group(0)), line)
        start = 0
        while fragment := CODE_FRAGMENT.search(prose, start):
            if not self._is_own(line[fragment.start() :]):
                if not self._budget_allows(1):
                    self.violations.append(Violation("code_line", line[fragment.start() :].strip()))
                    return line[: fragment.start()] + MASK + ("\n" if line.endswith("\n") else "")
                self._code_lines += 1
            start = _statement_end(prose, fragment.start(), fragment.end())
        return line

    def _inline_code(self, line: str) -> str:
        if not self._limited():
            return line

        def keep_or_drop(match: re.Match) -> str:
            code = match.group(1)
            if self._is_own(code) or not looks_like_code(code):
                return match.group(0)
            if self._budget_allows(1):
                self._code_lines += 1
                return match.group(0)
            self.violations.append(Violation("inline_code", code))
            return f"`{MASK}`"

        return INLINE_CODE.sub(keep_or_drop, line)

    def _close_block(self) -> str:
        block, self._block = self._block or [], None
        body = [line for line in block[1:] if not FENCE.match(line) and line.strip()]
        code = [line for line in body if not self._is_own(line)]
        if self._budget_allows(len(code)):
            self._code_lines += len(code) if self._limited() else 0
            return self._mask_avoided("".join(block))
        self.violations.append(Violation("code_block", "".join(body).strip()[:200]))
        return REMOVED_BLOCK + "\n"

    def _mask_avoided(self, text: str) -> str:
        if self._avoid is None:
            return text

        def mask(match: re.Match) -> str:
            self.violations.append(Violation("avoid_term", match.group(0)))
            return MASK

        return self._avoid.sub(mask, text)


def guard(
    text: str,
    level: HintLevel,
    settings: TutorSettings,
    student_code: str = "",
    links: LinkPolicy | None = None,
    solution: str = "",
) -> tuple[str, list[Violation]]:
    """The whole answer at once: the cleaned text and what was taken out."""
    stream = StreamGuard(level, settings, student_code, links or LinkPolicy(), solution=solution)
    cleaned = stream.feed(text) + stream.finish()
    return cleaned, stream.violations

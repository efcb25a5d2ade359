"""Images and links in an answer: nothing may carry the student's context off-site (pure).

A rendered image is fetched without a click, a rendered link sends whatever its address
holds to the host it names. So images never reach the student, and a link keeps its
address only when it stays on the server (a relative address) or points at one of the
allowed documentation hosts over https without a query string; otherwise only its
text is shown.
"""

import html
import re
from dataclasses import dataclass
from typing import Literal

from .markup_grammar import NEED_MORE
from .scanning import Decision, Stage, escape_pair, plain_run
from .violations import Violation

DEFAULT_LINK_HOSTS = (
    "docs.python.org",
    "numpy.org",
    "docs.scipy.org",
    "matplotlib.org",
    "pandas.pydata.org",
)
LINK_REMOVED = "*(link removed)*"
IMAGE_REMOVED = "*(image removed)*"

# An address the allowed hosts may keep: nothing in it that Markdown would read twice.
ALLOWED_URL = re.compile(
    r"https://(?P<host>[A-Za-z0-9.-]+)(?:/[A-Za-z0-9\-._~/%!$&*+,;=:@]*)?"
    r"(?:#[A-Za-z0-9\-._~/%!$&*+,;=:@?]*)?",
    re.IGNORECASE,
)
HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9]")
SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
BACKSLASH_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
URL_NOISE = re.compile(r"[\t\n\r]")
C0_AND_SPACE = "".join(map(chr, range(0x21)))
# Characters that would end a Markdown destination, written as the browser would send them.
DESTINATION_ESCAPES = str.maketrans({" ": "%20", "(": "%28", ")": "%29", "<": "%3C", ">": "%3E"})


@dataclass(frozen=True)
class LinkPolicy:
    hosts: frozenset[str] = frozenset(DEFAULT_LINK_HOSTS)

    def allows(self, address: str) -> bool:
        """An https address on an allowed host, without query, user or port."""
        match = ALLOWED_URL.fullmatch(as_browser_reads(address))
        return bool(match) and match.group("host").lower().rstrip(".") in self.hosts

    def keeps(self, destination: str) -> bool:
        """A link may keep this destination: allowed, or on this server."""
        address = as_browser_reads(destination)
        if self.allows(address):
            return True
        return not SCHEME.match(address) and not address.startswith("//")


def link_hosts(hosts: list[str] | tuple[str, ...]) -> list[str]:
    """Host names for the allow-list, in lower case; anything else is refused."""
    names = [host.strip().lower().rstrip(".") for host in hosts]
    wrong = [host for host, name in zip(hosts, names, strict=True) if not HOST.fullmatch(name)]
    if wrong:
        raise ValueError(f"not a host name (like docs.python.org): {', '.join(map(repr, wrong))}")
    return names


def markdown_destination(destination: str) -> str:
    """A kept destination written plainly: no ``<…>``, no title, nothing that ends it."""
    address = destination.strip()
    if address.startswith("<") and address.endswith(">"):
        address = address[1:-1]
    return " ".join(address.split()).translate(DESTINATION_ESCAPES)


def as_browser_reads(destination: str) -> str:
    """The address a browser ends up with for a Markdown destination."""
    address = destination.strip()
    if address.startswith("<") and address.endswith(">"):
        address = address[1:-1]
    address = html.unescape(BACKSLASH_ESCAPE.sub(r"\1", address))
    # Browsers drop tabs and line breaks anywhere, trim controls and spaces, and read a
    # backslash as a slash.
    return URL_NOISE.sub("", address).strip(C0_AND_SPACE).replace("\\", "/")


Found = tuple[int, str] | Literal["need more"] | None
LINE_END = re.compile(r"\n[ \t]*")


def blank_line_at(buffer: str, index: int, final: bool) -> bool | Literal["need more"]:
    """Does the line break at ``index`` start a blank line (which ends any construct)?"""
    end = LINE_END.match(buffer, index)
    assert end is not None
    if end.end() == len(buffer):
        return True if final else NEED_MORE
    return buffer[end.end()] == "\n"


def skip_blanks(buffer: str, index: int) -> int:
    """Spaces and tabs, and at most one line break among them."""
    while index < len(buffer) and buffer[index] in " \t":
        index += 1
    if index < len(buffer) and buffer[index] == "\n":
        index += 1
        while index < len(buffer) and buffer[index] in " \t":
            index += 1
    return index


def _closing(
    buffer: str, index: int, closer: str, final: bool, opener: str = ""
) -> int | Literal["need more"] | None:
    """Where ``closer`` ends a title, a ``<…>`` destination or (nesting ``opener``) a
    bracket; escapes are skipped and a blank line ends the search."""
    depth = 0
    while index < len(buffer):
        char = buffer[index]
        if char == "\\":
            index += 2
            continue
        if char == closer:
            if depth == 0:
                return index
            depth -= 1
        elif char == opener:
            depth += 1
        elif closer == ">" and char in "<\n":
            return None
        elif char == "\n" and (stop := blank_line_at(buffer, index, final)):
            return None if stop is True else NEED_MORE
        index += 1
    return None if final else NEED_MORE


def _bare_destination(buffer: str, index: int) -> int:
    """The end of a destination written without ``<…>``: balanced parentheses, no blanks."""
    depth = 0
    while index < len(buffer):
        char = buffer[index]
        if char == "\\":
            index += 2
            continue
        if char.isspace() or ord(char) < 0x20 or (char == ")" and depth == 0):
            return index
        depth += {"(": 1, ")": -1}.get(char, 0)
        index += 1
    return len(buffer)


def inline_destination(buffer: str, index: int, final: bool) -> Found:
    """``dest "title")`` after a link's ``](``: the end past ``)`` and the destination."""
    more = None if final else NEED_MORE
    index = skip_blanks(buffer, index)
    if index >= len(buffer):
        return more
    start = index
    if buffer[index] == "<":
        close = _closing(buffer, index + 1, ">", final)
        if not isinstance(close, int):
            return close
        index = close + 1
    else:
        index = _bare_destination(buffer, index)
        if index >= len(buffer):
            return more
    destination = buffer[start:index]
    after = skip_blanks(buffer, index)
    if after >= len(buffer):
        return more
    if buffer[after] in "\"'(" and after > index:
        close = _closing(buffer, after + 1, ")" if buffer[after] == "(" else buffer[after], final)
        if not isinstance(close, int):
            return close
        after = skip_blanks(buffer, close + 1)
        if after >= len(buffer):
            return more
    return (after + 1, destination) if buffer[after] == ")" else None


def definition_destination(buffer: str, index: int, final: bool) -> Found:
    """The destination after a reference definition's ``[label]:``."""
    index = skip_blanks(buffer, index)
    if index >= len(buffer):
        return None if final else NEED_MORE
    if buffer[index] == "<":
        close = _closing(buffer, index + 1, ">", final)
        return (close + 1, buffer[index : close + 1]) if isinstance(close, int) else close
    end = _bare_destination(buffer, index)
    while end < len(buffer) and buffer[end] == ")":  # a definition has no closing parenthesis
        end = _bare_destination(buffer, end + 1)
    if end == len(buffer) and not final:
        return NEED_MORE
    return (end, buffer[index:end]) if end > index else None


def closing_bracket(buffer: str, start: int, final: bool) -> int | Literal["need more"] | None:
    """The ``]`` matching the ``[`` at ``start``, brackets nested, escapes skipped."""
    return _closing(buffer, start + 1, "]", final, "[")


LINK_SPECIAL = re.compile(r"[!\[\\]")


class MarkdownLinks(Stage):
    """Markdown images become their text; links keep their address only if allowed."""

    def __init__(self, policy: LinkPolicy, violations: list[Violation]) -> None:
        super().__init__()
        self._policy = policy
        self._violations = violations

    def _step(self, buffer: str, position: int, final: bool) -> Decision:
        char = buffer[position]
        if char == "\\":
            pair = escape_pair(buffer, position, final)
            return pair if pair is not False else (position + 1, "\\")
        if char == "!":
            if position + 1 == len(buffer):
                return (position + 1, "!") if final else None
            if buffer[position + 1] == "[":
                return self._bracket(buffer, position, position + 1, final)
            return position + 1, "!"
        if char == "[":
            return self._bracket(buffer, position, position, final)
        return plain_run(buffer, position, LINK_SPECIAL)

    def _bracket(self, buffer: str, position: int, start: int, final: bool) -> Decision:
        image = start > position
        close = closing_bracket(buffer, start, final)
        if close == NEED_MORE:
            return None
        if close is None:
            return start + 1, buffer[position : start + 1]
        assert isinstance(close, int)
        text = buffer[start + 1 : close]
        after = close + 1
        if after == len(buffer) and not final:
            return None
        following = buffer[after : after + 1]
        if following == "(":
            found = inline_destination(buffer, after + 1, final)
            if found == NEED_MORE:
                return None
            if isinstance(found, tuple):
                end, destination = found
                if image:
                    return end, self._image(text, destination)
                return end, self._link(text, destination)
        elif following == ":" and not image:
            found = definition_destination(buffer, after + 1, final)
            if found == NEED_MORE:
                return None
            if isinstance(found, tuple):
                end, destination = found
                if self._policy.keeps(destination):
                    return end, buffer[position:end]
                self._violations.append(Violation("link", destination[:200]))
                return end, ""
        elif following == "[" and image:  # ![alt][label]
            label = closing_bracket(buffer, after, final)
            if label == NEED_MORE:
                return None
            if isinstance(label, int):
                return label + 1, self._image(text, buffer[after : label + 1])
        if image:  # a reference image: its address is somewhere else, it still loads
            return after, self._image(text, f"[{text}]")
        return start + 1, "["

    def _inner(self, text: str) -> str:
        inner = MarkdownLinks(self._policy, self._violations)
        return inner.feed(text) + inner.finish()

    def _image(self, text: str, destination: str) -> str:
        self._violations.append(Violation("image", destination[:200]))
        alt = self._inner(text)
        return alt if alt.strip() else IMAGE_REMOVED

    def _link(self, text: str, destination: str) -> str:
        inner = self._inner(text)
        if self._policy.keeps(destination):
            return f"[{inner}]({markdown_destination(destination)})"
        self._violations.append(Violation("link", destination[:200]))
        return inner if inner.strip() else LINK_REMOVED

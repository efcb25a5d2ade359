"""The last stage: nothing left in the answer can render as HTML, an image or a link.

The stages before it rewrite markup for readability, and rewriting can join pieces into
something new (a tag removed between ``]`` and ``(``). This stage only adds escapes and
never joins, so what it lets through is final: ``<`` that would start HTML becomes
``\\<``, a character reference that would still decode becomes ``\\&``, ``![`` becomes
``!\\[``, a link or reference definition to another host loses its ``(`` / ``:`` to an
escape, and bare addresses outside the allowed hosts are replaced.
"""

import html
import re

from .characters import ENTITY, ENTITY_START
from .links import (
    LINK_REMOVED,
    LinkPolicy,
    definition_destination,
    inline_destination,
)
from .markup_grammar import NEED_MORE, markup_at
from .scanning import Decision, Stage, escape_pair, plain_run
from .violations import Violation

SPECIAL = re.compile(r"[<&!\]\\\nhHfFwW]")
URL_START = re.compile(r"https?://|ftp://|www\.", re.IGNORECASE)
URL_STARTS = ("https://", "http://", "ftp://", "www.")
URL_END = re.compile(r"[\s<>\"'`]")
TRAILING = "?!.,:;*_~"
# Tag names of embedded content: escaped even where no tag can form, so none ever shows.
EMBEDDING = re.compile(
    r"<(?:audio|base|embed|form|frame|iframe|image|img|input|link|meta|object|picture|script"
    r"|source|style|svg|video)",
    re.IGNORECASE,
)
NAME_CHARACTER = re.compile(r"[A-Za-z0-9_-]")
# Only blanks and container markers (quotes, list bullets) before it: a block starts here.
BLOCK_START = re.compile(r"[ \t>*+\-0-9.)]*")


class Inert(Stage):
    def __init__(self, policy: LinkPolicy, violations: list[Violation]) -> None:
        super().__init__()
        self._policy = policy
        self._violations = violations
        self._block_start = True

    def _step(self, buffer: str, position: int, final: bool) -> Decision:
        decision = self._decide(buffer, position, final)
        if decision is not None:
            emitted = decision[1]
            if "\n" in emitted:
                self._block_start = bool(BLOCK_START.fullmatch(emitted.rsplit("\n", 1)[1]))
            elif self._block_start:
                self._block_start = bool(BLOCK_START.fullmatch(emitted))
        return decision

    def _decide(self, buffer: str, position: int, final: bool) -> Decision:
        char = buffer[position]
        if char == "\\":
            pair = escape_pair(buffer, position, final)
            return pair if pair is not False else (position + 1, "\\")
        if char in "<&!]" and position + 1 == len(buffer):
            return (position + 1, char) if final else None
        if char == "<":
            return self._angle(buffer, position, final)
        if char == "&":
            return self._ampersand(buffer, position, final)
        if char == "!":
            return position + 1, "!\\" if buffer[position + 1] == "[" else "!"
        if char == "]":
            return self._bracket(buffer, position, final)
        if char in "hHfFwW":
            return self._address(buffer, position, final)
        return plain_run(buffer, position, SPECIAL)

    def _angle(self, buffer: str, position: int, final: bool) -> Decision:
        following = buffer[position + 1]
        if following in "!?":
            return position + 1, "\\<"
        if following == "/":
            if position + 2 == len(buffer):
                return (position + 1, "<") if final else None
            return position + 1, "\\<" if buffer[position + 2].isascii() and buffer[
                position + 2
            ].isalpha() else "<"
        if not (following.isascii() and following.isalpha()):
            return position + 1, "<"
        embedding = EMBEDDING.match(buffer, position)
        if embedding and embedding.end() == len(buffer) and not final:
            return None
        if self._block_start or (embedding and not NAME_CHARACTER.match(buffer, embedding.end())):
            return position + 1, "\\<"  # would open an HTML block, or names embedded content
        # Unfinished at the very end counts as markup too: nothing may look like a tag.
        markup = markup_at(buffer, position, final=False)
        if markup == NEED_MORE and not final:
            return None
        return position + 1, "<" if markup is None else "\\<"

    def _ampersand(self, buffer: str, position: int, final: bool) -> Decision:
        entity = ENTITY.match(buffer, position)
        if entity:
            decodes = html.unescape(entity.group(0)) != entity.group(0)
            return position + 1, "\\&" if decodes else "&"
        start = ENTITY_START.match(buffer, position)
        if not final and start and start.end() == len(buffer):
            return None
        return position + 1, "&"

    def _bracket(self, buffer: str, position: int, final: bool) -> Decision:
        following = buffer[position + 1]
        if following not in "(:":
            return position + 1, "]"
        finder = inline_destination if following == "(" else definition_destination
        found = finder(buffer, position + 2, final)
        if found == NEED_MORE:
            return None
        if not isinstance(found, tuple):
            return position + 1, "]"
        if self._policy.keeps(found[1]):  # the address itself is read on as text
            return position + 2, "]" + following
        destination = found[1]
        self._violations.append(Violation("link", destination[:200]))
        return position + 2, "]\\" + following

    def _address(self, buffer: str, position: int, final: bool) -> Decision:
        if not URL_START.match(buffer, position):
            rest = buffer[position:].lower()
            if not final and any(start.startswith(rest) for start in URL_STARTS):
                return None
            return position + 1, buffer[position]
        end = URL_END.search(buffer, position)
        if end is None and not final:
            return None
        stop = end.start() if end else len(buffer)
        address = buffer[position:stop]
        while address and (
            address[-1] in TRAILING
            or (address[-1] == ")" and address.count(")") > address.count("("))
        ):
            address = address[:-1]
        trailing = buffer[position + len(address) : stop]
        if self._policy.allows(address):
            return stop, address + trailing
        self._violations.append(Violation("link", address[:200]))
        return stop, LINK_REMOVED + trailing

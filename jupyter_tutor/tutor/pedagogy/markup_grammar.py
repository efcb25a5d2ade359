"""Which ``<…>`` runs a Markdown renderer treats as HTML (pure).

The grammar is CommonMark's raw HTML and autolinks, as the renderer JupyterLab uses
(marked) reads them: open and closing tags with their attributes, comments, processing
instructions, declarations, CDATA, and ``<scheme:…>`` autolinks. A run that does not
match is shown as text.
"""

import re
from dataclasses import dataclass, field
from typing import Literal

from .scanning import BLANK_LINE

_ATTRIBUTE = (
    r"\s+([A-Za-z:_][A-Za-z0-9_.:-]*)"
    r"(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'=<>`]+)))?"
)
ATTRIBUTE = re.compile(_ATTRIBUTE)
OPEN_TAG = re.compile(rf"<([A-Za-z][A-Za-z0-9_-]*)((?:{_ATTRIBUTE})*?)\s*(?P<slash>/?)>")
CLOSING_TAG = re.compile(r"</([A-Za-z][A-Za-z0-9_:-]*)\s*>")
OTHER = re.compile(
    r"<!--(?:-?>|[\s\S]*?-->)|<\?[\s\S]*?\?>|<![A-Za-z]+\s[\s\S]*?>|<!\[CDATA\[[\s\S]*?\]\]>"
)
AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s\x00-\x1f<>]*)>")
GRAMMAR = (OTHER, CLOSING_TAG, OPEN_TAG, AUTOLINK)
# Endings that complete any unfinished run that can still become markup.
COMPLETIONS = (">", "x>", '">', "'>", "->", "-->", "?>", "]]>", " x>", ":>")
LONG_STARTS = ("<!--", "<![CDATA[")

NEED_MORE: Literal["need more"] = "need more"


@dataclass(frozen=True)
class Markup:
    end: int
    kind: Literal["open", "close", "other", "autolink"]
    name: str  # the tag's name in lower case, or the autolink's address
    attributes: dict[str, str] = field(default_factory=dict)
    self_closing: bool = False


def _attributes(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for match in ATTRIBUTE.finditer(text):
        value = next((group for group in match.groups()[1:] if group is not None), "")
        found.setdefault(match.group(1).lower(), value)
    return found


def markup_at(buffer: str, position: int, final: bool) -> Markup | Literal["need more"] | None:
    """The markup starting at ``buffer[position]`` (a ``<``), if the renderer sees one."""
    for pattern in GRAMMAR:
        match = pattern.match(buffer, position)
        if match and not BLANK_LINE.search(match.group(0)):
            if pattern is OPEN_TAG:
                return Markup(
                    match.end(),
                    "open",
                    match.group(1).lower(),
                    _attributes(match.group(2)),
                    bool(match.group("slash")),
                )
            if pattern is CLOSING_TAG:
                return Markup(match.end(), "close", match.group(1).lower())
            if pattern is AUTOLINK:
                return Markup(match.end(), "autolink", match.group(1))
            return Markup(match.end(), "other", "")
    if not final and could_become_markup(buffer[position:]):
        return NEED_MORE
    return None


def could_become_markup(text: str) -> bool:
    """More input could still make ``text`` (from its ``<``) one piece of markup."""
    if BLANK_LINE.search(text):
        return False
    if any(start.startswith(text) for start in LONG_STARTS):
        return True
    return any(pattern.fullmatch(text + ending) for ending in COMPLETIONS for pattern in GRAMMAR)

"""Characters as the student's screen shows them (pure).

A model can hide a keyword or a fence from a text check with characters that render as
nothing (zero-width spaces, bidi controls, soft hyphens), as something else (fullwidth
or mathematical letters, non-breaking spaces) or as HTML character references
(``&#96;``, ``&lt;``). Folding them first means the guard reads what the student reads.
"""

import html
import re
import string
import unicodedata

from .scanning import Decision, Stage, plain_run

# Invisible or format characters: category Cf plus the other default-ignorable code
# points (combining grapheme joiner, Hangul fillers, Khmer inherent vowels, Mongolian
# variation selectors, variation selectors, tags) and C0/C1 controls but tab and newline.
_INVISIBLE_RANGES = (
    "\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u034f\u115f\u1160\u17b4\u17b5"
    "\u180b-\u180f\u3164\ufe00-\ufe0f\uffa0\U000e0000-\U000e0fff"
)
INVISIBLE = re.compile(f"[{_INVISIBLE_RANGES}]")
# Blanks that render as a space, and separators that render as a line break.
AS_SPACE = {"\u2800": " ", "\u1680": " "}
AS_NEWLINE = re.compile("\r\n?|[\u2028\u2029]")
# Compatibility forms a reader does not take for plain letters keep their look: the
# ellipsis (the guard's own mark, and the offline hints'), super-/subscript digits and
# signs (x², 10⁻³), vulgar fractions.
_KEEP_TAGS = ("<super>", "<sub>", "<fraction>")
_KEEP_SCRIPT = frozenset("0123456789+\u2212")
# Starters that compose with the character before them (the second half of a canonical
# pair): a chunk must not be cut before one. tests/pedagogy/test_rendered_text.py
# checks the list against the running Python's Unicode data.
JOINS_PREVIOUS = frozenset(
    "\u09be\u09d7\u0b3e\u0b56\u0b57\u0bbe\u0bd7\u0cc2\u0cd5\u0cd6\u0d3e\u0d57\u0dcf\u0ddf"
    "\u0fb5\u0fb7\u102e\u1b35\U00011127\U0001133e\U00011357\U000114b0\U000114ba"
    "\U000114bd\U000115af\U00011930"
    + "".join(map(chr, range(0x1161, 0x1176)))  # Hangul vowels and trailing consonants
    + "".join(map(chr, range(0x11A8, 0x11C3)))
)
# ASCII that nothing after it can compose with: a chunk may end right after one.
ENDS_CLEANLY = frozenset(string.digits + string.punctuation + " \t\n") - set("<=>")
SURROGATE_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _kept_as_is(char: str) -> bool:
    if char == "\u2026":
        return True
    tag = unicodedata.decomposition(char).split(" ", 1)[0]
    return tag == "<fraction>" or (
        tag in _KEEP_TAGS and unicodedata.normalize("NFKC", char) in _KEEP_SCRIPT
    )


def _fold(text: str) -> str:
    """NFKC, except for the characters kept as they look."""
    out: list[str] = []
    start = 0
    for index, char in enumerate(text):
        if not char.isascii() and unicodedata.decomposition(char) and _kept_as_is(char):
            out.append(unicodedata.normalize("NFKC", text[start:index]) + char)
            start = index + 1
    out.append(unicodedata.normalize("NFKC", text[start:]))
    return "".join(out)


def _invisible(char: str) -> bool:
    return bool(INVISIBLE.match(char)) or unicodedata.category(char) == "Cf"


def _drop_invisible(text: str) -> str:
    return "".join(AS_SPACE.get(c, c) for c in text if not _invisible(c))


def clean_characters(text: str) -> str:
    """Line breaks, invisible characters and compatibility forms of a complete text."""
    text = SURROGATE_PAIR.sub(
        lambda m: m.group(0).encode("utf-16", "surrogatepass").decode("utf-16"), text
    )
    text = LONE_SURROGATE.sub("\ufffd", text)
    text = _drop_invisible(AS_NEWLINE.sub("\n", text))
    return _drop_invisible(AS_NEWLINE.sub("\n", _fold(text)))


def _stable_start(char: str) -> bool:
    """Nothing before this character can change how it, or what follows, normalises."""
    if _invisible(char) or char in "\n\r" or LONE_SURROGATE.match(char):
        return False
    first = unicodedata.normalize("NFKC", char)[:1] or char
    return all(unicodedata.combining(c) == 0 and c not in JOINS_PREVIOUS for c in (char, first))


class Characters(Stage):
    """``clean_characters`` while streaming: holds the tail from the last stable start."""

    window = None  # it holds no construct, only the last few characters

    def _step(self, buffer: str, position: int, final: bool) -> Decision:
        if final or buffer[-1] in ENDS_CLEANLY:
            return len(buffer), clean_characters(buffer[position:])
        cut = len(buffer) - 1
        while cut > position and not (_stable_start(buffer[cut]) and buffer[cut - 1] != "\r"):
            cut -= 1
        if cut <= position:
            return None
        return cut, clean_characters(buffer[position:cut])


ENTITY = re.compile(r"&#?[A-Za-z0-9_]+;")
ENTITY_START = re.compile(r"&#?[A-Za-z0-9_]*")
AMPERSAND = re.compile("&")


class Entities(Stage):
    """HTML character references decoded, as the browser shows them.

    Only ``&…;`` forms are decoded: Markdown renderers escape a bare ``&`` otherwise.
    One pass, like the browser's: ``&amp;lt;`` shows as ``&lt;`` (the inert stage keeps
    it that way); what a reference decodes to is cleaned like any other character.
    """

    def _step(self, buffer: str, position: int, final: bool) -> Decision:
        if buffer[position] != "&":
            return plain_run(buffer, position, AMPERSAND)
        entity = ENTITY.match(buffer, position)
        if entity:
            decoded = html.unescape(entity.group(0))
            if decoded != entity.group(0):
                decoded = clean_characters(decoded)
            return entity.end(), decoded
        start = ENTITY_START.match(buffer, position)
        if not final and start and start.end() == len(buffer):
            return None
        return position + 1, "&"

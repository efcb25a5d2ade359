"""HTML in an answer, turned into the Markdown the guard already reads (pure).

JupyterLab's sanitizer lets many tags through, so ``<pre><code>…`` shows as a code block
and ``de<b></b>f`` as ``def``. Here every tag the renderer would see goes: code tags
become Markdown code (backticks, a fenced block for ``<pre>``) so the same budget
applies, block tags become line breaks, links keep their text (and their address if
allowed), images and embedded content are dropped. Inside a Markdown code fence tags
are text, as the renderer shows them.
"""

import re

from .links import IMAGE_REMOVED, LINK_REMOVED, LinkPolicy, markdown_destination
from .markup_grammar import NEED_MORE, Markup, markup_at
from .scanning import Decision, Stage, escape_pair, plain_run
from .violations import Violation

INLINE_CODE_TAGS = frozenset({"code", "kbd", "samp", "tt", "var"})
PRE_TAGS = frozenset({"pre", "xmp", "listing", "plaintext"})
BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "center",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "section",
        "summary",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "ul",
    ]
)
CELL_TAGS = frozenset({"td", "th"})
# Tags whose address is fetched as the answer renders (the others open on a click).
LOADING_TAGS = frozenset(
    [
        "audio",
        "embed",
        "frame",
        "iframe",
        "image",
        "img",
        "input",
        "link",
        "object",
        "picture",
        "script",
        "source",
        "style",
        "svg",
        "track",
        "use",
        "video",
    ]
)
URL_ATTRIBUTES = frozenset(
    [
        "action",
        "archive",
        "background",
        "codebase",
        "data",
        "dynsrc",
        "formaction",
        "href",
        "icon",
        "lowsrc",
        "manifest",
        "ping",
        "poster",
        "src",
        "srcset",
        "xlink:href",
    ]
)
LOADING_ATTRIBUTES = URL_ATTRIBUTES - {"action", "formaction", "href", "ping"}
CSS_URL = re.compile(r"url\s*\(|image-set\s*\(|@import", re.IGNORECASE)
FENCE_OPENER = re.compile(r" {0,3}(`{3,}|~{3,})(.*)")
TAG_SPECIAL = re.compile(r"[<\\\n]")


class HtmlTags(Stage):
    def __init__(self, policy: LinkPolicy, violations: list[Violation]) -> None:
        super().__init__()
        self._policy = policy
        self._violations = violations
        self._line = ""  # the input line so far, to follow Markdown fences
        self._fence: str | None = None  # the fence we are in, e.g. "```"
        self._code = 0  # open inline code tags
        self._pre = 0  # open <pre> tags
        self._anchors: list[str | None] = []  # open <a> tags: the address each keeps

    def _step(self, buffer: str, position: int, final: bool) -> Decision:
        decision = self._decide(buffer, position, final)
        if decision is not None:
            self._follow_lines(buffer[position : decision[0]])
        return decision

    def _decide(self, buffer: str, position: int, final: bool) -> Decision:
        char = buffer[position]
        if char == "\n":
            return position + 1, "`\n`" if self._code else "\n"
        if self._fence and not self._pre:
            end = buffer.find("\n", position)
            end = len(buffer) if end < 0 else end
            return end, buffer[position:end]
        if char == "\\":
            pair = escape_pair(buffer, position, final)
            return pair if pair is not False else (position + 1, "\\")
        if char != "<":
            return plain_run(buffer, position, TAG_SPECIAL)
        markup = markup_at(buffer, position, final)
        if markup == NEED_MORE:
            return None
        if markup is None:
            return position + 1, "<"
        assert isinstance(markup, Markup)
        return markup.end, self._markup(markup)

    def _follow_lines(self, consumed: str) -> None:
        """Markdown fences open and close on whole lines of the input."""
        *complete, self._line = (self._line + consumed).split("\n")
        for line in complete:
            self._fence_line(line)

    def _fence_line(self, line: str) -> None:
        if self._pre:
            return
        opener = FENCE_OPENER.fullmatch(line)
        if self._fence is None:
            if opener and not (opener.group(1)[0] == "`" and "`" in opener.group(2)):
                self._fence = opener.group(1)
        elif opener and opener.group(1).startswith(self._fence) and not opener.group(2).strip():
            self._fence = None  # closed by a run of the same character, at least as long

    def _markup(self, markup: Markup) -> str:
        if markup.kind == "other":
            return ""
        if markup.kind == "autolink":
            if self._policy.allows(markup.name):
                return markup.name
            self._violations.append(Violation("link", markup.name[:200]))
            return LINK_REMOVED
        if markup.kind == "close":
            return self._close_tag(markup.name)
        self._record_addresses(markup)
        return self._open_tag(markup)

    def _record_addresses(self, markup: Markup) -> None:
        addresses = [
            value
            for name, value in markup.attributes.items()
            if name in URL_ATTRIBUTES
            and value.strip()
            and not (markup.name == "a" and name == "href")
        ]
        style = markup.attributes.get("style", "")
        if addresses or CSS_URL.search(style):
            loads = (
                markup.name in LOADING_TAGS
                or bool(CSS_URL.search(style))
                or any(name in LOADING_ATTRIBUTES for name in markup.attributes)
            )
            detail = (addresses or [style])[0][:200]
            self._violations.append(Violation("image" if loads else "link", detail))

    def _open_tag(self, markup: Markup) -> str:
        name = markup.name
        if markup.self_closing and name in INLINE_CODE_TAGS | PRE_TAGS | {"a"}:
            return ""
        if name in INLINE_CODE_TAGS and not self._pre:
            self._code += 1
            return "`" if self._code == 1 else ""
        if name in PRE_TAGS:
            self._pre += 1
            if self._pre > 1:
                return ""
            closing_code, self._code = "`" if self._code else "", 0
            return closing_code + "\n```\n"
        if name == "a":
            return self._open_anchor(markup.attributes.get("href"))
        if name in ("img", "image"):
            alt = " ".join(markup.attributes.get("alt", "").split())
            return alt or (IMAGE_REMOVED if markup.attributes.get("src") else "")
        if name == "br":
            return "`\n`" if self._code else "\n"
        if name in BLOCK_TAGS:
            return "\n"
        return " " if name in CELL_TAGS else ""

    def _open_anchor(self, href: str | None) -> str:
        if href is not None and self._policy.keeps(href) and href.strip():
            self._anchors.append(markdown_destination(href))
            return "["
        if href is not None and href.strip():
            self._violations.append(Violation("link", href[:200]))
        self._anchors.append(None)
        return ""

    def _close_tag(self, name: str) -> str:
        if name in INLINE_CODE_TAGS and self._code:
            self._code -= 1
            return "" if self._code else "`"
        if name in PRE_TAGS and self._pre:
            self._pre -= 1
            return "" if self._pre else "\n```\n"
        if name == "a" and self._anchors:
            href = self._anchors.pop()
            return f"]({href})" if href else ""
        if name in BLOCK_TAGS:
            return "\n"
        return " " if name in CELL_TAGS else ""

    def _close(self) -> str:
        tail = ("`" if self._code else "") + ("\n```\n" if self._pre else "")
        self._code = self._pre = 0
        self._anchors = []
        return tail

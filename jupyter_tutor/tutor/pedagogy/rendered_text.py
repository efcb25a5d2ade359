"""An answer normalised to what the student's screen will show (pure).

The answer is rendered as Markdown, with HTML let through a sanitizer. Before any check
the guard reads it the same way, and the student is shown exactly the text it read:

1. ``Characters``: line breaks unified, invisible and format characters dropped,
   compatibility forms folded (NFKC), surrogate pairs joined;
2. ``Entities``: HTML character references decoded;
3. ``HtmlTags``: tags replaced by the Markdown they amount to (code tags become code);
4. ``MarkdownLinks``: images become their text, links to other hosts lose the address;
5. ``Inert``: escapes whatever could still render as HTML, an image or a link.

Each stage streams and holds back only what it cannot decide yet (an unfinished
``&…``, ``<…``, ``[…](…``, the last character before a possible combining mark), so the
streamed result is the same as the whole one.
"""

from .characters import Characters, Entities
from .html_tags import HtmlTags
from .inert import Inert
from .links import LinkPolicy, MarkdownLinks
from .scanning import Stage
from .violations import Violation


class RenderedText:
    """Feed the model's deltas in; get back the text as it will render, in order."""

    def __init__(self, links: LinkPolicy, violations: list[Violation] | None = None) -> None:
        self.violations = violations if violations is not None else []
        self._stages: list[Stage] = [
            Characters(),
            Entities(),
            HtmlTags(links, self.violations),
            MarkdownLinks(links, self.violations),
            Inert(links, self.violations),
        ]

    def feed(self, delta: str) -> str:
        for stage in self._stages:
            delta = stage.feed(delta)
        return delta

    def finish(self) -> str:
        text = ""
        for stage in self._stages:
            text = stage.feed(text) + stage.finish()
        return text


def rendered_text(text: str, links: LinkPolicy | None = None) -> tuple[str, list[Violation]]:
    """A whole text at once: what it renders as, and what was taken out."""
    rendered = RenderedText(links or LinkPolicy())
    return rendered.feed(text) + rendered.finish(), rendered.violations

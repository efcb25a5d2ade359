"""The guard reads answers as they will render (pure): characters, references, HTML, links.

What the student is shown is the normalised text, so every expectation here is also the
exact text the student gets.
"""
# ruff: noqa: RUF001 — lookalike letters are what these tests are about

import json
import re
import unicodedata
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jupyter_tutor.tutor.offline.provider import RULES_FILE
from jupyter_tutor.tutor.pedagogy.characters import JOINS_PREVIOUS, clean_characters
from jupyter_tutor.tutor.pedagogy.guardrail import StreamGuard
from jupyter_tutor.tutor.pedagogy.levels import level
from jupyter_tutor.tutor.pedagogy.links import (
    DEFAULT_LINK_HOSTS,
    IMAGE_REMOVED,
    LINK_REMOVED,
    LinkPolicy,
    link_hosts,
)
from jupyter_tutor.tutor.pedagogy.rendered_text import RenderedText, rendered_text
from jupyter_tutor.tutor.pedagogy.settings import TutorSettings

POLICY = LinkPolicy()


def shown(text: str) -> str:
    return rendered_text(text, POLICY)[0]


def kinds(text: str) -> list[str]:
    return [violation.kind for violation in rendered_text(text, POLICY)[1]]


def streamed(text: str, cuts: list[int]) -> tuple[str, list]:
    rendered = RenderedText(POLICY)
    out, start = [], 0
    for size in cuts:
        out.append(rendered.feed(text[start : start + size]))
        start += size
    out.append(rendered.feed(text[start:]) + rendered.finish())
    return "".join(out), rendered.violations


@pytest.mark.parametrize(
    "hidden",
    ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u202e", "\u2066", "\u034f",
     "\ufe0f", "\U000e0041", "\x00", "\x1b", "\x85"],
)  # fmt: skip
def test_invisible_and_format_characters_are_dropped(hidden):
    assert shown(f"de{hidden}f f(x):") == "def f(x):"


def test_compatibility_forms_fold_but_typography_stays():
    assert shown("ｄｅｆ　𝐟(𝑥): ｀｀｀ ～～～ 𝚛𝚎𝚝𝚞𝚛𝚗\u00a01") == "def f(x): ``` ~~~ return 1"
    assert shown("x² + y₂ = ½ … 10⁻³") == "x² + y₂ = ½ … 10⁻³"
    assert shown("ᵈᵉᶠ ﬁle") == "def file"  # superscript letters and ligatures fold


def test_line_breaks_and_surrogates_are_whole_even_split_across_deltas():
    assert streamed("a\r\nb\rc\u2028d", [2, 1, 2]) == ("a\nb\nc\nd", [])
    assert streamed("smile \ud83d\ude00 and \udc00 alone", [7, 1])[0] == "smile 😀 and \ufffd alone"
    assert streamed("e\u0301 is é", [1])[0] == "é is é"


def test_the_list_of_characters_that_join_the_previous_one_is_current():
    found = set()
    for code in range(0x110000):
        parts = unicodedata.decomposition(chr(code)).split()
        if len(parts) == 2 and not parts[0].startswith("<"):
            second = chr(int(parts[1], 16))
            if unicodedata.combining(second) == 0:
                found.add(second)
    assert found <= JOINS_PREVIOUS


def test_character_references_are_decoded_as_the_browser_does():
    assert shown("&#96;&#x60;&grave; &lt; b &gt; &amp; &#61; &NotEqual; &#0; &#x110000;") == (
        "``` < b > & = ≠ \ufffd \ufffd"
    )
    # A decoded `<` reads like a typed one: conservative, the guard sees a tag.
    assert shown("&lt;code&gt;x = 1&lt;/code&gt;") == "`x = 1`"
    assert shown("AT&T &foo; & &amp") == "AT&T &foo; & &amp"
    # One pass, as the browser: a doubly encoded reference shows as a reference.
    assert shown("&amp;lt;b&amp;gt;") == "\\&lt;b\\&gt;"
    assert shown("zero&#8203;width") == "zerowidth"


def test_code_tags_become_markdown_code():
    assert shown("Use <code>np.dot(A, B)</code>, <KBD class=k>x = 1</KBD>.") == (
        "Use `np.dot(A, B)`, `x = 1`."
    )
    assert shown("<pre><code>x = 1\ny = 2</code></pre>") == "\n```\nx = 1\ny = 2\n```\n"
    assert shown("<samp><var>a</var> = 1</samp> <tt>b<br>c</tt>") == "`a = 1` `b`\n`c`"
    assert shown("<xmp>a &lt; b</xmp>") == "\n```\na < b\n```\n"


def test_other_tags_go_and_their_text_stays():
    assert shown("de<b></b>f <span title='x'>f</span>(x):<!-- c -->") == "def f(x):"
    assert shown("<p>one</p><p>two</p>") == "\none\n\ntwo\n"
    assert shown("<table><tr><td>a</td><td>b</td></tr></table>") == "\n\n a  b \n\n"
    assert shown("if x<y and y>z: pass") == "if xz: pass"  # as the sanitizer shows it
    assert shown("x < y and a<b, c") == "x < y and a<b, c"  # no tag there
    assert shown("ends with a<b") == "ends with a\\<b"  # may still have become one


def test_inside_a_markdown_fence_tags_are_text():
    fenced = "```\nwhile i<n and n>0:\n    s = '<b>'\n```\n<b>after</b>"
    assert shown(fenced) == "```\nwhile i\\<n and n>0:\n    s = '\\<b>'\n```\nafter"


def test_images_never_show_and_keep_their_text():
    text = "![the plot](https://numpy.org/p.png) ![](https://evil.example/x.png) ![ref][1]"
    assert shown(text) == f"the plot {IMAGE_REMOVED} ref"
    assert kinds(text) == ["image", "image", "image"]
    assert shown('<img src="https://evil.example/i.png" alt="a cat"> <IMG SRC=x>') == (
        f"a cat {IMAGE_REMOVED}"
    )
    assert shown("[![badge](https://e.example/b.svg)](https://numpy.org/doc/)") == (
        "[badge](https://numpy.org/doc/)"
    )


def test_links_to_the_allowed_documentation_stay():
    doc = "[solve](https://numpy.org/doc/stable/reference/generated/numpy.linalg.solve.html#id1)"
    assert shown(doc) == doc and kinds(doc) == []
    assert shown("[len](<https://docs.python.org/3/library/functions.html> 'title')") == (
        "[len](https://docs.python.org/3/library/functions.html)"
    )
    assert (
        shown("See https://docs.python.org/3/tutorial/.")
        == "See https://docs.python.org/3/tutorial/."
    )
    assert shown("<https://matplotlib.org/stable/>") == "https://matplotlib.org/stable/"
    assert shown('<a href="https://docs.scipy.org/doc/">SciPy</a>') == (
        "[SciPy](https://docs.scipy.org/doc/)"
    )
    assert shown("[notebook](../module_02.ipynb) funcs[i](x)") == (
        "[notebook](../module_02.ipynb) funcs[i](x)"
    )  # on this server


@pytest.mark.parametrize(
    "address",
    [
        "https://evil.example/x",
        "http://docs.python.org/3/",  # not https
        "https://docs.python.org/3/search.html?q=secret",  # a query carries data
        "https://docs.python.org@evil.example/",
        "https://docs.python.org.evil.example/",
        "https://docs.python.org:8443/",
        "//evil.example/x",
        "/\\evil.example/x",
        "\\/\\/evil.example/x",
        "&#47;&#47;evil.example",
        "data:text/html;base64,PHNjcmlwdD4=",
        "javascript:alert(1)",
        "<JaVa\tScRiPt:alert(1)>",
        "mailto:someone@evil.example",
    ],
)
def test_links_anywhere_else_keep_only_their_text(address):
    assert shown(f"[the docs]({address})") == "the docs"
    assert shown(f'<a href="{address}">the docs</a>') == "the docs"
    assert "link" in kinds(f"[the docs]({address})")


def test_reference_definitions_autolinks_and_bare_addresses_to_other_hosts_go():
    text = "[a][r] [b][ok]\n\n[r]: https://evil.example/r\n[ok]: https://numpy.org/doc/"
    assert shown(text) == "[a][r] [b][ok]\n\n\n[ok]: https://numpy.org/doc/"
    assert shown("<https://evil.example/?q=1> www.evil.example/a ftp://evil.example") == (
        f"{LINK_REMOVED} {LINK_REMOVED} {LINK_REMOVED}"
    )
    assert shown("Go to https://evil.example/x, then (https://evil.example/y).") == (
        f"Go to {LINK_REMOVED}, then ({LINK_REMOVED})."
    )


def test_html_that_loads_something_is_recorded_as_an_image():
    text = (
        "<iframe src=https://evil.example/f></iframe><video poster=//evil.example/p></video>"
        "<span style=\"background:url('//evil.example/b')\">hint</span>"
        "<form action=https://evil.example/f>send</form>"
    )
    assert shown(text) == "hint\nsend\n"
    assert kinds(text) == ["image", "image", "image", "link"]


def test_what_rewriting_joins_is_escaped_never_rendered():
    # A removed tag or link cannot make a new tag, link or HTML block.
    assert shown("[x]<b></b>(//evil.example)") == "x"
    assert shown("<img src=//evil.example/x.png [a](//b)>") == "\\<img src=//evil.example/x.png a>"
    assert (
        shown("<div\n<img/src=//evil.example/x.png>") == "\\<div\n\\<img/src=//evil.example/x.png>"
    )
    assert shown("- <details open") == "- \\<details open"
    assert shown("text <!-- never closed") == "text \\<!-- never closed"
    assert shown("\\<img src=x> stays escaped") == "\\<img src=x> stays escaped"


def test_a_custom_allow_list_replaces_the_default():
    policy = LinkPolicy(frozenset(link_hosts(["Course.Example.org."])))
    assert rendered_text("[a](https://course.example.org/x) [b](https://numpy.org/)", policy)[
        0
    ] == ("[a](https://course.example.org/x) b")
    assert set(DEFAULT_LINK_HOSTS) == POLICY.hosts
    with pytest.raises(ValueError, match="not a host name"):
        link_hosts(["https://numpy.org"])


def test_the_curated_offline_hints_render_as_they_are_written():
    rules = json.loads(RULES_FILE.read_text(encoding="utf-8"))
    texts = [text for rule in [*rules["rules"], rules["fallback"]] for text in rule["levels"]]
    texts += [rule["title"] for rule in rules["rules"]]
    assert [text for text in texts if shown(text) != text] == []


def test_the_student_sees_the_text_the_guard_read():
    stream = StreamGuard(level(4), TutorSettings())
    text = "Ｔｒｙ &lt; 3 <b>bold</b> idea ![x](https://evil.example/x.png)"
    out = "".join(stream.feed(char) for char in text) + stream.finish()
    assert out == "Try < 3 bold idea x"
    assert [v.kind for v in stream.violations] == ["image"]


def test_a_students_own_line_quoted_in_a_fence_still_counts_as_theirs():
    code = "while i<n and n>0:\n    i += 1"
    stream = StreamGuard(level(1), TutorSettings(), student_code=code)
    answer = "Look here:\n```python\nwhile i<n and n>0:\n```\n"
    out = stream.feed(answer) + stream.finish()
    assert out == "Look here:\n```python\nwhile i\\<n and n>0:\n```\n" and stream.violations == []


# Pieces that exercise every stage and their boundaries, mixed with arbitrary text.
PIECES = [
    *"ab xy=()[]<>!&#;:/\\`~\n\t\"'.-*_0",
    "https://", "http://evil.example/q?", "https://docs.python.org/3/", "www.", "&lt;", "&#96;",
    "&amp;", "&#x3C;", "<img src=", "<code>", "</code>", "<pre>", "</pre>", "<a href=", "</a>",
    "![", "](", "]:", "```", "~~~", "<!--", "-->", "<br>", "<kbd>", "<b>", "<div", "//evil",
    "url(", " style=", "\u200b", "\u0301", "\u0338", "ｅ", "\ud83d", "\ude00", "\r", "é", "…",
    "²", "\u3000", "\u00a0", "ᄀ", "ᅡ", "ᆨ", "가",
]  # fmt: skip
TEXTS = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=3)), max_size=40).map("".join)
CUTS = st.lists(st.integers(1, 8), max_size=60)
URL = re.compile(r"(?:https?://|ftp://|www\.)[^\s<>\"'`]*", re.IGNORECASE)


def unescaped(text: str, needle: str) -> bool:
    """``needle`` occurs with an even number of backslashes before it."""
    for match in re.finditer(re.escape(needle), text, re.IGNORECASE):
        backslashes = len(text[: match.start()]) - len(text[: match.start()].rstrip("\\"))
        if backslashes % 2 == 0:
            return True
    return False


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, CUTS)
def test_any_chunking_shows_the_same_text_and_finds_the_same_things(text, cuts):
    whole, found = rendered_text(text, POLICY)
    streamed_text, streamed_found = streamed(text, cuts)
    assert streamed_text == whole
    # Stages record as they decide, so the order may differ; never what they found.
    assert Counter(streamed_found) == Counter(found)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_nothing_invisible_no_image_and_no_other_host_reaches_the_student(text):
    out = shown(text)
    assert not any(unicodedata.category(char) == "Cf" for char in out)
    assert not unescaped(out, "<img") and not unescaped(out, "![")
    for match in URL.finditer(out):
        address = match.group(0)
        while address and (
            address[-1] in "?!.,:;*_~"
            or (address[-1] == ")" and address.count(")") > address.count("("))
        ):
            address = address[:-1]
        assert POLICY.allows(address), (text, out)


def test_cleaning_characters_twice_changes_nothing():
    text = "ｄｅ\u200bｆ x² … \r\n"
    assert clean_characters(clean_characters(text)) == clean_characters(text)


@pytest.mark.parametrize(
    "text",
    [
        '<img alt="' + "x" * 3000 + '" src=//evil.example/x.png> after',
        "[" + "word " * 600 + "](//evil.example/x) after",
        "<!-- " + "word " * 600 + "--> after",
        "https://evil.example/" + "a" * 3000 + " after",
    ],
)
def test_a_construct_too_long_to_wait_for_is_read_as_text_never_rendered(text):
    whole, _ = rendered_text(text, POLICY)
    assert streamed(text, [3] * 2000)[0] == whole
    assert not unescaped(whole, "<img") and not unescaped(whole, "<!--")
    assert not unescaped(whole, "](//") and "https://evil" not in whole
    assert whole.endswith(" after")

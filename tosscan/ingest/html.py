"""HTML -> plain text lines: main text only, headings and list items kept as lines, scripts and styles dropped."""
from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser as HTMLParser, LexborNode as Node

from .html_depth import check_nesting

_DROP = "script, style, noscript, template, svg, canvas, iframe, object, embed, head, nav, footer, form, button"
_BLOCK = {
    "p", "div", "section", "article", "main", "header", "aside", "blockquote", "pre", "table", "tr",
    "ul", "ol", "dl", "dt", "dd", "br", "hr", "address", "figure", "figcaption", "details", "summary",
}
# Blocks followed by a blank line, as paragraphs are.
_PARAGRAPH_END = {"p", "ul", "ol", "table", "blockquote", "section", "pre"}
_HEADING = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_SPACES = re.compile(r"[\s\u00a0\u200b]+")


def html_to_text(html: str) -> str:
    check_nesting(html)
    tree = HTMLParser(html)
    for node in tree.css(_DROP):
        node.decompose()
    page = tree.body or tree.root
    if page is None:
        return ""
    return _render_lines(_content_roots(tree, page))


def _content_roots(tree: HTMLParser, page: Node) -> list[Node]:
    """The elements that hold the document: every outermost <main> and <article>, in document order, unless
    together they hold under half of the page's text (a cookie banner in <main>, the terms in a <div>).
    Then the whole page: losing the terms costs more than keeping a menu."""
    roots = _outermost(tree, ("main", "article"))
    if not roots:
        return [page]
    inside_roots = {header.mem_id for root in roots for header in root.css("header")}
    page_chars = _chars(page) - sum(_chars(header) for header in _outermost(tree, ("header",))
                                    if header.mem_id not in inside_roots)
    if sum(_chars(root) for root in roots) * 2 < page_chars:
        return [page]
    return roots


def _outermost(tree: HTMLParser, tags: tuple[str, ...]) -> list[Node]:
    """Elements with one of `tags` that no other such element contains, in document order."""
    nested = {node.mem_id for node in tree.css(", ".join(f"{outer} {inner}" for outer in tags for inner in tags))}
    return [node for node in tree.css(", ".join(tags)) if node.mem_id not in nested]


def _chars(node: Node) -> int:
    """How much text an element holds, whitespace aside."""
    return len(_SPACES.sub("", node.text(deep=True)))


def _render_lines(roots: list[Node]) -> str:
    """The text under `roots`, one line a block. Iterative, with an explicit stack: pages nested thousands of
    elements deep (hostile or generated) would exhaust Python's recursion limit."""
    out = _LineWriter()
    # Items are nodes to enter, or the tag of an element whose content is all written (time to close it).
    stack: list[Node | str] = list(reversed(roots))
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            out.close(item)
        elif item.tag == "-text":
            out.write(item.text(deep=False) or "")
        else:
            out.open(item.tag)
            stack.append(item.tag)
            stack.extend(reversed(list(item.iter(include_text=True))))
    return out.text()


class _LineWriter:
    """Collects text into lines: blocks start and end lines, headings and list items get Markdown marks."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.buffer: list[str] = []

    def write(self, text: str) -> None:
        self.buffer.append(text)

    def flush(self) -> None:
        line = _SPACES.sub(" ", "".join(self.buffer)).strip()
        if line:
            self.lines.append(line)
        self.buffer.clear()

    def open(self, tag: str) -> None:
        if tag in _HEADING:
            self.flush()
            self.buffer.append("#" * _HEADING[tag] + " ")
        elif tag == "li":
            self.flush()
            self.buffer.append("- ")
        elif tag in _BLOCK:
            self.flush()

    def close(self, tag: str) -> None:
        if tag in _HEADING:
            self.flush()
            self.lines.append("")
        elif tag == "li":
            self.flush()
        elif tag in ("td", "th"):
            self.buffer.append(" ")
        elif tag in _BLOCK:
            self.flush()
            if tag in _PARAGRAPH_END:
                self.lines.append("")

    def text(self) -> str:
        self.flush()
        return re.sub(r"\n{3,}", "\n\n", "\n".join(self.lines)).strip() + "\n"

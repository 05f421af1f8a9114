"""HTML -> plain text lines: main text only, headings and list items kept as lines, scripts and styles dropped."""
from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser as HTMLParser, LexborNode as Node

_DROP = "script, style, noscript, template, svg, canvas, iframe, object, embed, head, nav, footer, form, button"
_BLOCK = {
    "p", "div", "section", "article", "main", "header", "aside", "blockquote", "pre", "table", "tr",
    "ul", "ol", "dl", "dt", "dd", "br", "hr", "address", "figure", "figcaption", "details", "summary",
}
_HEADING = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_SPACES = re.compile(r"[\s\u00a0\u200b]+")


def html_to_text(html: str) -> str:
    tree = HTMLParser(html)
    for node in tree.css(_DROP):
        node.decompose()
    root = tree.css_first("main") or tree.css_first("article") or tree.body or tree.root
    if root is None:
        return ""
    lines: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        line = _SPACES.sub(" ", "".join(buffer)).strip()
        if line:
            lines.append(line)
        buffer.clear()

    def walk(node: Node) -> None:
        for child in node.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                buffer.append(child.text(deep=False) or "")
                continue
            if tag in _HEADING:
                flush()
                buffer.append("#" * _HEADING[tag] + " ")
                walk(child)
                flush()
                lines.append("")
            elif tag == "li":
                flush()
                buffer.append("- ")
                walk(child)
                flush()
            elif tag in ("td", "th"):
                walk(child)
                buffer.append(" ")
            elif tag in _BLOCK:
                flush()
                walk(child)
                flush()
                if tag in ("p", "ul", "ol", "table", "blockquote", "section", "pre"):
                    lines.append("")
            else:
                walk(child)

    walk(root)
    flush()
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"

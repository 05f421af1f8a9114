"""A guard before HTML parsing: refuse markup nested so deep that parsing it would take minutes.

The parser checks the stack of open elements at every tag, so its time grows with depth times tag count:
40,000 nested <div>s take seconds, and an upload at the size limit built that way would take hours. Real pages
nest a few dozen levels deep. The estimate is a linear scan over the tags, skipping comments and the raw text
of scripts and styles, where markup-like strings do not open elements.
"""
from __future__ import annotations

import re

from ..errors import IngestError

_TOKEN = re.compile(r"<!--.*?-->|<(script|style|textarea|title|xmp)\b.*?</\1\s*>|<(/?)([a-zA-Z][\w:-]*)[^>]*>",
                    re.S | re.I)
# Elements that never hold others (void) or that the parser closes by itself (optional end tags): they do not
# deepen the tree however many there are, so counting them would only overstate the depth of ordinary pages.
_FLAT = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot", "colgroup",
    "caption", "rb", "rt", "rp", "html", "head", "body",
}
# Depth times tags the parser gets through in about two seconds here; ordinary pages stay far below it
# (a 20 MB page of 1.5 million tags 50 levels deep costs 75 million).
MAX_PARSE_COST = 400_000_000


def check_nesting(html: str) -> None:
    """Raise IngestError when the markup is too deeply nested to parse in reasonable time."""
    upper_bound = html.count("<")
    if upper_bound * upper_bound <= MAX_PARSE_COST:
        return  # depth never exceeds the number of tags: a page this small is safe without the scan
    depth = deepest = tags = 0
    for raw, closing, name in _TOKEN.findall(html):
        tags += 1
        if raw or name.lower() in _FLAT:
            continue
        if closing:
            depth = max(depth - 1, 0)
        else:
            depth += 1
            deepest = max(deepest, depth)
    if deepest * tags > MAX_PARSE_COST:
        raise IngestError(f"the HTML nests elements {deepest:,} levels deep across {tags:,} tags, far deeper than "
                          "any real page; tosscan cannot read it in reasonable time. Save the page as text or PDF "
                          "and scan that", "invalid_input")

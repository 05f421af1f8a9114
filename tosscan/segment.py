"""Split a document into sections, clauses and sentences with exact character offsets.

Pure text processing (no spaCy): legal documents break general-purpose sentence splitters ("e.g.", "Inc.",
"3.2", "(a)"), and the engine needs clause boundaries that a sentencizer does not know about.

- A *section* starts at a heading (Markdown "#", an ALL-CAPS line, a short numbered title, 第X条 / 一、).
- A *clause* is a paragraph or a list item ("-", "*", "•", "1.", "3.2", "(a)", "(iv)", "a)").
- A *sentence* is a piece of a clause ending in . ! ? (or 。！？；in Chinese), skipping abbreviations.
Every span is trimmed of surrounding whitespace, so `text[span.start:span.end]` reads cleanly.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from .lang import CJK, CJK_RANGES

_LIST_MARKER = re.compile(
    r"""^[ \t]*(?:\*\*|__)?[ \t]*(?:          # a Markdown bold run may open the item: **2.1 ...
        [-*+•·▪◦●○■□➢►–—](?=\s)                     # bullets
      | \d{1,3}(?:\.\d{1,3})+\.?(?=\s)               # 3.2 / 3.2.1
      | \d{1,3}\\?[.)](?=\s)                         # 1. 1) 1\. (Markdown-escaped)
      | \(\s*(?:\d{1,3}|[a-zA-Z]|[ivxlcIVXLC]{1,6})\s*\)   # (a) (1) (iv)
      | (?:[a-zA-Z]|[ivxIVX]{1,4})[.)](?=\s)         # a) a. iv)
      | [（(][一二三四五六七八九十]{1,3}[)）]         # （一）
      | （\s*(?:\d{1,3}|[a-zA-Z])\s*）              # （1） （a） (full-width)
      | [一二三四五六七八九十]{1,3}[、.．]            # 一、
      | 第[一二三四五六七八九十百零\d]{1,5}[条章节款]   # 第三条
      | \d{1,3}[、．]                                 # 1、
      | (?:\d{1,3}\\?\.|\d{1,3}\)|[a-zA-Z][.)])(?=[""" + CJK_RANGES + r"""“「《【])  # 1.我们 a)设备 (Chinese right after)
    )""",
    re.VERBOSE,
)
_MD_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]")
_BOLD_LINE = re.compile(r"^[ \t]*(\*\*|__)[^*_\n]{2,100}\1[ \t]*:?[ \t]*$")
# A list item that is only a short bold title ("*   **Cookies**."): it names the topic of the items below it.
_BOLD_ITEM_TITLE = re.compile(r"^[ \t]*[*\-+•·][ \t]+(\*\*|__)(?P<title>\w[\w'’&/ -]{0,40})\1[ \t]*[.:]?[ \t]*$")
# Closing quotes/brackets and Markdown emphasis may follow the final punctuation: "。**" still ends the line.
_TERMINAL_PUNCT = tuple(".!?;:。！？；：")
_COLONS = (":", "：")  # a line ending so introduces what follows it (a list, a lead-in)
_BARE_MARKER = re.compile(r"^[ \t]*(?:(?:[A-Za-z]|\d{1,3}|[ivxIVX]{1,4})[.)]|[（(][ \t]*(?:\d{1,3}|[A-Za-z]|[一二三四五六七八九十]{1,3})[ \t]*[)）])[ \t]*$")
# "... for the following purposes." and "as follows." introduce the list after them as a colon does.
_ANNOUNCES_LIST = re.compile(r"\b(?:the\s+following(?:\s+[\w-]+)?\s+(?:purposes|ways|categories|types|kinds|reasons|"
                             r"cases|circumstances|situations|information|data|rights|parties|recipients|"
                             r"third\s+parties)|as\s+follows)\s*[.:]?[\s*_]*$", re.IGNORECASE)
_CLOSERS = "'\"”’)]*_"


def _ends_with(line: str, endings: tuple[str, ...]) -> bool:
    """Does the line end in one of `endings`, maybe followed by closers and whitespace? String methods, not a regex
    anchored at the end: `re` would try the pattern at every position of a long line."""
    return line.rstrip().rstrip(_CLOSERS).endswith(endings)


def _ends_sentence(line: str) -> bool:
    return _ends_with(line, _TERMINAL_PUNCT)


# Numbered Chinese titles: 第三条 / 一、 / （二） / 1. / 1、 / 3.2 (possibly inside Markdown bold or escaped "1\.").
_ZH_NUMBERED_TITLE = re.compile(
    r"^(?:[*\-•·]\s+)?(?:\*\*|__)?\s*(?:第[一二三四五六七八九十百零\d]{1,5}[条章节]|[一二三四五六七八九十]{1,3}\s*[、.．]"
    r"|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}(?:\\?\.\d{1,2})*(?:\\?\.|、|\s))")
_ZH_SENTENCE_PUNCT = re.compile(r"[，。；！？,;]")
_TABLE_ROW = re.compile(r"\|.*\|")
_TABLE_RULE = re.compile(r"^[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+[ \t]*(?::?-{3,}:?[ \t]*)?$")

# Words whose trailing period does not end a sentence (checked lower-cased, without the period).
ABBREVIATIONS = frozenset("""
e.g i.e cf viz vs v inc ltd co corp llc plc gmbh s.a s.l b.v n.v pty no nos u.s u.s.a u.k e.u mr mrs ms dr
prof st art arts sec secs para paras p pp ch fig approx incl excl jan feb mar apr jun jul aug sep sept oct nov dec
dept est govt jr sr ave rd blvd ref resp a.m p.m
""".split())

# Candidate English sentence ends: . ! ? then closing quotes/brackets, whitespace, and a plausible sentence start.
_EN_BOUNDARY = re.compile(r"""([.!?])(['"”’)\]]*)(\s+)(?=["“‘'(\[]?[A-Z0-9""" + CJK_RANGES + r"""•])""")
_ZH_BOUNDARY = re.compile(r"[。！？；!?]['\"”’）)]*")
# Brackets and quotation marks a Chinese sentence end may sit inside: （例如“附近有什么？”） or （IDFA；OAID）.
_ZH_OPENERS, _ZH_CLOSERS = "（(【[「『“‘《", "）)】]」』”’》"
# A bracket still open at a sentence end holds the end only if it closes this soon after it; a bracket that is
# never closed must not join the rest of the clause into one sentence.
_ZH_BRACKET_REACH = 200
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
# A sentence end with the space lost in extraction: "… upon dissolution.Compliance with laws …".
_EN_GLUED = re.compile(r"[a-z]{3}[.!?](?=[A-Z][a-z]{2,})")
_TOKEN_BEFORE = re.compile(r"\S+$")


@dataclass(slots=True)
class Span:
    start: int
    end: int
    kind: str  # "section" | "clause" | "heading" | "sentence"
    parent: int = -1  # clause index for sentences; section index for clauses


@dataclass(slots=True)
class Segmentation:
    text: str
    sections: list[Span] = field(default_factory=list)
    clauses: list[Span] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    # Sentence index -> the sentence that introduces the list it is an item of ("You agree not to:").
    lead_ins: dict[int, int] = field(default_factory=dict)
    _sentence_starts: list[int] = field(default_factory=list)
    _clause_starts: list[int] = field(default_factory=list)

    def finish(self) -> "Segmentation":
        self._sentence_starts = [s.start for s in self.sentences]
        self._clause_starts = [c.start for c in self.clauses]
        return self

    def sentence_at(self, offset: int) -> int:
        """Index of the sentence containing `offset`, or -1 when it falls between sentences."""
        i = bisect_right(self._sentence_starts, offset) - 1
        if i >= 0 and offset < self.sentences[i].end:
            return i
        return -1

    def clause_at(self, offset: int) -> int:
        i = bisect_right(self._clause_starts, offset) - 1
        if i >= 0 and offset < self.clauses[i].end:
            return i
        return -1

    def slice(self, span: Span) -> str:
        return self.text[span.start:span.end]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# Words a clause cannot do without: who acts and how ("we", "may", "is"). A short line with none of them is a label.
_CLAUSE_WORDS = frozenset("""
i we you he she it they us our your their its me my this these that those there here
is are was were be been am do does did may might will would shall should can could must not no never
""".split())


def _is_label(line: str) -> bool:
    """A short English line ending in a period with no subject or verb word: "Waiver of Jury Trial.",
    "Advertising partners.", "Browser Web Storage." -- the title of the paragraph below it, not a clause."""
    return not _LIST_MARKER.match(line) and _label_words(line.strip())


_LABEL_CHARS = 120  # ten words of a title, with room for Markdown
_DIGIT = re.compile(r"\d")
# An item's bold lead-in: "*   **Cookies**. We use cookies ..." -> "Cookies."
_ITEM_LEAD = re.compile(r"^\W{0,3}(?:[-*+•]\s+)?(?:\*\*|__)?")


def _label_words(text: str) -> bool:
    """Is this sentence a title: up to six words with no subject or verb word, or up to ten in Title Case?"""
    if len(text) > _LABEL_CHARS or not text.rstrip("*_ ").endswith("."):  # cheap tests first: every line asks
        return False
    text = _ITEM_LEAD.sub("", text).replace("**", "").replace("__", "").strip()
    if CJK.search(text) or not text[:1].isupper() or _DIGIT.search(text):
        return False
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", text)
    if not words or any(w.lower() in _CLAUSE_WORDS for w in words):
        return False
    return len(words) <= 6 or (len(words) <= 10 and all(w[0].isupper() for w in words if len(w) >= 4))


def _is_heading(line: str) -> bool:
    stripped = line.strip()
    if not stripped:
        return False
    if _MD_HEADING.match(line):
        return True
    if _BOLD_LINE.match(line):
        # Chinese documents bold whole clauses for emphasis: a bold line with sentence punctuation is a clause.
        # So is a bold line that introduces a list ("**我们可能为以下原因披露您的个人信息：**").
        return not (CJK.search(stripped) and (_ZH_SENTENCE_PUNCT.search(stripped) or len(stripped) > 40
                                              or stripped.rstrip("*_ ").endswith(_COLONS)))
    title = _BOLD_ITEM_TITLE.match(line)
    if title and len(title["title"].split()) <= 4:
        return True
    # "What information do we collect?" / "Do we transfer your data outside the EU?": a question on a line of its
    # own titles the answer below it (FAQ-style policies).
    if stripped.endswith("?") and len(stripped) <= 100 and not CJK.search(stripped) \
            and len(stripped.split()) <= 14 and not re.search(r"[.!;:]\s", stripped):
        return True
    if len(stripped) > 100 or _ends_sentence(stripped) and not stripped.endswith(":"):
        return False
    if CJK.search(stripped):
        # 第三条 用户内容 / 一、我们如何收集 / 1.我们收集的信息 / （二）存储期限 : short numbered Chinese titles.
        return len(stripped) <= 30 and bool(_ZH_NUMBERED_TITLE.match(stripped)) \
            and not _ZH_SENTENCE_PUNCT.search(stripped) and not stripped.endswith(_COLONS)
    if len(stripped.split()) <= 14:
        letters = list(filter(str.isalpha, stripped))
        if len(letters) >= 3 and sum(map(str.isupper, letters)) / len(letters) > 0.85:
            return True
    marker = _LIST_MARKER.match(line)
    if marker and re.match(r"^\d", stripped):
        rest = stripped[marker.end() - (len(line) - len(line.lstrip())):].strip()
        words = rest.split()
        return 0 < len(words) <= 8 and rest[:1].isupper() and not rest.endswith((".", ";", ","))
    return False


def _split_sentences(text: str, start: int, end: int, zh: bool) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    cursor = start
    chunk = text[start:end]
    if zh or CJK.search(chunk):
        depth, counted = 0, 0
        for m in _ZH_BOUNDARY.finditer(chunk):
            depth = _bracket_depth(chunk, counted, m.start(), depth)
            counted = m.start()
            if _inside_brackets(chunk, m, depth):
                continue  # the end of a sentence quoted or bracketed inside this one
            cut = start + m.end()
            pieces.append((cursor, cut))
            cursor = cut
    if not zh:
        boundaries = []
        for m in _EN_BOUNDARY.finditer(chunk):
            if m.group(1) == ".":
                before = _WORD_BEFORE.search(chunk, 0, m.start(1))
                if before:
                    word = before.group(1).lower().rstrip(".")
                    # "J. Smith" (an initial) or a known abbreviation: not a sentence end.
                    if word in ABBREVIATIONS or (len(word) == 1 and chunk[before.start()].isupper()):
                        continue
            boundaries.append(start + m.end(2))
        for m in _EN_GLUED.finditer(chunk):
            token = _TOKEN_BEFORE.search(chunk, 0, m.end() - 1)
            if not re.search(r"[/@]|^www|^\W*https?", token.group(0) if token else ""):  # not inside a URL
                boundaries.append(start + m.end())
        # Both kinds of end, the Chinese ones just found among them, cut the chunk again from its start.
        merged = sorted(set(boundaries + [p[1] for p in pieces]))
        pieces, cursor = [], start
        for cut in merged:
            if cut > cursor:
                pieces.append((cursor, cut))
                cursor = cut
    pieces.append((cursor, end))
    out = []
    for s, e in pieces:
        s, e = _trim(text, s, e)
        if e > s:
            out.append((s, e))
    return out


def _bracket_depth(chunk: str, start: int, end: int, depth: int = 0) -> int:
    """`depth` (brackets and quotes open at `start`) updated over chunk[start:end]; never below zero, so a stray
    closer does not hide the next opener."""
    for char in chunk[start:end]:
        if char in _ZH_OPENERS:
            depth += 1
        elif char in _ZH_CLOSERS and depth:
            depth -= 1
    return depth


def _inside_brackets(chunk: str, boundary: re.Match, depth: int) -> bool:
    """Is a sentence end (`boundary`, with the closers it swallowed) inside brackets or quotes opened `depth` deep
    before it? Yes when they are still open after it and close soon, or when they close with it and the sentence
    goes on ("（例如“附近有什么？”），或你要求…")."""
    if not depth:
        return False
    left = _bracket_depth(boundary.group(), 1, len(boundary.group()), depth)
    after = boundary.end()
    if left:
        return _bracket_depth(chunk, after, after + _ZH_BRACKET_REACH, left) == 0
    rest = chunk[after:after + 2].lstrip()
    return rest[:1] in ("，", "、", ",", "：", ":")


# Longer "sentences" are segmentation failures (tables, lists without punctuation, text without line breaks): cut
# them so a finding quotes something readable and a regex never runs over a whole document.
MAX_SENTENCE = 1200
MAX_CLAUSE = 4000
_SOFT_BREAKS = (re.compile(r"[;；]\s*"), re.compile(r"[,，、:：]\s*"), re.compile(r"\s+"))


def _cap_length(text: str, pieces: list[tuple[int, int]], limit: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in pieces:
        while end - start > limit:
            window = text[start + limit // 2:start + limit]
            cut = None
            for pattern in _SOFT_BREAKS:  # the strongest break in the second half of the window
                found = [m.end() for m in pattern.finditer(window)]
                if found:
                    cut = start + limit // 2 + found[-1]
                    break
            cut = cut or start + limit  # no break at all (e.g. unbroken CJK): a hard cut
            s, e = _trim(text, start, cut)
            if e > s:
                out.append((s, e))
            start, _ = _trim(text, cut, end)
        s, e = _trim(text, start, end)
        if e > s:
            out.append((s, e))
    return out


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


class _LeadIn:
    """Which sentence introduces the list items that follow it: a sentence ending in ":" reaches the list items
    after it (deeper ones only, when it is itself an item), until a paragraph, a heading or a shallower item."""

    def __init__(self) -> None:
        self.sentence, self.in_item, self.indent = -1, False, 0

    def opens(self, sentence: int, in_item: bool, indent: int) -> None:
        self.sentence, self.in_item, self.indent = sentence, in_item, indent

    def of_block(self, heading: bool, item: bool, indent: int) -> int:
        """The lead-in sentence of a block about to be added, or -1 (and the lead-in ends there)."""
        if self.sentence >= 0 and item and not heading and (not self.in_item or indent > self.indent):
            return self.sentence
        self.sentence = -1
        return -1


def segment(text: str, lang: str = "en") -> Segmentation:
    """Segment `text`; offsets are Python str indices into it."""
    seg = Segmentation(text=text)
    zh = lang == "zh"
    # 1. Lines -> clause blocks (start, end, is_heading).
    blocks: list[list] = []
    pos = 0
    prev_joinable = False
    in_colon_list = False  # inside the lines that follow a line ending with ":"
    prev_table_row = False  # the line before was a table row (a header, if a "|---|" rule follows)
    for line in text.splitlines(keepends=True):
        line_start, line_end = pos, pos + len(line)
        pos = line_end
        content = line.rstrip("\r\n")
        after_table_row, prev_table_row = prev_table_row, False
        if not content.strip():
            prev_joinable = False
            continue
        # A line that is only a list marker ("A." above its item's text) opens an item the next line continues.
        if _BARE_MARKER.match(content):
            blocks.append([line_start, line_start + len(content), False, True, _indent(content)])
            prev_joinable = True
            continue
        # Label-like lines right after "We collect:" are the items of that list, however many there are.
        label = _is_label(content)
        listed = in_colon_list
        in_colon_list = content.rstrip().endswith(_COLONS) or (in_colon_list and label)
        # A label line right after "We collect:" is an item of that list, not a title; a question line that ends a
        # hard-wrapped sentence ("...or data / brokers?") is no title either.
        if (_is_heading(content) and not (prev_joinable and content.rstrip().endswith("?"))) or (label and not listed):
            blocks.append([line_start, line_start + len(content), True, bool(_LIST_MARKER.match(content)),
                           _indent(content)])
            prev_joinable = False
            continue
        # "| a | b" or "a | b | c": each row of a Markdown table is a clause; the row above "|---|---|" names the
        # columns ("| Partner | Data shared | Purpose |"), a heading.
        if _TABLE_RULE.match(content):
            if after_table_row:
                blocks[-1][2] = True
            prev_joinable = False
            continue
        table_row = content.lstrip().startswith("|") or bool(_TABLE_ROW.search(content))
        prev_table_row = table_row
        starts_item = bool(_LIST_MARKER.match(content)) or table_row
        if prev_joinable and not starts_item:
            blocks[-1][1] = line_start + len(content)
            # A short question wrapped over two lines ("Do we sell ... or data / brokers?") titles its answer too.
            if not blocks[-1][2] and _is_heading(" ".join(text[blocks[-1][0]:blocks[-1][1]].split()) + "\n") \
                    and content.rstrip().endswith("?"):
                blocks[-1][2] = True
        else:
            blocks.append([line_start, line_start + len(content), False, starts_item and not table_row,
                           _indent(content)])
        # A line that ends mid-sentence continues on the next line (hard-wrapped text and PDFs).
        prev_joinable = not _ends_sentence(content) and not table_row
    # 2. Blocks -> sections, clauses, sentences.
    section_index = -1
    lead = _LeadIn()
    for block_start, block_end, heading, item, indent in blocks:
        b_start, b_end = _trim(text, block_start, block_end)
        if b_end <= b_start:
            continue
        introduced_by = lead.of_block(heading, item, indent)
        if heading or section_index < 0:
            if section_index >= 0:
                seg.sections[section_index].end = seg.clauses[-1].end if seg.clauses else b_start
            seg.sections.append(Span(b_start, b_end, "section"))
            section_index += 1
        if heading:
            seg.clauses.append(Span(b_start, b_end, "heading", section_index))
            seg.sentences.append(Span(b_start, b_end, "heading", len(seg.clauses) - 1))
            if _ends_with(text[b_start:b_end], _COLONS):  # "5. You agree not to:"
                lead.opens(len(seg.sentences) - 1, item, indent)
            continue
        sentences = _cap_length(text, _split_sentences(text, b_start, b_end, zh), MAX_SENTENCE)
        if introduced_by >= 0:
            first = len(seg.sentences)
            seg.lead_ins.update((n, introduced_by) for n in range(first, first + len(sentences)))
        # "**Cookies**. We use cookies ...": the bold title before the clause is not a sentence to judge.
        # ("Cookies. Usage Data. Device IDs." is a list of labels, not a title and its clause.)
        titled = len(sentences) > 1 and not zh and _label_words(text[sentences[0][0]:sentences[0][1]]) \
            and not _label_words(text[sentences[1][0]:sentences[1][1]].split(". ")[0].rstrip(".") + ".")
        # A paragraph of many sentences becomes several clauses of at most MAX_CLAUSE characters.
        group_start = 0
        for i in range(1, len(sentences) + 1):
            if i == len(sentences) or sentences[i][1] - sentences[group_start][0] > MAX_CLAUSE:
                seg.clauses.append(Span(sentences[group_start][0], sentences[i - 1][1], "clause", section_index))
                clause_index = len(seg.clauses) - 1
                for s, e in sentences[group_start:i]:
                    kind = "heading" if titled and s == sentences[0][0] else "sentence"
                    seg.sentences.append(Span(s, e, kind, clause_index))
                group_start = i
        last_end = sentences[-1][1] if sentences else b_end
        if _ends_with(text[max(b_start, last_end - 12):last_end], _COLONS) or (
                not zh and _ANNOUNCES_LIST.search(text[max(b_start, last_end - 60):last_end])):
            lead.opens(len(seg.sentences) - 1, item, indent)
    if seg.sections:
        seg.sections[-1].end = seg.clauses[-1].end
    return seg.finish()

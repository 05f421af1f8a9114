"""Render a DiffReport as json, text (terminal), markdown or html.

What took more comes first, then what gave back, then rewording; unchanged findings are only counted and text
edits that touch no finding are summarised at the end, so immaterial edits never bury a risk change.
"""
from __future__ import annotations

import io
from importlib import resources

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel

from ..diff.models import DiffReport, FindingChange, WordOp
from ..i18n import message, severity_name
from ..taxonomy import category_name
from .render import FORMATS, environment, report_css

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "title": "What changed in these terms",
        "worse": "Worse for you: the new version takes more.",
        "better": "Better for you: the new version gives back.",
        "mixed": "Mixed: the new version takes more in some places and gives back in others.",
        "same": "No risk, protection or gap changed.",
        "group_worse": "Takes more", "group_better": "Gives back", "group_neutral": "Reworded",
        "new_risk": "new risk", "removed_risk": "removed risk", "changed": "changed",
        "new_protection": "new protection", "removed_protection": "removed protection",
        "gap_closed": "gap closed", "gap_opened": "gap opened", "unchanged": "unchanged",
        "unchanged_line": "{n} findings unchanged.",
        "unchanged_line_one": "1 finding unchanged.",
        "other_title": "Other text changes (no finding affected)",
        "other_line": "Clauses added: {added}, removed: {removed}, edited: {edited}, moved: {moved} "
                      "(the old version has {before}, the new one {after}).",
        "added": "added", "removed": "removed", "edited": "edited", "moved": "moved",
        "show_other": "Show these clauses ({n})",
        "before": "Before", "after": "After", "grade": "grade", "score": "score", "old": "old", "new": "new",
        "none": "None.", "gap_note": "(a topic the document does not address)",
        "old_pasted": "old version (pasted)", "new_pasted": "new version (pasted)",
    },
    "zh": {
        "title": "条款有哪些变化",
        "worse": "对你更不利：新版本拿走的更多。",
        "better": "对你更有利：新版本有所让步。",
        "mixed": "有得有失：新版本在一些地方拿走更多，在另一些地方有所让步。",
        "same": "风险、保护与缺失均无变化。",
        "group_worse": "拿走更多", "group_better": "有所让步", "group_neutral": "措辞变化",
        "new_risk": "新增风险", "removed_risk": "移除风险", "changed": "变更",
        "new_protection": "新增保护", "removed_protection": "移除保护",
        "gap_closed": "缺失已补", "gap_opened": "新增缺失", "unchanged": "未变",
        "unchanged_line": "{n} 项发现未变。",
        "other_title": "其他文字变化（不涉及任何发现）",
        "other_line": "新增 {added} 条，删除 {removed} 条，修改 {edited} 条，移动 {moved} 条（之前 {before} 条，之后 {after} 条）。",
        "added": "新增", "removed": "删除", "edited": "修改", "moved": "移动", "show_other": "显示这些条款（{n}）",
        "before": "之前", "after": "之后", "grade": "评级", "score": "分数", "old": "旧", "new": "新",
        "none": "无。", "gap_note": "（文件没有说明的事项）",
        "old_pasted": "旧版本（粘贴的文本）", "new_pasted": "新版本（粘贴的文本）",
    },
}
GROUPS = ("worse", "better", "neutral")
ELIDE_OVER = 160  # an unchanged run longer than this is shortened in text and markdown, keeping context at both ends
CONTEXT = 60


def label(lang: str, key: str, **values: object) -> str:
    return message(LABELS, lang, key, **values)


def _squash(text: str) -> str:
    """Collapse whitespace runs (line breaks included) to one space, keeping a leading / trailing one."""
    if not text:
        return text
    core = " ".join(text.split())
    lead = " " if text[0].isspace() else ""
    trail = " " if text[-1].isspace() and core else ""
    return (lead + core + trail) if core else " "


def display_ops(words: list[WordOp], elide: bool) -> list[tuple[str, str]]:
    """Word ops ready to print: whitespace collapsed; with `elide`, long unchanged runs cut to their ends."""
    out = []
    for i, w in enumerate(words):
        text = _squash(w.text)
        if elide and w.op == "equal" and len(text) > ELIDE_OVER:
            head = "" if i == 0 else text[:CONTEXT]
            tail = "" if i == len(words) - 1 else text[-CONTEXT:]
            text = f"{head}…{tail}"
        out.append((w.op, text))
    return out


def severity_change(lang: str, c: FindingChange) -> str:
    """"high", "medium → high"; empty for protections (their severity is always info)."""
    if c.kind == "protection":
        return ""
    before = severity_name(lang, c.severity_before) if c.severity_before else ""
    after = severity_name(lang, c.severity_after) if c.severity_after else ""
    if before and after and before != after:
        return f"{before} → {after}"
    return after or before


def grouped(d: DiffReport) -> dict[str, list[FindingChange]]:
    return {effect: d.by_effect(effect) for effect in GROUPS}


def other_line(d: DiffReport) -> str:
    return label(d.after.language, "other_line", before=d.text.clauses_before, after=d.text.clauses_after,
                 **d.text.other_counts())


def diff_context(d: DiffReport) -> dict:
    """Everything the diff templates need; the web app passes the same context."""
    lang = d.after.language
    return {
        "diff": d,
        "groups": grouped(d),
        "other": d.text.other,
        "other_line": other_line(d),
        "unchanged_line": label(lang, "unchanged_line", n=d.counts["unchanged"]),
        "score_delta": d.after.score - d.before.score,
        "ops": display_ops,
        "sev_change": lambda c: severity_change(lang, c),
        "cat": lambda cid: category_name(cid, lang),
        "L": lambda key, **kw: label(lang, key, **kw),
        "lang": lang,
    }


def diff_css() -> str:
    return (resources.files("tosscan.report") / "templates" / "diff.css").read_text(encoding="utf-8")


def render_diff_html(d: DiffReport) -> str:
    return environment(True).get_template("diff.html.j2").render(css=report_css() + diff_css(), **diff_context(d))


def render_diff_markdown(d: DiffReport) -> str:
    return environment(False).get_template("diff.md.j2").render(**diff_context(d))


_OP_STYLE = {"delete": "red strike", "insert": "bold green underline"}
_OP_MARK = {"delete": ("[-", "-]"), "insert": ("{+", "+}")}


def _text_ops(words: list[WordOp], color: bool) -> str:
    parts = []
    for op, text in display_ops(words, elide=True):
        if op == "equal":
            parts.append(escape(text))
        elif color:
            parts.append(f"[{_OP_STYLE[op]}]{escape(text)}[/]")
        else:
            opener, closer = _OP_MARK[op]
            parts.append(escape(f"{opener}{text}{closer}"))
    return "".join(parts)


def render_diff_text(d: DiffReport, *, color: bool = False, width: int = 100) -> str:
    lang = d.after.language
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=color, no_color=not color, width=width, highlight=False)
    delta = d.after.score - d.before.score
    head = (f"{label(lang, d.verdict)}\n"
            f"{label(lang, 'grade')} {d.before.grade} → {d.after.grade} · {label(lang, 'score')} "
            f"{d.before.score} → {d.after.score} ({delta:+d})")
    console.print(Panel(escape(head), title=f"tosscan diff · {escape(d.before.source)} → {escape(d.after.source)}"))
    for effect, changes in grouped(d).items():
        console.rule(f"{label(lang, 'group_' + effect)} ({len(changes)})")
        for c in changes:
            severity = severity_change(lang, c)
            console.print(f"[bold]{escape(label(lang, c.status).upper())}[/]"
                          f"{' · ' + escape(severity) if severity else ''} [bold]{escape(c.title)}[/] "
                          f"[dim]({escape(category_name(c.category, lang))} · {escape(c.rule)})[/]")
            if c.words:
                console.print("  " + _text_ops(c.words, color))
            elif c.kind == "gap":
                console.print(f"  [dim]{escape(label(lang, 'gap_note'))}[/]")
            console.print()
    console.rule(label(lang, "other_title"))
    console.print(escape(label(lang, "unchanged_line", n=d.counts["unchanged"])))
    console.print(escape(other_line(d)))
    return buffer.getvalue()


_RENDERERS = {
    "json": lambda d, color: d.to_json(),
    "text": lambda d, color: render_diff_text(d, color=color),
    "markdown": lambda d, color: render_diff_markdown(d),
    "html": lambda d, color: render_diff_html(d),
}


def render_diff(d: DiffReport, fmt: str, *, color: bool = False) -> str:
    """The comparison in one of FORMATS (the same formats as a report)."""
    renderer = _RENDERERS.get(fmt)
    if renderer is None:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return renderer(d, color)

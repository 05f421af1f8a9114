"""Render a Report as json, text (terminal), markdown or html. Templates are autoescaped for html."""
from __future__ import annotations

import io
import re
from functools import lru_cache, partial
from importlib import resources

from jinja2 import Environment, PackageLoader, select_autoescape
from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from ..i18n import lang_tag, severity_name, t
from ..models import Report
from ..taxonomy import category_name
from .view import by_rule, document_pieces, labels, ordered, quote_pieces, readable, short_source, summary_rows

FORMATS = ("text", "json", "markdown", "html")
_SEVERITY_STYLE = {"critical": "bold white on red", "high": "bold red", "medium": "yellow", "low": "cyan",
                   "info": "green"}


def _md_escape(value: object) -> str:
    text = str(value)
    for ch in "\\`*_[]<>|":
        text = text.replace(ch, "\\" + ch)
    return text


def _md_code(value: object) -> str:
    """A CommonMark code span showing `value` verbatim: nothing is escaped inside backticks, so the fence is one
    backtick longer than any run in the value, with a space pad where the value starts or ends with one."""
    text = " ".join(str(value).split())
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _md_quote(value: object) -> str:
    return _md_escape(" ".join(str(value or "").split()))


@lru_cache(maxsize=2)
def environment(autoescape: bool) -> Environment:
    env = Environment(loader=PackageLoader("tosscan.report", "templates"),
                      autoescape=select_autoescape(["html", "j2"]) if autoescape else False,
                      trim_blocks=False, lstrip_blocks=False)
    env.filters["md"] = _md_escape
    env.filters["quote"] = _md_quote
    env.filters["code"] = _md_code
    env.globals["lang_tag"] = lang_tag
    return env


def report_context(report: Report) -> dict:
    """Everything the report templates need; the web app passes the same context."""
    return {
        "report": report,
        "risks": ordered(report, "risk"),
        "gaps": ordered(report, "gap"),
        "protections": ordered(report, "protection"),
        "summary": summary_rows(report),
        "by_rule": by_rule,  # one card per rule, as the text report groups them
        "pieces": document_pieces(report),
        # A clause can trigger several rules: its highlight in the full text names them all.
        "titles_of": lambda marks: " · ".join(dict.fromkeys(report.findings[m].title for m in marks)),
        "quote_pieces": partial(quote_pieces, markdown=report.document.format == "markdown"),
        **labels(report.language),
    }


def report_css() -> str:
    return (resources.files("tosscan.report") / "templates" / "report.css").read_text(encoding="utf-8")


def render_html(report: Report) -> str:
    return environment(True).get_template("report.html.j2").render(css=report_css(), **report_context(report))


def render_markdown(report: Report) -> str:
    return environment(False).get_template("report.md.j2").render(**report_context(report))


def render_text(report: Report, *, color: bool = False, width: int = 100) -> str:
    lang = report.language
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=color, no_color=not color, width=width, highlight=False)
    # The title names the file, not the folders it sits in; the JSON keeps the source as given.
    title = f"tosscan · {escape(short_source(report.document.source))}"
    console.print(Panel(escape(report.grade_explanation), title=title,
                        subtitle=escape(t(lang, "grade_score", grade=report.grade, score=report.score))))
    rows = summary_rows(report)
    if rows:
        table = Table(title=t(lang, "summary"))
        table.add_column(t(lang, "category"))
        for col in ("risk", "gap", "protection"):
            table.add_column(t(lang, f"kind_{col}"), justify="right")
        for row in rows:
            table.add_row(row["name"], str(row["risk"]), str(row["gap"]), str(row["protection"]))
        console.print(table)
    markdown = report.document.format == "markdown"
    for kind, heading in (("risk", "risks"), ("gap", "gaps"), ("protection", "protections")):
        items = ordered(report, kind)
        console.rule(f"{t(lang, heading)} ({len(items)})")
        for group in by_rule(items):
            f = group[0][1]
            sev = severity_name(lang, f.severity).upper()
            times = f" ×{len(group)}" if len(group) > 1 else ""
            console.print(f"[{_SEVERITY_STYLE[f.severity]}]{escape(sev)}[/] [bold]{escape(f.title)}[/]{times} "
                          f"[dim]({escape(category_name(f.category, lang))} · {f.rule})[/]")
            for _, g in group:
                if g.text is not None:
                    quote = " ".join((readable(g.text) if markdown else g.text).split())
                    console.print(f"  [italic]“{escape(quote[:600])}{'…' if len(quote) > 600 else ''}”[/] "
                                  f"[dim]({escape(t(lang, 'char_span', start=g.start, end=g.end))})[/]")
            if kind != "protection":
                console.print(f"  {escape(f.explanation)}")
                if f.fair_alternative:
                    console.print(f"  [green]{escape(t(lang, 'fair') + t(lang, 'colon'))}[/]{escape(f.fair_alternative)}")
            console.print()
    return buffer.getvalue()


def render(report: Report, fmt: str, *, color: bool = False) -> str:
    if fmt == "json":
        return report.to_json()
    if fmt == "text":
        return render_text(report, color=color)
    if fmt == "markdown":
        return render_markdown(report)
    if fmt == "html":
        return render_html(report)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")

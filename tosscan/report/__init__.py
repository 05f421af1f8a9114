"""Report building and rendering (json, text, markdown, html)."""
from .build import build_report
from .render import FORMATS, render

__all__ = ["build_report", "render", "FORMATS"]

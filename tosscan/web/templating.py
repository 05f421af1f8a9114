"""Jinja2 for the web pages: the app's own templates first, then the report templates shared with the CLI's
--format html, so both show one and the same report body. Autoescaped everywhere."""
from __future__ import annotations

from functools import lru_cache

from jinja2 import ChoiceLoader, Environment, PackageLoader, select_autoescape

from .. import __version__
from ..i18n import lang_tag, t


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=ChoiceLoader([PackageLoader("tosscan.web", "templates"), PackageLoader("tosscan.report", "templates")]),
        autoescape=select_autoescape(["html", "j2"], default_for_string=True, default=True),
    )
    env.globals["version"] = __version__
    # The chrome of base.html.j2 speaks the page's language: a report page sets `page_lang` to the report's.
    env.globals.update(tr=t, lang_tag=lang_tag)
    return env


def render_page(name: str, **context: object) -> str:
    return environment().get_template(name).render(**context)

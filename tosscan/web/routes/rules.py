"""The rule catalogue, generated from the loaded rule files: /rules pages and /api/v1/rules."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from starlette.responses import HTMLResponse

from ...rules.schema import Rule
from ...scanner import Scanner
from ...taxonomy import CATEGORY_IDS, category_name
from ..deps import get_scanner
from ..errors import WebError
from ..templating import render_page

router = APIRouter()
_KIND_ORDER = {"risk": 0, "gap": 1, "protection": 2}
_SEVERITY_ORDER = {"critical": 0, "high": 1, "medium": 2, "low": 3, "info": 4}


def rule_summary(rule: Rule) -> dict:
    return rule.model_dump(mode="json", include={"id", "category", "kind", "severity", "title"}) | {
        "language": rule.language}


def find_rule(scanner: Scanner, rule_id: str) -> Rule:
    rule = scanner.ruleset.get(rule_id)
    if rule is None:
        raise WebError(404, "not_found", f"there is no rule {rule_id!r}; see the list of rules")
    return rule


def catalogue(scanner: Scanner) -> list[dict]:
    """Rules grouped by language then category (in taxonomy order), risks first within a category."""
    groups = []
    for lang in scanner.ruleset.languages:
        rules = scanner.ruleset.for_language(lang)
        categories = []
        for cid in CATEGORY_IDS:
            members = sorted((r for r in rules if r.category == cid),
                             key=lambda r: (_KIND_ORDER[r.kind], _SEVERITY_ORDER[r.severity], r.id))
            if members:
                categories.append({"id": cid, "name": category_name(cid), "rules": members})
        groups.append({"lang": lang, "count": len(rules), "categories": categories})
    return groups


@router.get("/api/v1/rules", tags=["rules"], summary="List every rule")
def list_rules(scanner: Annotated[Scanner, Depends(get_scanner)]) -> list[dict]:
    return [rule_summary(r) for r in scanner.ruleset.rules]


@router.get("/api/v1/rules/{rule_id}", tags=["rules"], summary="One rule, with its match conditions and examples",
            responses={404: {"description": "No such rule"}})
def get_rule(rule_id: str, scanner: Annotated[Scanner, Depends(get_scanner)]) -> dict:
    rule = find_rule(scanner, rule_id)
    return rule.model_dump(mode="json", exclude_none=True) | {"language": rule.language}


@router.get("/rules", include_in_schema=False, response_class=HTMLResponse)
def rules_page(scanner: Annotated[Scanner, Depends(get_scanner)]) -> HTMLResponse:
    return HTMLResponse(render_page("rules.html.j2", groups=catalogue(scanner), total=len(scanner.ruleset.rules)))


@router.get("/rules/{rule_id}", include_in_schema=False, response_class=HTMLResponse)
def rule_page(rule_id: str, scanner: Annotated[Scanner, Depends(get_scanner)]) -> HTMLResponse:
    rule = find_rule(scanner, rule_id)
    path = scanner.ruleset.paths.get(rule.id)
    source = path.read_text(encoding="utf-8") if path is not None and path.is_file() else None
    return HTMLResponse(render_page("rule.html.j2", rule=rule, category=category_name(rule.category),
                                    source=source, file_name=path.name if path else None))

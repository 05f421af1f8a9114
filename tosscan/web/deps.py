"""Request dependencies: the scanner and settings the app was started with (one scanner for every request)."""
from __future__ import annotations

from fastapi import Request

from ..scanner import Scanner
from ..settings import Settings


def get_scanner(request: Request) -> Scanner:
    scanner = request.app.state.scanner
    if scanner is None:  # only when the app is used without its lifespan (a TestClient outside `with`)
        raise RuntimeError("the scanner is built at start-up: run the app with its lifespan")
    return scanner


def get_settings(request: Request) -> Settings:
    return request.app.state.settings

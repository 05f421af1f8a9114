"""The web report and JSON API: `create_app()` builds the FastAPI application served by `tosscan serve`."""
from .app import create_app

__all__ = ["create_app"]

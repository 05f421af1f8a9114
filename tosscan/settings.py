"""Settings read from the environment (TOSSCAN_*), shared by the library, the CLI and the web app."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TOSSCAN_")

    # Largest document accepted, in characters of extracted text (5 MB of text by default).
    max_chars: int = 5_000_000
    # Largest raw upload / file / download in bytes; PDFs carry more bytes than text, hence the margin.
    max_bytes: int = 20_000_000
    # spaCy keeps every word it has seen in its vocabulary; past this many strings a long-running scanner (the
    # web app, a batch worker) rebuilds its pipeline, so memory stays bounded and submitted words do not linger
    # in it. Measured on ToS;DR policies: 87,000 strings after 1,000 documents, so a renewal (about a second)
    # comes once per thousand or so.
    vocab_limit: int = 100_000
    # Extra rule folders (os.pathsep separated) loaded after the bundled rules.
    rules_path: str = ""
    # Web / URL fetching.
    fetch_timeout: float = 10.0
    fetch_max_redirects: int = 5
    allow_private_urls: bool = False

    def extra_rule_dirs(self) -> list[Path]:
        import os

        return [Path(p) for p in self.rules_path.split(os.pathsep) if p]


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()

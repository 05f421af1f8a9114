"""Errors a user can act on. Every message says what was wrong and what to do."""
from __future__ import annotations


class TosscanError(Exception):
    """Base class: the CLI turns these into exit code 2, the API into a JSON error."""

    code = "error"


class IngestError(TosscanError):
    """The input could not be read as a document (empty, binary, too large, broken, unsupported)."""

    def __init__(self, message: str, code: str = "invalid_input"):
        super().__init__(message)
        self.code = code


class RuleError(TosscanError):
    """A rule file is invalid; the message names the file and the field."""

    code = "invalid_rule"


class UnsupportedLanguageError(TosscanError):
    """Automatic detection found a language tosscan has no rules for (a report would be empty, not reassuring)."""

    code = "unsupported_language"


class LanguageMismatchError(TosscanError):
    """Two versions to compare are in different languages: their findings come from different rule packs, so a
    diff would show every finding as removed and added."""

    code = "language_mismatch"

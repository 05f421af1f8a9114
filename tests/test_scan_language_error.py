"""A language tosscan has no rules for, chosen explicitly, is a TosscanError (the CLI and the web turn those into a
clear answer), and its message lists the languages there are."""
from __future__ import annotations

import pytest

from tosscan import scan
from tosscan.errors import TosscanError, UnsupportedLanguageError

TEXT = "We may use your photos in any media now known or later developed."


@pytest.mark.parametrize("lang", ["fr", "EN", "english"])
def test_an_unsupported_language_is_an_unsupported_language_error(lang):
    with pytest.raises(UnsupportedLanguageError) as raised:
        scan(TEXT, lang=lang)
    assert isinstance(raised.value, TosscanError) and raised.value.code == "unsupported_language"
    assert f"unsupported language {lang!r}" in str(raised.value)
    assert "auto, en, zh" in str(raised.value)


def test_the_supported_languages_still_scan():
    assert scan(TEXT, lang="en").language == "en"
    assert scan(TEXT, lang="auto").language == "en"


def test_diff_raises_it_too():
    from tosscan import diff

    with pytest.raises(UnsupportedLanguageError, match="auto, en, zh"):
        diff(TEXT, TEXT, lang="fr")

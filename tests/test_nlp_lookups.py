"""spacy-lookups-data is a hard dependency: without it lemma terms would quietly match only their own spelling."""
from __future__ import annotations

import pytest

from tosscan import nlp


@pytest.fixture
def fresh_tables():
    """The lemma tables are cached per process: start without them and leave none built from a faked import."""
    nlp._lemma_lookup.cache_clear()
    nlp._forms_by_lemma.cache_clear()
    yield
    nlp._lemma_lookup.cache_clear()
    nlp._forms_by_lemma.cache_clear()


def test_a_missing_spacy_lookups_data_is_an_import_error_saying_what_to_install(monkeypatch, fresh_tables):
    def missing(package):
        raise ModuleNotFoundError(f"No module named {package!r}", name=package)

    monkeypatch.setattr(nlp.resources, "files", missing)
    with pytest.raises(ImportError, match=r"spacy-lookups-data.*pip install spacy-lookups-data") as raised:
        nlp.word_forms("en", "license")
    assert isinstance(raised.value.__cause__, ModuleNotFoundError)


def test_with_the_package_a_lemma_has_its_inflections_and_a_language_without_a_table_has_none(fresh_tables):
    assert {"licensed", "licenses", "licensing"} <= nlp.word_forms("en", "license")
    assert nlp._lemma_lookup("zh") == {}

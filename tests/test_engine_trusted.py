"""The engine builds Evidence and Finding objects without model_construct's bookkeeping: they must be the same."""
from __future__ import annotations

import pytest

from tosscan.engine import _trusted
from tosscan.models import Evidence, Finding

EVIDENCE = dict(start=3, end=9, text="as is", role="match", term="phrase: as is")
FINDING = dict(rule="en-x", category="limitation-of-liability", kind="risk", severity="high", title="t",
               explanation="e", fair_alternative="f", references=["GDPR Art. 5"], start=0, end=9, text="It is as is",
               evidence=[Evidence.model_construct(**EVIDENCE)])


@pytest.mark.parametrize(("cls", "values"), [(Evidence, EVIDENCE), (Finding, FINDING)])
def test_trusted_equals_model_construct(cls, values):
    # The shortcut holds only for models without aliases, extra fields or private attributes.
    assert not cls.__private_attributes__ and cls.model_config.get("extra") != "allow"
    assert all(f.alias is None and f.validation_alias is None for f in cls.model_fields.values())
    assert set(values) == set(cls.model_fields)
    built, reference = _trusted(cls, **values), cls.model_construct(**values)
    assert built == reference
    assert list(built.__dict__) == list(reference.__dict__)
    assert built.model_fields_set == reference.model_fields_set
    assert built.model_dump_json() == reference.model_dump_json()
    assert repr(built) == repr(reference)

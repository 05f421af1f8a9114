import spacy

MIAOYA = "Welcome. The company may use the content you upload in any form, in any media or technology."


def test_component_adds_spans_and_findings():
    import tosscan.spacy_component  # noqa: F401  (the entry point registers it too, once installed)

    nlp = spacy.blank("en")
    nlp.add_pipe("tosscan")
    doc = nlp(MIAOYA)
    labels = [span.label_ for span in doc.spans["tosscan"]]
    assert "content-license" in labels
    span = next(s for s in doc.spans["tosscan"] if s.label_ == "content-license")
    assert span.text.startswith("The company may use")
    assert any(f.rule == "en-content-license-any-media" for f in doc._.tosscan_findings)

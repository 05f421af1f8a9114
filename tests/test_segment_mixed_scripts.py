"""English text that names something in Chinese: its Chinese sentence ends (and ! ?) cut it together with the
English ones, and no text is lost."""
from __future__ import annotations

from tosscan import scan
from tosscan.segment import segment

COMPANY = "北京某某科技有限公司"


def sentences(text):
    seg = segment(text, "en")
    return [text[s.start:s.end] for s in seg.sentences]


def test_every_sentence_of_a_paragraph_naming_a_chinese_company_is_kept():
    text = f"We share your photos with {COMPANY} for advertising. Questions? Email us."
    assert sentences(text) == [f"We share your photos with {COMPANY} for advertising.", "Questions?", "Email us."]


def test_a_paragraph_ending_where_the_chinese_splitter_cuts_keeps_its_text():
    text = f"Questions about your data? Write to {COMPANY}!"
    assert sentences(text) == ["Questions about your data?", f"Write to {COMPANY}!"]


def test_the_clause_before_a_question_mark_is_still_scanned():
    clause = f"We share your photos with {COMPANY} for advertising."
    alone = {f.rule for f in scan(clause, lang="en").findings if f.kind == "risk"}
    assert alone  # the clause is a risk on its own...
    followed = {f.rule for f in scan(clause + " Questions? Email us.", lang="en").findings if f.kind == "risk"}
    assert followed == alone  # ...and stays one when a question follows it

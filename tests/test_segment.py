from tosscan.segment import segment

LEGAL = """TERMS OF SERVICE

3. Licence
3.2 You grant Acme Inc. a licence, e.g. to host your content, as described in Sec. 4. We may
change these terms at any time.
(a) the first case; and
(b) the second case, i.e. the other one.
- a bullet point. With two sentences.
"""


def sentence_kinds(text, lang="en"):
    """Each sentence's text -> its kind ("sentence" or "heading")."""
    return {text[s.start:s.end]: s.kind for s in segment(text, lang).sentences}


def lead_ins_by_text(text, lang="en"):
    """Each list item's text -> the text of the sentence that introduces it."""
    seg = segment(text, lang)
    said = [text[s.start:s.end] for s in seg.sentences]
    return {said[i]: said[j] for i, j in seg.lead_ins.items()}


def texts(text, spans):
    return [text[s.start:s.end] for s in spans]


def test_offsets_are_exact_and_trimmed():
    seg = segment(LEGAL)
    for span in seg.sections + seg.clauses + seg.sentences:
        piece = LEGAL[span.start:span.end]
        assert piece == piece.strip() and piece


def test_headings_and_clauses():
    seg = segment(LEGAL)
    headings = [LEGAL[c.start:c.end] for c in seg.clauses if c.kind == "heading"]
    assert headings == ["TERMS OF SERVICE", "3. Licence"]
    clauses = [LEGAL[c.start:c.end] for c in seg.clauses if c.kind == "clause"]
    assert clauses[1:] == ["(a) the first case; and", "(b) the second case, i.e. the other one.",
                           "- a bullet point. With two sentences."]
    assert len(seg.sections) == 2


def test_a_bold_title_as_a_list_item_is_a_heading_not_a_clause():
    text = ("*   **Cookies**.\n*   **Usage data.** We record the pages you visit.\n"
            "*   **We do not sell your personal data to anyone.**\n- **Device information:**\n")
    kinds = {text[c.start:c.end]: c.kind for c in segment(text).clauses}
    assert kinds["*   **Cookies**."] == "heading"  # names the topic of the items below it; a report never quotes it
    assert kinds["*   **Usage data.** We record the pages you visit."] == "clause"
    assert kinds["*   **We do not sell your personal data to anyone.**"] == "clause"  # a bold sentence is a clause
    assert kinds["- **Device information:**"] == "clause"  # a lead-in to a list


def test_sentences_skip_abbreviations_and_join_wrapped_lines():
    sentences = texts(LEGAL, segment(LEGAL).sentences)
    assert "3.2 You grant Acme Inc. a licence, e.g. to host your content, as described in Sec. 4." in sentences
    assert "We may\nchange these terms at any time." in sentences
    assert "- a bullet point." in sentences and "With two sentences." in sentences


def test_chinese_sentences_and_numbered_clauses():
    text = "第一条 总则\n一、我们收集您的人脸信息。我们不会出售；但会共享！\n（二）保存期限为三十天。"
    seg = segment(text, "zh")
    assert texts(text, seg.sentences) == ["第一条 总则", "一、我们收集您的人脸信息。", "我们不会出售；", "但会共享！",
                                          "（二）保存期限为三十天。"]
    assert seg.clauses[0].kind == "heading"


def test_lookup_by_offset():
    seg = segment(LEGAL)
    offset = LEGAL.index("Acme")
    sentence = seg.sentences[seg.sentence_at(offset)]
    assert LEGAL[sentence.start:sentence.end].startswith("3.2 You grant")
    assert seg.sentence_at(LEGAL.index("\n\n")) == -1


def test_runaway_sentences_and_paragraphs_are_cut_at_soft_breaks():
    from tosscan.segment import MAX_CLAUSE, MAX_SENTENCE

    text = "We may share data with partners, affiliates and vendors; " * 200  # ~11,000 characters, no full stop
    seg = segment(text)
    assert all(s.end - s.start <= MAX_SENTENCE for s in seg.sentences)
    assert all(c.end - c.start <= MAX_CLAUSE for c in seg.clauses)
    assert all(text[s.start:s.end].endswith(";") for s in seg.sentences[:-1])
    assert "".join(text[s.start:s.end] for s in seg.sentences).replace(" ", "") == text.replace(" ", "")
    for s in seg.sentences:
        clause = seg.clauses[s.parent]
        assert clause.start <= s.start and s.end <= clause.end


def test_unbroken_cjk_text_gets_hard_cuts():
    from tosscan.segment import MAX_SENTENCE

    text = "我们收集您的信息" * 400
    seg = segment(text, "zh")
    assert all(0 < s.end - s.start <= MAX_SENTENCE for s in seg.sentences)
    assert sum(s.end - s.start for s in seg.sentences) == len(text)


def test_list_items_know_the_sentence_that_introduces_them():
    text = ("    5. Customer agrees that the Services contain trade secrets of the Company. Customer will not:\n"
            "        1. copy the Services;\n"
            "        2. resell or sublicense Customer's rights;\n"
            "    6. The Company may suspend the Services.\n"
            "You agree not to:\n"
            "- upload photos of other people\n"
            "- resell outputs.\n"
            "We keep your data for 30 days.\n"
            "- an item after a plain paragraph\n")
    lead_of = lead_ins_by_text(text)
    assert lead_of["1. copy the Services;"] == "Customer will not:"
    assert lead_of["2. resell or sublicense Customer's rights;"] == "Customer will not:"
    assert lead_of["- upload photos of other people"] == lead_of["- resell outputs."] == "You agree not to:"
    # A sibling of the introducing item, a paragraph, and items after a paragraph are not introduced by it.
    assert not any(s.startswith(("6.", "The Company", "We keep", "- an item")) for s in lead_of)


def test_a_short_line_with_no_subject_or_verb_is_the_title_of_the_paragraph_below():
    text = ("Advertising partners.\n"
            "When we use third-party cookies, our advertising partners may collect information from your device.\n"
            "Waiver of Jury Trial.\n"
            "You and the company waive any right to a trial by jury.\n"
            "We collect the following:\n"
            "Location data.\n"
            "Contacts.\n"
            "Cookies are used.\n")
    kinds = {text[s.start:s.end]: s.kind for s in segment(text).sentences}
    assert kinds["Advertising partners."] == kinds["Waiver of Jury Trial."] == "heading"
    # Labels right after "We collect the following:" are the items of that list; a line with a verb is a clause.
    assert kinds["Location data."] == kinds["Contacts."] == kinds["Cookies are used."] == "sentence"
    assert kinds["You and the company waive any right to a trial by jury."] == "sentence"


def test_a_sentence_end_that_lost_its_space_still_ends_the_sentence():
    text = "The licence ends upon dissolution.Compliance with export laws is your duty. Visit www.Example.com today."
    said = [text[s.start:s.end] for s in segment(text).sentences]
    assert said == ["The licence ends upon dissolution.", "Compliance with export laws is your duty.",
                    "Visit www.Example.com today."]


def test_a_bold_title_before_the_clause_on_the_same_line_is_a_heading_sentence():
    text = ("*   **Cookies**. We and our service providers use cookies to manage our Services.\n"
            "Waiver of Class or Other Non-Individualized Relief.\n")
    kinds = {text[s.start:s.end]: s.kind for s in segment(text).sentences}
    assert kinds["*   **Cookies**."] == "heading"
    assert kinds["We and our service providers use cookies to manage our Services."] == "sentence"
    assert kinds["Waiver of Class or Other Non-Individualized Relief."] == "heading"  # Title Case, up to ten words


def test_a_title_sentence_is_not_quoted_but_its_clause_is():
    from tosscan import scan
    report = scan("*   **Cookies**. We and our service providers use cookies to manage our Services.", lang="en")
    quotes = [f.text for f in report.findings if f.category == "tracking-advertising"]
    assert quotes and all(not q.startswith("*") for q in quotes)


def test_a_run_of_labels_is_a_list_not_a_title_and_its_clause():
    text = "Cookies. Usage Data. unique device identifiers for advertising. email address."
    assert segment(text).sentences[0].kind == "sentence"


def test_a_sentence_announcing_the_following_items_is_their_lead_in_as_a_colon_is():
    text = ("We use your Personal Data, including for the following purposes.\n"
            "- To provide the Services.\n"
            "- To train our models.\n\n"
            "We keep your data safe.\n"
            "- An item after an ordinary sentence.\n")
    lead_in = "We use your Personal Data, including for the following purposes."
    assert lead_ins_by_text(text) == {"- To provide the Services.": lead_in, "- To train our models.": lead_in}


def test_a_question_on_a_line_of_its_own_titles_the_answer():
    text = ("Do we transfer your personal data outside of the EU?\n"
            "We store your data in France.\n"
            "Can you delete your data? Yes. Write to us and we delete it within 30 days.\n")
    kinds = sentence_kinds(text)
    assert kinds["Do we transfer your personal data outside of the EU?"] == "heading"
    assert kinds["We store your data in France."] == "sentence"
    # A question followed by its answer on the same line is part of the paragraph.
    assert kinds["Can you delete your data?"] == "sentence"


def test_the_header_row_of_a_markdown_table_is_a_heading():
    text = ("| Partner | Data shared | Purpose |\n|---|---|---|\n| Advertising partners | device identifiers | ads |\n\n"
            "| not a header | because no rule follows |\n")
    kinds = sentence_kinds(text)
    assert kinds["| Partner | Data shared | Purpose |"] == "heading"
    assert kinds["| Advertising partners | device identifiers | ads |"] == "sentence"
    assert kinds["| not a header | because no rule follows |"] == "sentence"
    assert "|---|---|---|" not in kinds


def test_a_question_wrapped_over_two_lines_is_one_heading_and_a_plain_following_is_no_lead_in():
    text = ("Do we sell or share your personal information with advertisers or data\nbrokers?\n\n"
            "No. We keep it to ourselves.\n\n"
            "Refunds are paid by the end of the following month.\n- an item of another list\n")
    kinds = sentence_kinds(text)
    assert kinds["Do we sell or share your personal information with advertisers or data\nbrokers?"] == "heading"
    assert kinds["No. We keep it to ourselves."] == "sentence"
    assert not lead_ins_by_text(text)

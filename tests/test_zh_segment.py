"""The segmenter on the shapes real Chinese policies take (Markdown from Open Terms Archive, CA4P plain text)."""
from __future__ import annotations

from tosscan.segment import segment


def pieces(text, spans, kind=None):
    return [text[s.start:s.end] for s in spans if kind is None or s.kind == kind]


def test_bold_clauses_with_punctuation_are_clauses_not_headings():
    text = ("**12、未成年人使用条款**\n\n"
            "**12.1 若你是未满18周岁的未成年人，你应在监护人同意的情况下使用本软件。**\n\n"
            "**4.2 存储期限**\n")
    seg = segment(text, "zh")
    assert pieces(text, seg.clauses, "heading") == ["**12、未成年人使用条款**", "**4.2 存储期限**"]
    assert pieces(text, seg.clauses, "clause") == ["**12.1 若你是未满18周岁的未成年人，你应在监护人同意的情况下使用本软件。**"]


def test_bold_numbered_items_start_new_clauses():
    # Lines ending in "。**" end a sentence, and "**2.2 ..." opens a new item.
    text = ("2.1 本软件的主要适用人群是成年人。 **本软件依托于生成式人工智能模型。**  \n"
            "**2.2 本软件生成的内容仅供你参考。**  \n"
            "2.3 本服务并非旨在替代专业医生的建议\n")
    seg = segment(text, "zh")
    clauses = pieces(text, seg.clauses)
    assert len(clauses) == 3
    assert clauses[1] == "**2.2 本软件生成的内容仅供你参考。**"


def test_numbered_titles_markdown_escapes_and_toc_bullets_are_headings():
    text = ("1\\. 我们如何收集和使用个人信息\n"
            "我们会收集您的手机号码。\n"
            "  * 二、我们如何使用Cookie等同类技术\n"
            "五 、 Cookie的使用\n"
            "（二）存储期限\n"
            "3\\. 个人信息的使用\n")
    seg = segment(text, "zh")
    assert pieces(text, seg.clauses, "heading") == [
        "1\\. 我们如何收集和使用个人信息", "* 二、我们如何使用Cookie等同类技术", "五 、 Cookie的使用", "（二）存储期限",
        "3\\. 个人信息的使用"]
    assert pieces(text, seg.sentences, "sentence") == ["我们会收集您的手机号码。"]


def test_short_numbered_lines_with_punctuation_stay_clauses():
    text = "以下情形除外：\n1、法律法规有明确规定；\n2、获得您的明确授权；\n"
    seg = segment(text, "zh")
    assert pieces(text, seg.clauses) == ["以下情形除外：", "1、法律法规有明确规定；", "2、获得您的明确授权；"]
    assert all(c.kind == "clause" for c in seg.clauses)


def test_list_items_glued_to_chinese_text():
    text = "公司会记录您的设备信息，包括\na)设备属性信息：用于适配\nb)设备位置信息：用于推荐\n"
    seg = segment(text, "zh")
    assert pieces(text, seg.clauses) == ["公司会记录您的设备信息，包括", "a)设备属性信息：用于适配", "b)设备位置信息：用于推荐"]


def test_each_table_row_is_a_clause():
    text = ("第三方SDK | 服务功能 | 获取信息  \n---|---|---  \n"
            "极光SDK | 推送 | 设备信息、位置信息  \n网易七鱼SDK | 客服 | 相册、相机  \n")
    seg = segment(text, "zh")
    rows = pieces(text, seg.clauses)
    # The rule line is no clause; the row above it names the columns (a heading).
    assert rows == ["第三方SDK | 服务功能 | 获取信息", "极光SDK | 推送 | 设备信息、位置信息", "网易七鱼SDK | 客服 | 相册、相机"]
    assert [c.kind for c in seg.clauses] == ["heading", "clause", "clause"]


def test_sentences_split_on_chinese_stops_with_exact_offsets():
    text = "我们不会出售您的信息；但会与关联公司共享！您同意吗？我们会在30日内删除。“照片生成后立即删除。”"
    seg = segment(text, "zh")
    assert pieces(text, seg.sentences) == ["我们不会出售您的信息；", "但会与关联公司共享！", "您同意吗？", "我们会在30日内删除。",
                                           "“照片生成后立即删除。”"]
    for span in seg.sentences + seg.clauses + seg.sections:
        assert text[span.start:span.end] == text[span.start:span.end].strip()


def test_a_sentence_end_inside_brackets_or_quotes_does_not_end_the_sentence():
    def sentences(text):
        return [text[s.start:s.end] for s in segment(text, "zh").sentences]

    asked = "当你询问附近的信息（例如“附近有什么好吃的？”），或要求路线规划时，我们会申请位置权限。我们不会出售。"
    assert sentences(asked) == [asked[:asked.index("。") + 1], "我们不会出售。"]
    listed = "我们会收集设备标识符（安卓如OAID；苹果如IDFA。不同标识符可重置）、IP地址。第二句。"
    assert sentences(listed) == [listed[:-4], "第二句。"]
    # a quotation that ends the sentence, and a bracket never closed, still let the sentences end
    assert sentences("他说：“我同意。”然后他走了。") == ["他说：“我同意。”", "然后他走了。"]
    assert sentences("括号不闭合（这是一个错误。后面的句子。") == ["括号不闭合（这是一个错误。", "后面的句子。"]


def test_real_policies_are_segmented_into_sentences_of_reasonable_length(corpora):
    # Real Chinese policies: almost no "sentence" should run for paragraphs; long ones are tables or link lists.
    folder = corpora / "ca4p483_zh_privacy" / "plain_text"
    paths = sorted(folder.glob("*.txt"))[:60]
    doubao = corpora / "open_terms_archive" / "genai-contrib-versions" / "Doubao"
    paths += [doubao / "Terms of Service.md", doubao / "Privacy Policy.md"]
    total = long = 0
    for path in paths:
        text = path.read_text(encoding="utf-8")
        seg = segment(text, "zh")
        sentences = [s for s in seg.sentences if s.kind == "sentence"]
        total += len(sentences)
        long += sum(1 for s in sentences if s.end - s.start > 400)
        for span in seg.sentences:
            assert text[span.start:span.end].strip() == text[span.start:span.end]
    assert total > 5000
    assert long / total < 0.005


def test_full_width_numbered_items_belong_to_the_list_their_lead_in_opens():
    text = "为完成实名认证，我们会收集以下信息：\n（1）面部识别特征；\n（2）身份证号码。\n"
    seg = segment(text, "zh")
    said = [text[s.start:s.end] for s in seg.sentences]
    assert said == ["为完成实名认证，我们会收集以下信息：", "（1）面部识别特征；", "（2）身份证号码。"]
    assert {said[i]: said[j] for i, j in seg.lead_ins.items()} == {
        "（1）面部识别特征；": said[0], "（2）身份证号码。": said[0]}


def test_a_line_that_is_only_a_list_marker_opens_the_item_its_next_line_continues():
    text = "我们会自动采集以下技术信息，包括：\nA.\n设备或软件信息，例如您的IP地址；\nB. 您搜索和浏览的信息；\n"
    seg = segment(text, "zh")
    said = [text[s.start:s.end] for s in seg.sentences]
    assert said == ["我们会自动采集以下技术信息，包括：", "A.\n设备或软件信息，例如您的IP地址；", "B. 您搜索和浏览的信息；"]
    assert seg.lead_ins == {1: 0, 2: 0}


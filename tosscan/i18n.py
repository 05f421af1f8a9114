"""Fixed texts of reports (headings, grade explanation) in the document's language."""
from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "grade_intro": "Grade {grade} (score {score}/100).",
        "risks_found": "Found {items}.",
        "no_risks": "No risky clause was found.",
        "n_critical": "{n} critical risks",
        "n_critical_one": "1 critical risk",
        "n_high": "{n} high risks",
        "n_high_one": "1 high risk",
        "n_medium": "{n} medium risks",
        "n_medium_one": "1 medium risk",
        "n_low": "{n} low risks",
        "n_low_one": "1 low risk",
        "gaps_found": "{n} important topics are not addressed at all.",
        "gaps_found_one": "1 important topic is not addressed at all.",
        "protections_found": "{n} protective clauses count in its favour.",
        "protections_found_one": "1 protective clause counts in its favour.",
        "biggest_drivers": "What weighs most: {items}.",
        "critical_cap": "The score alone would give a better grade, but a critical risk caps it at D whatever else the document promises.",
        "high_cap": "The score alone would give an A, but a high risk caps the grade at B: A is kept for documents with no serious taking.",
        "excerpt_no_gaps": " This is an excerpt of {n} words: what a whole document leaves unsaid (gaps) is not assessed.",
        "excerpt_no_gaps_one": " This is an excerpt of one word: what a whole document leaves unsaid (gaps) is not assessed.",
        "report_title": "What this document takes from you",
        "risks": "Risks",
        "gaps": "What this document does not tell you",
        "protections": "Protections it promises",
        "summary": "Summary by category",
        "why": "Why it matters",
        "fair": "What a fair clause says",
        "references": "References",
        "evidence": "Matched",
        "full_text": "Full text",
        "none_found": "None found.",
        "category": "Category",
        "severity": "Severity",
        "language": "Language",
        "source": "Source",
        "chars": "characters",
        "gap_note": "(not stated anywhere in the document)",
        "grade": "Grade {grade}",
        "grade_score": "grade {grade} · {score}/100",
        "kind_risk": "risk",
        "kind_gap": "gap",
        "kind_protection": "protection",
        "colon": ": ",
        "list_sep": ", ",
        "lang_en": "English",
        "lang_zh": "Chinese",
        "pasted_text": "pasted text",
        "report_on": "Report on {source}",
        "scan_another": "Scan another document",
        "download_json": "Download JSON",
        "download_markdown": "Download Markdown",
        # No-break spaces: the terminal report never wraps a location between its words.
        "char_span": "chars\u00a0{start}–{end}",
        # The site's chrome around a report page (the form pages are English only).
        "skip": "Skip to content",
        "nav_label": "Site",
        "nav_scan": "Scan a document",
        "nav_diff": "Compare versions",
        "nav_rules": "Rules",
        "nav_api": "API",
        "privacy_label": "Privacy: ",
        "privacy_note": "tosscan does not store or log the text you submit. It is scanned in memory and forgotten as "
                        "soon as your report is sent; reloading a report therefore brings you back to the form.",
        "not_advice": "tosscan {version} points out clauses to read carefully; it is not legal advice.",
    },
    "zh": {
        "grade_intro": "评级 {grade}（{score}/100 分）。",
        "risks_found": "发现{items}。",
        "no_risks": "未发现风险条款。",
        "n_critical": "严重风险 {n} 项",
        "n_high": "高风险 {n} 项",
        "n_medium": "中风险 {n} 项",
        "n_low": "低风险 {n} 项",
        "gaps_found": "有 {n} 个重要事项完全没有说明。",
        "protections_found": "{n} 项保护性条款为其加分。",
        "biggest_drivers": "影响最大的是：{items}。",
        "critical_cap": "仅按分数评级会更高，但存在严重风险，无论文件作出其他何种承诺，评级最高为 D。",
        "high_cap": "仅按分数可得 A，但存在高风险条款，评级最高为 B：A 只给没有重大索取的文件。",
        "excerpt_no_gaps": "这是一段仅 {n} 字的节选：未评估整份文件是否遗漏应说明的内容（缺失项）。",
        "report_title": "这份文件从你这里拿走了什么",
        "risks": "风险",
        "gaps": "这份文件没有告诉你的",
        "protections": "承诺的保护",
        "summary": "分类汇总",
        "why": "为什么重要",
        "fair": "公平的条款应当怎么写",
        "references": "法律依据",
        "evidence": "命中",
        "full_text": "全文",
        "none_found": "未发现。",
        "category": "类别",
        "severity": "严重程度",
        "language": "语言",
        "source": "来源",
        "chars": "字符",
        "gap_note": "（文件中没有任何说明）",
        "grade": "评级 {grade}",
        "grade_score": "评级 {grade} · {score}/100 分",
        "kind_risk": "风险",
        "kind_gap": "未说明",
        "kind_protection": "保护",
        "colon": "：",
        "list_sep": "，",
        "lang_en": "英文",
        "lang_zh": "中文",
        "pasted_text": "粘贴的文本",
        "report_on": "{source} 的扫描报告",
        "scan_another": "扫描另一份文件",
        "download_json": "下载 JSON",
        "download_markdown": "下载 Markdown",
        "char_span": "第\u00a0{start}–{end}\u00a0字",
        "skip": "跳到正文",
        "nav_label": "网站导航",
        "nav_scan": "扫描文件",
        "nav_diff": "比较版本",
        "nav_rules": "规则",
        "nav_api": "API",
        "privacy_label": "隐私：",
        "privacy_note": "tosscan 不保存、不记录你提交的文本。文本只在内存中扫描，报告发出后即被丢弃；所以刷新报告页会回到表单。",
        "not_advice": "tosscan {version} 指出需要仔细阅读的条款，不构成法律意见。",
    },
}

SEVERITY_NAMES = {
    "en": {"critical": "critical", "high": "high", "medium": "medium", "low": "low", "info": "info"},
    "zh": {"critical": "严重", "high": "高", "medium": "中", "low": "低", "info": "提示"},
}


# BCP 47 tags for <html lang>: "zh-CN" makes browsers and screen readers pick Simplified Chinese glyphs and voice.
LANG_TAGS = {"en": "en", "zh": "zh-CN"}


def lang_tag(lang: str) -> str:
    return LANG_TAGS.get(lang, lang)


def t(lang: str, key: str, **values: object) -> str:
    return message(MESSAGES, lang, key, **values)


def message(tables: dict[str, dict[str, str]], lang: str, key: str, **values: object) -> str:
    """The text of `key` in `lang` (English when missing), filled in; `key_one` is the singular form used when
    the count `n` is 1 ("1 topic is", "2 topics are")."""
    table = tables.get(lang, tables["en"])
    if values.get("n") == 1 and f"{key}_one" in table:
        key = f"{key}_one"
    return table.get(key, tables["en"][key]).format(**values)


def severity_name(lang: str, severity: str) -> str:
    return SEVERITY_NAMES.get(lang, SEVERITY_NAMES["en"]).get(severity, severity)

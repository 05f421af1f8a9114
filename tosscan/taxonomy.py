"""The stable category ids of ../shared/TAXONOMY.md (a public contract: never rename, only append)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Category:
    id: str
    group: str  # "ai-data" | "unfair-terms"
    name_en: str
    name_zh: str


CATEGORIES: tuple[Category, ...] = (
    Category("content-license", "ai-data", "Licence to your content", "内容授权"),
    Category("likeness-use", "ai-data", "Use of your face, name or voice", "肖像与形象使用"),
    Category("model-training", "ai-data", "Training AI models on your data", "用于训练模型"),
    Category("biometric-data", "ai-data", "Biometric data (face, voice)", "生物识别信息"),
    Category("data-retention", "ai-data", "How long data is kept", "数据保存期限"),
    Category("data-deletion", "ai-data", "Deleting your data or account", "删除数据与注销账号"),
    Category("third-party-sharing", "ai-data", "Sharing with third parties", "第三方共享"),
    Category("cross-border-transfer", "ai-data", "Transfers abroad", "跨境传输"),
    Category("device-metadata", "ai-data", "Location, device and photo metadata", "位置、设备与照片元数据"),
    Category("tracking-advertising", "ai-data", "Tracking and targeted advertising", "追踪与定向广告"),
    Category("output-ownership", "ai-data", "Who owns generated output", "生成内容的归属"),
    Category("moral-rights-waiver", "ai-data", "Waiver of moral or portrait rights", "放弃人身权利"),
    Category("minors", "ai-data", "Children", "未成年人"),
    Category("arbitration", "unfair-terms", "Forced arbitration", "强制仲裁"),
    Category("class-action-waiver", "unfair-terms", "Class action and jury waiver", "放弃集体诉讼"),
    Category("unilateral-change", "unfair-terms", "Changes at the provider's will", "单方变更条款"),
    Category("content-removal", "unfair-terms", "Removal of your content", "删除用户内容"),
    Category("jurisdiction", "unfair-terms", "Court far from you", "管辖法院"),
    Category("choice-of-law", "unfair-terms", "Foreign governing law", "适用法律"),
    Category("limitation-of-liability", "unfair-terms", "Limitation of liability", "责任限制"),
    Category("unilateral-termination", "unfair-terms", "Termination at will", "单方终止"),
    Category("contract-by-using", "unfair-terms", "Bound by merely using", "使用即视为同意"),
    Category("indemnification", "unfair-terms", "You indemnify the provider", "用户赔偿责任"),
)

CATEGORY_IDS: tuple[str, ...] = tuple(c.id for c in CATEGORIES)
BY_ID: dict[str, Category] = {c.id: c for c in CATEGORIES}


def category_name(category_id: str, lang: str = "en") -> str:
    cat = BY_ID.get(category_id)
    if cat is None:
        return category_id
    return cat.name_zh if lang == "zh" else cat.name_en

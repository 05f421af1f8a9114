"""tosscan: what an AI app's terms of service and privacy policy really take from you.

    from tosscan import scan
    report = scan(text)            # language detected; or scan(text, lang="zh")
    print(report.grade, [f.title for f in report.findings])
"""
from .errors import IngestError, RuleError, TosscanError
from .models import Document, Evidence, Finding, Report
from .rules.loader import load_rules
from .scanner import Scanner, scan
from .diff import diff  # shadows the package name: use `from tosscan.diff.models import ...`

__version__ = "0.1.0"
__all__ = ["scan", "diff", "Scanner", "Report", "Finding", "Evidence", "Document", "load_rules", "TosscanError",
           "IngestError", "RuleError", "__version__"]

"""ToS;DR points: quoted clauses labelled with a case ("You waive your right to a class action", ...).

Each case that corresponds to a taxonomy category is mapped to (categories, kind): a quote counts as found when
scanning it yields a finding of one of those categories with that kind (bad/blocker cases -> risk, good -> protection).
Recall is reported per category. Cases about unrelated topics (spam, age limits, pseudonyms, ...) measure the
false-alarm rate: the share of their quotes that get any finding at all. Cases that are neither (ambiguous or
off-taxonomy, e.g. "gathers information about you through third parties") are not scored.
"""
from __future__ import annotations

import csv
import html
import re
from pathlib import Path

from . import Dataset, pick_half
from .metrics import ErrorExample, EvalResult
from .predict import findings_for

R, P = "risk", "protection"

CASES: dict[str, tuple[tuple[str, ...], str]] = {
    # limitation of liability and disclaimers
    "The service is provided 'as is' and to be used at the users' sole risk": (("limitation-of-liability",), R),
    "The service provider makes no warranty regarding uninterrupted, timely, secure or error-free service":
        (("limitation-of-liability",), R),
    "This service assumes no liability for any losses or damages resulting from any matter relating to the service":
        (("limitation-of-liability",), R),
    "The service does not guarantee accuracy or reliability of the information provided":
        (("limitation-of-liability",), R),
    "This service does not guarantee that it or the products obtained through it meet the users' expectations or "
    "requirements": (("limitation-of-liability",), R),
    "The service does not guarantee that software errors will be corrected": (("limitation-of-liability",), R),
    "This services gives no guarantee regarding quality": (("limitation-of-liability",), R),
    "This service assumes no liability for unauthorized access to your personal information":
        (("limitation-of-liability",), R),
    "Any liability on behalf of the service is only limited to the fees you paid as a user":
        (("limitation-of-liability",), R),
    "The service is not responsible for linked or (clearly) quoted content from third-party content providers":
        (("limitation-of-liability",), R),
    "This service assumes no responsibility and liability for the contents of links to other websites":
        (("limitation-of-liability",), R),
    "Users are responsible for any risks, damages, or losses they may incur by downloading materials":
        (("limitation-of-liability",), R),
    "This service cannot be held responsible for disputes that you may have with other users":
        (("limitation-of-liability",), R),
    # termination, change, removal
    "The service can delete your account without prior notice and without a reason": (("unilateral-termination",), R),
    "They may stop providing the service at any time": (("unilateral-termination",), R),
    "Terms may be changed any time at their discretion, without notice to the user": (("unilateral-change",), R),
    "The service may change its terms at any time, but the user will receive notification of the changes.":
        (("unilateral-change",), R),
    "Users should revisit the terms periodically, although in case of material changes, the service will notify":
        (("unilateral-change",), R),
    "The service makes critical changes to its terms without user involvement": (("unilateral-change",), R),
    "The service can delete specific content without reason and may do it without prior notice":
        (("content-removal",), R),
    # disputes
    "You agree to defend, indemnify, and hold the service harmless in case of a claim related to your use of the "
    "service": (("indemnification",), R),
    "defend, indemnify, hold harmless; survives termination": (("indemnification",), R),
    "You are solely responsible for claims made against the service and agree to indemnify and hold harmless the "
    "service.": (("indemnification",), R),
    "You waive your right to a class action.": (("class-action-waiver",), R),
    "This service forces users into binding arbitration in the case of disputes": (("arbitration",), R),
    "The court of law governing the terms is in location X": (("jurisdiction", "choice-of-law"), R),
    # content and likeness
    "The service can distribute your content through any media known now or in the future": (("content-license",), R),
    "This service can use your content for all their existing and future services": (("content-license",), R),
    "This service can license user content to third parties": (("content-license",), R),
    "This service keeps a license on user-generated content even after users close their accounts.":
        (("content-license",), R),
    "This service retains rights to your content even after you stop using your account": (("content-license",), R),
    "The copyright license maintained by the service over user data and/or content is broader than necessary.":
        (("content-license",), R),
    "You waive your moral rights": (("moral-rights-waiver",), R),
    "Your identity is used in ads that are shown to other users": (("likeness-use",), R),
    "Your biometric data is collected": (("biometric-data",), R),
    # retention and deletion
    "This service may keep personal data after a request for erasure for business interests or legal obligations":
        (("data-retention",), R),
    "This service keeps user logs for an undefined period of time": (("data-retention",), R),
    "This service holds onto content that you've deleted": (("data-retention",), R),
    "The service may keep a secure, anonymized record of users' data for analytical purposes even after the data "
    "retention period": (("data-retention",), R),
    "This service will continue using anonymized user-generated content even after erasure of personal information":
        (("data-retention",), R),
    "User logs are deleted after a finite period of time": (("data-retention",), P),
    "You cannot delete your account of this service": (("data-deletion",), R),
    "You can request access and deletion of personal data": (("data-deletion",), P),
    "You can delete your content from this service": (("data-deletion",), P),
    # sharing and transfers
    "Your personal data is given to third parties": (("third-party-sharing",), R),
    "The service can sell or otherwise transfer your personal data as part of a bankruptcy proceeding or other type "
    "of financial transaction.": (("third-party-sharing",), R),
    "This service reserves the right to disclose your personal information without notifying you":
        (("third-party-sharing",), R),
    "This service can share your personal information to third parties": (("third-party-sharing",), R),
    "The service may sell your data unless you opt out": (("third-party-sharing",), R),
    "This service does not sell your personal data": (("third-party-sharing",), P),
    "The service does not share user information with third parties": (("third-party-sharing",), P),
    "The service will not allow third parties to access your personal information without a legal basis":
        (("third-party-sharing",), P),
    "The service allows you to opt out of providing personal information to third parties":
        (("third-party-sharing",), P),
    "This service only shares user information with third parties when given specific consent":
        (("third-party-sharing",), P),
    "Third parties used by the service are bound by confidentiality obligations": (("third-party-sharing",), P),
    "You can limit how your information is used by third-parties and the service": (("third-party-sharing",), P),
    "Your data may be processed and stored anywhere in the world": (("cross-border-transfer",), R),
    # device data, tracking and advertising
    "This service may collect, use, and share location data": (("device-metadata",), R),
    "This service receives your location through GPS coordinates": (("device-metadata",), R),
    "App required for this service requires broad device permissions": (("device-metadata",), R),
    "This service does not collect, use, or share location data": (("device-metadata",), P),
    "The service may use tracking pixels, web beacons, browser fingerprinting, and/or device fingerprinting on users.":
        (("tracking-advertising",), R),
    "This service may use your personal information for marketing purposes": (("tracking-advertising",), R),
    "This service uses third-party cookies for statistics": (("tracking-advertising",), R),
    "This service ignores the Do Not Track (DNT) header and tracks users anyway even if they set this header.":
        (("tracking-advertising",), R),
    "The service uses your personal data to employ targeted third-party advertising": (("tracking-advertising",), R),
    "Tracking via third-party cookies for other purposes without your consent.": (("tracking-advertising",), R),
    "This service employs third-party cookies, but with opt-out instructions": (("tracking-advertising",), R),
    "This service tracks you on other websites": (("tracking-advertising",), R),
    "The service uses your personal data for advertising": (("tracking-advertising",), R),
    "Tracking pixels are used in service-to-user communication": (("tracking-advertising",), R),
    "The service uses social media cookies/pixels": (("tracking-advertising",), R),
    "This service can view your browser history": (("tracking-advertising",), R),
    "Your profile is combined across various products": (("tracking-advertising",), R),
    "This service does not track you": (("tracking-advertising",), P),
    "You can opt out of targeted advertising": (("tracking-advertising",), P),
    "IP addresses of website visitors are not tracked": (("tracking-advertising",), P),
    "This service respects your browser's Do Not Track (DNT) headers": (("tracking-advertising",), P),
    "The service does not use third-party analytics or tracking platforms": (("tracking-advertising",), P),
    "The service deletes tracking data after a period of time and allows you to opt out":
        (("tracking-advertising",), P),
    "This service only uses temporary session cookies": (("tracking-advertising",), P),
}

# Topics the taxonomy does not cover: a finding on these quotes is a false alarm.
UNRELATED = {
    "This service is only available to users over a certain age",
    "You are responsible for maintaining the security of your account and for the activities on your account",
    "Users agree not to submit libelous, harassing or threatening content",
    "Users agree not to use the service for illegal purposes",
    "Provides instructions on how to submit a copyright claim",
    "Prohibits the posting of pornographic content",
    "The user is informed about security practices",
    "The service allows you to use pseudonyms",
    "The terms for this service are easy to read",
    "This service prohibits users sending chain letters, junk mail, spam or any unsolicited messages",
    "Users agree not to submit illegal content",
    "Spidering or crawling is not allowed",
    "This service does not condone any ideas contained in its user-generated contents",
    "The service has a no refund policy",
    "You must provide your legal name, pseudonyms are not allowed",
    "Users shall not interfere with another person's enjoyment of the service",
    "You cannot distribute or disclose your account to third parties",
    "Users who have been permanently banned from this service are not allowed to re-register under a new account",
    "Prohibits the posting of content which promotes or glorifies violence or politically or religiously extremist "
    "values.",
    "The service provides a free help desk",
    "Service does not allow alternative accounts",
    "This service prohibits users from attempting to gain unauthorized access to other computer systems",
    "The terms for this service are translated into different languages",
    "The service provides two factor authentification for your account",
    "Users cannot scrape the website of the service",
    "Failure to enforce any provision of the Terms of Service does not constitute a waiver of such provision",
    "Invalidity of any portion of the Terms of Service does not entail invalidity of its remainder",
    "This service is only available for use individually and non-commercially.",
    "only for your individual use",
    "You authorise the service to charge a credit card supplied on re-occurring basis",
    "This service fines spammers",
    "This service throttles your use",
    "This service will warn users about website maintenance",
    "Accessibility to this service is guaranteed at 99% or more",
    "Prohibits political discussions or campaigning",
    "No need to register",
    "You must create an account to use this service",
    "Users are not allowed to use pseudonyms, as trust and transparency between users regarding their identities is "
    "relevant to the service.",
}

_TAG = re.compile(r"<[^>]{0,200}>")
PATH = Path("tosdr_points") / "tosdr_quotes.csv"


def clean_quote(text: str) -> str:
    """Quotes were cut from HTML: drop tags, unescape entities, collapse spaces."""
    return " ".join(html.unescape(_TAG.sub(" ", text)).split())


def services(corpora: Path, half: str | None = None) -> list[str]:
    """The services quoted in the csv (its `services` column), sorted; `half` keeps the 1st, 3rd, ... (odd) or the
    2nd, 4th, ... (even) so rules tuned on one half's services can be judged on the other's."""
    with (corpora / PATH).open(encoding="utf-8", newline="") as fh:
        names = sorted({row["services"].strip() for row in csv.DictReader(fh)})
    return pick_half(names, half)


def run(corpora: Path, scanner, keep_errors: int = 0, half: str | None = None) -> EvalResult:
    result = EvalResult("tosdr", "ToS;DR quoted clauses: recall per category; false alarms on unrelated cases")
    unrelated_total = unrelated_flagged = 0
    chosen = set(services(corpora, half)) if half else None
    with (corpora / PATH).open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if chosen is not None and row["services"].strip() not in chosen:
                continue
            case = row["case"].strip()
            quote = clean_quote(row["quoteText"])
            if not quote or (case not in CASES and case not in UNRELATED):
                continue
            findings = findings_for(scanner, quote, "en")
            where = f"{row['services']} #{row['id']}: {case[:60]}"
            if case in UNRELATED:
                unrelated_total += 1
                flagged = [f for f in findings if f.kind != "gap"]
                if flagged:
                    unrelated_flagged += 1
                    if len(result.errors) < keep_errors:
                        result.errors.append(ErrorExample("fp", flagged[0].category, quote, where))
                continue
            categories, kind = CASES[case]
            found = any(f.category in categories and f.kind == kind for f in findings)
            counts = result.counts(categories[0] if len(categories) == 1 else "/".join(categories))
            if found:
                counts.tp += 1
            else:
                counts.fn += 1
                if len(result.errors) < keep_errors:
                    result.errors.append(ErrorExample("fn", categories[0], quote, where))
    result.per_category = dict(sorted(result.per_category.items()))
    recalls = [c.recall for c in result.per_category.values() if c.support]
    result.summary["min_category_recall"] = min(recalls) if recalls else 0.0
    result.summary["mean_category_recall"] = sum(recalls) / len(recalls) if recalls else 0.0
    result.summary["unrelated_finding_rate"] = unrelated_flagged / unrelated_total if unrelated_total else 0.0
    result.targets.update({"min_category_recall": ">= 0.85", "unrelated_finding_rate": "<= 0.05"})
    result.notes.append(f"{unrelated_total} quotes of unrelated cases; precision columns are not meaningful here "
                        "(only labelled quotes are scanned)")
    if half:
        result.notes.append(f"{half} half: {len(chosen)} services")
    return result


DATASET = Dataset("tosdr", "ToS;DR quotes mapped to taxonomy categories (recall, false alarms)", run)

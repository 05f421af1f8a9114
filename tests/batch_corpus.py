"""Small synthetic corpora for the batch tests: policies with known risks, plus documents that must fail."""
from __future__ import annotations

import io
import json
import shutil
import tarfile
from pathlib import Path

import pytest

CLAUSES = (
    "You grant us a perpetual, irrevocable, worldwide licence to use your photos in any media now known or later "
    "developed.",
    "Any dispute shall be resolved by binding arbitration, and you waive any right to a class action.",
    "We may share your personal data with third parties and advertisers for marketing purposes.",
    "We may terminate your account at any time, for any reason, without notice.",
    "We keep your uploads for as long as necessary, including after you delete your account.",
    "We delete your photos within 24 hours after your portrait is generated.",
    "By using the service you agree to these terms.",
)


def policy(i: int, paragraphs: int = 3) -> str:
    """A policy whose clauses vary with i, so documents differ in findings and grade."""
    parts = [f"Terms of Service of Example App {i}"]
    for p in range(paragraphs):
        picked = [CLAUSES[(i + p + k) % len(CLAUSES)] for k in range(1 + (i + p) % 3)]
        parts.append(f"{p + 1}. " + " ".join(picked) + f" This paragraph concerns feature {i}-{p}.")
    return "\n\n".join(parts) + "\n"


def sample_documents(n: int = 6) -> dict[str, bytes]:
    """name -> bytes: n policies, a NUL-laden binary .txt, an empty file and a PDF that is not one."""
    docs = {f"policies/app{i:03d}.txt": policy(i).encode() for i in range(n)}
    docs["policies/broken.txt"] = b"\x00\x01\x02 not text \x00" * 20
    docs["policies/empty.txt"] = b""
    docs["policies/fake.pdf"] = b"%PDF-1.4 this is not really a pdf"
    return docs


def write_folder(root: Path, docs: dict[str, bytes]) -> Path:
    for name, data in docs.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return root


def write_tar(path: Path, docs: dict[str, bytes], mode: str = "w:xz") -> Path:
    with tarfile.open(path, mode) as tar:
        for name, data in docs.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def read_results(path: Path) -> dict[str, dict]:
    """id -> record of a results file, failing on a duplicate id."""
    records: dict[str, dict] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        assert record["id"] not in records, f"duplicate id {record['id']}"
        records[record["id"]] = record
    return records


@pytest.fixture(scope="session")
def pinned_rules(tmp_path_factory) -> tuple[str, ...]:
    """A copy of the bundled rules taken once: runs compared with each other scan with the same rules even while
    the rule files in the checkout are being edited."""
    from tosscan.rules.loader import bundled_rules_dir

    target = tmp_path_factory.mktemp("pinned") / "rules"
    shutil.copytree(bundled_rules_dir(), target)
    return (str(target),)

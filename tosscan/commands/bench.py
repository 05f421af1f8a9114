"""`tosscan bench`: scanning speed on real documents, relative to bare spaCy tokenization in the same run."""
# No `from __future__ import annotations`: typer reads the option types of the nested command at run time.
import json
from pathlib import Path
from typing import Optional

import typer


def register(app: typer.Typer) -> None:
    from ..cli import TextOrJson

    @app.command("bench")
    def bench_command(
        docs: int = typer.Option(300, "--docs", "-n", min=1, help="How many corpus documents to scan."),
        repeat: int = typer.Option(3, "--repeat", "-r", min=1, help="Timed passes (the fastest is reported)."),
        corpora: Optional[Path] = typer.Option(None, "--corpora", help="Corpora folder (default ../shared/corpora)."),
        format: TextOrJson = typer.Option(TextOrJson.text, "--format", "-f", help="text or json."),
    ) -> None:
        """Measure scan speed vs bare tokenization (target: ratio <= 2) and a 10,000-word policy (target < 100 ms)."""
        from ..bench import DEV_TARBALL, corpus_documents, run_bench
        from ..cli import fail
        from ..evaluate import default_corpora_dir
        from ..scanner import default_scanner

        root = corpora or default_corpora_dir()
        if not (root / DEV_TARBALL).is_file():
            raise fail(f"benchmark corpus not found: {root / DEV_TARBALL} (give --corpora or set TOSSCAN_CORPORA)")
        documents = list(corpus_documents(root, docs))
        result = run_bench(documents, default_scanner(), repeat=repeat)
        if format == TextOrJson.json:
            print(json.dumps(result.to_dict(), indent=2))
            return
        d = result.to_dict()
        print(f"{d['documents']} documents, {d['words']:,} words, {d['chars']:,} characters, {d['findings']} findings")
        print(f"bare spaCy tokenization: {d['tokenize_seconds']:.3f} s (best of {repeat} passes)")
        print(f"tosscan scan:            {d['scan_seconds']:.3f} s  ({d['words_per_second']:,} words/s)")
        print(f"ratio scan/tokenize:     {d['ratio_scan_to_tokenize']:.2f}x  (target <= 2.00)")
        print(f"tokenizing the scanner's blocks of clauses alone: {d['block_tokenize_seconds']:.3f} s; "
              f"scan/that: {d['ratio_scan_to_block_tokenize']:.2f}x")
        print(f"{d['long_doc_words']:,}-word policy, warm: {d['long_doc_ms']:.1f} ms "
              f"(tokenize alone {d['long_doc_tokenize_ms']:.1f} ms; target < 100 ms)")

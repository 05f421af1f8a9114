import os
from functools import partial

import pytest

from batch_corpus import pinned_rules, policy, read_results, sample_documents, write_folder, write_tar  # noqa: F401
from tosscan.batch import BatchConfig, run_batch
from tosscan.batch.engines import ProcessEngine
from tosscan.batch.inputs import Item
from tosscan.batch.work import scan_chunk, scan_item, worker_scanner

CRASH_ID = "crash-me.txt"


def crash_on_marked(items, **kwargs):
    """A task that kills its worker process on one document, as an out-of-memory kill would."""
    if any(item.id == CRASH_ID for item in items):
        os._exit(9)
    return scan_chunk(items, **kwargs)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus")
    return write_folder(root, sample_documents(6))


@pytest.fixture(scope="module")
def serial_results(corpus, tmp_path_factory, pinned_rules):
    out = tmp_path_factory.mktemp("serial") / "r.jsonl"
    stats = run_batch(BatchConfig([str(corpus)], out, workers=1, rules=pinned_rules))
    return stats, read_results(out), out


def test_every_document_gets_one_line_and_failures_are_recorded(serial_results, pinned_rules):
    stats, records, _ = serial_results
    assert (stats.scanned, stats.failed) == (6, 3)
    assert records["policies/empty.txt"]["error"]["code"] == "empty"
    assert records["policies/broken.txt"]["error"]["code"] == "binary"
    assert records["policies/fake.pdf"]["error"]["code"] == "bad_pdf"
    first = records["policies/app000.txt"]
    expected = worker_scanner(pinned_rules).scan(policy(0)).to_dict(include_text=False)
    assert first["schema"] == "tosscan.report/1" and "text" not in first["document"]
    assert [f["rule"] for f in first["findings"]] == [f["rule"] for f in expected["findings"]]
    assert first["grade"] == expected["grade"]


def test_summary_csv_is_written_beside_the_results(serial_results):
    stats, records, out = serial_results
    rows = (out.parent / "r.jsonl.summary.csv").read_text().splitlines()
    assert "total,documents,9,1.0" in rows
    assert stats.summary.reports == 6 and sum(stats.summary.errors.values()) == 3
    assert sum(stats.summary.grades.values()) == 6


def test_process_pool_output_equals_serial_output(corpus, serial_results, tmp_path, pinned_rules):
    out = tmp_path / "pool.jsonl"
    stats = run_batch(BatchConfig([str(corpus)], out, workers=2, chunk_size=2, rules=pinned_rules))
    assert (stats.scanned, stats.failed) == (6, 3)
    assert read_results(out) == serial_results[1]


def test_rerun_skips_done_documents_and_scans_only_new_ones(corpus, tmp_path):
    out = tmp_path / "r.jsonl"
    run_batch(BatchConfig([str(corpus)], out, workers=1))
    again = run_batch(BatchConfig([str(corpus)], out, workers=1))
    assert (again.scanned, again.failed, again.skipped_done) == (0, 0, 9)
    extra = tmp_path / "extra"
    write_folder(extra, {"new/app.txt": b"We may share your personal data with advertisers."})
    more = run_batch(BatchConfig([str(corpus), str(extra)], out, workers=1))
    assert (more.scanned, more.skipped_done) == (1, 9)
    assert len(read_results(out)) == 10


def test_same_id_in_two_inputs_is_scanned_once(corpus, tmp_path):
    archive = write_tar(tmp_path / "same.tar.xz", {"policies/app000.txt": b"another text, same id"})
    out = tmp_path / "r.jsonl"
    stats = run_batch(BatchConfig([str(corpus), str(archive)], out, workers=1))
    assert stats.duplicates == 1 and len(read_results(out)) == 9
    assert any("duplicate document id" in w for w in stats.warnings)


def test_retry_failed_rescans_fixed_documents_without_duplicate_ids(tmp_path):
    folder = write_folder(tmp_path / "c", {"a.txt": b"We may share your data with advertisers.", "b.txt": b""})
    out = tmp_path / "r.jsonl"
    run_batch(BatchConfig([str(folder)], out, workers=1))
    (folder / "b.txt").write_text("We may terminate your account at any time without notice.")
    plain = run_batch(BatchConfig([str(folder)], out, workers=1))
    assert plain.scanned == 0  # failures count as done unless asked
    retried = run_batch(BatchConfig([str(folder)], out, workers=1, retry_failed=True))
    assert (retried.scanned, retried.previous.dropped_failures) == (1, 1)
    records = read_results(out)
    assert set(records) == {"a.txt", "b.txt"} and "error" not in records["b.txt"]


def test_url_item_without_network_access_is_a_recorded_failure():
    # A private address is refused by the SSRF guard before any connection: an error line, not a crash.
    result = scan_item(Item("http://127.0.0.1:9/policy", url="http://127.0.0.1:9/policy"), worker_scanner())
    assert result.error is not None
    assert result.line.startswith('{"id":"http://127.0.0.1:9/policy","error":')


def test_a_worker_killed_by_one_document_costs_only_that_document(tmp_path):
    docs = [Item(f"doc{i}.txt", data=f"We may share your data with partner {i}.".encode()) for i in range(6)]
    docs.insert(3, Item(CRASH_ID, data=b"We may share your data."))
    chunks = [docs[i:i + 2] for i in range(0, len(docs), 2)]
    with ProcessEngine(partial(crash_on_marked, lang=None, include_text=False), workers=2) as engine:
        results = [r for batch in engine.map(iter(chunks)) for r in batch]
    by_id = {r.id: r for r in results}
    assert len(results) == len(docs) == len(by_id)
    assert by_id[CRASH_ID].error == "worker_crashed"
    assert all(by_id[d.id].error is None for d in docs if d.id != CRASH_ID)


def test_invalid_rules_stop_the_run_before_any_document_is_recorded(corpus, tmp_path, monkeypatch):
    from tosscan.errors import RuleError
    from tosscan.settings import get_settings

    broken = tmp_path / "rules" / "en" / "arbitration" / "en-arbitration-broken.yaml"
    broken.parent.mkdir(parents=True)
    broken.write_text("- a list, not a rule\n")
    monkeypatch.setenv("TOSSCAN_RULES_PATH", str(tmp_path / "rules"))
    get_settings.cache_clear()
    try:
        with pytest.raises(RuleError, match="en-arbitration-broken.yaml"):
            run_batch(BatchConfig([str(corpus)], tmp_path / "r.jsonl", workers=1))
    finally:
        monkeypatch.delenv("TOSSCAN_RULES_PATH")
        get_settings.cache_clear()
    assert not (tmp_path / "r.jsonl").exists()


def test_a_worker_whose_vocabulary_outgrows_the_limit_gets_a_fresh_pipeline_and_the_same_results(pinned_rules):
    from tosscan.batch import work

    items = [Item(f"d{i}.txt", data=policy(i).encode()) for i in range(2)]
    first = work.scan_chunk(items, rules=pinned_rules)
    scanner = work.worker_scanner(pinned_rules)
    pipeline, limit = scanner.compiled("en").nlp, scanner.vocab_limit
    scanner.vocab_limit = 0  # as if thousands of documents had filled the vocabulary
    try:
        again = work.scan_chunk(items, rules=pinned_rules)
    finally:
        scanner.vocab_limit = limit
    assert scanner.compiled("en").nlp is not pipeline
    assert again == first


@pytest.mark.corpus
def test_real_policies_scan_end_to_end_on_the_pool(corpora, tmp_path, pinned_rules):
    folder = corpora / "tosdr_docs_corpus_2023" / "curated_ai_photo"
    if not folder.is_dir():
        pytest.skip(f"{folder} not found")
    names = {p.name for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")}
    out = tmp_path / "r.jsonl"
    stats = run_batch(BatchConfig([str(folder)], out, workers=2, rules=pinned_rules))
    records = read_results(out)
    assert set(records) == names
    assert not [i for i, r in records.items() if r.get("error", {}).get("code") in ("internal", "worker_crashed")]
    assert stats.summary.reports >= 0.95 * len(names)
    assert sum(stats.summary.grades.values()) == stats.summary.reports

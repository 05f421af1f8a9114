"""The --engine dask code path on a real (local, multi-process) Dask cluster started by the test."""
import pytest

from batch_corpus import pinned_rules, read_results, sample_documents, write_tar  # noqa: F401
from tosscan.batch import BatchConfig, EngineError, run_batch

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, memory_limit="1GiB",
                                  dashboard_address=None) as local:
        yield local


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    return write_tar(tmp_path_factory.mktemp("dask") / "corpus.tar.xz", sample_documents(8))


def test_dask_cluster_output_equals_single_process_output(cluster, archive, tmp_path, pinned_rules):
    serial_out, dask_out = tmp_path / "serial.jsonl", tmp_path / "dask.jsonl"
    serial = run_batch(BatchConfig([str(archive)], serial_out, workers=1, rules=pinned_rules))
    on_dask = run_batch(BatchConfig([str(archive)], dask_out, engine="dask", scheduler=cluster.scheduler_address,
                                    chunk_size=2, rules=pinned_rules))
    assert (on_dask.scanned, on_dask.failed) == (serial.scanned, serial.failed) == (8, 3)
    expected, got = read_results(serial_out), read_results(dask_out)
    assert set(got) == set(expected) == set(sample_documents(8))
    assert got == expected  # same reports, findings and errors, whatever the order


def test_dask_resume_skips_done_documents(cluster, archive, tmp_path, pinned_rules):
    out = tmp_path / "r.jsonl"
    config = BatchConfig([str(archive)], out, engine="dask", scheduler=cluster.scheduler_address, rules=pinned_rules)
    first = run_batch(config)
    again = run_batch(config)
    assert first.scanned + first.failed == 11
    assert (again.scanned, again.failed, again.skipped_done) == (0, 0, 11)
    assert len(read_results(out)) == 11


def test_unreachable_scheduler_is_a_clear_error(tmp_path, archive, monkeypatch):
    from tosscan.batch import dask_engine

    monkeypatch.setattr(dask_engine, "CONNECT_TIMEOUT", "2s")
    with pytest.raises(EngineError, match="could not reach the Dask scheduler at tcp://127.0.0.1:1"):
        run_batch(BatchConfig([str(archive)], tmp_path / "r.jsonl", engine="dask", scheduler="tcp://127.0.0.1:1"))


def test_dask_message_logs_are_kept_short_while_the_engine_runs(cluster, pinned_rules):
    import dask

    from tosscan.batch.dask_engine import LOG_LENGTH, DaskEngine

    before = dask.config.get("distributed.admin.low-level-log-length")
    with DaskEngine(lambda chunk: [], cluster.scheduler_address, rules=pinned_rules) as engine:
        # Dask's message logs would otherwise hold the last 1,000 chunks of documents.
        assert dask.config.get("distributed.admin.low-level-log-length") == LOG_LENGTH
        assert engine.client.scheduler_comm.recent_message_log.maxlen == LOG_LENGTH
    assert dask.config.get("distributed.admin.low-level-log-length") == before

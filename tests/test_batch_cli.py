import os
import signal
import subprocess
import sys
import time

import pytest
from typer.testing import CliRunner

from batch_corpus import pinned_rules, policy, read_results, sample_documents, write_folder  # noqa: F401
from tosscan.cli import app

runner = CliRunner()
DOCS = 40


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory):
    """Enough documents, long enough, that a run can be stopped part-way."""
    root = tmp_path_factory.mktemp("big")
    return write_folder(root, {f"doc{i:03d}.txt": policy(i, paragraphs=60).encode() for i in range(DOCS)})


def start(corpus, out, rules, workers):
    # A new session: the kill reaches the run and any worker process, as a terminal's Ctrl-C or a kill -9 would.
    return subprocess.Popen([sys.executable, "-m", "tosscan.cli", "batch", str(corpus), "-o", str(out), "-q",
                             "--workers", str(workers), "--chunk-size", "1", "--rules", rules[0]],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)


def wait_for_lines(out, n, proc, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if out.exists() and out.read_bytes().count(b"\n") >= n:
            return
        assert proc.poll() is None, proc.stderr.read().decode()
        time.sleep(0.02)
    raise AssertionError(f"no {n} results within {timeout}s")


def finish(corpus, out, rules):
    result = subprocess.run([sys.executable, "-m", "tosscan.cli", "batch", str(corpus), "-o", str(out), "-q",
                             "--workers", "2", "--rules", rules[0]], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return result


@pytest.mark.parametrize("sig, workers", [(signal.SIGINT, 2), (signal.SIGKILL, 1)])
def test_interrupted_run_then_rerun_has_every_document_exactly_once(big_corpus, tmp_path, sig, workers,
                                                                     pinned_rules):
    out = tmp_path / "r.jsonl"
    proc = start(big_corpus, out, pinned_rules, workers)
    wait_for_lines(out, 3, proc)
    os.killpg(proc.pid, sig)
    code = proc.wait(timeout=60)
    partial = out.read_bytes().count(b"\n")
    assert 3 <= partial < DOCS, "the run must be stopped part-way for this test to mean anything"
    if sig == signal.SIGINT:
        assert code == 130
        assert "run the same command again" in proc.stderr.read().decode()
    else:
        assert code == -signal.SIGKILL
        with out.open("ab") as fh:  # what a kill in the middle of a write leaves behind
            fh.write(b'{"id":"doc039.txt","schema":"tosscan.rep')
    result = finish(big_corpus, out, pinned_rules)
    records = read_results(out)  # fails on a duplicate id
    assert set(records) == {f"doc{i:03d}.txt" for i in range(DOCS)}
    assert all("error" not in r for r in records.values())
    assert f"{partial:,} already done" in result.stderr


def test_cli_prints_the_summary_table(tmp_path, pinned_rules):
    corpus = write_folder(tmp_path / "c", sample_documents(2))
    result = runner.invoke(app, ["batch", str(corpus), "-o", str(tmp_path / "r.jsonl"), "--workers", "1",
                                 "--rules", pinned_rules[0]])
    assert result.exit_code == 0, result.output
    assert "2 scanned, 3 failed" in result.output
    assert "Most frequent risks and gaps" in result.output and "Failed documents by error" in result.output
    assert (tmp_path / "r.jsonl.summary.csv").exists()


@pytest.mark.parametrize("args, message", [
    (["nowhere/at/all"], "no such file or folder"),
    (["."] + ["--scheduler", "tcp://127.0.0.1:1"], "--scheduler needs --engine dask"),
])
def test_cli_refuses_bad_arguments_with_exit_2(tmp_path, args, message):
    result = runner.invoke(app, ["batch", *args, "-o", str(tmp_path / "r.jsonl")])
    assert result.exit_code == 2
    assert message in result.output

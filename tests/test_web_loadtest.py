"""The load generator behind `tosscan loadtest`: counts, stops on its bounds, and reports errors (not timed)."""
from __future__ import annotations

import asyncio

import pytest

from tosscan.commands.loadtest import LoadResult, run_load
from tosscan.settings import Settings
from tosscan.web import create_app

from webserver import closed_port, running_app

MIAOYA = "The company may use the content you upload in any form, in any media or technology."


def test_percentiles_and_summary():
    result = LoadResult(clients=2, latencies=[i / 1000 for i in range(1, 101)], errors={"http 500": 2}, elapsed=2.0)
    summary = result.summary()
    assert summary["requests"] == 102 and summary["errors"] == 2
    assert summary["p50_ms"] == 51.0 and summary["p99_ms"] == 99.0 and summary["max_ms"] == 100.0
    assert summary["requests_per_second"] == 51.0


@pytest.fixture(scope="module")
def base_url(scanner):
    with running_app(create_app(Settings(), scanner=scanner)) as url:
        yield url


def test_bounded_by_request_count(base_url):
    result = asyncio.run(run_load(base_url, {"text": MIAOYA}, clients=4, requests=12, duration=60))
    assert result.requests == 12 and result.errors == {} and len(result.latencies) == 12


def test_counts_http_errors(base_url):
    result = asyncio.run(run_load(base_url, {"text": ""}, clients=2, requests=4, duration=60))
    assert result.errors == {"http 422": 4} and result.latencies == []


def test_counts_connection_errors():
    result = asyncio.run(run_load(f"http://127.0.0.1:{closed_port()}", {"text": MIAOYA}, clients=2, requests=3,
                                  duration=60))
    assert sum(result.errors.values()) == 3 and "ConnectError" in result.errors

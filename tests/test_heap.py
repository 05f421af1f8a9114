"""heap: what a long-running process keeps is frozen once, released by whoever settled it, and settled again after
a vocabulary renewal."""
from __future__ import annotations

import gc
import weakref

import pytest
from fastapi.testclient import TestClient

from tosscan import heap
from tosscan.scanner import Scanner
from tosscan.web.app import create_app


@pytest.fixture(autouse=True)
def unfrozen():
    heap.release()
    gc.unfreeze()
    yield
    heap.release()
    gc.unfreeze()


def test_settle_freezes_and_release_unfreezes():
    heap.settle()
    assert gc.get_freeze_count() > 0
    assert heap.release() is True
    assert gc.get_freeze_count() == 0
    assert heap.release() is False


def test_a_freeze_by_the_host_process_is_not_undone():
    gc.freeze()
    frozen = gc.get_freeze_count()
    assert heap.release() is False
    with heap.renewing():
        assert gc.get_freeze_count() == frozen
    assert gc.get_freeze_count() == frozen


def test_nested_renewals_settle_again_once_the_last_ends():
    heap.settle()
    with heap.renewing():
        assert gc.get_freeze_count() == 0  # what is dropped here can be collected
        with heap.renewing():
            pass
        assert gc.get_freeze_count() == 0
    assert gc.get_freeze_count() > 0


class _Node:
    pass


def test_scanner_renewal_releases_the_heap_and_settles_again():
    scanner = Scanner()
    old_nlp = scanner.compiled("en").nlp  # other Scanners of this process may share it: it may stay alive
    cycle = _Node()
    cycle.self = cycle  # cyclic garbage-to-be: only a collection after release() can free it
    cycle_ref = weakref.ref(cycle)
    heap.settle()
    del cycle
    gc.collect()
    assert cycle_ref() is not None  # frozen: the collector does not see it
    scanner.vocab_limit = 0  # the next scan renews the English pipeline
    scanner.scan("We may share your personal data with advertisers.", "en")
    gc.collect()
    assert cycle_ref() is None
    assert scanner.compiled("en").nlp is not old_nlp
    assert gc.get_freeze_count() > 0


def test_web_app_settles_while_it_runs_and_releases_when_it_stops(scanner):
    with TestClient(create_app(scanner=scanner)) as client:
        assert client.get("/healthz").status_code == 200
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0

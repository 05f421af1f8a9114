"""heap.settle/renewing: what a long-running process keeps is frozen once, and frozen again after a renewal."""
from __future__ import annotations

import gc

from tosscan import heap


def test_settle_freezes_and_renewing_unfreezes_then_settles_again():
    try:
        heap.settle()
        assert gc.get_freeze_count() > 0
        with heap.renewing():
            assert gc.get_freeze_count() == 0  # what is dropped here can be collected
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_renewing_leaves_an_unsettled_heap_unsettled():
    gc.unfreeze()
    with heap.renewing():
        pass
    assert gc.get_freeze_count() == 0

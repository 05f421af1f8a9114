"""`tosscan eval -d tosdr --half`: ToS;DR quotes split by service into two alphabetical halves."""
from __future__ import annotations

import csv

import pytest

from tosscan.evaluate import tosdr


def test_halves_partition_the_quotes_by_service(corpora):
    odd, even = set(tosdr.services(corpora, "odd")), set(tosdr.services(corpora, "even"))
    assert odd and even and not odd & even
    assert odd | even == set(tosdr.services(corpora))
    with (corpora / tosdr.PATH).open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    in_odd = sum(row["services"].strip() in odd for row in rows)
    in_even = sum(row["services"].strip() in even for row in rows)
    # every quote falls in exactly one half, and neither half is a token sample
    assert in_odd + in_even == len(rows)
    assert min(in_odd, in_even) > len(rows) / 3


@pytest.fixture
def tiny(tmp_path):
    path = tmp_path / tosdr.PATH
    path.parent.mkdir(parents=True)
    case = "You waive your right to a class action."
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=["id", "services", "case", "quoteText"])
        writer.writeheader()
        for number, service in enumerate(["delta", "alpha", "charlie", "bravo", "alpha"]):
            writer.writerow({"id": number, "services": service, "case": case,
                             "quoteText": "You waive any right to bring or join a class action against us."})
    return tmp_path


def test_services_alternate_in_alphabetical_order(tiny):
    assert tosdr.services(tiny, "odd") == ["alpha", "charlie"]
    assert tosdr.services(tiny, "even") == ["bravo", "delta"]
    with pytest.raises(ValueError, match="odd, even"):
        tosdr.services(tiny, "first")


def test_run_scores_only_the_chosen_half(tiny, scanner):
    odd = tosdr.run(tiny, scanner, half="odd").counts("class-action-waiver")
    even = tosdr.run(tiny, scanner, half="even").counts("class-action-waiver")
    assert odd.support == 3 and even.support == 2

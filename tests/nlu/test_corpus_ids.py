"""Every labelled message of the corpora has its own id: a figure or a failure names one
message, never two."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.mark.parametrize("name", ["nlu_dev.jsonl", "nlu_own.jsonl", "nlu_heldout.jsonl"])
def test_ids_are_unique(name: str) -> None:
    ids = Counter(json.loads(line)["id"] for line in (DATA / name).read_text().splitlines())
    assert [i for i, n in ids.items() if n > 1] == []

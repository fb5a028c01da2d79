"""A server process freezes the heap it built by the time it is ready (apps/heap.py):
the garbage collector's full passes then walk only what requests allocate, instead of
stopping the webhook for 50-140 ms (docs/benchmarks.md, "Webhook")."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest
from litestar.testing import TestClient

from keloia.apps.heap import freeze_startup_heap
from keloia.apps.http.factory import api_app


@pytest.fixture(autouse=True)
def _unfrozen() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()  # the rest of the test run collects as usual


class _Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the collector frees it


def test_keloia_api_freezes_its_heap_once_started(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KELOIA_DATABASE_URL", f"sqlite:///{tmp_path / 'k.db'}")
    app = api_app()
    assert gc.get_freeze_count() == 0
    with TestClient(app):
        assert gc.get_freeze_count() > 10_000  # the imports and the wiring


def test_what_is_allocated_after_the_freeze_is_still_collected() -> None:
    freeze_startup_heap()
    node = _Node()
    gone = weakref.ref(node)
    del node
    gc.collect()
    assert gone() is None

"""The key-value store and per-person locks: one contract, in memory and on Redis."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator

import pytest

from keloia.adapters.memory import MemoryKeyValueStore, MemoryLocks
from keloia.ports.keyvalue import KeyValueStore
from keloia.ports.locks import Locks


class ManualClock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture(params=["memory", pytest.param("redis", marks=pytest.mark.redis)])
def store(request: pytest.FixtureRequest) -> Iterator[KeyValueStore]:
    if request.param == "memory":
        yield MemoryKeyValueStore()
        return
    from keloia.adapters.redis import RedisKeyValueStore

    url = request.getfixturevalue("redis_url")
    kv = RedisKeyValueStore.from_url(url, prefix=f"test:{uuid.uuid4().hex}:")
    yield kv
    for key in kv.client.scan_iter(kv.prefix + "*"):
        kv.client.delete(key)


@pytest.fixture(params=["memory", pytest.param("redis", marks=pytest.mark.redis)])
def locks(request: pytest.FixtureRequest) -> Locks:
    if request.param == "memory":
        return MemoryLocks()
    from keloia.adapters.redis import RedisLocks

    adapter = RedisLocks.from_url(request.getfixturevalue("redis_url"))
    adapter.prefix = f"test:{uuid.uuid4().hex}:lock:"
    return adapter


def test_set_get_delete(store: KeyValueStore) -> None:
    assert store.get("a") is None
    store.set("a", "1")
    assert store.get("a") == "1"
    store.set("a", "2")
    assert store.get("a") == "2"
    store.delete("a")
    assert store.get("a") is None
    store.delete("never-set")  # no error


def test_incr_counts_within_a_window(store: KeyValueStore) -> None:
    assert [store.incr("rate", 60) for _ in range(3)] == [1, 2, 3]
    assert store.incr("other", 60) == 1


def test_incr_is_atomic_across_threads(store: KeyValueStore) -> None:
    def bump() -> None:
        for _ in range(50):
            store.incr("shared", 60)

    threads = [threading.Thread(target=bump) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert store.incr("shared", 60) == 201


def test_memory_entries_expire() -> None:
    clock = ManualClock()
    store = MemoryKeyValueStore(monotonic=clock)
    store.set("k", "v", ttl_seconds=10)
    assert store.incr("n", 10) == 1
    clock.t += 9.9
    assert store.get("k") == "v" and store.incr("n", 10) == 2
    clock.t += 0.2
    assert store.get("k") is None
    assert store.incr("n", 10) == 1  # a new window


@pytest.mark.redis
def test_redis_entries_expire(redis_url: str) -> None:
    from keloia.adapters.redis import RedisKeyValueStore

    store = RedisKeyValueStore.from_url(redis_url, prefix=f"test:{uuid.uuid4().hex}:")
    store.set("k", "v", ttl_seconds=1)
    store.incr("n", 1)
    assert 0 < store.client.ttl(store.prefix + "k") <= 1
    assert 0 < store.client.ttl(store.prefix + "n") <= 1
    store.incr("n", 100)  # a later increment does not extend the window
    assert store.client.ttl(store.prefix + "n") <= 1


def test_a_lock_serialises_holders(locks: Locks) -> None:
    inside: list[int] = []
    overlaps: list[bool] = []

    def work(n: int) -> None:
        with locks.hold("chat:+62811", timeout_seconds=10) as held:
            assert held
            overlaps.append(bool(inside))
            inside.append(n)
            time.sleep(0.02)
            inside.remove(n)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert overlaps == [False] * 5


def test_a_busy_lock_says_so_after_the_timeout(locks: Locks) -> None:
    holding = threading.Event()
    release = threading.Event()

    def holder() -> None:
        with locks.hold("chat:+62812"):
            holding.set()
            release.wait(5)

    t = threading.Thread(target=holder)
    t.start()
    holding.wait(5)
    with locks.hold("chat:+62812", timeout_seconds=0.1) as held:
        assert held is False
    with locks.hold("chat:+62899", timeout_seconds=0.1) as other:
        assert other is True  # other keys are free
    release.set()
    t.join()
    with locks.hold("chat:+62812", timeout_seconds=1) as held:
        assert held is True

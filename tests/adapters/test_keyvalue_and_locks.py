"""The key-value store and per-person locks: one contract, in memory and on Redis."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator

import pytest

from keloia.adapters.memory import MemoryKeyValueStore, MemoryLocks
from keloia.adapters.redis import RedisLocks
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


def redis_locks(url: str, holder: str, prefix: str, lease: float = 30.0) -> RedisLocks:
    return RedisLocks.from_url(url, prefix=prefix, holder=holder, lease_seconds=lease)


@pytest.mark.redis
def test_a_held_redis_lock_is_renewed_and_a_dead_holders_runs_out_within_one_lease(
    redis_url: str,
) -> None:
    prefix = f"test:{uuid.uuid4().hex}:lock:"
    locks = redis_locks(redis_url, "worker:h:1:aaaaaa", prefix, lease=30.0)
    key = prefix + "chat:+62813"
    with locks.hold("chat:+62813") as held:
        assert held
        token = locks.client.get(key)
        assert token is not None and token.startswith(b"worker:h:1:aaaaaa:")
        assert 0 < locks.client.pttl(key) <= 30_000  # a dead holder frees it by then
        locks.client.pexpire(key, 500)  # as if most of the lease had passed
        locks.renew()  # the heartbeat's beat
        assert locks.client.pttl(key) > 20_000
        assert locks.client.get(key) == token
    assert locks.client.get(key) is None
    locks.renew()  # nothing held: nothing renewed, nothing made
    assert locks.client.get(key) is None


@pytest.mark.redis
def test_the_heartbeat_renews_a_lock_held_longer_than_its_lease(redis_url: str) -> None:
    prefix = f"test:{uuid.uuid4().hex}:lock:"
    locks = redis_locks(redis_url, "worker:h:1:aaaaaa", prefix, lease=1.5)
    renewed = threading.Event()
    beat = locks.renew

    def counted() -> None:
        beat()
        renewed.set()

    locks._heartbeat.beat = counted
    with locks.hold("chat:+62814") as held:
        assert held
        locks.client.pexpire(prefix + "chat:+62814", 100_000)  # only a beat sets it back
        assert renewed.wait(10)
        assert locks.client.pttl(prefix + "chat:+62814") <= 1_500


@pytest.mark.redis
def test_a_restarted_process_frees_the_locks_of_the_dead_one_of_its_role(redis_url: str) -> None:
    prefix = f"test:{uuid.uuid4().hex}:lock:"
    dead = redis_locks(redis_url, "serve:h:1:aaaaaa", prefix)
    other = redis_locks(redis_url, "worker:h:2:bbbbbb", prefix)
    restarted = redis_locks(redis_url, "serve:h:3:cccccc", prefix)
    holding = dead.hold("chat:+62815")
    assert holding.__enter__()  # never left: the process was killed
    with other.hold("chat:+62816") as held, restarted.hold("chat:+62817") as own:
        assert held and own
        with restarted.hold("chat:+62815", timeout_seconds=0.05) as taken:
            assert taken is False  # held by the dead one, for up to its lease
        assert restarted.release_held_by("serve:") == 1
        with restarted.hold("chat:+62815", timeout_seconds=0.05) as taken:
            assert taken is True
        assert restarted.client.get(prefix + "chat:+62816") is not None  # another role's
        assert restarted.client.get(prefix + "chat:+62817") is not None  # its own
    assert MemoryLocks().release_held_by("serve:") == 0  # in-process locks died with it

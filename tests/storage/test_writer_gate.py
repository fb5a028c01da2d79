"""SQLite writers of one process queue at the WriterGate: in arrival order, the urgent
thread (the webhook's writer) first, a nested unit of work not at all; writers of
several processes on one file take turns through its lock file."""

from __future__ import annotations

import fcntl
import os
import threading
import time
from pathlib import Path

from keloia.adapters.sql.engine import WriterGate, writer_lock_path


def wait_until(probe: object, what: str) -> None:
    deadline = time.monotonic() + 20
    while not probe():  # type: ignore[operator]
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.005)


def test_waiting_writers_get_the_gate_in_arrival_order_the_urgent_one_first() -> None:
    gate = WriterGate()
    order: list[str] = []
    assert gate.acquire()  # this thread holds it while the others line up

    def writer(name: str, urgent: bool = False) -> None:
        if urgent:
            gate.mark_urgent()
        assert gate.acquire()
        order.append(name)
        gate.release()

    threads = []
    for n, name in enumerate(["first", "second", "third"]):
        thread = threading.Thread(target=writer, args=(name,), daemon=True)
        thread.start()
        threads.append(thread)
        # Ticket 0 is this thread's; each waiting writer takes the next one.
        wait_until(lambda n=n: gate._next_ticket == n + 2, f"{name} in the queue")
    urgent = threading.Thread(target=writer, args=("webhook", True), daemon=True)
    urgent.start()
    threads.append(urgent)
    wait_until(lambda: gate._urgent_waiting == 1, "the urgent writer waiting")
    gate.release()
    for thread in threads:
        thread.join(20)
    assert order == ["webhook", "first", "second", "third"]


def test_a_unit_of_work_inside_another_does_not_wait_for_itself() -> None:
    gate = WriterGate()
    assert gate.acquire()
    assert gate.acquire() is False  # the same thread: no second turn, no deadlock
    gate.release()
    assert gate.acquire()
    gate.release()


def test_writers_of_two_processes_on_one_file_take_turns(tmp_path: Path) -> None:
    """Two gates on one lock file stand for two processes (`keloia serve`'s web and worker
    processes): each is an open file of its own, as in another process."""
    path = writer_lock_path(f"sqlite:///{tmp_path / 'keloia.db'}")
    assert path == str(tmp_path / "keloia.db-writer")
    web, worker = WriterGate(path), WriterGate(path)
    assert web.acquire()
    got = threading.Event()

    def other() -> None:
        assert worker.acquire()
        got.set()
        worker.release()

    thread = threading.Thread(target=other, daemon=True)
    thread.start()
    assert not got.wait(0.3)  # blocked in the kernel while the first holds it
    web.release()
    assert got.wait(20)
    thread.join(20)
    assert web.acquire()  # and back
    web.release()


def test_a_database_in_memory_has_no_lock_file() -> None:
    assert writer_lock_path("sqlite://") is None
    assert writer_lock_path("sqlite:///:memory:") is None
    assert writer_lock_path("postgresql+psycopg://u@h/db") is None


def test_the_webhook_writer_goes_before_the_workers_of_another_process(tmp_path: Path) -> None:
    """The kernel's lock is not fair: a worker process that releases it and asks again at
    once would win it back from a waiting webhook writer. With `-urgent`, a worker that
    comes after the webhook writer asked waits until that writer is done."""
    path = writer_lock_path(f"sqlite:///{tmp_path / 'keloia.db'}")
    web, worker = WriterGate(path), WriterGate(path)
    order: list[str] = []
    assert worker.acquire()  # a worker process's transaction holds the lock

    def webhook() -> None:
        web.mark_urgent()
        assert web.acquire()
        order.append("webhook")
        web.release()

    def next_worker() -> None:
        assert worker.acquire()
        order.append("worker")
        worker.release()

    urgent = threading.Thread(target=webhook, daemon=True)
    urgent.start()
    deadline = time.monotonic() + 20
    while not _held(path + "-urgent") and time.monotonic() < deadline:
        time.sleep(0.01)  # the webhook writer has announced itself and waits for the lock
    assert _held(path + "-urgent")
    worker.release()
    # The worker process's next transaction asks at once: it must not pass the webhook.
    follower = threading.Thread(target=next_worker, daemon=True)
    follower.start()
    urgent.join(20)
    follower.join(20)
    assert order == ["webhook", "worker"]


def _held(path: str) -> bool:
    """Whether some open file holds an exclusive flock on `path` (a shared try fails)."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False

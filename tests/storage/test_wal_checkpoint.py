"""A SQLite file's WAL is copied into the database by a thread of its own after writes,
never inside a writer's commit (where every request of the webhook's batch would wait for
its fsyncs); SQLite's own checkpoint in the commit is only a backstop far out."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine

from keloia.adapters.sql import engine as engine_module
from keloia.adapters.sql.uow import SqlUnitOfWorkFactory
from keloia.domain.model.messages import InboundKind, InboundMessage

from .test_writer_gate import wait_until

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def message(n: int) -> InboundMessage:
    return InboundMessage(
        wa_message_id=f"wamid.CKPT{n}",
        from_phone="+6281200000001",
        sent_at=NOW,
        kind=InboundKind.TEXT,
        text="jadwal besok?",
    )


def store(factory: SqlUnitOfWorkFactory, n: int) -> None:
    with factory() as uow:
        assert uow.inbox.add(message(n), NOW)
        uow.commit()


class Recorded:
    """The factory's checkpointer, with each checkpoint's thread and answer noted."""

    def __init__(self, factory: SqlUnitOfWorkFactory) -> None:
        checkpointer = factory.checkpointer
        assert checkpointer is not None, "a SQLite file gets a checkpointer"
        self.checkpointer = checkpointer
        self.calls: list[tuple[str, tuple[int, int, int] | None]] = []
        real = checkpointer.checkpoint

        def checkpoint() -> tuple[int, int, int] | None:
            result = real()
            self.calls.append((threading.current_thread().name, result))
            return result

        checkpointer.checkpoint = checkpoint  # type: ignore[method-assign]


@pytest.fixture
def factory(sqlite_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> SqlUnitOfWorkFactory:
    factory = SqlUnitOfWorkFactory(sqlite_engine)
    assert factory.checkpointer is not None
    monkeypatch.setattr(factory.checkpointer, "_delay", 0.05)
    return factory


def test_a_commit_is_checkpointed_soon_after_on_the_checkpointer_thread(
    factory: SqlUnitOfWorkFactory,
) -> None:
    recorded = Recorded(factory)
    store(factory, 1)
    wait_until(lambda: recorded.calls, "the checkpoint")
    [(thread, result)] = recorded.calls
    assert thread == "keloia-wal-ckpt"
    assert result is not None
    busy, wal_pages, copied = result
    assert busy == 0 and wal_pages > 0 and copied == wal_pages


def test_a_read_starts_no_checkpoint(factory: SqlUnitOfWorkFactory) -> None:
    recorded = Recorded(factory)
    with factory(read_only=True) as uow:
        assert uow.inbox.get("wamid.none") is None
    time.sleep(0.3)
    assert recorded.calls == []
    assert not recorded.checkpointer._running


def test_commits_past_a_thousand_wal_pages_do_not_checkpoint_inside_the_commit(
    factory: SqlUnitOfWorkFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No background checkpoint during the writes: what is in the WAL afterwards shows
    # whether a commit checkpointed (SQLite's default does at 1,000 pages, and the next
    # write then starts the WAL over).
    assert factory.checkpointer is not None
    monkeypatch.setattr(factory.checkpointer, "_delay", 60.0)
    for n in range(400):
        store(factory, n)
    result = factory.checkpointer.checkpoint()
    assert result is not None
    _, wal_pages, copied = result
    assert 1000 < wal_pages < engine_module.SQLITE_AUTOCHECKPOINT_PAGES
    assert copied == wal_pages


def test_the_thread_ends_when_idle_and_the_next_write_starts_another(
    factory: SqlUnitOfWorkFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine_module, "CHECKPOINT_IDLE_EXIT_S", 0.2)
    recorded = Recorded(factory)
    store(factory, 1)
    wait_until(lambda: len(recorded.calls) == 1, "the first checkpoint")
    wait_until(lambda: not recorded.checkpointer._running, "the idle thread to end")
    store(factory, 2)
    wait_until(lambda: len(recorded.calls) == 2, "a checkpoint by a new thread")


def test_a_commit_stands_when_no_checkpointer_thread_can_start(
    factory: SqlUnitOfWorkFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(self: threading.Thread) -> None:
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(threading.Thread, "start", refuse)
    store(factory, 1)  # no exception: the row is committed, the backstop checkpoints
    monkeypatch.undo()
    with factory(read_only=True) as uow:
        assert uow.inbox.get("wamid.CKPT1") is not None
    recorded = Recorded(factory)
    store(factory, 2)  # the next write starts the thread after all
    wait_until(lambda: recorded.calls, "the checkpoint")

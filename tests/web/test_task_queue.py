"""The hand-over from the webhook to `keloia worker`: one task per batch of senders, which
the worker turns into one task per sender (each locked and retried on its own)."""

from __future__ import annotations

import dramatiq
import pytest
from dramatiq.brokers.stub import StubBroker

from keloia.apps.worker import actors


@pytest.fixture
def broker() -> StubBroker:
    broker = dramatiq.get_broker()
    if not isinstance(broker, StubBroker):
        pytest.skip("KELOIA_REDIS_URL is set: actors are on the Redis broker")
    broker.flush_all()
    return broker


def queued(broker: StubBroker) -> list[tuple[str, tuple[object, ...]]]:
    queue = broker.queues[actors.QUEUE]
    messages = []
    while not queue.empty():
        message = dramatiq.Message.decode(queue.get_nowait())
        messages.append((message.actor_name, message.args))
    return messages


def test_a_batch_of_senders_is_one_task_that_becomes_one_task_per_sender(
    broker: StubBroker,
) -> None:
    actors.DramatiqQueue().process_inbound_many({"+6281200000002", "+6281200000001"})
    [(name, args)] = queued(broker)
    assert name == "process_inbound_many"
    actors.process_inbound_many.fn(*args)
    assert queued(broker) == [
        ("process_inbound", ("+6281200000001",)),
        ("process_inbound", ("+6281200000002",)),
    ]


def test_a_sender_alone_is_handed_over_directly(broker: StubBroker) -> None:
    actors.DramatiqQueue().process_inbound_many({"+6281200000001"})
    assert queued(broker) == [("process_inbound", ("+6281200000001",))]
    actors.DramatiqQueue().process_inbound_many(set())
    assert queued(broker) == []

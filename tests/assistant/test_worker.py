"""The background work on in-memory fakes: order per sender, the rate limit, delivery
outcomes by failure kind, and the embedded worker threads with their sweep."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest

from keloia.adapters.memory import MemoryKeyValueStore, MemoryLocks
from keloia.adapters.system.holidays import IndonesianHolidays
from keloia.apps.worker import tasks
from keloia.apps.worker.embedded import ThreadWorkers, share_of
from keloia.bootstrap import Keloia
from keloia.domain.errors import DeliveryFailed
from keloia.domain.model.channel import (
    RATE_DEFER,
    RATE_LIMIT,
    RETRY_CAP,
    TIME_TO_LIVE,
    InboxState,
    Purpose,
)
from keloia.domain.model.intents import Intent
from keloia.domain.model.messages import (
    DeliveryState,
    InboundKind,
    InboundMessage,
    MessageKind,
    OutboundMessage,
)
from keloia.domain.services import channel, team
from keloia.domain.services.outbox import enqueue
from keloia.settings import Settings

from .conftest import World


@dataclass
class FakeMessenger:
    """Records what it is asked to send; fails as scripted first."""

    failures: list[DeliveryFailed] = field(default_factory=list)
    sent: list[OutboundMessage] = field(default_factory=list)

    def parts(self, message: OutboundMessage) -> list[OutboundMessage]:
        return [message]

    def send(self, message: OutboundMessage, key: str = "") -> str:
        if self.failures:
            raise self.failures.pop(0)
        self.sent.append(message)
        return f"wamid.out.{len(self.sent)}"


def keloia(world: World, messenger: FakeMessenger | None = None) -> Keloia:
    return Keloia(
        settings=Settings(),
        deps=world.deps,
        kv=MemoryKeyValueStore(),
        locks=MemoryLocks(),
        messenger=messenger or FakeMessenger(),
        calendar=IndonesianHolidays(),
        probe=lambda: None,
    )


def store(world: World, phone: str, text: str, minutes_ago: int = 0) -> str:
    wa_id = f"wamid.in.{world.counter()}"
    message = InboundMessage(
        wa_message_id=wa_id,
        from_phone=phone,
        kind=InboundKind.TEXT,
        text=text,
        sent_at=world.clock.now() - timedelta(minutes=minutes_ago),
    )
    channel.receive(world.deps, [message], [])
    return wa_id


def test_a_senders_messages_are_handled_in_the_order_sent(world: World) -> None:
    world.extractor.says("first", Intent.HELP)
    world.extractor.says("second", Intent.HELP)
    # Delivered out of order: the later one arrives first.
    store(world, world.admin.phone, "second", minutes_ago=1)
    store(world, world.admin.phone, "first", minutes_ago=2)
    assert tasks.process_sender(keloia(world), world.admin.phone) == 2
    turns = world.state().conversations[(world.tenant.id, world.admin.id)].turns
    assert [t.text for t in turns if t.speaker == "user"] == ["first", "second"]


def replies_to(world: World, phone: str) -> list[str]:
    return [i.message.body for i in world.state().outbox.values() if i.message.to == phone]


def test_the_rate_limit_delays_a_burst_and_drops_nothing(world: World) -> None:
    world.extractor.says("halo", Intent.HELP)
    for _ in range(RATE_LIMIT + 3):
        store(world, world.joko.phone, "halo")
    app = keloia(world)
    assert tasks.process_sender(app, world.joko.phone) == RATE_LIMIT
    replies = replies_to(world, world.joko.phone)
    assert len(replies) == RATE_LIMIT + 1
    assert sum("sebentar lagi" in r for r in replies) == 1
    waiting = [i for i in world.state().inbox.values() if i.state is InboxState.RECEIVED]
    assert len(waiting) == 3  # not dropped: waiting their turn
    assert tasks.process_sender(app, world.joko.phone) == 0  # not yet
    world.clock.at += RATE_DEFER
    assert tasks.process_sender(app, world.joko.phone) == 3
    assert all(i.state is InboxState.PROCESSED for i in world.state().inbox.values())
    replies = replies_to(world, world.joko.phone)
    assert len(replies) == RATE_LIMIT + 3 + 1
    assert sum("sebentar lagi" in r for r in replies) == 1


def test_a_backlog_after_downtime_is_answered_whole(world: World) -> None:
    """30 messages sent at 5 a minute while the worker was down: 30 answers, no notice."""
    world.extractor.says("halo", Intent.HELP)
    start = world.clock.now() - timedelta(minutes=7)
    for n in range(30):
        message = InboundMessage(
            wa_message_id=f"wamid.backlog.{n}",
            from_phone=world.joko.phone,
            kind=InboundKind.TEXT,
            text="halo",
            sent_at=start + timedelta(seconds=12 * n),
        )
        channel.receive(world.deps, [message], [])
    assert tasks.process_sender(keloia(world), world.joko.phone) == 30
    replies = replies_to(world, world.joko.phone)
    assert len(replies) == 30
    assert not any("sebentar lagi" in r for r in replies)


def test_a_yes_over_the_limit_still_applies_the_waiting_action(world: World) -> None:
    world.extractor.says("halo", Intent.HELP)
    world.extractor.says(
        "booking pak agus",
        Intent.CREATE_BOOKING,
        client_name="Pak Agus",
        depart_date=date(2026, 3, 15),
    )
    app = keloia(world)
    store(world, world.admin.phone, "booking pak agus")
    tasks.process_sender(app, world.admin.phone)
    for _ in range(RATE_LIMIT):
        store(world, world.admin.phone, "halo")
    yes = store(world, world.admin.phone, "ya")
    tasks.process_sender(app, world.admin.phone)
    assert world.state().inbox[yes].state is InboxState.RECEIVED  # waits, is not dropped
    world.clock.at += RATE_DEFER
    tasks.process_sender(app, world.admin.phone)
    assert world.state().inbox[yes].state is InboxState.PROCESSED
    assert any(b.client_name == "Pak Agus" for b in world.state().bookings.values())


def queued(world: World, body: str = "Halo") -> str:
    with world.uow() as uow:
        enqueue(world.deps, uow, OutboundMessage(to=world.owner.phone, body=body), world.tenant.id)
        uow.commit()
    return max(world.state().outbox)


def test_a_sent_message_is_recorded_with_the_provider_id(world: World) -> None:
    item_id = queued(world)
    messenger = FakeMessenger()
    assert tasks.deliver_outbox(keloia(world, messenger)) == 1
    item = world.state().outbox[item_id]
    assert item.state is DeliveryState.SENT and item.provider_message_id == "wamid.out.1"
    assert tasks.deliver_outbox(keloia(world, messenger)) == 0  # nothing twice


def test_a_retryable_failure_backs_off_up_to_the_cap_until_the_message_expires(
    world: World,
) -> None:
    item_id = queued(world)
    failures = [DeliveryFailed("130429 rate limit", retryable=True) for _ in range(200)]
    app = keloia(world, FakeMessenger(failures=failures))
    delays = []
    while world.state().outbox[item_id].state is DeliveryState.QUEUED:
        tasks.deliver_outbox(app)
        item = world.state().outbox[item_id]
        if item.state is DeliveryState.FAILED:
            break
        delays.append(item.next_attempt_at - world.clock.now())
        world.clock.at = item.next_attempt_at
    assert delays[:3] == [timedelta(seconds=5), timedelta(seconds=10), timedelta(seconds=20)]
    # Past the old give-up point (8 tries, ~10 minutes): tried on at the 30-minute cap.
    assert max(delays) == RETRY_CAP and len(delays) > 8
    item = world.state().outbox[item_id]
    assert item.state is DeliveryState.FAILED and "expired" in item.last_error
    # Given up only when the next try would come after its day-long life.
    assert item.created_at + TIME_TO_LIVE[Purpose.REPLY] - world.clock.now() <= RETRY_CAP


def test_a_permanent_failure_is_not_retried(world: World) -> None:
    item_id = queued(world)
    messenger = FakeMessenger(failures=[DeliveryFailed("131026 undeliverable", retryable=False)])
    tasks.deliver_outbox(keloia(world, messenger))
    item = world.state().outbox[item_id]
    assert item.state is DeliveryState.FAILED and "131026" in item.last_error
    world.clock.at += timedelta(days=1)
    assert tasks.deliver_outbox(keloia(world, messenger)) == 0


def test_a_closed_window_sends_the_notice_template(world: World) -> None:
    item_id = queued(world, "Booking baru dari Sari: Pak Agus, 15 Maret 2026.")
    closed = DeliveryFailed("131047 re-engagement", retryable=False, outside_window=True)
    messenger = FakeMessenger(failures=[closed])
    tasks.deliver_outbox(keloia(world, messenger))
    [sent] = messenger.sent
    assert sent.kind is MessageKind.TEMPLATE and sent.template_name == channel.NOTICE_TEMPLATE
    assert "Pak Agus" in sent.template_params[0]
    assert world.state().outbox[item_id].state is DeliveryState.SENT


def test_identity_is_cached_through_the_key_value_store(world: World) -> None:
    kv = MemoryKeyValueStore()
    assert team.identify_cached(world.deps, kv, world.admin.phone) == (
        world.tenant.id,
        world.admin.id,
    )
    assert kv.get("identity:" + world.admin.phone) == f"{world.tenant.id}:{world.admin.id}"
    assert team.identify_cached(world.deps, kv, "+6289999999999") is None


def wait_for(condition, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail("the workers did not get there in time")
        time.sleep(0.02)


def test_worker_threads_handle_queued_and_forgotten_messages(world: World) -> None:
    world.extractor.says("jadwal 15 maret", Intent.QUERY_SCHEDULE, date=date(2026, 3, 15))
    messenger = FakeMessenger()
    workers = ThreadWorkers(keloia(world, messenger), threads=2, sweep_seconds=0.1)
    workers.start()
    try:
        store(world, world.admin.phone, "jadwal 15 maret")
        workers.process_inbound(world.admin.phone)
        # Stored with no task queued (as after a crash): the sweep takes it up.
        store(world, world.owner.phone, "jadwal 15 maret")
        wait_for(lambda: len(messenger.sent) >= 2)
    finally:
        workers.stop()
    assert {m.to for m in messenger.sent} == {world.admin.phone, world.owner.phone}
    assert all(i.state is InboxState.PROCESSED for i in world.state().inbox.values())


def store_without_phone(world: World, wa_message_id: str, text: str) -> None:
    """A message from a username without a visible number (a business-scoped id only)."""
    anonymous = InboundMessage(
        wa_message_id=wa_message_id,
        from_phone=None,
        wa_user_id="ID.1502576394655843",
        kind=InboundKind.TEXT,
        text=text,
        sent_at=world.clock.now(),
    )
    channel.receive(world.deps, [anonymous], [])


def test_worker_processes_share_the_senders_each_takes_its_own(world: World) -> None:
    """Worker process i of n (`keloia serve`) handles only its senders, so a sender's
    messages are never handled by two processes at once; the first answers messages
    that came without a number."""
    world.extractor.says("jadwal 15 maret", Intent.QUERY_SCHEDULE, date=date(2026, 3, 15))
    phones = [world.admin.phone, world.owner.phone, world.joko.phone]
    for phone in phones:
        store(world, phone, "jadwal 15 maret")
    store_without_phone(world, "wamid.noPhone2", "jadwal 15 maret")
    n = 2
    owner = {phone: share_of(phone, n) for phone in phones}
    assert owner == {phone: share_of(phone, n) for phone in phones}  # stable
    for index in (1, 0):
        workers = ThreadWorkers(keloia(world), share=(index, n))
        tasks.sweep(keloia(world), workers, anonymous=index == 0)
        mine = set()
        while not workers._senders.empty():
            phone = workers._senders.get()
            assert phone is not None
            mine.add(phone)
        assert mine == {p for p, i in owner.items() if i == index}
        done = world.state().inbox["wamid.noPhone2"].state is InboxState.PROCESSED
        assert done is (index == 0)


def test_every_message_ends_with_a_log_line_even_without_a_phone(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    import logging

    world.extractor.says("halo", Intent.HELP)
    store_without_phone(world, "wamid.noPhone", "halo")
    wa_id = store(world, world.joko.phone, "halo")
    with caplog.at_level(logging.INFO, logger="keloia.inbound"):
        tasks.sweep(keloia(world), ThreadWorkers(keloia(world)))
        tasks.process_sender(keloia(world), world.joko.phone)
    lines = [r for r in caplog.records if r.getMessage() == "message in"]
    assert {getattr(r, "wa_message_id", None) for r in lines} == {"wamid.noPhone", wa_id}
    assert world.state().inbox["wamid.noPhone"].state is InboxState.PROCESSED

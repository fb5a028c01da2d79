"""Delivery through outages: a message is tried for as long as it is worth sending (its
purpose's time-to-live), a long one goes part by part and no accepted part is sent again,
and what finally fails is told to the owner. On the in-memory fakes, with a clock the
tests move."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from datetime import timedelta

from keloia.domain.errors import DeliveryFailed
from keloia.domain.model.alerts import AlertKind
from keloia.domain.model.channel import Purpose
from keloia.domain.model.messages import DeliveryState, OutboundMessage, StatusUpdate
from keloia.domain.services import channel
from keloia.domain.services.outbox import enqueue

from .conftest import World

DOWN = DeliveryFailed("could not reach the Cloud API: ConnectError", retryable=True)


@dataclass
class PartsMessenger:
    """Cuts a message into parts at blank lines (as the Cloud API adapter cuts long text);
    fails as scripted, one failure per send attempt."""

    failures: list[DeliveryFailed | None] = field(default_factory=list)
    sent: list[OutboundMessage] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)

    def parts(self, message: OutboundMessage) -> list[OutboundMessage]:
        if not message.body:
            return [message]
        return [message.model_copy(update={"body": b}) for b in message.body.split("\n\n")]

    def send(self, message: OutboundMessage, key: str = "") -> str:
        failure = self.failures.pop(0) if self.failures else None
        if failure is not None:
            raise failure
        self.sent.append(message)
        self.keys.append(key)
        return f"wamid.out.{len(self.sent)}"


def queue(world: World, to: str, body: str, purpose: Purpose = Purpose.REPLY) -> str:
    with world.uow() as uow:
        enqueue(
            world.deps, uow, OutboundMessage(to=to, body=body), world.tenant.id, purpose=purpose
        )
        uow.commit()
    return max(world.state().outbox)


def run_until_settled(world: World, messenger: PartsMessenger, item_id: str) -> None:
    """Deliver whenever something is due, moving the clock to the next try."""
    for _ in range(500):
        channel.deliver_due(world.deps, messenger)
        item = world.state().outbox[item_id]
        if item.state is not DeliveryState.QUEUED:
            return
        world.clock.at = max(world.clock.at, item.next_attempt_at)
    raise AssertionError("never settled")


def test_a_reply_survives_an_outage_of_hours_and_is_sent_once(world: World) -> None:
    item_id = queue(world, world.admin.phone, "Booking Pak Agus sudah dicatat.")
    start = world.clock.now()
    messenger = PartsMessenger()
    # Down for 3 hours (the old code gave up after 8 tries, about 10.6 minutes).
    while world.clock.now() - start < timedelta(hours=3):
        messenger.failures = [DOWN]
        channel.deliver_due(world.deps, messenger)
        item = world.state().outbox[item_id]
        assert item.state is DeliveryState.QUEUED
        world.clock.at = item.next_attempt_at
    messenger.failures = []
    channel.deliver_due(world.deps, messenger)
    assert world.state().outbox[item_id].state is DeliveryState.SENT
    assert [m.body for m in messenger.sent] == ["Booking Pak Agus sudah dicatat."]
    assert not world.state().alerts


def test_what_finally_fails_is_told_to_the_owner(world: World) -> None:
    item_id = queue(world, world.joko.phone, "Anda dijadwalkan: Pak Agus, 15 Maret.")
    messenger = PartsMessenger(failures=[DOWN] * 200)
    run_until_settled(world, messenger, item_id)
    item = world.state().outbox[item_id]
    assert item.state is DeliveryState.FAILED and "expired" in item.last_error
    assert world.clock.now() - item.created_at >= timedelta(hours=23)
    [alert] = world.state().alerts.values()
    assert alert.kind is AlertKind.DELIVERY_FAILED and alert.user_id == world.owner.id
    assert "Joko" in alert.text and "tidak terkirim" in alert.text
    told = [i for i in world.state().outbox.values() if i.message.to == world.owner.phone]
    assert [i.purpose for i in told] == [Purpose.ALERT]


def test_a_failed_message_to_the_owner_raises_no_alert_loop(world: World) -> None:
    item_id = queue(world, world.owner.phone, "Ringkasan hari ini.")
    messenger = PartsMessenger(failures=[DeliveryFailed("131026 undeliverable", retryable=False)])
    channel.deliver_due(world.deps, messenger)
    assert world.state().outbox[item_id].state is DeliveryState.FAILED
    assert not world.state().alerts
    assert len(world.state().outbox) == 1


def test_a_login_code_is_not_worth_sending_after_five_minutes(world: World) -> None:
    item_id = queue(world, world.owner.phone, "Kode masuk: 123456", Purpose.LOGIN_CODE)
    world.clock.at += timedelta(minutes=5)  # the worker was down meanwhile
    messenger = PartsMessenger()
    assert channel.deliver_due(world.deps, messenger) == 1
    assert messenger.sent == []
    assert world.state().outbox[item_id].state is DeliveryState.FAILED


def test_a_login_code_is_retried_only_within_its_five_minutes(world: World) -> None:
    item_id = queue(world, world.admin.phone, "Kode masuk: 123456", Purpose.LOGIN_CODE)
    messenger = PartsMessenger(failures=[DOWN] * 50)
    run_until_settled(world, messenger, item_id)
    assert world.state().outbox[item_id].state is DeliveryState.FAILED
    assert world.clock.now() - world.state().outbox[item_id].created_at < timedelta(minutes=5)


def test_an_explicit_expiry_wins_over_the_purpose(world: World) -> None:
    with world.uow() as uow:
        enqueue(
            world.deps,
            uow,
            OutboundMessage(to=world.admin.phone, body="Briefing pagi"),
            world.tenant.id,
            purpose=Purpose.BRIEFING,
            expires_at=world.clock.now() + timedelta(hours=2),
        )
        uow.commit()
    item_id = max(world.state().outbox)
    world.clock.at += timedelta(hours=2)
    messenger = PartsMessenger()
    channel.deliver_due(world.deps, messenger)
    assert messenger.sent == [] and world.state().outbox[item_id].state is DeliveryState.FAILED


def test_a_retry_after_the_second_part_failed_never_resends_the_first(world: World) -> None:
    item_id = queue(world, world.admin.phone, "Bagian satu.\n\nBagian dua.\n\nBagian tiga.")
    messenger = PartsMessenger(failures=[None, DOWN])
    channel.deliver_due(world.deps, messenger)
    item = world.state().outbox[item_id]
    assert (item.state, item.parts_sent) == (DeliveryState.QUEUED, 1)
    world.clock.at = item.next_attempt_at
    channel.deliver_due(world.deps, messenger)
    assert [m.body for m in messenger.sent] == ["Bagian satu.", "Bagian dua.", "Bagian tiga."]
    assert world.state().outbox[item_id].state is DeliveryState.SENT


def test_a_part_recorded_before_a_crash_is_not_sent_again(world: World) -> None:
    queue(world, world.admin.phone, "Bagian satu.\n\nBagian dua.")

    class Crash(BaseException):
        pass

    class CrashingMessenger(PartsMessenger):
        def send(self, message: OutboundMessage, key: str = "") -> str:
            if self.sent:
                raise Crash  # the worker dies in the middle of the second part
            return super().send(message)

    crashing = CrashingMessenger()
    with contextlib.suppress(Crash):
        channel.deliver_due(world.deps, crashing)
    # The claim lease runs out; another worker takes the item up.
    world.clock.at += channel.CLAIM_LEASE
    survivor = PartsMessenger()
    channel.deliver_due(world.deps, survivor)
    assert [m.body for m in crashing.sent] == ["Bagian satu."]
    assert [m.body for m in survivor.sent] == ["Bagian dua."]


def test_a_closed_window_after_the_first_part_sends_only_the_rest_as_the_template(
    world: World,
) -> None:
    item_id = queue(world, world.admin.phone, "Bagian satu.\n\nBagian dua.")
    closed = DeliveryFailed("window closed", retryable=False, outside_window=True)
    messenger = PartsMessenger(failures=[None, closed])
    channel.deliver_due(world.deps, messenger)
    channel.deliver_due(world.deps, messenger)
    first, template = messenger.sent
    assert first.body == "Bagian satu."
    assert template.template_name == channel.NOTICE_TEMPLATE
    assert template.template_params == ("Bagian dua.",)
    assert world.state().outbox[item_id].state is DeliveryState.SENT


def test_a_failed_status_from_the_provider_is_told_to_the_owner(world: World) -> None:
    item_id = queue(world, world.joko.phone, "Anda dijadwalkan besok.")
    channel.deliver_due(world.deps, PartsMessenger())
    provider_id = world.state().outbox[item_id].provider_message_id
    assert provider_id
    failed = StatusUpdate(
        provider_message_id=provider_id,
        state=DeliveryState.FAILED,
        at=world.clock.now(),
        error_code=131026,
        error_title="undeliverable",
    )
    channel.receive(world.deps, [], [failed])
    assert world.state().outbox[item_id].state is DeliveryState.FAILED
    [alert] = world.state().alerts.values()
    assert alert.kind is AlertKind.DELIVERY_FAILED and "Joko" in alert.text


def test_a_template_refused_for_a_closed_window_is_not_sent_again(world: World) -> None:
    item_id = queue(world, world.admin.phone, "Pengingat pelunasan.")
    closed = DeliveryFailed("window closed", retryable=False, outside_window=True)
    messenger = PartsMessenger(failures=[closed, closed])
    channel.deliver_due(world.deps, messenger)  # free text refused: goes again as template
    channel.deliver_due(world.deps, messenger)  # the template refused too: given up
    world.clock.at += timedelta(hours=1)
    channel.deliver_due(world.deps, messenger)  # the owner's alert about it goes out
    assert [m.to for m in messenger.sent] == [world.owner.phone]
    assert world.state().outbox[item_id].state is DeliveryState.FAILED
    # A status saying the window closed for the template is not a reason to send it again.
    with world.uow() as uow:
        item = uow.outbox.get(item_id)
        assert item is not None
        item.state = DeliveryState.SENT
        item.provider_message_id = "wamid.tpl"
        uow.outbox.update(item)
        uow.commit()
    closed_status = StatusUpdate(
        provider_message_id="wamid.tpl",
        state=DeliveryState.FAILED,
        at=world.clock.now(),
        error_code=131047,
        window_closed=True,
    )
    channel.receive(world.deps, [], [closed_status])
    channel.deliver_due(world.deps, messenger)
    assert world.admin.phone not in [m.to for m in messenger.sent]
    assert world.state().outbox[item_id].state is DeliveryState.FAILED


def test_a_part_meta_accepted_just_before_a_crash_is_not_sent_again(world: World) -> None:
    """The worker dies after Meta accepted a part but before the database heard of it.
    Meta's status for that part carries the key it was sent with: the part is recorded
    from it, and the retry after the claim lease sends only what is left."""
    item_id = queue(world, world.admin.phone, "Bagian satu.\n\nBagian dua.\n\nBagian tiga.")

    class Crash(BaseException):
        pass

    class DiesAfterTheSecondPart(PartsMessenger):
        def send(self, message: OutboundMessage, key: str = "") -> str:
            provider_id = super().send(message, key)
            if len(self.sent) == 2:
                raise Crash  # accepted by Meta; never recorded by us
            return provider_id

    dying = DiesAfterTheSecondPart()
    with contextlib.suppress(Crash):
        channel.deliver_due(world.deps, dying)
    assert world.state().outbox[item_id].parts_sent == 1
    sent = StatusUpdate(
        provider_message_id="wamid.out.2",
        state=DeliveryState.SENT,
        at=world.clock.now(),
        delivery_key=dying.keys[1],
    )
    channel.receive(world.deps, [], [sent])
    world.clock.at += channel.CLAIM_LEASE
    survivor = PartsMessenger()
    channel.deliver_due(world.deps, survivor)
    assert [m.body for m in dying.sent] == ["Bagian satu.", "Bagian dua."]
    assert [m.body for m in survivor.sent] == ["Bagian tiga."]
    assert world.state().outbox[item_id].state is DeliveryState.SENT


def test_the_status_of_a_whole_message_sent_before_a_crash_closes_it(world: World) -> None:
    item_id = queue(world, world.admin.phone, "Satu bagian saja.")

    class Crash(BaseException):
        pass

    class DiesAfterSending(PartsMessenger):
        def send(self, message: OutboundMessage, key: str = "") -> str:
            super().send(message, key)
            raise Crash

    dying = DiesAfterSending()
    with contextlib.suppress(Crash):
        channel.deliver_due(world.deps, dying)
    delivered = StatusUpdate(
        provider_message_id="wamid.out.1",
        state=DeliveryState.DELIVERED,
        at=world.clock.now(),
        delivery_key=dying.keys[0],
    )
    channel.receive(world.deps, [], [delivered])
    world.clock.at += channel.CLAIM_LEASE
    assert channel.deliver_due(world.deps, PartsMessenger()) == 0
    item = world.state().outbox[item_id]
    assert item.state is DeliveryState.DELIVERED and item.provider_message_id == "wamid.out.1"


def test_a_sent_status_for_an_early_part_does_not_close_the_message(world: World) -> None:
    item_id = queue(world, world.admin.phone, "Bagian satu.\n\nBagian dua.")
    messenger = PartsMessenger(failures=[None, DOWN])
    channel.deliver_due(world.deps, messenger)  # part one out, part two refused
    first_sent = StatusUpdate(
        provider_message_id="wamid.out.1",
        state=DeliveryState.SENT,
        at=world.clock.now(),
        delivery_key=messenger.keys[0],
    )
    channel.receive(world.deps, [], [first_sent])
    item = world.state().outbox[item_id]
    assert (item.state, item.parts_sent) == (DeliveryState.QUEUED, 1)
    world.clock.at = item.next_attempt_at
    channel.deliver_due(world.deps, messenger)
    assert [m.body for m in messenger.sent] == ["Bagian satu.", "Bagian dua."]
    assert world.state().outbox[item_id].state is DeliveryState.SENT


DEAD, LIVE = "worker:host:101:aaaaaa", "worker:host:102:bbbbbb"


def claimed(world: World, holder: str) -> list[str]:
    return [i.id for i in channel.claim_due(world.deps, holder=holder)]


def test_a_killed_senders_items_are_free_again_after_one_lease_a_live_ones_never(
    world: World,
) -> None:
    """A sender that dies mid-batch stops renewing: its items are due again one lease
    after its last heartbeat, not before; a live one's heartbeat keeps them its own."""
    first = queue(world, world.admin.phone, "Satu.")
    second = queue(world, world.joko.phone, "Dua.")
    assert claimed(world, DEAD) == [first, second]
    lease = channel.CLAIM_LEASE
    world.clock.at += lease - timedelta(seconds=1)
    assert claimed(world, LIVE) == []
    assert channel.renew_claims(world.deps, DEAD) == 2  # its last heartbeat, then killed
    world.clock.at += lease - timedelta(seconds=1)
    assert claimed(world, LIVE) == []
    world.clock.at += timedelta(seconds=1)
    assert claimed(world, LIVE) == [first, second]
    assert channel.renew_claims(world.deps, DEAD) == 0  # a late beat of the dead takes nothing
    world.clock.at += lease * 3
    assert channel.renew_claims(world.deps, LIVE) == 2
    assert claimed(world, DEAD) == []  # renewed: still the live sender's
    item = channel.deliver(world.deps, PartsMessenger(), world.state().outbox[first])
    assert item.state is DeliveryState.SENT and item.claimed_by is None
    assert channel.renew_claims(world.deps, LIVE) == 1  # only what it still holds


def test_a_restarted_serve_takes_over_at_once_what_the_killed_one_was_sending(
    world: World,
) -> None:
    mine = queue(world, world.admin.phone, "Satu.")
    channel.claim_due(world.deps, holder="serve:host:7:cccccc")
    theirs = queue(world, world.joko.phone, "Dua.")
    channel.claim_due(world.deps, holder=LIVE)
    # No time passes: only the take-over frees it, never another role's claims.
    restarted = "serve:host:8:dddddd"
    assert channel.release_claims(world.deps, "serve:", keep=restarted) == 1
    assert claimed(world, restarted) == [mine]
    assert channel.release_claims(world.deps, "serve:", keep=restarted) == 0
    assert world.state().outbox[theirs].claimed_by == LIVE

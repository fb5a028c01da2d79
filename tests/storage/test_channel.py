"""The WhatsApp channel's repositories (conversations, inbox, outbox) behave the same on
every backend."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from keloia.domain.model.channel import InboxState, OutboxItem
from keloia.domain.model.conversation import Conversation, PendingAction, Turn
from keloia.domain.model.intents import ExtractedFields, Extraction, Intent
from keloia.domain.model.messages import (
    Button,
    DeliveryState,
    InboundKind,
    InboundMessage,
    MessageKind,
    OutboundMessage,
    StatusUpdate,
)
from keloia.ports.storage import UnitOfWorkFactory

from .records import T0, Team, at, seed, team

PHONE, OTHER = "+6281200000001", "+6281200000002"


@pytest.fixture
def a(uow_factory: UnitOfWorkFactory) -> Team:
    first = team("ta", 1)
    seed(uow_factory, first)
    return first


def inbound(wa_id: str, sent: int, phone: str | None = PHONE) -> InboundMessage:
    return InboundMessage(
        wa_message_id=wa_id,
        from_phone=phone,
        wa_user_id="ID.123",
        sent_at=at(sent),
        kind=InboundKind.BUTTON_REPLY,
        text="Ya, catat",
        reply_id="confirm:abc",
        profile_name="Agus 🚌",
        phone_number_id="1098",
    )


def outbound(item_id: str, created: int, to: str = PHONE) -> OutboxItem:
    return OutboxItem(
        id=item_id,
        tenant_id="ta",
        message=OutboundMessage(
            to=to,
            kind=MessageKind.BUTTONS,
            body="Saya catat sebagai booking Pak Agus, 15 Maret, Rp15.000.000. Benar?",
            buttons=(Button(id="yes", title="Ya"), Button(id="no", title="Batal")),
        ),
        next_attempt_at=at(created),
        created_at=at(created),
        updated_at=at(created),
    )


def test_conversation_round_trip(uow_factory: UnitOfWorkFactory, a: Team) -> None:
    with uow_factory() as uow:
        fresh = uow.conversations.get(a.id, a.owner.id)
        assert fresh == Conversation(tenant_id=a.id, user_id=a.owner.id)
    talk = Conversation(
        tenant_id=a.id,
        user_id=a.owner.id,
        turns=[Turn(speaker="user", text="booking besok", at=at(1))],
        pending=PendingAction(
            id="p1",
            extraction=Extraction(
                intent=Intent.CREATE_BOOKING,
                confidence=0.92,
                source="rules",
                fields=ExtractedFields(
                    client_name="Pak Agus",
                    depart_date=date(2026, 3, 15),
                    price=15_000_000,
                    dp_amount=5_000_000,
                ),
            ),
            target_id="bk-1",
            proposed_at=at(2),
        ),
        last_activity=at(2),
        applied=["p0"],
    )
    with uow_factory() as uow:
        uow.conversations.save(talk)
        uow.commit()
    with uow_factory() as uow:
        assert uow.conversations.get(a.id, a.owner.id) == talk
        talk.add_turn(Turn(speaker="bot", text="Siap", at=at(3)))
        uow.conversations.save(talk)
        uow.commit()
    with uow_factory() as uow:
        assert uow.conversations.get(a.id, a.owner.id) == talk
        assert uow.conversations.get(a.id, a.admin.id).turns == []


def test_inbox_keeps_one_copy_of_each_message(uow_factory: UnitOfWorkFactory) -> None:
    first = inbound("wamid.1", 5)
    with uow_factory() as uow:
        assert uow.inbox.add(first, T0 + timedelta(hours=1)) is True
        assert uow.inbox.add(first, T0 + timedelta(hours=2)) is False
        uow.commit()
    with uow_factory() as uow:
        assert uow.inbox.add(first, T0 + timedelta(hours=3)) is False
        item = uow.inbox.get("wamid.1")
        assert item is not None
        assert item.message == first
        assert item.received_at == T0 + timedelta(hours=1)
        assert item.state is InboxState.RECEIVED
        assert uow.inbox.get("wamid.none") is None


def test_one_batch_stores_each_id_once_and_names_only_the_new(
    uow_factory: UnitOfWorkFactory,
) -> None:
    """The webhook's group commit: an id repeated in the batch, one stored before, and more
    rows than one statement carries; the new ones are named exactly, each stored once,
    and what is read back is what came in (times to the microsecond, in order)."""
    with uow_factory() as uow:
        assert uow.inbox.add(inbound("wamid.old", 1), T0) is True
        uow.commit()
    batch = [inbound(f"wamid.b{n}", n, phone=OTHER if n % 2 else PHONE) for n in range(1200)]
    # Text that the array and JSON encodings must carry through untouched.
    odd_text = 'a "quoted" \\ back\\slash, {brace} NULL \\u0000 \\" 🚌\n'
    batch[5] = batch[5].model_copy(
        update={"sent_at": at(5) + timedelta(microseconds=7), "text": odd_text}
    )
    repeated = [batch[3], inbound("wamid.old", 2), *batch, batch[3], batch[1199]]
    with uow_factory() as uow:
        new = uow.inbox.add_many(repeated, T0 + timedelta(hours=1))
        uow.commit()
    assert new == {m.wa_message_id for m in batch}
    with uow_factory() as uow:
        assert uow.inbox.add_many([batch[0], inbound("wamid.last", 9)], T0) == {"wamid.last"}
        stored = uow.inbox.get("wamid.b5")
        assert stored is not None and stored.message == batch[5]
        assert stored.received_at == T0 + timedelta(hours=1)
        old = uow.inbox.get("wamid.old")
        assert old is not None and old.received_at == T0
        mine = uow.inbox.pending_from(PHONE, 1000)
        assert [i.message.wa_message_id for i in mine[:3]] == ["wamid.b0", "wamid.old", "wamid.b2"]
        assert len(mine) == 1 + 600 + 1  # wamid.old, the even half, wamid.last


def test_a_reader_goes_on_while_a_writer_holds_the_write_lock(
    uow_factory: UnitOfWorkFactory,
) -> None:
    """A read-only unit of work reads the committed state and does not wait for an open
    writer (on SQLite it takes no write lock: before, it queued behind every writer)."""
    with uow_factory() as uow:
        uow.inbox.add(inbound("wamid.kept", 1), T0)
        uow.commit()
    with uow_factory() as writer:
        writer.inbox.add(inbound("wamid.open", 2), T0)
        with uow_factory(read_only=True) as reader:
            assert reader.inbox.get("wamid.kept") is not None
            assert reader.inbox.get("wamid.open") is None
        writer.commit()
    with uow_factory(read_only=True) as reader:
        assert reader.inbox.get("wamid.open") is not None


def test_inbox_pending_and_processed(uow_factory: UnitOfWorkFactory) -> None:
    with uow_factory() as uow:
        uow.inbox.add(inbound("m1", 3), at(10))
        uow.inbox.add(inbound("m2", 1), at(11))
        uow.inbox.add(inbound("m3", 2, OTHER), at(12))
        uow.inbox.add(inbound("m4", 0, None), at(13))
        uow.commit()
    with uow_factory() as uow:
        pending = [i.message.wa_message_id for i in uow.inbox.pending(10)]
        assert pending == ["m1", "m2", "m3", "m4"]
        assert [i.message.wa_message_id for i in uow.inbox.pending(2)] == ["m1", "m2"]
        # One sender's messages in the order they were sent.
        assert [i.message.wa_message_id for i in uow.inbox.pending_from(PHONE, 10)] == [
            "m2",
            "m1",
        ]
        uow.inbox.mark_processed("m2")
        uow.commit()
    with uow_factory() as uow:
        done = uow.inbox.get("m2")
        assert done is not None
        assert done.state is InboxState.PROCESSED
        assert done.attempts == 1
        assert [i.message.wa_message_id for i in uow.inbox.pending(10)] == ["m1", "m3", "m4"]
        assert [i.message.wa_message_id for i in uow.inbox.pending_from(PHONE, 10)] == ["m1"]


def test_outbox_round_trip_and_update(uow_factory: UnitOfWorkFactory) -> None:
    item = outbound("o1", 1)
    with uow_factory() as uow:
        uow.outbox.add(item)
        uow.commit()
    with uow_factory() as uow:
        assert uow.outbox.get("o1") == item
        assert uow.outbox.get("none") is None
        item.retry_later(at(2), "timeout")
        uow.outbox.update(item)
        uow.commit()
    with uow_factory() as uow:
        assert uow.outbox.get("o1") == item


def test_outbox_claim_takes_the_due_items_oldest_first(uow_factory: UnitOfWorkFactory) -> None:
    late, early, future = outbound("o1", 5), outbound("o2", 1), outbound("o3", 50)
    sent = outbound("o4", 0)
    sent.sent(at(0), "wamid.sent")
    with uow_factory() as uow:
        for item in (late, early, future, sent):
            uow.outbox.add(item)
        uow.commit()
    with uow_factory() as uow:
        claimed = uow.outbox.claim(at(10), 1, "w1", at(20))
        assert [(i.id, i.claimed_by, i.next_attempt_at) for i in claimed] == [("o2", "w1", at(20))]
        assert [i.id for i in uow.outbox.claim(at(10), 10, "w2", at(30))] == ["o1"]
        uow.commit()
    with uow_factory() as uow:
        assert uow.outbox.get("o2") == early.model_copy(
            update={"claimed_by": "w1", "next_attempt_at": at(20)}
        )
        assert uow.outbox.claim(at(10), 10, "w3", at(40)) == []  # leased meanwhile
        assert [i.id for i in uow.outbox.claim(at(100), 10, None, at(110))] == ["o2", "o1", "o3"]


def test_outbox_status_only_moves_forward(uow_factory: UnitOfWorkFactory) -> None:
    item = outbound("o1", 1)
    item.sent(at(1), "wamid.out")
    with uow_factory() as uow:
        uow.outbox.add(item)
        uow.commit()

    def status(state: DeliveryState, minute: int, **extra: object) -> StatusUpdate:
        return StatusUpdate.model_validate(
            {"provider_message_id": "wamid.out", "state": state, "at": at(minute)} | extra
        )

    with uow_factory() as uow:
        assert uow.outbox.apply_status(status(DeliveryState.READ, 3)) is True
        assert uow.outbox.apply_status(status(DeliveryState.DELIVERED, 4)) is False
        assert (
            uow.outbox.apply_status(status(DeliveryState.READ, 5, provider_message_id="x")) is False
        )
        uow.commit()
    with uow_factory() as uow:
        got = uow.outbox.get("o1")
        assert got is not None
        assert got.state is DeliveryState.READ
        assert got.updated_at == at(3)
        # A message that reached the phone cannot fail any more.
        assert not uow.outbox.apply_status(status(DeliveryState.FAILED, 6, error_code=131047))
        late = outbound("o2", 2)
        late.sent(at(2), "wamid.late")
        uow.outbox.add(late)
        assert uow.outbox.apply_status(
            status(
                DeliveryState.FAILED,
                7,
                provider_message_id="wamid.late",
                error_code=131047,
                error_title="Re-engagement",
            )
        )
        uow.commit()
    with uow_factory() as uow:
        assert uow.outbox.get("o1").state is DeliveryState.READ  # type: ignore[union-attr]
        got = uow.outbox.get("o2")
        assert got is not None
        assert got.state is DeliveryState.FAILED
        assert got.last_error == "131047 Re-engagement"


def test_outbox_recent(uow_factory: UnitOfWorkFactory) -> None:
    with uow_factory() as uow:
        for n in range(5):
            uow.outbox.add(outbound(f"o{n}", n, PHONE if n % 2 == 0 else OTHER))
        uow.commit()
    with uow_factory() as uow:
        # The newest ones, oldest first.
        assert [i.id for i in uow.outbox.recent(None, 3)] == ["o2", "o3", "o4"]
        assert [i.id for i in uow.outbox.recent(PHONE, 2)] == ["o2", "o4"]
        assert [i.id for i in uow.outbox.recent(OTHER, 10)] == ["o1", "o3"]


def test_two_workers_claiming_at_once_take_different_rows(
    sql_factory: UnitOfWorkFactory,
) -> None:
    import threading
    from concurrent.futures import ThreadPoolExecutor

    from keloia.domain.services.channel import claim_due
    from keloia.domain.services.deps import Deps

    with sql_factory() as uow:
        for n in range(10):
            uow.outbox.add(outbound(f"c{n}", n))
        uow.commit()

    class Clock:
        def now(self):  # type: ignore[no-untyped-def]
            return at(60)

        def today(self):  # type: ignore[no-untyped-def]
            return at(60).date()

    deps = Deps(storage=sql_factory, clock=Clock(), ids=None)  # type: ignore[arg-type]
    start = threading.Barrier(2)

    def worker() -> list[str]:
        start.wait()
        return [item.id for item in claim_due(deps, limit=10)]

    with ThreadPoolExecutor(2) as pool:
        first, second = pool.map(lambda _: worker(), range(2))
    assert not set(first) & set(second)
    assert sorted(first + second) == sorted(f"c{n}" for n in range(10))


def test_a_message_is_marked_processed_once(uow_factory: UnitOfWorkFactory) -> None:
    with uow_factory() as uow:
        uow.inbox.add(inbound("wamid.once", 1), at(1))
        uow.commit()
    with uow_factory() as uow:
        assert uow.inbox.record_failure("wamid.once") == 1
        assert uow.inbox.mark_processed("wamid.once") is True
        assert uow.inbox.mark_processed("wamid.once") is False
        uow.commit()
    with uow_factory() as uow:
        item = uow.inbox.get("wamid.once")
        assert item is not None and item.state is InboxState.PROCESSED and item.attempts == 2
        assert uow.inbox.mark_processed("wamid.none") is False


def test_outbox_claims_are_renewed_by_their_holder_and_released_by_role(
    uow_factory: UnitOfWorkFactory,
) -> None:
    holders = {"o1": "serve:h:1:a_%", "o2": "serve:h:2:b", "o3": "worker:h:3:c", "o4": None}
    with uow_factory() as uow:
        for n, (item_id, holder) in enumerate(holders.items()):
            uow.outbox.add(outbound(item_id, n).model_copy(update={"claimed_by": holder}))
        sent = outbound("o5", 5).model_copy(
            update={"claimed_by": "serve:h:1:a_%", "state": DeliveryState.SENT}
        )
        uow.outbox.add(sent)
        uow.commit()
    with uow_factory() as uow:
        assert uow.outbox.renew_claims("serve:h:1:a_%", at(60)) == 1  # queued ones only
        # The prefix is literal ('_' and '%' are no wildcards); the keeper keeps its own.
        assert uow.outbox.release_claims("serve:h:_", "serve:h:2:b", at(61)) == 0
        assert uow.outbox.release_claims("serve:", "serve:h:2:b", at(61)) == 1
        uow.commit()
    with uow_factory() as uow:
        got = {i.id: i for i in uow.outbox.recent(None, 10)}
    assert (got["o1"].claimed_by, got["o1"].next_attempt_at) == (None, at(61))
    assert (got["o2"].claimed_by, got["o2"].next_attempt_at) == ("serve:h:2:b", at(1))
    assert got["o3"].claimed_by == "worker:h:3:c" and got["o4"].claimed_by is None
    assert got["o5"].claimed_by == "serve:h:1:a_%"

"""Cases a review found: each one failed before its fix."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from keloia.apps.worker import tasks
from keloia.domain.model.channel import MAX_HANDLING_ATTEMPTS, InboxState
from keloia.domain.model.intents import ExtractedFields, Extraction, ExtractionContext, Intent
from keloia.domain.model.messages import (
    DeliveryState,
    InboundKind,
    MessageKind,
    OutboundMessage,
    StatusUpdate,
)
from keloia.domain.services import channel
from keloia.domain.services.outbox import enqueue

from .conftest import World
from .test_worker import FakeMessenger, keloia, store


def booking_on(world: World, text: str, day: int, **more: object) -> None:
    world.extractor.says(
        text,
        Intent.CREATE_BOOKING,
        client_name="Pak Agus",
        depart_date=date(2026, 3, day),
        price=10_000_000,
        **more,
    )


def test_a_late_ya_is_told_the_proposal_expired(world: World) -> None:
    booking_on(world, "pak agus tgl 15", 15)
    world.send(world.admin.phone, "pak agus tgl 15")
    world.clock.at += timedelta(minutes=31)
    [reply] = world.send(world.admin.phone, "ya")
    assert "30 menit" in reply.body


def test_ya_to_a_question_keeps_it_pending(world: World) -> None:
    world.extractor.says("booking pak agus", Intent.CREATE_BOOKING, client_name="Pak Agus")
    [question] = world.send(world.admin.phone, "booking pak agus")
    [again] = world.send(world.admin.phone, "ya")
    assert again.body == question.body
    world.extractor.says("tgl 20", Intent.CORRECT, depart_date=date(2026, 3, 20))
    [proposal] = world.send(world.admin.phone, "tgl 20")
    assert proposal.kind is MessageKind.BUTTONS


def test_moving_a_multi_day_trip_keeps_its_length(world: World) -> None:
    booking_on(world, "pak agus 15-16 maret", 15, return_date=date(2026, 3, 16))
    world.send(world.admin.phone, "pak agus 15-16 maret")
    world.extractor.says("bukan tgl 15, tgl 20", Intent.CORRECT, depart_date=date(2026, 3, 20))
    [proposal] = world.send(world.admin.phone, "bukan tgl 15, tgl 20")
    assert "Jumat, 20 – Sabtu, 21 Mar" in proposal.body


def test_a_refused_correction_keeps_the_proposal(world: World) -> None:
    booking_on(world, "pak agus tgl 15", 15, bus="Bus 01")
    world.send(world.admin.phone, "pak agus tgl 15")
    world.extractor.says("bukan bus 01, bus 09", Intent.CORRECT, bus="bus 09")
    [refusal] = world.send(world.admin.phone, "bukan bus 01, bus 09")
    assert "tidak ada di armada" in refusal.body and "menunggu konfirmasi" in refusal.body
    world.send(world.admin.phone, "ya")
    assert len([b for b in world.state().bookings.values() if b.is_live]) == 1


@dataclass
class ReadsPendingAsCorrection:
    """Like the rules: with something pending, "bayar lagi 1jt" looks like a correction."""

    def extract(self, text: str, context: ExtractionContext) -> Extraction:
        if text == "ya":
            intent = Intent.CONFIRM if context.pending else Intent.UNKNOWN
            return Extraction(intent=intent, confidence=0.99, source="rules")
        if context.pending is not None:
            return Extraction(
                intent=Intent.CORRECT,
                confidence=0.8,
                source="rules",
                fields=ExtractedFields(amount=1_000_000),
            )
        return Extraction(
            intent=Intent.RECORD_PAYMENT,
            confidence=0.9,
            source="rules",
            fields=ExtractedFields(client_name="Pak Agus", amount=1_000_000),
        )


def test_a_second_payment_right_after_the_first_is_a_new_payment(world: World) -> None:
    booking_on(world, "pak agus tgl 15", 15)
    world.send(world.owner.phone, "pak agus tgl 15")
    world.send(world.owner.phone, "ya")
    world.deps = replace(world.deps, extractor=ReadsPendingAsCorrection())
    for _ in range(2):
        [proposal] = world.send(world.owner.phone, "pak agus bayar 1jt")
        assert proposal.kind is MessageKind.BUTTONS, proposal.body
        world.send(world.owner.phone, "ya")
    [booking] = world.state().bookings.values()
    assert booking.paid_total == 2_000_000


def test_a_partial_payment_is_not_called_pelunasan(world: World) -> None:
    booking_on(world, "pak agus tgl 15", 15)
    world.send(world.owner.phone, "pak agus tgl 15")
    world.send(world.owner.phone, "ya")
    world.extractor.says(
        "pak agus bayar 3jt", Intent.RECORD_PAYMENT, client_name="Pak Agus", amount=3_000_000
    )
    world.send(world.owner.phone, "pak agus bayar 3jt")
    world.send(world.owner.phone, "ya")
    world.extractor.says(
        "pak agus bayar 7jt", Intent.RECORD_PAYMENT, client_name="Pak Agus", amount=7_000_000
    )
    [proposal] = world.send(world.owner.phone, "pak agus bayar 7jt")
    assert "pelunasan" in proposal.body
    world.send(world.owner.phone, "ya")
    kinds = sorted(p.type.value for p in world.state().payments.values())
    assert kinds == ["dp", "pelunasan"]


def test_an_ordinary_word_is_not_taken_for_an_invite_code(world: World) -> None:
    [reply] = world.send("+6285700000001", "Halo mau sewa bus ke Semarang")
    assert "tidak dikenal" not in reply.body
    # A likely customer: answered in the name of the one PO this number serves.
    assert "PO Maju Jaya" in reply.body and "kode undangan" in reply.body


def test_an_unrelated_button_gets_help_not_expired(world: World) -> None:
    [reply] = world.send(
        world.admin.phone, "Lihat rincian", kind=InboundKind.BUTTON_REPLY, reply_id="briefing:lihat"
    )
    assert "Yang bisa saya bantu" in reply.body


def test_a_message_that_keeps_failing_is_closed_and_does_not_block(world: World) -> None:
    class Broken:
        def extract(self, text: str, context: ExtractionContext) -> Extraction:
            if text == "boom":
                raise RuntimeError("a bug")
            return Extraction(intent=Intent.HELP, confidence=0.9, source="rules")

    world.deps = replace(world.deps, extractor=Broken())
    app = keloia(world)
    bad = store(world, world.admin.phone, "boom", minutes_ago=2)
    store(world, world.admin.phone, "bantuan", minutes_ago=1)
    for _ in range(MAX_HANDLING_ATTEMPTS - 1):
        tasks.process_sender(app, world.admin.phone)
        assert world.state().inbox[bad].state is InboxState.RECEIVED
    tasks.process_sender(app, world.admin.phone)
    assert all(i.state is InboxState.PROCESSED for i in world.state().inbox.values())
    bodies = [i.message.body for i in world.state().outbox.values()]
    assert any("gagal kami proses" in b for b in bodies)
    assert any("Yang bisa saya bantu" in b for b in bodies)
    assert not any("banyak sekali" in b for b in bodies)  # retries are not throttled


def test_a_late_window_closed_status_resends_as_the_template(world: World) -> None:
    with world.uow() as uow:
        enqueue(
            world.deps,
            uow,
            OutboundMessage(to=world.owner.phone, body="KIR Bus 01 habis"),
            world.tenant.id,
        )
        uow.commit()
    messenger = FakeMessenger()
    tasks.deliver_outbox(keloia(world, messenger))
    [item] = world.state().outbox.values()
    failed = StatusUpdate(
        provider_message_id=item.provider_message_id or "",
        state=DeliveryState.FAILED,
        at=world.clock.now(),
        error_code=131047,
        window_closed=True,  # what the Meta adapter reads from that code
    )
    channel.receive(world.deps, [], [failed])
    tasks.deliver_outbox(keloia(world, messenger))
    assert [m.kind for m in messenger.sent] == [MessageKind.TEXT, MessageKind.TEMPLATE]
    assert "KIR Bus 01" in messenger.sent[1].template_params[0]

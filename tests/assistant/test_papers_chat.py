"""Papers asked for on WhatsApp, media that comes in, and the kwitansi offered after a
payment: the assistant on the in-memory fakes with the real PDF renderer and file store."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from keloia.adapters.files import LocalFileStore, SignedLinks
from keloia.adapters.pdf import FpdfRenderer
from keloia.domain.model.bookings import BusAssignment
from keloia.domain.model.intents import Intent
from keloia.domain.model.media import MediaFile, MediaKind
from keloia.domain.model.messages import (
    InboundKind,
    InboundMedia,
    InboundMessage,
    MessageKind,
    OutboundMessage,
)
from keloia.domain.services.assistant import handle_inbound, replies
from keloia.domain.services.bookings import BookingDraft, create_booking
from keloia.domain.services.payments import PaymentDraft, record_payment

from .conftest import World

CLIENT = "+6281299990000"


@pytest.fixture
def papers_world(world: World, tmp_path: Path) -> World:
    world.deps = replace(
        world.deps,
        files=LocalFileStore(tmp_path / "files"),
        renderer=FpdfRenderer(),
        links=SignedLinks(b"k" * 32, "http://127.0.0.1:8600"),
    )
    return world


def booking(world: World, day: date, driver: str | None = None) -> str:
    draft = BookingDraft(
        client_name="Bu Wati",
        client_phone=CLIENT,
        route_from="Jogja",
        route_to="Solo",
        depart_date=day,
        price=15_000_000,
        assignments=[BusAssignment(bus_id=world.buses["Bus 01"], driver_id=driver)],
    )
    return create_booking(world.deps, world.owner, draft, acknowledge_warnings=True).id


def pdf_of(world: World, message: OutboundMessage) -> bytes:
    assert message.kind is MessageKind.DOCUMENT and message.document is not None
    assert world.deps.files is not None
    stored = world.deps.files.read(message.document.tenant_id, message.document.file_key)
    assert stored is not None
    return stored.content


def receive(world: World, message: InboundMessage) -> list[OutboundMessage]:
    with world.uow() as uow:
        before = {i.id for i in uow.outbox.recent(None, 10_000)}
        uow.inbox.add(message, world.clock.now())
        uow.commit()
    handle_inbound(world.deps, message.wa_message_id)
    with world.uow() as uow:
        return [i.message for i in uow.outbox.recent(None, 10_000) if i.id not in before]


def test_kwitansi_by_chat_then_to_the_client_after_a_tap(papers_world: World) -> None:
    w = papers_world
    booking_id = booking(w, date(2026, 3, 20))
    record_payment(
        w.deps, w.admin, PaymentDraft(booking_id=booking_id, type="dp", amount=1_500_000)
    )
    w.extractor.says(
        "kwitansi dp bu wati",
        Intent.REQUEST_PAPER,
        paper="kwitansi",
        client_name="bu wati",
        payment_type="dp",
    )
    doc, offer = w.send(w.admin.phone, "kwitansi dp bu wati")
    assert doc.to == w.admin.phone and doc.body.startswith("Kwitansi DP Bu Wati Rp1.500.000")
    assert pdf_of(w, doc).startswith(b"%PDF")
    assert doc.document is not None and doc.document.url.startswith("http://127.0.0.1:8600/files/")
    assert offer.kind is MessageKind.BUTTONS and CLIENT in offer.body
    with w.uow() as uow:
        before = {i.id for i in uow.outbox.recent(None, 10_000)}
    w.send(w.admin.phone, kind=InboundKind.BUTTON_REPLY, reply_id=offer.buttons[0].id)
    with w.uow() as uow:
        sent = [i.message for i in uow.outbox.recent(None, 10_000) if i.id not in before]
    to_client = next(m for m in sent if m.to == CLIENT)
    assert to_client.kind is MessageKind.DOCUMENT and "PO Maju Jaya" in to_client.body
    assert to_client.document == doc.document.model_copy(update={"url": to_client.document.url})  # type: ignore[union-attr]
    assert any(m.to == w.admin.phone and "Sudah saya teruskan" in m.body for m in sent)


def test_a_driver_gets_the_surat_jalan_of_own_trips_only(papers_world: World) -> None:
    w = papers_world
    tomorrow = w.clock.today() + timedelta(days=1)
    booking(w, tomorrow, driver=w.joko.id)
    w.extractor.says("surat jalan besok", Intent.REQUEST_PAPER, paper="surat_jalan", date=tomorrow)
    (sheet,) = w.send(w.joko.phone, "surat jalan besok")
    assert sheet.kind is MessageKind.DOCUMENT and sheet.to == w.joko.phone
    assert b"%PDF" in pdf_of(w, sheet)[:8]
    # The caption names the day as a phone message does: weekday, short month, no year.
    weekday = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")[tomorrow.weekday()]
    assert f"{weekday}, {tomorrow.day} " in sheet.body and str(tomorrow.year) not in sheet.body
    assert sheet.body.startswith("Surat jalan Bu Wati (Jogja – Solo), ")
    (none,) = w.send(w.slamet.phone, "surat jalan besok")
    assert none.kind is MessageKind.TEXT and "Tidak ada perjalanan" in none.body
    assert str(tomorrow.year) not in none.body
    w.extractor.says(
        "kwitansi bu wati", Intent.REQUEST_PAPER, paper="kwitansi", client_name="bu wati"
    )
    (refused,) = w.send(w.joko.phone, "kwitansi bu wati")
    assert "pemilik dan admin" in refused.body  # a driver never sees money


def test_a_captioned_transfer_photo_proposes_the_payment_with_the_photo(
    papers_world: World,
) -> None:
    w = papers_world
    booking_id = booking(w, date(2026, 3, 20))
    caption = "bukti tf dp bu wati 1,5jt"
    w.extractor.says(
        caption, Intent.RECORD_PAYMENT, client_name="bu wati", amount=1_500_000, payment_type="dp"
    )
    message = InboundMessage(
        wa_message_id="wamid.photo1",
        from_phone=w.admin.phone,
        sent_at=w.clock.now(),
        kind=InboundKind.MEDIA,
        text=caption,
        media=InboundMedia(kind="image", media_id="991", mime_type="image/jpeg"),
    )
    with w.uow() as uow:  # what the worker's keep step leaves before the message is read
        uow.media.add(
            MediaFile(
                id="media1",
                tenant_id=w.tenant.id,
                wa_message_id="wamid.photo1",
                kind=MediaKind.IMAGE,
                mime_type="image/jpeg",
                size=10,
                file_key="media/media1.jpg",
                caption=caption,
                received_at=w.clock.now(),
            )
        )
        uow.commit()
    (proposal,) = receive(w, message)
    assert "DP Rp1.500.000" in proposal.body and "Lampiran" in proposal.body
    done, offer = w.send(w.admin.phone, "ya")
    assert "sudah dicatat" in done.body
    (payment,) = [p for p in w.state().payments.values() if p.booking_id == booking_id]
    assert w.state().media["media1"].entity_id == payment.id
    assert [b.title for b in offer.buttons] == ["Kwitansi ke saya", "Kwitansi ke klien"]
    (kwitansi,) = w.send(w.admin.phone, kind=InboundKind.BUTTON_REPLY, reply_id=offer.buttons[0].id)
    assert kwitansi.kind is MessageKind.DOCUMENT and kwitansi.to == w.admin.phone


def test_voice_notes_and_bare_photos_get_a_kind_answer(papers_world: World) -> None:
    w = papers_world

    def media(wa_id: str, kind: str) -> InboundMessage:
        return InboundMessage(
            wa_message_id=wa_id,
            from_phone=w.owner.phone,
            sent_at=w.clock.now(),
            kind=InboundKind.MEDIA,
            media=InboundMedia(kind=kind, media_id=wa_id[-3:], mime_type="audio/ogg", voice=True),
        )

    (voice,) = receive(w, media("wamid.v001", "audio"))
    assert voice.body == replies.VOICE_NOTE
    (photo,) = receive(w, media("wamid.p002", "image"))
    assert photo.body == replies.ONLY_TEXT  # not kept (nothing fetched it): no claim it was


def test_without_papers_wired_the_asker_is_told_plainly(world: World) -> None:
    booking(world, date(2026, 3, 20))
    world.extractor.says("konfirmasi", Intent.REQUEST_PAPER, paper="konfirmasi", client_name="wati")
    (reply,) = world.send(world.owner.phone, "konfirmasi")
    off, bill = reply.body.split("\n")
    assert off == "Maaf, pembuatan dokumen PDF belum aktif di sistem ini."
    # What the konfirmasi would say of the money (it is the invoice), said in the chat.
    assert bill.startswith("Tagihan Bu Wati, ")
    assert "harga Rp15.000.000, sudah dibayar Rp0, sisa Rp15.000.000, batas pelunasan" in bill


def test_kwitansinya_right_after_a_payment_is_that_payments_receipt(papers_world: World) -> None:
    w = papers_world
    booking(w, date(2026, 3, 20))
    w.extractor.says(
        "bu wati dp 1,5jt", Intent.RECORD_PAYMENT, client_name="bu wati", amount=1_500_000
    )
    w.send(w.admin.phone, "bu wati dp 1,5jt")
    w.send(w.admin.phone, "ya")
    w.extractor.says("kirim kwitansinya", Intent.REQUEST_PAPER, paper="kwitansi")
    doc, _offer = w.send(w.admin.phone, "kirim kwitansinya")
    assert doc.kind is MessageKind.DOCUMENT and "Bu Wati Rp1.500.000" in doc.body
    # Someone else, with nothing just saved, is asked whose receipt it is.
    (asked,) = w.send(w.owner.phone, "kirim kwitansinya")
    assert asked.kind is MessageKind.TEXT and "Kwitansi untuk siapa?" in asked.body

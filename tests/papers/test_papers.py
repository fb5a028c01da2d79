"""Each paper drawn for real (fpdf2), read back (pypdf) and checked; page one kept as PNG."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from domain.world import World, day, make_world
from keloia.adapters.files import LocalFileStore, SignedLinks
from keloia.adapters.pdf import FpdfRenderer
from keloia.domain.errors import Forbidden, NotFound
from keloia.domain.model.fleet import Document, DocumentKind
from keloia.domain.model.papers import PaperKind
from keloia.domain.services import papers
from keloia.domain.services.corrections import void_payment
from keloia.domain.services.deps import Deps

from .pdf_support import a4_pages, page_one_png, pdf_text

A4 = (595, 842)


@pytest.fixture
def world() -> World:
    w = make_world()
    with w.uow() as tx:
        tenant = tx.tenants.get("t-1")
        assert tenant is not None
        tenant.settings.address = "Jl. Magelang Km 5, Sleman, Yogyakarta"
        tenant.settings.phone = "0274-555123"
        tenant.settings.uang_jalan_per_day = 750_000
        tx.tenants.update(tenant)
        tx.commit()
    return w


@pytest.fixture
def pd(world: World, tmp_path: Path) -> Deps:
    return replace(
        world.deps,
        files=LocalFileStore(tmp_path / "files"),
        renderer=FpdfRenderer(),
        links=SignedLinks(b"s" * 32, "http://127.0.0.1:8600"),
    )


def read(pd: Deps, tenant_id: str, key: str) -> bytes:
    assert pd.files is not None
    found = pd.files.read(tenant_id, key)
    assert found is not None and found.content_type == "application/pdf"
    return found.content


def trip(world: World) -> str:
    booking = world.book(
        15,
        16,
        buses=[("bus-1", "u-drv1")],
        client="Pak Agus",
        price=15_000_000,
        client_phone="+6281234567890",
        pickup_place="Masjid Agung Sleman",
        passengers=40,
    )
    return booking.id


def test_confirmation_says_trip_money_and_policy(world: World, pd: Deps) -> None:
    booking_id = trip(world)
    world.pay(booking_id, 5_000_000, "dp", method="transfer_bca")
    link = papers.confirmation(pd, world.owner, booking_id)
    content = read(pd, "t-1", link.file_key)
    text = pdf_text(content)
    for expected in (
        "PO Sumber Rejeki",
        "Jl. Magelang Km 5",
        "KONFIRMASI BOOKING",
        "Pak Agus",
        "+6281234567890",
        "Jogja - Semarang",
        "Minggu, 15 Maret 2026",
        "Senin, 16 Maret 2026",
        "Masjid Agung Sleman",
        "Bus 01 (AB 1001 XY) 45 kursi",
        "Rp15.000.000",
        "Rp5.000.000",
        "Rp10.000.000",
        "Kamis, 12 Maret 2026",  # pelunasan 3 days before departure
        "Pembatalan 31 hari atau lebih sebelum keberangkatan",  # the fee tiers in words
    ):
        assert expected in text, expected
    assert a4_pages(content) == [A4]
    assert page_one_png(content, "konfirmasi").stat().st_size > 2000
    assert link.url.startswith("http://127.0.0.1:8600/files/")
    assert link.filename == "konfirmasi-pak-agus-2026-03-15.pdf"
    drawn = world.activity("paper.drawn")
    assert [(e.entity, e.entity_id) for e in drawn] == [("konfirmasi", booking_id)]


def test_same_data_same_paper_changed_data_new_version(world: World, pd: Deps) -> None:
    booking_id = trip(world)
    first = papers.confirmation(pd, world.owner, booking_id)
    world.clock.advance(days=1)  # asked for again the next day: still the same paper
    again = papers.confirmation(pd, world.admin, booking_id)
    assert (again.file_key, again.drawn, first.drawn) == (first.file_key, False, True)
    world.pay(booking_id, 2_500_000, "dp")
    changed = papers.confirmation(pd, world.owner, booking_id)
    assert changed.drawn and changed.version != first.version
    assert "Rp12.500.000" in pdf_text(read(pd, "t-1", changed.file_key))
    assert len(world.activity("paper.drawn")) == 2
    assert len(world.state.papers) == 2


def test_kwitansi_numbers_terbilang_and_invoice(world: World, pd: Deps) -> None:
    booking_id = trip(world)
    dp = world.pay(booking_id, 1_500_000, "dp", method="transfer_bca")
    other = world.book(20, buses=[("bus-2", None)], client="Bu Wati", price=8_000_000)
    world.pay(other.id, 8_000_000, "pelunasan", method="transfer_mandiri")
    link = papers.receipt(pd, world.admin, dp.id)
    content = read(pd, "t-1", link.file_key)
    text = pdf_text(content)
    for expected in (
        "KWITANSI",
        "KW/2026/0001",
        "Pak Agus",
        "Rp1.500.000",
        "Satu juta lima ratus ribu rupiah",
        "DP sewa bus Jogja - Semarang, 15–16 Maret 2026".replace("–", "-"),
        "transfer BCA",
        "Mas Dedi",
        "Sisa tagihan",
        "Rp13.500.000",
        "Kamis, 12 Maret 2026",
    ):
        assert expected in text, expected
    assert a4_pages(content) == [A4]
    page_one_png(content, "kwitansi")
    paid = next(p for p in world.state.payments.values() if p.booking_id == other.id)
    lunas = pdf_text(read(pd, "t-1", papers.receipt(pd, world.owner, paid.id).file_key))
    assert "KW/2026/0002" in lunas and "LUNAS" in lunas and "Delapan juta rupiah" in lunas
    # The method as the chat and the dashboard write it (it printed "transfer MANDIRI").
    assert "transfer Mandiri" in lunas
    assert "Sisa tagihan" not in lunas


def test_papers_of_a_booking_with_no_price_never_say_paid_off(world: World, pd: Deps) -> None:
    unpriced = world.book(20, buses=[("bus-2", None)], client="Bu Wati", price=0)
    dp = world.pay(unpriced.id, 2_000_000, "dp")
    kwitansi = pdf_text(read(pd, "t-1", papers.receipt(pd, world.admin, dp.id).file_key))
    assert "Rp2.000.000" in kwitansi and "belum ditentukan" in kwitansi
    assert "LUNAS" not in kwitansi and "Sisa tagihan" not in kwitansi
    confirmation = papers.confirmation(pd, world.owner, unpriced.id)
    text = pdf_text(read(pd, "t-1", confirmation.file_key))
    assert "belum ditentukan" in text and "Rp0" not in text


def test_every_payment_in_gets_the_next_number_refunds_none(world: World) -> None:
    booking_id = trip(world)
    world.pay(booking_id, 1_000_000, "dp")
    world.pay(booking_id, 500_000, "refund")
    world.pay(booking_id, 2_000_000, "other")
    world.clock.set_today(date(2027, 1, 2))
    world.pay(booking_id, 3_000_000, "pelunasan")
    numbers = sorted((r.year, r.number) for r in world.state.receipts.values())
    assert numbers == [(2026, 1), (2026, 2), (2027, 1)]


def test_money_papers_are_for_managers_and_own_tenant(world: World, pd: Deps) -> None:
    booking_id = trip(world)
    dp = world.pay(booking_id, 1_000_000, "dp")
    with pytest.raises(Forbidden):
        papers.confirmation(pd, world.driver1, booking_id)
    with pytest.raises(Forbidden):
        papers.receipt(pd, world.driver1, dp.id)
    with pytest.raises(NotFound):
        papers.receipt(pd, world.other_owner, dp.id)
    with pytest.raises(NotFound):
        papers.confirmation(pd, world.other_owner, booking_id)


def test_trip_sheet_for_the_driver(world: World, pd: Deps) -> None:
    booking_id = trip(world)
    link = papers.trip_sheet(pd, world.driver1, booking_id)
    content = read(pd, "t-1", link.file_key)
    text = pdf_text(content)
    for expected in (
        "SURAT JALAN",
        "Jogja - Semarang",
        "Masjid Agung Sleman",
        "Pak Agus",
        "+6281234567890",
        "40 orang",
        "Bus 01 (AB 1001 XY)",
        "Pak Joko, +6281100000003",
        "Rp1.500.000",  # 2 days x 750.000
        "Minggu, 15 Maret 2026",
    ):
        assert expected in text, expected
    assert "Rp15.000.000" not in text  # the driver's paper shows no price
    page_one_png(content, "surat-jalan")
    with pytest.raises(NotFound):
        papers.trip_sheet(pd, world.driver2, booking_id)


def test_roadworthiness_card(world: World, pd: Deps) -> None:
    with world.uow() as tx:
        for n, (kind, number, expires) in enumerate(
            [
                (DocumentKind.KIR, "KIR-7781", date(2026, 9, 30)),
                (DocumentKind.STNK, "STNK-1001", date(2028, 1, 15)),
                (DocumentKind.INSURANCE, "POL-55", date(2026, 2, 1)),
            ]
        ):
            tx.documents.add(
                Document(
                    id=f"doc-{n}",
                    tenant_id="t-1",
                    kind=kind,
                    bus_id="bus-1",
                    number=number,
                    expires_on=expires,
                )
            )
        tx.commit()
    link = papers.roadworthiness(pd, world.owner, "bus-1")
    assert link.kind is PaperKind.ROADWORTHINESS
    content = read(pd, "t-1", link.file_key)
    text = pdf_text(content)
    for expected in (
        "KARTU KELAIKAN",
        "Bus 01 (AB 1001 XY)",
        "KIR-7781",
        "30 September 2026 (berlaku)",
        "STNK-1001",
        "1 Februari 2026 (TIDAK BERLAKU)",
        "izin angkutan belum tercatat",
        "Ada dokumen yang tidak berlaku",
    ):
        assert expected in text, expected
    page_one_png(content, "kartu-kelaikan")
    with pytest.raises(NotFound):
        papers.roadworthiness(pd, world.owner, "bus-x")


def test_logo_from_settings_is_drawn(world: World, pd: Deps) -> None:
    import io

    from PIL import Image

    png = io.BytesIO()
    Image.new("RGB", (120, 120), (200, 30, 30)).save(png, "PNG")
    assert pd.files is not None
    pd.files.save("t-1", "logo/logo.png", png.getvalue(), "image/png")
    with world.uow() as tx:
        tenant = tx.tenants.get("t-1")
        assert tenant is not None
        tenant.settings.logo_key = "logo/logo.png"
        tx.tenants.update(tenant)
        tx.commit()
    booking_id = trip(world)
    content = read(pd, "t-1", papers.confirmation(pd, world.owner, booking_id).file_key)
    assert b"/Subtype /Image" in content


def test_names_beyond_latin1_do_not_break_a_paper(world: World, pd: Deps) -> None:
    booking = world.book(18, client="Bu Wati 🚌 “VIP”", price=5_000_000)
    text = pdf_text(read(pd, "t-1", papers.confirmation(pd, world.owner, booking.id).file_key))
    assert 'Bu Wati ? "VIP"' in text


_ = (UTC, datetime, day)


def test_the_drivers_surat_jalan_follows_the_assignment(world: World, pd: Deps) -> None:
    from keloia.domain.model.bookings import BusAssignment
    from keloia.domain.model.messages import MessageKind
    from keloia.domain.services.bookings import BookingDraft, create_booking

    draft = BookingDraft(
        client_name="Pak Agus",
        route_from="Jogja",
        route_to="Semarang",
        depart_date=day(15),
        price=15_000_000,
        assignments=[BusAssignment(bus_id="bus-2", driver_id="u-drv2")],
    )
    booking = create_booking(pd, world.owner, draft)
    to_driver = sorted(
        (i for i in world.state.outbox.values() if i.message.to == world.driver2.phone),
        key=lambda i: i.id,
    )
    assert [i.message.kind for i in to_driver] == [MessageKind.BUTTONS, MessageKind.DOCUMENT]
    sheet = to_driver[1].message
    assert sheet.document is not None and sheet.body.startswith("Surat jalan Anda")
    text = pdf_text(read(pd, "t-1", sheet.document.file_key))
    assert "SURAT JALAN" in text and "Bus 02 (AB 1002 XY)" in text and "Pak Slamet" in text
    assert [e.entity_id for e in world.activity("paper.drawn")] == [f"{booking.id}-bus-2"]


def test_a_paper_that_cannot_be_drawn_does_not_undo_the_booking(world: World, pd: Deps) -> None:
    from keloia.domain.model.bookings import BusAssignment
    from keloia.domain.model.messages import MessageKind
    from keloia.domain.services.bookings import BookingDraft, create_booking

    class Broken:
        content_type = "application/pdf"

        def render(self, paper: object, logo: bytes | None = None) -> bytes:
            raise OSError("disk full")

    draft = BookingDraft(
        client_name="Pak Agus",
        depart_date=day(15),
        assignments=[BusAssignment(bus_id="bus-2", driver_id="u-drv2")],
    )
    booking = create_booking(replace(pd, renderer=Broken()), world.owner, draft)
    assert booking.id in world.state.bookings
    kinds = [
        i.message.kind for i in world.state.outbox.values() if i.message.to == world.driver2.phone
    ]
    assert kinds == [MessageKind.BUTTONS]  # the assignment itself still goes out


def test_no_kwitansi_for_a_payment_taken_back(world: World, pd: Deps) -> None:
    dp = world.pay(trip(world), 1_500_000, "dp", method="cash")
    reversal = void_payment(world.deps, world.admin, dp.id)
    for payment_id in (dp.id, reversal.id):
        with pytest.raises(NotFound, match=r"dikoreksi atau dihapus.*ketik \*kwitansi "):
            papers.receipt(pd, world.admin, payment_id)


def test_kwitansi_past_its_due_date_asks_to_pay_soon(world: World, pd: Deps) -> None:
    """A balance already past due is not asked 'by the due date above' (a day gone)."""
    soon = world.book(3, buses=[("bus-2", None)], client="Bu Wati", price=8_000_000)
    dp = world.pay(soon.id, 1_000_000, "dp", method="cash")
    text = pdf_text(read(pd, "t-1", papers.receipt(pd, world.admin, dp.id).file_key))
    assert "Jatuh tempo sudah lewat" in text
    assert "paling lambat" not in text

"""The money questions by chat, read by the real offline rules, answered on the fakes:
owner and admin get figures, a driver gets a polite refusal and never a rupiah."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from keloia.adapters.rules import RulesExtractor
from keloia.domain.model.bookings import BusAssignment
from keloia.domain.model.fleet import MaintenanceType
from keloia.domain.model.money import CostCategory
from keloia.domain.services import money
from keloia.domain.services.bookings import BookingDraft, create_booking
from keloia.domain.services.fleet import MaintenanceDraft, log_maintenance
from keloia.domain.services.money import TripCostDraft
from keloia.domain.services.payments import PaymentDraft, record_payment

from .conftest import TODAY, World


@pytest.fixture
def po(world: World) -> World:
    """Today is 2 March 2026. Pak Agus went to Bali on 27 Feb (Bus 01, 20jt, costs 6,3jt,
    DP 5jt still owing 15jt); Bu Rina goes to Bandung on 5 March (Bus 02, 9jt, DP 5jt)."""
    deps = replace(world.deps, extractor=RulesExtractor())
    world.deps = deps
    bali = create_booking(
        deps,
        world.owner,
        BookingDraft(
            client_name="Pak Agus",
            client_phone="+628111000111",
            route_from="Jogja",
            route_to="Bali",
            depart_date=date(2026, 2, 27),
            return_date=date(2026, 3, 1),
            price=20_000_000,
            assignments=[BusAssignment(bus_id=world.buses["Bus 01"], driver_id=world.joko.id)],
        ),
    )
    for category, amount in (
        (CostCategory.BBM, 3_500_000),
        (CostCategory.TOL, 1_300_000),
        (CostCategory.UANG_JALAN, 1_500_000),
    ):
        money.record_trip_cost(
            deps, world.owner, TripCostDraft(booking_id=bali.id, category=category, amount=amount)
        )
    record_payment(
        deps,
        world.owner,
        PaymentDraft(booking_id=bali.id, type="dp", amount=5_000_000, paid_date=date(2026, 2, 1)),
    )
    rina = create_booking(
        deps,
        world.owner,
        BookingDraft(
            client_name="Bu Rina",
            route_from="Jogja",
            route_to="Bandung",
            depart_date=TODAY + timedelta(days=3),
            price=9_000_000,
            assignments=[BusAssignment(bus_id=world.buses["Bus 02"])],
        ),
    )
    record_payment(deps, world.owner, PaymentDraft(booking_id=rina.id, type="dp", amount=5_000_000))
    return world


def reply(world: World, phone: str, text: str) -> str:
    (message,) = world.send(phone, text)
    return message.body


def test_kalau_batal_sekarang_kena_berapa(po: World) -> None:
    text = reply(po, po.admin.phone, "bu rina kalau batal sekarang kena berapa?")
    assert (
        "Batal sekarang kena Rp4.500.000 sesuai kebijakan (50% dari harga), DP Rp5.000.000, "
        "kembali Rp500.000." in text
    )
    assert "belum dibatalkan" in text
    assert po.state().bookings  # nothing cancelled
    assert all(b.cancellation_fee is None for b in po.state().bookings.values())


def test_trip_ke_bali_kemarin_untung_berapa(po: World) -> None:
    text = reply(po, po.owner.phone, "trip ke Bali kemarin untung berapa?")
    assert "Pendapatan Rp20.000.000" in text
    assert "BBM: Rp3.500.000" in text
    assert "Biaya Rp6.300.000" in text
    assert "Untung Rp13.700.000." in text


def test_bus_mana_yang_paling_menghasilkan(po: World) -> None:
    text = reply(po, po.owner.phone, "bus mana yang paling menghasilkan bulan ini?")
    # March: only Bu Rina's trip departs (Bus 02), so Bus 02 leads.
    assert "Paling menghasilkan: Bus 02." in text
    assert "Bus 01: 1 hari jalan" in text  # Sunday 1 March, the Bali trip's last day


def test_siapa_yang_nunggak_paling_lama(po: World) -> None:
    text = reply(po, po.admin.phone, "siapa yang nunggak paling lama?")
    # Pak Agus's settlement was due 24 Feb (6 days late); Bu Rina's is due 2 March (today).
    # The one owing longest is asked (rank oldest, docs/contracts.md), not the whole list.
    assert text.startswith("Paling lama menunggak: *Pak Agus*, Rp15.000.000"), text
    assert "lewat 6 hari" in text
    assert "Bu Rina" not in text


def test_total_biaya_bengkel_bulan_ini(po: World) -> None:
    for bus, cost in (("Bus 01", 850_000), ("Bus 02", 3_400_000), ("Bus 01", 150_000)):
        log_maintenance(
            po.deps,
            po.owner,
            MaintenanceDraft(bus_id=po.buses[bus], type=MaintenanceType.TIRE, cost=cost),
        )
    text = reply(po, po.admin.phone, "total biaya bengkel bulan ini brp")
    assert "Biaya bengkel 1–31 Mar: *Rp4.400.000*" in text
    assert "• Bus 02: Rp3.400.000 (1 pekerjaan)\n• Bus 01: Rp1.000.000 (2 pekerjaan)" in text
    one = reply(po, po.owner.phone, "pengeluaran bengkel bus 02 bln ini brp")
    assert one.startswith("Biaya bengkel 1–31 Mar: *Rp3.400.000* (1 pekerjaan)")


def test_bulan_depan_ramai_nggak(po: World) -> None:
    text = reply(po, po.owner.phone, "bulan depan ramai nggak?")
    assert "dari 3 bus sudah terisi" in text


@pytest.mark.parametrize(
    "question",
    [
        "bu rina kalau batal sekarang kena berapa?",
        "trip ke Bali kemarin untung berapa?",
        "bus mana yang paling menghasilkan?",
        "siapa yang nunggak paling lama?",
        "bulan depan ramai nggak?",
        "total biaya bengkel bulan ini brp",
    ],
)
def test_a_driver_never_sees_money(po: World, question: str) -> None:
    text = reply(po, po.joko.phone, question)
    assert "Rp" not in text
    assert "hanya untuk pemilik dan admin" in text


def test_the_cancellation_confirmation_shows_the_fee_and_records_it(po: World) -> None:
    proposal = reply(po, po.admin.phone, "batalkan booking bu rina")
    assert "Batal sekarang kena Rp4.500.000 sesuai kebijakan" in proposal
    assert "kembali Rp500.000" in proposal
    done = reply(po, po.admin.phone, "ya")
    assert "Biaya pembatalan Rp4.500.000 tercatat." in done
    assert "Refund ke klien Rp500.000" in done
    (rina,) = [b for b in po.state().bookings.values() if b.client_name == "Bu Rina"]
    assert (rina.cancellation_fee, rina.refund_due) == (4_500_000, 500_000)


def test_a_driver_reports_a_cost_of_own_trip_by_chat_and_the_owner_hears(po: World) -> None:
    proposal = reply(po, po.joko.phone, "biaya solar 1,2jt")
    assert "biaya *BBM* Rp1.200.000 untuk trip Pak Agus" in proposal
    assert "Sudah dicatat" not in proposal
    done = reply(po, po.joko.phone, "ya")
    assert "Biaya BBM Rp1.200.000 sudah dicatat." in done
    (cost,) = [c for c in po.state().trip_costs.values() if c.recorded_by == po.joko.id]
    assert (cost.amount, cost.bus_id) == (1_200_000, po.buses["Bus 01"])
    owner_alerts = [a for a in po.state().alerts.values() if a.user_id == po.owner.id]
    assert any("Biaya BBM Rp1.200.000" in a.text and "Joko" in a.text for a in owner_alerts)


def test_a_driver_cannot_report_costs_of_another_trip(po: World) -> None:
    text = reply(po, po.joko.phone, "biaya tol trip bu rina 300rb")
    assert "tidak ditemukan" in text
    assert not [c for c in po.state().trip_costs.values() if c.recorded_by == po.joko.id]


def test_an_admin_records_a_cost_never_a_price_change(po: World) -> None:
    reply(po, po.admin.phone, "biaya tol trip bu rina 450rb")
    reply(po, po.admin.phone, "ya")
    (rina,) = [b for b in po.state().bookings.values() if b.client_name == "Bu Rina"]
    assert rina.price == 9_000_000
    costs = [c for c in po.state().trip_costs.values() if c.booking_id == rina.id]
    assert [(c.category.value, c.amount) for c in costs] == [("tol", 450_000)]


def test_the_owner_waives_a_cancellation_fee_by_chat(po: World) -> None:
    reply(po, po.admin.phone, "batalkan booking bu rina")
    reply(po, po.admin.phone, "ya")
    refused = reply(po, po.admin.phone, "bebaskan biaya batal bu rina")
    assert "hanya pemilik" in refused
    proposal = reply(po, po.owner.phone, "bebaskan biaya batal bu rina")
    assert "*bebaskan* biaya pembatalan Rp4.500.000" in proposal
    done = reply(po, po.owner.phone, "ya")
    assert "Refund ke klien Rp5.000.000" in done
    (rina,) = [b for b in po.state().bookings.values() if b.client_name == "Bu Rina"]
    assert (rina.cancellation_fee, rina.refund_due) == (0, 5_000_000)
    waived = [e for e in po.state().activity if e.action == "booking.cancellation_fee_waived"]
    assert [e.snapshot["waived_fee"] for e in waived] == [4_500_000]


def test_the_total_of_a_months_trips_covers_the_lines_cut_off(po: World) -> None:
    # 33 trips in April, more than a schedule answer lists (replies.MAX_LIST_LINES, 30).
    for n in range(33):
        create_booking(
            po.deps,
            po.owner,
            BookingDraft(
                client_name=f"Rombongan {n + 1}",
                route_from="Jogja",
                route_to="Solo",
                depart_date=date(2026, 4, 1) + timedelta(days=n % 28),
                price=1_000_000 + n * 100_000,
            ),
        )
    listed = reply(po, po.owner.phone, "april ada brp trip")
    assert "…dan 3 lainnya" in listed
    total = reply(po, po.owner.phone, "total nilainya brp")
    worth = sum(1_000_000 + n * 100_000 for n in range(33))  # Rp85.800.000
    assert f"Total nilai semua 33 trip: Rp{worth:,}".replace(",", ".") in total
    assert "termasuk 3 trip yang tidak tertulis di atas" in total

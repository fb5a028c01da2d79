"""A cancelled booking's DP given back, recorded on its page by the owner: a payment of
type refund through the payment use case, never more than was paid less what was refunded.
Wrong input is a clear Indonesian refusal on the page (never a 500); admins and drivers
are refused, as for every payment written on the dashboard."""

from __future__ import annotations

from keloia.domain.model.payments import PaymentType
from keloia.domain.model.tenants import Role

from .conftest import Dash
from .test_pages import cookie_login
from .test_trip_costs import cancelled_with_fee


def cancelled_with_dp(dash: Dash) -> str:
    """Pak Sugeng's trip 60 days ahead, DP Rp3.000.000, cancelled: the demo policy keeps an
    admin fee of Rp250.000, so Rp2.750.000 is to be given back."""
    return cancelled_with_fee(dash, 60, "Pak Sugeng", 12_000_000, 3_000_000)


def refunded(dash: Dash, booking_id: str) -> int:
    with dash.keloia.deps.uow() as uow:
        found = uow.bookings.get(dash.tenant_id, booking_id)
    assert found is not None
    return found.refunded_total


def test_the_owner_records_the_dp_refund_of_a_cancelled_booking(dash: Dash) -> None:
    booking = cancelled_with_dp(dash)
    csrf = cookie_login(dash)
    c = dash.client
    page = c.get(f"/booking/{booking}").text
    for part in (
        'id="refund"',
        "Catat refund ke klien",
        "Paling banyak Rp3.000.000",
        "Yang perlu dikembalikan: Rp2.750.000",
        'value="2.750.000"',  # what is to be given back, ready to save
    ):
        assert part in page, part
    assert "Pilih bus" not in page  # a cancelled trip is given no bus
    form = {"csrf_token": csrf, "amount": "2.750.000", "method": "transfer_bca"}
    saved = c.post(
        f"/booking/{booking}/refund",
        data=form | {"paid_date": str(dash.keloia.deps.clock.today())},
        follow_redirects=False,
    )
    assert saved.status_code == 303 and saved.headers["location"].endswith("?ok=refund")
    shown = c.get(saved.headers["location"]).text
    assert "Refund tercatat." in shown
    assert "−Rp2.750.000" in shown  # the payments' list
    assert "mencatat pembayaran refund Rp2.750.000" in shown  # the history
    assert refunded(dash, booking) == 2_750_000
    with dash.keloia.deps.uow() as uow:
        [refund] = [
            p
            for p in uow.payments.for_booking(dash.tenant_id, booking)
            if p.type is PaymentType.REFUND
        ]
    assert refund.method == "transfer_bca" and refund.amount == 2_750_000
    # What is left to give back is what the next refund may be at most.
    assert "Paling banyak Rp250.000" in shown


def test_a_refund_beyond_what_was_paid_or_mistyped_is_refused_on_the_page(dash: Dash) -> None:
    csrf = cookie_login(dash)
    c = dash.client
    booking = cancelled_with_dp(dash)
    for amount, extra, words in (
        ("3.000.001", {}, "melebihi uang yang sudah diterima (Rp3.000.000)"),
        ("", {}, "Isi jumlah refund dengan angka rupiah lebih dari 0"),
        ("-500000", {}, "Isi jumlah refund dengan angka rupiah lebih dari 0"),
        ("0", {}, "Isi jumlah refund dengan angka rupiah lebih dari 0"),
        ("sejuta", {}, "Isi jumlah refund dengan angka rupiah lebih dari 0"),
        ("500.000", {"paid_date": "besok"}, "Periksa isian: tanggal bayar."),
        ("500.000", {"method": "cek"}, "periksa cara bayar"),
    ):
        refused = c.post(
            f"/booking/{booking}/refund", data={"csrf_token": csrf, "amount": amount} | extra
        )
        assert refused.status_code == 422, (amount, extra, refused.text[:300])
        assert words in refused.text, (amount, extra)
        assert 'id="refund"' in refused.text  # the form is there to try again
    assert refunded(dash, booking) == 0
    # Part given back, the rest is the most a refund may still be.
    ok = c.post(f"/booking/{booking}/refund", data={"csrf_token": csrf, "amount": "2.000.000"})
    assert ok.status_code == 200 and "Refund tercatat." in ok.text
    again = c.post(f"/booking/{booking}/refund", data={"csrf_token": csrf, "amount": "1.500.000"})
    assert again.status_code == 422
    assert "melebihi uang yang sudah diterima (Rp1.000.000)" in again.text
    assert refunded(dash, booking) == 2_000_000


def test_admins_and_drivers_may_not_record_a_refund_on_the_dashboard(dash: Dash) -> None:
    booking = cancelled_with_dp(dash)
    csrf = cookie_login(dash, dash.people[Role.ADMIN].phone)
    page = dash.client.get(f"/booking/{booking}").text
    assert 'id="refund"' not in page
    assert "admin bisa mencatatnya lewat WhatsApp" in page
    form = {"csrf_token": csrf, "amount": "1.000.000"}
    refused = dash.client.post(f"/booking/{booking}/refund", data=form)
    assert refused.status_code == 403 and "hanya untuk pemilik" in refused.text
    driver = dash.session(dash.people[Role.DRIVER])
    response = dash.client.post(
        f"/booking/{booking}/refund", headers=driver, data={"amount": "1.000.000"}
    )
    assert response.status_code == 403
    assert refunded(dash, booking) == 0

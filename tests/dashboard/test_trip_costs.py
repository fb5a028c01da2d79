"""Trip costs, profit and the cancellation fee in the dashboard: entered by form or API
(owner, admin), shown per bus and by kind on the booking page with the trip's profit;
a cancelled booking's fee seen and waived by the owner, with a history entry. Bad input
is a clear Indonesian refusal, never a 500."""

from __future__ import annotations

from datetime import timedelta

from keloia.domain.model.bookings import BookingStatus
from keloia.domain.model.payments import PaymentType
from keloia.domain.model.tenants import Role
from keloia.domain.services import bookings, payments

from .conftest import Dash
from .test_pages import cookie_login


def demo_trip(dash: Dash) -> tuple[str, str]:
    """A confirmed demo booking with one bus: (booking id, bus id)."""
    with dash.keloia.deps.uow() as uow:
        found = next(
            b
            for b in uow.bookings.with_balance(dash.tenant_id)
            if b.status is BookingStatus.CONFIRMED and len(b.assignments) == 1
        )
    return found.id, found.assignments[0].bus_id


def cancelled_with_fee(
    dash: Dash,
    ahead: int = 20,
    client: str = "Bu Ratna",
    price: int = 10_000_000,
    dp: int = 2_000_000,
) -> str:
    """A booking 20 days ahead with a DP of 2 million, cancelled: the demo policy keeps
    the DP (8-30 days before departure). Another booking, days ahead and DP if said."""
    deps, owner = dash.keloia.deps, dash.people[Role.OWNER]
    day = deps.clock.today() + timedelta(days=ahead)
    draft = bookings.BookingDraft(client_name=client, depart_date=day, price=price)
    made = bookings.create_booking(deps, owner, draft)
    dp_paid = payments.PaymentDraft(booking_id=made.id, type=PaymentType.DP, amount=dp)
    payments.record_payment(deps, owner, dp_paid)
    bookings.set_status(deps, owner, made.id, BookingStatus.CANCELLED)
    return made.id


def test_costs_by_api_make_the_trips_profit(dash: Dash) -> None:
    c = dash.client
    booking, bus = demo_trip(dash)
    admin = dash.session(dash.people[Role.ADMIN])
    before = c.get(f"/api/money/trips/{booking}", headers=admin).json()
    added = [
        {"category": "bbm", "amount": 1_200_000, "bus_id": bus, "note": "solar"},
        {"category": "tol", "amount": 450_000},
    ]
    for body in added:
        made = c.post("/api/trip-costs", headers=admin, json={"booking_id": booking, **body})
        assert made.status_code == 201, made.text
        assert made.json()["recorded_by"] == dash.people[Role.ADMIN].id
    after = c.get(f"/api/money/trips/{booking}", headers=admin).json()
    assert after["costs"] == before["costs"] + 1_650_000
    assert after["profit"] == after["revenue"] - after["costs"]
    assert after["by_category"]["bbm"] >= 1_200_000
    assert {"BBM", "tol"} <= {i["label"] for i in after["items"]}
    assert after["cancellation_fee"] is None


def test_bad_cost_input_is_a_clear_refusal(dash: Dash) -> None:
    c = dash.client
    booking, _ = demo_trip(dash)
    owner = dash.session(dash.people[Role.OWNER])
    for body in (
        {"booking_id": booking, "category": "bensin", "amount": 1000},
        {"booking_id": booking, "category": "bbm", "amount": -5},
        {"booking_id": booking, "category": "bbm", "amount": "sejuta"},
        {"booking_id": booking, "category": "bbm", "amount": 10**15},
    ):
        refused = c.post("/api/trip-costs", headers=owner, json=body)
        assert refused.status_code == 400, (body, refused.text)
    elsewhere = c.post(
        "/api/trip-costs",
        headers=owner,
        json={"booking_id": booking, "category": "bbm", "amount": 1000, "bus_id": "nope"},
    )
    assert elsewhere.status_code == 422 and "Bus itu" in elsewhere.json()["detail"]
    other_po = dash.session(dash.other_owner)
    hidden = c.get(f"/api/money/trips/{booking}", headers=other_po)
    assert hidden.status_code == 404
    cost = {"booking_id": booking, "category": "bbm", "amount": 1000}
    assert c.post("/api/trip-costs", headers=other_po, json=cost).status_code == 404


def test_the_owner_sees_and_waives_a_cancellation_fee(dash: Dash) -> None:
    c = dash.client
    booking = cancelled_with_fee(dash)
    owner = dash.session(dash.people[Role.OWNER])
    admin = dash.session(dash.people[Role.ADMIN])
    seen = c.get(f"/api/money/trips/{booking}", headers=owner).json()
    assert seen["cancellation_fee"] == 2_000_000 and seen["refund_due"] == 0
    assert seen["revenue"] == 2_000_000  # a kept fee is the trip's revenue
    assert c.post(f"/api/bookings/{booking}/waive-fee", headers=admin).status_code == 403
    waived = c.post(f"/api/bookings/{booking}/waive-fee", headers=owner)
    assert waived.status_code == 200, waived.text
    assert waived.json()["cancellation_fee"] == 0 and waived.json()["refund_due"] == 2_000_000
    again = c.post(f"/api/bookings/{booking}/waive-fee", headers=owner)
    assert again.status_code == 422 and "tidak punya biaya" in again.json()["detail"]
    with dash.keloia.deps.uow() as uow:
        trail = [e.action for e in uow.activity.all(dash.tenant_id, booking)]
    assert "booking.cancellation_fee_waived" in trail


def test_the_booking_page_takes_a_cost_and_shows_it_per_bus_with_the_profit(dash: Dash) -> None:
    csrf = cookie_login(dash)
    c = dash.client
    booking, bus = demo_trip(dash)
    page = c.get(f"/booking/{booking}")
    assert page.status_code == 200
    assert "<h2>Biaya dan laba</h2>" in page.text and 'id="catat-biaya"' in page.text
    assert 'id="kalau-batal"' in page.text  # what cancelling now would cost
    saved = c.post(
        f"/booking/{booking}/biaya",
        data={"csrf_token": csrf, "category": "premi_sopir", "amount": "350.000", "bus_id": bus},
        follow_redirects=False,
    )
    assert saved.status_code == 303 and saved.headers["location"].endswith("?ok=biaya")
    shown = c.get(saved.headers["location"]).text
    assert "Biaya perjalanan tercatat." in shown
    assert "Premi sopir" in shown and "Rp350.000" in shown
    assert "mencatat biaya perjalanan premi sopir Rp350.000" in shown  # the history
    for amount, category, words in (
        ("sejuta", "bbm", "Periksa isian: jumlah."),
        ("", "bbm", "Periksa isian: jumlah."),
        ("100000", "bensin", "Periksa isian: jenis biaya."),
    ):
        refused = c.post(
            f"/booking/{booking}/biaya",
            data={"csrf_token": csrf, "category": category, "amount": amount},
        )
        assert refused.status_code == 422, refused.text[:300]
        assert words in refused.text


def test_the_booking_page_shows_a_cancelled_fee_and_the_owner_waives_it(dash: Dash) -> None:
    csrf = cookie_login(dash)
    c = dash.client
    booking = cancelled_with_fee(dash)
    page = c.get(f"/booking/{booking}").text
    assert 'id="biaya-batal"' in page and "Rp2.000.000" in page
    assert "Bebaskan biaya pembatalan" in page
    waived = c.post(f"/booking/{booking}/bebaskan-biaya", data={"csrf_token": csrf})
    assert waived.status_code == 200
    assert "Biaya pembatalan dibebaskan" in waived.text
    assert "membebaskan biaya pembatalan Rp2.000.000" in waived.text
    assert "Bebaskan biaya pembatalan</button>" not in waived.text
    again = c.post(f"/booking/{booking}/bebaskan-biaya", data={"csrf_token": csrf})
    assert again.status_code == 422 and "tidak punya biaya" in again.text


def test_admins_see_the_fee_but_may_not_waive_it(dash: Dash) -> None:
    csrf = cookie_login(dash, dash.people[Role.ADMIN].phone)
    booking = cancelled_with_fee(dash)
    page = dash.client.get(f"/booking/{booking}").text
    assert 'id="biaya-batal"' in page and "Bebaskan biaya pembatalan" not in page
    refused = dash.client.post(f"/booking/{booking}/bebaskan-biaya", data={"csrf_token": csrf})
    assert refused.status_code == 403

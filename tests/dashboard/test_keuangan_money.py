"""The Keuangan page shows money beyond the ledger: profit per trip and per bus (an SVG
chart), bus utilisation, receivables by age (an SVG chart) and the weeks ahead."""

from __future__ import annotations

from datetime import timedelta
from xml.etree import ElementTree

from keloia.domain.model.common import DateRange
from keloia.domain.model.tenants import Role
from keloia.domain.services import bookings, fleet, money, payments

from .conftest import Dash
from .test_pages import cookie_login


def test_the_keuangan_page_shows_profit_utilisation_aging_and_the_season(dash: Dash) -> None:
    cookie_login(dash)
    page = dash.client.get("/keuangan")
    assert page.status_code == 200
    html = page.text
    for heading in ("Laba trip", "Pemakaian bus", "Minggu ke depan"):
        assert f"<h2>{heading}" in html
    charts = [
        chunk.split("</svg>")[0] + "</svg>"
        for chunk in html.split('<svg xmlns="http://www.w3.org/2000/svg"')[1:]
    ]
    labels = [
        ElementTree.fromstring('<svg xmlns="http://www.w3.org/2000/svg"' + c).get("aria-label")
        for c in charts
    ]
    assert "Laba per bus" in labels
    assert any(label and label.startswith("Piutang Rp") for label in labels)
    assert "dari 6 bus sudah terisi" in html  # the demo PO has six buses


def test_the_keuangan_page_spending_is_the_trips_and_the_workshop_as_the_chat_says(
    dash: Dash,
) -> None:
    # "pengeluaran bulan ini brp" by chat sums the same two: the costs of the trips departing
    # this month and the workshop's work done in it (money_answers._period_costs).
    cookie_login(dash)
    deps = dash.keloia.deps
    owner = dash.people[Role.OWNER]
    # The last 30 days: the demo PO's buses had their oil changed in them.
    month = DateRange(start=deps.clock.today() - timedelta(days=30), end=deps.clock.today())
    html = dash.client.get(f"/keuangan?dari={month.start}&sampai={month.end}").text
    trips = money.profit_between(deps, owner, month).costs
    workshop = sum(s.cost for s in fleet.workshop_spending(deps, owner, month))
    assert trips > 0 and workshop > 0, "the demo PO spent on trips and in the workshop"

    def rp(amount: int) -> str:
        return f"Rp{amount:,}".replace(",", ".")

    spent = html.split("<h2>Pengeluaran")[1].split("<h2>")[0]
    assert f'Biaya trip (BBM, tol, uang jalan, ...)</td><td class="num">{rp(trips)}' in spent
    assert f"{rp(workshop)}</td></tr>" in spent
    assert f'Total pengeluaran</th><th class="num">{rp(trips + workshop)}' in spent


def test_a_booking_with_no_price_is_named_apart_never_paid_off(dash: Dash) -> None:
    cookie_login(dash)
    deps = dash.keloia.deps
    owner = dash.people[Role.OWNER]
    day = deps.clock.today() + timedelta(days=12)
    draft = bookings.BookingDraft(client_name="Pak Andi", depart_date=day)
    made = bookings.create_booking(deps, owner, draft)
    payments.record_payment(
        deps, owner, payments.PaymentDraft(booking_id=made.id, type="dp", amount=5_000_000)
    )
    page = dash.client.get(f"/booking/{made.id}").text
    assert "Harga belum dicatat, jadi sisa tagihannya belum bisa dihitung" in page
    assert 'id="sisa">Rp0' not in page
    money_page = dash.client.get("/keuangan").text
    unpriced = money_page.split("Harga belum dicatat")[1].split("<h2>")[0]
    assert "Pak Andi" in unpriced and "Rp5.000.000" in unpriced

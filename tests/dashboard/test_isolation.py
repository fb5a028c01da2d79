"""Tenant isolation by property: random POs with random fleets, teams, bookings and
payments; whatever tenant A's owner reads, no response contains an id of another PO, and
each of their ids asked for directly answers 404, as a missing record would."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from litestar.testing import TestClient

from keloia.apps.http.app import create_app
from keloia.apps.worker.actors import DramatiqQueue
from keloia.domain.model.bookings import BusAssignment
from keloia.domain.model.fleet import DocumentKind
from keloia.domain.model.payments import PaymentType
from keloia.domain.model.tenants import Role
from keloia.domain.services import bookings, fleet, payments, team

from .conftest import Ticking, make_keloia

TENANT = st.fixed_dictionaries(
    {
        "buses": st.integers(min_value=1, max_value=3),
        "trips": st.lists(
            st.tuples(st.integers(0, 20), st.integers(1, 3), st.integers(0, 5)), max_size=4
        ),
        "admins": st.integers(0, 1),
    }
)

READS = [
    "/api/schedule?date={start}&to={end}",
    "/api/assets",
    "/api/documents",
    "/api/financials?from={start}&to={end}",
    "/api/alerts?all=true",
    "/api/settings/team",
    "/api/settings/invites",
    "/api/settings/tenant",
    "/api/availability?date={start}&to={end}",
    "/api/setup",
]
ONE = [
    ("GET", "/api/schedule/{booking}"),
    ("PATCH", "/api/bookings/{booking}"),
    ("GET", "/api/assets/{bus}"),
    ("PATCH", "/api/assets/{bus}"),
    ("PATCH", "/api/documents/{document}"),
    ("PUT", "/api/settings/team/{user}"),
    ("DELETE", "/api/settings/invites/{invite}"),
]


def _make(app: Any, n: int, spec: dict[str, Any], today: date) -> dict[str, list[str]]:
    deps = app.deps
    tenant, owner = team.create_tenant(deps, f"PO {n}", f"+62812555{n:05d}", f"Pemilik {n}")
    ids: dict[str, list[str]] = {
        "tenant": [tenant.id],
        "user": [owner.id],
        "booking": [],
        "bus": [],
        "document": [],
        "invite": [],
        "payment": [],
    }
    for i in range(spec["admins"]):
        invite = team.create_invite(deps, owner, Role.ADMIN)
        user, _ = team.redeem_invite(deps, invite.code, f"+62813555{n:03d}{i:02d}", "Admin")
        ids["user"].append(user.id)
    ids["invite"].append(team.create_invite(deps, owner, Role.DRIVER).code)
    for b in range(spec["buses"]):
        bus = fleet.add_bus(deps, owner, f"Bus {b}", f"AB {n}{b} X", 40)
        ids["bus"].append(bus.id)
        doc = fleet.add_document(
            deps, owner, DocumentKind.KIR, today + timedelta(days=90), bus_id=bus.id
        )
        ids["document"].append(doc.id)
    for k, (offset, length, paid) in enumerate(spec["trips"]):
        depart = today + timedelta(days=offset)
        bus_id = ids["bus"][k % len(ids["bus"])]
        try:
            booking = bookings.create_booking(
                deps,
                owner,
                bookings.BookingDraft(
                    client_name=f"Klien {n}-{k}",
                    depart_date=depart,
                    return_date=depart + timedelta(days=length - 1),
                    price=10_000_000,
                    assignments=[BusAssignment(bus_id=bus_id)],
                ),
            )
        except Exception:
            continue  # a clash the random plan made: refused, as it should be
        ids["booking"].append(booking.id)
        if paid:
            p = payments.record_payment(
                deps,
                owner,
                payments.PaymentDraft(
                    booking_id=booking.id,
                    type=PaymentType.DP,
                    amount=paid * 1_000_000,
                    paid_date=today,
                ),
            )
            ids["payment"].append(p.id)
    return ids


@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
@given(specs=st.lists(TENANT, min_size=2, max_size=3))
def test_no_response_of_one_po_holds_an_id_of_another(specs: list[dict[str, Any]]) -> None:
    app = make_keloia(Ticking())
    today = app.deps.clock.today()
    made = [_make(app, n, spec, today) for n, spec in enumerate(specs)]
    mine, others = made[0], made[1:]
    foreign = {i for o in others for values in o.values() for i in values}
    with app.deps.uow() as uow:
        owner = uow.users.get(mine["tenant"][0], mine["user"][0])
    assert owner is not None
    from keloia.domain.services import login

    login.open_session(app.kv, owner, "token-of-a")
    headers = {"Authorization": "Bearer token-of-a"}
    start, end = today - timedelta(days=5), today + timedelta(days=30)
    with TestClient(create_app(replace(app, queue=DramatiqQueue()))) as client:
        for path in READS:
            response = client.get(path.format(start=start, end=end), headers=headers)
            assert response.status_code == 200, (path, response.text)
            leaked = [i for i in foreign if i in response.text]
            assert not leaked, (path, leaked)
        for other in others:
            for method, template in ONE:
                key = template.split("{")[1].rstrip("}")
                for value in other[key][:2]:
                    url = template.format(**{key: value})
                    body = {"expires_on": "2027-01-01"} if "documents" in url else {}
                    response = client.request(method, url, headers=headers, json=body)
                    assert response.status_code == 404, (url, response.text)
            for value in other["booking"][:1]:
                pay = client.post(
                    "/api/payments",
                    headers=headers,
                    json={"booking_id": value, "type": "dp", "amount": 1000},
                )
                assert pay.status_code == 404

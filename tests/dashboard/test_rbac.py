"""The RBAC matrix at the HTTP edge, every route by every role: what the contract allows
works (never 401/403), the rest is 403, and nobody signed in gets 401. The routes listed
here are checked against the app's own route table, so a new route cannot go unlisted."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from keloia.domain.model.tenants import Role
from keloia.domain.services import alerts, team

from .conftest import Dash
from .test_trip_costs import cancelled_with_fee

O_, A, D = Role.OWNER, Role.ADMIN, Role.DRIVER
MANAGERS = {O_, A}
EVERYONE = {O_, A, D}


@dataclass(frozen=True)
class Ids:
    booking: str
    bus: str
    document: str
    driver: str
    invite: str
    alert: str
    payment: str


Body = Callable[[Ids], dict[str, Any]] | None


def _ids(dash: Dash, cancelled: bool = False) -> Ids:
    owner = dash.people[O_]
    with dash.keloia.deps.uow() as uow:
        booking = next(
            b.id
            for b in uow.bookings.with_balance(dash.tenant_id)
            if b.status.value == "confirmed" and b.involves(dash.people[D].id)
        )
        bus = uow.buses.all(dash.tenant_id)[0].id
        document = uow.documents.all(dash.tenant_id)[0].id
        payment = uow.payments.for_booking(dash.tenant_id, booking)[0].id
    invite = team.create_invite(dash.keloia.deps, owner, Role.DRIVER).code
    found = alerts.my_alerts(dash.keloia.deps, dash.people[A], unread_only=False)
    alert = found[0].id if found else "x"
    if cancelled:
        booking = cancelled_with_fee(dash)
    return Ids(booking, bus, document, dash.people[D].id, invite, alert, payment)


def _unique() -> str:
    return secrets.token_hex(3)


# (method, path, who may, body)
ROUTES: list[tuple[str, str, set[Role], Body]] = [
    ("POST", "/api/auth/logout", EVERYONE, None),
    ("GET", "/api/auth/me", EVERYONE, None),
    ("GET", "/api/schedule", MANAGERS, None),
    ("GET", "/api/schedule/{booking}", EVERYONE, None),
    (
        "POST",
        "/api/bookings",
        MANAGERS,
        lambda i: {"client_name": "Tes RBAC", "depart_date": "2026-12-01", "price": 1000},
    ),
    (
        "POST",
        "/api/bookings/check",
        MANAGERS,
        lambda i: {"client_name": "Tes RBAC", "depart_date": "2026-12-01"},
    ),
    ("PATCH", "/api/bookings/{booking}", MANAGERS, lambda i: {"notes": "dicek " + _unique()}),
    ("POST", "/api/bookings/{booking}/check", MANAGERS, lambda i: {"notes": "cek"}),
    ("GET", "/api/availability", MANAGERS, None),
    ("GET", "/api/assets", MANAGERS, None),
    ("GET", "/api/assets/{bus}", MANAGERS, None),
    ("POST", "/api/assets", {O_}, lambda i: {"name": "Bus " + _unique(), "seats": 40}),
    ("POST", "/api/assets/bulk", {O_}, lambda i: {"text": f"Bus {_unique()}\tAB 1 X\t30"}),
    ("PATCH", "/api/assets/{bus}", {O_}, lambda i: {"plate": "AB 7001 KA"}),
    (
        "POST",
        "/api/assets/{bus}/maintenance",
        {O_},
        lambda i: {"type": "tire", "cost": 100000, "description": "ban"},
    ),
    ("PUT", "/api/assets/{bus}/intervals", {O_}, lambda i: {"type": "tire", "every_days": 60}),
    ("GET", "/api/documents", MANAGERS, None),
    (
        "POST",
        "/api/documents",
        {O_},
        lambda i: {"kind": "stnk", "expires_on": "2027-01-01", "bus_id": i.bus},
    ),
    ("PATCH", "/api/documents/{document}", {O_}, lambda i: {"expires_on": "2027-06-01"}),
    ("GET", "/api/financials", MANAGERS, None),
    (
        "POST",
        "/api/payments",
        {O_},
        lambda i: {"booking_id": i.booking, "type": "other", "amount": 1000},
    ),
    (
        "POST",
        "/api/trip-costs",
        MANAGERS,
        lambda i: {"booking_id": i.booking, "category": "parkir", "amount": 20000},
    ),
    ("GET", "/api/money/trips/{booking}", MANAGERS, None),
    ("POST", "/api/bookings/{booking}/waive-fee", {O_}, None),
    ("GET", "/api/alerts", EVERYONE, None),
    ("POST", "/api/alerts/read", EVERYONE, None),
    ("POST", "/api/alerts/{alert}/read", EVERYONE, None),
    ("GET", "/api/settings/team", {O_}, None),
    ("PUT", "/api/settings/team/{driver}", {O_}, lambda i: {"name": "Joko"}),
    ("GET", "/api/settings/invites", {O_}, None),
    ("POST", "/api/settings/invites", {O_}, lambda i: {"role": "driver"}),
    ("DELETE", "/api/settings/invites/{invite}", {O_}, None),
    ("GET", "/api/settings/tenant", MANAGERS, None),
    ("PUT", "/api/settings/tenant", {O_}, lambda i: {"settlement_days_before_departure": 3}),
    ("GET", "/api/setup", MANAGERS, None),
    ("POST", "/api/pdf/trip/{booking}", MANAGERS, None),
    ("POST", "/api/pdf/receipt/{payment}", MANAGERS, None),
    ("POST", "/api/pdf/trip-sheet/{booking}", EVERYONE, None),
    ("POST", "/api/pdf/bus/{bus}", MANAGERS, None),
]
PUBLIC = {("POST", "/api/auth/otp"), ("POST", "/api/auth/verify")}
# Routes whose {booking} is a cancelled booking with a fee still to waive.
ON_CANCELLED = {"/api/bookings/{booking}/waive-fee"}


def test_every_api_route_is_in_the_table(shared_dash: Dash) -> None:
    app = shared_dash.client.app
    listed = {(m, p) for m, p, _, _ in ROUTES} | PUBLIC
    served = set()
    for route in app.routes:
        if not route.path.startswith("/api/"):
            continue
        for method in getattr(route, "methods", ()):
            if method in ("HEAD", "OPTIONS"):
                continue
            path = route.path
            for name, key in (
                ("booking_id", "booking"),
                ("bus_id", "bus"),
                ("document_id", "document"),
                ("alert_id", "alert"),
                ("member_id", "driver"),
                ("code", "invite"),
                ("payment_id", "payment"),
            ):
                path = path.replace("{" + name + ":str}", "{" + key + "}")
            served.add((method, path))
    assert served == listed


@pytest.mark.parametrize(
    ("method", "path", "allowed", "body"), ROUTES, ids=[f"{m} {p}" for m, p, _, _ in ROUTES]
)
def test_each_role_on_each_route(
    shared_dash: Dash, method: str, path: str, allowed: set[Role], body: Body
) -> None:
    dash = shared_dash
    ids = _ids(dash, cancelled=path in ON_CANCELLED)
    url = path.format(**vars(ids))
    for role in (O_, A, D, None):
        dash.client.cookies.clear()
        headers = dash.session(dash.people[role]) if role else {}
        response = dash.client.request(
            method, url, headers=headers, json=body(ids) if body else None
        )
        where = f"{role} {method} {url}: {response.status_code} {response.text[:200]}"
        assert response.status_code < 500, where
        if role is None:
            assert response.status_code == 401, where
        elif role in allowed:
            assert response.status_code not in (401, 403), where
            assert response.status_code < 300 or (
                path == "/api/alerts/{alert}/read" and response.status_code == 404
            ), where
        else:
            assert response.status_code == 403, where
            assert response.json()["detail"], where


def test_the_matrix_refusal_comes_from_the_domain(shared_dash: Dash) -> None:
    """Admins may not record payments on the dashboard: the same words as on WhatsApp for
    what the matrix refuses, and the narrower contract for the rest."""
    dash = shared_dash
    driver = dash.session(dash.people[D])
    response = dash.client.get("/api/financials", headers=driver)
    assert response.status_code == 403
    assert "uang" in response.json()["detail"]
    admin = dash.session(dash.people[A])
    response = dash.client.post("/api/assets", headers=admin, json={"name": "X"})
    assert response.status_code == 403
    assert "pemilik" in response.json()["detail"]

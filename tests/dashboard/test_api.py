"""The JSON API doing the PO's work: set-up, bookings with conflicts refused (409),
payments moving the balance, receivables with aging, the OpenAPI document, and bad input
answered with a clear 4xx in Indonesian, never a 500."""

from __future__ import annotations

from datetime import timedelta

from keloia.domain.model.tenants import Role

from .conftest import Dash


def test_a_new_po_sets_up_its_fleet_and_books_without_double_booking(dash: Dash) -> None:
    owner = dash.session(dash.other_owner)
    c = dash.client
    steps = c.get("/api/setup", headers=owner).json()
    assert not steps["done"] and steps["steps"][0]["key"] == "buses"
    pasted = "Nama\tPlat\tKursi\nSrikandi\tAB 1234 XY\t45\tSHD\nArjuna, AB 5678 XY, 30 seat\n"
    added = c.post("/api/assets/bulk", headers=owner, json={"text": pasted})
    assert added.status_code == 201, added.text
    buses = {b["name"]: b for b in added.json()}
    assert buses["Srikandi"]["seats"] == 45 and buses["Arjuna"]["plate"] == "AB 5678 XY"
    assert buses["Srikandi"]["bus_class"] == "SHD" and buses["Arjuna"]["bus_class"] == ""
    bus = buses["Srikandi"]["id"]
    today = dash.keloia.deps.clock.today()
    kir = c.post(
        "/api/documents",
        headers=owner,
        json={"kind": "kir", "bus_id": bus, "expires_on": str(today + timedelta(days=10))},
    )
    assert kir.status_code == 201 and kir.json()["expiry"] == "14"
    depart = today + timedelta(days=20)
    booking = {
        "client_name": "Pak Agus",
        "route_from": "Jogja",
        "route_to": "Semarang",
        "depart_date": str(depart),
        "return_date": str(depart + timedelta(days=1)),
        "price": 15_000_000,
        "assignments": [{"bus_id": bus}],
    }
    # The KIR runs out before the trip: a warning to acknowledge first.
    warned = c.post("/api/bookings", headers=owner, json=booking)
    assert warned.status_code == 409 and "KIR" in warned.json()["detail"]
    made = c.post("/api/bookings", headers=owner, json=booking | {"acknowledge_warnings": True})
    assert made.status_code == 201, made.text
    first = made.json()
    assert first["outstanding"] == 15_000_000
    assert first["settlement_due"] == str(depart - timedelta(days=3))
    clash = c.post(
        "/api/bookings",
        headers=owner,
        json=booking | {"client_name": "Bu Wati", "acknowledge_warnings": True},
    )
    assert clash.status_code == 409 and "bentrok" in clash.json()["detail"].lower()
    check = c.post("/api/bookings/check", headers=owner, json=booking | {"client_name": "X"})
    assert check.status_code == 200 and not check.json()["ok"]
    assert [b["name"] for b in check.json()["free_buses"]] == ["Arjuna"]
    # A check that would pass writes nothing either.
    fine = c.post(
        "/api/bookings/check",
        headers=owner,
        json={"client_name": "Dry Run", "depart_date": str(depart), "price": 1},
    )
    assert fine.json()["ok"] is True
    paid = c.post(
        "/api/payments",
        headers=owner,
        json={
            "booking_id": first["id"],
            "type": "dp",
            "amount": 5_000_000,
            "method": "transfer_bca",
        },
    )
    assert paid.status_code == 201, paid.text
    detail = c.get(f"/api/schedule/{first['id']}", headers=owner).json()
    assert detail["booking"]["outstanding"] == 10_000_000 and len(detail["payments"]) == 1
    money = c.get("/api/financials", headers=owner).json()
    assert money["outstanding"] == 10_000_000 and money["aging"]["belum"] == 10_000_000
    # The DP confirmed it (money in makes a charter firm); confirming again is refused.
    assert detail["booking"]["status"] == "confirmed"
    again = c.patch(f"/api/bookings/{first['id']}", headers=owner, json={"status": "confirmed"})
    assert again.status_code == 409
    back = c.patch(f"/api/bookings/{first['id']}", headers=owner, json={"status": "pending"})
    assert back.status_code == 409
    week = c.get(f"/api/schedule?date={depart}&to={depart + timedelta(days=6)}", headers=owner)
    assert [b["client_name"] for b in week.json()] == ["Pak Agus"]  # no "Dry Run"


def test_team_invites_and_settings(dash: Dash) -> None:
    owner = dash.session(dash.people[Role.OWNER])
    c = dash.client
    invite = c.post("/api/settings/invites", headers=owner, json={"role": "driver"}).json()
    assert invite["usable"]
    revoked = c.delete(f"/api/settings/invites/{invite['code']}", headers=owner).json()
    assert not revoked["usable"]
    team = c.get("/api/settings/team", headers=owner).json()
    joko = next(m for m in team if m["name"] == "Joko")
    assert joko["sim_expires_on"]
    removed = c.put(f"/api/settings/team/{joko['id']}", headers=owner, json={"active": False})
    assert removed.status_code == 200 and not removed.json()["active"]
    changed = c.put(
        "/api/settings/tenant",
        headers=owner,
        json={"settlement_days_before_departure": 7, "cancellation_policy": "DP hangus H-7."},
    )
    assert changed.json()["settlement_days_before_departure"] == 7
    # The PO has only one owner: it cannot remove itself.
    me = dash.people[Role.OWNER].id
    refused = c.put(f"/api/settings/team/{me}", headers=owner, json={"role": "admin"})
    assert refused.status_code == 403


def test_alerts_are_read_and_marked(dash: Dash) -> None:
    admin = dash.session(dash.people[Role.ADMIN])
    c = dash.client
    pending = c.get("/api/alerts", headers=admin).json()
    assert pending, "the demo month leaves the admin alerts"
    assert c.post(f"/api/alerts/{pending[0]['id']}/read", headers=admin).json()["changed"] == 1
    assert len(c.get("/api/alerts", headers=admin).json()) == len(pending) - 1
    c.post("/api/alerts/read", headers=admin)
    assert c.get("/api/alerts", headers=admin).json() == []


def test_bad_input_is_a_clear_4xx(dash: Dash) -> None:
    owner = dash.session(dash.people[Role.OWNER])
    c = dash.client
    cases = [
        ("POST", "/api/bookings", {"client_name": "X", "depart_date": "30000-01-01"}),
        (
            "POST",
            "/api/bookings",
            {"client_name": "X", "depart_date": "2026-01-05", "return_date": "2026-01-01"},
        ),
        ("POST", "/api/bookings", {"client_name": "\x00", "depart_date": "2026-01-05"}),
        (
            "POST",
            "/api/bookings",
            {
                "client_name": "X",
                "depart_date": "2026-01-05",
                "assignments": [{"bus_id": "b", "driver_id": "u", "co_driver_id": "u"}],
            },
        ),
        ("POST", "/api/payments", {"booking_id": "nope", "type": "dp", "amount": 1.5}),
        ("POST", "/api/assets/bulk", {"text": "Bus\tAB 1\t900"}),
        ("GET", "/api/schedule?date=2026-01-01&to=2027-01-01", None),
        ("GET", "/api/schedule?date=kemarin", None),
        ("POST", "/api/auth/otp", {"phone": "halo"}),
    ]
    for method, url, body in cases:
        response = c.request(method, url, headers=owner, json=body)
        assert 400 <= response.status_code < 500, (url, body, response.text)
        assert set(response.json()) >= {"status_code", "detail"}
    unparsable = c.post(
        "/api/bookings", headers=owner | {"content-type": "application/json"}, content=b"{not json"
    )
    assert unparsable.status_code == 400


def test_the_openapi_document_lists_every_route_with_examples(dash: Dash) -> None:
    doc = dash.client.get("/schema/openapi.json").json()
    paths = doc["paths"]
    for route in (
        "/api/auth/otp",
        "/api/auth/verify",
        "/api/auth/logout",
        "/api/schedule",
        "/api/schedule/{booking_id}",
        "/api/bookings",
        "/api/bookings/{booking_id}",
        "/api/assets",
        "/api/assets/{bus_id}",
        "/api/assets/{bus_id}/maintenance",
        "/api/financials",
        "/api/payments",
        "/api/alerts",
        "/api/settings/team",
        "/api/settings/team/{member_id}",
        "/api/settings/invites",
    ):
        assert route in paths, route
    text = str(doc["components"]["schemas"]["BookingIn"])
    assert "examples" in text

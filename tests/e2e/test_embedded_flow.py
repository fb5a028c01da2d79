"""The embedded default over real HTTP: a signed webhook in, the worker threads, replies
out through the Cloud API client to a local fake Graph server."""

from __future__ import annotations

import json
from typing import Any

from keloia.adapters.meta import sign
from keloia.domain.model.tenants import Role
from keloia.domain.services import bookings
from keloia.domain.services.bookings import BookingDraft, BusAssignment

from .conftest import Stack
from .fakes import text_of
from .support import APP_SECRET, VERIFY_TOKEN, day_ahead, indo, new_phone, text_body


def buttons_of(send: dict[str, Any]) -> list[dict[str, str]]:
    return [b["reply"] for b in send["interactive"]["action"]["buttons"]]


def test_handshake_echoes_the_challenge_only_for_the_right_token(stack: Stack) -> None:
    ok = stack.client.get(
        stack.url + "/webhook",
        params={"hub.mode": "subscribe", "hub.verify_token": VERIFY_TOKEN, "hub.challenge": "42x"},
    )
    assert (ok.status_code, ok.text) == (200, "42x")
    wrong = stack.client.get(
        stack.url + "/webhook",
        params={"hub.mode": "subscribe", "hub.verify_token": "nope", "hub.challenge": "42x"},
    )
    assert wrong.status_code == 403
    assert "42x" not in wrong.text


def test_unsigned_or_wrongly_signed_posts_are_refused_and_nothing_is_stored(stack: Stack) -> None:
    phone = stack.team.admin.phone
    before = stack.db.inbox_count()
    body = text_body(phone, "Pak Agus booking besok Jogja-Solo bus 01, 5 jt")
    url = stack.url + "/webhook"
    missing = stack.client.post(url, content=body, headers={"content-type": "application/json"})
    wrong_secret = stack.client.post(
        url, content=body, headers={"x-hub-signature-256": sign_with("other-secret", body)}
    )
    other_body = stack.client.post(
        url, content=body, headers={"x-hub-signature-256": sign_with(APP_SECRET, body + b" ")}
    )
    garbage = stack.client.post(url, content=body, headers={"x-hub-signature-256": "sha256=zz"})
    assert missing.status_code == 401
    for refused in (wrong_secret, other_body, garbage):
        assert refused.status_code in (401, 403), refused.text
    assert stack.db.inbox_count() == before
    assert stack.graph.to(phone) == []


def sign_with(secret: str, body: bytes) -> str:
    return str(sign(secret, body))


def test_booking_confirmed_with_ya_is_recorded_logged_and_the_owner_alerted(
    stack: Stack,
) -> None:
    admin = stack.team.member(Role.ADMIN, "Rudi")
    owner = stack.team.owner.phone
    owner_before = len(stack.graph.to(owner))
    day = day_ahead(30)
    stack.say(admin.phone, f"Pak Agus booking {indo(day)} Jogja-Semarang bus 01, 15 jt, DP 5 jt")
    [proposal] = stack.replies(admin.phone, 1)
    assert proposal["type"] == "interactive"
    assert len(buttons_of(proposal)) == 3
    summary = text_of(proposal)
    assert "Agus" in summary and "Semarang" in summary
    assert stack.db.bookings(stack.team.tenant.id, "Pak Agus") == []

    yes = stack.say(admin.phone, "ya")
    stack.settled(yes, admin.phone)
    [row] = stack.db.bookings(stack.team.tenant.id, "Pak Agus")
    assert (str(row.depart_date), row.price, row.paid_total) == (
        day.isoformat(),
        15_000_000,
        5_000_000,
    )
    logged = stack.db.rows(
        "SELECT action, actor_id FROM activity_log WHERE entity_id = :b", b=row.id
    )
    assert ("booking.created", admin.id) in [tuple(r) for r in logged]
    alerts = stack.replies(owner, owner_before + 1)[owner_before:]
    assert any("Agus" in text_of(a) and "Rudi" in text_of(a) for a in alerts)
    done = stack.graph.to(admin.phone)[1:]
    assert done and done[-1]["type"] == "text"


def test_correction_is_proposed_again_and_recorded_with_the_new_date(stack: Stack) -> None:
    admin = stack.team.member(Role.ADMIN, "Wati")
    first, second = day_ahead(10), day_ahead(11)
    stack.say(admin.phone, f"Bu Rina booking {indo(first)} Solo-Malang bus 02, 12 jt, DP 4 jt")
    stack.replies(admin.phone, 1)
    stack.say(admin.phone, f"bukan tgl {first.day}, tgl {second.day}")
    sends = stack.replies(admin.phone, 2)
    assert sends[1]["type"] == "interactive"
    assert str(second.day) in text_of(sends[1])
    yes = stack.say(admin.phone, "ya")
    stack.settled(yes, admin.phone)
    [row] = stack.db.bookings(stack.team.tenant.id, "Bu Rina")
    assert str(row.depart_date) == second.isoformat()


def test_batal_drops_the_proposal_and_nothing_is_recorded(stack: Stack) -> None:
    admin = stack.team.member(Role.ADMIN, "Tono")
    stack.say(admin.phone, f"Pak Harun booking {indo(day_ahead(45))} Jogja-Bali bus 03, 30 jt")
    stack.replies(admin.phone, 1)
    no = stack.say(admin.phone, "batal")
    stack.settled(no, admin.phone)
    last = stack.graph.to(admin.phone)[-1]
    assert last["type"] == "text" and "dibatalkan" in text_of(last).lower()
    assert stack.db.bookings(stack.team.tenant.id, "Pak Harun") == []


def test_tapping_the_confirm_button_records_once(stack: Stack) -> None:
    admin = stack.team.member(Role.ADMIN, "Yuni")
    stack.say(admin.phone, f"Pak Dedi booking {indo(day_ahead(47))} Jogja-Solo bus 01, 8 jt")
    [proposal] = stack.replies(admin.phone, 1)
    confirm = buttons_of(proposal)[0]
    tap = stack.tap(admin.phone, confirm["id"], confirm["title"])
    stack.settled(tap, admin.phone)
    again = stack.tap(admin.phone, confirm["id"], confirm["title"])
    stack.settled(again, admin.phone)
    assert len(stack.db.bookings(stack.team.tenant.id, "Pak Dedi")) == 1
    assert "sudah tercatat" in text_of(stack.graph.to(admin.phone)[-1])


def test_unknown_number_joins_with_an_invite_code(stack: Stack) -> None:
    from keloia.domain.services import team

    phone = new_phone()
    stack.say(phone, "halo")
    [ask] = stack.replies(phone, 1)
    assert "kode undangan" in text_of(ask).lower()
    invite = team.create_invite(stack.app.deps, stack.team.owner, Role.DRIVER)
    stack.say(phone, f"KODE {invite.code}")
    welcome = stack.replies(phone, 2)[1]
    assert "Selamat datang" in text_of(welcome)
    role = stack.db.scalar("SELECT role FROM users WHERE phone = :p", p=phone)
    assert role == "driver"


def test_driver_asking_who_has_not_paid_gets_no_money(stack: Stack) -> None:
    owner = stack.team.owner
    bookings.create_booking(
        stack.app.deps,
        owner,
        BookingDraft(
            client_name="Pak Slamet",
            route_from="Jogja",
            route_to="Solo",
            depart_date=day_ahead(50),
            price=9_750_000,
            assignments=[BusAssignment(bus_id=stack.team.buses["Bus 02"])],
        ),
    )
    driver = stack.team.member(Role.DRIVER, "Bambang")
    asked = stack.say(driver.phone, "siapa yang belum lunas")
    stack.settled(asked, driver.phone)
    [reply] = stack.graph.to(driver.phone)
    said = json.dumps(reply)
    assert reply["type"] == "text"
    assert "Slamet" not in said and "belum lunas:" not in said and "lunas. " not in said
    for money in ("9.750.000", "9,75", "Rp", "jt"):
        assert money not in said, said


def test_a_bus_conflict_is_refused_naming_the_clash_and_the_free_buses(stack: Stack) -> None:
    day = day_ahead(55)
    bookings.create_booking(
        stack.app.deps,
        stack.team.owner,
        BookingDraft(
            client_name="Bu Tini",
            route_from="Jogja",
            route_to="Bandung",
            depart_date=day,
            price=20_000_000,
            assignments=[BusAssignment(bus_id=stack.team.buses["Bus 01"])],
        ),
    )
    admin = stack.team.member(Role.ADMIN, "Eko")
    asked = stack.say(admin.phone, f"Pak Anton booking {indo(day)} Jogja-Solo bus 01, 10 jt")
    stack.settled(asked, admin.phone)
    [reply] = stack.graph.to(admin.phone)
    said = text_of(reply)
    assert reply["type"] == "text", said
    assert "Bus 01" in said and "Tini" in said, said
    assert "Bus 02" in said and "Bus 03" in said, said
    assert stack.db.bookings(stack.team.tenant.id, "Pak Anton") == []

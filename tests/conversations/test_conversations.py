"""The conversation suite: scripts of what owners, admins and drivers of a PO type, played
through the real assistant (tests/conversations/scripts/*.yaml; the format is described in
docs/nlu.md). Each turn checks what the bot answered (and whom else it told); each script
ends with checks on the records."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

from keloia.domain.model.common import DateRange
from keloia.domain.model.messages import OutboundMessage

from .harness import PHONES, Demo, load_conversations

CONVERSATIONS = load_conversations()
# The harness's ids ("c0000024"): a reply holding one shows a person an internal id.
INTERNAL_ID = re.compile(r"\bc\d{7}\b")
COUNTED = {
    "new_bookings": "bookings",
    "new_payments": "payments",
    "new_maintenance": "maintenance",
    "new_documents": "documents",
    "new_readings": "readings",
    "new_buses": "buses",
    "new_costs": "trip_costs",
}


def _phone(who: str) -> str:
    return PHONES.get(who, who)


def _text(messages: list[OutboundMessage]) -> str:
    parts = []
    for m in messages:
        parts.append(m.body)
        parts.extend(b.title for b in m.buttons)
        parts.extend(f"{r.title} {r.description}" for r in m.rows)
    return "\n".join(parts).lower()


def _check_text(where: str, said: str, turn: dict[str, Any]) -> None:
    for want in turn.get("expect", []):
        assert want.lower() in said, f"{where}: expected {want!r} in reply:\n{said}"
    for bad in turn.get("not", []):
        assert bad.lower() not in said, f"{where}: did not expect {bad!r} in reply:\n{said}"
    options = turn.get("any", [])
    if options:
        assert any(o.lower() in said for o in options), f"{where}: none of {options} in:\n{said}"


def _tap(demo: Demo, phone: str, which: str) -> str:
    ids = demo.last_buttons.get(phone, [])
    if which.isdigit():
        return ids[int(which)]
    prefix = which + ":"
    matching = [i for i in ids if i.startswith(prefix)]
    assert matching, f"no {which!r} button was offered (buttons: {ids})"
    return matching[0]


def _booking(demo: Demo, client: str, depart: str | None = None) -> Any:
    """The client's booking departing that day, or the one made last."""
    key = client.lower()
    found = [b for b in demo.state.bookings.values() if key in b.client_name.lower()]
    if depart is not None:
        found = [b for b in found if b.depart_date.isoformat() == str(depart)]
    assert found, f"no booking for {client!r}"
    return max(found, key=lambda b: b.created_at)


def _names(demo: Demo) -> dict[str, str]:
    names = {b.id: b.name for b in demo.state.buses.values()}
    names.update({u.id: u.name for u in demo.state.users.values()})
    return names


def _check_booking(demo: Demo, spec: dict[str, Any]) -> None:
    b = _booking(demo, spec["client"], spec.get("depart"))
    names = _names(demo)
    checks: dict[str, Any] = {
        "price": b.price,
        "status": b.status.value,
        "bus_count": b.bus_count,
        "buses": sorted(names[a.bus_id] for a in b.assignments),
        "drivers": sorted(names[a.driver_id] for a in b.assignments if a.driver_id),
        "kernet": sorted(names[a.co_driver_id] for a in b.assignments if a.co_driver_id),
        # Each bus's own crew: {"Bus 01": {"driver": "Joko", "kernet": "Slamet"}, ...}.
        "crew": {
            names[a.bus_id]: {
                role: names[person]
                for role, person in (("driver", a.driver_id), ("kernet", a.co_driver_id))
                if person
            }
            for a in b.assignments
        },
        "depart": b.depart_date.isoformat(),
        "return": b.return_date.isoformat(),
        "pickup_time": b.pickup_time.strftime("%H:%M") if b.pickup_time else None,
        "paid": b.paid_total,
        "refunded": b.refunded_total,
        "cancellation_fee": b.cancellation_fee,
        "passengers": b.passengers,
        "client_phone": b.client_phone,
        "route": " – ".join(p for p in (b.route_from, b.route_to) if p),
        "client_name": b.client_name,
    }
    for key, want in spec.items():
        if key == "client":
            continue
        if key in ("pickup_place", "notes"):
            got = getattr(b, key)
            assert want.lower() in got.lower(), f"{key} {got!r}"
            continue
        if key in ("buses", "drivers", "kernet"):
            want = sorted(want)
        assert checks[key] == want, f"booking {spec['client']}: {key} is {checks[key]!r}"


def _check_after(demo: Demo, before: dict[str, int], after: dict[str, Any]) -> None:
    for key, attr in COUNTED.items():
        if key in after:
            records = getattr(demo.state, attr, None)
            assert records is not None, f"the storage keeps no {attr}"
            grown = len(records) - before[attr]
            assert grown == after[key], f"{key}: {grown}, expected {after[key]}"
    for spec in after.get("bookings", []):
        _check_booking(demo, spec)
    if "booking" in after:
        _check_booking(demo, after["booking"])
    if "payment" in after:
        spec = after["payment"]
        new = [p for k, p in demo.state.payments.items() if k not in before["payment_ids"]]
        assert new, "no payment was recorded"
        # The last one recorded (the clock stands still within a conversation).
        p = max(enumerate(new), key=lambda ip: (ip[1].created_at, ip[0]))[1]
        booking = demo.state.bookings[p.booking_id]
        if "client" in spec:
            assert spec["client"].lower() in booking.client_name.lower(), booking.client_name
        if "depart" in spec:
            assert booking.depart_date.isoformat() == spec["depart"]
        for key in ("amount", "method"):
            if key in spec:
                assert getattr(p, key) == spec[key], f"payment {key}: {getattr(p, key)!r}"
        if "type" in spec:
            assert p.type.value == spec["type"], p.type
        if "paid_date" in spec:
            assert p.paid_date.isoformat() == spec["paid_date"], p.paid_date
    if "readings_of" in after:
        # The odometer readings of a bus made in the conversation, in km.
        spec = after["readings_of"]
        [bus] = [b for b in demo.state.buses.values() if b.name == spec["bus"]]
        kms = [
            r.km
            for k, r in demo.state.readings.items()
            if r.bus_id == bus.id and k not in before["reading_ids"]
        ]
        assert sorted(kms) == sorted(spec["km"]), f"readings of {spec['bus']}: {kms}"
    if "interval" in after:
        # A bus's service interval of one kind: every so many km and days (None: not set).
        spec = after["interval"]
        [bus] = [b for b in demo.state.buses.values() if b.name == spec["bus"]]
        [interval] = [
            i
            for i in demo.state.intervals.values()
            if i.bus_id == bus.id and i.type.value == spec["type"]
        ]
        for key in ("every_km", "every_days"):
            if key in spec:
                got = getattr(interval, key)
                assert got == spec[key], f"interval {key}: {got!r}"
    if "cost" in after:
        # The newest trip cost: on whose trip (and bus), what and how much.
        spec = after["cost"]
        cost = max(demo.state.trip_costs.values(), key=lambda c: (c.created_at, c.id))
        booking = demo.state.bookings[cost.booking_id]
        got = {
            "client": booking.client_name,
            "amount": cost.amount,
            "category": cost.category.value,
            "bus": _names(demo).get(cost.bus_id or "", None),
        }
        for key, want in spec.items():
            if key == "client":
                assert want.lower() in booking.client_name.lower(), booking.client_name
            else:
                assert got[key] == want, f"cost {key}: {got[key]!r}"
    if "bus" in after:
        spec = after["bus"]
        [bus] = [b for b in demo.state.buses.values() if b.name == spec["name"]]
        for key, want in spec.items():
            if key != "name":
                got = getattr(bus, key)
                got = got.value if hasattr(got, "value") else got
                if key == "status" and bus.in_workshop(DateRange.single(demo.clock.today())):
                    got = "maintenance"  # a workshop stay that covers today, as a person sees it
                assert got == want, f"bus {spec['name']} {key}: {got!r}"
    for spec in [after["document"]] if "document" in after else after.get("documents", []):
        # A paper recorded anew or renewed: one of that kind now expires on that day.
        wanted = date.fromisoformat(str(spec["expires"]))
        kinds = [d for d in demo.state.documents.values() if d.kind.value == spec["kind"]]
        assert any(d.expires_on == wanted for d in kinds), [d.expires_on for d in kinds]
    if "maintenance" in after:
        spec = after["maintenance"]
        new = [m for k, m in demo.state.maintenance.items() if k not in before["maintenance_ids"]]
        assert new, "no maintenance was recorded"
        m = new[-1]
        for key, want in spec.items():
            got = getattr(m, key)
            got = got.value if hasattr(got, "value") else got
            got = got.isoformat() if isinstance(got, date) else got
            assert got == want, f"maintenance {key}: {got!r}"
    for kind, want in after.get("alerts", {}).items():
        # The alerts of a kind still standing (on everyone's Peringatan), e.g. trip_declined.
        standing = sum(1 for a in demo.state.alerts.values() if a.kind.value == kind)
        assert standing == want, f"alerts {kind}: {standing}, expected {want}"
    for who, waiting in after.get("pending", {}).items():
        phone = _phone(who)
        [user] = [u for u in demo.state.users.values() if u.phone == phone]
        conversation = demo.state.conversations.get((user.tenant_id, user.id))
        has = conversation is not None and conversation.pending is not None
        assert has == waiting, f"{who} has {'a' if has else 'no'} pending action"


def _counts(demo: Demo) -> dict[str, Any]:
    found: dict[str, Any] = {
        attr: len(getattr(demo.state, attr, {}) or {}) for attr in COUNTED.values()
    }
    found["payment_ids"] = set(demo.state.payments)
    found["document_ids"] = set(demo.state.documents)
    found["maintenance_ids"] = set(demo.state.maintenance)
    found["reading_ids"] = set(demo.state.readings)
    return found


def play(convo: dict[str, Any]) -> None:
    demo = Demo.start()
    for joining in convo.get("joins", []):
        # A teammate beyond the demo's: {phone, name, role}, joined by an invite code.
        demo.join(joining["phone"], joining["name"], joining["role"])
    before = _counts(demo)
    for n, turn in enumerate(convo["turns"], 1):
        who = turn.get("as", "admin")
        phone = _phone(who)
        if "minutes" in turn:
            from datetime import timedelta

            demo.clock.at += timedelta(minutes=turn["minutes"])
        if "tap" in turn:
            # "from": a button offered to someone else, tapped by this person (a forged id).
            offered = _phone(turn.get("from", who))
            sent = demo.send(phone, reply_id=_tap(demo, offered, str(turn["tap"])), title="tap")
        else:
            sent = demo.send(phone, turn["say"])
        mine = [m for m in sent if m.to == phone]
        where = f"{convo['id']} turn {n} ({who}: {turn.get('say', turn.get('tap'))!r})"
        assert mine or turn.get("silent"), f"{where}: no reply at all"
        said = _text(mine)
        _check_text(where, said, turn)
        for m in sent:  # nobody is ever shown a record's internal id
            assert not INTERNAL_ID.search(_text([m])), f"{where}: an id shown to {m.to}"
        if turn.get("buttons") is True:
            assert any(m.buttons for m in mine), f"{where}: no confirmation buttons:\n{said}"
        if turn.get("buttons") is False:
            assert not any(m.buttons for m in mine), f"{where}: unexpected buttons:\n{said}"
        for other, wants in turn.get("notify", {}).items():
            theirs = _text([m for m in sent if m.to == _phone(other)])
            assert theirs, f"{where}: {other} was told nothing"
            # A list is what must appear; a mapping checks like a turn (expect/any/not).
            checks = wants if isinstance(wants, dict) else {"expect": wants}
            _check_text(f"{where} to {other}", theirs, checks)
        for other in turn.get("quiet", []):
            theirs = [m for m in sent if m.to == _phone(other)]
            assert not theirs, f"{where}: {other} was told {_text(theirs)}"
        # Conversation.clone (a dump and a validation, not a deep copy) is exact for every
        # state a real conversation passes through.
        for conversation in demo.state.conversations.values():
            assert conversation.clone() == conversation, f"{where}: the clone differs"
    _check_after(demo, before, convo.get("after", {}))


def _case(convo: dict[str, Any]) -> Any:
    # A script for behaviour not built yet says so; strict, so it is unmarked once it passes.
    marks = [pytest.mark.xfail(strict=True, reason=convo["xfail"])] if "xfail" in convo else []
    return pytest.param(convo, marks=marks, id=convo["id"])


@pytest.mark.parametrize("convo", [_case(c) for c in CONVERSATIONS])
def test_conversation(convo: dict[str, Any]) -> None:
    play(convo)

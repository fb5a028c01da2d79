"""Aktivitas: the PO's paper trail for the owner and admins, newest first by local day,
with who did what, the old and new value, the channel and a link to the booking or bus;
drivers and strangers kept out, another PO's entries never shown, a bad date answered."""

from __future__ import annotations

import html
import re
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from keloia.apps.dashboard.pages import activity
from keloia.apps.dashboard.pages.activity import BAD_DATE
from keloia.domain.model.action_words import ACTIONS
from keloia.domain.model.activity import ActivityEntry
from keloia.domain.model.bookings import BookingStatus
from keloia.domain.model.payments import PaymentType
from keloia.domain.model.tenants import Role
from keloia.domain.model.text import day_label, days_label
from keloia.domain.model.undo import RecordKind, corrected_action, voided_action
from keloia.domain.services import bookings, corrections, fleet, money, payments
from keloia.domain.services.bookings import BookingChanges

from .conftest import Dash

ZONE = ZoneInfo("Asia/Jakarta")
SRC = Path(__file__).parents[2] / "src" / "keloia"


def text_of(page: str) -> str:
    """The page's main part as words, one block a line."""
    main = page[page.index("<main>") :]
    main = re.sub(r"<(div|li|h2|p|q)\b[^>]*>", "\n", main)
    words = html.unescape(re.sub(r"<[^>]+>", "", main))
    return "\n".join(line.strip() for line in words.splitlines() if line.strip())


def booking_of(dash: Dash) -> str:
    with dash.keloia.deps.uow() as uow:
        return next(
            b.id
            for b in uow.bookings.with_balance(dash.tenant_id)
            if b.status is BookingStatus.CONFIRMED
        )


def add(dash: Dash, day: date, action: str, entity: str, entity_id: str, **kw: object) -> None:
    """An entry written straight into the trail at noon of a local day."""
    at = datetime.combine(day, time(12, 5), ZONE)
    values: dict[str, object] = {"actor_id": dash.people[Role.ADMIN].id, "snapshot": {}} | kw
    entry = ActivityEntry(
        id=dash.keloia.deps.ids.new_id(),
        tenant_id=dash.tenant_id,
        action=action,
        entity=entity,
        entity_id=entity_id,
        at=at,
        **values,  # type: ignore[arg-type]
    )
    with dash.keloia.deps.uow() as uow:
        uow.activity.add(entry)
        uow.commit()


@pytest.mark.parametrize("role", [Role.OWNER, Role.ADMIN])
def test_the_owner_and_admins_see_who_did_what_today(dash: Dash, role: Role) -> None:
    deps, admin = dash.keloia.deps, dash.people[Role.ADMIN]
    trip = booking_of(dash)
    with deps.uow() as uow:
        found = uow.bookings.get(dash.tenant_id, trip)
    assert found is not None
    draft = payments.PaymentDraft(
        booking_id=trip, type=PaymentType.DP, amount=1_000_000, method="transfer_bca"
    )
    paid = payments.record_payment(deps, admin, draft)
    corrections.void_payment(deps, admin, paid.id)
    later = found.depart_date + timedelta(days=30)
    moved = BookingChanges(depart_date=later, return_date=later)
    bookings.change_booking(deps, admin, trip, moved, acknowledge_warnings=True)

    response = dash.client.get("/aktivitas", headers=dash.session(dash.people[role]))
    assert response.status_code == 200
    assert "<title>Aktivitas · Keloia</title>" in response.text
    assert 'href="/aktivitas" class="on"' in response.text  # in the menu, marked
    words = text_of(response.text)
    assert "Hari ini" in words and "Jam dalam WIB." in words
    today = deps.clock.today()
    was = day_label(found.depart_date, today)
    changed = f"Sari mengubah booking\ntanggal berangkat: {was} → {day_label(later, today)}"
    voided = "Sari menghapus pembayaran yang salah catat: DP Rp1.000.000 (transfer BCA)"
    recorded = "Sari mencatat pembayaran: DP Rp1.000.000 (transfer BCA)"
    # Newest first: the change, the void, then the payment it took back.
    assert words.index(changed) < words.index(voided) < words.index(recorded)
    assert f'href="/booking/{trip}">Booking {found.client_name}' in response.text
    assert re.search(r'class="at">\d\d\.\d\d<', response.text)
    assert "booking.updated" not in words and "payment.voided" not in words
    # The demo PO was set up today (its past trips are dated on their days).
    assert "Pak Budi mendaftarkan PO di Keloia" in words
    assert "Pak Budi membuat kode undangan untuk admin" in words
    assert "Sari bergabung ke tim sebagai admin" in words


def test_a_method_reads_as_the_chat_says_it(dash: Dash) -> None:
    # "transfer Mandiri" in the chat's proposal, on Aktivitas and on the booking page alike
    # (Aktivitas said "transfer MANDIRI", the booking page "transfer mandiri").
    deps, admin = dash.keloia.deps, dash.people[Role.ADMIN]
    trip = booking_of(dash)
    draft = payments.PaymentDraft(
        booking_id=trip, type=PaymentType.DP, amount=1_000_000, method="transfer_mandiri"
    )
    payments.record_payment(deps, admin, draft)
    owner = dash.session(dash.people[Role.OWNER])
    trail = text_of(dash.client.get("/aktivitas", headers=owner).text)
    assert "Sari mencatat pembayaran: DP Rp1.000.000 (transfer Mandiri)" in trail
    page = text_of(dash.client.get(f"/booking/{trip}", headers=owner).text)
    assert "transfer Mandiri" in page
    assert "MANDIRI" not in trail + page and "transfer mandiri" not in trail + page


def test_a_workshop_stay_booked_ahead_says_its_days(dash: Dash) -> None:
    # "bus 04 mlebu bengkel sesuk tgl 7 smp 8": the bus runs until then; the line said
    # "mengubah status bus: siap jalan", as if nothing had been planned.
    deps, owner_user = dash.keloia.deps, dash.people[Role.OWNER]
    today = deps.clock.today()
    with deps.uow() as uow:
        bus = next(b for b in uow.buses.all(dash.tenant_id) if b.status.value == "available")
    start, until = today + timedelta(days=3), today + timedelta(days=4)
    fleet.plan_workshop(deps, owner_user, bus.id, start, until, note="ganti kampas rem")
    trail = text_of(dash.client.get("/aktivitas", headers=dash.session(owner_user)).text)
    line = next(t for t in trail.splitlines() if "mengubah status bus" in t)
    assert f"bengkel dijadwalkan {days_label(start, until, today)}" in line
    assert "siap jalan" not in line


@pytest.mark.parametrize(
    "agreed",
    [{"agreed_fee": 0}, {"agreed_fee": 1_000}, {"forfeit": True}, {}],
    ids=["waived", "reduced", "dp-forfeited", "policy"],
)
def test_a_cancellation_says_its_fee_as_the_chat_did(dash: Dash, agreed: dict[str, Any]) -> None:
    # A fee waived or agreed below the policy's left no line at all: the page now says
    # what the proposal said before the "ya" (CancellationQuote.sentence).
    deps, admin = dash.keloia.deps, dash.people[Role.ADMIN]
    trip = booking_of(dash)
    agreed_fee = agreed.get("agreed_fee")
    quote = money.cancellation_quote(
        deps, admin, trip, agreed_fee, forfeit=bool(agreed.get("forfeit"))
    )
    bookings.set_status(deps, admin, trip, BookingStatus.CANCELLED, **agreed)
    owner = dash.session(dash.people[Role.OWNER])
    words = text_of(dash.client.get("/aktivitas", headers=owner).text)
    assert f"Sari membatalkan booking: {quote.sentence()}" in words
    if agreed_fee == 0:
        assert "Biaya pembatalan dibebaskan (menurut kebijakan" in quote.sentence()


def test_an_old_cancellation_entry_keeps_its_fee_line(dash: Dash) -> None:
    # Entries written before the quote kept what it keeps now still say their fee.
    trip = booking_of(dash)
    old = {"cancellation": {"fee": 2_000_000}, "status": "cancelled"}
    add(dash, dash.keloia.deps.clock.today(), "booking.cancelled", "booking", trip, snapshot=old)
    owner = dash.session(dash.people[Role.OWNER])
    words = text_of(dash.client.get("/aktivitas", headers=owner).text)
    assert "Sari membatalkan booking: biaya pembatalan Rp2.000.000" in words


def test_days_old_values_channel_system_and_older_pages(dash: Dash) -> None:
    today = dash.keloia.deps.clock.today()
    yesterday, before = today - timedelta(days=1), today - timedelta(days=3)
    far = today - timedelta(days=500)  # older than the demo's history
    trip = booking_of(dash)
    with dash.keloia.deps.uow() as uow:
        bus = uow.buses.all(dash.tenant_id)[0]
    old = {"id": "p1", "booking_id": trip, "type": "dp", "amount": 1_000_000}
    add(
        dash,
        yesterday,
        "payment.corrected",
        "payment",
        "p2",
        snapshot={"before": old, "after": old | {"id": "p2", "amount": 1_500_000}},
        source_message_id="wamid.koreksi",
        source_text="koreksi dp bu dewi 1,5jt",
    )
    add(dash, before, "bus.odometer", "bus", bus.id, actor_id=None,
        snapshot={"odometer_km": 120_500, "previous_km": 119_000})  # fmt: skip
    add(dash, before, "something.new", "booking", "gone", snapshot={"client_name": "Bu Lama"})
    add(dash, far, "booking.created", "booking", "gone-too", snapshot={"client_name": "Pak Dulu"})
    owner = dash.session(dash.people[Role.OWNER])

    # The first page holds the newest whole days; the demo's history goes back further.
    first = dash.client.get("/aktivitas", headers=owner)
    # The demo's records were entered the evening before: its first day is yesterday's.
    assert "Kemarin" in text_of(first.text) and ">Lebih lama<" in first.text

    response = dash.client.get(f"/aktivitas?sampai={yesterday.isoformat()}", headers=owner)
    assert response.status_code == 200
    words = text_of(response.text)
    assert "Kemarin" in words and day_label(before, today) in words
    assert "Hari ini" not in words and 'href="/aktivitas">kembali ke hari ini' in response.text
    assert "Sari mengoreksi pembayaran: DP Rp1.000.000\njumlah: Rp1.000.000 → Rp1.500.000" in words
    assert "lewat WhatsApp" in words and "koreksi dp bu dewi 1,5jt" in words
    assert f'href="/booking/{trip}"' in response.text
    # An automatic entry is the system's; the bus page exists, so it is linked.
    assert "Sistem mencatat km odometer: 119.000 km → 120.500 km" in words
    assert f'href="/armada/{bus.id}">{bus.name}<' in response.text
    # An action without words yet is still said plainly; a booking no longer there is
    # named, never linked.
    assert "Sari mengubah data" in words and "Booking Bu Lama" in words
    assert 'href="/booking/gone"' not in response.text
    # Older than a page looks back: each link goes straight to the next day with entries
    # (over the demo's history, last year's season included), down to the oldest.
    page, days = response.text, []
    while found := re.search(r'href="/aktivitas\?sampai=([\d-]+)">Lebih lama<', page):
        days.append(found.group(1))
        assert len(days) < 30 and days == sorted(days, reverse=True)
        page = dash.client.get(f"/aktivitas?sampai={found.group(1)}", headers=owner).text
    assert days[-1] == far.isoformat()
    assert "Sari membuat booking" in text_of(page) and "Lebih lama" not in page


def test_a_page_holds_whole_days(dash: Dash, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(activity, "LIMIT", 3)
    today = dash.keloia.deps.clock.today()
    yesterday, before = today - timedelta(days=1), today - timedelta(days=3)
    for day in (yesterday, yesterday, before, before):
        add(dash, day, "booking.created", "booking", "x", snapshot={"client_name": "Bu Tes"})
    owner = dash.session(dash.people[Role.OWNER])
    response = dash.client.get(f"/aktivitas?sampai={yesterday}", headers=owner)
    words = text_of(response.text)
    # Three newest would cut the older day in two: it waits whole for the older page.
    assert words.count("Sari membuat booking") == 2 and day_label(before, today) not in words
    assert f'href="/aktivitas?sampai={before}">Lebih lama<' in response.text
    older = dash.client.get(f"/aktivitas?sampai={before}", headers=owner)
    assert text_of(older.text).count("Sari membuat booking") == 2


@pytest.mark.parametrize("raw", ["kemarin", "2026-13-45", "1900-01-01", "2026-1-5%27"])
def test_a_bad_date_is_a_message_never_a_500(dash: Dash, raw: str) -> None:
    response = dash.client.get(
        f"/aktivitas?sampai={raw}", headers=dash.session(dash.people[Role.OWNER])
    )
    assert response.status_code == 400
    assert html.escape(BAD_DATE) in response.text or BAD_DATE in html.unescape(response.text)
    assert 'href="/aktivitas">Lihat aktivitas terbaru' in response.text


def test_a_date_ahead_shows_up_to_today(dash: Dash) -> None:
    ahead = dash.keloia.deps.clock.today() + timedelta(days=10)
    response = dash.client.get(
        f"/aktivitas?sampai={ahead}", headers=dash.session(dash.people[Role.OWNER])
    )
    # Up to today: the demo's newest day, yesterday evening's entries, heads the page.
    assert response.status_code == 200 and "Kemarin" in text_of(response.text)


def test_drivers_and_strangers_are_kept_out(dash: Dash) -> None:
    driver = dash.client.get("/aktivitas", headers=dash.session(dash.people[Role.DRIVER]))
    assert driver.status_code == 403
    assert "Pak Budi" not in driver.text and "Lebih lama" not in driver.text
    dash.client.cookies.clear()
    stranger = dash.client.get("/aktivitas", follow_redirects=False)
    assert stranger.status_code == 303
    assert stranger.headers["location"].startswith("/masuk?next=/aktivitas")


def test_another_po_sees_only_its_own(dash: Dash) -> None:
    response = dash.client.get("/aktivitas", headers=dash.session(dash.other_owner))
    assert response.status_code == 200
    words = text_of(response.text)
    assert "Bu Lain mendaftarkan PO di Keloia" in words
    assert "Pak Budi" not in words and "Sari" not in words
    assert "/booking/" not in response.text and "/armada/" not in response.text


def test_every_action_the_trail_writes_has_words() -> None:
    """Read from the code: each action literal of the events and the undo rules, each
    booking status, each record that can be voided or corrected."""
    pattern = re.compile(r'"((?:[a-z_]+)\.(?:[a-z_]+))"')
    written = set()
    for path in ("domain/model/events.py", "domain/model/undo.py"):
        written |= set(pattern.findall((SRC / path).read_text()))
    written |= {f"booking.{s.value}" for s in BookingStatus}
    written |= {f(k) for k in RecordKind for f in (voided_action, corrected_action)}
    assert written and written <= ACTIONS.keys(), sorted(written - ACTIONS.keys())


@pytest.mark.parametrize("snapshot", [{}, {"before": "?", "after": 3, "changed": 1, "kind": []}])
def test_an_entry_of_any_shape_is_said_without_a_failure(snapshot: dict[str, object]) -> None:
    """Older or odd snapshots: the action's words stay, what cannot be read is left out."""
    known = activity.Known(people={}, buses={}, bookings={}, today=date(2026, 12, 1))
    for action in [*ACTIONS, "what.ever"]:
        entry = ActivityEntry(
            id="e",
            tenant_id="t",
            actor_id="gone",
            action=action,
            entity=action.split(".")[0],
            entity_id="x",
            snapshot=snapshot,
            at=datetime(2026, 12, 1, 2, 14, tzinfo=ZONE),
        )
        said = activity.line(known, entry, ZONE)
        assert said.what == ACTIONS.get(action, "mengubah data")
        assert said.at == "02.14" and said.who == "Mantan anggota" and said.href == ""


def test_a_message_already_quoted_is_not_quoted_twice() -> None:
    """A day off (or a report) says its message in the line; the message it came from is
    the same words and is not shown again under it. A change made by chat still shows it."""
    known = activity.Known(people={}, buses={}, bookings={}, today=date(2026, 12, 1))
    said = "pak sy tgl 5 izin ga bisa narik,  ada acara keluarga"

    def entry(action: str, snapshot: dict[str, object]) -> ActivityEntry:
        return ActivityEntry(
            id="e",
            tenant_id="t",
            actor_id="gone",
            action=action,
            entity="user",
            entity_id="x",
            snapshot=snapshot,
            at=datetime(2026, 12, 1, 2, 14, tzinfo=ZONE),
            source_message_id="wamid.1",
            source_text=said,
        )

    day_off = activity.line(
        known, entry("user.day_off", {"day": "2026-12-05", "reason": said}), ZONE
    )
    assert "acara keluarga" in day_off.detail and day_off.said == ""
    other = activity.line(known, entry("user.day_off", {"day": "2026-12-05", "reason": ""}), ZONE)
    assert other.said == said

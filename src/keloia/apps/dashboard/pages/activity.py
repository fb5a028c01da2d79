"""Aktivitas: what happened in the PO and who did it, newest first, grouped by local day,
from the paper trail (every change leaves an entry: domain/model/events.py `trail`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from litestar import Controller, get
from litestar.di import NamedDependency
from litestar.params import FromQuery
from litestar.response import Template
from pydantic import ValidationError

from keloia.apps.dashboard.pages.common import FIELD_NAMES, Visit, short_date
from keloia.apps.dashboard.security import READ_ACTIVITY
from keloia.domain.model.action_words import ACTIONS, CONFIRMED_BY_MONEY, OTHER_ACTION
from keloia.domain.model.activity import (
    ON_BOOKING,
    ON_BUS,
    ActivityEntry,
    ActivityQuery,
    booking_ids,
    bus_ids,
)
from keloia.domain.model.bookings import Booking, BookingStatus
from keloia.domain.model.common import labels
from keloia.domain.model.fleet import Bus, BusStatus, DocumentKind, MaintenanceType
from keloia.domain.model.money import CancellationQuote, CostCategory
from keloia.domain.model.papers import PaperKind
from keloia.domain.model.payments import PAYMENT_LABELS, format_rupiah, method_label
from keloia.domain.model.tenants import ROLE_LABELS, User
from keloia.domain.model.text import day_label, days_label, format_km, short_range
from keloia.domain.services.deps import Deps
from keloia.domain.services.validation import FIELD_LABELS

SYSTEM = "Sistem"  # an entry of no one: a scheduled job
FORMER = "Mantan anggota"  # someone no longer in the team's list
LIMIT = 100  # entries on one page, of whole days
DAY_CAP = 1000  # entries of one day busier than a page
LOOKBACK = timedelta(days=92)  # how far back one page looks for them
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
BAD_DATE = "Tanggal pada alamat halaman tidak dikenali (contoh yang benar: 2026-11-30)."
ZONE_NAMES = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Jayapura": "WIT",
}

# Fields an old → new line never shows: bookkeeping, not what people changed.
UNSHOWN = frozenset(
    {
        "id",
        "tenant_id",
        "created_at",
        "created_by",
        "recorded_by",
        "reverses",
        "reading_id",
        "previous_km",
        "paid_total",
        "refunded_total",
        "bus_before",
        "file_key",
        "received_at",
    }
)
WORDS = (
    FIELD_LABELS
    | FIELD_NAMES
    | {
        "assignments": "bus dan kru",
        "status": "status",
        "type": "jenis",
        "note": "keterangan",
        "booking_id": "booking",
        "bus_id": "bus",
        "trip_date": "tanggal trip",
        "performed_date": "tanggal",
        "next_due_date": "servis berikutnya",
        "kind": "jenis",
        "expires_on": "berlaku sampai",
        "user_id": "pemegang",
        "overpayment": "lebih bayar",
        "bus_class": "kelas",
        "workshop_from": "masuk bengkel",
        "workshop_until": "keluar bengkel",
        "cancellation_fee": "biaya pembatalan",
        "role": "peran",
        "active": "aktif",
    }
)
MONEY = frozenset({"price", "amount", "cost", "cancellation_fee", "waived_fee"})
DAYS = frozenset(
    {
        "depart_date",
        "return_date",
        "settlement_due_date",
        "paid_date",
        "trip_date",
        "performed_date",
        "next_due_date",
        "expires_on",
        "workshop_from",
        "workshop_until",
    }
)


@dataclass(frozen=True)
class Known:
    """What an entry's words need: the PO's people, buses and the bookings named."""

    people: dict[str, User]
    buses: dict[str, Bus]
    bookings: dict[str, Booking]
    today: date


# A detail that goes on the action's sentence ("membuat kode undangan untuk sopir"); any
# other follows a colon ("mencatat pembayaran: DP Rp1.000.000").
GOES_ON = ("untuk ", "ke ", "sebagai ")


@dataclass
class Line:
    """One entry as the page shows it."""

    at: str  # "09.14", local
    who: str
    what: str  # "mencatat pembayaran"
    detail: str = ""  # ": DP Rp1.000.000", " untuk sopir"
    changes: list[str] = field(default_factory=list)  # "harga Rp9.000.000 → Rp9.500.000"
    href: str = ""
    subject: str = ""  # what the link (or the plain text) names: "Booking Bu Dewi, 12 Des"
    by_whatsapp: bool = False
    said: str = ""  # the WhatsApp message it came from


@dataclass
class Day:
    label: str  # "Hari ini", "Kemarin", "Senin, 30 Nov"
    lines: list[Line]


# --- words -----------------------------------------------------------------------------


def _text(value: object, limit: int = 120) -> str:
    said = " ".join(str(value).split())
    return said if len(said) <= limit else said[: limit - 1] + "…"


def _crew(known: Known, assignments: Iterable[Any]) -> str:
    """ "Bus 01 (Joko, Dimas), Bus 03": a booking's buses with their crew."""
    parts = []
    for a in assignments:
        if not isinstance(a, dict):
            continue
        bus = known.buses.get(str(a.get("bus_id")))
        crew = [
            known.people[p].name
            for p in (a.get("driver_id"), a.get("co_driver_id"))
            if isinstance(p, str) and p in known.people
        ]
        name = bus.name if bus else "bus"
        parts.append(f"{name} ({', '.join(crew)})" if crew else name)
    return ", ".join(parts) or "belum ada"


def _choice(key: str, entity: str) -> dict[str, str]:
    """The labels of a field that holds a choice, by the record it belongs to."""
    if key == "status":
        return labels(BusStatus) if entity in ON_BUS else labels(BookingStatus)
    if key == "type":
        if entity == "payment":
            return {k.value: v for k, v in PAYMENT_LABELS.items()}
        return labels(MaintenanceType)
    if key == "category":
        return labels(CostCategory)
    if key == "kind":
        return labels(DocumentKind)
    if key == "role":
        return {k.value: v for k, v in ROLE_LABELS.items()}
    return {}


def shown(known: Known, key: str, value: Any, entity: str = "") -> str:
    """A snapshot's value as people read it (snapshots are JSON: dates as text)."""
    if value is None or value == "":
        return "kosong"
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if key in MONEY and isinstance(value, int):
        return format_rupiah(value)
    if key in DAYS and isinstance(value, str):
        return day_label(date.fromisoformat(value), known.today)
    if key == "pickup_time" and isinstance(value, str):
        return value[:5].replace(":", ".")
    if key == "odometer_km" and isinstance(value, int):
        return format_km(value)
    if key == "method" and isinstance(value, str):
        return method_label(value)
    if key == "assignments" and isinstance(value, list):
        return _crew(known, value)
    if key == "bus_id" and value in known.buses:
        return known.buses[value].name
    if key == "booking_id" and value in known.bookings:
        return known.bookings[value].client_name
    if key in ("user_id", "driver_id") and value in known.people:
        return known.people[value].name
    choices = _choice(key, entity)
    if str(value) in choices:
        return choices[str(value)]
    return _text(value, 80)


def changes(known: Known, before: Any, after: Any, entity: str, only: Any = None) -> list[str]:
    """ "harga Rp9.000.000 → Rp9.500.000" for each field that differs (of `only`, when
    given): what a change, a correction or a status taken back keeps."""
    if not isinstance(before, dict) or not isinstance(after, dict):
        return []
    keys = [k for k in (only if isinstance(only, list) else after) if isinstance(k, str)]
    return [
        f"{WORDS.get(k, k.replace('_', ' '))}: {shown(known, k, before.get(k), entity)} → "
        f"{shown(known, k, after.get(k), entity)}"
        for k in keys
        if k not in UNSHOWN and k in before and before.get(k) != after.get(k)
    ]


def _amount(snap: dict[str, Any], kind: str, labels_of: dict[str, str]) -> str:
    """ "DP Rp1.000.000 (transfer BCA)", "BBM Rp1.200.000": a payment's or a cost's."""
    label = labels_of.get(str(snap.get(kind)), "")
    amount = snap.get("amount")
    text = f"{label} {format_rupiah(amount)}" if isinstance(amount, int) else label
    if snap.get("method"):
        text += f" ({method_label(str(snap['method']))})"
    if snap.get("note"):
        text += f", {_text(snap['note'], 60)}"
    if snap.get("confirmed_booking") is True:
        text += CONFIRMED_BY_MONEY
    return text.strip()


def _cancellation(kept: object) -> str:
    """What the cancellation cost, in the words the chat and the managers' alert used
    (`CancellationQuote.sentence`): a fee waived, agreed or the DP forfeited is said as
    such, never left out because it is below the policy's."""
    if not isinstance(kept, dict):
        return ""
    try:
        return CancellationQuote.model_validate(kept).sentence()
    except ValidationError:
        # An entry written before the quote kept all it keeps now: its fee alone.
        fee = kept.get("fee")
        return f"biaya pembatalan {format_rupiah(fee)}" if isinstance(fee, int) else ""


def _balance(left: int) -> str:
    if left > 0:
        return f"sisa tagihan {format_rupiah(left)}"
    return f"lebih bayar {format_rupiah(-left)}" if left < 0 else "lunas"


def _quoted(value: object) -> str:
    said = _text(value or "")
    return f"“{said}”" if said else ""


def _status_change(known: Known, snap: dict[str, Any]) -> list[str]:
    was, now = snap.get("previous_status"), snap.get("status")
    if not was or was == now:
        return []
    return [f"status: {shown(known, 'status', was)} → {shown(known, 'status', now)}"]


def describe(known: Known, entry: ActivityEntry) -> tuple[str, list[str]]:
    """What an entry adds to its action: a short detail ("DP Rp1.000.000") and the old →
    new values it keeps. Tolerant of older snapshots: what is missing is left out."""
    snap, action, entity = entry.snapshot, entry.action, entry.entity
    before, after = snap.get("before"), snap.get("after")
    pay = {k.value: v for k, v in PAYMENT_LABELS.items()}
    cost = labels(CostCategory)
    if action == "booking.updated":
        return "", changes(known, before, snap, entity, snap.get("changed"))
    if action == "booking.cancelled":
        return _cancellation(snap.get("cancellation")), _status_change(known, snap)
    if action in ("booking.confirmed", "booking.completed"):
        return "", _status_change(known, snap)
    if action == "booking.cancellation_fee_waived":
        waived = snap.get("waived_fee")
        return (format_rupiah(waived) if isinstance(waived, int) else ""), []
    if action == "booking.crew_declined":
        return _quoted(snap.get("reason")), []
    if action == "payment.recorded":
        left = snap.get("outstanding")
        rest = [_balance(left)] if isinstance(left, int) else []
        return _amount(snap, "type", pay), rest
    if action == "trip_cost.recorded":
        return _amount(snap, "category", cost), []
    if isinstance(before, dict) and action.endswith((".voided", ".corrected")):
        if entity == "payment":
            detail = _amount(before, "type", pay)
        elif entity == "trip_cost":
            detail = _amount(before, "category", cost)
        elif entity in ("maintenance", "document"):
            detail = shown(known, "type" if entity == "maintenance" else "kind", _kind(before))
        else:
            detail = ""
        return detail, changes(known, before, after, entity)
    return _describe_other(known, entry), []


def _kind(record: dict[str, Any]) -> Any:
    return record.get("type", record.get("kind"))


def _describe_other(known: Known, entry: ActivityEntry) -> str:
    snap, action = entry.snapshot, entry.action
    if action == "bus.status":
        status = shown(known, "status", snap.get("status"), "bus")
        start, until = snap.get("workshop_from"), snap.get("workshop_until")
        if isinstance(start, str) and snap.get("status") != BusStatus.MAINTENANCE.value:
            # A stay booked ahead: the bus runs until then, so its days say what changed
            # (never a bare "siap jalan").
            first = date.fromisoformat(start)
            last = date.fromisoformat(until) if isinstance(until, str) else None
            days = days_label(first, last, known.today) if last else day_label(first, known.today)
            status = f"bengkel dijadwalkan {days}" + ("" if last else ", sampai dilaporkan keluar")
        note = f", {_text(snap['note'], 80)}" if snap.get("note") else ""
        return f"{status}{note}"
    if action == "bus.problem":
        return _quoted(snap.get("report"))
    if action == "crew.delayed":
        return _quoted(snap.get("said"))
    if action == "bus.odometer":
        km, was = snap.get("odometer_km"), snap.get("previous_km")
        if isinstance(km, int) and isinstance(was, int):
            return f"{format_km(was)} → {format_km(km)}"
        return format_km(km) if isinstance(km, int) else ""
    if action == "bus.service_interval":
        every = [f"{snap['every_days']} hari"] if snap.get("every_days") else []
        every += [format_km(snap["every_km"])] if isinstance(snap.get("every_km"), int) else []
        what = shown(known, "type", snap.get("type"), "maintenance")
        return f"{what} tiap {' atau '.join(every)}" if every else what
    if action == "maintenance.logged":
        what = shown(known, "type", snap.get("type"), "maintenance")
        spent = snap.get("cost")
        return f"{what} {format_rupiah(spent)}" if isinstance(spent, int) and spent else what
    if action in ("document.added", "document.renewed"):
        kind = shown(known, "kind", snap.get("kind"))
        holder = known.people.get(str(snap.get("user_id")))
        kind += f" {holder.name}" if holder else ""  # a SIM: the bus's are linked
        until = shown(known, "expires_on", snap.get("expires_on"))
        was = snap.get("previous_expiry")
        if action == "document.renewed" and isinstance(was, str):
            return f"{kind}, berlaku sampai {shown(known, 'expires_on', was)} → {until}"
        return f"{kind}, berlaku sampai {until}"
    if action == "user.joined":
        return f"sebagai {shown(known, 'role', snap.get('role'))}"
    if action == "user.updated":
        role = shown(known, "role", snap.get("role"))
        return f"{_text(snap.get('name') or '')} ({role})" if snap.get("name") else ""
    if action in ("user.day_off", "user.day_off_taken_back"):
        day = shown(known, "expires_on", snap.get("day"))
        reason = _quoted(snap.get("reason"))
        return f"untuk {day}: {reason}" if reason else f"untuk {day}"
    if action == "user.trip_offered":
        return _quoted(snap.get("said"))
    if action == "user.message_relayed":
        return f"ke {_text(snap.get('to') or 'rekan tim')}: {_quoted(snap.get('text'))}"
    if action in ("invite.created", "invite.revoked") and snap.get("role"):
        return f"untuk {shown(known, 'role', snap.get('role'))}"
    if action == "paper.drawn":
        return labels(PaperKind).get(str(snap.get("kind")), "")
    return ""


# --- what an entry is about ------------------------------------------------------------


def subject(known: Known, entry: ActivityEntry) -> tuple[str, str]:
    """The link to the booking or bus the entry concerns, and its words; no link when
    that page does not exist (a record of another kind, or one no longer there)."""
    if entry.entity in ON_BOOKING:
        for booking_id in booking_ids(entry):
            booking = known.bookings.get(booking_id)
            if booking is not None:
                days = (
                    short_date(booking.depart_date)
                    if booking.depart_date == booking.return_date
                    else short_range(booking.depart_date, booking.return_date)
                )
                return f"/booking/{booking.id}", f"Booking {booking.client_name}, {days}"
        name = entry.snapshot.get("client_name")
        return "", f"Booking {_text(name, 60)}" if isinstance(name, str) and name else ""
    if entry.entity in ON_BUS:
        for bus_id in bus_ids(entry):
            if bus_id in known.buses:
                return f"/armada/{bus_id}", known.buses[bus_id].name
    return "", ""


def line(known: Known, entry: ActivityEntry, zone: ZoneInfo) -> Line:
    if entry.actor_id is None:
        who = SYSTEM
    else:
        person = known.people.get(entry.actor_id)
        who = person.name if person else FORMER
    try:
        detail, changed = describe(known, entry)
    except (KeyError, TypeError, ValueError, AttributeError):  # a snapshot of another shape
        detail, changed = "", []
    href, about = subject(known, entry)
    # A report, a decline or a day off already quotes the message it came from.
    said = entry.source_text if " ".join(entry.source_text.split()) not in detail else ""
    return Line(
        at=f"{entry.at.astimezone(zone):%H.%M}",
        who=who,
        what=ACTIONS.get(entry.action, OTHER_ACTION),
        detail=(" " if detail.startswith(GOES_ON) else ": ") + detail if detail else "",
        changes=changed,
        href=href,
        subject=about,
        by_whatsapp=entry.source_message_id is not None,
        said=said,
    )


def day_name(day: date, today: date) -> str:
    if day == today:
        return "Hari ini"
    if day == today - timedelta(days=1):
        return "Kemarin"
    return day_label(day, today)


def _in_sentence(name: str) -> str:
    """ "kemarin" inside a sentence; a weekday keeps its capital ("sampai Jumat, 27 Nov")."""
    return name.lower() if name in ("Hari ini", "Kemarin") else name


# --- the page --------------------------------------------------------------------------


def read_activity(deps: Deps, user: User, until: date | None) -> dict[str, Any]:
    """The PO's newest entries up to the end of `until` (today when None), at most
    LIMIT, by local day; the day the "Lebih lama" link goes to, if anything is older."""
    tenant_id = user.tenant_id
    with deps.uow() as uow:
        tenant = uow.tenants.get(tenant_id)
        zone_name = tenant.settings.timezone if tenant else "Asia/Jakarta"
        zone = ZoneInfo(zone_name)
        today = deps.clock.now().astimezone(zone).date()
        last = min(until or today, today)
        end = datetime.combine(last + timedelta(days=1), time(), zone)
        entries = uow.activity.between(tenant_id, ActivityQuery(end - LOOKBACK, end), LIMIT + 1)

        def local(entry: ActivityEntry) -> date:
            return entry.at.astimezone(zone).date()

        crowded = False
        if len(entries) > LIMIT:
            entries = entries[:LIMIT]
            day = local(entries[-1])
            if local(entries[0]) != day:
                # The oldest day is cut short: it is shown whole on the older page.
                entries = [e for e in entries if local(e) != day]
            else:
                # One busy day: shown whole, up to DAY_CAP.
                start = datetime.combine(day, time(), zone)
                entries = uow.activity.between(tenant_id, ActivityQuery(start, end), DAY_CAP + 1)
                crowded = len(entries) > DAY_CAP
                entries = entries[:DAY_CAP]
        # What is older than the days shown.
        shown_from = (
            datetime.combine(local(entries[-1]), time(), zone) if entries else end - LOOKBACK
        )
        older = uow.activity.between(tenant_id, ActivityQuery(EPOCH, shown_from), 1)
        ids = {i for e in entries for i in booking_ids(e)}
        known = Known(
            people={u.id: u for u in uow.users.all(tenant_id)},
            buses={b.id: b for b in uow.buses.all(tenant_id)},
            bookings={b.id: b for b in uow.bookings.get_many(tenant_id, sorted(ids))},
            today=today,
        )
    days: list[Day] = []
    for entry in entries:
        label = day_name(local(entry), today)
        if not days or days[-1].label != label:
            days.append(Day(label, []))
        days[-1].lines.append(line(known, entry, zone))
    return {
        "days": days,
        "older": local(older[0]).isoformat() if older else "",
        "crowded": crowded,
        "until": _in_sentence(day_name(last, today)) if last != today else "",
        "zone": ZONE_NAMES.get(zone_name, zone_name),
        "limit": f"{DAY_CAP:,}".replace(",", "."),
    }


def day_asked(raw: str) -> date | None:
    """The `sampai` parameter: a date from 2000 to 2100, else ValueError."""
    value = date.fromisoformat(raw.strip())
    if not date(2000, 1, 1) <= value <= date(2100, 12, 31):
        raise ValueError(raw)
    return value


TEMPLATE, TITLE, SECTION = "aktivitas.html", "Aktivitas", "/aktivitas"


class ActivityPages(Controller):
    include_in_schema = False

    @get("/aktivitas", guards=[READ_ACTIVITY])
    async def activity(
        self, visit: NamedDependency[Visit], sampai: FromQuery[str] = ""
    ) -> Template:
        until = None
        if sampai:
            try:
                until = day_asked(sampai)
            except ValueError:
                return await visit.page(
                    TEMPLATE, status_code=400, error=BAD_DATE, title=TITLE, section=SECTION
                )
        return await visit.page(
            TEMPLATE,
            lambda: read_activity(visit.deps, visit.user, until),
            title=TITLE,
            section=SECTION,
        )

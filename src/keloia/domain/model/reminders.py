"""Reminders folded into the morning briefing: what needs doing, at which milestone.

Reminders carry a key per milestone ("pelunasan of booking X, H-3"); the job claims the
keys it sends in the same transaction as the messages, so a milestone reaches people once
however often the morning is computed, and a milestone missed while Keloia was down is sent
the next morning (the tightest one passed, not every one). A reminder stops by itself when
its cause is resolved: a paid or cancelled booking, a renewed document, a serviced bus, a
new odometer reading are simply no longer found. Pure functions of one tenant's `Morning`."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from keloia.domain.model.bookings import Booking
from keloia.domain.model.briefing import (
    DOCUMENT_HORIZON_DAYS,
    MANAGERS,
    ODOMETER_REPEAT_DAYS,
    ODOMETER_STALE_DAYS,
    OVERDUE_REPEAT_DAYS,
    SEASON_DAYS,
    TRIP_DOCUMENT_DAYS,
    Morning,
    Reminder,
    Section,
)
from keloia.domain.model.calendar import school_holiday_starts
from keloia.domain.model.common import DateRange
from keloia.domain.model.fleet import (
    BusStatus,
    Document,
    DueState,
)
from keloia.domain.model.payments import format_rupiah
from keloia.domain.model.tenants import Role, TenantSettings
from keloia.domain.model.text import day_label, format_km


def document_horizon(settings: TenantSettings) -> int:
    """How far ahead the morning job reads expiring documents for this PO."""
    return max(DOCUMENT_HORIZON_DAYS, max(settings.document_reminder_days) + 1)


def tightest(days_left: int, milestones: Iterable[int]) -> int | None:
    """The nearest milestone already reached ("H-3" when 2 or 3 days are left)."""
    reached = [m for m in milestones if days_left <= m]
    return min(reached) if reached else None


def _countdown(
    m: Morning, day: date, milestones: Iterable[int], *, soonest: int = 0
) -> tuple[int, int | None]:
    """The days left until `day` and the milestone they have reached; no milestone once
    fewer than `soonest` days are left (a day gone by, or one its reminder no longer
    helps: a settlement is asked before the departure, never on its day)."""
    left = (day - m.day).days
    return left, tightest(left, milestones) if left >= soonest else None


def reminders(m: Morning) -> list[Reminder]:
    """Every reminder that is due this morning, sent or not (the job keeps the ones whose
    keys it has not claimed before)."""
    return (
        _settlements(m)
        + _overdue(m)
        + _documents(m)
        + _trip_documents(m)
        + _services(m)
        + _odometers(m)
        + _seasons(m)
    )


def _owed(m: Morning) -> list[Booking]:
    """The open balances still owed: live bookings with money outstanding."""
    return [b for b in m.open_balances if b.is_live and b.outstanding > 0]


def _settlements(m: Morning) -> list[Reminder]:
    found = []
    for b in _owed(m):
        settlement_days = m.tenant.settings.settlement_reminder_days
        left, milestone = _countdown(m, b.depart_date, settlement_days, soonest=1)
        if milestone is None:
            continue
        found.append(
            Reminder(
                key=f"settle:{b.id}:{milestone}",
                anchor=b.depart_date,
                section=Section.SETTLEMENT,
                text=f"{b.client_name}: sisa {format_rupiah(b.outstanding)}, berangkat "
                f"{day_label(b.depart_date, m.day)} ({_days_left(left)})",
                roles=frozenset({Role.ADMIN}),
            )
        )
    return found


def _overdue(m: Morning) -> list[Reminder]:
    """What clients owe past its due date, to the owner once a week: a live booking's
    balance, and a cancelled one's fee the DP did not cover."""
    found = []
    for b in m.open_balances:
        if b.owed <= 0:
            continue
        due = b.settlement_due(m.tenant.settings)
        late = (m.day - due).days
        if late < 1:
            continue
        week = (late - 1) // OVERDUE_REPEAT_DAYS
        found.append(
            Reminder(
                key=f"overdue:{b.id}:{week}",
                anchor=due,
                section=Section.OVERDUE,
                text=f"{b.client_name}: {'biaya pembatalan ' if b.fee_unpaid else ''}"
                f"{format_rupiah(b.owed)}, jatuh tempo {day_label(due, m.day)}",
                roles=frozenset({Role.OWNER}),
            )
        )
    return found


def _holder(m: Morning, doc: Document) -> str:
    return m.bus_name(doc.bus_id) if doc.bus_id else m.person(doc.user_id)


def _documents(m: Morning) -> list[Reminder]:
    found = []
    for doc in m.documents:
        left, reached = _countdown(m, doc.expires_on, m.tenant.settings.document_reminder_days)
        name = f"{doc.kind.label} {_holder(m, doc)}"
        if left < 0:
            since = day_label(doc.expires_on, m.day)
            milestone, text = "expired", f"{name} sudah habis sejak {since}"
        elif reached is None:
            continue
        else:
            milestone = str(reached)
            text = f"{name} habis {day_label(doc.expires_on, m.day)} ({_days_left(left)})"
        found.append(
            Reminder(
                key=f"doc:{doc.id}:{milestone}",
                anchor=doc.expires_on,
                section=Section.DOCUMENTS,
                text=text,
                roles=MANAGERS,
            )
        )
    return found


def _trip_documents(m: Morning) -> list[Reminder]:
    """A bus or crew member whose document runs out before the trip is back."""
    found = []
    for b in m.live():
        _, milestone = _countdown(m, b.depart_date, TRIP_DOCUMENT_DAYS)
        if milestone is None:
            continue
        for doc in m.documents:
            held = doc.bus_id in b.bus_ids() or doc.user_id in b.crew_ids()
            if not held or not doc.expires_before(b.return_date):
                continue
            found.append(
                Reminder(
                    key=f"tripdoc:{b.id}:{doc.id}:{milestone}",
                    anchor=doc.expires_on,
                    section=Section.CONFLICTS,
                    text=f"{doc.kind.label} {_holder(m, doc)} habis "
                    f"{day_label(doc.expires_on, m.day)}, sebelum trip {b.client_name} pulang "
                    f"{day_label(b.return_date, m.day)}",
                    roles=MANAGERS,
                )
            )
    return found


def _services(m: Morning) -> list[Reminder]:
    found = []
    for due in m.services:
        overdue = due.state is DueState.OVERDUE
        if due.due_date:
            when = f"tanggal {day_label(due.due_date, m.day)}"
        else:
            assert due.due_km is not None  # due or overdue: by its date, else by its km
            when = f"di {format_km(due.due_km)}"
        found.append(
            Reminder(
                key=f"service:{due.bus_id}:{due.type.value}:{due.due_date}:{due.due_km}:"
                f"{due.state.value}",
                anchor=due.due_date or m.day.replace(month=1, day=1),
                section=Section.FLEET,
                text=f"{due.type.label.capitalize()} {m.bus_name(due.bus_id)} "
                f"{'terlambat' if overdue else 'jatuh tempo'} ({when})",
                roles=MANAGERS if overdue else frozenset({Role.ADMIN}),
            )
        )
    return found


def odometer_example(bus_name: str) -> str:
    """A reply the driver can copy that the chat records as a reading ("Bus 01 km 125.000",
    "bus Srikandi km 125.000": a bus named without "bus" needs the word to be read as one)."""
    named = bus_name if bus_name.lower().startswith("bus") else f"bus {bus_name}"
    return f"{named} km 125.000"


def _odometers(m: Morning) -> list[Reminder]:
    """Asked of the driver taking the bus out today or tomorrow: who can read it."""
    found = []
    drivers = _drivers_by_bus(m, DateRange(start=m.day, end=m.day + timedelta(days=1)))
    for bus in m.buses:
        last = m.odometer_dates.get(bus.id)
        driver = drivers.get(bus.id)
        if last is None or driver is None or bus.status is BusStatus.RETIRED:
            continue
        age = (m.day - last).days
        if age <= ODOMETER_STALE_DAYS:
            continue
        found.append(
            Reminder(
                key=f"odometer:{bus.id}:{(age - ODOMETER_STALE_DAYS - 1) // ODOMETER_REPEAT_DAYS}",
                anchor=last,
                section=Section.FLEET,
                text=f"Angka km {bus.name} terakhir dicatat {day_label(last, m.day)}; mohon balas "
                f'dengan angka km hari ini, misalnya "{odometer_example(bus.name)}"',
                user_id=driver,
            )
        )
    return found


def _seasons(m: Morning) -> list[Reminder]:
    horizon = m.day + timedelta(days=max(SEASON_DAYS))
    starts = [
        (h.day, "lebaran", f"Lebaran {day_label(h.day, m.day)}", "musim mudik, sewa bus ramai")
        for h in m.holidays
        if h.lebaran and m.day <= h.day <= horizon
    ]
    starts += [
        (d, "sekolah", f"Libur sekolah (perkiraan) mulai {day_label(d, m.day)}", "musim study tour")
        for d in school_holiday_starts(m.day, horizon)
    ]
    found = []
    for start, kind, name, why in starts:
        left, milestone = _countdown(m, start, SEASON_DAYS)
        if milestone is None:
            continue
        found.append(
            Reminder(
                key=f"season:{kind}:{milestone}",
                anchor=start,
                section=Section.SEASON,
                text=f"{name} ({_days_left(left)}): {why}; pastikan armada dan dokumen siap",
                roles=MANAGERS,
            )
        )
    return found


def _drivers_by_bus(m: Morning, days: DateRange) -> dict[str, str]:
    found: dict[str, str] = {}
    for b in sorted(m.live(), key=lambda b: b.depart_date):
        if b.days.overlaps(days):
            for a in b.assignments:
                if a.driver_id and a.bus_id not in found:
                    found[a.bus_id] = a.driver_id
    return found


def _days_left(n: int) -> str:
    return "hari ini" if n == 0 else "besok" if n == 1 else f"{n} hari lagi"

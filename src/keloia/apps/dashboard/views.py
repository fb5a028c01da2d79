"""What the API and the pages both read: one function each, so the two never disagree."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from keloia.apps.dashboard.schemas import (
    BusOut,
    ClientOut,
    FinancialsOut,
    MemberOut,
    MonthOut,
    PaymentOut,
    SetupOut,
    SetupStep,
)
from keloia.domain.errors import InvalidInput
from keloia.domain.model.bookings import Booking
from keloia.domain.model.common import DateRange
from keloia.domain.model.fleet import Bus, DocumentKind
from keloia.domain.model.money import AgeBucket, age_of
from keloia.domain.model.payments import PaymentType
from keloia.domain.model.permissions import Action, Resource, can
from keloia.domain.model.tenants import Role, TenantSettings, User
from keloia.domain.services import bookings, fleet, payments
from keloia.domain.services.deps import Deps
from keloia.domain.services.fleet import BusDraft

# Ranges people may ask for at once: a month view spans at most six weeks.
MAX_RANGE_DAYS = 62


def day_range(start: date | None, end: date | None, today: date) -> DateRange:
    start = start or today
    end = end or start
    if end < start:
        raise InvalidInput("Tanggal akhir tidak boleh sebelum tanggal awal.")
    if (end - start).days + 1 > MAX_RANGE_DAYS:
        raise InvalidInput(f"Rentang tanggal paling panjang {MAX_RANGE_DAYS} hari.")
    return DateRange(start=start, end=end)


def tenant_settings(deps: Deps, user: User) -> TenantSettings:
    with deps.uow() as uow:
        return uow.settings(user.tenant_id)


def fleet_today(deps: Deps, user: User) -> list[BusOut]:
    return [
        BusOut.of(d.bus, d.label, d.booked_by)
        for d in fleet.fleet_on(deps, user, deps.clock.today())
    ]


# --- the board: buses x days -----------------------------------------------------------


@dataclass
class Cell:
    booking: Booking | None = None
    starts: bool = False  # the booking's first day in view (where its label goes)
    span: int = 1
    clash: bool = False
    workshop: bool = False  # the bus is in the workshop that day (a stay planned or under way)


@dataclass
class Row:
    bus: Bus | None  # None: the row of bookings still waiting for a bus
    cells: list[Cell] = field(default_factory=list)
    free_days: int = 0
    in_workshop_today: bool = False


@dataclass
class Board:
    days: list[date]
    rows: list[Row]
    unassigned: list[Booking]
    free_today: list[Bus]
    bookings: list[Booking]


def board(deps: Deps, user: User, days: DateRange) -> Board:
    """The schedule as a grid of buses by days: each live booking a block on its bus's
    row, bookings still missing a bus listed apart, a day held twice flagged."""
    found = bookings.schedule(deps, user, days)
    with deps.uow() as uow:
        buses = sorted(
            (b for b in uow.buses.all(user.tenant_id) if b.status.value != "retired"),
            key=lambda b: b.name,
        )
    dates = [days.start + timedelta(days=i) for i in range(days.days())]
    today = deps.clock.today()
    today_only = DateRange(start=today, end=today)
    rows = []
    for bus in buses:
        holders: list[list[Booking]] = [[] for _ in dates]
        for booking in found:
            if bus.id in booking.bus_ids():
                for i, d in enumerate(dates):
                    if booking.depart_date <= d <= booking.return_date:
                        holders[i].append(booking)
        shop = [bus.in_workshop(DateRange(start=d, end=d)) for d in dates]
        cells: list[Cell] = []
        for i, held in enumerate(holders):
            if not held and shop[i]:
                # A workshop stay is one block, as a booking is.
                if i > 0 and shop[i - 1] and not holders[i - 1]:
                    cells.append(Cell(workshop=True))
                    continue
                span = 1
                while i + span < len(dates) and shop[i + span] and not holders[i + span]:
                    span += 1
                cells.append(Cell(workshop=True, starts=True, span=span))
                continue
            if not held:
                cells.append(Cell())
                continue
            first = held[0]
            # A trip on a workshop day is as wrong as two trips on one day.
            clash = len(held) > 1 or shop[i]
            starts = i == 0 or first not in holders[i - 1]
            if starts:
                span = 1
                while i + span < len(dates) and first in holders[i + span]:
                    clash = clash or len(holders[i + span]) > 1 or shop[i + span]
                    span += 1
                cells.append(Cell(booking=first, starts=True, span=span, clash=clash))
            else:
                cells.append(Cell(booking=first, starts=False, clash=clash))
        free_days = sum(1 for h, w in zip(holders, shop, strict=True) if not h and not w)
        rows.append(
            Row(
                bus=bus,
                cells=cells,
                free_days=free_days,
                in_workshop_today=bus.in_workshop(today_only),
            )
        )
    busy_today = {
        b for bk in found if bk.depart_date <= today <= bk.return_date for b in bk.bus_ids()
    }
    # A planned workshop stay counts as well as the status set from the field.
    free_today = [b for b in buses if b.can_be_scheduled(today_only) and b.id not in busy_today]
    unassigned = [b for b in found if b.unassigned_buses() > 0]
    return Board(
        days=dates, rows=rows, unassigned=unassigned, free_today=free_today, bookings=found
    )


# --- money -----------------------------------------------------------------------------


def financials(deps: Deps, user: User, days: DateRange) -> FinancialsOut:
    today = deps.clock.today()
    paid = payments.payments_between(deps, user, days)
    clients = payments.receivables(deps, user)
    aging = {bucket.value: 0 for bucket in AgeBucket}
    for client in clients:
        for b in client.bookings:
            aging[age_of(b.settlement_due, today).value] += b.outstanding
    # Four months back, this month and the next: money in, and what is still owed by
    # the trips coming up.
    first_month = payments.add_months(today.replace(day=1), -4)
    months = payments.monthly_figures(deps, user, first_month, 6)
    return FinancialsOut(
        date_from=days.start,
        date_to=days.end,
        received=sum(p.amount for p in paid if p.type is not PaymentType.REFUND),
        refunded=sum(p.amount for p in paid if p.type is PaymentType.REFUND),
        outstanding=sum(max(c.total, 0) for c in clients),
        aging=aging,
        payments=[
            PaymentOut.model_validate(p)
            for p in sorted(paid, key=lambda p: p.paid_date, reverse=True)
        ],
        receivables=[ClientOut.of(c, today) for c in clients],
        months=[MonthOut.model_validate(m) for m in months],
    )


# --- set-up ----------------------------------------------------------------------------


# The first-run checklist in order: each step's key, what to do, and where.
SETUP_STEPS = (
    ("buses", "Tambahkan bus (nama, nomor polisi, kursi, kelas)", "/armada#tambah"),
    ("documents", "Isi tanggal habis KIR setiap bus", "/armada"),
    ("team", "Undang sopir dan kernet lewat kode undangan", "/tim"),
    ("sim", "Isi tanggal habis SIM setiap sopir", "/tim"),
    ("service", "Atur jadwal servis berkala bus", "/armada"),
    ("policy", "Atur kebijakan pelunasan dan pembatalan", "/pengaturan"),
)


def setup(deps: Deps, user: User) -> SetupOut:
    """The first-run checklist: what a new PO still has to enter."""
    with deps.uow() as uow:
        tenant_id = user.tenant_id
        buses = uow.buses.all(tenant_id)
        docs = uow.documents.all(tenant_id)
        team = uow.users.all(tenant_id)
        intervals = uow.maintenance.intervals(tenant_id)
        policies_set = any(
            e.action == "tenant.updated" for e in uow.activity.all(tenant_id, tenant_id)
        )
    drivers = [u for u in team if u.role is Role.DRIVER and u.active]
    sims = {d.user_id for d in docs if d.kind is DocumentKind.SIM}
    bus_docs = {d.bus_id for d in docs if d.kind is DocumentKind.KIR}
    done = {
        "buses": bool(buses),
        "documents": bool(buses) and all(b.id in bus_docs for b in buses),
        "team": bool(drivers),
        "sim": bool(drivers) and all(d.id in sims for d in drivers),
        "service": bool(intervals),
        "policy": policies_set,
    }
    steps = [
        SetupStep(key=key, label=label, done=done[key], href=href)
        for key, label, href in SETUP_STEPS
    ]
    return SetupOut(steps=steps, done=all(s.done for s in steps))


_SPLIT = re.compile(r"\t|;|,|\s{2,}|\|")


def parse_bus_table(text: str) -> list[BusDraft]:
    """Buses pasted from a spreadsheet or typed: one a line, name, plate, seats and class
    (the seats wherever they stand), separated by tabs, commas, semicolons, bars or two
    spaces. A header line is skipped."""
    drafts = []
    for number, line in enumerate(text.splitlines(), start=1):
        cells = [c.strip() for c in _SPLIT.split(line) if c.strip()]
        if not cells:
            continue
        if number == 1 and cells[0].casefold() in {"nama", "nama bus", "bus", "name"}:
            continue
        seats: int | None = None
        rest = []
        for cell in cells[1:]:
            digits = re.fullmatch(r"(\d{1,3})\s*(seat|kursi|penumpang)?", cell, re.IGNORECASE)
            if digits and seats is None:
                seats = int(digits.group(1))
            else:
                rest.append(cell)
        if seats is not None and not 1 <= seats <= 100:
            raise InvalidInput(f"Baris {number}: jumlah kursi {seats} tidak masuk akal.")
        name, plate = cells[0], (rest[0] if rest else "")
        bus_class = rest[1] if len(rest) > 1 else ""
        if len(name) > 60 or len(plate) > 20 or len(bus_class) > 40:
            raise InvalidInput(f"Baris {number}: nama, nomor polisi atau kelas terlalu panjang.")
        drafts.append(BusDraft(name=name, plate=plate, seats=seats, bus_class=bus_class))
    if not drafts:
        raise InvalidInput("Belum ada bus yang diisi. Tempel satu bus per baris.")
    if len(drafts) > 200:
        raise InvalidInput("Paling banyak 200 bus sekali tempel.")
    return drafts


def can_see_money(user: User) -> bool:
    return can(user.role, Action.READ, Resource.PAYMENT)


def month_of(start: date | None, end: date | None, today: date) -> DateRange:
    """A money period: this month by default, at most a year."""
    first = start or today.replace(day=1)
    last = end or (payments.add_months(first.replace(day=1), 1) - timedelta(days=1))
    if last < first:
        raise InvalidInput("Tanggal akhir tidak boleh sebelum tanggal awal.")
    if (last - first).days > 366:
        raise InvalidInput("Rentang paling panjang satu tahun.")
    return DateRange(start=first, end=last)


def team_with_sims(deps: Deps, user: User) -> list[MemberOut]:
    """Members, owner first, each with the latest SIM expiry on record."""
    from keloia.domain.services import team

    members = team.list_team(deps, user)
    sims: dict[str, date] = {}
    for doc in (
        fleet.documents(deps, user) if can(user.role, Action.READ, Resource.DOCUMENT) else []
    ):
        if doc.kind is DocumentKind.SIM and doc.user_id:
            sims[doc.user_id] = max(doc.expires_on, sims.get(doc.user_id, doc.expires_on))
    return [MemberOut.of(m, sims.get(m.id)) for m in members]

"""The morning briefing: who hears what each morning, and the owner's weekly summary.
When each job is due is domain/model/jobs.py.

Everything here is a pure function of one tenant's morning (`Morning`): what the scheduled
job loaded, at what local date. The reminders folded into the briefing (a settlement due,
a document expiring, a service, an odometer reading, the season) are
domain/model/reminders.py."""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum

from pydantic import Field

from keloia.domain.model.bookings import Booking
from keloia.domain.model.calendar import Holiday
from keloia.domain.model.common import DateRange, Value
from keloia.domain.model.fleet import (
    Bus,
    BusStatus,
    Document,
    ServiceDue,
)
from keloia.domain.model.messages import MAX_TEXT, MessageKind, OutboundMessage
from keloia.domain.model.money import AgingReport, ProfitReport
from keloia.domain.model.payments import Payment, PaymentType, format_rupiah
from keloia.domain.model.season import WeekOutlook
from keloia.domain.model.templates import BODY_MAX, BRIEFING, BRIEFING_SHORT, one_line
from keloia.domain.model.tenants import Role, Tenant, User
from keloia.domain.model.text import day_label, format_time, local_phone, short_range

# --- what -------------------------------------------------------------------------------

TRIP_DOCUMENT_DAYS = (14, 7, 1)  # before departure, for a document expiring mid-trip
SEASON_DAYS = (30, 14, 7)
OVERDUE_REPEAT_DAYS = 7  # an unpaid overdue balance is told again each week
ODOMETER_STALE_DAYS = 14
ODOMETER_REPEAT_DAYS = 7
UNASSIGNED_AHEAD_DAYS = 7
# What the morning job loads: every trip that starts within this many days.
LOOKAHEAD_DAYS = max((*TRIP_DOCUMENT_DAYS, UNASSIGNED_AHEAD_DAYS, 1))
# Documents expiring before this many days from today: the longest trip departing within
# the look-ahead (and the PO's earliest reminder, `document_horizon`).
DOCUMENT_HORIZON_DAYS = 46
HOLIDAY_HORIZON_DAYS = max(SEASON_DAYS) + 1
MAX_LINES_PER_SECTION = 8


class Section(StrEnum):
    """The headings, in the order a briefing shows them."""

    TODAY = "Hari ini"
    TOMORROW = "Besok"
    DEPARTURES = "Berangkat hari ini"
    RETURNS = "Pulang hari ini"
    UNASSIGNED = "Belum lengkap"
    SETTLEMENT = "Pelunasan"
    OVERDUE = "Lewat jatuh tempo"
    FLEET = "Armada"
    DOCUMENTS = "Dokumen"
    CONFLICTS = "Perlu dicek"
    SEASON = "Musim ramai"
    # The weekly summary's.
    LAST_WEEK = "Pekan lalu"
    MONEY = "Keuangan"
    UTILISATION = "Pemakaian bus"
    WEEK_AHEAD = "Pekan ini"
    NOTES = "Catatan"


ORDER = list(Section)
MANAGERS = frozenset({Role.OWNER, Role.ADMIN})


class Reminder(Value):
    """One milestone of something that needs doing, sent once."""

    key: str  # what and which milestone: "settle:<booking>:3"
    anchor: date  # the date it counts toward: a new date (a moved trip) is a new reminder
    section: Section
    text: str
    roles: frozenset[Role] = frozenset()
    user_id: str | None = None  # for one person only (a driver's odometer nudge)

    @property
    def claim(self) -> tuple[str, date]:
        return (self.key, self.anchor)


class Morning(Value):
    """What one tenant's morning is computed from, loaded once by the job."""

    tenant: Tenant
    day: date
    team: list[User]
    buses: list[Bus]
    bookings: list[Booking]  # every booking overlapping [day, day + LOOKAHEAD_DAYS]
    open_balances: list[Booking]  # live bookings with money still to come
    documents: list[Document]  # expiring before day + DOCUMENT_HORIZON_DAYS
    services: list[ServiceDue]
    odometer_dates: dict[str, date]
    yesterday_payments: list[Payment]
    holidays: list[Holiday]

    def bus_name(self, bus_id: str) -> str:
        return next((b.name for b in self.buses if b.id == bus_id), "bus")

    def person(self, user_id: str | None) -> str:
        return next((u.name for u in self.team if u.id == user_id), "")

    def holiday_on(self, day: date) -> Holiday | None:
        return next((h for h in self.holidays if h.day == day), None)

    def live(self) -> list[Booking]:
        return [b for b in self.bookings if b.is_live]


class Line(Value):
    section: Section
    text: str


class Briefing(Value):
    """What one person gets this morning."""

    user: User
    title: str  # "Senin, 30 Nov", or "pekan 23–29 Nov"
    lines: list[Line]
    # Shown, but never by themselves a reason to write to someone (a holiday tomorrow).
    notes: list[str] = Field(default_factory=list)
    footer: str = ""

    @property
    def worth_sending(self) -> bool:
        return bool(self.lines)

    def text(self) -> str:
        """The free-text version, with *bold* headings as WhatsApp shows them."""
        parts = [f"Selamat pagi, {self.user.name}. Ringkasan untuk {self.title}:"]
        for section in ORDER:
            lines = [line.text for line in self.lines if line.section is section]
            if not lines:
                continue
            shown = lines[:MAX_LINES_PER_SECTION]
            more = len(lines) - len(shown)
            block = f"*{section.value}*\n" + "\n".join(f"• {t}" for t in shown)
            parts.append(block + (f"\n• dan {more} lainnya" if more else ""))
        if self.notes:
            parts.append("\n".join(self.notes))
        if self.footer:
            parts.append(self.footer)
        text = "\n\n".join(parts)
        return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"

    def summary(self) -> str:
        """All items on one line, for the template's parameter."""
        by_section = []
        for section in ORDER:
            lines = [line.text for line in self.lines if line.section is section]
            if lines:
                by_section.append(f"{section.value}: " + "; ".join(lines))
        return one_line("\n".join(by_section + self.notes + [self.footer]))

    def message(self, window_open: bool) -> OutboundMessage:
        """WhatsApp's rules: free text inside the 24-hour window, else the approved
        template; each with a shorter template to fall back on if Meta refuses it."""
        to = self.user.phone
        short_params = (self.user.name, str(len(self.lines)), self.title)
        short = OutboundMessage(
            to=to,
            kind=MessageKind.TEMPLATE,
            template_name=BRIEFING_SHORT.name,
            template_params=short_params,
            body=BRIEFING_SHORT.render(short_params),
        )
        params = (self.user.name, self.title, self.summary())
        full_text = BRIEFING.render(params)
        template = (
            OutboundMessage(
                to=to,
                kind=MessageKind.TEMPLATE,
                template_name=BRIEFING.name,
                template_params=params,
                body=full_text,
                fallback=short,
            )
            if len(full_text) <= BODY_MAX and "…" not in params[2]
            else short
        )
        if not window_open:
            return template
        return OutboundMessage(to=to, body=self.text(), fallback=template)


# --- the briefing per role --------------------------------------------------------------------


def briefings(m: Morning, fresh: list[Reminder]) -> list[Briefing]:
    """One briefing per active person with something to say; `fresh` are the reminders
    not sent before. Drivers never see money: their lines are built from trips only."""
    admins = [u for u in m.team if u.active and u.role is Role.ADMIN]
    owners = [u for u in m.team if u.active and u.role is Role.OWNER]
    contact = (admins or owners)[0] if (admins or owners) else None
    soon = DateRange(start=m.day, end=m.day + timedelta(days=1))
    trips: dict[str, list[Booking]] = {}  # each crew member's trips today or tomorrow
    for b in m.live():
        if b.days.overlaps(soon):
            for crew_id in b.crew_ids():
                trips.setdefault(crew_id, []).append(b)
    found = []
    for user in m.team:
        if not user.active:
            continue
        lines = [
            Line(section=r.section, text=r.text)
            for r in fresh
            if r.user_id == user.id or _routed(r, user, bool(admins))
        ]
        notes: list[str] = []
        footer = ""
        if user.role is Role.DRIVER:
            lines = _driver_trips(m, user, trips.get(user.id, [])) + lines
            if contact is not None and contact.id != user.id:
                footer = f"Pertanyaan soal jadwal: {contact.name} {local_phone(contact.phone)}."
        elif user.role is Role.ADMIN:
            lines = _admin_day(m) + lines
            notes = _holiday_notes(m)
        else:
            lines = _owner_exceptions(m) + lines
            notes = _holiday_notes(m)
        briefing = Briefing(
            user=user, title=day_label(m.day, m.day), lines=lines, notes=notes, footer=footer
        )
        if briefing.worth_sending:
            found.append(briefing)
    return found


def _routed(r: Reminder, user: User, has_admin: bool) -> bool:
    """A reminder for the admin goes to the owner when the PO has no admin."""
    if r.user_id is not None:
        return False
    if user.role in r.roles:
        return True
    return user.role is Role.OWNER and Role.ADMIN in r.roles and not has_admin


def _trip_line(m: Morning, b: Booking, user: User | None = None) -> str:
    """Where, when, which bus and who: no price, no balance (drivers read these)."""
    route = " → ".join(p for p in (b.route_from, b.route_to) if p) or b.client_name
    pickup = f"jemput {format_time(b.pickup_time)}" if b.pickup_time else "jam jemput belum ada"
    if b.pickup_place:
        pickup += f" di {b.pickup_place}"
    parts = [f"{route} ({b.client_name}), {pickup}"]
    for a in b.assignments:
        if user is not None and user.id not in a.crew_ids():
            continue
        bus = next((x for x in m.buses if x.id == a.bus_id), None)
        crew = []
        if a.driver_id and a.driver_id != (user.id if user else None):
            crew.append(f"sopir {m.person(a.driver_id)}")
        if a.co_driver_id and a.co_driver_id != (user.id if user else None):
            crew.append(f"kernet {m.person(a.co_driver_id)}")
        bus_text = f"{bus.name} ({bus.plate})" if bus and bus.plate else (bus.name if bus else "")
        parts.append(", ".join([bus_text, *crew]) if bus_text else ", ".join(crew))
    if b.return_date > b.depart_date:
        parts.append(f"pulang {day_label(b.return_date, m.day)}")
    holiday = m.holiday_on(b.depart_date)
    if holiday is not None:
        parts.append(f"libur {holiday.name}")
    return "; ".join(p for p in parts if p)


def _driver_trips(m: Morning, driver: User, trips: list[Booking]) -> list[Line]:
    lines = []
    for section, day in ((Section.TODAY, m.day), (Section.TOMORROW, m.day + timedelta(days=1))):
        for b in trips:
            if b.days.overlaps(DateRange.single(day)):
                text = _trip_line(m, b, driver)
                if b.depart_date < day:
                    text = f"masih jalan: {text}"
                lines.append(Line(section=section, text=text))
    return lines


def _admin_day(m: Morning) -> list[Line]:
    lines = []
    for b in m.live():
        if b.depart_date == m.day:
            lines.append(Line(section=Section.DEPARTURES, text=_trip_line(m, b)))
        elif b.return_date == m.day:
            lines.append(Line(section=Section.RETURNS, text=_trip_line(m, b)))
    ahead = DateRange(start=m.day, end=m.day + timedelta(days=UNASSIGNED_AHEAD_DAYS))
    for b in m.live():
        if not ahead.start <= b.depart_date <= ahead.end:
            continue
        missing = []
        if b.unassigned_buses():
            missing.append(f"{b.unassigned_buses()} bus belum ditentukan")
        if any(a.driver_id is None for a in b.assignments):
            missing.append("sopir belum ditentukan")
        if not b.priced:
            missing.append("harga belum dicatat")
        if missing:
            lines.append(
                Line(
                    section=Section.UNASSIGNED,
                    text=f"{b.client_name}, {day_label(b.depart_date, m.day)}: "
                    + ", ".join(missing),
                )
            )
    return lines


def _owner_exceptions(m: Morning) -> list[Line]:
    lines = [
        Line(section=Section.FLEET, text=f"{bus.name} di bengkel")
        for bus in m.buses
        if bus.status is not BusStatus.RETIRED and bus.in_workshop(DateRange.single(m.day))
    ]
    soon = DateRange(start=m.day, end=m.day + timedelta(days=1))
    for b in m.live():
        if not b.days.overlaps(soon):
            continue
        for a in b.assignments:
            bus = next((x for x in m.buses if x.id == a.bus_id), None)
            if bus is not None and (
                bus.status is not BusStatus.AVAILABLE
                or bus.in_workshop(
                    DateRange(start=max(b.depart_date, m.day), end=min(b.return_date, soon.end))
                )
            ):
                lines.append(
                    Line(
                        section=Section.CONFLICTS,
                        text=f"{bus.name} dijadwalkan untuk {b.client_name} "
                        f"{day_label(max(b.depart_date, m.day), m.day)}, tetapi sedang di bengkel",
                    )
                )
    takings = takings_line(m.yesterday_payments)
    if takings:
        lines.append(Line(section=Section.NOTES, text=takings))
    return lines


def takings_line(payments: list[Payment]) -> str:
    received = [p for p in payments if p.type is not PaymentType.REFUND]
    if not received:
        return ""
    total = sum(p.amount for p in received)
    return f"Kemarin masuk {format_rupiah(total)} dari {len(received)} pembayaran"


def _holiday_notes(m: Morning) -> list[str]:
    notes = []
    for day, word in ((m.day, "Hari ini"), (m.day + timedelta(days=1), "Besok")):
        holiday = m.holiday_on(day)
        if holiday is not None:
            notes.append(f"{word} libur {holiday.name}.")
    return notes


# --- the weekly summary ----------------------------------------------------------------------


class WeekFigures(Value):
    """The owner's Monday numbers. `extra` is where further figures (costs, margins) go as
    lines under their own headings, without touching how the summary is sent."""

    last_week: DateRange
    trips: int
    received: int
    refunded: int
    outstanding: int
    overdue: int
    utilisation: list[tuple[str, int]]  # bus name, days on the road last week
    ahead: list[Booking]
    extra: list[Line] = Field(default_factory=list)


def week_figures(
    monday: date,
    tenant: Tenant,
    buses: list[Bus],
    bookings: list[Booking],
    payments: list[Payment],
    open_balances: list[Booking],
) -> WeekFigures:
    """`bookings` overlap last week or this one; `payments` were paid last week."""
    last = DateRange(start=monday - timedelta(days=7), end=monday - timedelta(days=1))
    live = [b for b in bookings if b.is_live]
    ran = [b for b in live if b.days.overlaps(last)]
    usage = []
    for bus in sorted(buses, key=lambda b: b.name):
        if bus.status is BusStatus.RETIRED:
            continue
        days = {
            last.start + timedelta(days=n)
            for b in ran
            if bus.id in b.bus_ids()
            for n in range(last.days())
            if b.days.overlaps(DateRange.single(last.start + timedelta(days=n)))
        }
        usage.append((bus.name, len(days)))
    return WeekFigures(
        last_week=last,
        trips=len(ran),
        received=sum(p.amount for p in payments if p.type is not PaymentType.REFUND),
        refunded=sum(p.amount for p in payments if p.type is PaymentType.REFUND),
        outstanding=sum(b.owed for b in open_balances),
        overdue=sum(1 for b in open_balances if b.settlement_due(tenant.settings) < monday),
        utilisation=usage,
        ahead=[b for b in live if monday <= b.depart_date <= monday + timedelta(days=6)],
    )


def money_lines(profit: ProfitReport, aging: AgingReport, ahead: WeekOutlook | None) -> list[Line]:
    """The weekly summary's money beyond the ledger: last week's trips after their costs,
    the client overdue longest, and the week ahead when it is a busy one."""
    lines = []
    if profit.trips:
        lines.append(
            Line(
                section=Section.MONEY,
                text=f"Laba trip pekan lalu {format_rupiah(profit.profit)} (pendapatan "
                f"{format_rupiah(profit.revenue)}, biaya {format_rupiah(profit.costs)})",
            )
        )
    late = [c for c in aging.clients if c.oldest_days_past_due > 0]
    if late:
        c = late[0]
        lines.append(
            Line(
                section=Section.MONEY,
                text=f"Nunggak paling lama: {c.client_name} {format_rupiah(c.total)}, "
                f"{c.oldest_days_past_due} hari lewat jatuh tempo",
            )
        )
    if ahead is not None and ahead.busy:
        lines.append(Line(section=Section.SEASON, text=ahead.sentence("Pekan ini")))
    return lines


def weekly_briefing(m: Morning, owner: User, f: WeekFigures) -> Briefing:
    """`m` names the buses and people; its bookings are not read."""
    week = f.last_week
    lines = [
        Line(
            section=Section.LAST_WEEK,
            text=f"{f.trips} perjalanan; uang masuk {format_rupiah(f.received)}"
            + (f", refund {format_rupiah(f.refunded)}" if f.refunded else ""),
        ),
        Line(
            section=Section.MONEY,
            text=f"Belum dibayar {format_rupiah(f.outstanding)}"
            + (f", {f.overdue} booking lewat jatuh tempo" if f.overdue else ""),
        ),
    ]
    if f.utilisation:
        lines.append(
            Line(
                section=Section.UTILISATION,
                text=", ".join(f"{name} {days}/{week.days()} hari" for name, days in f.utilisation),
            )
        )
    lines += [
        Line(
            section=Section.WEEK_AHEAD,
            text=f"{day_label(b.depart_date, m.day)}: {_trip_line(m, b)}",
        )
        for b in f.ahead
    ] or [Line(section=Section.WEEK_AHEAD, text="Belum ada keberangkatan")]
    lines += f.extra
    return Briefing(user=owner, title="pekan " + short_range(week.start, week.end), lines=lines)

"""Bookings (charters): the schedule pillar. A booking holds its buses for every calendar
day from departure to return, whatever its status, until it is cancelled."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

from keloia.domain.errors import InvalidInput, InvalidTransition, Overpayment
from keloia.domain.model.common import (
    DateRange,
    Labelled,
    NonNegativeRupiah,
    Phone,
    TenantRecord,
    Value,
    broken,
)
from keloia.domain.model.payments import Payment, PaymentType, format_rupiah
from keloia.domain.model.tenants import TenantSettings

V = TypeVar("V", bound=BaseModel)

# No charter runs longer than a month. The bound keeps every schedule and conflict query a
# bounded index range however many years of bookings a tenant keeps.
MAX_TRIP_DAYS = 31


class BookingStatus(Labelled):
    PENDING = "pending", "menunggu konfirmasi"
    CONFIRMED = "confirmed", "terkonfirmasi"
    COMPLETED = "completed", "selesai"
    CANCELLED = "cancelled", "dibatalkan"


# The whole status machine: anything not listed here is refused.
TRANSITIONS: dict[BookingStatus, frozenset[BookingStatus]] = {
    BookingStatus.PENDING: frozenset({BookingStatus.CONFIRMED, BookingStatus.CANCELLED}),
    BookingStatus.CONFIRMED: frozenset({BookingStatus.COMPLETED, BookingStatus.CANCELLED}),
    BookingStatus.COMPLETED: frozenset(),
    BookingStatus.CANCELLED: frozenset(),
}


class BusAssignment(BaseModel):
    """One bus of a booking with its crew. The crew may be chosen later."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    bus_id: str
    driver_id: str | None = None
    co_driver_id: str | None = None  # kernet

    @model_validator(mode="after")
    def _two_people(self) -> BusAssignment:
        if self.driver_id is not None and self.driver_id == self.co_driver_id:
            raise broken("driver_is_co_driver", "the driver cannot also be the co-driver")
        return self

    def crew_ids(self) -> list[str]:
        return [u for u in (self.driver_id, self.co_driver_id) if u is not None]


# What a booking with no price yet shows where a balance would stand.
UNPRICED_PAID = "Harganya belum dicatat; sudah dibayar"


class Booking(TenantRecord):
    client_name: str = Field(min_length=1, max_length=120)
    client_phone: Phone | None = None
    route_from: str = Field(default="", max_length=120)
    route_to: str = Field(default="", max_length=120)
    depart_date: date
    return_date: date
    pickup_time: time | None = None
    pickup_place: str = Field(default="", max_length=200)
    passengers: int | None = Field(default=None, ge=1, le=2000)
    price: NonNegativeRupiah = 0
    status: BookingStatus = BookingStatus.PENDING
    # Buses the client ordered; fewer assignments than this means some are still unassigned.
    bus_count: int = Field(default=1, ge=1, le=50)
    assignments: list[BusAssignment] = Field(default_factory=list)
    notes: str = Field(default="", max_length=1000)
    settlement_due_date: date | None = None  # overrides the tenant's default
    # Kept in step with the payments by record_payment, in the same transaction, so that
    # balances are a column away and never a scan of every payment.
    paid_total: NonNegativeRupiah = 0
    refunded_total: NonNegativeRupiah = 0
    # Set when the booking is cancelled: the policy's fee (0 when the owner waived it). The
    # money paid beyond it is owed back to the client (`refund_due`).
    cancellation_fee: NonNegativeRupiah | None = None
    created_by: str
    created_at: datetime

    @model_validator(mode="after")
    def _consistent(self) -> Booking:
        if self.return_date < self.depart_date:
            raise broken("return_before_depart", "return_date is before depart_date")
        if (self.return_date - self.depart_date).days + 1 > MAX_TRIP_DAYS:
            raise broken("trip_too_long", f"a trip lasts at most {MAX_TRIP_DAYS} days")
        buses = [a.bus_id for a in self.assignments]
        if len(buses) != len(set(buses)):
            raise broken("bus_assigned_twice", "a bus is assigned twice to one booking")
        crew = [u for a in self.assignments for u in a.crew_ids()]
        if len(crew) != len(set(crew)):
            raise broken("crew_assigned_twice", "a crew member is assigned twice to one booking")
        if len(self.assignments) > self.bus_count:
            raise broken("too_many_buses", "more buses assigned than ordered")
        if self.refunded_total > self.paid_total:
            raise broken("refund_over_paid", "more refunded than paid")
        return self

    # --- schedule -------------------------------------------------------------------

    @property
    def days(self) -> DateRange:
        return DateRange(start=self.depart_date, end=self.return_date)

    @property
    def is_live(self) -> bool:
        """Live bookings hold their buses and crew: pending ones too."""
        return self.status is not BookingStatus.CANCELLED

    def bus_ids(self) -> list[str]:
        return [a.bus_id for a in self.assignments]

    def crew_ids(self) -> list[str]:
        return [u for a in self.assignments for u in a.crew_ids()]

    def unassigned_buses(self) -> int:
        return self.bus_count - len(self.assignments)

    def involves(self, user_id: str) -> bool:
        return user_id in self.crew_ids()

    def goes_to(self, place: str) -> bool:
        """ "yg ke malang": the trip's destination names the place (written any case)."""
        return names_place(self.route_to, place)

    def view(self, cls: type[V], **computed: object) -> V:
        """A read model of this booking (what a driver sees, a balance, a trip's profit):
        each of its fields is the booking's own of the same name (`booking_id`: the id),
        unless given in `computed`."""
        taken = {
            name: getattr(self, "id" if name == "booking_id" else name)
            for name in cls.model_fields.keys() - computed.keys()
        }
        return cls(**taken, **computed)

    def transition(self, to: BookingStatus) -> None:
        if to not in TRANSITIONS[self.status]:
            raise InvalidTransition(
                f"Booking yang {self.status.label} tidak bisa diubah menjadi {to.label}."
            )
        self.status = to

    def take_back_status(self, previous: BookingStatus) -> None:
        """A confirmation, completion or cancellation made by mistake, taken back: the
        booking returns to the status it came from (only one the machine leads from), and
        a cancellation's fee goes with it."""
        if self.status not in TRANSITIONS[previous]:
            raise InvalidTransition(
                f"Booking yang {self.status.label} tidak bisa dikembalikan menjadi "
                f"{previous.label}."
            )
        if self.status is BookingStatus.CANCELLED:
            self.cancellation_fee = None
        self.status = previous

    # --- money ----------------------------------------------------------------------

    @property
    def net_paid(self) -> int:
        return self.paid_total - self.refunded_total

    @property
    def priced(self) -> bool:
        """Whether a price was agreed. A booking may be written down before it is (a price
        of 0): what the client owes is then unknown, not nothing, and money taken meanwhile
        is a payment towards it, never an overpayment."""
        return self.price > 0

    @property
    def outstanding(self) -> int:
        """Agreed price - payments + refunds. Negative only after a stated overpayment."""
        return self.price - self.net_paid

    @property
    def refund_due(self) -> int:
        """Money to give back: what was paid beyond the fee of a cancelled booking."""
        if self.status is not BookingStatus.CANCELLED or self.cancellation_fee is None:
            return 0
        return max(0, self.net_paid - self.cancellation_fee)

    @property
    def fee_unpaid(self) -> int:
        """Of a cancelled booking: the part of its cancellation fee that what was paid does
        not cover, still owed by the client (the "masih kurang" of CancellationQuote)."""
        if self.status is not BookingStatus.CANCELLED or self.cancellation_fee is None:
            return 0
        return max(0, self.cancellation_fee - self.net_paid)

    @property
    def owed(self) -> int:
        """What the client still owes: of a live booking the unpaid balance, of a cancelled
        one the part of its fee not yet paid. What receivables and aging count."""
        if self.status is BookingStatus.CANCELLED:
            return self.fee_unpaid
        return max(self.outstanding, 0)

    @property
    def balance(self) -> tuple[str, int]:
        """What is still open, as people name it: of a live booking the money the client
        still owes; of a cancelled one the money still to give back (its price no longer
        counts, so a "sisa tagihan" there would be a false debt); of one with no price yet
        what was paid so far (a "sisa tagihan Rp0" would read as paid off)."""
        if self.status is BookingStatus.CANCELLED:
            return ("Sisa refund", self.refund_due)
        if not self.priced:
            return (UNPRICED_PAID, self.net_paid)
        return ("Sisa tagihan", max(self.outstanding, 0))

    def settlement_due(self, settings: TenantSettings) -> date:
        if self.settlement_due_date is not None:
            return self.settlement_due_date
        return self.depart_date - timedelta(days=settings.settlement_days_before_departure)

    def fee_lowered_by(self, refund: int) -> int | None:
        """The cancellation fee left once `refund` more is given back, when giving it back
        leaves the PO less than the fee recorded ("refund 2jt, yg 1jt hangus" of a DP of 3jt
        under a policy fee of 5,5jt: the fee agreed is 1jt); None when the fee stands."""
        if self.status is not BookingStatus.CANCELLED or self.cancellation_fee is None:
            return None
        kept = self.net_paid - refund
        return kept if kept < self.cancellation_fee else None

    def record_payment(self, payment: Payment) -> None:
        """Apply a payment to the balance, refusing what the business never means to do.
        Money from the client confirms a booking still waiting: a DP is what makes a
        charter firm, as a PO counts it."""
        if payment.booking_id != self.id or payment.tenant_id != self.tenant_id:
            raise InvalidInput("Pembayaran ini bukan untuk booking tersebut.")
        payment.confirmed_booking = False
        if payment.type is PaymentType.REFUND:
            if payment.amount > self.net_paid:
                raise InvalidInput(
                    f"Refund {format_rupiah(payment.amount)} melebihi uang yang sudah diterima "
                    f"({format_rupiah(self.net_paid)})."
                )
            self.refunded_total += payment.amount
            if self.fee_lowered_by(0) is not None:
                # Money given back beyond the fee: the fee kept is what the PO keeps (the
                # one it replaces kept on the refund, put back if it is taken back).
                payment.fee_before = self.cancellation_fee
                self.cancellation_fee = self.net_paid
            return
        if self.status is BookingStatus.CANCELLED:
            # Of a cancelled booking only the fee still owed may be paid.
            if not self.fee_unpaid:
                raise InvalidInput("Booking ini sudah dibatalkan; pembayaran tidak bisa dicatat.")
            if payment.amount > self.fee_unpaid:
                raise InvalidInput(
                    "Booking ini sudah dibatalkan; yang masih bisa dibayar hanya sisa biaya "
                    f"pembatalan {format_rupiah(self.fee_unpaid)}."
                )
            self.paid_total += payment.amount
            return
        over = self.priced and payment.amount > max(self.outstanding, 0)
        if over and not payment.overpayment:
            raise Overpayment(
                f"Pembayaran {format_rupiah(payment.amount)} melebihi sisa tagihan "
                f"{format_rupiah(max(self.outstanding, 0))}. Kalau memang lebih bayar, "
                "sebutkan sebagai kelebihan bayar."
            )
        if self.confirmed_by(payment.type):
            self.status = BookingStatus.CONFIRMED
            payment.confirmed_booking = True
        self.paid_total += payment.amount

    def confirmed_by(self, kind: PaymentType) -> bool:
        """Whether money of this kind, received now, confirms this booking: it still waits,
        and the money comes from the client (a refund confirms nothing)."""
        return kind is not PaymentType.REFUND and self.status is BookingStatus.PENDING

    def reverse_payment(self, payment: Payment) -> None:
        """Take back a payment recorded by mistake: the balance is as if it never was."""
        if payment.booking_id != self.id or payment.tenant_id != self.tenant_id:
            raise InvalidInput("Pembayaran ini bukan untuk booking tersebut.")
        if payment.type is PaymentType.REFUND:
            self.refunded_total -= payment.amount
            if payment.fee_before is not None and self.status is BookingStatus.CANCELLED:
                self.cancellation_fee = payment.fee_before
            return
        if self.refunded_total > self.paid_total - payment.amount:
            raise InvalidInput(
                f"Sudah ada refund {format_rupiah(self.refunded_total)} dari uang ini; "
                "hapus dulu refund-nya, baru pembayarannya."
            )
        if self.waits_again_without(payment):
            self.status = BookingStatus.PENDING
        self.paid_total -= payment.amount

    def waits_again_without(self, payment: Payment) -> bool:
        """Whether taking `payment` back leaves this booking waiting for confirmation again:
        it was the money that confirmed it, and no other money stays paid."""
        return (
            payment.confirmed_booking
            and self.status is BookingStatus.CONFIRMED
            and self.net_paid - payment.amount <= 0
        )


class Clash(Value):
    """One reason a booking cannot take its buses or crew: who already holds them."""

    resource: Literal["bus", "crew"]
    resource_id: str
    booking_id: str
    client_name: str
    depart_date: date
    return_date: date


def find_clashes(candidate: Booking, others: Iterable[Booking]) -> list[Clash]:
    """Every live booking that holds one of the candidate's buses or crew on a shared day."""
    if not candidate.is_live:
        return []
    buses, crew = set(candidate.bus_ids()), set(candidate.crew_ids())
    clashes: list[Clash] = []
    for other in others:
        if other.id == candidate.id or not other.is_live or not other.days.overlaps(candidate.days):
            continue
        common = [("bus", b) for b in other.bus_ids() if b in buses]
        common += [("crew", u) for u in other.crew_ids() if u in crew]
        for resource, rid in common:
            clashes.append(
                Clash(
                    resource="bus" if resource == "bus" else "crew",
                    resource_id=rid,
                    booking_id=other.id,
                    client_name=other.client_name,
                    depart_date=other.depart_date,
                    return_date=other.return_date,
                )
            )
    return clashes


def search_window(days: DateRange) -> DateRange:
    """The departure dates a booking overlapping `days` can have (trips are bounded)."""
    return DateRange(start=days.start - timedelta(days=MAX_TRIP_DAYS - 1), end=days.end)


class DriverTrip(Value):
    """What a driver may see of a booking: where and when, never money."""

    booking_id: str
    client_name: str
    route_from: str
    route_to: str
    depart_date: date
    return_date: date
    pickup_time: time | None
    pickup_place: str
    passengers: int | None
    status: BookingStatus
    bus_ids: list[str]
    assignments: list[BusAssignment]  # who drives which bus: the crew see each other
    bus_count: int  # the buses ordered: fewer assigned means a bus is still to be chosen

    @classmethod
    def of(cls, booking: Booking) -> DriverTrip:
        return booking.view(cls, bus_ids=booking.bus_ids())


# "yg ke malang ...": a trip named by where it goes (the reader and the assistant alike).
BY_DESTINATION_RE = re.compile(r"\b(?:yg|yang)\s+ke\b", re.IGNORECASE)
# "biaya trip bali kmrn": a loose "kemarin" may date a trip of days ago (one that ended last
# week), not yesterday itself.
LOOSE_YESTERDAY_RE = re.compile(r"\b(?:kemarin|kemaren|kmrn|kmarin|kemarn|kmren|wingi)\b", re.I)


# Cities as people shorten them in a chat ("trip pak agus ke smg" of a trip to Semarang),
# and Jogja's other names: each with the forms a booking may have written it in.
_PLACE_FORMS: dict[str, tuple[str, ...]] = {
    "smg": ("semarang",),
    "sby": ("surabaya",),
    "jkt": ("jakarta",),
    "bdg": ("bandung",),
    "mlg": ("malang",),
    "dps": ("denpasar", "bali"),
    "pwt": ("purwokerto",),
    "jgja": ("jogja", "yogya"),
    "jogja": ("yogya",),
    "yogya": ("jogja",),
    "yogyakarta": ("jogja",),
}


def names_place(route_to: str | None, place: str) -> bool:
    """A destination names the place, written in any case ("yg ke malang", "Jogja – Malang
    via Batu") or shortened ("smg" of Semarang): for a booking and for the read models of
    its trip alike."""
    dest = (route_to or "").casefold()
    said = place.casefold().strip()
    return any(form in dest for form in (said, *_PLACE_FORMS.get(said, ())))


def fee_kept(paid: int, refund: int) -> int | None:
    """A refund said with a cancellation ("dp 8jt dibalikin 6jt") tells the fee agreed with
    the client: what is kept of what was paid (0 when it all goes back). None when more
    goes back than was paid: no agreement can be read from it."""
    return paid - refund if 0 <= refund <= paid else None


def current_trip(trips: Iterable[Booking], day: date) -> Booking | None:
    """The trip a cost or report said without naming one is for, without asking: the latest
    of `trips` on the road on `day`, or that came back that day or the day before (a driver
    writes up his solar the morning after). None when every one came back earlier: an old
    trip is asked about, never assumed."""
    fresh = [b for b in trips if b.depart_date <= day and b.return_date >= day - timedelta(days=1)]
    return max(fresh, key=lambda b: (b.depart_date, b.id), default=None)


def seats_short(passengers: int | None, seats: Sequence[int | None]) -> int:
    """How many of the passengers the trip's buses cannot seat: 0 when they fit, when no
    bus is chosen yet, or when a bus's seats are not recorded (unknown is not too small)."""
    if not passengers or not seats or any(s is None for s in seats):
        return 0
    return max(0, passengers - sum(s or 0 for s in seats))

"""What the JSON API takes and gives: request and response schemas, apart from the domain
models (which may change shape without breaking a client). Every bound here also keeps a
nonsense value (a year 30000, a NUL byte, a 40-digit number) a clear 400, never a 500."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from keloia.domain.model.alerts import AlertKind
from keloia.domain.model.bookings import Booking, BookingStatus, BusAssignment
from keloia.domain.model.cancellation import FeeKind
from keloia.domain.model.fleet import (
    Bus,
    BusStatus,
    Document,
    DocumentKind,
    DueState,
    MaintenanceType,
)
from keloia.domain.model.money import CostCategory, TripCost, age_of, profit_report
from keloia.domain.model.payments import PaymentType
from keloia.domain.model.tenants import Invite, Role, Tenant, TenantSettings, User
from keloia.domain.services.payments import BookingBalance, ClientBalance
from keloia.domain.services.validation import build


def _sane_day(value: date) -> date:
    if not date(2000, 1, 1) <= value <= date(2100, 12, 31):
        raise ValueError("tanggal di luar rentang 2000-2100")
    return value


Day = Annotated[date, AfterValidator(_sane_day), Field(examples=["2026-03-15"])]
Money = Annotated[int, Field(strict=True, ge=0, le=100_000_000_000, examples=[15_000_000])]
PositiveMoney = Annotated[int, Field(strict=True, gt=0, le=100_000_000_000, examples=[5_000_000])]
Km = Annotated[int, Field(ge=0, le=10_000_000, examples=[120_500])]
# A time of day as "HH:MM" or "HH:MM:SS" (a plain string in the OpenAPI document, where
# Litestar would otherwise describe a time as a duration).
Clock = Annotated[
    str, Field(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$", examples=["05:30"])
]


def clock_of(value: time | None) -> str | None:
    return value.strftime("%H:%M") if value is not None else None


def time_of(value: str | None) -> time | None:
    return time.fromisoformat(value) if value else None


Id = Annotated[str, Field(min_length=1, max_length=40, examples=["01JD6Z7Q8XK2M3N4P5R6S7T8V9"])]


class In(BaseModel):
    """Base of request bodies: unknown fields refused, no NUL bytes in any text."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul(cls, value: Any) -> Any:
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("teks berisi karakter yang tidak valid")
        return value


class Out(BaseModel):
    """Base of responses. One made of a domain record's fields of the same names is read
    from the record (`model_validate(record)`); an `of` only where a schema adds to them."""

    model_config = ConfigDict(from_attributes=True)


class ErrorOut(Out):
    status_code: int = Field(examples=[409])
    detail: str = Field(examples=["Jadwal bentrok: Bus 01 sudah dipakai booking Pak Agus."])


# --- auth ------------------------------------------------------------------------------


class OtpIn(In):
    phone: str = Field(min_length=6, max_length=30, examples=["+6281200000001"])


class OtpOut(Out):
    detail: str = Field(
        examples=["Jika nomor ini terdaftar sebagai pemilik atau admin, kode masuk dikirim."]
    )


class VerifyIn(In):
    phone: str = Field(min_length=6, max_length=30, examples=["+6281200000001"])
    code: str = Field(min_length=1, max_length=12, examples=["123456"])


class TokenOut(Out):
    token: str = Field(examples=["k2VQ0c3m8x…"])


class PersonOut(Out):
    """A member of the PO as the API shows one (the session's user, a team member)."""

    id: str
    name: str = Field(examples=["Pak Budi"])
    phone: str = Field(examples=["+6281200000001"])
    role: Role


class MeOut(PersonOut):
    tenant_id: str
    csrf_token: str = Field(description="send as X-CSRF-Token with cookie-session writes")


# --- schedule --------------------------------------------------------------------------


class AssignmentIO(In):
    bus_id: Id
    driver_id: Id | None = None
    co_driver_id: Id | None = None


class BookingOut(Out):
    id: str
    client_name: str = Field(examples=["Pak Agus"])
    client_phone: str | None = None
    route_from: str = Field(examples=["Jogja"])
    route_to: str = Field(examples=["Semarang"])
    depart_date: date
    return_date: date
    pickup_time: Clock | None = None
    pickup_place: str = ""
    passengers: int | None = None
    price: int = Field(examples=[15_000_000])
    status: BookingStatus
    bus_count: int
    unassigned_buses: int
    assignments: list[AssignmentIO]
    notes: str = ""
    settlement_due: date
    paid: int = Field(examples=[5_000_000])
    outstanding: int = Field(examples=[10_000_000])

    @classmethod
    def of(cls, booking: Booking, settings: TenantSettings) -> BookingOut:
        return cls(
            **booking.model_dump(
                include={
                    "id",
                    "client_name",
                    "client_phone",
                    "route_from",
                    "route_to",
                    "depart_date",
                    "return_date",
                    "pickup_place",
                    "passengers",
                    "price",
                    "status",
                    "bus_count",
                    "notes",
                }
            ),
            pickup_time=clock_of(booking.pickup_time),
            assignments=[AssignmentIO(**a.model_dump()) for a in booking.assignments],
            unassigned_buses=booking.unassigned_buses(),
            settlement_due=booking.settlement_due(settings),
            paid=booking.net_paid,
            outstanding=booking.outstanding,
        )


class PaymentOut(Out):
    id: str
    booking_id: str
    type: PaymentType
    amount: int = Field(examples=[5_000_000])
    method: str | None = Field(default=None, examples=["transfer_bca"])
    paid_date: date
    note: str = ""
    overpayment: bool = False
    recorded_by: str
    created_at: datetime


class BookingDetailOut(Out):
    booking: BookingOut
    payments: list[PaymentOut]


class TripOut(Out):
    """A booking as a driver may see it: never money."""

    booking_id: str
    client_name: str
    route_from: str
    route_to: str
    depart_date: date
    return_date: date
    pickup_time: Clock | None
    pickup_place: str
    passengers: int | None
    status: BookingStatus
    bus_ids: list[str]


# The limits of what a booking says, one declaration each for a new booking (BookingIn)
# and a change (BookingPatch), which accept the same values.
CLIENT_NAME = Field(min_length=1, max_length=120)
CLIENT_PHONE = Field(max_length=30)
PLACE = Field(max_length=120)
PICKUP_PLACE = Field(max_length=200)
PASSENGERS = Field(ge=1, le=2000)
BUS_COUNT = Field(ge=1, le=50)
ASSIGNMENTS = Field(max_length=50)
NOTES = Field(max_length=1000)


class BookingIn(In):
    client_name: Annotated[str, CLIENT_NAME] = Field(examples=["Pak Agus"])
    client_phone: Annotated[str | None, CLIENT_PHONE] = Field(
        default=None, examples=["081234567890"]
    )
    route_from: Annotated[str, PLACE] = Field(default="", examples=["Jogja"])
    route_to: Annotated[str, PLACE] = Field(default="", examples=["Semarang"])
    depart_date: Day
    return_date: Day | None = None
    pickup_time: Clock | None = None
    pickup_place: Annotated[str, PICKUP_PLACE] = ""
    passengers: Annotated[int | None, PASSENGERS] = None
    price: Money = 0
    bus_count: Annotated[int | None, BUS_COUNT] = None
    assignments: Annotated[list[AssignmentIO], ASSIGNMENTS] = Field(default_factory=list)
    notes: Annotated[str, NOTES] = ""
    settlement_due_date: Day | None = None
    acknowledge_warnings: bool = Field(
        default=False, description="go ahead despite warnings (an expiring KIR or SIM)"
    )


class BookingPatch(In):
    client_name: Annotated[str | None, CLIENT_NAME] = None
    client_phone: Annotated[str | None, CLIENT_PHONE] = None
    route_from: Annotated[str | None, PLACE] = None
    route_to: Annotated[str | None, PLACE] = None
    depart_date: Day | None = None
    return_date: Day | None = None
    pickup_time: Clock | None = None
    pickup_place: Annotated[str | None, PICKUP_PLACE] = None
    passengers: Annotated[int | None, PASSENGERS] = None
    price: Money | None = None
    bus_count: Annotated[int | None, BUS_COUNT] = None
    assignments: Annotated[list[AssignmentIO] | None, ASSIGNMENTS] = None
    notes: Annotated[str | None, NOTES] = None
    settlement_due_date: Day | None = None
    status: BookingStatus | None = Field(default=None, examples=["confirmed"])
    acknowledge_warnings: bool = False


class CheckOut(Out):
    """A dry run of a booking: whether it can be saved, and the buses free on its days."""

    ok: bool
    detail: str = ""
    warnings: list[str] = Field(default_factory=list)
    free_buses: list[BusRef] = Field(default_factory=list)
    free_drivers: list[PersonRef] = Field(default_factory=list)


class BusRef(Out):
    id: str
    name: str = Field(examples=["Bus 01"])
    plate: str = ""
    seats: int | None = None


class PersonRef(Out):
    id: str
    name: str = Field(examples=["Joko"])


CheckOut.model_rebuild()


# --- assets ----------------------------------------------------------------------------


class BusOut(Out):
    id: str
    name: str = Field(examples=["Bus 01"])
    plate: str = Field(examples=["AB 7001 KA"])
    seats: int | None = Field(default=None, examples=[50])
    status: BusStatus
    odometer_km: int | None = None
    bus_class: str = Field(default="", examples=["Big Bus"])
    today: str = Field(examples=["siap jalan"], description="the bus's state today, in words")
    booked_by: str | None = Field(default=None, description="booking holding it today")
    workshop_from: date | None = Field(default=None, description="a workshop stay's first day")
    workshop_until: date | None = Field(
        default=None, description="its last day; none: until the bus is reported out"
    )

    @classmethod
    def of(cls, bus: Bus, today: str, booked_by: str | None = None) -> BusOut:
        return cls(**bus.model_dump(exclude={"tenant_id"}), today=today, booked_by=booked_by)


class MaintenanceOut(Out):
    id: str
    type: MaintenanceType
    performed_date: date
    cost: int
    odometer_km: int | None
    description: str
    next_due_date: date | None
    recorded_by: str


class DocumentOut(Out):
    id: str
    kind: DocumentKind
    bus_id: str | None
    user_id: str | None
    number: str
    expires_on: date
    expiry: Literal["expired", "14", "30", "ok"] = Field(
        description="expired, within 14 days, within 30 days, or fine"
    )

    @classmethod
    def of(cls, doc: Document, today: date) -> DocumentOut:
        return cls(**doc.model_dump(exclude={"tenant_id"}), expiry=expiry_class(doc, today))


def expiry_class(doc: Document, today: date) -> Literal["expired", "14", "30", "ok"]:
    left = (doc.expires_on - today).days
    if left < 0:
        return "expired"
    if left < 14:
        return "14"
    if left < 30:
        return "30"
    return "ok"


class ServiceOut(Out):
    type: MaintenanceType
    due_date: date | None
    due_km: int | None
    state: DueState


class BusDetailOut(Out):
    bus: BusOut
    maintenance: list[MaintenanceOut]
    documents: list[DocumentOut]
    services: list[ServiceOut]


class BusIn(In):
    name: str = Field(min_length=1, max_length=60, examples=["Srikandi"])
    plate: str = Field(default="", max_length=20, examples=["AB 1234 XY"])
    seats: int | None = Field(default=None, ge=1, le=100, examples=[45])
    bus_class: str = Field(default="", max_length=40, examples=["Big Bus"])


class BusPatch(In):
    name: str | None = Field(default=None, min_length=1, max_length=60)
    plate: str | None = Field(default=None, max_length=20)
    seats: int | None = Field(default=None, ge=1, le=100)
    bus_class: str | None = Field(default=None, max_length=40)
    status: BusStatus | None = None


class BulkBusesIn(In):
    text: str = Field(
        min_length=1,
        max_length=20_000,
        description="one bus a line: name, plate, seats, class (tab, comma or semicolon "
        "between; plate and class may be left out)",
        examples=["Bus 01\tAB 7001 KA\t50\nSrikandi\tAB 1234 XY\t45"],
    )


class MaintenanceIn(In):
    type: MaintenanceType
    performed_date: Day | None = None
    cost: Money = 0
    odometer_km: Km | None = None
    description: str = Field(default="", max_length=500, examples=["ganti oli mesin"])
    next_due_date: Day | None = None


class DocumentIn(In):
    kind: DocumentKind
    expires_on: Day
    number: str = Field(default="", max_length=60, examples=["KIR-001"])
    bus_id: Id | None = None
    user_id: Id | None = None


class DocumentPatch(In):
    expires_on: Day


class IntervalIn(In):
    type: MaintenanceType
    every_days: int | None = Field(default=None, ge=1, le=3650, examples=[60])
    every_km: int | None = Field(default=None, ge=1, le=1_000_000, examples=[10_000])


class IntervalOut(Out):
    bus_id: str
    type: MaintenanceType
    every_days: int | None
    every_km: int | None


# --- money -----------------------------------------------------------------------------


class BalanceOut(Out, BookingBalance):
    """A booking's balance as the read model gives it, with its age."""

    aging: str = Field(examples=["8-30"], description="days past due: belum, 0-7, 8-30, 31+")


class ClientOut(Out):
    client_name: str
    total: int
    bookings: list[BalanceOut]

    @classmethod
    def of(cls, client: ClientBalance, today: date) -> ClientOut:
        return cls(
            client_name=client.client_name,
            total=client.total,
            bookings=[
                BalanceOut(**b.model_dump(), aging=age_of(b.settlement_due, today).value)
                for b in client.bookings
            ],
        )


class MonthOut(Out):
    month: date
    received: int
    outstanding: int


class FinancialsOut(Out):
    date_from: date = Field(serialization_alias="from")
    date_to: date = Field(serialization_alias="to")
    received: int = Field(examples=[42_500_000])
    refunded: int
    outstanding: int
    aging: dict[str, int] = Field(examples=[{"belum": 10_000_000, "0-7": 2_200_000}])
    payments: list[PaymentOut]
    receivables: list[ClientOut]
    months: list[MonthOut]


class PaymentIn(In):
    booking_id: Id
    type: PaymentType
    amount: PositiveMoney
    method: (
        Literal[
            "cash",
            "qris",
            "transfer",
            "transfer_bca",
            "transfer_bri",
            "transfer_bni",
            "transfer_mandiri",
        ]
        | None
    ) = None
    paid_date: Day | None = None
    note: str = Field(default="", max_length=300)
    overpayment: bool = False


class TripCostIn(In):
    booking_id: Id
    category: CostCategory = Field(examples=["bbm"])
    amount: PositiveMoney
    bus_id: Id | None = Field(default=None, description="empty: a cost of the whole trip")
    note: str = Field(default="", max_length=300, examples=["solar Jogja-Semarang PP"])


class TripCostOut(Out):
    id: str
    booking_id: str
    bus_id: str | None = None
    category: CostCategory
    label: str = Field(examples=["BBM"])
    amount: int = Field(examples=[1_200_000])
    trip_date: date
    note: str = ""
    recorded_by: str
    created_at: datetime

    @classmethod
    def of(cls, cost: TripCost) -> TripCostOut:
        return cls(**cost.model_dump(exclude={"tenant_id"}), label=cost.category.label)


class TripMoneyOut(Out):
    """A trip's revenue (its price, or for a cancelled one the fee kept), its costs and
    the profit; for a cancelled booking the fee and what is owed back."""

    booking_id: str
    revenue: int = Field(examples=[15_000_000])
    costs: int = Field(examples=[4_350_000])
    profit: int = Field(examples=[10_650_000])
    by_category: dict[str, int] = Field(examples=[{"bbm": 1_200_000, "tol": 450_000}])
    items: list[TripCostOut]
    cancellation_fee: int | None = Field(default=None, description="cancelled bookings only")
    refund_due: int = 0

    @classmethod
    def of(cls, booking: Booking, costs: list[TripCost]) -> TripMoneyOut:
        trip = profit_report([booking], costs).trips[0]
        fields = trip.model_dump(include={"booking_id", "revenue", "costs", "by_category"})
        fee = {"cancellation_fee": booking.cancellation_fee, "refund_due": booking.refund_due}
        return cls(**fields, **fee, profit=trip.profit, items=[TripCostOut.of(c) for c in costs])


class AlertOut(Out):
    id: str
    kind: AlertKind
    text: str = Field(examples=["Booking baru dari Sari: Pak Agus, Jogja – Semarang, 15 Mar."])
    entity: str
    entity_id: str
    created_at: datetime
    read: bool


class ReadOut(Out):
    changed: int


# --- settings --------------------------------------------------------------------------


class MemberOut(PersonOut):
    active: bool
    sim_expires_on: date | None = None

    @classmethod
    def of(cls, user: User, sim: date | None = None) -> MemberOut:
        return cls(**user.model_dump(), sim_expires_on=sim)


class MemberPatch(In):
    role: Role | None = None
    active: bool | None = Field(default=None, description="false removes the member")
    name: str | None = Field(default=None, min_length=1, max_length=120)


class InviteIn(In):
    role: Literal["admin", "driver"] = Field(examples=["driver"])
    valid_days: int = Field(default=7, ge=1, le=90)
    max_uses: int = Field(default=1, ge=1, le=100)


class InviteOut(Out):
    code: str = Field(examples=["K7M2QX9A"])
    role: Role
    created_at: datetime
    expires_at: datetime
    max_uses: int
    uses: int
    usable: bool

    @classmethod
    def of(cls, invite: Invite, now: datetime) -> InviteOut:
        return cls(
            **invite.model_dump(exclude={"tenant_id", "created_by"}),
            usable=now < invite.expires_at and invite.uses < invite.max_uses,
        )


class TierIO(In):
    """A cancellation tier: cancelling at least `min_days_before` days before departure
    (0: on the day) costs an admin fee (`amount`), the DP, or `percent` of the price."""

    min_days_before: int = Field(ge=-366, le=366, examples=[8])
    kind: FeeKind = Field(examples=["dp"])
    amount: Money = 0
    percent: int = Field(default=0, ge=0, le=100)


ReminderDays = Annotated[int, Field(ge=1, le=60)]
DocumentDays = Annotated[int, Field(ge=1, le=120)]


class TenantOut(Out):
    id: str
    name: str = Field(examples=["PO Sinar Jaya"])
    settlement_days_before_departure: int = Field(examples=[3], description="pelunasan H-N")
    expiry_warning_days: int = Field(examples=[30])
    cancellation_policy: str = ""
    address: str = Field(default="", examples=["Jl. Magelang Km 5, Sleman"])
    phone: str = Field(default="", examples=["0274 123456"])
    uang_jalan_per_day: int = Field(default=0, examples=[500_000])
    briefing_time: Clock = Field(description="the morning briefing, local time")
    settlement_reminder_days: list[int] = Field(examples=[[7, 3, 1]])
    document_reminder_days: list[int] = Field(examples=[[30, 14, 7, 1]])
    cancellation_fees: list[TierIO]

    @classmethod
    def of(cls, tenant: Tenant) -> TenantOut:
        settings = tenant.settings.model_dump(exclude={"timezone", "logo_key"})
        settings["briefing_time"] = clock_of(tenant.settings.briefing_time)
        settings["cancellation_fees"] = settings["cancellation_fees"]["tiers"]
        return cls(id=tenant.id, name=tenant.name, **settings)


class TenantPatch(In):
    name: str | None = Field(default=None, min_length=1, max_length=120)
    settlement_days_before_departure: int | None = Field(default=None, ge=0, le=60)
    expiry_warning_days: int | None = Field(default=None, ge=1, le=180)
    cancellation_policy: str | None = Field(default=None, max_length=1500)
    address: str | None = Field(default=None, max_length=300)
    phone: str | None = Field(default=None, max_length=40)
    uang_jalan_per_day: Money | None = None
    briefing_time: Clock | None = None
    settlement_reminder_days: list[ReminderDays] | None = Field(None, min_length=1, max_length=6)
    document_reminder_days: list[DocumentDays] | None = Field(None, min_length=1, max_length=6)
    cancellation_fees: list[TierIO] | None = Field(None, min_length=1, max_length=10)

    def settings(self) -> dict[str, object]:
        """The tenant settings this patch changes, as the domain reads them."""
        values = self.model_dump(exclude_unset=True, exclude_none=True, exclude={"name"})
        if "cancellation_fees" in values:
            tiers = sorted(values["cancellation_fees"], key=lambda t: -t["min_days_before"])
            values["cancellation_fees"] = {"tiers": tiers}
        return values


class SetupStep(Out):
    key: str
    label: str
    done: bool
    href: str


class SetupOut(Out):
    steps: list[SetupStep]
    done: bool


def assignment(a: AssignmentIO) -> BusAssignment:
    return build(BusAssignment, **a.model_dump())

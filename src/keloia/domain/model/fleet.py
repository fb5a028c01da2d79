"""Buses, their maintenance, odometer readings and the documents that expire."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from datetime import date, timedelta
from enum import StrEnum

from pydantic import Field, model_validator

from keloia.domain.model.common import (
    DateRange,
    Entity,
    Labelled,
    NonNegativeRupiah,
    TenantRecord,
    broken,
)
from keloia.domain.model.papers import terbilang
from keloia.domain.model.tenants import TenantSettings


class BusStatus(Labelled):
    """What people set. 'Booked on a day' is derived from the schedule, never stored."""

    AVAILABLE = "available", "siap jalan"
    MAINTENANCE = "maintenance", "di bengkel"
    RETIRED = "retired", "tidak dipakai lagi"


# A bus named with its number in words, as said to voice typing: "bis tiga" is the bus
# numbered 3, "bus sebelas" 11, "bis dua puluh satu" 21 (the words a kwitansi writes).
_NUMBER_SAID = {terbilang(n): n for n in range(1, 100)}
# "unit 04" and "armada 4" are how a PO numbers its buses too.
_BUS_SAID_RE = re.compile(
    r"^\s*(?:bus|bis|unit|armada)\s*[-.]?\s*(?P<n>[a-z ]+?|\d{1,3})\s*$", re.IGNORECASE
)


def bus_number(named: str) -> int | None:
    """The number a bus is named by: "bus 03", "Bus 3", "BUS-3", "unit 03" and "bis tiga"
    are 3; None for a bus named otherwise ("Srikandi", "Bus Jogja")."""
    m = _BUS_SAID_RE.match(named)
    if m is None:
        return None
    said = m.group("n")
    if said.isdigit():
        return int(said)
    return _NUMBER_SAID.get(" ".join(said.casefold().split()))


# "ban bus 01 udh diganti serep", "pake ban cadangan dulu": the flat swapped for the spare on
# the road, news of a problem dealt with; the repair (a patch, a new tyre) comes later. Not
# "ganti ban serep baru" (a new spare bought: a repair) nor "ban serep gembos". One source
# for the rules reader and the assistant.
SPARE_SWAP_RE = re.compile(
    r"\b(?:(?:di)?(?:ganti|pasang|tuker|tukar)\w*|pake|pakai|(?:di)?pake)\s+(?:ban\s+)?"
    r"(?:serep|serap|cadangan)\b(?!\s+baru)"
)


class MaintenanceType(Labelled):
    OIL_CHANGE = "oil_change", "ganti oli"
    TIRE = "tire", "ban"
    BRAKE = "brake", "rem"
    GENERAL_SERVICE = "general_service", "servis berkala"
    AC = "ac", "AC"
    ELECTRICAL = "electrical", "kelistrikan"
    BODY = "body", "bodi"
    ENGINE = "engine", "mesin"
    OTHER = "other", "lainnya"


class Bus(TenantRecord):
    name: str = Field(min_length=1, max_length=60)  # "Bus 01", "Srikandi"
    plate: str = Field(default="", max_length=20)
    seats: int | None = Field(default=None, ge=1, le=100)
    status: BusStatus = BusStatus.AVAILABLE
    odometer_km: int | None = Field(default=None, ge=0)
    # The class the PO sells it as ("Big Bus", "Medium", "SHD", "Executive"): free text.
    bus_class: str = Field(default="", max_length=40)
    # A workshop stay of given days ("masuk bengkel tgl 3 sampe tgl 5"), planned or under
    # way: no trips on those days. Without an end, until the bus is reported out. A stay
    # without dates is the status alone (in the workshop now, until reported out).
    workshop_from: date | None = None
    workshop_until: date | None = None

    @model_validator(mode="after")
    def _stay_in_order(self) -> Bus:
        if self.workshop_until is not None and (
            self.workshop_from is None or self.workshop_until < self.workshop_from
        ):
            raise broken("workshop_ends_before_start", "a workshop stay ends after it starts")
        return self

    def in_workshop(self, days: DateRange) -> bool:
        """In the workshop on any day of `days`."""
        if self.workshop_from is not None:
            end = self.workshop_until or date.max
            return self.workshop_from <= days.end and days.start <= end
        return self.status is BusStatus.MAINTENANCE

    def can_be_scheduled(self, days: DateRange | None = None) -> bool:
        """Free to take a trip on `days` as far as the bus itself goes (the schedule aside);
        without days, as its status says."""
        if days is None:
            return self.status is BusStatus.AVAILABLE
        return self.status is not BusStatus.RETIRED and not self.in_workshop(days)


class MaintenanceLog(TenantRecord):
    bus_id: str
    type: MaintenanceType
    performed_date: date
    cost: NonNegativeRupiah = 0
    odometer_km: int | None = Field(default=None, ge=0)
    description: str = Field(default="", max_length=500)
    next_due_date: date | None = None
    recorded_by: str

    @model_validator(mode="after")
    def _next_due_after_work(self) -> MaintenanceLog:
        if self.next_due_date is not None and self.next_due_date <= self.performed_date:
            raise broken("next_due_not_after_work", "next_due_date must come after performed_date")
        return self


class ServiceInterval(Entity):
    """A bus is due for `type` every `every_days` or every `every_km`, whichever comes first."""

    tenant_id: str
    bus_id: str
    type: MaintenanceType
    every_days: int | None = Field(default=None, ge=1)
    every_km: int | None = Field(default=None, ge=1)

    @model_validator(mode="after")
    def _one_measure(self) -> ServiceInterval:
        if self.every_days is None and self.every_km is None:
            raise broken("interval_without_measure", "a service interval needs days or kilometres")
        return self


class OdometerReading(TenantRecord):
    bus_id: str
    reading_date: date
    km: int = Field(ge=0)


class DocumentKind(Labelled):
    KIR = "kir", "KIR"
    STNK = "stnk", "STNK"
    IZIN_ANGKUTAN = "izin_angkutan", "izin angkutan"
    INSURANCE = "insurance", "asuransi"
    SIM = "sim", "SIM"


BUS_DOCUMENTS = frozenset(
    {DocumentKind.KIR, DocumentKind.STNK, DocumentKind.IZIN_ANGKUTAN, DocumentKind.INSURANCE}
)
PERSON_DOCUMENTS = frozenset({DocumentKind.SIM})
# Without these a bus or driver may not legally carry passengers: assigning one that
# expires before the trip ends needs an explicit acknowledgement.
ROAD_DOCUMENTS = frozenset({DocumentKind.KIR, DocumentKind.SIM})


class Document(TenantRecord):
    kind: DocumentKind
    bus_id: str | None = None
    user_id: str | None = None
    number: str = Field(default="", max_length=60)
    expires_on: date

    @model_validator(mode="after")
    def _right_holder(self) -> Document:
        if self.kind in BUS_DOCUMENTS and (self.bus_id is None or self.user_id is not None):
            raise broken("document_needs_bus", f"a {self.kind} document belongs to a bus")
        if self.kind in PERSON_DOCUMENTS and (self.user_id is None or self.bus_id is not None):
            raise broken("document_needs_person", f"a {self.kind} document belongs to a person")
        return self

    def expires_before(self, day: date) -> bool:
        return self.expires_on < day


def road_papers_of(documents: Iterable[Document], holders: Collection[str]) -> list[Document]:
    """The road papers (KIR, SIM) of these buses and people now: of each holder's kind the
    one that runs longest, since a renewal may be recorded as a new document."""
    latest: dict[tuple[str, DocumentKind], Document] = {}
    for doc in documents:
        key = (doc.bus_id or doc.user_id or "", doc.kind)
        if doc.kind not in ROAD_DOCUMENTS or key[0] not in holders:
            continue
        if key not in latest or doc.expires_on > latest[key].expires_on:
            latest[key] = doc
    return list(latest.values())


def papers_lapsing_by(
    documents: Iterable[Document], holders: Collection[str], day: date
) -> list[Document]:
    """The road papers of these buses and people that run out before `day` (the last day
    of a trip, or of the days asked about): not fit for the road then unless renewed."""
    lapsing = [d for d in road_papers_of(documents, holders) if d.expires_before(day)]
    return sorted(lapsing, key=lambda d: (d.expires_on, d.kind))


class DueState(StrEnum):
    OK = "ok"
    DUE = "due"  # within the warning window
    OVERDUE = "overdue"


class ServiceDue(Entity):
    bus_id: str
    type: MaintenanceType
    due_date: date | None
    due_km: int | None
    state: DueState


def service_due(
    interval: ServiceInterval,
    last: MaintenanceLog | None,
    odometer_km: int | None,
    today: date,
    warning_days: int,
    warning_km: int = 1000,
) -> ServiceDue:
    """When `interval.type` is next due for a bus, by date or kilometres, whichever first.

    A bus never serviced for this type is due now: nobody knows when it was last done."""
    if last is None:
        return ServiceDue(
            bus_id=interval.bus_id,
            type=interval.type,
            due_date=today,
            due_km=None,
            state=DueState.DUE,
        )
    due_date = (
        last.performed_date + timedelta(days=interval.every_days)
        if interval.every_days is not None
        else None
    )
    if last.next_due_date is not None:
        due_date = min(due_date, last.next_due_date) if due_date else last.next_due_date
    due_km = (
        last.odometer_km + interval.every_km
        if interval.every_km is not None and last.odometer_km is not None
        else None
    )
    overdue = (due_date is not None and today > due_date) or (
        due_km is not None and odometer_km is not None and odometer_km > due_km
    )
    due = (due_date is not None and today >= due_date - timedelta(days=warning_days)) or (
        due_km is not None and odometer_km is not None and odometer_km >= due_km - warning_km
    )
    state = DueState.OVERDUE if overdue else DueState.DUE if due else DueState.OK
    return ServiceDue(
        bus_id=interval.bus_id, type=interval.type, due_date=due_date, due_km=due_km, state=state
    )


def services_due(
    intervals: list[ServiceInterval],
    latest: dict[tuple[str, MaintenanceType], MaintenanceLog],
    buses: list[Bus],
    today: date,
    warning_days: int,
    *,
    include_ok: bool = False,
) -> list[ServiceDue]:
    """Every service due soon or overdue on the fleet in use (retired buses left out);
    with `include_ok`, every interval's next date or km (the fleet page's plan)."""
    in_use = {b.id: b for b in buses if b.status is not BusStatus.RETIRED}
    found = []
    for interval in intervals:
        bus = in_use.get(interval.bus_id)
        if bus is None:
            continue
        due = service_due(
            interval, latest.get((bus.id, interval.type)), bus.odometer_km, today, warning_days
        )
        if include_ok or due.state is not DueState.OK:
            found.append(due)
    return found


def service_warning_days(settings: TenantSettings) -> int:
    """How early a service is flagged: the tenant's warning window, at most two weeks."""
    return min(settings.expiry_warning_days, 14)

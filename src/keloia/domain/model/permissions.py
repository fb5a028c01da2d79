"""Who may do what: the RBAC matrix as data, the one answer for WhatsApp and dashboard.

The dashboard's routes may be narrower still (docs/contracts.md "Running Keloia" keeps
money and fleet writing on the dashboard to the owner), never wider."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from enum import StrEnum

from keloia.domain.errors import Forbidden
from keloia.domain.model.bookings import Booking
from keloia.domain.model.fleet import Document
from keloia.domain.model.tenants import Role, User


class Resource(StrEnum):
    BOOKING = "booking"
    PAYMENT = "payment"  # any money: prices, payments, receivables
    TRIP_COST = "trip_cost"  # what a trip cost; a driver may report the costs of own trips
    # The uang jalan a bus's crew carries for a trip (the PO's daily rate): printed on the
    # surat jalan the driver holds, so he may read it for his own trips.
    UANG_JALAN = "uang_jalan"
    # Who drives which bus on a day (buses and crew names only, no client, no money), and
    # who is on the team (names and roles, no numbers): the crew of a small PO coordinate
    # with each other.
    CREW_ROSTER = "crew_roster"
    BUS = "bus"  # the fleet itself: add, rename, retire
    BUS_STATUS = "bus_status"  # available / in the workshop, as reported from the field
    MAINTENANCE = "maintenance"
    DOCUMENT = "document"
    TEAM = "team"
    INVITE = "invite"
    ALERT = "alert"
    SETTINGS = "settings"  # the PO's name, policies and reminder timing
    # Word passed on by the assistant to a teammate of the same PO ("bilangin joko ...").
    TEAM_MESSAGE = "team_message"
    # Voiding or correcting by chat a record saved by chat today ("hapus yang barusan",
    # "yg barusan pak hendra salah, tfnya 2,5jt"): OWN, only one's own records; ALL, a
    # record anyone in the PO saved today (the owner, who may change everything on the
    # dashboard too). Older records are changed on the dashboard.
    TAKEN_BACK = "taken_back"
    # The PO's paper trail (who changed what): it tells of money (payments, fees) beside
    # everything else, so it is read by whoever reads the money, the owner and admins.
    ACTIVITY = "activity"


class Action(StrEnum):
    READ = "read"
    CREATE = "create"
    UPDATE = "update"
    COMPLETE = "complete"  # a trip is done


class Scope(StrEnum):
    ALL = "all"  # every record of the tenant
    OWN = "own"  # only records the user is part of (a driver's own trips)


_O, _A, _D = Role.OWNER, Role.ADMIN, Role.DRIVER
ALL, OWN = Scope.ALL, Scope.OWN

# A missing role means "no". Drivers never appear next to PAYMENT: a driver never sees money.
MATRIX: dict[Resource, dict[Action, dict[Role, Scope]]] = {
    Resource.BOOKING: {
        Action.READ: {_O: ALL, _A: ALL, _D: OWN},
        Action.CREATE: {_O: ALL, _A: ALL},
        Action.UPDATE: {_O: ALL, _A: ALL},
        Action.COMPLETE: {_O: ALL, _A: ALL, _D: OWN},
    },
    Resource.PAYMENT: {
        Action.READ: {_O: ALL, _A: ALL},
        Action.CREATE: {_O: ALL, _A: ALL},
    },
    # Reporting a cost is not seeing money: a driver tells what was spent on the road, and
    # never reads prices, payments or profit.
    Resource.TRIP_COST: {
        Action.READ: {_O: ALL, _A: ALL},
        Action.CREATE: {_O: ALL, _A: ALL, _D: OWN},
    },
    Resource.UANG_JALAN: {Action.READ: {_O: ALL, _A: ALL, _D: OWN}},
    Resource.CREW_ROSTER: {Action.READ: {_O: ALL, _A: ALL, _D: ALL}},
    Resource.BUS: {
        Action.READ: {_O: ALL, _A: ALL, _D: ALL},
        Action.CREATE: {_O: ALL},
        Action.UPDATE: {_O: ALL},
    },
    Resource.BUS_STATUS: {Action.UPDATE: {_O: ALL, _A: ALL, _D: ALL}},
    Resource.MAINTENANCE: {
        Action.READ: {_O: ALL, _A: ALL, _D: ALL},
        Action.CREATE: {_O: ALL, _A: ALL, _D: ALL},
    },
    # A driver reads his own papers (his SIM) and those of a bus he carries them in on a
    # trip soon (carried_buses), never another bus's or another driver's. The admin handles
    # the KIR and STNK paperwork, so records a renewal by chat too (on the dashboard,
    # documents stay the owner's: dashboard/security.py ADD_DOCUMENTS).
    Resource.DOCUMENT: {
        Action.READ: {_O: ALL, _A: ALL, _D: OWN},
        Action.CREATE: {_O: ALL, _A: ALL},
        Action.UPDATE: {_O: ALL, _A: ALL},
    },
    Resource.TEAM: {Action.READ: {_O: ALL, _A: ALL}, Action.UPDATE: {_O: ALL}},
    Resource.INVITE: {Action.CREATE: {_O: ALL}},
    Resource.ALERT: {
        Action.READ: {_O: ALL, _A: ALL, _D: OWN},
        Action.UPDATE: {_O: OWN, _A: OWN, _D: OWN},  # marking one's own alerts read
    },
    Resource.SETTINGS: {Action.READ: {_O: ALL, _A: ALL}, Action.UPDATE: {_O: ALL}},
    Resource.TEAM_MESSAGE: {Action.CREATE: {_O: ALL, _A: ALL, _D: ALL}},
    # The owner may take back anyone's record of today (the one who saved it is told);
    # admins and drivers only their own.
    Resource.TAKEN_BACK: {Action.UPDATE: {_O: ALL, _A: OWN, _D: OWN}},
    Resource.ACTIVITY: {Action.READ: {_O: ALL, _A: ALL}},
}

_REFUSALS = {
    Resource.BOOKING: "Maaf, booking hanya bisa dicatat dan diubah pemilik atau admin.",
    Resource.PAYMENT: "Maaf, informasi dan pencatatan uang hanya untuk pemilik dan admin.",
    Resource.TRIP_COST: "Maaf, laporan biaya dan laba hanya untuk pemilik dan admin.",
    Resource.BUS: "Maaf, perubahan data armada hanya bisa dilakukan pemilik.",
    Resource.DOCUMENT: "Maaf, dokumen kendaraan hanya bisa diubah pemilik atau admin.",
    Resource.TEAM: "Maaf, pengaturan tim hanya bisa dilakukan pemilik.",
    Resource.INVITE: "Maaf, kode undangan hanya bisa dibuat pemilik.",
    Resource.SETTINGS: "Maaf, pengaturan PO hanya bisa diubah pemilik.",
}

# Reading is refused in its own words where the change's refusal would not fit.
_READ_REFUSALS = {
    Resource.BOOKING: "Maaf, booking hanya bisa dicatat dan diubah pemilik atau admin.",
    Resource.DOCUMENT: "Maaf, data dokumen kendaraan dan SIM hanya untuk pemilik dan admin.",
    Resource.ACTIVITY: "Maaf, catatan perubahan data PO hanya untuk pemilik dan admin.",
}
# What someone who may read only their own records is told when asking of others'.
OWN_DOCUMENTS_ONLY = (
    "Maaf, Anda hanya bisa melihat SIM Anda sendiri dan surat-surat bus yang Anda bawa "
    "untuk trip hari ini sampai 14 hari ke depan. Dokumen bus lain dan SIM sopir lain hanya "
    "untuk pemilik dan admin."
)


def not_carried(bus_name: str) -> str:
    """A driver asking the papers of a bus he has no trip with soon: refused, saying why."""
    return (
        f"Maaf, surat-surat {bus_name} hanya untuk pemilik dan admin: Anda tidak bertugas "
        f"dengan {bus_name} hari ini sampai 14 hari ke depan. Anda bisa melihat SIM Anda dan "
        "surat bus yang Anda bawa untuk trip Anda."
    )


# A driver carries the papers of his bus on the road (KIR, STNK, insurance, izin): with
# Scope.OWN on documents he may read those of a bus he is crew of (driver or kernet) on a
# live trip today or in the next CARRIED_PAPERS_DAYS days. Never another bus's, never money.
CARRIED_PAPERS_DAYS = 14


def carried_buses(trips: Iterable[Booking], user_id: str, today: date) -> frozenset[str]:
    """The buses whose papers `user_id` carries: his bus on each live trip running today
    or starting within CARRIED_PAPERS_DAYS days."""
    until = today + timedelta(days=CARRIED_PAPERS_DAYS)
    return frozenset(
        a.bus_id
        for trip in trips
        if trip.is_live and trip.return_date >= today and trip.depart_date <= until
        for a in trip.assignments
        if user_id in a.crew_ids()
    )


def may_read_document(user: User, scope: Scope, doc: Document, carried: frozenset[str]) -> bool:
    """Scope.ALL reads every paper; Scope.OWN one's own (a SIM) and the papers of a bus
    one carries them in (carried_buses)."""
    if scope is Scope.ALL:
        return True
    return doc.user_id == user.id or (doc.bus_id is not None and doc.bus_id in carried)


def scope_of(role: Role, action: Action, resource: Resource) -> Scope | None:
    """How far `role` may do `action` on `resource`; None means not at all."""
    return MATRIX.get(resource, {}).get(action, {}).get(role)


def can(role: Role, action: Action, resource: Resource) -> bool:
    return scope_of(role, action, resource) is not None


def require(user: User, action: Action, resource: Resource) -> Scope:
    """The scope the user has, or Forbidden with a reply the user can understand."""
    scope = scope_of(user.role, action, resource) if user.active else None
    if scope is None:
        said = _READ_REFUSALS.get(resource) if action is Action.READ else None
        raise Forbidden(
            said
            or _REFUSALS.get(resource, "Maaf, peran Anda tidak memiliki izin untuk tindakan ini.")
        )
    return scope

"""The assets pillar: buses and their state today, documents, maintenance, intervals."""

from __future__ import annotations

from litestar import Controller, get, patch, post, put
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody

from keloia.apps.dashboard.controllers.common import api
from keloia.apps.dashboard.schemas import (
    BulkBusesIn,
    BusDetailOut,
    BusIn,
    BusOut,
    BusPatch,
    DocumentIn,
    DocumentOut,
    DocumentPatch,
    IntervalIn,
    IntervalOut,
    MaintenanceIn,
    MaintenanceOut,
    ServiceOut,
)
from keloia.apps.dashboard.security import (
    ADD_BUSES,
    ADD_DOCUMENTS,
    CHANGE_BUSES,
    LOG_SERVICES,
    OWNER,
    READ_FLEET,
    allow,
)
from keloia.apps.dashboard.views import fleet_today, parse_bus_table
from keloia.domain.errors import NotFound
from keloia.domain.model.fleet import BusStatus
from keloia.domain.model.permissions import Action, Resource
from keloia.domain.model.tenants import User
from keloia.domain.services import fleet
from keloia.domain.services.deps import Deps


def bus_out(
    deps: NamedDependency[Deps], user: NamedDependency[User], bus_id: FromPath[str]
) -> BusOut:
    for bus in fleet_today(deps, user):
        if bus.id == bus_id:
            return bus
    raise NotFound("Bus tidak ditemukan.")


def bus_detail(
    deps: NamedDependency[Deps], user: NamedDependency[User], bus_id: FromPath[str]
) -> BusDetailOut:
    detail = fleet.bus_detail(deps, user, bus_id)
    today = deps.clock.today()
    return BusDetailOut(
        bus=bus_out(deps, user, bus_id),
        maintenance=[MaintenanceOut.model_validate(m) for m in detail.maintenance],
        documents=[DocumentOut.of(d, today) for d in detail.documents],
        services=[
            ServiceOut.model_validate(s)
            for s in fleet.service_plan(deps, user, today)
            if s.bus_id == bus_id
        ],
    )


class AssetsController(Controller):
    path = "/api"
    tags = ("Armada",)

    @api(get, "/assets", READ_FLEET)
    def buses(self, user: NamedDependency[User], deps: NamedDependency[Deps]) -> list[BusOut]:
        """Every bus with its state today (booked comes from the schedule)."""
        return fleet_today(deps, user)

    @api(get, "/assets/{bus_id:str}", READ_FLEET, 404)
    def bus(
        self, user: NamedDependency[User], deps: NamedDependency[Deps], bus_id: FromPath[str]
    ) -> BusDetailOut:
        """One bus with its maintenance log, documents and next services."""
        return bus_detail(deps, user, bus_id)

    @api(post, "/assets", ADD_BUSES, 422)
    def add(
        self, user: NamedDependency[User], deps: NamedDependency[Deps], data: JSONBody[BusIn]
    ) -> BusOut:
        """A new bus (owner)."""
        bus = fleet.add_buses(deps, user, [fleet.BusDraft(**data.model_dump())])[0]
        return bus_out(deps, user, bus.id)

    @api(post, "/assets/bulk", ADD_BUSES, 422)
    def add_many(
        self, user: NamedDependency[User], deps: NamedDependency[Deps], data: JSONBody[BulkBusesIn]
    ) -> list[BusOut]:
        """Several buses pasted as a table, one a line: all are added or none (owner)."""
        added = {b.id for b in fleet.add_buses(deps, user, parse_bus_table(data.text))}
        return [b for b in fleet_today(deps, user) if b.id in added]

    @api(patch, "/assets/{bus_id:str}", CHANGE_BUSES, 404, 422)
    def change(
        self,
        user: NamedDependency[User],
        deps: NamedDependency[Deps],
        bus_id: FromPath[str],
        data: JSONBody[BusPatch],
    ) -> BusOut:
        """Rename, re-plate, seats, or status: available, maintenance, retired (owner)."""
        fields = data.model_dump(exclude_unset=True, exclude_none=True, exclude={"status"})
        if fields or data.status is None:
            fleet.update_bus(deps, user, bus_id, fleet.BusChanges(**fields))
        if data.status is not None:
            fleet.set_bus_status(deps, user, bus_id, BusStatus(data.status))
        return bus_out(deps, user, bus_id)

    @api(post, "/assets/{bus_id:str}/maintenance", LOG_SERVICES, 404, 422)
    def maintenance(
        self,
        user: NamedDependency[User],
        deps: NamedDependency[Deps],
        bus_id: FromPath[str],
        data: JSONBody[MaintenanceIn],
    ) -> MaintenanceOut:
        """Record work done on a bus (owner)."""
        log = fleet.log_maintenance(
            deps, user, fleet.MaintenanceDraft(bus_id=bus_id, **data.model_dump())
        )
        return MaintenanceOut.model_validate(log)

    @api(put, "/assets/{bus_id:str}/intervals", CHANGE_BUSES, 404, 422)
    def interval(
        self,
        user: NamedDependency[User],
        deps: NamedDependency[Deps],
        bus_id: FromPath[str],
        data: JSONBody[IntervalIn],
    ) -> IntervalOut:
        """How often a service is due, by days or km, whichever first (owner)."""
        interval = fleet.set_service_interval(
            deps, user, bus_id, data.type, data.every_days, data.every_km
        )
        return IntervalOut(**interval.model_dump(exclude={"tenant_id"}))

    @api(get, "/documents", allow(Action.READ, Resource.DOCUMENT))
    def documents(
        self, user: NamedDependency[User], deps: NamedDependency[Deps]
    ) -> list[DocumentOut]:
        """Every KIR, STNK, permit, insurance and SIM, soonest expiry first."""
        today = deps.clock.today()
        return [DocumentOut.of(d, today) for d in fleet.documents(deps, user)]

    @api(post, "/documents", ADD_DOCUMENTS, 404, 422)
    def add_document(
        self, user: NamedDependency[User], deps: NamedDependency[Deps], data: JSONBody[DocumentIn]
    ) -> DocumentOut:
        """A bus's document (KIR, STNK, izin angkutan, asuransi) or a driver's SIM (owner)."""
        doc = fleet.add_document(
            deps,
            user,
            data.kind,
            data.expires_on,
            bus_id=data.bus_id,
            user_id=data.user_id,
            number=data.number,
        )
        return DocumentOut.of(doc, deps.clock.today())

    @api(
        patch,
        "/documents/{document_id:str}",
        allow(Action.UPDATE, Resource.DOCUMENT, OWNER),
        404,
        422,
    )
    def renew(
        self,
        user: NamedDependency[User],
        deps: NamedDependency[Deps],
        document_id: FromPath[str],
        data: JSONBody[DocumentPatch],
    ) -> DocumentOut:
        """A renewed document's new expiry date (owner)."""
        doc = fleet.renew_document(deps, user, document_id, data.expires_on)
        return DocumentOut.of(doc, deps.clock.today())

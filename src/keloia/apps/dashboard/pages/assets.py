"""Armada: buses with today's state, documents with expiry colours, maintenance, services;
adding buses one by one or by pasting a table."""

from __future__ import annotations

from typing import Any

from litestar import Controller, post
from litestar.datastructures import FormMultiDict
from litestar.di import NamedDependency
from litestar.response import Response

from keloia.apps.dashboard.controllers.assets import bus_detail
from keloia.apps.dashboard.pages.common import (
    RecordPage,
    Visit,
    day,
    done,
    form_of,
    number,
    record_forms,
    required_day,
    shown_at,
    submit,
    text,
)
from keloia.apps.dashboard.security import (
    ADD_BUSES,
    ADD_DOCUMENTS,
    CHANGE_BUSES,
    LOG_SERVICES,
    READ_FLEET,
    Auth,
)
from keloia.apps.dashboard.views import fleet_today, parse_bus_table
from keloia.domain.errors import InvalidInput
from keloia.domain.model.fleet import BusStatus, DocumentKind, MaintenanceType
from keloia.domain.model.tenants import User
from keloia.domain.services import fleet
from keloia.domain.services.deps import Deps


def fleet_view(deps: Deps, auth: Auth) -> dict[str, Any]:
    today = deps.clock.today()
    docs = fleet.documents(deps, auth.user)
    plan: dict[str, list[Any]] = {}
    for s in fleet.service_plan(deps, auth.user, today):
        plan.setdefault(s.bus_id, []).append(s)
    return {
        "fleet": fleet_today(deps, auth.user),
        "docs": {d.bus_id: [x for x in docs if x.bus_id == d.bus_id] for d in docs if d.bus_id},
        "plan": plan,
    }


def bus_view(deps: Deps, auth: Auth, bus_id: str) -> dict[str, Any]:
    return {
        "d": bus_detail(deps, auth.user, bus_id),
        "kinds": BUS_KINDS,
        "work_types": [t.value for t in MaintenanceType],
    }


BUS_KINDS = [
    DocumentKind.KIR.value,
    DocumentKind.STNK.value,
    DocumentKind.IZIN_ANGKUTAN.value,
    DocumentKind.INSURANCE.value,
]


def buses_of_form(form: FormMultiDict) -> list[fleet.BusDraft]:
    """One bus typed in the fields, or a table pasted from a spreadsheet."""
    if text(form, "table"):
        return parse_bus_table(text(form, "table"))
    if not text(form, "name"):
        raise InvalidInput("Nama bus belum diisi.")
    draft = fleet.BusDraft(
        name=text(form, "name"),
        plate=text(form, "plate"),
        seats=number(form, "seats"),
        bus_class=text(form, "bus_class")[:40],
    )
    return [draft]


fleet_page = RecordPage("armada.html", "Armada", "/armada", lambda d, a, _: fleet_view(d, a))
bus_page = RecordPage(
    "bus.html", "Detail bus", "/armada", bus_view, back="/armada", back_label="Armada"
)


# The forms of a bus's page, each with the bus's id and the form.
def add_document(deps: Deps, user: User, bus_id: str, form: FormMultiDict) -> object:
    kind = DocumentKind(text(form, "kind"))
    expires = required_day(form, "expires_on", "Tanggal habis berlaku belum diisi.")
    return fleet.add_document(
        deps, user, kind, expires, bus_id=bus_id, number=text(form, "number")[:60]
    )


def log_maintenance(deps: Deps, user: User, bus_id: str, form: FormMultiDict) -> object:
    draft = fleet.MaintenanceDraft(
        bus_id=bus_id,
        type=MaintenanceType(text(form, "type")),
        performed_date=day(form, "performed_date"),
        cost=number(form, "cost") or 0,
        odometer_km=number(form, "odometer_km"),
        description=text(form, "description")[:500],
        next_due_date=day(form, "next_due_date"),
    )
    return fleet.log_maintenance(deps, user, draft)


def set_interval(deps: Deps, user: User, bus_id: str, form: FormMultiDict) -> object:
    kind = MaintenanceType(text(form, "type"))
    every_days, every_km = number(form, "every_days"), number(form, "every_km")
    return fleet.set_service_interval(deps, user, bus_id, kind, every_days, every_km)


def change_bus(deps: Deps, user: User, bus_id: str, form: FormMultiDict) -> None:
    """The bus's own fields, then its state when one was chosen."""
    status = BusStatus(text(form, "status")) if text(form, "status") else None
    changes = fleet.BusChanges(
        name=text(form, "name") or None,
        plate=text(form, "plate") or None,
        seats=number(form, "seats"),
        bus_class=text(form, "bus_class")[:40],
    )
    fleet.update_bus(deps, user, bus_id, changes)
    if status is not None:
        fleet.set_bus_status(deps, user, bus_id, status)


on_bus = record_forms(bus_page, "/armada/{}")


class AssetPages(Controller):
    include_in_schema = False

    fleet = shown_at(fleet_page, "/armada", READ_FLEET)

    @post("/armada", guards=[ADD_BUSES])
    async def add(self, visit: NamedDependency[Visit]) -> Response[Any]:
        form = await form_of(visit.request)
        typed = {k: text(form, k) for k in form}
        return await submit(
            lambda: fleet.add_buses(visit.deps, visit.user, buses_of_form(form)),
            done("/armada", "bus"),
            lambda error: fleet_page(visit, "", error, v=typed),
        )

    bus = shown_at(bus_page, "/armada/{bus_id:str}", READ_FLEET)

    document = on_bus("/armada/{bus_id:str}/dokumen", ADD_DOCUMENTS, "dokumen", add_document)
    maintenance = on_bus("/armada/{bus_id:str}/servis", LOG_SERVICES, "servis", log_maintenance)
    interval = on_bus("/armada/{bus_id:str}/interval", CHANGE_BUSES, "interval", set_interval)
    change = on_bus("/armada/{bus_id:str}/ubah", CHANGE_BUSES, "bus", change_bus)

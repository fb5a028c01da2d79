"""Armada: buses with today's state, documents with expiry colours, maintenance, services;
adding buses one by one or by pasting a table."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath
from litestar.response import Response, Template

from keloia.apps.dashboard.controllers.assets import bus_detail
from keloia.apps.dashboard.pages.common import day, done, form_of, number, page, run, text
from keloia.apps.dashboard.pages.schedule import explain
from keloia.apps.dashboard.security import OWNER, Auth, allow
from keloia.apps.dashboard.views import fleet_today, parse_bus_table
from keloia.domain.errors import DomainError, InvalidInput
from keloia.domain.model.fleet import BusStatus, DocumentKind, MaintenanceType
from keloia.domain.model.permissions import Action, Resource
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


class AssetPages(Controller):
    include_in_schema = False

    @get("/armada", guards=[allow(Action.READ, Resource.BUS)])
    async def fleet(
        self,
        request: Request[Any, Any, Any],
        auth: NamedDependency[Auth],
        deps: NamedDependency[Deps],
    ) -> Template:
        return await page(
            request,
            auth,
            "armada.html",
            lambda: fleet_view(deps, auth),
            title="Armada",
            section="/armada",
        )

    @post("/armada", guards=[allow(Action.CREATE, Resource.BUS, OWNER)])
    async def add(
        self,
        request: Request[Any, Any, Any],
        auth: NamedDependency[Auth],
        deps: NamedDependency[Deps],
    ) -> Response[Any]:
        form = await form_of(request)
        try:
            pasted = text(form, "table")
            if pasted:
                drafts = parse_bus_table(pasted)
            else:
                drafts = [
                    fleet.BusDraft(
                        name=text(form, "name"),
                        plate=text(form, "plate"),
                        seats=number(form, "seats"),
                        bus_class=text(form, "bus_class")[:40],
                    )
                ]
                if not drafts[0].name:
                    raise InvalidInput("Nama bus belum diisi.")
            await run(lambda: fleet.add_buses(deps, auth.user, drafts))
        except (DomainError, ValueError) as exc:
            return await page(
                request,
                auth,
                "armada.html",
                lambda: fleet_view(deps, auth),
                status_code=422,
                title="Armada",
                section="/armada",
                error=explain(exc),
                v={k: text(form, k) for k in form},
            )
        return done("/armada", "bus")

    @get("/armada/{bus_id:str}", guards=[allow(Action.READ, Resource.BUS)])
    async def bus(
        self,
        request: Request[Any, Any, Any],
        auth: NamedDependency[Auth],
        deps: NamedDependency[Deps],
        bus_id: FromPath[str],
    ) -> Template:
        return await bus_page(request, auth, deps, bus_id)

    @post("/armada/{bus_id:str}/dokumen", guards=[allow(Action.CREATE, Resource.DOCUMENT, OWNER)])
    async def document(
        self,
        request: Request[Any, Any, Any],
        auth: NamedDependency[Auth],
        deps: NamedDependency[Deps],
        bus_id: FromPath[str],
    ) -> Response[Any]:
        form = await form_of(request)
        try:
            kind = DocumentKind(text(form, "kind"))
            expires = day(form, "expires_on")
            if expires is None:
                raise InvalidInput("Tanggal habis berlaku belum diisi.")
            await run(
                lambda: fleet.add_document(
                    deps, auth.user, kind, expires, bus_id=bus_id, number=text(form, "number")[:60]
                )
            )
        except (DomainError, ValueError) as exc:
            return await bus_page(request, auth, deps, bus_id, explain(exc))
        return done(f"/armada/{bus_id}", "dokumen")

    @post("/armada/{bus_id:str}/servis", guards=[allow(Action.CREATE, Resource.MAINTENANCE, OWNER)])
    async def maintenance(
        self,
        request: Request[Any, Any, Any],
        auth: NamedDependency[Auth],
        deps: NamedDependency[Deps],
        bus_id: FromPath[str],
    ) -> Response[Any]:
        form = await form_of(request)
        try:
            draft = fleet.MaintenanceDraft(
                bus_id=bus_id,
                type=MaintenanceType(text(form, "type")),
                performed_date=day(form, "performed_date"),
                cost=number(form, "cost") or 0,
                odometer_km=number(form, "odometer_km"),
                description=text(form, "description")[:500],
                next_due_date=day(form, "next_due_date"),
            )
            await run(lambda: fleet.log_maintenance(deps, auth.user, draft))
        except (DomainError, ValueError) as exc:
            return await bus_page(request, auth, deps, bus_id, explain(exc))
        return done(f"/armada/{bus_id}", "servis")

    @post("/armada/{bus_id:str}/interval", guards=[allow(Action.UPDATE, Resource.BUS, OWNER)])
    async def interval(
        self,
        request: Request[Any, Any, Any],
        auth: NamedDependency[Auth],
        deps: NamedDependency[Deps],
        bus_id: FromPath[str],
    ) -> Response[Any]:
        form = await form_of(request)
        try:
            kind = MaintenanceType(text(form, "type"))
            every_days, every_km = number(form, "every_days"), number(form, "every_km")
            await run(
                lambda: fleet.set_service_interval(
                    deps, auth.user, bus_id, kind, every_days, every_km
                )
            )
        except (DomainError, ValueError) as exc:
            return await bus_page(request, auth, deps, bus_id, explain(exc))
        return done(f"/armada/{bus_id}", "interval")

    @post("/armada/{bus_id:str}/ubah", guards=[allow(Action.UPDATE, Resource.BUS, OWNER)])
    async def change(
        self,
        request: Request[Any, Any, Any],
        auth: NamedDependency[Auth],
        deps: NamedDependency[Deps],
        bus_id: FromPath[str],
    ) -> Response[Any]:
        form = await form_of(request)
        try:
            status = BusStatus(text(form, "status")) if text(form, "status") else None
            name, plate, seats = text(form, "name"), text(form, "plate"), number(form, "seats")
            bus_class = text(form, "bus_class")[:40]

            def save() -> None:
                fleet.update_bus(
                    deps,
                    auth.user,
                    bus_id,
                    name=name or None,
                    plate=plate or None,
                    seats=seats,
                    bus_class=bus_class,
                )
                if status is not None:
                    fleet.set_bus_status(deps, auth.user, bus_id, status)

            await run(save)
        except (DomainError, ValueError) as exc:
            return await bus_page(request, auth, deps, bus_id, explain(exc))
        return done(f"/armada/{bus_id}", "bus")


async def bus_page(
    request: Request[Any, Any, Any], auth: Auth, deps: Deps, bus_id: str, error: str = ""
) -> Template:
    return await page(
        request,
        auth,
        "bus.html",
        lambda: bus_view(deps, auth, bus_id),
        status_code=422 if error else 200,
        title="Detail bus",
        section="/armada",
        back="/armada",
        back_label="Armada",
        error=error,
    )

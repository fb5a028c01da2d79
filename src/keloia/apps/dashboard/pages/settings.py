"""Tim (members, roles, invites, SIM expiry), Pengaturan (the PO's name and policies) and
the first-run checklist."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath
from litestar.response import Response, Template

from keloia.apps.dashboard.pages.common import day, done, form_of, number, page, run, text
from keloia.apps.dashboard.pages.schedule import explain
from keloia.apps.dashboard.security import OWNER, Auth, allow
from keloia.apps.dashboard.views import setup, team_with_sims
from keloia.domain.errors import DomainError, InvalidInput
from keloia.domain.model.fleet import DocumentKind
from keloia.domain.model.permissions import Action, Resource
from keloia.domain.model.tenants import Role
from keloia.domain.services import fleet, team
from keloia.domain.services.deps import Deps


def team_view(deps: Deps, auth: Auth) -> dict[str, Any]:
    now = deps.clock.now()
    return {
        "members": team_with_sims(deps, auth.user),
        "invites": [i for i in team.list_invites(deps, auth.user)][:20],
        "now": now,
    }


async def team_page(
    request: Request[Any, Any, Any], auth: Auth, deps: Deps, error: str = ""
) -> Template:
    return await page(
        request,
        auth,
        "tim.html",
        lambda: team_view(deps, auth),
        status_code=422 if error else 200,
        title="Tim",
        section="/tim",
        error=error,
    )


class SettingsPages(Controller):
    include_in_schema = False

    @get("/tim", guards=[allow(Action.READ, Resource.TEAM, OWNER)])
    async def members(
        self,
        request: Request[Any, Any, Any],
        auth: NamedDependency[Auth],
        deps: NamedDependency[Deps],
    ) -> Template:
        return await team_page(request, auth, deps)

    @post("/tim/undangan", guards=[allow(Action.CREATE, Resource.INVITE, OWNER)])
    async def invite(
        self,
        request: Request[Any, Any, Any],
        auth: NamedDependency[Auth],
        deps: NamedDependency[Deps],
    ) -> Response[Any]:
        form = await form_of(request)
        try:
            role = Role(text(form, "role"))
            await run(lambda: team.create_invite(deps, auth.user, role))
        except (DomainError, ValueError) as exc:
            return await team_page(request, auth, deps, explain(exc))
        return done("/tim", "undangan")

    @post("/tim/undangan/{code:str}/cabut", guards=[allow(Action.CREATE, Resource.INVITE, OWNER)])
    async def revoke(
        self,
        request: Request[Any, Any, Any],
        auth: NamedDependency[Auth],
        deps: NamedDependency[Deps],
        code: FromPath[str],
    ) -> Response[Any]:
        try:
            await run(lambda: team.revoke_invite(deps, auth.user, code))
        except DomainError as exc:
            return await team_page(request, auth, deps, explain(exc))
        return done("/tim", "cabut")

    @post("/tim/{member_id:str}", guards=[allow(Action.UPDATE, Resource.TEAM, OWNER)])
    async def change(
        self,
        request: Request[Any, Any, Any],
        auth: NamedDependency[Auth],
        deps: NamedDependency[Deps],
        member_id: FromPath[str],
    ) -> Response[Any]:
        form = await form_of(request)
        try:
            if text(form, "remove"):
                await run(lambda: team.update_member(deps, auth.user, member_id, active=False))
            else:
                role = Role(text(form, "role"))
                await run(lambda: team.update_member(deps, auth.user, member_id, role=role))
        except (DomainError, ValueError) as exc:
            return await team_page(request, auth, deps, explain(exc))
        return done("/tim", "tim")

    @post("/tim/{member_id:str}/sim", guards=[allow(Action.CREATE, Resource.DOCUMENT, OWNER)])
    async def sim(
        self,
        request: Request[Any, Any, Any],
        auth: NamedDependency[Auth],
        deps: NamedDependency[Deps],
        member_id: FromPath[str],
    ) -> Response[Any]:
        form = await form_of(request)
        try:
            expires = day(form, "expires_on")
            if expires is None:
                raise InvalidInput("Tanggal habis SIM belum diisi.")
            await run(
                lambda: fleet.add_document(
                    deps,
                    auth.user,
                    DocumentKind.SIM,
                    expires,
                    user_id=member_id,
                    number=text(form, "number")[:60],
                )
            )
        except (DomainError, ValueError) as exc:
            return await team_page(request, auth, deps, explain(exc))
        return done("/tim", "dokumen")

    @get("/pengaturan", guards=[allow(Action.READ, Resource.SETTINGS)])
    async def settings(
        self,
        request: Request[Any, Any, Any],
        auth: NamedDependency[Auth],
        deps: NamedDependency[Deps],
    ) -> Template:
        return await page(
            request,
            auth,
            "pengaturan.html",
            lambda: {"t": team.get_tenant(deps, auth.user)},
            title="Pengaturan",
            section="/pengaturan",
        )

    @post("/pengaturan", guards=[allow(Action.UPDATE, Resource.SETTINGS, OWNER)])
    async def save(
        self,
        request: Request[Any, Any, Any],
        auth: NamedDependency[Auth],
        deps: NamedDependency[Deps],
    ) -> Response[Any]:
        form = await form_of(request)
        try:
            values: dict[str, object] = {
                "cancellation_policy": text(form, "cancellation_policy"),
                "address": text(form, "address"),
                "phone": text(form, "phone"),
            }
            for key in (
                "settlement_days_before_departure",
                "expiry_warning_days",
                "uang_jalan_per_day",
            ):
                found = number(form, key)
                if found is not None:
                    values[key] = found
            name = text(form, "name") or None
            await run(lambda: team.update_tenant(deps, auth.user, name=name, settings=values))
        except (DomainError, ValueError) as exc:
            return await page(
                request,
                auth,
                "pengaturan.html",
                lambda: {"t": team.get_tenant(deps, auth.user)},
                status_code=422,
                title="Pengaturan",
                section="/pengaturan",
                error=explain(exc),
            )
        return done("/pengaturan", "pengaturan")

    @get("/mulai", guards=[allow(Action.READ, Resource.SETTINGS)])
    async def checklist(
        self,
        request: Request[Any, Any, Any],
        auth: NamedDependency[Auth],
        deps: NamedDependency[Deps],
    ) -> Template:
        return await page(
            request,
            auth,
            "mulai.html",
            lambda: {"s": setup(deps, auth.user)},
            title="Persiapan PO",
            section="/jadwal",
            back="/jadwal",
            back_label="Jadwal",
        )

"""Tim (members, roles, invites, SIM expiry), Pengaturan (the PO's name and policies) and
the first-run checklist."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get
from litestar.datastructures import FormMultiDict
from litestar.di import NamedDependency
from litestar.response import Template

from keloia.apps.dashboard.pages.common import (
    RecordPage,
    number,
    page,
    record_forms,
    required_day,
    text,
)
from keloia.apps.dashboard.security import OWNER, Auth, allow
from keloia.apps.dashboard.views import setup, team_with_sims
from keloia.domain.model.fleet import DocumentKind
from keloia.domain.model.permissions import Action, Resource
from keloia.domain.model.tenants import Role, User
from keloia.domain.services import fleet, team
from keloia.domain.services.deps import Deps


def team_view(deps: Deps, auth: Auth) -> dict[str, Any]:
    now = deps.clock.now()
    return {
        "members": team_with_sims(deps, auth.user),
        "invites": [i for i in team.list_invites(deps, auth.user)][:20],
        "now": now,
    }


team_page = RecordPage("tim.html", "Tim", "/tim", lambda d, a, _: team_view(d, a))


settings_page = RecordPage(
    "pengaturan.html",
    "Pengaturan",
    "/pengaturan",
    lambda deps, auth, _: {"t": team.get_tenant(deps, auth.user)},
)


def save(deps: Deps, user: User, _: str, form: FormMultiDict) -> object:
    values: dict[str, object] = {
        "cancellation_policy": text(form, "cancellation_policy"),
        "address": text(form, "address"),
        "phone": text(form, "phone"),
    }
    for key in ("settlement_days_before_departure", "expiry_warning_days", "uang_jalan_per_day"):
        found = number(form, key)
        if found is not None:
            values[key] = found
    return team.update_tenant(deps, user, name=text(form, "name") or None, settings=values)


# The forms of the Tim and Pengaturan pages.
def invite(deps: Deps, user: User, _: str, form: FormMultiDict) -> object:
    return team.create_invite(deps, user, Role(text(form, "role")))


def revoke(deps: Deps, user: User, code: str, _: FormMultiDict) -> object:
    return team.revoke_invite(deps, user, code)


def change_member(deps: Deps, user: User, member_id: str, form: FormMultiDict) -> object:
    if text(form, "remove"):
        return team.update_member(deps, user, member_id, active=False)
    return team.update_member(deps, user, member_id, role=Role(text(form, "role")))


def add_sim(deps: Deps, user: User, member_id: str, form: FormMultiDict) -> object:
    expires = required_day(form, "expires_on", "Tanggal habis SIM belum diisi.")
    number = text(form, "number")[:60]
    return fleet.add_document(
        deps, user, DocumentKind.SIM, expires, user_id=member_id, number=number
    )


on_team = record_forms(team_page, "/tim")
INVITE = allow(Action.CREATE, Resource.INVITE, OWNER)
MEMBER = allow(Action.UPDATE, Resource.TEAM, OWNER)
SIM = allow(Action.CREATE, Resource.DOCUMENT, OWNER)
SETTINGS = allow(Action.UPDATE, Resource.SETTINGS, OWNER)


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

    invite = on_team("/tim/undangan", INVITE, "undangan", invite)
    revoke = on_team("/tim/undangan/{code:str}/cabut", INVITE, "cabut", revoke)
    change = on_team("/tim/{member_id:str}", MEMBER, "tim", change_member)
    sim = on_team("/tim/{member_id:str}/sim", SIM, "dokumen", add_sim)

    @get("/pengaturan", guards=[allow(Action.READ, Resource.SETTINGS)])
    async def settings(
        self,
        request: Request[Any, Any, Any],
        auth: NamedDependency[Auth],
        deps: NamedDependency[Deps],
    ) -> Template:
        return await settings_page(request, auth, deps)

    save = record_forms(settings_page, "/pengaturan")("/pengaturan", SETTINGS, "pengaturan", save)

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

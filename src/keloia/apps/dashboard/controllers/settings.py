"""Set-up: the team, invite codes, the PO's settings and the first-run checklist."""

from __future__ import annotations

from litestar import Controller, delete, get, post, put
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody

from keloia.apps.dashboard.controllers.common import api
from keloia.apps.dashboard.schemas import (
    InviteIn,
    InviteOut,
    MemberOut,
    MemberPatch,
    SetupOut,
    TenantOut,
    TenantPatch,
)
from keloia.apps.dashboard.security import (
    CHANGE_SETTINGS,
    CHANGE_TEAM,
    INVITES,
    READ_SETTINGS,
    READ_TEAM,
)
from keloia.apps.dashboard.views import setup, team_with_sims
from keloia.domain.errors import NotFound
from keloia.domain.model.tenants import Role, User
from keloia.domain.services import team
from keloia.domain.services.deps import Deps


class SettingsController(Controller):
    path = "/api"
    tags = ("Pengaturan",)

    @api(get, "/settings/team", READ_TEAM)
    def members(self, user: NamedDependency[User], deps: NamedDependency[Deps]) -> list[MemberOut]:
        """Team members with roles and SIM expiry (owner)."""
        return team_with_sims(deps, user)

    @api(put, "/settings/team/{member_id:str}", CHANGE_TEAM, 404, 422)
    def change_member(
        self,
        user: NamedDependency[User],
        deps: NamedDependency[Deps],
        member_id: FromPath[str],
        data: JSONBody[MemberPatch],
    ) -> MemberOut:
        """Change a role, rename, or remove (`active: false`) a member (owner). Their
        dashboard sessions end at once."""
        changes = team.MemberChanges(role=data.role, active=data.active, name=data.name)
        member = team.update_member(deps, user, member_id, changes)
        for found in team_with_sims(deps, user):
            if found.id == member.id:
                return found
        raise NotFound("Anggota tim tidak ditemukan.")

    @api(get, "/settings/invites", INVITES)
    def invites(self, user: NamedDependency[User], deps: NamedDependency[Deps]) -> list[InviteOut]:
        """Invite codes made so far, newest first (owner)."""
        now = deps.clock.now()
        return [InviteOut.of(i, now) for i in team.list_invites(deps, user)]

    @api(post, "/settings/invites", INVITES, 422)
    def invite(
        self, user: NamedDependency[User], deps: NamedDependency[Deps], data: JSONBody[InviteIn]
    ) -> InviteOut:
        """A new invite code for an admin or a driver to send on WhatsApp (owner)."""
        invite = team.create_invite(
            deps, user, Role(data.role), valid_days=data.valid_days, max_uses=data.max_uses
        )
        return InviteOut.of(invite, deps.clock.now())

    @api(delete, "/settings/invites/{code:str}", INVITES, 404, status_code=200)
    def revoke(
        self, user: NamedDependency[User], deps: NamedDependency[Deps], code: FromPath[str]
    ) -> InviteOut:
        """Revoke an invite code: it can no longer be used (owner)."""
        return InviteOut.of(team.revoke_invite(deps, user, code), deps.clock.now())

    @api(get, "/settings/tenant", READ_SETTINGS)
    def tenant(self, user: NamedDependency[User], deps: NamedDependency[Deps]) -> TenantOut:
        """The PO's name and policies."""
        return TenantOut.of(team.get_tenant(deps, user))

    @api(put, "/settings/tenant", CHANGE_SETTINGS, 422)
    def change_tenant(
        self, user: NamedDependency[User], deps: NamedDependency[Deps], data: JSONBody[TenantPatch]
    ) -> TenantOut:
        """Change the PO's name, pelunasan deadline (H-N), reminder window and days, the
        morning briefing's time, the cancellation fee tiers and policy text (owner)."""
        settings = data.settings()
        return TenantOut.of(team.update_tenant(deps, user, name=data.name, settings=settings))

    @api(get, "/setup", READ_SETTINGS)
    def checklist(self, user: NamedDependency[User], deps: NamedDependency[Deps]) -> SetupOut:
        """The first-run checklist: what this PO still has to enter."""
        return setup(deps, user)

"""Tenants, their people, invite codes and the rule that a tenant always keeps an owner."""

from __future__ import annotations

from datetime import timedelta

import pytest

from keloia.domain.errors import AlreadyRegistered, Forbidden, InvalidInput, InviteInvalid, NotFound
from keloia.domain.model.bookings import BookingStatus
from keloia.domain.model.common import DateRange
from keloia.domain.model.tenants import Role
from keloia.domain.services.assistant.replies import membership
from keloia.domain.services.bookings import set_status
from keloia.domain.services.team import (
    MemberChanges,
    available_crew,
    create_invite,
    create_tenant,
    identify,
    list_team,
    owner_of,
    redeem_invite,
    roster,
    update_member,
)

from .world import World, day

NEW_PHONE = "+6285700000001"

# --- tenants --------------------------------------------------------------------------------


def test_a_new_tenant_comes_with_its_owner(world: World) -> None:
    tenant, owner = create_tenant(world.deps, " PO Maju Jaya ", "+6289900000001", " Pak Bos ")

    assert world.state.tenants[tenant.id].name == "PO Maju Jaya"
    stored = world.state.users[owner.id]
    assert (stored.tenant_id, stored.role, stored.name) == (tenant.id, Role.OWNER, "Pak Bos")
    [entry] = world.activity()
    assert (entry.action, entry.entity_id, entry.actor_id) == (
        "tenant.created",
        tenant.id,
        owner.id,
    )
    assert entry.tenant_id == tenant.id
    assert owner_of(world.deps, tenant.id) == stored


def test_a_registered_phone_cannot_found_another_tenant(world: World) -> None:
    before = world.snapshot()
    with pytest.raises(AlreadyRegistered):
        create_tenant(world.deps, "PO Baru", world.driver1.phone, "Pak Joko")
    assert world.state == before


def test_a_malformed_phone_is_a_domain_refusal(world: World) -> None:
    before = world.snapshot()
    with pytest.raises(InvalidInput):
        create_tenant(world.deps, "PO Baru", "0812345", "Pak Bos")
    with pytest.raises(InvalidInput):
        create_tenant(world.deps, "  ", "+6289900000001", "Pak Bos")
    assert world.state == before


def test_owner_of_an_unknown_tenant_is_not_found(world: World) -> None:
    with pytest.raises(NotFound):
        owner_of(world.deps, "nope")


# --- invites --------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.ADMIN, Role.DRIVER])
def test_the_owner_invites_an_admin_or_a_driver(world: World, role: Role) -> None:
    invite = create_invite(world.deps, world.owner, role)

    stored = world.state.invites[invite.code]
    assert (stored.tenant_id, stored.role, stored.created_by) == ("t-1", role, "u-owner")
    assert stored.expires_at == world.clock.now() + timedelta(days=7)
    assert (stored.uses, stored.max_uses) == (0, 1)
    entry = world.activity()[-1]
    assert (entry.action, entry.entity, entry.entity_id) == (
        "invite.created",
        "invite",
        invite.code,
    )


def test_nobody_is_invited_as_owner(world: World) -> None:
    with pytest.raises(InvalidInput):
        create_invite(world.deps, world.owner, Role.OWNER)
    assert world.state.invites == {}


@pytest.mark.parametrize("who", ["admin", "driver1"])
def test_only_the_owner_makes_invites(world: World, who: str) -> None:
    with pytest.raises(Forbidden):
        create_invite(world.deps, getattr(world, who), Role.DRIVER)
    assert world.state.invites == {} and world.state.activity == []


@pytest.mark.parametrize(("valid_days", "max_uses"), [(0, 1), (91, 1), (7, 0), (7, 101)])
def test_invite_limits(world: World, valid_days: int, max_uses: int) -> None:
    with pytest.raises(InvalidInput):
        create_invite(
            world.deps, world.owner, Role.DRIVER, valid_days=valid_days, max_uses=max_uses
        )
    assert world.state.invites == {}


def test_a_profile_name_over_120_characters_still_joins(world: World) -> None:
    invite = create_invite(world.deps, world.owner, Role.DRIVER)
    user, _ = redeem_invite(world.deps, invite.code, NEW_PHONE, "Pak  Udin " + "x" * 200)
    assert user.name.startswith("Pak Udin x") and len(user.name) == 120


def test_redeeming_links_a_new_phone_to_the_tenant_and_role(world: World) -> None:
    invite = create_invite(world.deps, world.owner, Role.DRIVER)
    typed = "-".join([invite.code[:4].lower(), invite.code[4:]])  # "code-0001" as typed

    user, tenant = redeem_invite(world.deps, typed, NEW_PHONE, " Pak Udin ")

    stored = world.state.users[user.id]
    assert (stored.tenant_id, stored.role, stored.phone, stored.name) == (
        "t-1",
        Role.DRIVER,
        NEW_PHONE,
        "Pak Udin",
    )
    assert tenant.id == "t-1" and world.state.invites[invite.code].uses == 1
    entry = world.activity()[-1]
    assert (entry.action, entry.actor_id, entry.entity_id) == ("user.joined", user.id, user.id)
    assert entry.snapshot["invite"] == invite.code
    assert identify(world.deps, NEW_PHONE) == stored
    assert membership(stored, tenant) == "Pak Udin terdaftar sebagai sopir di PO Sumber Rejeki."


def test_an_unknown_code_is_refused(world: World) -> None:
    with pytest.raises(InviteInvalid):
        redeem_invite(world.deps, "NOPE1234", NEW_PHONE, "X")
    assert len(world.state.users) == 5


def test_an_expired_code_is_refused(world: World) -> None:
    invite = create_invite(world.deps, world.owner, Role.ADMIN, valid_days=2)
    before = world.snapshot()
    world.clock.advance(days=2)
    with pytest.raises(InviteInvalid, match="kedaluwarsa"):
        redeem_invite(world.deps, invite.code, NEW_PHONE, "X")
    assert world.state == before


def test_a_code_works_until_just_before_it_expires(world: World) -> None:
    invite = create_invite(world.deps, world.owner, Role.ADMIN, valid_days=2)
    world.clock.advance(days=2, seconds=-1)
    user, _ = redeem_invite(world.deps, invite.code, NEW_PHONE, "X")
    assert world.state.users[user.id].role is Role.ADMIN


def test_a_code_is_used_up_after_its_limit(world: World) -> None:
    invite = create_invite(world.deps, world.owner, Role.DRIVER, max_uses=2)
    redeem_invite(world.deps, invite.code, "+6285700000001", "A")
    redeem_invite(world.deps, invite.code, "+6285700000002", "B")
    before = world.snapshot()
    with pytest.raises(InviteInvalid, match="terpakai"):
        redeem_invite(world.deps, invite.code, "+6285700000003", "C")
    assert world.state == before
    assert world.state.invites[invite.code].uses == 2


def test_an_already_registered_phone_is_refused_and_the_code_is_not_spent(world: World) -> None:
    invite = create_invite(world.deps, world.owner, Role.DRIVER)
    before = world.snapshot()
    for phone in (world.driver1.phone, world.other_owner.phone):
        with pytest.raises(AlreadyRegistered):
            redeem_invite(world.deps, invite.code, phone, "X")
    assert world.state == before and world.state.invites[invite.code].uses == 0


# --- the team ------------------------------------------------------------------------------


def test_list_team_puts_owners_first_and_is_not_for_drivers(world: World) -> None:
    team = list_team(world.deps, world.admin)
    assert team[0].id == "u-owner"
    assert {u.id for u in team} == {"u-owner", "u-admin", "u-drv1", "u-drv2"}
    with pytest.raises(Forbidden):
        list_team(world.deps, world.driver1)


def test_the_owner_updates_a_member_and_it_is_recorded(world: World) -> None:
    updated = update_member(
        world.deps, world.owner, "u-drv1", MemberChanges(name=" Pak Joko S ", role=Role.ADMIN)
    )
    stored = world.state.users["u-drv1"]
    assert stored == updated and (stored.name, stored.role) == ("Pak Joko S", Role.ADMIN)
    entry = world.activity()[-1]
    assert (entry.action, entry.entity_id, entry.actor_id) == ("user.updated", "u-drv1", "u-owner")
    assert entry.snapshot["role"] == "admin"


def test_an_empty_name_is_a_domain_refusal(world: World) -> None:
    before = world.snapshot()
    with pytest.raises(InvalidInput):
        update_member(world.deps, world.owner, "u-drv1", MemberChanges(name="   "))
    assert world.state == before


@pytest.mark.parametrize("change", [{"role": Role.ADMIN}, {"role": Role.DRIVER}, {"active": False}])
def test_the_last_active_owner_stays(world: World, change: dict[str, object]) -> None:
    before = world.snapshot()
    with pytest.raises(Forbidden):
        update_member(world.deps, world.owner, "u-owner", MemberChanges(**change))  # type: ignore[arg-type]
    assert world.state == before


def test_with_a_second_owner_the_first_may_step_down(world: World) -> None:
    update_member(world.deps, world.owner, "u-admin", MemberChanges(role=Role.OWNER))
    update_member(world.deps, world.owner, "u-owner", MemberChanges(role=Role.ADMIN))
    assert world.state.users["u-owner"].role is Role.ADMIN
    new_owner = world.state.users["u-admin"]
    with pytest.raises(Forbidden):
        update_member(world.deps, new_owner, "u-admin", MemberChanges(active=False))
    assert owner_of(world.deps, "t-1").id == "u-admin"


def test_an_inactive_owner_does_not_count(world: World) -> None:
    update_member(world.deps, world.owner, "u-admin", MemberChanges(role=Role.OWNER))
    update_member(world.deps, world.owner, "u-admin", MemberChanges(active=False))
    with pytest.raises(Forbidden):
        update_member(world.deps, world.owner, "u-owner", MemberChanges(active=False))


def test_a_deactivated_member_can_do_nothing_and_is_not_identified(world: World) -> None:
    update_member(world.deps, world.owner, "u-admin", MemberChanges(active=False))
    admin = world.state.users["u-admin"]
    assert identify(world.deps, admin.phone) is None
    with pytest.raises(Forbidden):
        list_team(world.deps, admin)
    with pytest.raises(Forbidden):
        world.book(10, actor=admin)


@pytest.mark.parametrize("who", ["admin", "driver1"])
def test_only_the_owner_updates_the_team(world: World, who: str) -> None:
    with pytest.raises(Forbidden):
        update_member(world.deps, getattr(world, who), "u-drv2", MemberChanges(active=False))
    assert world.state.users["u-drv2"].active


def test_members_of_another_tenant_are_not_found(world: World) -> None:
    with pytest.raises(NotFound):
        update_member(world.deps, world.owner, "u-other", MemberChanges(active=False))
    with pytest.raises(NotFound):
        update_member(world.deps, world.other_owner, "u-drv1", MemberChanges(active=False))
    assert world.state.users["u-other"].active and world.state.users["u-drv1"].active


def test_every_member_is_told_the_active_team_by_role_names_only(world: World) -> None:
    update_member(world.deps, world.owner, world.driver2.id, MemberChanges(active=False))
    everyone = list(world.state.users.values())  # another PO's owner among them
    told = {who: roster(getattr(world, who), everyone) for who in ("owner", "admin", "driver1")}
    # A driver too knows whom he works with; someone no longer active, or of another PO,
    # is not listed.
    for seen in told.values():
        assert seen.names == {
            Role.OWNER: ("Bu Sari",),
            Role.ADMIN: ("Mas Dedi",),
            Role.DRIVER: ("Pak Joko",),
        }
    # Only the owner changes the team (the dashboard's Tim page).
    assert [told[w].manages for w in ("owner", "admin", "driver1")] == [True, False, False]
    with pytest.raises(Forbidden):
        roster(world.state.users[world.driver2.id], everyone)


# --- who is free -----------------------------------------------------------------------------


def test_available_crew_are_active_drivers_on_no_live_trip_those_days(world: World) -> None:
    world.book(12, 14, buses=[("bus-1", world.driver1.id)])
    gone = world.book(10, 20, buses=[("bus-2", world.driver2.id)], client="Batal")
    set_status(world.deps, world.owner, gone.id, BookingStatus.CANCELLED)

    def names(start: int, end: int) -> list[str]:
        days = DateRange(start=day(start), end=day(end))
        return [u.name for u in available_crew(world.deps, world.admin, days)]

    assert names(10, 11) == ["Pak Joko", "Pak Slamet"]  # a cancelled trip holds nobody
    assert names(14, 16) == ["Pak Slamet"]
    update_member(world.deps, world.owner, world.driver2.id, MemberChanges(active=False))
    assert names(15, 16) == ["Pak Joko"]
    with pytest.raises(Forbidden):
        available_crew(world.deps, world.driver1, DateRange(start=day(1), end=day(2)))

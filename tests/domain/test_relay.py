"""Word passed on to a teammate (team.relay_message): queued to them on WhatsApp with who
it is from, only inside the PO, never to oneself; a dry run (the check before "ya") sends
nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest

from keloia.domain.errors import Forbidden, InvalidInput, NotFound
from keloia.domain.model.channel import Purpose
from keloia.domain.services.crew import said_today
from keloia.domain.services.team import MemberChanges, relay_message, update_member

from .world import World

HOUR = timedelta(hours=1)


def _sent(world: World) -> list[tuple[str, str]]:
    return [(i.message.to, i.message.body or "") for i in world.state.outbox.values()]


def test_the_teammate_gets_the_message_with_who_it_is_from(world: World) -> None:
    before = set(world.state.outbox)

    told = relay_message(world.deps, world.driver1, world.owner.id, "  saya telat\n30 menit ")

    assert told.id == world.owner.id
    [item] = [i for k, i in world.state.outbox.items() if k not in before]
    assert item.message.to == world.owner.phone
    assert item.purpose is Purpose.ALERT
    assert item.tenant_id == world.owner.tenant_id
    body = item.message.body or ""
    assert f"Pesan dari {world.driver1.name} (sopir)" in body
    assert "“saya telat 30 menit”" in body


def test_a_dry_run_sends_nothing(world: World) -> None:
    before = _sent(world)

    relay_message(world.deps, world.admin, world.driver1.id, "jemputnya jam 5", dry_run=True)

    assert _sent(world) == before


@pytest.mark.parametrize("text", ["", "   \n "])
def test_an_empty_message_is_refused(world: World, text: str) -> None:
    before = _sent(world)
    with pytest.raises(InvalidInput):
        relay_message(world.deps, world.admin, world.driver1.id, text)
    assert _sent(world) == before


def test_a_message_to_oneself_is_never_sent(world: World) -> None:
    before = _sent(world)
    with pytest.raises(InvalidInput, match="Anda sendiri"):
        relay_message(world.deps, world.driver1, world.driver1.id, "saya telat")
    assert _sent(world) == before


def test_nobody_outside_the_po_can_be_reached(world: World) -> None:
    before = _sent(world)
    with pytest.raises(NotFound):
        relay_message(world.deps, world.admin, world.other_owner.id, "halo")
    with pytest.raises(NotFound):
        relay_message(world.deps, world.admin, "no-such-user", "halo")
    assert _sent(world) == before


def test_a_teammate_who_left_is_not_reached(world: World) -> None:
    update_member(world.deps, world.owner, world.driver2.id, MemberChanges(active=False))
    before = _sent(world)
    with pytest.raises(NotFound):
        relay_message(world.deps, world.admin, world.driver2.id, "bsk jemput jam 5")
    assert _sent(world) == before


def test_a_message_passed_on_leaves_its_activity_entry(world: World) -> None:
    relay_message(world.deps, world.driver1, world.owner.id, "saya telat 30 menit")

    [entry] = [e for e in world.state.activity if e.action == "user.message_relayed"]
    assert (entry.actor_id, entry.entity, entry.entity_id) == (
        world.driver1.id,
        "user",
        world.owner.id,
    )
    assert entry.snapshot["to"] == world.owner.name
    assert entry.snapshot["text"] == "saya telat 30 menit"


def test_a_dry_run_leaves_no_activity_entry(world: World) -> None:
    relay_message(world.deps, world.admin, world.driver1.id, "jemput jam 5", dry_run=True)

    assert not [e for e in world.state.activity if e.action == "user.message_relayed"]


def test_what_a_teammate_said_today_is_theirs_since_the_day_began(world: World) -> None:
    relay_message(world.deps, world.driver1, world.owner.id, "saya telat 30 menit")
    relay_message(world.deps, world.driver2, world.owner.id, "ban bocor")
    day_began = world.clock.now() - HOUR

    said = said_today(world.deps, world.admin, world.driver1, day_began)

    assert [e.snapshot["text"] for e in said] == ["saya telat 30 menit"]
    assert said_today(world.deps, world.admin, world.driver1, world.clock.now() + HOUR) == []
    with pytest.raises(Forbidden):
        said_today(world.deps, world.driver2, world.driver1, day_began)

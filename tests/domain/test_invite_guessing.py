"""Invite codes cannot be guessed in bulk: a message offers at most a few candidates, a
number that guesses wrong too often is locked out for the day, all numbers together have a
daily budget of wrong guesses, and a PO takes a bounded number of new members a day."""

from __future__ import annotations

from dataclasses import replace

import pytest

from keloia.adapters.memory.keyvalue import MemoryKeyValueStore
from keloia.domain.errors import InviteInvalid
from keloia.domain.model.tenants import Role
from keloia.domain.services import team
from keloia.domain.services.assistant.onboarding import invite_codes
from keloia.domain.services.deps import Deps

from .world import World

PHONE = "+6281399990001"


def with_limits(world: World, limits: MemoryKeyValueStore) -> Deps:
    return replace(world.deps, limits=limits)


def test_one_message_offers_at_most_a_few_candidates(world: World) -> None:
    invite = team.create_invite(world.deps, world.owner, Role.DRIVER)
    guesses = [f"ZZZZ{n:04d}".replace("0", "A").replace("1", "B") for n in range(50)]
    # The right one just past the candidates: still within the number's daily lockout, so
    # only the per-message limit keeps it from being tried.
    text = "kode " + " ".join([*guesses[: team.MAX_CODE_CANDIDATES], invite.code, *guesses])
    codes = invite_codes(text)
    assert len(codes) > team.MAX_CODE_CANDIDATES
    assert team.MAX_CODE_CANDIDATES + 1 < team.MAX_FAILED_PER_PHONE_DAY
    limits = MemoryKeyValueStore()
    with pytest.raises(InviteInvalid):
        team.redeem_from_message(with_limits(world, limits), codes, PHONE, "X")
    assert team.identify(world.deps, PHONE) is None
    day = world.deps.clock.today().isoformat()
    assert limits.get(f"invite-fail:{PHONE}:{day}") == str(team.MAX_CODE_CANDIDATES)


def test_a_number_guessing_wrong_is_locked_out_for_the_day(world: World) -> None:
    limits = MemoryKeyValueStore()
    invite = team.create_invite(world.deps, world.owner, Role.DRIVER)
    for n in range(team.MAX_FAILED_PER_PHONE_DAY):
        with pytest.raises(InviteInvalid):
            team.redeem_from_message(with_limits(world, limits), [f"WRONG{n}XY"], PHONE, "X")
    with pytest.raises(InviteInvalid) as locked:
        team.redeem_from_message(with_limits(world, limits), [invite.code], PHONE, "X")
    assert locked.value.message == team.LOCKED_OUT
    assert team.identify(world.deps, PHONE) is None
    world.clock.advance(days=1)  # a new day
    user, _ = team.redeem_from_message(with_limits(world, limits), [invite.code], PHONE, "X")
    assert user.phone == PHONE


def test_all_numbers_together_have_a_daily_budget_of_wrong_guesses(world: World) -> None:
    limits = MemoryKeyValueStore()
    limits.set(f"invite-fail:all:{world.deps.clock.today().isoformat()}", "300")
    invite = team.create_invite(world.deps, world.owner, Role.DRIVER)
    with pytest.raises(InviteInvalid) as paused:
        team.redeem_from_message(with_limits(world, limits), [invite.code], PHONE, "X")
    assert paused.value.message == team.PAUSED


def test_a_po_takes_a_bounded_number_of_members_a_day(world: World) -> None:
    limits = MemoryKeyValueStore()
    invite = team.create_invite(world.deps, world.owner, Role.DRIVER, max_uses=50)
    joined = 0
    for n in range(team.MAX_JOINS_PER_TENANT_DAY + 2):
        try:
            team.redeem_from_message(
                with_limits(world, limits), [invite.code], f"+62813999{n:05d}", "X"
            )
            joined += 1
        except InviteInvalid as refused:
            assert refused.message == team.PAUSED
    assert joined == team.MAX_JOINS_PER_TENANT_DAY

"""Fixtures of the service-layer tests: a seeded PO Bus on in-memory fakes (see world.py)."""

from __future__ import annotations

import pytest

from keloia.domain.model.tenants import User
from keloia.domain.services.deps import Deps

from .world import FakeClock, World, make_world


@pytest.fixture
def world() -> World:
    return make_world()


@pytest.fixture
def deps(world: World) -> Deps:
    return world.deps


@pytest.fixture
def clock(world: World) -> FakeClock:
    return world.clock


@pytest.fixture
def owner(world: World) -> User:
    return world.owner


@pytest.fixture
def admin(world: World) -> User:
    return world.admin


@pytest.fixture
def driver1(world: World) -> User:
    return world.driver1


@pytest.fixture
def driver2(world: World) -> User:
    return world.driver2

"""The demo PO: seeded through the real use cases, once, without messaging anybody."""

from __future__ import annotations

from keloia.apps.demo import OWNER_PHONE, seed_demo

from .conftest import World
from .test_worker import keloia


def test_the_demo_is_seeded_once_and_quietly(world: World) -> None:
    before = len(world.state().outbox)
    tenant_id = seed_demo(keloia(world))
    assert seed_demo(keloia(world)) == tenant_id  # found again, not seeded twice
    state = world.state()
    bookings = [b for b in state.bookings.values() if b.tenant_id == tenant_id]
    assert len(bookings) >= 8 and any(b.paid_total for b in bookings)
    assert any(a.tenant_id == tenant_id for a in state.alerts.values())  # recorded
    assert len(state.outbox) == before  # but nobody was messaged
    assert any(u.phone == OWNER_PHONE for u in state.users.values())

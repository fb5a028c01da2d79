"""The activity answer on a busy period: a person's or a client's changes are looked up in
the trail itself, so 1,200 newer changes of others never hide them."""

from __future__ import annotations

from datetime import timedelta

from keloia.domain.model.activity import ActivityEntry

from .harness import PHONES, Demo

BUSY = 1200


def _busy(demo: Demo) -> None:
    """The rest of the day (the seeded changes are of the evening before): 1,200 bus
    changes by the owner, 30 seconds apart."""
    state = demo.state
    [owner] = [u for u in state.users.values() if u.phone == PHONES["owner"]]
    now = demo.clock.now()
    bus = next(iter(state.buses.values()))
    state.activity.extend(
        ActivityEntry(
            id=f"busy-{n:05}",
            tenant_id=owner.tenant_id,
            actor_id=owner.id,
            action="bus.updated",
            entity="bus",
            entity_id=bus.id,
            at=now + timedelta(seconds=30 * (n + 1)),
        )
        for n in range(BUSY)
    )


def _said(demo: Demo, who: str, text: str) -> str:
    return "\n".join(m.body for m in demo.send(PHONES[who], text) if m.to == PHONES[who])


def test_a_clients_changes_are_found_past_a_busy_day() -> None:
    demo = Demo.start()
    _busy(demo)
    said = _said(demo, "admin", "siapa yg ubah booking pak hendra")
    # Made, then its DP (which confirmed it).
    assert "2 perubahan booking Pak Hendra" in said
    assert "Pak Budi membuat booking" in said


def test_a_persons_changes_are_found_past_a_busy_day() -> None:
    demo = Demo.start()
    _said(demo, "admin", "pak hendra tf 1jt bni")
    _said(demo, "admin", "ya")
    _busy(demo)
    said = _said(demo, "owner", "td sari catat apa aja")
    assert "1 perubahan data oleh Sari hari ini:" in said
    assert "Sari mencatat pembayaran Rp1.000.000 (Pak Hendra)" in said


def test_the_day_counts_every_change_and_shows_the_newest_few() -> None:
    demo = Demo.start()
    _busy(demo)
    said = _said(demo, "owner", "hari ini ada perubahan apa aja")
    # The demo's records were entered the evening before: today holds the busy day alone.
    assert said.startswith(f"{BUSY} perubahan data hari ini, 8 terbaru dulu:")
    assert said.count("\n• ") == 8
    assert f"…dan {BUSY - 8} lainnya" in said

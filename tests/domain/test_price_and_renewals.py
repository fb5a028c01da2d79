"""Two rules added after review: a price never drops below what was received, and a
renewed document (recorded as a new one) silences the old one's expiry warning."""

from __future__ import annotations

import pytest

from keloia.domain.errors import InvalidInput, WarningsNotAcknowledged
from keloia.domain.model.fleet import DocumentKind
from keloia.domain.services.bookings import BookingChanges, change_booking
from keloia.domain.services.fleet import add_document

from .world import World, day


def test_a_price_cannot_drop_below_what_was_received(world: World) -> None:
    booking = world.book(10, price=10_000_000)
    world.pay(booking.id, 6_000_000)
    with pytest.raises(InvalidInput, match="sudah diterima"):
        change_booking(world.deps, world.owner, booking.id, BookingChanges(price=5_000_000))
    assert world.booking(booking.id).price == 10_000_000
    changed = change_booking(world.deps, world.owner, booking.id, BookingChanges(price=6_000_000))
    assert changed.outstanding == 0


def test_a_renewed_kir_recorded_as_a_new_document_counts(world: World) -> None:
    add_document(world.deps, world.owner, DocumentKind.KIR, day(5), bus_id="bus-1")
    with pytest.raises(WarningsNotAcknowledged, match="KIR"):
        world.book(10, buses=[("bus-1", None)])
    add_document(world.deps, world.owner, DocumentKind.KIR, day(31), bus_id="bus-1")
    assert world.book(10, buses=[("bus-1", None)]).bus_ids() == ["bus-1"]

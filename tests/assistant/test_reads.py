"""What the assistant reads for one message: the clients' names only for a message with
text."""

from __future__ import annotations

import pytest

from keloia.adapters.memory.storage import MemoryBookings
from keloia.domain.model.common import DateRange
from keloia.domain.model.messages import InboundKind

from .conftest import World
from .test_flow import BOOKING_TEXT, script_booking


def test_client_names_are_read_for_text_and_not_for_a_tapped_button(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[DateRange] = []
    names = MemoryBookings.client_names

    def counted(self: MemoryBookings, tenant_id: str, days: DateRange) -> tuple[str, ...]:
        asked.append(days)
        return names(self, tenant_id, days)

    monkeypatch.setattr(MemoryBookings, "client_names", counted)  # the fake, counted
    script_booking(world)
    [proposal] = world.send(world.admin.phone, BOOKING_TEXT)
    yes = proposal.buttons[0].id
    world.send(world.admin.phone, "Ya, catat", kind=InboundKind.BUTTON_REPLY, reply_id=yes)
    assert len(asked) == 1  # the text only
    world.send(world.admin.phone, BOOKING_TEXT)
    assert len(asked) == 2
    assert world.extractor.seen[-1].client_names == ("Pak Agus",)

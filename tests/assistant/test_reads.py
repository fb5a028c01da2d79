"""What the assistant reads for one message: the extractor is asked once for each context a
message is read in, and the clients' names are read only for a message with text."""

from __future__ import annotations

from datetime import date

import pytest

from keloia.adapters.memory.storage import MemoryBookings
from keloia.domain.model.common import DateRange
from keloia.domain.model.intents import Intent
from keloia.domain.model.messages import InboundKind

from .conftest import World
from .test_flow import BOOKING_TEXT, script_booking


def test_an_ordinary_message_is_read_once(world: World) -> None:
    world.extractor.says("jadwal besok?", Intent.QUERY_SCHEDULE, date=date(2026, 3, 3))
    world.send(world.admin.phone, "jadwal besok?")
    assert len(world.extractor.seen) == 1


def test_a_yes_with_more_words_and_nothing_waiting_is_read_once(world: World) -> None:
    """Read again "on its own" (with nothing pending) only when something was pending: with
    nothing, that is the reading it already has."""
    world.extractor.says("siap, nanti saya kabari", Intent.CONFIRM)
    [reply] = world.send(world.admin.phone, "siap, nanti saya kabari")
    assert len(world.extractor.seen) == 1
    assert "tidak ada yang menunggu" in reply.body


def test_a_yes_with_more_words_while_something_waits_is_read_again_on_its_own(
    world: World,
) -> None:
    script_booking(world)
    world.send(world.admin.phone, BOOKING_TEXT)
    world.extractor.says("siap, nanti saya kabari", Intent.CONFIRM)
    world.extractor.seen.clear()
    world.send(world.admin.phone, "siap, nanti saya kabari")
    assert [c.pending is not None for c in world.extractor.seen] == [True, False]


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

"""Conversation.clone: a separate, equal copy (the conversation scripts check equality for
every state they pass through: tests/conversations/test_conversations.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from keloia.domain.model.conversation import Conversation, PendingAction, Turn
from keloia.domain.model.intents import ExtractedFields, Extraction, Intent

NOW = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)


def _conversation() -> Conversation:
    booking = Extraction(
        intent=Intent.CREATE_BOOKING,
        confidence=0.9,
        source="rules",
        fields=ExtractedFields(
            client_name="Pak Agus", depart_date=date(2026, 12, 5), price=15_000_000
        ),
    )
    return Conversation(
        tenant_id="t1",
        user_id="u1",
        turns=[Turn(speaker="user", text="pak agus booking tgl 5", at=NOW)],
        pending=PendingAction(id="p1", extraction=booking, proposed_at=NOW),
        last_activity=NOW,
        applied=["p0"],
        queue=[booking],
    )


def test_a_clone_is_equal_and_separate() -> None:
    original = _conversation()
    clone = original.clone()
    assert clone == original
    clone.turns.append(Turn(speaker="bot", text="Benar?", at=NOW + timedelta(seconds=1)))
    clone.queue[0].fields.price = 1
    clone.applied.append("p1")
    clone.pending = None
    assert len(original.turns) == 1
    assert original.queue[0].fields.price == 15_000_000
    assert original.applied == ["p0"]
    assert original.pending is not None

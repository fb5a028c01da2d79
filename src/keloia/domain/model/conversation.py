"""One person's conversation with the bot: what seed Keloia kept in a Durable Object."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from keloia.domain.model.intents import Extraction

MAX_TURNS = 10
# A proposal nobody confirmed within this time is dropped: "ya" an hour later is more
# likely about something else.
PENDING_TTL = timedelta(minutes=30)


class Turn(BaseModel):
    model_config = ConfigDict(frozen=True)

    speaker: Literal["user", "bot"]
    text: str
    at: datetime


class PendingAction(BaseModel):
    """An action proposed to the person and awaiting "ya". Applied at most once."""

    model_config = ConfigDict(frozen=True)

    id: str
    extraction: Extraction
    # The record the action is about (the booking to change or pay), once it is known.
    target_id: str | None = None
    proposed_at: datetime
    # A photo or file that came with the message (a transfer proof), attached when applied.
    media_id: str = ""

    def expired(self, now: datetime) -> bool:
        return now - self.proposed_at > PENDING_TTL


class Conversation(BaseModel):
    tenant_id: str
    user_id: str
    turns: list[Turn] = Field(default_factory=list)
    pending: PendingAction | None = None
    last_activity: datetime | None = None
    # Ids of the last actions applied: a second "ya" for one of them is answered, not redone.
    applied: list[str] = Field(default_factory=list)
    # The action applied last, for a while: a second "ya" is recognised as one.
    last_applied: PendingAction | None = None

    def mark_applied(self, pending: PendingAction, now: datetime) -> None:
        self.applied = [*self.applied, pending.id][-MAX_TURNS:]
        self.last_applied = pending.model_copy(update={"proposed_at": now})
        self.pending = None

    def recently_applied(self, now: datetime) -> PendingAction | None:
        if self.last_applied is not None and self.last_applied.expired(now):
            self.last_applied = None
        return self.last_applied

    def add_turn(self, turn: Turn) -> None:
        self.turns = [*self.turns, turn][-MAX_TURNS:]
        self.last_activity = turn.at

    def live_pending(self, now: datetime) -> PendingAction | None:
        if self.pending is not None and self.pending.expired(now):
            self.pending = None
        return self.pending

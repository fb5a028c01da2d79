"""The WhatsApp channel's tables and repositories: inbox, outbox, conversations.

Records are stored as JSON of their domain models beside the columns the queries need:
these rows are read whole and never searched inside."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    Connection,
    Date,
    Index,
    Integer,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    insert,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from keloia.domain.model.channel import InboxItem, InboxState, OutboxItem, Purpose
from keloia.domain.model.conversation import Conversation
from keloia.domain.model.messages import (
    DeliveryState,
    InboundMessage,
    OutboundMessage,
    StatusUpdate,
    moves_forward,
)

from .tables import UtcDateTime, metadata

conversations = Table(
    "conversations",
    metadata,
    Column("tenant_id", String(), nullable=False),
    Column("user_id", String(), nullable=False),
    Column("state", JSON, nullable=False),
    Column("updated_at", UtcDateTime(), nullable=False),
    PrimaryKeyConstraint("tenant_id", "user_id"),
)

inbox = Table(
    "inbox",
    metadata,
    # Meta's message id: the uniqueness that makes a repeated delivery a no-op.
    Column("wa_message_id", String(200), primary_key=True),
    Column("from_phone", String(20), nullable=True),
    Column("message", JSON, nullable=False),
    Column("sent_at", UtcDateTime(), nullable=False),
    Column("received_at", UtcDateTime(), nullable=False),
    Column("state", String(12), nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Index("ix_inbox_state_received_at", "state", "received_at"),
    Index("ix_inbox_from_phone_state_sent_at", "from_phone", "state", "sent_at"),
)

outbox = Table(
    "outbox",
    metadata,
    Column("id", String(), primary_key=True),
    Column("tenant_id", String(), nullable=True),
    Column("to_phone", String(200), nullable=False),  # a number, or a business-scoped id
    Column("message", JSON, nullable=False),
    Column("state", String(12), nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", UtcDateTime(), nullable=False),
    Column("provider_message_id", String(200), nullable=True),
    Column("last_error", Text, nullable=False, default=""),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("updated_at", UtcDateTime(), nullable=False),
    Column("purpose", String(20), nullable=False, server_default="reply"),
    Column("expires_at", UtcDateTime(), nullable=True),
    Column("parts_sent", Integer, nullable=False, server_default="0"),
    Index("ix_outbox_state_next_attempt_at", "state", "next_attempt_at"),
    Index("ix_outbox_provider_message_id", "provider_message_id"),
    Index("ix_outbox_to_phone_created_at", "to_phone", "created_at"),
)


job_runs = Table(
    "job_runs",
    metadata,
    Column("job", String(60), nullable=False),
    Column("key", String(), nullable=False),
    Column("day", Date, nullable=False),
    Column("ran_at", UtcDateTime(), nullable=False),
    PrimaryKeyConstraint("job", "key", "day"),
)


class SqlJobRepository:
    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def claim(self, job: str, key: str, day: date) -> bool:
        make = pg_insert if self.connection.dialect.name == "postgresql" else sqlite_insert
        statement = (
            make(job_runs)
            .values(job=job, key=key, day=day, ran_at=datetime.now(UTC))
            .on_conflict_do_nothing(index_elements=["job", "key", "day"])
            .returning(job_runs.c.job)
        )
        return self.connection.execute(statement).first() is not None


class SqlConversationRepository:
    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def get(self, tenant_id: str, user_id: str) -> Conversation:
        row = self.connection.execute(
            select(conversations.c.state).where(
                conversations.c.tenant_id == tenant_id, conversations.c.user_id == user_id
            )
        ).first()
        if row is None:
            return Conversation(tenant_id=tenant_id, user_id=user_id)
        return Conversation.model_validate(row.state)

    def save(self, conversation: Conversation) -> None:
        state = conversation.model_dump(mode="json")
        now = conversation.last_activity or datetime.now().astimezone()
        changed = self.connection.execute(
            update(conversations)
            .where(
                conversations.c.tenant_id == conversation.tenant_id,
                conversations.c.user_id == conversation.user_id,
            )
            .values(state=state, updated_at=now)
        ).rowcount
        if not changed:
            self.connection.execute(
                insert(conversations).values(
                    tenant_id=conversation.tenant_id,
                    user_id=conversation.user_id,
                    state=state,
                    updated_at=now,
                )
            )


def _inbox_item(row: Any) -> InboxItem:
    return InboxItem(
        message=InboundMessage.model_validate(row.message),
        received_at=row.received_at,
        state=InboxState(row.state),
        attempts=row.attempts,
    )


class SqlInboxRepository:
    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def add(self, message: InboundMessage, received_at: datetime) -> bool:
        values = {
            "wa_message_id": message.wa_message_id,
            "from_phone": message.from_phone,
            "message": message.model_dump(mode="json"),
            "sent_at": message.sent_at,
            "received_at": received_at,
            "state": InboxState.RECEIVED.value,
            "attempts": 0,
        }
        dialect = self.connection.dialect.name
        make = pg_insert if dialect == "postgresql" else sqlite_insert
        # ON CONFLICT DO NOTHING: two copies arriving at once both try, one row results.
        # RETURNING, not rowcount: psycopg reports rowcount -1 for this statement.
        statement = (
            make(inbox)
            .values(**values)
            .on_conflict_do_nothing(index_elements=["wa_message_id"])
            .returning(inbox.c.wa_message_id)
        )
        return self.connection.execute(statement).first() is not None

    def get(self, wa_message_id: str) -> InboxItem | None:
        row = self.connection.execute(
            select(inbox).where(inbox.c.wa_message_id == wa_message_id)
        ).first()
        return _inbox_item(row) if row else None

    def pending(self, limit: int) -> list[InboxItem]:
        rows = self.connection.execute(
            select(inbox)
            .where(inbox.c.state == InboxState.RECEIVED.value)
            .order_by(inbox.c.received_at, inbox.c.sent_at)
            .limit(limit)
        )
        return [_inbox_item(r) for r in rows]

    def pending_from(self, phone: str, limit: int) -> list[InboxItem]:
        rows = self.connection.execute(
            select(inbox)
            .where(inbox.c.from_phone == phone, inbox.c.state == InboxState.RECEIVED.value)
            .order_by(inbox.c.sent_at, inbox.c.received_at)
            .limit(limit)
        )
        return [_inbox_item(r) for r in rows]

    def mark_processed(self, wa_message_id: str) -> bool:
        # Only from "received": a second worker's update finds nothing to change (on
        # PostgreSQL it waits for the first to commit, then sees it processed).
        changed = self.connection.execute(
            update(inbox)
            .where(
                inbox.c.wa_message_id == wa_message_id,
                inbox.c.state == InboxState.RECEIVED.value,
            )
            .values(state=InboxState.PROCESSED.value, attempts=inbox.c.attempts + 1)
            .returning(inbox.c.wa_message_id)
        ).first()
        return changed is not None

    def record_failure(self, wa_message_id: str) -> int:
        attempts = self.connection.execute(
            update(inbox)
            .where(inbox.c.wa_message_id == wa_message_id)
            .values(attempts=inbox.c.attempts + 1)
            .returning(inbox.c.attempts)
        ).scalar_one()
        return int(attempts)


def _outbox_item(row: Any) -> OutboxItem:
    return OutboxItem(
        id=row.id,
        tenant_id=row.tenant_id,
        message=OutboundMessage.model_validate(row.message),
        state=DeliveryState(row.state),
        attempts=row.attempts,
        next_attempt_at=row.next_attempt_at,
        provider_message_id=row.provider_message_id,
        last_error=row.last_error,
        created_at=row.created_at,
        updated_at=row.updated_at,
        purpose=Purpose(row.purpose),
        expires_at=row.expires_at,
        parts_sent=row.parts_sent,
    )


def _outbox_values(item: OutboxItem) -> dict[str, Any]:
    return {
        "tenant_id": item.tenant_id,
        "to_phone": item.message.to,
        "message": item.message.model_dump(mode="json"),
        "state": item.state.value,
        "attempts": item.attempts,
        "next_attempt_at": item.next_attempt_at,
        "provider_message_id": item.provider_message_id,
        "last_error": item.last_error,
        "created_at": item.created_at,
        "updated_at": item.updated_at,
        "purpose": item.purpose.value,
        "expires_at": item.expires_at,
        "parts_sent": item.parts_sent,
    }


class SqlOutboxRepository:
    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def add(self, item: OutboxItem) -> None:
        self.connection.execute(insert(outbox).values(id=item.id, **_outbox_values(item)))

    def get(self, item_id: str) -> OutboxItem | None:
        row = self.connection.execute(select(outbox).where(outbox.c.id == item_id)).first()
        return _outbox_item(row) if row else None

    def update(self, item: OutboxItem) -> None:
        self.connection.execute(
            update(outbox).where(outbox.c.id == item.id).values(**_outbox_values(item))
        )

    def by_provider_id(self, provider_message_id: str) -> OutboxItem | None:
        row = self.connection.execute(
            select(outbox).where(outbox.c.provider_message_id == provider_message_id)
        ).first()
        return _outbox_item(row) if row else None

    def due(self, now: datetime, limit: int) -> list[OutboxItem]:
        # SKIP LOCKED: two delivery workers claiming at once take different rows (SQLite
        # has one writer at a time and ignores the clause).
        rows = self.connection.execute(
            select(outbox)
            .where(outbox.c.state == DeliveryState.QUEUED.value, outbox.c.next_attempt_at <= now)
            .order_by(outbox.c.created_at, outbox.c.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return [_outbox_item(r) for r in rows]

    def apply_status(self, update_: StatusUpdate) -> bool:
        row = self.connection.execute(
            select(outbox.c.id, outbox.c.state).where(
                outbox.c.provider_message_id == update_.provider_message_id
            )
        ).first()
        if row is None or not moves_forward(DeliveryState(row.state), update_.state):
            return False
        values: dict[str, Any] = {"state": update_.state.value, "updated_at": update_.at}
        if update_.error_code is not None:
            values["last_error"] = f"{update_.error_code} {update_.error_title}".strip()
        # Only from the state read: a status that raced another never moves a row back.
        moved = self.connection.execute(
            update(outbox)
            .where(outbox.c.id == row.id, outbox.c.state == row.state)
            .values(**values)
        ).rowcount
        return bool(moved)

    def recent(self, phone: str | None, limit: int) -> list[OutboxItem]:
        query = select(outbox).order_by(outbox.c.created_at.desc(), outbox.c.id.desc()).limit(limit)
        if phone is not None:
            query = query.where(outbox.c.to_phone == phone)
        return [_outbox_item(r) for r in reversed(list(self.connection.execute(query)))]

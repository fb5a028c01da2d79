"""The WhatsApp channel's repositories: inbox, outbox, conversations, job claims.

Records are stored as JSON of their domain models beside the columns the queries need:
these rows are read whole and never searched inside."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    bindparam,
    func,
    insert,
    select,
    tuple_,
    update,
)

from keloia.domain.model.channel import InboxItem, InboxState, OutboxItem
from keloia.domain.model.conversation import Conversation
from keloia.domain.model.messages import (
    DeliveryState,
    InboundMessage,
    StatusUpdate,
    moves_forward,
)

from .repositories import _chunks, _Repository, built, to_model, to_row
from .tables import conversations, inbox, job_runs, outbox


class SqlJobRepository(_Repository, roster="jobs"):
    def claim(self, job: str, key: str, day: date) -> bool:
        statement = (
            self._upsert(job_runs)
            .values(job=job, key=key, day=day, ran_at=datetime.now(UTC))
            .on_conflict_do_nothing(index_elements=["job", "key", "day"])
            .returning(job_runs.c.job)
        )
        return self._conn.execute(statement).first() is not None

    def claim_many(self, job: str, keys: Sequence[tuple[str, date]]) -> set[tuple[str, date]]:
        if not keys:
            return set()
        now = datetime.now(UTC)
        # One executemany: SQLAlchemy sends it as multi-row INSERTs ("insertmanyvalues"),
        # and RETURNING gives back only the rows this call inserted.
        statement = (
            self._upsert(job_runs)
            .on_conflict_do_nothing(index_elements=["job", "key", "day"])
            .returning(job_runs.c.key, job_runs.c.day)
        )
        rows = [{"job": job, "key": key, "day": day, "ran_at": now} for key, day in keys]
        return {(key, day) for key, day in self._conn.execute(statement, rows)}

    def claimed(self, job: str, keys: Sequence[tuple[str, date]]) -> set[tuple[str, date]]:
        done: set[tuple[str, date]] = set()
        for chunk in _chunks(keys):
            rows = self._conn.execute(
                select(job_runs.c.key, job_runs.c.day).where(
                    job_runs.c.job == job, tuple_(job_runs.c.key, job_runs.c.day).in_(list(chunk))
                )
            )
            done.update((key, day) for key, day in rows)
        return done


class SqlConversationRepository(_Repository, roster="conversations"):
    def get(self, tenant_id: str, user_id: str) -> Conversation:
        query = built(
            ("conversation",),
            lambda: select(conversations.c.state).where(
                conversations.c.tenant_id == bindparam("tenant"),
                conversations.c.user_id == bindparam("user"),
            ),
        )
        row = self._conn.execute(query, {"tenant": tenant_id, "user": user_id}).first()
        if row is None:
            return Conversation(tenant_id=tenant_id, user_id=user_id)
        return Conversation.model_validate(row.state)

    def save(self, conversation: Conversation) -> None:
        state = conversation.model_dump(mode="json")
        now = conversation.last_activity or datetime.now().astimezone()
        row = {
            "tenant_id": conversation.tenant_id,
            "user_id": conversation.user_id,
            "state": state,
            "updated_at": now,
        }
        saved = built(
            ("conversation save",),
            lambda: update(conversations).where(
                conversations.c.tenant_id == bindparam("where_tenant"),
                conversations.c.user_id == bindparam("where_user"),
            ),
        )
        params = {"state": state, "updated_at": now}
        keys = {"where_tenant": conversation.tenant_id, "where_user": conversation.user_id}
        if not self._conn.execute(saved, params | keys).rowcount:
            self._insert(conversations, row)


# The webhook's hot path: one INSERT ... ON CONFLICT DO NOTHING RETURNING per batch, sent
# to the driver as it is. RETURNING names the rows this statement inserted, so a repeated
# delivery, or two copies arriving at once, is one row and counted new once, with no
# SELECT first. SQLAlchemy's per-row parameter processing (JSON, datetimes) and the
# drivers' executemany cost more CPU than the store itself (docs/benchmarks.md, "Webhook").
_INBOX_COLUMNS = "wa_message_id, from_phone, message, sent_at, received_at, state, attempts"
# PostgreSQL: the batch as arrays, one statement text whatever its size, so psycopg keeps
# it prepared. The arrays go in binary (%b): the text format escapes every quote of each
# message's JSON with a regular expression, which cost a third of the batch's CPU.
_INBOX_INSERT_PG = (
    f"INSERT INTO inbox ({_INBOX_COLUMNS}) SELECT w, f, m::json, s, r, %s, 0 FROM unnest("
    "%b::text[], %b::text[], %b::text[], %b::timestamptz[], %b::timestamptz[]"
    ") AS t(w, f, m, s, r) ON CONFLICT (wa_message_id) DO NOTHING RETURNING wa_message_id"
)


@lru_cache(maxsize=64)
def _inbox_insert_sqlite(rows: int) -> str:
    """SQLite: a multi-row VALUES, built per batch size and kept."""
    values = ", ".join(["(?, ?, ?, ?, ?, ?, 0)"] * rows)
    return (
        f"INSERT INTO inbox ({_INBOX_COLUMNS}) VALUES {values} "
        "ON CONFLICT (wa_message_id) DO NOTHING RETURNING wa_message_id"
    )


def _stored_time(value: datetime, dialect: str) -> datetime | str:
    """A datetime as UtcDateTime stores it: aware on PostgreSQL, SQLite's naive UTC text."""
    value = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    return f"{value:%Y-%m-%d %H:%M:%S.%f}" if dialect == "sqlite" else value


class SqlInboxRepository(_Repository, roster="inbox"):
    def add(self, message: InboundMessage, received_at: datetime) -> bool:
        return bool(self.add_many([message], received_at))

    def add_many(self, messages: Sequence[InboundMessage], received_at: datetime) -> set[str]:
        dialect = self._conn.dialect.name
        received = _stored_time(received_at, dialect)
        state = InboxState.RECEIVED.value
        rows: dict[str, tuple[Any, ...]] = {}
        for m in messages:
            if m.wa_message_id not in rows:  # an id twice in the batch: once
                sent = _stored_time(m.sent_at, dialect)
                json_ = m.model_dump_json()
                rows[m.wa_message_id] = (m.wa_message_id, m.from_phone, json_, sent, received)
        if dialect != "sqlite":
            columns = [list(column) for column in zip(*rows.values(), strict=True)] or [[]] * 5
            return set(self._conn.exec_driver_sql(_INBOX_INSERT_PG, (state, *columns)).scalars())
        new: set[str] = set()
        for chunk in _chunks(list(rows.values())):
            params = tuple(v for row in chunk for v in (*row, state))
            new.update(
                self._conn.exec_driver_sql(_inbox_insert_sqlite(len(chunk)), params).scalars()
            )
        return new

    def get(self, wa_message_id: str) -> InboxItem | None:
        query = built(
            ("inbox get",), lambda: select(inbox).where(inbox.c.wa_message_id == bindparam("id"))
        )
        row = self._conn.execute(query, {"id": wa_message_id}).first()
        return to_model(InboxItem, row) if row else None

    def pending(self, limit: int) -> list[InboxItem]:
        rows = self._conn.execute(
            select(inbox)
            .where(inbox.c.state == InboxState.RECEIVED.value)
            .order_by(inbox.c.received_at, inbox.c.sent_at)
            .limit(limit)
        )
        return [to_model(InboxItem, r) for r in rows]

    def pending_from(self, phone: str, limit: int) -> list[InboxItem]:
        rows = self._conn.execute(
            select(inbox)
            .where(inbox.c.from_phone == phone, inbox.c.state == InboxState.RECEIVED.value)
            .order_by(inbox.c.sent_at, inbox.c.received_at)
            .limit(limit)
        )
        return [to_model(InboxItem, r) for r in rows]

    def mark_processed(self, wa_message_id: str) -> bool:
        # Only from "received": a second worker's update finds nothing to change (on
        # PostgreSQL it waits for the first to commit, then sees it processed).
        statement = built(
            ("inbox processed",),
            lambda: (
                update(inbox)
                .where(
                    inbox.c.wa_message_id == bindparam("id"),
                    inbox.c.state == InboxState.RECEIVED.value,
                )
                .values(state=InboxState.PROCESSED.value, attempts=inbox.c.attempts + 1)
                .returning(inbox.c.wa_message_id)
            ),
        )
        changed = self._conn.execute(statement, {"id": wa_message_id}).first()
        return changed is not None

    def record_failure(self, wa_message_id: str) -> int:
        attempts = self._conn.execute(
            update(inbox)
            .where(inbox.c.wa_message_id == wa_message_id)
            .values(attempts=inbox.c.attempts + 1)
            .returning(inbox.c.attempts)
        ).scalar_one()
        return int(attempts)

    def last_seen(self, phones: Sequence[str]) -> dict[str, datetime]:
        seen: dict[str, datetime] = {}
        for chunk in _chunks(phones):
            rows = self._conn.execute(
                select(inbox.c.from_phone, func.max(inbox.c.sent_at))
                .where(inbox.c.from_phone.in_(list(chunk)))
                .group_by(inbox.c.from_phone)
            )
            seen.update({phone: newest for phone, newest in rows})
        return seen


def _outbox_values(item: OutboxItem) -> dict[str, Any]:
    return to_row(item, outbox, to_phone=item.message.to)


def _claim_statement() -> Any:
    """UPDATE ... WHERE id IN (the due ones) RETURNING: the claim in one statement, not a
    SELECT and an UPDATE per row. SKIP LOCKED: two delivery workers claiming at once take
    different rows (SQLite has one writer at a time and does not render the clause)."""
    due = (
        select(outbox.c.id)
        .where(
            outbox.c.state == DeliveryState.QUEUED.value,
            outbox.c.next_attempt_at <= bindparam("now"),
        )
        .order_by(outbox.c.created_at, outbox.c.id)
        .limit(bindparam("limit"))
        .with_for_update(skip_locked=True)
    )
    return (
        update(outbox)
        .where(outbox.c.id.in_(due.scalar_subquery()))
        .values(next_attempt_at=bindparam("until"), claimed_by=bindparam("holder"))
        .returning(*outbox.c)
    )


class SqlOutboxRepository(_Repository, roster="outbox"):
    def add(self, item: OutboxItem) -> None:
        self._insert(outbox, _outbox_values(item))

    def add_many(self, items: Sequence[OutboxItem]) -> None:
        if items:  # one executemany: a statement per team, not per person
            self._conn.execute(insert(outbox), [{"id": i.id, **_outbox_values(i)} for i in items])

    def get(self, item_id: str) -> OutboxItem | None:
        query = built(("outbox get",), lambda: select(outbox).where(outbox.c.id == bindparam("id")))
        row = self._conn.execute(query, {"id": item_id}).first()
        return to_model(OutboxItem, row) if row else None

    def update(self, item: OutboxItem) -> None:
        # No row (it was pruned meanwhile) is no error here, as before.
        statement = built(
            ("outbox update",), lambda: update(outbox).where(outbox.c.id == bindparam("where_id"))
        )
        self._conn.execute(statement, _outbox_values(item) | {"where_id": item.id})

    def by_provider_id(self, provider_message_id: str) -> OutboxItem | None:
        row = self._conn.execute(
            select(outbox).where(outbox.c.provider_message_id == provider_message_id)
        ).first()
        return to_model(OutboxItem, row) if row else None

    def claim(
        self, now: datetime, limit: int, holder: str | None, until: datetime
    ) -> list[OutboxItem]:
        rows = self._conn.execute(
            built(("outbox claim",), _claim_statement),
            {"now": now, "limit": limit, "holder": holder, "until": until},
        )
        # RETURNING gives no order: oldest first again here.
        items = [to_model(OutboxItem, r) for r in rows]
        return sorted(items, key=lambda i: (i.created_at, i.id))

    def renew_claims(self, holder: str, until: datetime) -> int:
        return self._claims(outbox.c.claimed_by == holder, next_attempt_at=until)

    def release_claims(self, role_prefix: str, keep: str, now: datetime) -> int:
        dead = outbox.c.claimed_by.startswith(role_prefix, autoescape=True) & (
            outbox.c.claimed_by != keep
        )
        return self._claims(dead, next_attempt_at=now, claimed_by=None)

    def _claims(self, whose: ColumnElement[bool], **values: Any) -> int:
        queued = outbox.c.state == DeliveryState.QUEUED.value
        return int(
            self._conn.execute(update(outbox).where(whose, queued).values(**values)).rowcount
        )

    def apply_status(self, update_: StatusUpdate) -> bool:
        row = self._conn.execute(
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
        moved = self._conn.execute(
            update(outbox)
            .where(outbox.c.id == row.id, outbox.c.state == row.state)
            .values(**values)
        ).rowcount
        return bool(moved)

    def recent(self, phone: str | None, limit: int) -> list[OutboxItem]:
        query = select(outbox).order_by(outbox.c.created_at.desc(), outbox.c.id.desc()).limit(limit)
        if phone is not None:
            query = query.where(outbox.c.to_phone == phone)
        return [to_model(OutboxItem, r) for r in reversed(list(self._conn.execute(query)))]

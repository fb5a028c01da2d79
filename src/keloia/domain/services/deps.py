"""What every use case needs from the world, wired once by bootstrap()."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from keloia.domain.errors import InvalidInput, StorageConflict
from keloia.domain.model.activity import ActivityEntry
from keloia.domain.model.alerts import Alert, AlertKind
from keloia.domain.model.channel import OutboxItem, Purpose
from keloia.domain.model.messages import OutboundMessage
from keloia.domain.model.tenants import User
from keloia.ports.clock import Clock, IdGenerator
from keloia.ports.storage import UnitOfWork, UnitOfWorkFactory

T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Deps:
    uow: UnitOfWorkFactory
    clock: Clock
    ids: IdGenerator

    def within(self, uow: UnitOfWork) -> Deps:
        """Deps whose use cases join the transaction `uow` instead of opening their own:
        how one WhatsApp message's change, reply and bookkeeping commit together."""
        return Deps(uow=lambda: JoinedUnitOfWork(uow), clock=self.clock, ids=self.ids)


class JoinedUnitOfWork:
    """Part of an outer unit of work: opening and committing are the outer one's business.
    An error still propagates, and the outer one rolls everything back."""

    def __init__(self, outer: UnitOfWork) -> None:
        self.tenants = outer.tenants
        self.users = outer.users
        self.invites = outer.invites
        self.buses = outer.buses
        self.bookings = outer.bookings
        self.payments = outer.payments
        self.maintenance = outer.maintenance
        self.documents = outer.documents
        self.activity = outer.activity
        self.alerts = outer.alerts
        self.conversations = outer.conversations
        self.inbox = outer.inbox
        self.outbox = outer.outbox
        self.jobs = outer.jobs

    def __enter__(self) -> JoinedUnitOfWork:
        return self

    def __exit__(self, *exc_info: object) -> None:
        return None

    def commit(self) -> None:
        return None

    def rollback(self) -> None:
        return None


def record_activity(
    deps: Deps,
    uow: UnitOfWork,
    actor: User,
    action: str,
    entity: str,
    entity_id: str,
    snapshot: dict[str, Any],
) -> None:
    """The paper trail entry, written in the caller's transaction, in the actor's PO."""
    uow.activity.add(
        ActivityEntry(
            id=deps.ids.new_id(),
            tenant_id=actor.tenant_id,
            actor_id=actor.id,
            action=action,
            entity=entity,
            entity_id=entity_id,
            snapshot=snapshot,
            at=deps.clock.now(),
        )
    )


def send_alerts(
    deps: Deps,
    uow: UnitOfWork,
    recipients: list[User],
    kind: AlertKind,
    text: str,
    entity: str,
    entity_id: str,
) -> list[Alert]:
    alerts = [
        Alert(
            id=deps.ids.new_id(),
            tenant_id=user.tenant_id,
            user_id=user.id,
            kind=kind,
            text=text,
            entity=entity,
            entity_id=entity_id,
            created_at=deps.clock.now(),
        )
        for user in recipients
    ]
    phones = {user.id: user.phone for user in recipients}
    for alert in alerts:
        uow.alerts.add(alert)
        # Alerts reach people on WhatsApp through the outbox, committed with the change.
        message = OutboundMessage(to=phones[alert.user_id], body=alert.text)
        enqueue(deps, uow, message, alert.tenant_id, purpose=Purpose.ALERT)
    return alerts


def enqueue(
    deps: Deps,
    uow: UnitOfWork,
    message: OutboundMessage,
    tenant_id: str | None,
    *,
    purpose: Purpose = Purpose.REPLY,
    expires_at: datetime | None = None,
) -> None:
    """Write a message to the outbox; the delivery worker sends it after commit, retrying
    until `expires_at` (default: the purpose's time-to-live, TIME_TO_LIVE)."""
    now = deps.clock.now()
    uow.outbox.add(
        OutboxItem(
            id=deps.ids.new_id(),
            tenant_id=tenant_id,
            message=message,
            next_attempt_at=now,
            created_at=now,
            updated_at=now,
            purpose=purpose,
            expires_at=expires_at,
        )
    )


def retry_once_on_race(command: Callable[[], T]) -> T:
    """A database constraint caught a write that raced with another. Running the command
    again lets the domain check see the winner and refuse with a proper explanation."""
    try:
        return command()
    except StorageConflict:
        return command()


# The model's validators speak English to engineers; people get these.
_EXPLANATIONS = {
    "return_date is before depart_date": "Tanggal pulang tidak boleh sebelum tanggal berangkat.",
    "a trip lasts at most": "Satu booking paling lama 31 hari.",
    "a bus is assigned twice": "Satu bus tidak bisa dimasukkan dua kali ke booking yang sama.",
    "a crew member is assigned twice": "Satu kru tidak bisa bertugas dua kali di satu booking.",
    "more buses assigned than ordered": "Jumlah bus yang ditugaskan melebihi pesanan.",
    "the driver cannot also be the co-driver": "Sopir dan kernet harus orang yang berbeda.",
    "next_due_date must come after": "Tanggal servis berikutnya harus setelah tanggal pengerjaan.",
    "a service interval needs": "Interval servis perlu jumlah hari atau kilometer.",
    "document belongs to": "Dokumen ini tidak cocok untuk pemiliknya (bus atau orang).",
}


# Field names people may read about when a value is refused.
FIELD_LABELS = {
    "client_name": "nama klien",
    "client_phone": "nomor telepon klien",
    "route_from": "kota asal",
    "route_to": "tujuan",
    "pickup_place": "tempat jemput",
    "passengers": "jumlah penumpang",
    "price": "harga",
    "amount": "jumlah pembayaran",
    "method": "cara bayar",
    "cost": "biaya",
    "description": "keterangan",
    "notes": "catatan",
    "name": "nama",
    "phone": "nomor telepon",
    "plate": "nomor polisi",
    "seats": "jumlah kursi",
    "odometer_km": "angka odometer",
    "km": "angka odometer",
    "max_uses": "batas pemakaian",
    "number": "nomor dokumen",
}


def build(model: type[M], **values: object) -> M:
    """Construct a record, turning a broken rule into a refusal a person can read."""
    try:
        return model.model_validate(values)
    except ValidationError as exc:
        text = str(exc)
        for needle, explanation in _EXPLANATIONS.items():
            if needle in text:
                raise InvalidInput(explanation) from exc
        field = str(exc.errors()[0]["loc"][0]) if exc.errors()[0]["loc"] else ""
        label = FIELD_LABELS.get(field)
        detail = f"periksa {label}" if label else "periksa kembali isinya"
        raise InvalidInput(f"Data tidak valid, {detail}.") from exc

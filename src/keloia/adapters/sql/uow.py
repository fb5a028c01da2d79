"""The unit of work: one connection, one transaction, every repository on it."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy import Connection, Engine

from keloia.ports.storage import (
    ActivityRepository,
    AlertRepository,
    BookingRepository,
    BusRepository,
    ConversationRepository,
    DocumentRepository,
    InboxRepository,
    InviteRepository,
    JobRepository,
    MaintenanceRepository,
    MediaRepository,
    OutboxRepository,
    PaperRepository,
    PaymentRepository,
    ReceiptRepository,
    TenantRepository,
    UnitOfWork,
    UserRepository,
)

from .channel import (
    SqlConversationRepository,
    SqlInboxRepository,
    SqlJobRepository,
    SqlOutboxRepository,
)
from .conflicts import races_as_conflicts
from .papers import SqlMediaRepository, SqlPaperRepository, SqlReceiptRepository
from .repositories import (
    SqlActivityRepository,
    SqlAlertRepository,
    SqlBookingRepository,
    SqlBusRepository,
    SqlDocumentRepository,
    SqlInviteRepository,
    SqlMaintenanceRepository,
    SqlPaymentRepository,
    SqlTenantRepository,
    SqlUserRepository,
)


class SqlUnitOfWork:
    # Typed as the ports, not as the classes below: the protocol's attributes are
    # writable, so only the exact port types satisfy it.
    tenants: TenantRepository
    users: UserRepository
    invites: InviteRepository
    buses: BusRepository
    bookings: BookingRepository
    payments: PaymentRepository
    maintenance: MaintenanceRepository
    documents: DocumentRepository
    activity: ActivityRepository
    alerts: AlertRepository
    conversations: ConversationRepository
    inbox: InboxRepository
    outbox: OutboxRepository
    jobs: JobRepository
    receipts: ReceiptRepository
    papers: PaperRepository
    media: MediaRepository

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._connection: Connection | None = None

    def __enter__(self) -> Self:
        connection = self._engine.connect()
        try:
            # Begin now rather than on the first query: on SQLite this takes the write lock
            # (BEGIN IMMEDIATE), before anything is read that a decision rests on.
            connection.begin()
        except BaseException:
            connection.close()
            raise
        self._connection = connection
        self.tenants = SqlTenantRepository(connection)
        self.users = SqlUserRepository(connection)
        self.invites = SqlInviteRepository(connection)
        self.buses = SqlBusRepository(connection)
        self.bookings = SqlBookingRepository(connection)
        self.payments = SqlPaymentRepository(connection)
        self.maintenance = SqlMaintenanceRepository(connection)
        self.documents = SqlDocumentRepository(connection)
        self.activity = SqlActivityRepository(connection)
        self.alerts = SqlAlertRepository(connection)
        self.conversations = SqlConversationRepository(connection)
        self.inbox = SqlInboxRepository(connection)
        self.outbox = SqlOutboxRepository(connection)
        self.jobs = SqlJobRepository(connection)
        self.receipts = SqlReceiptRepository(connection)
        self.papers = SqlPaperRepository(connection)
        self.media = SqlMediaRepository(connection)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        connection, self._connection = self._connection, None
        if connection is None:
            return
        try:
            if connection.in_transaction():
                connection.rollback()
        finally:
            connection.close()

    def commit(self) -> None:
        # PostgreSQL checks the (deferred) exclusion constraints here.
        with races_as_conflicts():
            self._open().commit()

    def rollback(self) -> None:
        self._open().rollback()

    def _open(self) -> Connection:
        if self._connection is None:
            raise RuntimeError("the unit of work is used outside its `with` block")
        return self._connection


class SqlUnitOfWorkFactory:
    """A fresh unit of work per call, all on one engine (and its connection pool)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # Declared as the port, so the type checker holds SqlUnitOfWork to it.
    def __call__(self) -> UnitOfWork:
        return SqlUnitOfWork(self.engine)

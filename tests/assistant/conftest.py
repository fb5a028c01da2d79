"""The assistant on in-memory fakes: a fixed clock, counted ids, a scripted extractor."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import pytest

from keloia.adapters.memory import MemoryUnitOfWorkFactory
from keloia.domain.model.intents import ExtractedFields, Extraction, ExtractionContext, Intent
from keloia.domain.model.messages import InboundKind, InboundMessage, OutboundMessage
from keloia.domain.model.tenants import Role, Tenant, User
from keloia.domain.services import fleet, team
from keloia.domain.services.assistant import handle_inbound
from keloia.domain.services.deps import Deps

TODAY = date(2026, 3, 2)


class FakeClock:
    def __init__(self) -> None:
        self.at = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)  # 10:00 in Jakarta

    def now(self) -> datetime:
        return self.at

    def today(self) -> date:
        return (self.at + timedelta(hours=7)).date()


class FakeIds:
    def __init__(self) -> None:
        self._n = itertools.count(1)

    def new_id(self) -> str:
        return f"id{next(self._n):05d}"

    def new_code(self) -> str:
        # Within the invite alphabet (no 0/O/1/I/L), as the real generator is.
        digits = f"{next(self._n):04d}".translate(str.maketrans("01", "ZY"))
        return f"ABCD{digits}"


YES = {"ya", "iya", "ok", "betul", "gas"}
NO = {"batal", "jangan", "bukan"}


@dataclass
class ScriptedExtractor:
    """Texts the test scripts, read as the real extractors would; yes/no words need a
    pending action, as the contract says."""

    script: dict[str, Extraction] = field(default_factory=dict)
    seen: list[ExtractionContext] = field(default_factory=list)

    def extract(self, text: str, context: ExtractionContext) -> Extraction:
        self.seen.append(context)
        word = text.strip().lower()
        if word in YES | NO:
            if context.pending is None:
                return Extraction(intent=Intent.UNKNOWN, confidence=0.6, source="rules")
            intent = Intent.CONFIRM if word in YES else Intent.REJECT
            return Extraction(intent=intent, confidence=0.99, source="rules")
        return self.script.get(
            text, Extraction(intent=Intent.UNKNOWN, confidence=0.5, source="rules")
        )

    def says(self, text: str, intent: Intent, **fields: object) -> None:
        self.script[text] = Extraction(
            intent=intent,
            confidence=0.95,
            source="rules",
            fields=ExtractedFields.model_validate(fields),
        )


@dataclass
class World:
    uow: MemoryUnitOfWorkFactory
    clock: FakeClock
    deps: Deps
    extractor: ScriptedExtractor
    tenant: Tenant
    owner: User
    admin: User
    joko: User
    slamet: User
    buses: dict[str, str]
    counter: Callable[[], int] = field(default=itertools.count(1).__next__)

    def send(
        self,
        phone: str,
        text: str = "",
        *,
        kind: InboundKind = InboundKind.TEXT,
        reply_id: str = "",
        sent_at: datetime | None = None,
    ) -> list[OutboundMessage]:
        """Store an inbound message as the webhook would, handle it, return the replies."""
        wa_id = f"wamid.{self.counter()}"
        message = InboundMessage(
            wa_message_id=wa_id,
            from_phone=phone,
            sent_at=sent_at or self.clock.now(),
            kind=kind,
            text=text,
            reply_id=reply_id,
            profile_name="Dina",
        )
        with self.uow() as uow:
            before = {i.id for i in uow.outbox.recent(None, 10_000)}
            uow.inbox.add(message, self.clock.now())
            uow.commit()
        handle_inbound(self.deps, wa_id)
        with self.uow() as uow:
            return [i.message for i in uow.outbox.recent(phone, 10_000) if i.id not in before]

    def state(self):  # the committed fake database
        return self.uow.state


@pytest.fixture
def world() -> World:
    uow = MemoryUnitOfWorkFactory()
    clock = FakeClock()
    extractor = ScriptedExtractor()
    deps = Deps(storage=uow, clock=clock, ids=FakeIds(), extractor=extractor)
    tenant, owner = team.create_tenant(deps, "PO Maju Jaya", "+6281100000001", "Pak Budi")
    people = {}
    for phone, name, role in (
        ("+6281100000002", "Sari", Role.ADMIN),
        ("+6281100000003", "Joko", Role.DRIVER),
        ("+6281100000004", "Slamet", Role.DRIVER),
    ):
        invite = team.create_invite(deps, owner, role)
        people[name] = team.redeem_invite(deps, invite.code, phone, name)[0]
    buses = {name: fleet.add_bus(deps, owner, name).id for name in ("Bus 01", "Bus 02", "Bus 03")}
    return World(
        uow=uow,
        clock=clock,
        deps=deps,
        extractor=extractor,
        tenant=tenant,
        owner=owner,
        admin=people["Sari"],
        joko=people["Joko"],
        slamet=people["Slamet"],
        buses=buses,
    )

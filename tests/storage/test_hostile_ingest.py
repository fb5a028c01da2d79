"""What a webhook body carries reaches the database only in a shape it can store: on
PostgreSQL an over-long message id, a NUL byte or a lone surrogate used to fail the whole
POST (503) on every one of Meta's retries, taking the valid messages beside it down too."""

from __future__ import annotations

import json

from keloia.adapters.meta import parse_notification
from keloia.adapters.system.clock import SystemClock, UlidIds
from keloia.domain.services import channel
from keloia.domain.services.deps import Deps
from keloia.ports.storage import UnitOfWorkFactory


def message(wa_id: str, text: str = "ya", name: str = "Agus") -> dict[str, object]:
    return {
        "from": "6281234567890",
        "id": wa_id,
        "timestamp": "1773540000",
        "type": "text",
        "text": {"body": text},
        "_name": name,
    }


def test_hostile_ids_and_fields_never_fail_the_valid_messages(
    sql_factory: UnitOfWorkFactory,
) -> None:
    hostile = [message("wamid." + "x" * 300), message("wamid.NUL\x00"), message("wamid.\ud800")]
    fine = [message("wamid.OK1"), message("wamid.OK2", text="halo\x00 \ud800dunia")]
    value = {
        "contacts": [{"wa_id": "6281234567890", "profile": {"name": "Agus\x00" + "a" * 500}}],
        "messages": [*hostile, *fine],
        "statuses": [{"id": "wamid.\x00", "status": "read", "timestamp": "1773540000"}],
    }
    body = {
        "object": "whatsapp_business_account",
        "entry": [{"id": "1", "changes": [{"field": "messages", "value": value}]}],
    }
    notification = parse_notification(json.dumps(body).encode())
    deps = Deps(storage=sql_factory, clock=SystemClock(), ids=UlidIds())
    fresh = channel.receive(deps, notification.messages, notification.statuses)
    assert [m.wa_message_id for m in fresh] == ["wamid.OK1", "wamid.OK2"]
    with sql_factory() as uow:
        stored = uow.inbox.get("wamid.OK2")
    assert stored is not None
    assert stored.message.text == "halo dunia"
    assert (
        stored.message.profile_name.startswith("Agus") and len(stored.message.profile_name) == 120
    )

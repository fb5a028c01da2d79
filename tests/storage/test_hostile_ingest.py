"""What a webhook body carries reaches the database only in a shape it can store: on
PostgreSQL an over-long message id, a NUL byte or a lone surrogate used to fail the whole
POST (503) on every one of Meta's retries, taking the valid messages beside it down too."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from litestar.testing import TestClient
from sqlalchemy import Engine

from keloia.adapters.meta import parse_notification, sign
from keloia.adapters.system.clock import SystemClock, UlidIds
from keloia.apps.http.app import create_app
from keloia.apps.worker.actors import DramatiqQueue
from keloia.bootstrap import bootstrap
from keloia.domain.services import channel
from keloia.domain.services.deps import Deps
from keloia.ports.storage import UnitOfWorkFactory
from keloia.settings import Settings

from .conftest import PostgresSchema


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


@pytest.mark.postgres
def test_a_signed_post_with_hostile_ids_is_answered_200_on_postgres(
    postgres_schema: PostgresSchema, clean_postgres_engine: Engine
) -> None:
    """Over HTTP on PostgreSQL: before, this POST was a 503 on every one of Meta's retries
    (for 7 days) and the valid message beside the hostile ids was never stored."""
    secret = "app-secret"
    keloia = bootstrap(
        Settings(  # type: ignore[call-arg]
            KELOIA_DATABASE_URL=postgres_schema.url, KELOIA_META_APP_SECRET=secret
        )
    )
    hostile = [message("wamid." + "y" * 250), message("wamid.NUL\x00")]
    value = {"messages": [*hostile, message("wamid.FINE")], "statuses": None, "errors": {}}
    body = json.dumps(
        {
            "object": "whatsapp_business_account",
            "entry": [{"id": "1", "changes": [{"field": "messages", "value": value}]}],
        }
    ).encode()
    headers = {"content-type": "application/json", "x-hub-signature-256": sign(secret, body)}
    with TestClient(create_app(replace(keloia, queue=DramatiqQueue()))) as client:
        for _ in range(2):  # Meta's retry is a no-op, and a 200 too
            response = client.post("/webhook", content=body, headers=headers)
            assert response.status_code == 200, response.text
    with keloia.deps.uow() as uow:
        assert uow.inbox.get("wamid.FINE") is not None

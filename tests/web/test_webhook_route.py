"""POST /webhook is a raw ASGI route (no Litestar request machinery): it still answers
every odd request the way the app's other routes do, and never with a 500."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from litestar.testing import TestClient

from keloia.adapters.meta import sign
from keloia.apps.http import webhook
from keloia.apps.http.app import create_app
from keloia.apps.worker.actors import DramatiqQueue
from keloia.bootstrap import bootstrap
from keloia.settings import Settings

SECRET = "route-secret"


def notification(wamid: str) -> bytes:
    message = {"from": "6281234500001", "id": wamid, "timestamp": "1767225600", "type": "text"}
    value = {"messages": [message | {"text": {"body": "jadwal besok?"}}]}
    return json.dumps(
        {
            "object": "whatsapp_business_account",
            "entry": [{"id": "1", "changes": [{"field": "messages", "value": value}]}],
        }
    ).encode()


def client(tmp_path: Path, **env: str) -> TestClient:  # type: ignore[type-arg]
    settings = Settings(KELOIA_DATABASE_URL=f"sqlite:///{tmp_path / 'k.db'}", **env)  # type: ignore[arg-type]
    keloia = bootstrap(settings, run_migrations=True)
    return TestClient(create_app(replace(keloia, queue=DramatiqQueue())))


def test_a_signed_post_is_stored_once_and_its_repeat_is_a_200_too(tmp_path: Path) -> None:
    body = notification("wamid.ROUTE1")
    headers = {"x-hub-signature-256": sign(SECRET, body)}
    with client(tmp_path, KELOIA_META_APP_SECRET=SECRET) as c:
        first = c.post("/webhook", content=body, headers=headers)
        again = c.post("/webhook", content=body, headers=headers)
        unsigned = c.post("/webhook", content=body)
    assert (first.status_code, first.json()) == (200, {"status": "ok", "stored": 1})
    assert (again.status_code, again.json()) == (200, {"status": "ok", "stored": 0})
    assert unsigned.status_code == 401 and unsigned.json()["detail"]


def test_odd_requests_get_the_status_a_client_can_act_on(tmp_path: Path) -> None:
    body = notification("wamid.ROUTE2")
    with client(tmp_path, KELOIA_META_VERIFY_TOKEN="tok") as c:
        unconfigured = c.post("/webhook", content=body, headers={"x-hub-signature-256": "x"})
        put = c.put("/webhook", content=body)
        handshake = c.get(
            "/webhook",
            params={"hub.mode": "subscribe", "hub.verify_token": "tok", "hub.challenge": "7"},
        )
        wrong = c.get("/webhook", params={"hub.mode": "subscribe", "hub.verify_token": "no"})
    assert unconfigured.status_code == 403
    assert put.status_code == 405
    assert (handshake.status_code, handshake.text) == (200, "7")
    assert wrong.status_code == 403


def test_a_body_past_the_limit_is_refused(tmp_path: Path) -> None:
    with client(tmp_path, KELOIA_META_APP_SECRET=SECRET) as c:
        body = b"x" * (webhook.MAX_BODY_BYTES + 1)
        response = c.post(
            "/webhook", content=body, headers={"x-hub-signature-256": sign(SECRET, body)}
        )
    assert response.status_code == 413

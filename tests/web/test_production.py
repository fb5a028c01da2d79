"""The guards production relies on: the Meta secrets checked at start-up, and webhooks
refused while the app secret is empty (an HMAC with an empty key is one anyone can make)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from litestar.testing import TestClient

from keloia.adapters.meta import sign
from keloia.apps.http.app import create_app
from keloia.apps.worker.actors import DramatiqQueue
from keloia.bootstrap import SetupError, bootstrap
from keloia.settings import Settings

SECRETS = {
    "KELOIA_META_APP_SECRET": "app-secret",
    "KELOIA_META_VERIFY_TOKEN": "verify-token",
    "KELOIA_META_ACCESS_TOKEN": "access-token",
    "KELOIA_META_PHONE_NUMBER_ID": "1234567890",
}


@pytest.mark.parametrize("missing", sorted(SECRETS))
def test_production_refuses_to_start_without_each_meta_secret(tmp_path: Path, missing: str) -> None:
    env = {k: v for k, v in SECRETS.items() if k != missing}
    settings = Settings(  # type: ignore[call-arg]
        KELOIA_ENV="production", KELOIA_DATABASE_URL=f"sqlite:///{tmp_path / 'p.db'}", **env
    )
    with pytest.raises(SetupError) as refused:
        bootstrap(settings, run_migrations=True)
    assert missing in str(refused.value)
    assert not (tmp_path / "p.db").exists()  # refused before touching anything


def test_production_starts_with_every_secret(tmp_path: Path) -> None:
    settings = Settings(  # type: ignore[call-arg]
        KELOIA_ENV="production", KELOIA_DATABASE_URL=f"sqlite:///{tmp_path / 'p.db'}", **SECRETS
    )
    assert bootstrap(settings, run_migrations=True).settings.production


def test_the_command_says_what_is_missing_in_one_line(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KELOIA_")}
    env |= {"KELOIA_ENV": "production", "KELOIA_DATABASE_URL": f"sqlite:///{tmp_path / 'c.db'}"}
    keloia = Path(sys.executable).with_name("keloia")
    done = subprocess.run(
        [str(keloia), "serve", "--port", "8399"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert "KELOIA_META_APP_SECRET" in done.stderr
    assert "Traceback" not in done.stderr


def test_webhooks_are_refused_while_the_app_secret_is_empty(tmp_path: Path) -> None:
    settings = Settings(  # type: ignore[call-arg]
        KELOIA_DATABASE_URL=f"sqlite:///{tmp_path / 'w.db'}", KELOIA_META_APP_SECRET=""
    )
    keloia = bootstrap(settings, run_migrations=True)
    message = {
        "from": "6281234567890",
        "id": "wamid.FORGED",
        "timestamp": "1773540000",
        "type": "text",
        "text": {"body": "ya"},
    }
    body = json.dumps(
        {
            "object": "whatsapp_business_account",
            "entry": [{"changes": [{"field": "messages", "value": {"messages": [message]}}]}],
        }
    ).encode()
    with TestClient(create_app(replace(keloia, queue=DramatiqQueue()))) as client:
        response = client.post(
            "/webhook",
            content=body,
            headers={"content-type": "application/json", "x-hub-signature-256": sign("", body)},
        )
    assert response.status_code in (401, 403)
    with keloia.deps.uow() as uow:
        assert uow.inbox.get("wamid.FORGED") is None

"""GET /healthz answers for the database (and Redis): 200 when they answer, 503 if not."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from litestar.testing import TestClient

from keloia.apps.http.app import create_app
from keloia.apps.worker.actors import DramatiqQueue
from keloia.bootstrap import bootstrap
from keloia.settings import Settings


def client_for(tmp_path: Path, problem: str | None) -> TestClient:  # type: ignore[type-arg]
    app = bootstrap(
        Settings(KELOIA_DATABASE_URL=f"sqlite:///{tmp_path / 'k.db'}"),  # type: ignore[call-arg]
        run_migrations=True,
    )
    if problem is not None:
        app = replace(app, probe=lambda: problem)
    return TestClient(create_app(replace(app, queue=DramatiqQueue())))


def test_healthy(tmp_path: Path) -> None:
    with client_for(tmp_path, None) as client:
        response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


def test_a_database_that_does_not_answer_is_503(tmp_path: Path) -> None:
    with client_for(tmp_path, "connection refused") as client:
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"

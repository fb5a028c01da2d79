"""GET /healthz answers for the database (and Redis): 200 when they answer, 503 if not."""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import threading
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from litestar.testing import TestClient
from sqlalchemy import create_engine, text

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
    assert response.json() == {"status": "unavailable"}


@pytest.mark.postgres
@pytest.mark.xdist_group("shared_services")  # CREATE DATABASE, one at a time
def test_a_real_database_that_went_away_is_503_without_details(
    postgres_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    name = f"keloia_health_{os.getpid()}"
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            c.execute(text(f'CREATE DATABASE "{name}"'))
        url = urlunsplit(urlsplit(postgres_url)._replace(path="/" + name))
        app = bootstrap(Settings(KELOIA_DATABASE_URL=url), run_migrations=True)  # type: ignore[call-arg]
        with TestClient(create_app(replace(app, queue=DramatiqQueue()))) as client:
            assert client.get("/healthz").status_code == 200
            with admin.connect() as c:
                c.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
            with caplog.at_level(logging.ERROR, logger="keloia.http"):
                response = client.get("/healthz")
        assert response.status_code == 503
        assert response.json() == {"status": "unavailable"}  # no driver text, host or user
        assert "health check failed" in caplog.text
    finally:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


class Relay:
    """A TCP relay to the real Redis that can be switched off: Redis going away under a
    running app, as a crash or a network cut does."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.links: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            self.links += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            with contextlib.suppress(OSError):
                dst.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        # shutdown first: a close() alone leaves the blocked accept() listening on Linux.
        with contextlib.suppress(OSError):
            self.server.shutdown(socket.SHUT_RDWR)
        self.server.close()
        for link in self.links:
            with contextlib.suppress(OSError):
                link.shutdown(socket.SHUT_RDWR)
            link.close()


@pytest.mark.redis
def test_a_real_redis_that_went_away_is_503_without_details(
    redis_url: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    parts = urlsplit(redis_url)
    relay = Relay((parts.hostname or "127.0.0.1", parts.port or 6379))
    settings = Settings(  # type: ignore[call-arg]
        KELOIA_DATABASE_URL=f"sqlite:///{tmp_path / 'k.db'}",
        KELOIA_REDIS_URL=urlunsplit(parts._replace(netloc=f"127.0.0.1:{relay.port}")),
    )
    app = bootstrap(settings, run_migrations=True)
    with TestClient(create_app(replace(app, queue=DramatiqQueue()))) as client:
        assert client.get("/healthz").status_code == 200
        relay.cut()
        with caplog.at_level(logging.ERROR, logger="keloia.http"):
            response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable"}
    assert "health check failed" in caplog.text


def test_the_doc_pages_are_off_in_production_and_the_schema_stays(tmp_path: Path) -> None:
    def pages(**env: str) -> tuple[int, int]:
        settings = Settings(KELOIA_DATABASE_URL=f"sqlite:///{tmp_path / 'd.db'}", **env)  # type: ignore[arg-type]
        app = replace(
            bootstrap(Settings(KELOIA_DATABASE_URL=settings.database_url), run_migrations=True),
            settings=settings,
        )  # type: ignore[call-arg]
        with TestClient(create_app(replace(app, queue=DramatiqQueue()))) as client:
            return client.get("/schema/swagger").status_code, client.get(
                "/schema/openapi.json"
            ).status_code

    assert pages() == (200, 200)
    assert pages(KELOIA_ENV="production") == (404, 200)
    assert pages(KELOIA_ENV="production", KELOIA_SCHEMA_DOCS="true") == (200, 200)
    assert pages(KELOIA_SCHEMA_DOCS="false") == (404, 200)

"""Shared fixtures: the real PostgreSQL and Redis services.

Outside CI a missing service skips its tests with the reason shown. With
KELOIA_REQUIRE_SERVICES=1 (set by .ci/run) a missing service fails them: CI never skips
silently."""

from __future__ import annotations

import os
import socket
from urllib.parse import urlsplit

import pytest

POSTGRES_URL = os.environ.get(
    "KELOIA_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
REDIS_URL = os.environ.get("KELOIA_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def _reachable(url: str, default_port: int) -> str | None:
    """None when something answers on the URL's host and port, else why not."""
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or default_port
    try:
        with socket.create_connection((host, port), timeout=2):
            return None
    except OSError as exc:
        return f"{host}:{port} unreachable ({exc})"


def require_service(name: str, url: str, default_port: int) -> str:
    problem = _reachable(url, default_port)
    if problem is None:
        return url
    message = f"{name} is needed for this test: {problem}"
    if os.environ.get("KELOIA_REQUIRE_SERVICES") == "1":
        pytest.fail(message + " (KELOIA_REQUIRE_SERVICES=1: services are mandatory here)")
    pytest.skip(message)


@pytest.fixture(scope="session")
def postgres_url() -> str:
    return require_service("PostgreSQL", POSTGRES_URL, 5432)


@pytest.fixture(scope="session")
def redis_url() -> str:
    return require_service("Redis", REDIS_URL, 6379)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """pytest-xdist hands out tests by node id: of two tests sharing one, one would run and
    the other be dropped without a word. Refused at collection instead."""
    seen: set[str] = set()
    shared = sorted({item.nodeid for item in items if item.nodeid in seen or seen.add(item.nodeid)})
    if shared:
        raise pytest.UsageError(f"tests sharing a node id (only one would run): {shared[:5]}")

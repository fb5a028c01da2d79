from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from keloia.adapters.meta import CloudApiMessenger

from .fake_graph_api import FakeGraphAPI

DATA = Path(__file__).resolve().parent.parent / "data" / "wa"

API_VERSION_PATH = "/v26.0"  # KELOIA_META_API_URL carries the version, as Graph's URL does
PHONE_NUMBER_ID = "106540352242922"
ACCESS_TOKEN = "EAAtest-not-a-real-token"

MakeMessenger = Callable[..., CloudApiMessenger]


@pytest.fixture(scope="session")
def payloads() -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads((DATA / "payloads.json").read_text("utf-8"))
    return data


@pytest.fixture(scope="session")
def signature_vector() -> dict[str, str]:
    data: dict[str, str] = json.loads((DATA / "signature_vector.json").read_text("utf-8"))
    return data


@pytest.fixture
def fake_graph(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeGraphAPI]:
    # httpx honours proxy variables; the fake is local and must never be proxied.
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    fake = FakeGraphAPI().start()
    yield fake
    fake.stop()


@pytest.fixture(scope="session")
def http_client() -> Iterator[httpx.Client]:
    # One real client for the session: building one loads the CA bundle (~0.2 s).
    # trust_env=False: proxy variables must never route the local fake elsewhere.
    with httpx.Client(trust_env=False) as client:
        yield client


@pytest.fixture
def make_messenger(fake_graph: FakeGraphAPI, http_client: httpx.Client) -> MakeMessenger:
    def make(*, timeout: float = 2.0) -> CloudApiMessenger:
        return CloudApiMessenger(
            api_url=fake_graph.url + API_VERSION_PATH,
            access_token=ACCESS_TOKEN,
            phone_number_id=PHONE_NUMBER_ID,
            client=http_client,
            timeout=timeout,
        )

    return make

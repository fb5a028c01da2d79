from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from keloia.adapters.claude import ClaudeExtractor
from keloia.settings import Settings

from .fake_messages_api import FakeMessagesAPI

MakeClaude = Callable[..., ClaudeExtractor]


@pytest.fixture
def fake_api(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeMessagesAPI]:
    # The SDK's HTTP client honours proxy variables; the fake is local, never proxied.
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    fake = FakeMessagesAPI().start()
    yield fake
    fake.stop()


@pytest.fixture
def make_claude(fake_api: FakeMessagesAPI) -> MakeClaude:
    def make(*, timeout: float = 8.0, max_retries: int = 2, **options: Any) -> ClaudeExtractor:
        # The defaults are the product's (model, effort, thinking); the prices too. The
        # product's timeout too: a shorter one times out on a loaded machine, and the retry
        # finds the scripted reply taken (the tests of timeouts give their own).
        return ClaudeExtractor(
            timeout=timeout,
            max_retries=max_retries,
            api_key="sk-ant-test-not-a-real-key",
            base_url=fake_api.url,
            **({"prices": Settings().claude_prices} | options),
        )

    return make

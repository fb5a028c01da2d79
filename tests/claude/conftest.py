from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from keloia.adapters.claude import ClaudeExtractor

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
    def make(*, timeout: float = 2.0, max_retries: int = 2) -> ClaudeExtractor:
        return ClaudeExtractor(
            model="claude-haiku-4-5",
            timeout=timeout,
            max_retries=max_retries,
            api_key="sk-ant-test-not-a-real-key",
            base_url=fake_api.url,
        )

    return make

"""The current model: what it refuses, thinking, usage and cost, unknown and retired models.

All through the real SDK against the fake, which refuses what Claude Haiku 5.5 refuses."""

from __future__ import annotations

import datetime as dt
import json
import logging
from decimal import Decimal

import anthropic
import pytest

from keloia.adapters.claude import RoutedExtractor
from keloia.adapters.claude.cost import ModelPrice, Usage, cost_nano_usd, format_usd
from keloia.adapters.claude.extractor import ANSWER_MAX_TOKENS, ClaudeExtractor
from keloia.adapters.claude.prompt import _EXAMPLES, _SEVERAL_EXAMPLES, render_answer
from keloia.adapters.claude.schema import MAX_MORE
from keloia.domain.model.intents import Extraction, ExtractionContext, Intent
from keloia.domain.model.tenants import Role
from keloia.settings import Settings

from .conftest import MakeClaude
from .fake_messages_api import MODELS, FakeMessagesAPI, answer, tokens

CONTEXT = ExtractionContext(today=dt.date(2031, 7, 4), role=Role.OWNER)


class UnsureRules:
    def extract(self, text: str, context: ExtractionContext) -> Extraction:
        return Extraction(intent=Intent.UNKNOWN, confidence=0.2, source="rules")


@pytest.mark.parametrize(
    "extra",
    [
        {"temperature": 0.0},
        {"top_p": 0.9},
        {"top_k": 5},
        {"thinking": {"type": "enabled", "budget_tokens": 2048}},
        {"thinking": {"type": "disabled"}, "output_config": {"effort": "max"}},
    ],
)
def test_the_fake_refuses_what_haiku_5_5_refuses(
    fake_api: FakeMessagesAPI, extra: dict[str, object]
) -> None:
    # The guard the adapter is tested against must itself bite, or the tests prove nothing.
    client = anthropic.Anthropic(api_key="sk-ant-test", base_url=fake_api.url, max_retries=0)
    fake_api.queue(answer("help"))
    with pytest.raises(anthropic.BadRequestError):
        client.messages.create(
            model="claude-haiku-5-5",
            max_tokens=100,
            messages=[{"role": "user", "content": "halo"}],
            extra_body=extra,  # the SDK's types may no longer name them all
        )


def test_the_fake_refuses_a_prefill(fake_api: FakeMessagesAPI) -> None:
    client = anthropic.Anthropic(api_key="sk-ant-test", base_url=fake_api.url, max_retries=0)
    with pytest.raises(anthropic.BadRequestError):
        client.messages.create(
            model="claude-haiku-5-5",
            max_tokens=100,
            messages=[
                {"role": "user", "content": "halo"},
                {"role": "assistant", "content": '{"intent":'},
            ],
        )


def test_the_request_is_one_haiku_5_5_accepts(
    fake_api: FakeMessagesAPI, make_claude: MakeClaude
) -> None:
    fake_api.queue(answer("help"))
    assert make_claude().ask("bisa apa aja?", CONTEXT).intent is Intent.HELP

    body = fake_api.requests[0].body
    assert body["model"] == "claude-haiku-5-5"
    assert not {"temperature", "top_p", "top_k"} & set(body)
    assert body["thinking"] == {"type": "disabled"}
    assert body["output_config"]["effort"] == "low"
    assert body["messages"][-1]["role"] == "user"
    assert body["max_tokens"] == ANSWER_MAX_TOKENS


def test_max_tokens_leaves_room_for_the_longest_answer_in_the_new_tokenizer() -> None:
    haiku = MODELS["claude-haiku-5-5"]
    single = max(
        tokens(render_answer(intent, conf, fields), haiku)
        for _, _, intent, conf, fields in _EXAMPLES
    )
    several = max(
        tokens(render_answer(*first, more), haiku) for *_, first, more in _SEVERAL_EXAMPLES
    )
    # Three times the longest worked answer as Haiku 5.5 counts it: a long booking fits.
    assert 3 * max(single, several) <= ANSWER_MAX_TOKENS
    # And a message holding the most requests an answer may, each as long as the longest.
    assert (1 + MAX_MORE) * single <= ANSWER_MAX_TOKENS


def test_adaptive_thinking_answers_after_a_thinking_block(
    fake_api: FakeMessagesAPI, make_claude: MakeClaude
) -> None:
    fake_api.queue(answer("query_outstanding", 0.9, thinking=300))
    claude = make_claude(thinking="adaptive", effort="medium")
    result = claude.ask("yg blm lunas siapa?", CONTEXT)

    assert result.intent is Intent.QUERY_OUTSTANDING
    body = fake_api.requests[0].body
    assert body["thinking"] == {"type": "adaptive"}
    assert body["max_tokens"] > ANSWER_MAX_TOKENS  # the thinking has room of its own
    assert claude.meter.usage.output_tokens > 300  # thinking is billed as output


def test_thinking_cannot_be_off_above_high_effort() -> None:
    with pytest.raises(ValueError, match="needs thinking"):
        ClaudeExtractor(api_key="sk-ant-test", effort="xhigh", thinking="disabled")


def test_the_legacy_model_works_without_effort_and_is_refused_with_it(
    fake_api: FakeMessagesAPI, make_claude: MakeClaude
) -> None:
    fake_api.queue(answer("help"))
    legacy = make_claude(model="claude-haiku-4-5", effort=None)
    assert legacy.ask("bisa apa aja?", CONTEXT).intent is Intent.HELP
    assert "effort" not in fake_api.requests[0].body["output_config"]

    wrong = make_claude(model="claude-haiku-4-5")  # effort low: Haiku 4.5 takes none
    result = RoutedExtractor(rules=UnsureRules(), claude=wrong, threshold=0.75).extract(
        "bisa apa aja?", CONTEXT
    )
    assert result.source == "rules"


def test_usage_and_cost_are_measured_per_call(
    fake_api: FakeMessagesAPI, make_claude: MakeClaude
) -> None:
    fake_api.queue(answer("help"), answer("help"))
    claude = make_claude()
    claude.ask("bisa apa aja?", CONTEXT)
    first = claude.meter.usage
    claude.ask("bisa apa aja?", CONTEXT)
    total = claude.meter.usage
    second = Usage(
        input_tokens=total.input_tokens - first.input_tokens,
        output_tokens=total.output_tokens - first.output_tokens,
        cache_write_tokens=total.cache_write_tokens - first.cache_write_tokens,
        cache_read_tokens=total.cache_read_tokens - first.cache_read_tokens,
    )

    assert claude.meter.calls == 2
    # The system block is written to the cache by the first call and read by the second.
    assert first.cache_write_tokens > 4096 and first.cache_read_tokens == 0
    assert second.cache_write_tokens == 0
    assert second.cache_read_tokens == first.cache_write_tokens
    assert first.input_tokens > 0 and first.output_tokens > 0
    price = ModelPrice.of(Settings().claude_prices["claude-haiku-5-5"])
    assert claude.meter.cost == cost_nano_usd(first, price) + cost_nano_usd(second, price)
    assert cost_nano_usd(second, price) < cost_nano_usd(first, price)  # the cache pays


def test_cost_is_exact_integer_nano_dollars() -> None:
    price = ModelPrice.of(
        {"input": "0.10", "output": "0.50", "cache_write": "0.125", "cache_read": "0.01"}
    )
    usage = Usage(input_tokens=200, output_tokens=60, cache_write_tokens=0, cache_read_tokens=8000)
    # 200*100 + 60*500 + 8000*10 nano-dollars
    assert cost_nano_usd(usage, price) == 130_000
    assert format_usd(130_000) == "$0.000130"
    assert ModelPrice.of({"input": 1, "output": 5, "cache_write": 1.25, "cache_read": 0.1}) == (
        ModelPrice(Decimal("1"), Decimal("5"), Decimal("1.25"), Decimal("0.1"))
    )


def test_the_price_table_is_overridable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(
        "KELOIA_CLAUDE_PRICES",
        json.dumps(
            {
                "claude-haiku-5-5": {
                    "input": "0.2",
                    "output": "1",
                    "cache_write": "0.25",
                    "cache_read": "0.02",
                }
            }
        ),
    )
    prices = Settings().claude_prices
    assert prices["claude-haiku-5-5"]["input"] == Decimal("0.2")
    assert prices["claude-haiku-4-5"]["input"] == Decimal("1")  # the rest stays
    monkeypatch.setenv("KELOIA_CLAUDE_PRICES", json.dumps({"x": {"input": "1"}}))
    with pytest.raises(ValueError, match="lacks"):
        Settings()


def test_an_unknown_model_falls_back_to_the_rules_with_one_warning(
    fake_api: FakeMessagesAPI, make_claude: MakeClaude, caplog: pytest.LogCaptureFixture
) -> None:
    claude = make_claude(model="claude-haiku-9-9")
    router = RoutedExtractor(rules=UnsureRules(), claude=claude, threshold=0.75)
    with caplog.at_level(logging.DEBUG, logger="keloia.adapters.claude"):
        results = [router.extract(f"pesan {n}", CONTEXT) for n in range(3)]

    assert all(r.source == "rules" and r.intent is Intent.UNKNOWN for r in results)
    assert len(fake_api.requests) == 1  # no more requests once the API said 404
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 2  # the model line, and the fallback class once
    assert "claude-haiku-9-9" in warnings[0] and "KELOIA_CLAUDE_MODEL" in warnings[0]
    assert "fallback" in warnings[1]


def test_a_retired_model_is_found_at_start_up(
    fake_api: FakeMessagesAPI, make_claude: MakeClaude, caplog: pytest.LogCaptureFixture
) -> None:
    claude = make_claude(model="claude-3-haiku-20240307")
    with caplog.at_level(logging.WARNING, logger="keloia.adapters.claude"):
        assert claude.check_model() is False
    assert fake_api.model_lookups == ["claude-3-haiku-20240307"]
    assert "retired" in caplog.records[0].getMessage()

    result = RoutedExtractor(rules=UnsureRules(), claude=claude, threshold=0.75).extract(
        "halo", CONTEXT
    )
    assert result.source == "rules"
    assert fake_api.requests == []  # never asked


def test_the_start_up_check_passes_a_current_model_and_warns_on_a_deprecated_one(
    fake_api: FakeMessagesAPI, make_claude: MakeClaude, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="keloia.adapters.claude"):
        assert make_claude().check_model() is True
        assert caplog.records == []
        assert make_claude(model="claude-haiku-4-5", effort=None).check_model() is True
    assert "deprecated" in caplog.records[0].getMessage()
    assert "cost not measured" in make_claude(model="claude-x", prices={}).describe()
    assert "$0.10/$0.50" in make_claude().describe()


def test_an_unreachable_api_at_start_up_is_not_a_verdict() -> None:
    claude = ClaudeExtractor(
        api_key="sk-ant-test", base_url="http://127.0.0.1:9", timeout=0.5, max_retries=0
    )
    assert claude.check_model() is True
    assert claude.unavailable is None


def test_each_failure_class_is_warned_once(
    fake_api: FakeMessagesAPI, make_claude: MakeClaude, caplog: pytest.LogCaptureFixture
) -> None:
    from .fake_messages_api import error, message

    fake_api.queue(
        error(400, "invalid_request_error"),
        error(400, "invalid_request_error"),
        message("not json"),
        message("still not json"),
    )
    router = RoutedExtractor(rules=UnsureRules(), claude=make_claude(max_retries=0), threshold=0.75)
    with caplog.at_level(logging.WARNING, logger="keloia.adapters.claude"):
        for n in range(4):
            assert router.extract(f"pesan {n}", CONTEXT).source == "rules"
    warnings = [r.getMessage() for r in caplog.records]
    assert len(warnings) == 2
    assert "400" in warnings[0] and "invalid answer" in warnings[1]

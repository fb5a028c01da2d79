"""RoutedExtractor: rules first, Claude (real SDK, local fake API) only when they are unsure."""

from __future__ import annotations

import datetime as dt
import logging
import time
from typing import Any

import pytest

from keloia.adapters.claude import RoutedExtractor
from keloia.domain.model.intents import Extraction, ExtractionContext, Intent

from .conftest import MakeClaude
from .fake_messages_api import FakeMessagesAPI, answer, message, several, slow

THRESHOLD = 0.75
CONTEXT = ExtractionContext(today=dt.date(2026, 3, 2))


class FakeRules:
    """Stands in for the offline rules extractor: always gives the same answer."""

    def __init__(self, intent: str, confidence: float, **fields: Any) -> None:
        self.answer = Extraction.model_validate(
            {"intent": intent, "confidence": confidence, "source": "rules", "fields": fields}
        )
        self.calls = 0

    def extract(self, text: str, context: ExtractionContext) -> Extraction:
        self.calls += 1
        return self.answer


def routed(rules: FakeRules, make_claude: MakeClaude, **claude: Any) -> RoutedExtractor:
    return RoutedExtractor(rules=rules, claude=make_claude(**claude), threshold=THRESHOLD)


def test_a_confident_rules_answer_never_calls_claude(
    fake_api: FakeMessagesAPI, make_claude: MakeClaude
) -> None:
    rules = FakeRules("query_schedule", 0.9, date="2026-03-03")
    result = routed(rules, make_claude).extract("jadwal besok?", CONTEXT)

    assert result is rules.answer
    assert fake_api.requests == []


@pytest.mark.parametrize("intent", ["confirm", "reject"])
def test_confirm_and_reject_never_call_claude(
    intent: str, fake_api: FakeMessagesAPI, make_claude: MakeClaude
) -> None:
    rules = FakeRules(intent, 0.3)  # even when the rules are unsure
    result = routed(rules, make_claude).extract("hmm ok deh", CONTEXT)

    assert result.source == "rules" and result.intent.value == intent
    assert fake_api.requests == []


def test_an_unsure_rules_answer_asks_claude(
    fake_api: FakeMessagesAPI, make_claude: MakeClaude
) -> None:
    fake_api.queue(answer("query_outstanding", 0.92, client_name="Bu Endang"))
    rules = FakeRules("unknown", 0.2)
    result = routed(rules, make_claude).extract("Bu Endang tinggal kurang brp?", CONTEXT)

    assert len(fake_api.requests) == 1
    assert result.source == "claude"
    assert result.to_contract()["fields"] == {"client_name": "Bu Endang"}


def test_the_threshold_itself_is_confident_enough(
    fake_api: FakeMessagesAPI, make_claude: MakeClaude
) -> None:
    rules = FakeRules("help", THRESHOLD)
    assert routed(rules, make_claude).extract("bantuan", CONTEXT).source == "rules"
    assert fake_api.requests == []


@pytest.mark.parametrize(
    "reply",
    [
        pytest.param(message("maaf, saya tidak mengerti {"), id="not-json"),
        pytest.param(message('{"intent": "create_booking"}'), id="missing-keys"),
        pytest.param(answer("flying_bus", 0.9), id="unknown-intent"),
        pytest.param(answer("record_payment", 0.9, amount="1,5jt"), id="money-not-int"),
        pytest.param(answer("create_booking", 0.9, client_phone="0812"), id="bad-phone"),
        pytest.param(answer("create_booking", 0.9, depart_time="25:00"), id="bad-time"),
        pytest.param(answer("create_booking", 1.7), id="confidence-out-of-range"),
        pytest.param(answer("confirm", 0.95), id="confirm-with-nothing-pending"),
        pytest.param(answer("correct", 0.9, price=5000000), id="correct-with-nothing-pending"),
        pytest.param(message('{"intent": "help", "conf', stop_reason="max_tokens"), id="cut"),
    ],
)
def test_an_unusable_claude_answer_falls_back_to_the_rules(
    reply: Any, fake_api: FakeMessagesAPI, make_claude: MakeClaude
) -> None:
    fake_api.queue(reply)
    rules = FakeRules("record_payment", 0.5, client_name="Bu Rina", amount=1500000)
    result = routed(rules, make_claude).extract("Bu Rina 1,5jt", CONTEXT)

    assert len(fake_api.requests) == 1
    assert result is rules.answer


def test_a_claude_timeout_falls_back_to_the_rules(
    fake_api: FakeMessagesAPI, make_claude: MakeClaude
) -> None:
    fake_api.queue(slow(answer("help"), 3.0))
    rules = FakeRules("unknown", 0.1)
    started = time.monotonic()
    result = routed(rules, make_claude, timeout=0.2, max_retries=0).extract("halo", CONTEXT)

    assert result is rules.answer
    assert time.monotonic() - started < 1.5


def test_an_api_error_after_retries_falls_back_to_the_rules(
    fake_api: FakeMessagesAPI, make_claude: MakeClaude
) -> None:
    # Nothing queued: the fake answers every call with a 500.
    rules = FakeRules("unknown", 0.1)
    result = routed(rules, make_claude, max_retries=1).extract("halo", CONTEXT)

    assert result is rules.answer
    assert len(fake_api.requests) == 2


def test_the_fallback_warning_does_not_quote_the_message(
    fake_api: FakeMessagesAPI, make_claude: MakeClaude, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "Pak Rahasia 0812-9999-0000 bayar 7,5jt"
    fake_api.queue(answer("record_payment", 0.9, client_name=secret, amount="7,5jt"))
    rules = FakeRules("record_payment", 0.4)
    with caplog.at_level(logging.DEBUG, logger="keloia.adapters.claude"):
        routed(rules, make_claude).extract(secret, CONTEXT)

    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1
    assert "fallback" in warnings[0].getMessage()
    assert "Rahasia" not in warnings[0].getMessage()
    debug = [r.getMessage() for r in caplog.records if r.levelno == logging.DEBUG]
    assert any("Rahasia" in line for line in debug)  # the text is only at debug level


def test_a_crashing_claude_side_still_falls_back() -> None:
    class Broken:
        def ask(self, text: str, context: ExtractionContext) -> Extraction:
            raise RuntimeError("boom")

    rules = FakeRules("unknown", 0.1)
    router = RoutedExtractor(rules=rules, claude=Broken(), threshold=THRESHOLD)
    assert router.extract("halo", CONTEXT) is rules.answer
    assert rules.answer.intent is Intent.UNKNOWN


def _with_more(rules: FakeRules, *more: Extraction) -> FakeRules:
    rules.answer = rules.answer.model_copy(update={"more": more})
    return rules


RULES_PAYMENT = Extraction.model_validate(
    {"intent": "record_payment", "confidence": 0.9, "source": "rules", "fields": {"amount": 1}}
)


def test_the_rules_further_requests_stay_when_their_reading_is_used(
    fake_api: FakeMessagesAPI, make_claude: MakeClaude
) -> None:
    rules = _with_more(FakeRules("log_maintenance", 0.9, bus="bus 04"), RULES_PAYMENT)
    result = routed(rules, make_claude).extract("bus 04 ganti oli, sekalian dp 1jt", CONTEXT)
    assert result.more == (RULES_PAYMENT,)
    assert fake_api.requests == []


def test_claudes_further_requests_come_with_its_reading(
    fake_api: FakeMessagesAPI, make_claude: MakeClaude
) -> None:
    fake_api.queue(
        several(
            ("log_maintenance", 0.9, {"bus": "bus 04"}),
            ("record_payment", 0.9, {"client_name": "pak hendra", "amount": 1000000}),
        )
    )
    # The rules' own unsure cut is not mixed into Claude's reading.
    rules = _with_more(FakeRules("log_maintenance", 0.5), RULES_PAYMENT)
    result = routed(rules, make_claude).extract("bus 04 oli, sekalian pak hendra 1jt", CONTEXT)
    assert result.source == "claude"
    assert [(e.source, e.fields.stated()) for e in result.more] == [
        ("claude", {"client_name": "pak hendra", "amount": 1000000})
    ]


def test_an_invalid_further_request_falls_back_to_the_rules_and_their_cut(
    fake_api: FakeMessagesAPI, make_claude: MakeClaude
) -> None:
    fake_api.queue(
        several(
            ("log_maintenance", 0.9, {"bus": "bus 04"}), ("record_payment", 0.9, {"amount": "1jt"})
        )
    )
    rules = _with_more(FakeRules("log_maintenance", 0.5), RULES_PAYMENT)
    result = routed(rules, make_claude).extract("bus 04 oli, sekalian dp 1jt", CONTEXT)
    assert result is rules.answer and result.more == (RULES_PAYMENT,)

"""The static prompt and the answer schema: cacheable, API-acceptable, consistent."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from keloia.adapters.claude import prompt
from keloia.adapters.claude.prompt import (
    MIN_CACHEABLE_TOKENS,
    STATIC_SYSTEM_PROMPT,
    estimate_tokens,
)
from keloia.adapters.claude.schema import (
    ANSWER_SCHEMA,
    MAX_MORE,
    RECORD_LISTS,
    InvalidAnswer,
    parse_answer,
)
from keloia.domain.model.intents import ExtractedFields, Extraction, ExtractionContext


def walk(node: Any) -> list[dict[str, Any]]:
    """Every JSON-schema object in `node`, depth first."""
    found: list[dict[str, Any]] = []
    if isinstance(node, dict):
        found.append(node)
        for value in node.values():
            found.extend(walk(value))
    elif isinstance(node, list):
        for value in node:
            found.extend(walk(value))
    return found


def test_estimate_tokens_is_a_rough_quarter_of_the_characters() -> None:
    assert estimate_tokens("") == 0
    assert estimate_tokens("abcd") == 1
    assert estimate_tokens("abcde") == 2


def test_the_static_prompt_is_long_enough_to_be_cached() -> None:
    assert estimate_tokens(STATIC_SYSTEM_PROMPT) >= MIN_CACHEABLE_TOKENS


def test_the_static_prompt_has_nothing_of_the_current_call() -> None:
    # Rebuilding the prompt gives the same bytes: nothing in it depends on the clock or a call
    # (a changing prefix would never hit the cache).
    assert prompt._RULES + "\n" + prompt._render_examples() + "\n" == STATIC_SYSTEM_PROMPT


@pytest.mark.parametrize("n", range(len(prompt._EXAMPLES)))
def test_every_worked_example_is_a_valid_answer(n: int) -> None:
    context, _text, intent, confidence, fields = prompt._EXAMPLES[n]
    rendered = prompt.render_answer(intent, confidence, fields)
    result = parse_answer(rendered, context)
    assert result.intent is intent
    assert result.fields.stated() == fields  # nothing dropped, nothing reformatted


@pytest.mark.parametrize("n", range(len(prompt._SEVERAL_EXAMPLES)))
def test_every_worked_example_of_several_requests_is_a_valid_answer(n: int) -> None:
    context, _text, (intent, confidence, fields), more = prompt._SEVERAL_EXAMPLES[n]
    result = parse_answer(prompt.render_answer(intent, confidence, fields, more), context)
    said = [(e.intent, e.confidence, e.fields.stated()) for e in (result, *result.more)]
    assert said == [(intent, confidence, fields), *more]


def test_the_prompt_says_how_many_further_requests_an_answer_holds() -> None:
    assert f"in the order said, at most {MAX_MORE}," in " ".join(STATIC_SYSTEM_PROMPT.split())


def test_a_further_request_is_shaped_as_the_first() -> None:
    top = dict(ANSWER_SCHEMA["properties"])
    item = top.pop("more")["items"]
    assert item["properties"] == top
    assert item["required"] == list(top)


def test_the_answer_schema_stays_within_structured_output_limits() -> None:
    nodes = walk(ANSWER_SCHEMA)
    unions = [n for n in nodes if "anyOf" in n or isinstance(n.get("type"), list)]
    assert len(unions) <= 16
    for node in nodes:
        if node.get("type") == "object":
            assert node["additionalProperties"] is False
            assert set(node["required"]) == set(node["properties"])  # no optional params
        for unsupported in ("pattern", "minimum", "maximum", "minLength", "maxLength"):
            assert unsupported not in node


def test_the_answer_schema_covers_every_contract_field_once() -> None:
    variants = ANSWER_SCHEMA["properties"]["fields"]["items"]["anyOf"]
    names = [name for v in variants for name in v["properties"]["name"]["enum"]]
    assert sorted(names) == sorted(set(ExtractedFields.model_fields) - RECORD_LISTS)


def test_fields_the_intent_cannot_carry_are_dropped() -> None:
    context = ExtractionContext.model_validate({"today": "2026-03-02"})
    raw = json.dumps(
        {
            "intent": "cancel_booking",
            "confidence": 0.9,
            "fields": [
                {"name": "client_name", "value": "pak heru"},
                {"name": "price", "value": 5000000},
                {"name": "notes", "value": ""},
            ],
        }
    )
    assert parse_answer(raw, context).fields.stated() == {"client_name": "pak heru"}


def test_a_correction_keeps_the_fields_of_the_pending_intent() -> None:
    pending = Extraction.model_validate(
        {"intent": "log_maintenance", "confidence": 1, "source": "rules", "fields": {"cost": 1}}
    )
    context = ExtractionContext.model_validate({"today": "2026-03-02", "pending": pending})
    raw = json.dumps(
        {
            "intent": "correct",
            "confidence": 0.9,
            "fields": [{"name": "cost", "value": 2000000}, {"name": "amount", "value": 1}],
        }
    )
    assert parse_answer(raw, context).fields.stated() == {"cost": 2000000}


def test_a_field_given_twice_differently_is_invalid() -> None:
    context = ExtractionContext.model_validate({"today": "2026-03-02"})
    raw = json.dumps(
        {
            "intent": "query_bus_status",
            "confidence": 0.9,
            "fields": [{"name": "bus", "value": "bus 1"}, {"name": "bus", "value": "bus 2"}],
        }
    )
    with pytest.raises(InvalidAnswer, match="bus given twice"):
        parse_answer(raw, context)


def test_invalid_answer_messages_do_not_quote_values() -> None:
    context = ExtractionContext.model_validate({"today": "2026-03-02"})
    raw = json.dumps(
        {
            "intent": "create_booking",
            "confidence": 0.9,
            "fields": [{"name": "client_phone", "value": "Rahasia-0812"}],
        }
    )
    with pytest.raises(InvalidAnswer) as caught:
        parse_answer(raw, context)
    assert "Rahasia" not in str(caught.value)
    assert re.search(r"client_phone", str(caught.value))


def test_unexpected_keys_are_not_quoted_either() -> None:
    context = ExtractionContext.model_validate({"today": "2026-03-02"})
    for raw in (
        '{"intent": "help", "confidence": 0.9, "fields": [], "Pak Rahasia": 1}',
        '{"intent": "help", "confidence": 0.9, "fields": [{"name": "Pak Rahasia", "value": 1}]}',
    ):
        with pytest.raises(InvalidAnswer) as caught:
            parse_answer(raw, context)
        assert "Rahasia" not in str(caught.value)

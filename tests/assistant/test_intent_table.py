"""The intent table in the domain drives the extractors, the conversation and the action
registry: every intent is in it, every action has its plan builder, every question its
answer, and both extractors allow exactly the table's fields."""

from __future__ import annotations

from keloia.adapters.claude.schema import INTENT_FIELDS
from keloia.adapters.rules.fields import ALLOWED
from keloia.domain.model.intents import (
    ACTION_INTENTS,
    INTENTS,
    QUERY_INTENTS,
    ExtractedFields,
    Intent,
)
from keloia.domain.services.assistant.actions import BUILDERS
from keloia.domain.services.assistant.queries import ANSWERS
from keloia.domain.services.assistant.replies import PENDING_LABELS


def test_every_intent_is_in_the_table() -> None:
    assert set(INTENTS) == set(Intent)


def test_every_action_intent_has_its_builder_and_every_query_its_answer() -> None:
    assert set(BUILDERS) == ACTION_INTENTS
    assert set(ANSWERS) == QUERY_INTENTS


def test_every_action_intent_has_a_label_for_when_it_waits() -> None:
    # "Sesudah ini saya tanyakan juga: Konfirmasi booking ...", never a bare "Catatan".
    assert set(PENDING_LABELS) == ACTION_INTENTS


def test_the_table_names_only_real_fields() -> None:
    known = set(ExtractedFields.model_fields)
    for intent, spec in INTENTS.items():
        assert spec.fields <= known, intent


def test_both_extractors_allow_the_tables_fields() -> None:
    for intent in ACTION_INTENTS | QUERY_INTENTS:
        assert ALLOWED[intent] == INTENTS[intent].fields
        assert INTENT_FIELDS[intent] == INTENTS[intent].fields

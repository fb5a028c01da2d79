"""The answer format asked of Claude, generated from the contract models, and its reading back.

Structured outputs compile the JSON schema into a decoding grammar, and the API refuses
schemas past its complexity limits (at most 16 union-typed parameters, a small budget of
optional properties). `ExtractedFields` has 27 optional, nullable fields, so sending its
schema as is would be refused. Instead Claude answers with a *list of stated fields*:

    {"intent": "...", "confidence": 0.9, "fields": [{"name": "price", "value": 15000000}, ...]}

Each list item is one of a few variants grouped by value type (text, date, integer, and one
per enum), all generated from `ExtractedFields`' own JSON schema: one union in total, no
optional properties, and a field the message does not state is simply not in the list.
Constraints the API does not accept (pattern, min/max, lengths) are stripped by the SDK's
`transform_schema`; the answer is then validated against the full pydantic models, so
nothing they forbid gets through.

A message may hold several requests ("bus 04 ganti oli 850rb, sekalian pak hendra dp 1jt
cash"). The first is the answer itself; each further one is an item of "more", a reading
of the same shape (intent, confidence, fields and the record lists), read back into
`Extraction.more` exactly as the first is read. The items repeat the first reading's
properties inline, so the schema has two unions in all, still no optional property.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from anthropic import transform_schema
from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr, ValidationError

from keloia.domain.model.intents import (
    INTENTS,
    CostLine,
    CrewLine,
    DocumentLine,
    ExtractedFields,
    Extraction,
    ExtractionContext,
    Intent,
    IntentKind,
    PaymentLine,
    ReadingLine,
)

# Which fields each intent may carry: the domain's table (`correct` is special, below).
INTENT_FIELDS: dict[Intent, frozenset[str]] = {
    intent: spec.fields for intent, spec in INTENTS.items() if intent is not Intent.CORRECT
}


# Lists of records (several payments, trip costs, or buses with their own crew in one
# message) are arrays of their own next to the flat list: "payments", "costs", "crew".
# The lines of each list, as the contract models them.
RECORD_LINES: dict[str, type[BaseModel]] = {
    "payments": PaymentLine,
    "costs": CostLine,
    "crew": CrewLine,
    "documents": DocumentLine,
    "readings": ReadingLine,
}
RECORD_LISTS = frozenset(RECORD_LINES)

# At most this many further requests beside the first. A message rarely holds more than
# two or three, and the bound keeps the longest answer inside the answer's max_tokens
# (tests/claude checks it). The API takes no maxItems: an answer with more is invalid.
MAX_MORE = 4
# What a request beside another may be: what the assistant proposes one after the other or
# answers beside the first (the same kinds the rules' cut keeps, several.py).
SEPARATE_KINDS = frozenset({IntentKind.ACTION, IntentKind.QUERY})


class InvalidAnswer(ValueError):
    """Claude's answer does not fit the contract. The message names fields and error kinds,
    never values: values are the customer's business and warnings get logged."""


def _value_schemas() -> dict[str, dict[str, Any]]:
    """Field name -> JSON schema of its non-null value, from ExtractedFields itself."""
    schema = ExtractedFields.model_json_schema()
    defs: dict[str, Any] = schema.get("$defs", {})
    values: dict[str, dict[str, Any]] = {}
    for name, prop in schema["properties"].items():
        branches = [b for b in prop.get("anyOf", [prop]) if b.get("type") != "null"]
        if len(branches) != 1:
            raise TypeError(f"field {name!r} is not a single optional type")
        branch = branches[0]
        if name in RECORD_LISTS:
            continue
        if "$ref" in branch:
            branch = defs[branch["$ref"].rsplit("/", 1)[-1]]
        values[name] = branch
    return values


def _group_key(value_schema: dict[str, Any]) -> str:
    # Fields whose values decode alike share one variant; formats the API cannot enforce
    # (HH:MM, E.164, method names) are taught by the prompt and checked by pydantic.
    if "enum" in value_schema:
        return "enum:" + json.dumps(value_schema["enum"])
    return f"{value_schema.get('type')}:{value_schema.get('format', '')}"


def _variant(names: list[str], value_schema: dict[str, Any]) -> dict[str, Any]:
    if "enum" in value_schema:
        value: dict[str, Any] = {"type": "string", "enum": list(value_schema["enum"])}
    elif value_schema.get("type") == "array":
        items = value_schema.get("items", {"type": "string"})
        value = {"type": "array", "items": {"type": items.get("type", "string")}}
    else:
        value = {"type": value_schema["type"]}
        if "format" in value_schema:
            value["format"] = value_schema["format"]
    return {
        "type": "object",
        "properties": {"name": {"type": "string", "enum": names}, "value": value},
        "required": ["name", "value"],
        "additionalProperties": False,
    }


def _line_schema(model: type[BaseModel]) -> dict[str, Any]:
    """One line of a record list: every property required (the API's budget of optional
    properties is small), an unsaid value given as "" and left out when read back."""
    schema = model.model_json_schema()
    defs: dict[str, Any] = schema.get("$defs", {})
    properties: dict[str, Any] = {}
    for name, prop in schema["properties"].items():
        branches = [b for b in prop.get("anyOf", [prop]) if b.get("type") != "null"]
        branch = branches[0]
        if "$ref" in branch:
            branch = defs[branch["$ref"].rsplit("/", 1)[-1]]
        optional = name not in schema.get("required", [])
        if "enum" in branch:
            values = list(branch["enum"]) + ([""] if optional else [])
            properties[name] = {"type": "string", "enum": values}
        else:
            properties[name] = {"type": branch["type"]}
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


_LIST_DESCRIPTIONS = {
    "payments": "Every payment when the message states payments of more than one client "
    "(or several amounts); else empty.",
    "costs": "Every cost of the trip when the message states more than one; else empty.",
    "crew": "Each bus with the crew named for it when a booking of several buses names crew "
    'per bus (bus "" for crew named before any bus is chosen: 2 bus, sopirnya slamet sm '
    "joko); else empty.",
    "documents": "Every paper with its expiry when the message states more than one; else empty.",
    "readings": "Every bus with its odometer km when the message states more than one bus's "
    "reading; else empty.",
}


def _reading_schema() -> dict[str, Any]:
    """One request as read: its intent, confidence, stated fields and record lists."""
    groups: dict[str, tuple[list[str], dict[str, Any]]] = {}
    for name, value_schema in _value_schemas().items():
        names, _ = groups.setdefault(_group_key(value_schema), ([], value_schema))
        names.append(name)
    variants = [_variant(names, value_schema) for names, value_schema in groups.values()]
    properties: dict[str, Any] = {
        "intent": {"type": "string", "enum": [i.value for i in Intent]},
        "confidence": {"type": "number", "minimum": 0, "maximum": 1},
        "fields": {
            "type": "array",
            "description": "Only the fields the message states, each at most once.",
            "items": {"anyOf": variants},
        },
    }
    for name, model in RECORD_LINES.items():
        properties[name] = {
            "type": "array",
            "description": _LIST_DESCRIPTIONS[name],
            "items": _line_schema(model),
        }
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


_MORE_DESCRIPTION = (
    "Each further request of the message, in the order said, when it holds several "
    f"(at most {MAX_MORE}); else empty."
)


def build_answer_schema() -> dict[str, Any]:
    """The JSON schema sent as `output_config.format`, normalised by the SDK's
    `transform_schema` (which moves unsupported constraints into descriptions): the first
    request read, and "more", the further requests, each read the same way."""
    schema = _reading_schema()
    more = {"type": "array", "description": _MORE_DESCRIPTION, "items": _reading_schema()}
    schema["properties"]["more"] = more
    schema["required"] = list(schema["properties"])
    return transform_schema(schema)


ANSWER_SCHEMA: dict[str, Any] = build_answer_schema()


class _WireField(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: StrictStr
    value: StrictStr | StrictInt | list[StrictStr]  # a list: every bus named ("buses")


class _WireReading(BaseModel):
    model_config = ConfigDict(extra="forbid")

    intent: Intent
    confidence: float
    fields: list[_WireField]
    # Required by the schema; an answer without them (an older format) states no list.
    payments: list[dict[str, StrictStr | StrictInt]] = []
    costs: list[dict[str, StrictStr | StrictInt]] = []
    crew: list[dict[str, StrictStr | StrictInt]] = []
    documents: list[dict[str, StrictStr | StrictInt]] = []
    readings: list[dict[str, StrictStr | StrictInt]] = []


class _WireAnswer(_WireReading):
    # Required by the schema; an answer without it (an older format) is one request.
    more: Annotated[list[_WireReading], Field(max_length=MAX_MORE)] = []


_KNOWN_NAMES = frozenset(ExtractedFields.model_fields) | {"intent", "confidence", "fields", "more"}
_KNOWN_NAMES |= {"name", "value", "source"}
_KNOWN_NAMES |= {name for model in RECORD_LINES.values() for name in model.model_fields}


def _where(err: ValidationError) -> str:
    # Locations and error kinds only: a pydantic message would quote the input values, and
    # an unexpected key chosen by the model could be any text, so it is masked too.
    def part(p: int | str) -> str:
        return str(p) if isinstance(p, int) or p in _KNOWN_NAMES else "?"

    return ", ".join(
        f"{'.'.join(part(p) for p in e['loc']) or '<root>'} ({e['type']})" for e in err.errors()
    )


def allowed_fields(intent: Intent, context: ExtractionContext) -> frozenset[str]:
    if intent is Intent.CORRECT:
        return INTENT_FIELDS[context.pending.intent] if context.pending else frozenset()
    return INTENT_FIELDS[intent]


def parse_answer(raw: str, context: ExtractionContext) -> Extraction:
    """Claude's JSON text -> a contract Extraction (source "claude"), with the further
    requests of the message in `more`, or InvalidAnswer.

    Every further request is checked as the first is, and one that fails fails the whole
    answer: the router then falls back to the rules' reading, as for any invalid answer.
    Keeping the rest would drop a request the sender made without a word, and an answer
    broken anywhere is a misreading of the message as a whole."""
    try:
        wire = _WireAnswer.model_validate_json(raw)
    except ValidationError as err:
        raise InvalidAnswer(f"answer does not match the format: {_where(err)}") from None
    first = _reading(wire, context)
    return _with_more(first, [_reading(item, context) for item in wire.more])


def _reading(wire: _WireReading, context: ExtractionContext) -> Extraction:
    """One request of the answer as the contract has it."""
    stated: dict[str, str | int | list[str]] = {}
    for item in wire.fields:
        if item.name not in ExtractedFields.model_fields:
            raise InvalidAnswer("unknown field name")
        value = item.value.strip() if isinstance(item.value, str) else item.value
        if value == "":
            continue  # an empty value means "not stated": the contract leaves it out
        if item.name in stated and stated[item.name] != value:
            raise InvalidAnswer(f"field {item.name} given twice with different values")
        stated[item.name] = value

    # Fields the intent cannot carry are dropped rather than failing the answer: the intent
    # is what matters most, and the contract says which fields belong to it.
    keep = allowed_fields(wire.intent, context)
    listed: dict[str, Any] = {name: value for name, value in stated.items() if name in keep}
    for name in RECORD_LINES:
        lines = [_said(line) for line in getattr(wire, name)]
        if name in keep and lines:
            listed.update(_with_list(name, [line for line in lines if line]))

    try:
        return Extraction(
            intent=wire.intent,
            confidence=wire.confidence,
            source="claude",
            fields=ExtractedFields.model_validate(listed),
        )
    except ValidationError as err:
        raise InvalidAnswer(f"answer breaks the contract: {_where(err)}") from None


def _with_more(first: Extraction, more: list[Extraction]) -> Extraction:
    """The first request with the others in `more`. A greeting or a thanks (`unknown`) is
    no request of its own: dropped beside one, and one that comes first gives way to the
    next ("pagi mbak. trus bu tini dp 1jt"). Requests said together must each be an action
    or a question: a yes, no or correction answers what waits, and a problem report, a
    paper or help beside another request is not proposed or answered after it."""
    said = [r for r in (first, *more) if r.intent is not Intent.UNKNOWN]
    if not more or len(said) < 2:
        return said[0] if said else first
    for reading in said:
        if INTENTS[reading.intent].kind not in SEPARATE_KINDS:
            raise InvalidAnswer(f"several requests with {reading.intent.value} among them")
    head, *rest = said
    return head.model_copy(update={"more": tuple(rest)})


def _said(line: dict[str, str | int]) -> dict[str, str | int]:
    """A list line without its unsaid ("") values."""
    return {
        name: value.strip() if isinstance(value, str) else value
        for name, value in line.items()
        if not (isinstance(value, str) and not value.strip())
    }


def _with_list(name: str, lines: list[dict[str, str | int]]) -> dict[str, Any]:
    """A record list as the contract has it: the single fields hold its first line (the
    first driver and kernet named, for crew); one payment or cost is just the single
    fields, and a crew line counts only on a booking of several buses."""
    if not lines:
        return {}
    if name == "crew":
        out: dict[str, Any] = {"crew": lines}
        for role in ("driver", "kernet"):
            named = [line[role] for line in lines if role in line]
            if named:
                out[role] = named[0]
        return out
    out = dict(lines[0])
    if len(lines) > 1:
        out[name] = lines
    return out

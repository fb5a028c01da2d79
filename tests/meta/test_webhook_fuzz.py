"""Whatever arrives at POST /webhook, parsing raises nothing but MalformedNotification."""

from __future__ import annotations

import contextlib
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from keloia.adapters.meta import MalformedNotification, Notification, parse_notification

FUZZ = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20)
    | st.sampled_from(["6281234567890", "1773540000", "text", "messages", "failed", "ID.1"])
)
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=25,
)


def either(good: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """The right shape most of the time, anything JSON sometimes."""
    return st.one_of(good, good, json_values)


message_types = st.sampled_from(
    [
        "text",
        "interactive",
        "button",
        "image",
        "location",
        "contacts",
        "reaction",
        "unsupported",
        "x",
    ]
)
messages = st.fixed_dictionaries(
    {
        "id": either(st.text(min_size=1, max_size=10)),
        "from": either(st.sampled_from(["6281234567890", "16505551234", "0", ""])),
        "timestamp": either(st.sampled_from(["1773540000", "0", "-1", "99999999999999999"])),
        "type": either(message_types),
    },
    optional={
        "from_user_id": either(st.text(max_size=10)),
        "text": either(st.fixed_dictionaries({"body": either(st.text(max_size=10))})),
        "interactive": either(
            st.fixed_dictionaries(
                {
                    "type": st.sampled_from(["button_reply", "list_reply"]),
                    "button_reply": either(
                        st.fixed_dictionaries({"id": json_values, "title": json_values})
                    ),
                    "list_reply": either(
                        st.fixed_dictionaries({"id": json_values, "title": json_values})
                    ),
                }
            )
        ),
        "button": json_values,
        "image": json_values,
        "location": json_values,
        "contacts": json_values,
        "reaction": json_values,
    },
)
statuses = st.fixed_dictionaries(
    {
        "id": either(st.text(min_size=1, max_size=10)),
        "status": either(st.sampled_from(["sent", "delivered", "read", "failed", "deleted"])),
        "timestamp": either(st.sampled_from(["1773540000", "abc"])),
    },
    optional={
        "recipient_id": json_values,
        "recipient_user_id": json_values,
        "errors": either(
            st.lists(either(st.fixed_dictionaries({"code": json_values, "title": json_values})))
        ),
    },
)
values = st.fixed_dictionaries(
    {},
    optional={
        "metadata": either(st.fixed_dictionaries({"phone_number_id": json_values})),
        "contacts": either(
            st.lists(either(st.fixed_dictionaries({"wa_id": json_values, "profile": json_values})))
        ),
        "messages": either(st.lists(either(messages), max_size=4)),
        "statuses": either(st.lists(either(statuses), max_size=4)),
        "errors": json_values,
    },
)
changes = st.fixed_dictionaries({"field": either(st.just("messages")), "value": either(values)})
entries = st.fixed_dictionaries(
    {"id": json_values, "changes": either(st.lists(either(changes), max_size=3))}
)
notifications = st.fixed_dictionaries(
    {
        "object": either(st.just("whatsapp_business_account")),
        "entry": either(st.lists(either(entries), max_size=3)),
    }
)


def _absent_or(item: dict[str, Any], key: str, kind: type) -> bool:
    return key not in item or isinstance(item[key], kind)


def offered(data: dict[str, Any]) -> tuple[int, int, int]:
    """What a body that parsed offers, counted independently of the parser: (entries and
    changes of the wrong shape, messages and statuses inside the readable "messages" changes).
    """
    unreadable = messages = statuses = 0
    for entry in data["entry"]:
        if not (
            isinstance(entry, dict)
            and _absent_or(entry, "id", str)
            and _absent_or(entry, "changes", list)
        ):
            unreadable += 1
            continue
        for change in entry.get("changes", []):
            if not (
                isinstance(change, dict)
                and _absent_or(change, "field", str)
                and _absent_or(change, "value", dict)
            ):
                unreadable += 1
                continue
            if change.get("field", "") != "messages":
                continue
            value = change.get("value", {})
            # Each list is read on its own: a sibling of the wrong shape costs nothing,
            # a "messages" of the wrong shape is one skip.
            found = value.get("messages")
            if found is not None and not isinstance(found, list):
                unreadable += 1
            messages += len(found) if isinstance(found, list) else 0
            found = value.get("statuses")
            statuses += len(found) if isinstance(found, list) else 0
    return unreadable, messages, statuses


def parses_or_is_malformed(raw: bytes) -> None:
    try:
        result = parse_notification(raw)
    except MalformedNotification:
        return
    assert isinstance(result, Notification)
    unreadable, messages, statuses = offered(json.loads(raw))
    # Each bad entry or change is one skip; each message is returned or skipped; each
    # status is returned, skipped, or ignored (a state Keloia does not track).
    skipped_statuses = len(result.messages) + result.skipped - unreadable - messages
    assert skipped_statuses >= 0
    assert len(result.statuses) + skipped_statuses <= statuses


@FUZZ
@given(st.binary(max_size=300))
def test_arbitrary_bytes(raw: bytes) -> None:
    parses_or_is_malformed(raw)


@FUZZ
@given(json_values)
def test_arbitrary_json_values(value: Any) -> None:
    parses_or_is_malformed(json.dumps(value).encode())


@FUZZ
@given(notifications)
def test_notification_shaped_json_with_anything_inside(value: Any) -> None:
    parses_or_is_malformed(json.dumps(value).encode())


# Cheap to generate: a few good and bad values per field, in every combination.
small_messages = st.fixed_dictionaries(
    {
        "id": st.sampled_from(["wamid.A", "wamid.B", "", None, 7]),
        "from": st.sampled_from(["6281234567890", "0", "", None, ["6281234567890"]]),
        "timestamp": st.sampled_from(["1773540000", "soon", None, 1773540000, 10**30]),
        "type": st.sampled_from(["text", "button", "reaction", "unknown", 5]),
    },
    optional={
        "from_user_id": st.sampled_from(["ID.1", "", None]),
        "text": st.sampled_from([{"body": "ya"}, {"body": 5}, "ya", None]),
        "button": st.sampled_from([{"payload": "p", "text": "t"}, [], None]),
        "reaction": st.sampled_from([{"message_id": "wamid.X", "emoji": "👍"}, {"emoji": 1}]),
    },
)


@FUZZ
@given(st.lists(small_messages, min_size=1, max_size=4))
def test_every_readable_message_is_returned_and_every_other_counted(raw: list[Any]) -> None:
    value = {"contacts": [{"wa_id": "6281234567890", "profile": {"name": "A"}}], "messages": raw}
    body = {
        "object": "whatsapp_business_account",
        "entry": [{"changes": [{"field": "messages", "value": value}]}],
    }
    notification = parse_notification(json.dumps(body).encode())
    assert len(notification.messages) + notification.skipped == len(raw)


GOOD_MESSAGE = {
    "from": "6281234567890",
    "id": "wamid.GOOD",
    "timestamp": "1773540000",
    "type": "text",
    "text": {"body": "ya"},
}
ODD_SIBLINGS = st.sampled_from([None, {}, {"id": "x"}, "x", 5, True, [None], [{"a": 1}]])


def _one_change(value: dict[str, Any]) -> bytes:
    body = {
        "object": "whatsapp_business_account",
        "entry": [{"id": "1", "changes": [{"field": "messages", "value": value}]}],
    }
    return json.dumps(body).encode()


@FUZZ
@given(
    st.fixed_dictionaries(
        {},
        optional={
            "statuses": ODD_SIBLINGS,
            "errors": ODD_SIBLINGS,
            "contacts": ODD_SIBLINGS,
            "metadata": ODD_SIBLINGS,
        },
    )
)
def test_odd_siblings_never_cost_a_valid_message(siblings: dict[str, Any]) -> None:
    notification = parse_notification(_one_change({**siblings, "messages": [GOOD_MESSAGE]}))
    [message] = notification.messages
    assert (message.wa_message_id, message.text) == ("wamid.GOOD", "ya")


@FUZZ
@given(st.integers(min_value=2, max_value=20_000), st.sampled_from(["[", '{"a":']))
def test_deep_nesting_beside_a_valid_message_keeps_the_message(depth: int, opener: str) -> None:
    closer = "]" if opener == "[" else "}"
    deep = opener * depth + "1" + closer * depth
    value = json.dumps({"messages": [GOOD_MESSAGE]})[:-1] + ', "extra": ' + deep + "}"
    body = (
        '{"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": '
        '[{"field": "messages", "value": ' + value + "}]}]}"
    )
    [message] = parse_notification(body.encode()).messages
    assert message.wa_message_id == "wamid.GOOD"


HOSTILE_IDS = st.one_of(
    st.text(min_size=201, max_size=400),
    st.text(max_size=20).map(lambda t: t + "\x00"),
    st.sampled_from(["wamid.\ud800", "wamid.A\nINFO forged line", "wamid.\x1b[31m"]),
)


@FUZZ
@given(HOSTILE_IDS, st.text(max_size=300))
def test_unstorable_ids_are_skipped_and_fields_cleaned(bad_id: str, text: str) -> None:
    bad = {**GOOD_MESSAGE, "id": bad_id}
    odd_text = {**GOOD_MESSAGE, "id": "wamid.TXT", "text": {"body": text + "\x00\ud800"}}
    status = {"id": bad_id, "status": "read", "timestamp": "1773540000"}
    notification = parse_notification(
        _one_change({"messages": [bad, GOOD_MESSAGE, odd_text], "statuses": [status]})
    )
    assert [m.wa_message_id for m in notification.messages] == ["wamid.GOOD", "wamid.TXT"]
    assert notification.statuses == ()
    for message in notification.messages:
        for value in (message.text, message.profile_name, message.reply_id):
            assert "\x00" not in value
            value.encode("utf-8")  # no lone surrogate: PostgreSQL could not store it


# The common notification (one text message, its sender's contact) has a reading of its
# own that skips the models. Here it comes with up to three changes anywhere (a value of
# another type, a key left out or added, a list grown); whenever that reading answers, it
# answers what the models would.
COMMON = {
    "object": "whatsapp_business_account",
    "entry": [
        {
            "id": "WABA",
            "changes": [
                {
                    "field": "messages",
                    "value": {
                        "messaging_product": "whatsapp",
                        "metadata": {"display_phone_number": "62811", "phone_number_id": "1"},
                        "contacts": [{"profile": {"name": "Bu  Sari"}, "wa_id": "6281234567890"}],
                        "messages": [GOOD_MESSAGE],
                    },
                }
            ],
        }
    ],
}
ODD = st.sampled_from(
    [
        None,
        5,
        1.5,
        True,
        "",
        "x",
        [],
        {},
        ["x"],
        {"x": 1},
        "\x00\ud800",
        "x" * 201,
        "-1",
        "9" * 30,
        "0812",
        "+6281234567890",
        "6281234567891",
        "image",
        "from_",
        "from_user_id",
        "user_id",
        "statuses",
        "errors",
        "username",
        "body",
        "name",
    ]
)


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, inner in value.items():
            found += _paths(inner, (*path, key))
    elif isinstance(value, list):
        for n, inner in enumerate(value):
            found += _paths(inner, (*path, n))
    return found


PATHS = _paths(COMMON)[1:]
MUTATIONS = st.tuples(st.sampled_from(PATHS), st.sampled_from(["set", "drop", "add", "grow"]), ODD)


def mutated(changes: list[tuple[tuple[Any, ...], str, Any]]) -> Any:
    data = json.loads(json.dumps(COMMON))
    for path, how, odd in changes:
        parent = data
        for step in path[:-1]:
            if not isinstance(parent, dict | list):
                break
            try:
                parent = parent[step]
            except (KeyError, IndexError, TypeError):
                break
        else:
            last = path[-1]
            if isinstance(parent, dict) and how == "add" and isinstance(odd, str):
                parent[odd] = "x"
            elif isinstance(parent, dict) and how == "drop":
                parent.pop(last, None)
            elif isinstance(parent, list) and isinstance(last, str):
                continue  # an earlier change made a list where this path wants a dict
            elif isinstance(parent, list) and how == "grow" and last < len(parent):
                parent.append(json.loads(json.dumps(parent[last])))
            elif isinstance(parent, dict | list) and how == "set":
                with contextlib.suppress(IndexError):
                    parent[last] = odd
    return data


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(MUTATIONS, max_size=3))
def test_the_common_text_messages_own_reading_is_the_models_reading(
    changes: list[tuple[tuple[Any, ...], str, Any]],
) -> None:
    from keloia.adapters.meta.webhook import _one_text, _read_with_models

    data = mutated(changes)
    fast = _one_text(data)
    if fast is not None:
        assert fast == _read_with_models(data)


def test_the_common_text_message_takes_its_own_reading() -> None:
    from keloia.adapters.meta.webhook import _one_text

    fast = _one_text(mutated([]))
    assert fast is not None
    [message] = fast.messages
    assert (message.from_phone, message.text, message.profile_name) == (
        "+6281234567890",
        "ya",
        "Bu Sari",
    )

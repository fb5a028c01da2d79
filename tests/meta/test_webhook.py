from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any

import pytest

from keloia.adapters.meta import MalformedNotification, parse_notification, wa_id_to_e164
from keloia.domain.model.messages import DeliveryState, InboundKind

KEL_NUMBER_ID = "277321005464405"


def body(value: dict[str, Any], field: str = "messages") -> bytes:
    """One notification with one change, in Meta's envelope."""
    value = {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "6281100001111", "phone_number_id": KEL_NUMBER_ID},
        **value,
    }
    notification = {
        "object": "whatsapp_business_account",
        "entry": [{"id": "264937493375603", "changes": [{"value": value, "field": field}]}],
    }
    return json.dumps(notification).encode()


def text_message(
    message_id: str, sender: str = "6281234567890", text: str = "halo"
) -> dict[str, Any]:
    return {
        "from": sender,
        "id": message_id,
        "timestamp": "1773540000",
        "type": "text",
        "text": {"body": text},
    }


def contact(wa_id: str = "6281234567890", name: str = "Pak Agus") -> dict[str, Any]:
    return {"profile": {"name": name}, "wa_id": wa_id}


def parse_payload(payload: dict[str, Any]) -> Any:
    return parse_notification(json.dumps(payload).encode())


# -- every payload of the shared file ----------------------------------------------------

# index -> (kind, wa_message_id, from_phone, wa_user_id, text, reply_id, profile_name, sent_at)
EXPECTED_MESSAGES: dict[int, tuple[InboundKind, str, str, str, str, str, str, int]] = {
    0: (
        InboundKind.TEXT,
        "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=",
        "+16505551234",
        "",
        "Does it come in another color?",
        "",
        "Sheena Nelson",
        1749416383,
    ),
    1: (
        InboundKind.TEXT,
        "wamid.xyzxyz",
        "+972987654321",
        "",
        "replied text",
        "",
        "X",
        1697044746,
    ),
    2: (
        InboundKind.TEXT,
        "wamid.xyzxyz",
        "+972987654321",
        "US.13491208655302741918",
        "Body Text",
        "",
        "Test Name",
        1697043223,
    ),
    3: (
        InboundKind.BUTTON_REPLY,
        "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTZBQzg0MzQ4QjRCM0NGNkVGOAA=",
        "+16505551234",
        "",
        "Cancel",
        "cancel-button",
        "Sheena Nelson",
        1750025136,
    ),
    4: (
        InboundKind.LIST_REPLY,
        "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=",
        "+16505551234",
        "",
        "Priority Mail Express",
        "priority_express",
        "Sheena Nelson",
        1749854575,
    ),
    5: (
        InboundKind.BUTTON_REPLY,
        "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=",
        "+16505551234",
        "",
        "Unsubscribe",
        "Unsubscribe",
        "Sheena Nelson",
        1750091045,
    ),
    6: (
        InboundKind.BUTTON_REPLY,
        "wamid.xsidjx",
        "+972987654321",
        "US.13491208655302741918",
        "title",
        "callback_data",
        "X",
        1698269027,
    ),
    7: (
        InboundKind.MEDIA,
        "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=",
        "+16505551234",
        "",
        "Taj Mahal",
        "",
        "Sheena Nelson",
        1744344496,
    ),
    8: (InboundKind.MEDIA, "wamid.xyzxyz", "+972987654321", "", "", "", "X", 1697043473),
    9: (InboundKind.MEDIA, "wamid.xyzxyz", "+972987654321", "", "", "", "X", 1697043509),
    10: (
        InboundKind.MEDIA,
        "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=",
        "+16505551234",
        "",
        "my receipt",
        "",
        "Sheena Nelson",
        1744344496,
    ),
    11: (
        InboundKind.LOCATION,
        "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=",
        "+16505551234",
        "",
        "Philz Coffee, 101 Forest Ave, Palo Alto, CA 94301",
        "",
        "Sheena Nelson",
        1744344496,
    ),
    12: (
        InboundKind.MEDIA,
        "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=",
        "+16505551234",
        "",
        "",
        "",
        "Sheena Nelson",
        1744344496,
    ),
    13: (
        InboundKind.REACTION,
        "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=",
        "+16505551234",
        "",
        "👍",
        "wamid.HBgLMTQxMjU1NTA4MjkVAgASGBQzQUNCNjk5RDUwNUZGMUZEM0VBRAA=",
        "Sheena Nelson",
        1749419544,
    ),
    14: (  # a reaction removed: no emoji
        InboundKind.REACTION,
        "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=",
        "+16505551234",
        "",
        "",
        "wamid.HBgLMTQxMjU1NTA4MjkVAgASGBQzQUNCNjk5RDUwNUZGMUZEM0VBRAA=",
        "X",
        1749419544,
    ),
    21: (  # "unsupported" (an edit), with its own errors[]
        InboundKind.UNSUPPORTED,
        "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=",
        "+16505551234",
        "",
        "",
        "",
        "Sheena Nelson",
        1750090702,
    ),
    22: (  # type "interactive" with no interactive object, errors on the change
        InboundKind.UNSUPPORTED,
        "wamid.wegrchytvwcggt=",
        "+972987654321",
        "US.13491208655302741918",
        "",
        "",
        "Test Name",
        1700505494,
    ),
}

# index -> (provider_message_id, state, recipient, error_code, error_title, at)
EXPECTED_STATUSES: dict[int, tuple[str, DeliveryState, str, int | None, str, int]] = {
    15: (
        "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=",
        DeliveryState.SENT,
        "+16505551234",
        None,
        "",
        1750030073,
    ),
    16: (
        "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=",
        DeliveryState.SENT,
        "+16505551234",
        None,
        "",
        1750030073,
    ),
    17: ("wamid.xyzxyz", DeliveryState.DELIVERED, "+972987654321", None, "", 1698266945),
    18: ("wamid.xyzxyz", DeliveryState.READ, "+972987654321", None, "", 1689380458),
    19: (
        "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI0QUQ2MjA4NEYyRkExNjMyREUA",
        DeliveryState.FAILED,
        "+16505551234",
        131049,
        "This message was not delivered to maintain healthy ecosystem engagement.",
        1751142888,
    ),
    20: (
        "wamid.xyzxyz",
        DeliveryState.FAILED,
        "+972987654321",
        130472,
        "User's number is part of an experiment",
        1689380458,
    ),
}


def test_the_shared_file_is_fully_covered(payloads: list[dict[str, Any]]) -> None:
    assert len(payloads) == 24
    covered = set(EXPECTED_MESSAGES) | set(EXPECTED_STATUSES) | {23}
    assert covered == set(range(len(payloads)))


@pytest.mark.parametrize("index", sorted(EXPECTED_MESSAGES))
def test_each_message_payload(payloads: list[dict[str, Any]], index: int) -> None:
    kind, message_id, phone, user_id, text, reply_id, name, ts = EXPECTED_MESSAGES[index]
    notification = parse_payload(payloads[index])

    assert notification.statuses == ()
    assert notification.skipped == 0
    [message] = notification.messages
    assert message.kind == kind
    assert message.wa_message_id == message_id
    assert message.from_phone == phone
    assert message.wa_user_id == user_id
    assert message.text == text
    assert message.reply_id == reply_id
    assert message.profile_name == name
    assert message.sent_at == datetime.fromtimestamp(ts, tz=UTC)
    assert message.sent_at.utcoffset() is not None
    expected_number_id = payloads[index]["entry"][0]["changes"][0]["value"]["metadata"]
    assert message.phone_number_id == expected_number_id["phone_number_id"]


@pytest.mark.parametrize("index", sorted(EXPECTED_STATUSES))
def test_each_status_payload(payloads: list[dict[str, Any]], index: int) -> None:
    message_id, state, recipient, code, title, ts = EXPECTED_STATUSES[index]
    notification = parse_payload(payloads[index])

    assert notification.messages == ()
    [status] = notification.statuses
    assert status.provider_message_id == message_id
    assert status.state == state
    assert status.recipient == recipient
    assert status.error_code == code
    assert status.error_title == title
    assert status.at == datetime.fromtimestamp(ts, tz=UTC)


def test_a_batch_yields_every_message_and_status_in_order(
    payloads: list[dict[str, Any]],
) -> None:
    notification = parse_payload(payloads[23])

    assert [
        (m.wa_message_id, m.from_phone, m.text, m.profile_name) for m in notification.messages
    ] == [
        ("wamid.AAA1", "+16505551234", "first", "Sheena Nelson"),
        ("wamid.BBB2", "+16505550000", "second", "Pablo Morales"),
    ]
    assert [m.wa_user_id for m in notification.messages] == [
        "US.13491208655302741918",
        "US.99991208655302741918",
    ]
    assert [(s.provider_message_id, s.state) for s in notification.statuses] == [
        ("wamid.OUT1", DeliveryState.DELIVERED),
        ("wamid.OUT2", DeliveryState.READ),
    ]


def test_all_entries_and_changes_of_one_body_are_read(payloads: list[dict[str, Any]]) -> None:
    # One body holding every entry of the file, and one entry holding every change.
    entries = [entry for payload in payloads for entry in payload["entry"]]
    changes = [change for entry in entries for change in entry["changes"]]
    many_entries = {"object": "whatsapp_business_account", "entry": entries}
    many_changes = {"object": "whatsapp_business_account", "entry": [{"changes": changes}]}
    singles = [parse_payload(p) for p in payloads]

    for combined in (parse_payload(many_entries), parse_payload(many_changes)):
        assert combined.messages == tuple(m for n in singles for m in n.messages)
        assert combined.statuses == tuple(s for n in singles for s in n.statuses)
        assert len(combined.messages) == 19
        assert len(combined.statuses) == 8
        assert combined.skipped == 0


def test_the_signed_vector_body_parses(signature_vector: dict[str, str]) -> None:
    notification = parse_notification(signature_vector["body"].encode())
    [message] = notification.messages
    assert message.text == "Hey there! I am using PyWa."
    assert message.from_phone == "+972544401243"
    assert message.phone_number_id == "277321005464405"


# -- what the shared file lacks -----------------------------------------------------------


def test_an_indonesian_sender_gets_an_e164_phone() -> None:
    notification = parse_notification(
        body(
            {
                "contacts": [contact()],
                "messages": [text_message("wamid.ID1", text="Pak, DP 5 jt udah tf BCA")],
            }
        )
    )
    [message] = notification.messages
    assert message.from_phone == "+6281234567890"
    assert message.profile_name == "Pak Agus"
    assert message.text == "Pak, DP 5 jt udah tf BCA"
    assert message.phone_number_id == KEL_NUMBER_ID
    assert message.sent_at == datetime(2026, 3, 15, 2, 0, tzinfo=UTC)


def test_a_sender_with_only_a_business_scoped_user_id() -> None:
    # A user with a username whose number Meta does not share: no `from`, no `wa_id`.
    value = {
        "contacts": [
            {
                "profile": {"name": "Siti", "username": "@siti.sragen"},
                "user_id": "ID.1502576394655843",
            }
        ],
        "messages": [
            {
                "from_user_id": "ID.1502576394655843",
                "id": "wamid.BSUID1",
                "timestamp": "1773540000",
                "type": "text",
                "text": {"body": "Mau sewa bus tgl 20"},
            }
        ],
    }
    [message] = parse_notification(body(value)).messages
    assert message.from_phone is None
    assert message.wa_user_id == "ID.1502576394655843"
    assert message.profile_name == "Siti"
    assert message.text == "Mau sewa bus tgl 20"


def test_the_user_id_can_come_from_the_contact_only() -> None:
    value = {
        "contacts": [{"profile": {"name": "Siti"}, "user_id": "ID.77"}],
        "messages": [{k: v for k, v in text_message("wamid.C1").items() if k != "from"}],
    }
    [message] = parse_notification(body(value)).messages
    assert (message.from_phone, message.wa_user_id, message.profile_name) == (None, "ID.77", "Siti")


@pytest.mark.parametrize("kind_name", ["order", "system", "request_welcome", "a_future_type"])
def test_an_unknown_message_type_is_kept_as_unsupported(kind_name: str) -> None:
    message = {
        "from": "6281234567890",
        "id": "wamid.NEW1",
        "timestamp": "1773540000",
        "type": kind_name,
        kind_name: {"anything": ["we", "do", "not", "read"]},
    }
    [read] = parse_notification(body({"messages": [message]})).messages
    assert read.kind == InboundKind.UNSUPPORTED
    assert read.wa_message_id == "wamid.NEW1"


def test_a_message_without_type_is_unsupported() -> None:
    raw = text_message("wamid.NT1")
    del raw["type"]
    [read] = parse_notification(body({"messages": [raw]})).messages
    assert read.kind == InboundKind.UNSUPPORTED


def test_contacts_and_video_messages() -> None:
    shared = {
        "from": "6281234567890",
        "id": "wamid.CT1",
        "timestamp": "1773540000",
        "type": "contacts",
        "contacts": [
            {
                "name": {"formatted_name": "Pak Budi Sopir", "first_name": "Budi"},
                "phones": [{"phone": "+62 812-9999-0000", "type": "CELL"}],
            }
        ],
    }
    video = {
        "from": "6281234567890",
        "id": "wamid.VD1",
        "timestamp": "1773540001",
        "type": "video",
        "video": {"id": "123", "mime_type": "video/mp4", "caption": "ban bocor"},
    }
    first, second = parse_notification(body({"messages": [shared, video]})).messages
    assert first.kind == InboundKind.CONTACTS
    assert first.text == "Pak Budi Sopir +62 812-9999-0000"
    assert (second.kind, second.text) == (InboundKind.MEDIA, "ban bocor")


def test_a_status_brings_back_the_key_the_message_was_sent_with() -> None:
    status = {
        "id": "wamid.OUT7",
        "status": "sent",
        "timestamp": "1773540000",
        "recipient_id": "6281234567890",
        "biz_opaque_callback_data": "keloia:01ABC:1:3",
    }
    [read] = parse_notification(body({"statuses": [status]})).statuses
    assert read.delivery_key == "keloia:01ABC:1:3"


def test_a_failed_status_outside_the_24_hour_window() -> None:
    status = {
        "id": "wamid.OUT9",
        "status": "failed",
        "timestamp": "1773540000",
        "recipient_id": "6281234567890",
        "errors": [
            {
                "code": 131047,
                "title": "Re-engagement message",
                "message": "Re-engagement message",
                "error_data": {
                    "details": "Message failed to send because more than 24 hours have passed "
                    "since the customer last replied to this number."
                },
            }
        ],
    }
    [read] = parse_notification(body({"statuses": [status]})).statuses
    assert read.state == DeliveryState.FAILED
    assert read.error_code == 131047
    assert read.window_closed  # the domain learns it from the adapter, not from Meta's code
    assert read.error_title == "Re-engagement message"
    assert read.recipient == "+6281234567890"


def test_a_status_to_a_business_scoped_user_id() -> None:
    status = {
        "id": "wamid.OUT10",
        "status": "delivered",
        "timestamp": "1773540000",
        "recipient_user_id": "ID.1502576394655843",
    }
    [read] = parse_notification(body({"statuses": [status]})).statuses
    assert read.recipient == "ID.1502576394655843"


def test_statuses_we_do_not_track_are_left_out_without_counting() -> None:
    statuses = [
        {"id": "wamid.O1", "status": "deleted", "timestamp": "1773540000"},
        {"id": "wamid.O2", "status": "played", "timestamp": "1773540000"},
        {"id": "wamid.O3", "status": "read", "timestamp": "1773540000"},
    ]
    notification = parse_notification(body({"statuses": statuses}))
    assert [s.provider_message_id for s in notification.statuses] == ["wamid.O3"]
    assert notification.skipped == 0


def test_unreadable_items_are_skipped_and_counted_and_their_neighbours_kept(
    caplog: pytest.LogCaptureFixture,
) -> None:
    no_id = text_message("")
    del no_id["id"]
    empty_id = text_message("")
    bad_time = text_message("wamid.BT")
    bad_time["timestamp"] = "yesterday"
    huge_time = text_message("wamid.HT")
    huge_time["timestamp"] = "9" * 40
    nobody = text_message("wamid.NB")
    del nobody["from"]
    not_a_phone = text_message("wamid.NP", sender="not-a-number")
    value = {
        "contacts": [contact(), contact("6289999999999", "Bu Rina")],
        "messages": [
            text_message("wamid.OK1"),
            no_id,
            empty_id,
            "a string",
            bad_time,
            huge_time,
            nobody,
            not_a_phone,
            text_message("wamid.OK2", sender="6289999999999"),
        ],
        "statuses": [{"status": "read"}, 7, {"id": "wamid.S1", "status": "sent", "timestamp": 1}],
    }
    with caplog.at_level(logging.WARNING):
        notification = parse_notification(body(value))

    assert [m.wa_message_id for m in notification.messages] == ["wamid.OK1", "wamid.OK2"]
    assert notification.messages[1].profile_name == "Bu Rina"
    assert [s.provider_message_id for s in notification.statuses] == ["wamid.S1"]
    assert notification.skipped == 9
    assert "skipped" in caplog.text
    assert "halo" not in caplog.text  # message content is not logged


def test_broken_entries_and_changes_are_skipped(payloads: list[dict[str, Any]]) -> None:
    good = payloads[0]["entry"][0]
    notification = parse_payload(
        {
            "object": "whatsapp_business_account",
            "entry": [
                "not an entry",
                {"changes": "not a list"},
                {"changes": [5, {"field": "messages", "value": {"messages": "nope"}}]},
                good,
            ],
        }
    )
    assert len(notification.messages) == 1
    assert notification.skipped == 4


def test_other_subscription_fields_are_ignored() -> None:
    value = {"messages": [text_message("wamid.X")]}
    notification = parse_notification(body(value, field="message_template_status_update"))
    assert notification.messages == ()
    assert notification.skipped == 0


def test_unknown_fields_everywhere_are_ignored() -> None:
    raw = text_message("wamid.U1")
    raw["new_field"] = {"nested": [1, 2]}
    raw["text"]["also_new"] = True
    value = {"messages": [raw], "brand_new_list": [], "contacts": [{**contact(), "x": 1}]}
    [message] = parse_notification(body(value)).messages
    assert (message.text, message.profile_name) == ("halo", "Pak Agus")


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"not json",
        b"\xff\xfe\x00garbage",
        b"[]",
        b"null",
        b"42",
        b'"whatsapp_business_account"',
        b"{}",
        b'{"object": "whatsapp_business_account"}',
        b'{"object": "whatsapp_business_account", "entry": {}}',
        b'{"object": "page", "entry": []}',
        b'{"entry": []}',
        b"[" * 100_000,
    ],
)
def test_a_body_that_is_not_a_notification_raises_the_one_exception(raw: bytes) -> None:
    with pytest.raises(MalformedNotification):
        parse_notification(raw)


def test_an_empty_notification_is_fine() -> None:
    notification = parse_notification(b'{"object": "whatsapp_business_account", "entry": []}')
    assert (notification.messages, notification.statuses, notification.skipped) == ((), (), 0)


@pytest.mark.parametrize(
    ("wa_id", "e164"),
    [
        ("6281234567890", "+6281234567890"),
        ("+6281234567890", "+6281234567890"),
        ("16505551234", "+16505551234"),
        ("972987654321", "+972987654321"),  # Meta's sample number: possible, kept
        ("", None),
        (None, None),
        ("62", None),
        ("0812345678", None),
        ("ID.1502576394655843", None),
        ("٦٢٨١٢٣٤٥٦٧٨٩٠", None),  # non-ASCII digits
        ("628123456789012345678", None),
    ],
)
def test_wa_id_to_e164(wa_id: str | None, e164: str | None) -> None:
    assert wa_id_to_e164(wa_id) == e164

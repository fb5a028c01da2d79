"""CloudApiMessenger through the real httpx client against a local fake Graph API."""

from __future__ import annotations

import socket

import httpx
import pytest

from keloia.adapters.meta import CloudApiMessenger, DeliveryError, classify_error
from keloia.domain.errors import DeliveryFailed
from keloia.domain.model.messages import Button, ListRow, MessageKind, OutboundMessage
from keloia.ports.messaging import Messenger

from .conftest import ACCESS_TOKEN, API_VERSION_PATH, PHONE_NUMBER_ID, MakeMessenger
from .fake_graph_api import FakeGraphAPI, Reply, accepted, graph_error, html

TO = "+6281234567890"
MESSAGES_PATH = f"{API_VERSION_PATH}/{PHONE_NUMBER_ID}/messages"


def test_text_payload_bearer_and_returned_id(
    fake_graph: FakeGraphAPI, make_messenger: MakeMessenger
) -> None:
    fake_graph.reply(accepted("wamid.HBgNNjI4MTIzNDU2Nzg5MBUCABEYEjA="))
    message_id = make_messenger().send(OutboundMessage(to=TO, body="Selamat pagi, Pak Agus!"))

    assert message_id == "wamid.HBgNNjI4MTIzNDU2Nzg5MBUCABEYEjA="
    [request] = fake_graph.requests
    assert request.path == MESSAGES_PATH
    assert request.headers["authorization"] == f"Bearer {ACCESS_TOKEN}"
    assert request.headers["content-type"] == "application/json"
    assert request.body == {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": "+6281234567890",
        "type": "text",
        "text": {"preview_url": False, "body": "Selamat pagi, Pak Agus!"},
    }


def test_the_delivery_key_travels_as_callback_data(
    fake_graph: FakeGraphAPI, make_messenger: MakeMessenger
) -> None:
    make_messenger().send(OutboundMessage(to=TO, body="Halo"), "keloia:01ABC:0:1")
    [request] = fake_graph.requests
    assert request.body["biz_opaque_callback_data"] == "keloia:01ABC:0:1"


def test_buttons_payload(fake_graph: FakeGraphAPI, make_messenger: MakeMessenger) -> None:
    message = OutboundMessage(
        to=TO,
        kind=MessageKind.BUTTONS,
        body="Saya catat sebagai booking Jogja-Semarang 15 Maret, bus 01, Rp15.000.000. Betul?",
        buttons=(
            Button(id="confirm:yes", title="Ya, catat"),
            Button(id="confirm:no", title="Batal"),
        ),
    )
    make_messenger().send(message)

    assert fake_graph.requests[0].body == {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": "+6281234567890",
        "type": "interactive",
        "interactive": {
            "type": "button",
            "body": {
                "text": "Saya catat sebagai booking Jogja-Semarang 15 Maret, bus 01, "
                "Rp15.000.000. Betul?"
            },
            "action": {
                "buttons": [
                    {"type": "reply", "reply": {"id": "confirm:yes", "title": "Ya, catat"}},
                    {"type": "reply", "reply": {"id": "confirm:no", "title": "Batal"}},
                ]
            },
        },
    }


def test_list_payload(fake_graph: FakeGraphAPI, make_messenger: MakeMessenger) -> None:
    message = OutboundMessage(
        to=TO,
        kind=MessageKind.LIST,
        body="Bus mana untuk trip ini?",
        list_button="Pilih bus",
        rows=(
            ListRow(id="bus:01", title="Bus 01", description="Big bus 59 kursi"),
            ListRow(id="bus:02", title="Bus 02"),
        ),
    )
    make_messenger().send(message)

    assert fake_graph.requests[0].body == {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": "+6281234567890",
        "type": "interactive",
        "interactive": {
            "type": "list",
            "body": {"text": "Bus mana untuk trip ini?"},
            "action": {
                "button": "Pilih bus",
                "sections": [
                    {
                        "rows": [
                            {"id": "bus:01", "title": "Bus 01", "description": "Big bus 59 kursi"},
                            {"id": "bus:02", "title": "Bus 02"},
                        ]
                    }
                ],
            },
        },
    }


def test_template_payload(fake_graph: FakeGraphAPI, make_messenger: MakeMessenger) -> None:
    message = OutboundMessage(
        to=TO,
        kind=MessageKind.TEMPLATE,
        template_name="keloia_briefing_pagi",
        template_params=("2 trip hari ini:\nBus 01 Jogja-Semarang\n\tBus 03 Solo",),
    )
    make_messenger().send(message)

    assert fake_graph.requests[0].body == {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": "+6281234567890",
        "type": "template",
        "template": {
            "name": "keloia_briefing_pagi",
            "language": {"code": "id"},
            "components": [
                {
                    "type": "body",
                    # Meta refuses newlines and tabs in a parameter.
                    "parameters": [
                        {
                            "type": "text",
                            "text": "2 trip hari ini: · Bus 01 Jogja-Semarang · Bus 03 Solo",
                        }
                    ],
                }
            ],
        },
    }


def test_template_quick_replies_carry_this_messages_payloads(
    fake_graph: FakeGraphAPI, make_messenger: MakeMessenger
) -> None:
    answers = (
        Button(id="trip-siap:01ABC", title="Siap"),
        Button(id="trip-tidak:01ABC", title="Tidak bisa"),
    )
    template = OutboundMessage(to=TO, kind=MessageKind.TEMPLATE, buttons=answers)
    make_messenger().send(template.model_copy(update={"template_name": "keloia_kabar_trip"}))
    components = fake_graph.requests[0].body["template"]["components"]
    assert components == [
        {
            "type": "button",
            "sub_type": "quick_reply",
            "index": str(n),
            "parameters": [{"type": "payload", "payload": payload}],
        }
        for n, payload in enumerate(("trip-siap:01ABC", "trip-tidak:01ABC"))
    ]


def test_template_without_parameters(
    fake_graph: FakeGraphAPI, make_messenger: MakeMessenger
) -> None:
    make_messenger().send(
        OutboundMessage(to=TO, kind=MessageKind.TEMPLATE, template_name="keloia_sapa")
    )
    assert fake_graph.requests[0].body["template"] == {
        "name": "keloia_sapa",
        "language": {"code": "id"},
    }


def test_login_code_template_fills_the_copy_code_button(
    fake_graph: FakeGraphAPI, make_messenger: MakeMessenger
) -> None:
    make_messenger().send(
        OutboundMessage(
            to=TO,
            kind=MessageKind.TEMPLATE,
            template_name="keloia_kode_masuk",
            template_params=("482913",),
        )
    )
    assert fake_graph.requests[0].body["template"] == {
        "name": "keloia_kode_masuk",
        "language": {"code": "id"},
        "components": [
            {"type": "body", "parameters": [{"type": "text", "text": "482913"}]},
            {
                "type": "button",
                "sub_type": "url",
                "index": "0",
                "parameters": [{"type": "text", "text": "482913"}],
            },
        ],
    }


def test_a_long_text_goes_out_in_order_and_the_last_id_is_returned(
    fake_graph: FakeGraphAPI, make_messenger: MakeMessenger
) -> None:
    paragraph = "Jadwal minggu ini: " + "Bus 01 Jogja-Semarang. " * 60
    long_text = "\n\n".join([paragraph] * 6).strip()
    message = OutboundMessage.model_construct(to=TO, kind=MessageKind.TEXT, body=long_text)

    message_id = make_messenger().send(message)

    bodies = [r.body["text"]["body"] for r in fake_graph.requests]
    assert len(bodies) > 1
    assert all(len(b) <= 4096 for b in bodies)
    assert "".join(bodies) == long_text
    assert message_id == f"wamid.FAKE{len(bodies)}"


def test_the_messenger_builds_its_own_client_by_default(fake_graph: FakeGraphAPI) -> None:
    with CloudApiMessenger(
        fake_graph.url + API_VERSION_PATH + "/", ACCESS_TOKEN, PHONE_NUMBER_ID
    ) as messenger:
        assert messenger.send(OutboundMessage(to=TO, body="tes")) == "wamid.FAKE1"
    assert fake_graph.requests[0].path == MESSAGES_PATH
    assert fake_graph.requests[0].headers["authorization"] == f"Bearer {ACCESS_TOKEN}"


def test_a_caller_supplied_client_is_not_closed(
    make_messenger: MakeMessenger, http_client: httpx.Client
) -> None:
    make_messenger().close()
    assert not http_client.is_closed


# -- errors ------------------------------------------------------------------------------

ERROR_CASES = [
    # (graph code, HTTP status, retryable, outside_window)
    (130429, 400, True, False),  # throughput limit
    (131056, 400, True, False),  # pair rate limit
    (131000, 500, True, False),
    (131016, 503, True, False),
    (131057, 400, True, False),  # maintenance
    (80007, 400, True, False),
    (4, 400, True, False),
    (131047, 400, False, True),  # 24-hour window closed
    (131049, 400, False, False),
    (131026, 400, False, False),
    (132000, 400, False, False),  # template parameter count mismatch
    (132001, 404, False, False),  # template does not exist
    (132015, 400, False, False),  # template paused
    (190, 401, False, False),  # access token expired
    (0, 401, False, False),
    (3, 403, False, False),
    (10, 403, False, False),
    (200, 403, False, False),
    (100, 400, False, False),
    (131000, 400, True, False),  # the code decides, not the status
    (131047, 500, False, True),
    (999999, 400, False, False),  # unknown code: the status decides
    (999999, 502, True, False),
]


@pytest.mark.parametrize(("code", "status", "retryable", "outside_window"), ERROR_CASES)
def test_graph_errors_are_classified_by_code(
    fake_graph: FakeGraphAPI,
    make_messenger: MakeMessenger,
    code: int,
    status: int,
    retryable: bool,
    outside_window: bool,
) -> None:
    fake_graph.reply(graph_error(code, status, message=f"(#{code}) nope", details="why"))
    with pytest.raises(DeliveryError) as caught:
        make_messenger().send(OutboundMessage(to=TO, body="halo"))

    error = caught.value
    assert (error.code, error.retryable, error.outside_window) == (code, retryable, outside_window)
    assert error.title == f"(#{code}) nope"
    assert error.details == "why"
    assert error.http_status == status


@pytest.mark.parametrize(("status", "retryable"), [(502, True), (503, True), (404, False)])
def test_an_html_error_page_is_classified_by_status(
    fake_graph: FakeGraphAPI, make_messenger: MakeMessenger, status: int, retryable: bool
) -> None:
    fake_graph.reply(html(status))
    with pytest.raises(DeliveryError) as caught:
        make_messenger().send(OutboundMessage(to=TO, body="halo"))
    assert caught.value.code is None
    assert caught.value.retryable is retryable
    assert caught.value.title == f"HTTP {status}"


def test_a_bare_429_is_retryable(fake_graph: FakeGraphAPI, make_messenger: MakeMessenger) -> None:
    fake_graph.reply(Reply(429, b""))
    with pytest.raises(DeliveryError) as caught:
        make_messenger().send(OutboundMessage(to=TO, body="halo"))
    assert caught.value.retryable


def test_a_timeout_is_retryable(fake_graph: FakeGraphAPI, make_messenger: MakeMessenger) -> None:
    fake_graph.reply(Reply(200, b'{"messages": [{"id": "late"}]}', delay=1.0))
    with pytest.raises(DeliveryError) as caught:
        make_messenger(timeout=0.2).send(OutboundMessage(to=TO, body="halo"))
    assert caught.value.code is None
    assert caught.value.retryable
    assert not caught.value.outside_window


def test_an_unreachable_api_is_retryable(http_client: httpx.Client) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/v26.0"
    messenger = CloudApiMessenger(url, ACCESS_TOKEN, "1", client=http_client, timeout=1)
    with pytest.raises(DeliveryError) as caught:
        messenger.send(OutboundMessage(to=TO, body="halo"))
    assert caught.value.retryable


def test_success_without_a_message_id_is_retryable(
    fake_graph: FakeGraphAPI, make_messenger: MakeMessenger
) -> None:
    fake_graph.reply(Reply(200, b'{"messaging_product": "whatsapp"}'))
    with pytest.raises(DeliveryError) as caught:
        make_messenger().send(OutboundMessage(to=TO, body="halo"))
    assert caught.value.retryable


def test_an_empty_text_is_not_sent(fake_graph: FakeGraphAPI, make_messenger: MakeMessenger) -> None:
    with pytest.raises(DeliveryError) as caught:
        make_messenger().send(OutboundMessage(to=TO, body="  \n "))
    assert not caught.value.retryable
    assert fake_graph.requests == []


def test_a_failed_part_stops_the_rest(
    fake_graph: FakeGraphAPI, make_messenger: MakeMessenger
) -> None:
    long_text = "\n\n".join(["x" * 3000] * 3)
    fake_graph.reply(accepted("wamid.P1"), graph_error(131056))
    message = OutboundMessage.model_construct(to=TO, kind=MessageKind.TEXT, body=long_text)
    with pytest.raises(DeliveryError):
        make_messenger().send(message)
    assert len(fake_graph.requests) == 2


def test_classify_error_without_any_response() -> None:
    assert classify_error(None, None).retryable
    assert classify_error(None, 500).retryable
    assert not classify_error(None, 400).retryable
    assert classify_error(131047, 400).outside_window
    assert not classify_error(131056, 400).outside_window


def test_it_is_a_messenger(make_messenger: MakeMessenger) -> None:
    messenger: Messenger = make_messenger()  # checked by mypy against the port
    assert callable(messenger.send)


def test_an_invalid_message_is_a_permanent_delivery_error(
    fake_graph: FakeGraphAPI, make_messenger: MakeMessenger
) -> None:
    message = OutboundMessage.model_construct(to="081234", kind=MessageKind.TEXT, body="halo")
    with pytest.raises(DeliveryError) as caught:
        make_messenger().send(message)
    assert not caught.value.retryable
    assert fake_graph.requests == []


def test_delivery_errors_are_the_ports_delivery_failed(
    fake_graph: FakeGraphAPI, make_messenger: MakeMessenger
) -> None:
    fake_graph.reply(graph_error(131047, message="(#131047) Re-engagement message"))
    with pytest.raises(DeliveryFailed) as caught:
        make_messenger().send(OutboundMessage(to=TO, body="halo"))
    assert caught.value.reason == "131047 (#131047) Re-engagement message"
    assert caught.value.outside_window
    assert not caught.value.retryable


def test_a_business_scoped_id_goes_in_recipient_not_to() -> None:
    from keloia.adapters.meta.graph import build_payload
    from keloia.domain.model.messages import OutboundMessage

    by_id = build_payload(OutboundMessage(to="ID.1234567890abcdef", body="Halo"))
    assert by_id["recipient"] == "ID.1234567890abcdef" and "to" not in by_id
    by_phone = build_payload(OutboundMessage(to="+6281234567890", body="Halo"))
    assert by_phone["to"] == "+6281234567890" and "recipient" not in by_phone

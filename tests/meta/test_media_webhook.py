"""A media message's file, as Meta's real payloads announce it: kept on the inbox message
so the worker can fetch it; the caption is the message's text."""

from __future__ import annotations

import json
from typing import Any

from keloia.adapters.meta.webhook import parse_notification
from keloia.domain.model.messages import InboundKind, InboundMedia


def media_of(payloads: list[dict[str, Any]], kind: str) -> list[tuple[str, InboundMedia | None]]:
    found = []
    for payload in payloads:
        if f'"type": "{kind}"' not in json.dumps(payload):
            continue
        for message in parse_notification(json.dumps(payload)).messages:
            assert message.kind is InboundKind.MEDIA
            found.append((message.text, message.media))
    return found


def test_image_and_document_keep_id_type_name_and_caption(payloads: list[dict[str, Any]]) -> None:
    ((caption, image),) = media_of(payloads, "image")
    assert caption == "Taj Mahal"
    assert image == InboundMedia(kind="image", media_id="1003383421387256", mime_type="image/jpeg")
    documents = media_of(payloads, "document")
    assert ("my receipt", "receipt.pdf") in [(c, m.filename) for c, m in documents if m]


def test_voice_notes_are_told_from_audio_files(payloads: list[dict[str, Any]]) -> None:
    audios = [m for _, m in media_of(payloads, "audio") if m]
    assert {(m.voice, m.mime_type) for m in audios} == {
        (True, "audio/ogg; codecs=opus"),
        (False, "audio/ogg; codecs=opus"),
    }


def test_media_without_an_id_is_still_a_media_message_with_no_file() -> None:
    body = {
        "object": "whatsapp_business_account",
        "entry": [
            {
                "id": "W",
                "changes": [
                    {
                        "field": "messages",
                        "value": {
                            "messaging_product": "whatsapp",
                            "metadata": {"phone_number_id": "1"},
                            "messages": [
                                {
                                    "from": "6281234567890",
                                    "id": "wamid.noid",
                                    "timestamp": "1697043473",
                                    "type": "image",
                                    "image": {"caption": "bukti tf", "mime_type": "image/jpeg"},
                                }
                            ],
                        },
                    }
                ],
            }
        ],
    }
    (message,) = parse_notification(json.dumps(body)).messages
    assert (message.kind, message.text, message.media) == (InboundKind.MEDIA, "bukti tf", None)

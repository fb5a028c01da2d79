"""Log lines: one event per line whatever the input, no phone numbers or secrets, and the
structured fields kept, in `keloia serve` and in dramatiq's worker processes alike."""

from __future__ import annotations

import io
import logging

from dramatiq.cli import LOGFORMAT

from keloia.apps.logs import KeyValueFormatter, keep_fields


def line(message: str, *args: object, **extra: object) -> str:
    record = logging.LogRecord("keloia.test", logging.INFO, "", 0, message, args, None)
    for key, value in extra.items():
        setattr(record, key, value)
    return KeyValueFormatter("%(levelname)s %(name)s %(message)s").format(record)


def test_a_newline_in_a_field_or_an_argument_cannot_forge_a_line() -> None:
    out = line("message %s skipped", "wamid.X\nERROR forged", wa_message_id="wamid.A\nINFO x")
    assert "\n" not in out
    assert "wamid.X\\nERROR forged" in out and "wa_message_id=" in out


def test_a_quote_in_a_field_cannot_forge_another_field() -> None:
    out = line("message in", wa_message_id='a" tenant="t-evil')
    assert 'tenant="t-evil' not in out.replace('\\"', "")


def test_phone_numbers_are_masked_everywhere() -> None:
    out = line("sender busy %s", "+6281234567890", to="6281234567890", ms=12.5)
    assert "81234567890" not in out
    assert "+6281******890" in out and "to=6281******890" in out and "ms=12.5" in out


def test_a_phone_in_an_access_log_query_string_is_masked() -> None:
    out = line('"GET /simulator/api/messages?phone=%2B6281299999999 HTTP/1.1" 200')
    assert "81299999999" not in out and "phone=%2B6281" in out


def test_the_verify_token_and_bearer_tokens_never_reach_the_log() -> None:
    access = line(
        '%s - "%s %s HTTP/%s" %d',
        "127.0.0.1:5000",
        "GET",
        "/webhook?hub.mode=subscribe&hub.verify_token=s3cr3t-token&hub.challenge=42",
        "1.1",
        200,
    )
    assert "s3cr3t" not in access and "hub.challenge=42" in access
    assert "EAAG" not in line("sending with Authorization: Bearer EAAGsecret")


def test_dramatiq_worker_processes_keep_the_structured_fields() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter(LOGFORMAT))  # what dramatiq's workers set up
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        keep_fields(LOGFORMAT)
        logging.getLogger("keloia.inbound").warning(
            "message in", extra={"wa_message_id": "wamid.Q", "tenant": "t-1", "ms": 3.2}
        )
    finally:
        root.removeHandler(handler)
    assert "wa_message_id=wamid.Q tenant=t-1 ms=3.2" in stream.getvalue()

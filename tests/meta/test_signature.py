from __future__ import annotations

import json

import pytest

from keloia.adapters.meta import sign, subscription_challenge, verify_signature


def vector(signature_vector: dict[str, str]) -> tuple[str, bytes, str]:
    return (
        signature_vector["app_secret"],
        signature_vector["body"].encode("utf-8"),
        signature_vector["x_hub_signature_256"],
    )


def test_the_body_meta_signed_verifies(signature_vector: dict[str, str]) -> None:
    secret, body, header = vector(signature_vector)
    assert verify_signature(secret, body, header)
    assert sign(secret, body) == header


@pytest.mark.parametrize("position", [0, 1, 57, -2, -1])
def test_a_changed_byte_fails(signature_vector: dict[str, str], position: int) -> None:
    secret, body, header = vector(signature_vector)
    changed = bytearray(body)
    changed[position] ^= 0x01
    assert not verify_signature(secret, bytes(changed), header)


def test_an_added_byte_fails(signature_vector: dict[str, str]) -> None:
    secret, body, header = vector(signature_vector)
    assert not verify_signature(secret, body + b"\n", header)
    assert not verify_signature(secret, b" " + body, header)


def test_a_wrong_secret_fails(signature_vector: dict[str, str]) -> None:
    secret, body, header = vector(signature_vector)
    assert not verify_signature(secret[:-1] + "0", body, header)
    assert not verify_signature("", body, header)


@pytest.mark.parametrize(
    "header",
    [
        None,
        "",
        "sha256=",
        "sha256",
        "54edfa1d7259e0eb13c677cc7d73d1b5c86cfa12433d19156e058ab9251bc441",  # no prefix
        "sha1=54edfa1d7259e0eb13c677cc7d73d1b5c86cfa12",
        "sha256=54edfa1d7259e0eb13c677cc7d73d1b5c86cfa12433d19156e058ab9251bc44",  # short
        "sha256=54edfa1d7259e0eb13c677cc7d73d1b5c86cfa12433d19156e058ab9251bc4411",  # long
        "sha256=zzedfa1d7259e0eb13c677cc7d73d1b5c86cfa12433d19156e058ab9251bc441",
        "sha256=54edfa1d7259e0eb13c677cc7d73d1b5c86cfa12433d19156e058ab9251bcé41",
        "sha256=ＡＢ",
    ],
)
def test_a_missing_or_garbled_header_fails(
    signature_vector: dict[str, str], header: str | None
) -> None:
    secret, body, _ = vector(signature_vector)
    assert not verify_signature(secret, body, header)


def test_the_header_is_read_like_meta_writes_it(signature_vector: dict[str, str]) -> None:
    secret, body, header = vector(signature_vector)
    assert verify_signature(secret, body, "  " + header + "  ")
    assert verify_signature(secret, body, "SHA256=" + header.removeprefix("sha256=").upper())


def test_reserialised_json_of_the_same_body_fails(signature_vector: dict[str, str]) -> None:
    secret, body, header = vector(signature_vector)
    reserialised = json.dumps(json.loads(body)).encode("utf-8")
    assert json.loads(reserialised) == json.loads(body)
    assert not verify_signature(secret, reserialised, header)


def test_non_ascii_must_be_checked_on_the_escaped_bytes_meta_sent() -> None:
    # Meta escapes non-ASCII ("Bu Siti Aisyah – Sragen" -> \u2013) in the body it signs;
    # decoding and re-encoding the JSON turns the escape into UTF-8 bytes.
    secret = "a-test-secret"
    as_sent = json.dumps({"text": {"body": "Bu Siti – Sragen, DP Rp5 jt 👍"}}).encode("ascii")
    header = sign(secret, as_sent)
    assert verify_signature(secret, as_sent, header)
    decoded = json.dumps(json.loads(as_sent), ensure_ascii=False).encode("utf-8")
    assert json.loads(decoded) == json.loads(as_sent)
    assert not verify_signature(secret, decoded, header)


def test_the_subscription_handshake() -> None:
    assert subscription_challenge("rahasia", "subscribe", "rahasia", "1158201444") == "1158201444"
    assert subscription_challenge("rahasia", "subscribe", "salah", "1158201444") is None
    assert subscription_challenge("rahasia", "unsubscribe", "rahasia", "1") is None
    assert subscription_challenge("rahasia", "subscribe", None, "1") is None
    assert subscription_challenge("rahasia", "subscribe", "rahasia", None) is None
    assert subscription_challenge("", "subscribe", "", "1") is None  # no token configured
    assert subscription_challenge("rahasia", "subscribe", "rahasiä", "1") is None


def test_every_character_of_the_signature_is_compared(signature_vector: dict[str, str]) -> None:
    secret, body, header = vector(signature_vector)
    prefix, digest = header[:7], header[7:]
    for position in range(len(digest)):
        wrong = "0" if digest[position] != "0" else "1"
        forged = prefix + digest[:position] + wrong + digest[position + 1 :]
        assert not verify_signature(secret, body, forged), position


def test_an_empty_app_secret_verifies_nothing(signature_vector: dict[str, str]) -> None:
    _, body, _ = vector(signature_vector)
    # An HMAC with an empty key is still an HMAC: anyone can compute this one.
    assert not verify_signature("", body, sign("", body))

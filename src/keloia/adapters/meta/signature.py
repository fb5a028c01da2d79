"""Checking that a webhook POST really comes from Meta (the X-Hub-Signature-256 header)."""

from __future__ import annotations

import hashlib
import hmac

SIGNATURE_HEADER = "X-Hub-Signature-256"
_PREFIX = "sha256="


def sign(app_secret: str, body: bytes) -> str:
    """The header value Meta would send for `body`; for tests and the local simulator."""
    digest = hmac.new(app_secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
    return _PREFIX + digest


def verify_signature(app_secret: str, body: bytes, header: str | None) -> bool:
    """True only when `header` is Meta's HMAC-SHA256 of exactly these raw bytes.

    The HMAC must be taken over the bytes as received: Meta escapes non-ASCII characters
    (\\u00e9) in what it signs, so re-serialising parsed JSON gives different bytes.
    """
    if not app_secret or not header:
        return False
    header = header.strip()
    if not header.lower().startswith(_PREFIX):
        return False
    received = header[len(_PREFIX) :].strip().lower()
    if len(received) != hashlib.sha256().digest_size * 2:
        return False
    expected = sign(app_secret, body)[len(_PREFIX) :]
    # compare_digest wants ASCII-only str; a non-ASCII header is simply not a signature.
    if not received.isascii():
        return False
    return hmac.compare_digest(expected, received)


def subscription_challenge(
    verify_token: str, mode: str | None, token: str | None, challenge: str | None
) -> str | None:
    """The answer to Meta's `GET /webhook` handshake, or None (answer 403).

    Meta sends hub.mode=subscribe, hub.verify_token (the token typed in the app dashboard)
    and hub.challenge, which must be echoed back as the plain-text body.
    """
    if not verify_token or mode != "subscribe" or not token or challenge is None:
        return None
    if not hmac.compare_digest(verify_token.encode("utf-8"), token.encode("utf-8")):
        return None
    return challenge

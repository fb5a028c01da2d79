"""Meta's webhook: the verification handshake, and notifications stored durably before
the 200. Nothing unsigned is stored; nothing, however odd, becomes a 500.

`/webhook` is a raw ASGI route: Meta's POSTs are the busiest requests by far, and
Litestar's per-request machinery (the request object, dependency injection, the handler
signature, the response object) cost as much CPU as storing the message
(docs/benchmarks.md, "Webhook"). The signature is checked over the raw bytes as received;
errors still go through the app's exception handlers, so they answer as every route does.
"""

from __future__ import annotations

import logging
from typing import cast
from urllib.parse import parse_qs

from litestar import asgi
from litestar.exceptions import (
    HTTPException,
    NotAuthorizedException,
    PermissionDeniedException,
)
from litestar.handlers import ASGIRouteHandler
from litestar.types import Receive, Scope, Send

from keloia.adapters.meta import (
    MalformedNotification,
    parse_notification,
    subscription_challenge,
    verify_signature,
)
from keloia.apps.http.ingest import writer_for
from keloia.bootstrap import Keloia

log = logging.getLogger("keloia.webhook")

PATH = "/webhook"
# Litestar's own default for request bodies; Meta's notifications are a few KB.
MAX_BODY_BYTES = 10 * 1024 * 1024
SIGNATURE_HEADER = b"x-hub-signature-256"


class _ClientGone(Exception):
    """The client closed the connection before its body arrived: nothing to answer."""


def webhook_route(keloia: Keloia) -> ASGIRouteHandler:
    """GET and POST /webhook for this wiring."""

    async def webhook(scope: Scope, receive: Receive, send: Send) -> None:
        method = scope["method"]  # type: ignore[typeddict-item]
        if method == "POST":
            try:
                body = await _read_body(receive)
            except _ClientGone:
                return
            header = _header(scope, SIGNATURE_HEADER)
            stored = await notify(keloia, body, header)
            await _answer(send, 200, b'{"status":"ok","stored":%d}' % stored, b"application/json")
        elif method == "GET":
            challenge = handshake(keloia, scope["query_string"])
            await _answer(send, 200, challenge.encode(), b"text/plain; charset=utf-8")
        else:
            raise HTTPException(status_code=405, detail="Method Not Allowed")

    return asgi(PATH, copy_scope=False)(webhook)


def handshake(keloia: Keloia, query_string: bytes) -> str:
    params = {k: v[-1] for k, v in parse_qs(query_string.decode("latin-1")).items()}
    challenge = subscription_challenge(
        keloia.settings.meta_verify_token or "",
        params.get("hub.mode"),
        params.get("hub.verify_token"),
        params.get("hub.challenge"),
    )
    if challenge is None:
        raise PermissionDeniedException("verify token does not match")
    return challenge


async def notify(keloia: Keloia, body: bytes, header: str | None) -> int:
    """Check the signature over the raw bytes, then store; returns how many messages were new."""
    secret = keloia.settings.meta_app_secret
    if not secret:
        raise PermissionDeniedException("webhook is not configured (KELOIA_META_APP_SECRET)")
    if not header:
        raise NotAuthorizedException("missing X-Hub-Signature-256")
    if not verify_signature(secret, body, header):
        raise PermissionDeniedException("signature does not match")
    return await ingest(keloia, body)


async def ingest(keloia: Keloia, body: bytes) -> int:
    """Store a (signature-checked) notification and hand new messages to the workers."""
    try:
        note = parse_notification(body)
    except MalformedNotification as exc:
        # Signed, so it came from Meta: an error status would only make Meta resend the same
        # unreadable bytes for days. Said plainly in the answer and the log instead.
        log.warning("signed webhook body is not a notification: %s", exc)
        return 0
    # Group commit (apps/http/ingest.py): answered once the row is durable.
    return await writer_for(keloia).store(note)


async def _read_body(receive: Receive) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise _ClientGone
        chunk = cast(bytes, message.get("body", b""))
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise HTTPException(status_code=413, detail="Request Entity Too Large")
        chunks.append(chunk)
        if not message.get("more_body", False):
            return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope["headers"]:
        if key == name:
            return value.decode("latin-1")
    return None


async def _answer(send: Send, status: int, body: bytes, content_type: bytes) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", content_type), (b"content-length", b"%d" % len(body))],
        }
    )
    await send({"type": "http.response.body", "body": body, "more_body": False})

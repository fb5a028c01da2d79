"""Meta's webhook: the verification handshake, and notifications stored durably before
the 200. Nothing unsigned is stored; nothing, however odd, becomes a 500."""

from __future__ import annotations

import logging
import time
from typing import Any

from litestar import Controller, Request, get, post
from litestar.di import NamedDependency
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException

from keloia.adapters.meta import (
    MalformedNotification,
    parse_notification,
    subscription_challenge,
    verify_signature,
)
from keloia.apps.http.ingest import writer_for
from keloia.bootstrap import Keloia

log = logging.getLogger("keloia.webhook")


class WebhookController(Controller):
    path = "/webhook"

    @get("/", media_type="text/plain", sync_to_thread=False)
    def handshake(self, request: Request[Any, Any, Any], keloia: NamedDependency[Keloia]) -> str:
        params = request.query_params
        challenge = subscription_challenge(
            keloia.settings.meta_verify_token or "",
            params.get("hub.mode"),
            params.get("hub.verify_token"),
            params.get("hub.challenge"),
        )
        if challenge is None:
            raise PermissionDeniedException("verify token does not match")
        return challenge

    @post("/", status_code=200)
    async def notify(
        self, request: Request[Any, Any, Any], keloia: NamedDependency[Keloia]
    ) -> dict[str, Any]:
        started = time.perf_counter()
        body = await request.body()
        secret = keloia.settings.meta_app_secret
        header = request.headers.get("x-hub-signature-256")
        if not secret:
            raise PermissionDeniedException("webhook is not configured (KELOIA_META_APP_SECRET)")
        if not header:
            raise NotAuthorizedException("missing X-Hub-Signature-256")
        if not verify_signature(secret, body, header):
            raise PermissionDeniedException("signature does not match")
        stored = await ingest(keloia, body)
        # At debug level: the writer logs each batch (apps/http/ingest.py).
        log.debug(
            "webhook stored",
            extra={"stored": stored, "ms": round((time.perf_counter() - started) * 1000, 2)},
        )
        return {"status": "ok", "stored": stored}


async def ingest(keloia: NamedDependency[Keloia], body: bytes) -> int:
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

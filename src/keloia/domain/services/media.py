"""Keeping what people send: a photo of a transfer, a scanned STNK, a voice note. Fetched
from WhatsApp, checked (kind, type, size, first bytes), stored in the PO's file store and
linked to the message it came with; later, to what it proves (a payment)."""

from __future__ import annotations

import logging

from keloia.domain.errors import MediaUnavailable
from keloia.domain.model.events import MediaReceived
from keloia.domain.model.media import (
    MAX_MEDIA_BYTES,
    MediaFile,
    MediaKind,
    accepts,
    base_type,
    content_matches,
    media_key,
)
from keloia.domain.model.messages import InboundMessage
from keloia.domain.model.tenants import User
from keloia.domain.services.deps import Deps
from keloia.ports.files import FileStore
from keloia.ports.messaging import MediaSource

log = logging.getLogger("keloia.media")


def keep_media(
    deps: Deps, files: FileStore, source: MediaSource, sender: User, message: InboundMessage
) -> MediaFile | None:
    """The message's file, kept once (a retried message finds it kept). None when there is
    none or it may not be kept. Raises MediaUnavailable when fetching may work later."""
    media = message.media
    if media is None:
        return None
    with deps.uow() as uow:
        kept = uow.media.for_message(sender.tenant_id, message.wa_message_id)
    if kept is not None:
        return kept
    try:
        kind = MediaKind(media.kind)
    except ValueError:
        return None
    if media.mime_type and (problem := accepts(kind, media.mime_type, 0)):
        log.info("media not kept: %s", problem)
        return None
    try:
        fetched = source.fetch(media.media_id, MAX_MEDIA_BYTES[kind])
    except MediaUnavailable as unavailable:
        if unavailable.retryable:
            raise
        log.info("media not kept: %s", unavailable.reason)
        return None
    mime_type = base_type(fetched.mime_type or media.mime_type)
    problem = accepts(kind, mime_type, len(fetched.content))
    if problem is None and not content_matches(mime_type, fetched.content):
        problem = f"content is not {mime_type}"
    if problem:
        log.info("media not kept: %s", problem)
        return None
    media_id = deps.ids.new_id()
    record = MediaFile(
        id=media_id,
        tenant_id=sender.tenant_id,
        wa_message_id=message.wa_message_id,
        kind=kind,
        mime_type=mime_type,
        size=len(fetched.content),
        file_key=media_key(media_id, mime_type),
        filename=media.filename[:240],
        caption=message.text[:3000],
        received_at=deps.clock.now(),
    )
    # The file first: a row never points at a file that is not there.
    files.save(sender.tenant_id, record.file_key, fetched.content, mime_type)
    with deps.uow() as uow:
        return uow.save(uow.media.add, record, MediaReceived(sender=sender, media=record))

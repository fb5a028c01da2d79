"""Media people send on WhatsApp (a transfer photo, a scanned STNK, a voice note), kept in
the file store and linked to the message it came with and, later, to what it proves."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import Field

from keloia.domain.model.common import TenantRecord


class MediaKind(StrEnum):
    IMAGE = "image"
    DOCUMENT = "document"
    AUDIO = "audio"
    VIDEO = "video"
    STICKER = "sticker"


# What is kept, by kind: the types WhatsApp itself delivers, and a size no PO needs more
# than. Anything else is refused before it is stored.
ACCEPTED_TYPES: dict[MediaKind, frozenset[str]] = {
    MediaKind.IMAGE: frozenset({"image/jpeg", "image/png", "image/webp"}),
    MediaKind.DOCUMENT: frozenset(
        {
            "application/pdf",
            "image/jpeg",
            "image/png",
            "text/plain",
            "application/msword",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.ms-excel",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    ),
    MediaKind.AUDIO: frozenset({"audio/ogg", "audio/mpeg", "audio/mp4", "audio/aac", "audio/amr"}),
    MediaKind.VIDEO: frozenset({"video/mp4", "video/3gpp"}),
    MediaKind.STICKER: frozenset({"image/webp"}),
}
MAX_MEDIA_BYTES: dict[MediaKind, int] = {
    MediaKind.IMAGE: 5 * 1024 * 1024,
    MediaKind.DOCUMENT: 20 * 1024 * 1024,
    MediaKind.AUDIO: 16 * 1024 * 1024,
    MediaKind.VIDEO: 16 * 1024 * 1024,
    MediaKind.STICKER: 512 * 1024,
}
EXTENSIONS = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "application/pdf": "pdf",
    "audio/ogg": "ogg",
    "audio/mpeg": "mp3",
    "audio/mp4": "m4a",
    "audio/aac": "aac",
    "audio/amr": "amr",
    "video/mp4": "mp4",
    "video/3gpp": "3gp",
    "text/plain": "txt",
}


def base_type(mime_type: str) -> str:
    """'audio/ogg; codecs=opus' -> 'audio/ogg'."""
    return mime_type.split(";", 1)[0].strip().lower()


def accepts(kind: MediaKind, mime_type: str, size: int) -> str | None:
    """None when the file may be kept; else why not (for the log and the reply)."""
    if base_type(mime_type) not in ACCEPTED_TYPES[kind]:
        return f"type {mime_type!r} is not kept for {kind.value}"
    if size > MAX_MEDIA_BYTES[kind]:
        return f"{size} bytes is over the {MAX_MEDIA_BYTES[kind]} limit for {kind.value}"
    return None


def media_key(media_id: str, mime_type: str) -> str:
    return f"media/{media_id}.{EXTENSIONS.get(base_type(mime_type), 'bin')}"


class MediaFile(TenantRecord):
    wa_message_id: str
    kind: MediaKind
    mime_type: str = Field(max_length=200)
    size: int = Field(ge=0)
    file_key: str
    filename: str = Field(default="", max_length=240)
    caption: str = Field(default="", max_length=3000)
    # What it was attached to, once known ("payment", id): the proof of a transfer.
    entity: str = ""
    entity_id: str = ""
    received_at: datetime


_SIGNATURES: tuple[tuple[bytes, int, str], ...] = (
    (b"\xff\xd8\xff", 0, "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", 0, "image/png"),
    (b"%PDF-", 0, "application/pdf"),
    (b"OggS", 0, "audio/ogg"),
    (b"ftyp", 4, "video/mp4"),  # also m4a audio: the ISO media family
    (b"#!AMR", 0, "audio/amr"),
)


def content_matches(mime_type: str, content: bytes) -> bool:
    """Do the first bytes agree with the announced type? Types without a signature we
    know of pass; a known one must match (a script named .jpg is not kept)."""
    wanted = base_type(mime_type)
    if wanted == "image/webp":
        return content[:4] == b"RIFF" and content[8:12] == b"WEBP"
    known = {mime for _, _, mime in _SIGNATURES}
    family = {"audio/mp4": "video/mp4", "video/3gpp": "video/mp4"}.get(wanted, wanted)
    if family not in known:
        return True
    return any(
        content[offset : offset + len(magic)] == magic
        for magic, offset, mime in _SIGNATURES
        if mime == family
    )

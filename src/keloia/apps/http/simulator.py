"""The WhatsApp simulator (`keloia serve --demo`, never in production): chat as any phone
of the demo tenant, or as a new number, through the same pipeline as a signed webhook.

Only those: a phone of any other tenant is refused (403), so the page can neither act as
another PO's owner nor read what the bot sent them."""

from __future__ import annotations

import base64
import json
import time
from importlib.resources import files
from typing import Any

import anyio
from litestar import Controller, get, post
from litestar.di import NamedDependency
from litestar.exceptions import PermissionDeniedException, ValidationException
from litestar.params import FromQuery, JSONBody
from litestar.response import Response
from pydantic import BaseModel, Field

from keloia.adapters.local.media import LocalMediaSource
from keloia.adapters.phones import to_e164
from keloia.apps.demo import demo_people
from keloia.apps.http.webhook import ingest
from keloia.bootstrap import Keloia
from keloia.domain.services.assistant.onboarding import invite_codes
from keloia.domain.services.team import normalize_code

NOT_ALLOWED = "Simulator hanya untuk tim PO demo atau nomor baru."


NOT_A_DEMO_CODE = "Simulator hanya menerima kode undangan PO demo."


def check_allowed(keloia: Keloia, e164: str, text: str = "") -> None:
    """Raise 403 unless `e164` is a phone of the demo tenant or of no one at all, and unless
    every invite code a new number offers is the demo tenant's: the simulator must never
    join a number to a real PO (nor be a free oracle for guessing its codes)."""
    with keloia.deps.uow() as uow:
        user = uow.users.by_phone(e164)
        if user is None:
            invites = [uow.invites.by_code(normalize_code(c)) for c in invite_codes(text)]
            if any(i is not None and i.tenant_id != keloia.demo_tenant_id for i in invites):
                raise PermissionDeniedException(detail=NOT_A_DEMO_CODE)
    if user is not None and (
        keloia.demo_tenant_id is None or user.tenant_id != keloia.demo_tenant_id
    ):
        raise PermissionDeniedException(detail=NOT_ALLOWED)


MAX_FILE_BASE64 = 7_000_000  # ~5 MB of file: WhatsApp's own limit for a photo


class SimulatedMessage(BaseModel):
    phone: str = Field(min_length=6, max_length=30)
    text: str = Field(default="", max_length=4096)
    reply_id: str = Field(default="", max_length=256)
    reply_title: str = Field(default="", max_length=72)
    name: str = Field(default="", max_length=60)
    # A photo or file sent with the message (the text is its caption), base64-encoded.
    file_base64: str = Field(default="", max_length=MAX_FILE_BASE64)
    file_type: str = Field(default="", max_length=100)
    file_name: str = Field(default="", max_length=120)


class SimulatorController(Controller):
    path = "/simulator"

    @get("/", media_type="text/html", sync_to_thread=False, include_in_schema=False)
    def page(self) -> str:
        return files("keloia.apps.http").joinpath("simulator.html").read_text(encoding="utf-8")

    @get("/api/people", sync_to_thread=True, include_in_schema=False)
    def people(self, keloia: NamedDependency[Keloia]) -> list[dict[str, str]]:
        return demo_people(keloia)

    @get("/api/messages", sync_to_thread=True, include_in_schema=False)
    def messages(
        self, keloia: NamedDependency[Keloia], phone: FromQuery[str]
    ) -> list[dict[str, Any]]:
        """What the bot sent to this phone, oldest first."""
        e164 = to_e164(phone)
        if e164 is None:
            return []
        check_allowed(keloia, e164)
        with keloia.deps.uow() as uow:
            items = uow.outbox.recent(e164, 100)
        return [
            {
                "id": i.id,
                "at": i.created_at.isoformat(),
                "kind": i.message.kind.value,
                "body": i.message.body or " ".join(i.message.template_params),
                "buttons": [b.model_dump() for b in i.message.buttons],
                "rows": [r.model_dump() for r in i.message.rows],
                "state": i.state.value,
                "document": (
                    {"url": i.message.document.url, "filename": i.message.document.filename}
                    if i.message.document
                    else None
                ),
            }
            for i in items
        ]

    @post("/api/send", status_code=202, include_in_schema=False)
    async def send(
        self, keloia: NamedDependency[Keloia], data: JSONBody[dict[str, Any]]
    ) -> Response[dict[str, Any]]:
        try:
            message = SimulatedMessage.model_validate(data)
        except ValueError as exc:
            raise ValidationException("pesan simulator tidak valid") from exc
        e164 = to_e164(message.phone)
        if e164 is None:
            raise ValidationException("nomor telepon tidak valid")
        await anyio.to_thread.run_sync(check_allowed, keloia, e164, message.text)
        media_id = hand_over_file(keloia, message)
        stored = await ingest(keloia, cloud_api_body(e164, message, media_id))
        return Response({"status": "ok", "stored": stored}, status_code=202)


def hand_over_file(keloia: Keloia, message: SimulatedMessage) -> str:
    """The simulated photo or file, left where the worker fetches media by id (as Meta
    would hold it); its id, or "" when the message carries none."""
    if not message.file_base64:
        return ""
    if not isinstance(keloia.media, LocalMediaSource):
        raise ValidationException("simulator tidak bisa mengirim berkas di sini")
    try:
        content = base64.b64decode(message.file_base64, validate=True)
    except ValueError as exc:
        raise ValidationException("berkas simulator tidak valid") from exc
    return keloia.media.put(content, message.file_type or "application/octet-stream")


def cloud_api_body(e164: str, message: SimulatedMessage, media_id: str = "") -> bytes:
    """The notification Meta would send for this message, byte for byte in its shape."""
    wa_id = e164.lstrip("+")
    stamp = str(int(time.time()))
    msg_id = f"wamid.SIM{time.time_ns()}"
    if message.reply_id:
        kind = "list_reply" if message.reply_id.startswith("pilih:") else "button_reply"
        content: dict[str, Any] = {
            "type": "interactive",
            "interactive": {
                "type": kind,
                kind: {"id": message.reply_id, "title": message.reply_title or message.reply_id},
            },
        }
    elif media_id:
        kind = "image" if message.file_type.startswith("image/") else "document"
        part: dict[str, Any] = {"id": media_id, "mime_type": message.file_type}
        if message.text:
            part["caption"] = message.text
        if kind == "document" and message.file_name:
            part["filename"] = message.file_name
        content = {"type": kind, kind: part}
    else:
        content = {"type": "text", "text": {"body": message.text}}
    payload = {
        "object": "whatsapp_business_account",
        "entry": [
            {
                "id": "SIMULATOR",
                "changes": [
                    {
                        "field": "messages",
                        "value": {
                            "messaging_product": "whatsapp",
                            "metadata": {
                                "display_phone_number": "0",
                                "phone_number_id": "SIMULATOR",
                            },
                            "contacts": [
                                {"profile": {"name": message.name or wa_id}, "wa_id": wa_id}
                            ],
                            "messages": [
                                {"from": wa_id, "id": msg_id, "timestamp": stamp, **content}
                            ],
                        },
                    }
                ],
            }
        ],
    }
    return json.dumps(payload).encode()

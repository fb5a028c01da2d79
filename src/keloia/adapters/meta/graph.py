"""Sending WhatsApp messages through the Cloud API (Graph API `/{phone_number_id}/messages`).

Whether a failure is worth retrying is decided by the Graph error code in the response
body, not by the HTTP status: Meta answers 400 both for "slow down, try later" (131056)
and for "never, the 24-hour window is closed" (131047).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from types import TracebackType
from typing import Any

import httpx
from pydantic import ValidationError

from keloia.domain.errors import DeliveryFailed
from keloia.domain.model.messages import Attachment, MessageKind, OutboundMessage, is_user_id
from keloia.domain.model.templates import CATALOGUE, LANGUAGE, TemplateCategory
from keloia.ports.files import FileStore

from .split import fit_message

log = logging.getLogger(__name__)

TEMPLATE_LANGUAGE = LANGUAGE  # the templates are registered in Indonesian
# Authentication templates (login codes) carry the code twice: in the body and in the
# copy-code button, which Meta requires as a URL button parameter.
AUTHENTICATION_TEMPLATES = frozenset(
    t.name for t in CATALOGUE.values() if t.category is TemplateCategory.AUTHENTICATION
)

OUTSIDE_WINDOW_CODE = 131047
# Meta's limit for biz_opaque_callback_data, echoed back in the message's statuses.
CALLBACK_DATA_MAX = 512

# Graph error code -> can the same request succeed later?
ERROR_RETRYABLE: dict[int, bool] = {
    # Temporary: back off and retry.
    1: True,  # API unknown: possibly a server error
    2: True,  # API service temporarily unavailable
    4: True,  # application request limit reached
    80007: True,  # WhatsApp Business Account rate limit
    130429: True,  # throughput limit (messages per second) reached
    131000: True,  # something went wrong
    131016: True,  # service unavailable
    131056: True,  # too many messages to the same person in a short time (pair rate limit)
    131057: True,  # business account in maintenance mode
    133004: True,  # server temporarily unavailable
    # Permanent: the same request will fail again.
    0: False,  # authentication exception
    3: False,  # capability or permission missing
    10: False,  # permission denied
    100: False,  # invalid parameter
    190: False,  # access token expired or invalid
    368: False,  # temporarily blocked for policy violations
    130472: False,  # the person's number is part of an experiment
    131008: False,  # required parameter missing
    131009: False,  # parameter value invalid
    131026: False,  # undeliverable: not on WhatsApp, old app, terms not accepted...
    131047: False,  # more than 24 hours since the person last wrote: a template is needed
    131048: False,  # spam rate limit: the number's quality must recover first
    131049: False,  # held back by Meta to keep engagement healthy
    131051: False,  # unsupported message type
}
TEMPLATE_ERRORS = range(132000, 133000)  # template missing, paused, wrong parameters...
PERMISSION_ERRORS = range(200, 300)


@dataclass(frozen=True)
class ErrorClass:
    retryable: bool
    outside_window: bool = False


def classify_error(code: int | None, http_status: int | None) -> ErrorClass:
    """How to treat a failed send. `http_status` None means no response at all.

    A known Graph code decides; without a known one, only a server-side failure (5xx,
    429) or a lost connection is worth another try.
    """
    if code is not None:
        if code in ERROR_RETRYABLE:
            retryable = ERROR_RETRYABLE[code]
        elif code in TEMPLATE_ERRORS or code in PERMISSION_ERRORS:
            retryable = False
        else:
            retryable = http_status is not None and http_status >= 500
        return ErrorClass(retryable=retryable, outside_window=code == OUTSIDE_WINDOW_CODE)
    if http_status is None:
        return ErrorClass(retryable=True)
    return ErrorClass(retryable=http_status >= 500 or http_status == 429)


class DeliveryError(DeliveryFailed):
    """A message was not accepted by the Cloud API; says whether a retry can help.

    A DeliveryFailed, the error the Messenger port promises, with Meta's details added.
    """

    def __init__(
        self,
        code: int | None,
        title: str,
        retryable: bool,
        outside_window: bool = False,
        *,
        http_status: int | None = None,
        details: str = "",
    ) -> None:
        reason = f"{code} {title}" if code is not None else title
        super().__init__(reason, retryable=retryable, outside_window=outside_window)
        self.code = code
        self.title = title
        self.http_status = http_status
        self.details = details


def recipient(message: OutboundMessage) -> dict[str, str]:
    """Who the message is for. A number goes as E.164 with the plus sign, as stored (Meta
    accepts it with or without '+'; with it, the country code can never be taken for a
    local number). A business-scoped user id (someone with a username and no visible
    number) goes in `recipient`, as Meta's BSUID sending expects."""
    if is_user_id(message.to):
        return {"recipient": message.to}
    return {"to": message.to}


def build_payload(message: OutboundMessage, media_id: str = "") -> dict[str, Any]:
    """The JSON body for one message that already fits (see split.fit_message). A document
    goes by the id of its uploaded copy, or else by its signed link."""
    payload: dict[str, Any] = {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        **recipient(message),
    }
    if message.kind == MessageKind.TEXT:
        payload["type"] = "text"
        payload["text"] = {"preview_url": False, "body": message.body}
    elif message.kind == MessageKind.BUTTONS:
        buttons = [
            {"type": "reply", "reply": {"id": b.id, "title": b.title}} for b in message.buttons
        ]
        payload["type"] = "interactive"
        payload["interactive"] = {
            "type": "button",
            "body": {"text": message.body},
            "action": {"buttons": buttons},
        }
    elif message.kind == MessageKind.LIST:
        rows = []
        for row in message.rows:
            item = {"id": row.id, "title": row.title}
            if row.description:
                item["description"] = row.description
            rows.append(item)
        payload["type"] = "interactive"
        payload["interactive"] = {
            "type": "list",
            "body": {"text": message.body},
            "action": {"button": message.list_button, "sections": [{"rows": rows}]},
        }
    elif message.kind == MessageKind.DOCUMENT and message.document is not None:
        document: dict[str, Any] = {"id": media_id} if media_id else {"link": message.document.url}
        document["filename"] = message.document.filename
        if message.body:
            document["caption"] = message.body
        payload["type"] = "document"
        payload["document"] = document
    else:
        payload["type"] = "template"
        payload["template"] = _template(message)
    return payload


def _template(message: OutboundMessage) -> dict[str, Any]:
    template: dict[str, Any] = {
        "name": message.template_name,
        "language": {"code": TEMPLATE_LANGUAGE},
    }
    params = [{"type": "text", "text": p} for p in message.template_params]
    components: list[dict[str, Any]] = []
    if params:
        components.append({"type": "body", "parameters": params})
    if message.template_name in AUTHENTICATION_TEMPLATES and params:
        components.append(
            {"type": "button", "sub_type": "url", "index": "0", "parameters": params[:1]}
        )
    # A template's quick replies answer with the payload this message gives each of them.
    components.extend(
        {
            "type": "button",
            "sub_type": "quick_reply",
            "index": str(n),
            "parameters": [{"type": "payload", "payload": button.id}],
        }
        for n, button in enumerate(message.buttons)
    )
    if components:
        template["components"] = components
    return template


class CloudApiMessenger:
    """Messenger over the WhatsApp Cloud API."""

    def __init__(
        self,
        api_url: str,
        access_token: str,
        phone_number_id: str,
        client: httpx.Client | None = None,
        timeout: float = 10.0,
        files: FileStore | None = None,
    ) -> None:
        self._url = f"{api_url.rstrip('/')}/{phone_number_id}/messages"
        self._media_url = f"{api_url.rstrip('/')}/{phone_number_id}/media"
        # With the file store at hand a document is uploaded to Meta (our server need not
        # be reachable from the internet); without it, it goes by its signed link.
        self._files = files
        self._headers = {"Authorization": f"Bearer {access_token}"}
        self._timeout = timeout
        self._owns_client = client is None
        self._client = client if client is not None else httpx.Client(timeout=timeout)

    def parts(self, message: OutboundMessage) -> list[OutboundMessage]:
        """`message` fitted to WhatsApp's limits: one or more messages, in order (the last
        one carries any buttons). The outbox sends them one by one and records each."""
        try:
            parts = fit_message(message)
        except ValidationError as error:  # e.g. a recipient that is not E.164
            title = f"the message cannot be sent: {error.error_count()} invalid field(s)"
            raise DeliveryError(None, title, retryable=False) from error
        if not parts:
            raise DeliveryError(None, "nothing to send: the message is empty", retryable=False)
        return parts

    def send(self, message: OutboundMessage, key: str = "") -> str:
        """Send `message`, fitted to WhatsApp's limits; returns the provider message id.

        A message too big for one WhatsApp message goes out as several, in order, and the
        id of the last one is returned. The outbox calls `parts` first and sends each part
        on its own, so that a retry repeats exactly one Graph call. `key` travels as
        `biz_opaque_callback_data`, which Meta echoes in every status of the message.
        """
        message_id = ""
        for part in self.parts(message):
            media_id = ""
            if part.kind == MessageKind.DOCUMENT and part.document and self._files is not None:
                media_id = self._upload(part.document)
            payload = build_payload(part, media_id)
            if key:
                payload["biz_opaque_callback_data"] = key[:CALLBACK_DATA_MAX]
            message_id = self._post(payload)
        return message_id

    def _upload(self, document: Attachment) -> str:
        """Upload the file to the Cloud API's media endpoint; returns its media id."""
        assert self._files is not None
        stored = self._files.read(document.tenant_id, document.file_key)
        if stored is None:
            raise DeliveryError(None, "the document is no longer in the file store", False)
        response = self._request(
            self._media_url,
            data={"messaging_product": "whatsapp", "type": stored.content_type},
            files={"file": (document.filename, stored.content, stored.content_type)},
        )
        data = _json_object(response)
        if response.is_success:
            media_id = data.get("id")
            if isinstance(media_id, str) and media_id:
                return media_id
            raise DeliveryError(
                None, "media upload answered without an id", True, http_status=response.status_code
            )
        raise _delivery_error(response.status_code, data)

    def _request(self, url: str, **kwargs: Any) -> httpx.Response:
        try:
            return self._client.post(url, headers=self._headers, timeout=self._timeout, **kwargs)
        except httpx.TimeoutException as error:
            raise DeliveryError(None, "the Cloud API did not answer in time", True) from error
        except httpx.TransportError as error:
            title = f"could not reach the Cloud API: {type(error).__name__}"
            raise DeliveryError(None, title, True) from error

    def _post(self, payload: dict[str, Any]) -> str:
        response = self._request(self._url, json=payload)
        data = _json_object(response)
        if response.is_success:
            message_id = _message_id(data)
            if message_id:
                return message_id
            # Accepted, but we cannot tell which message: sending again is the safe side.
            raise DeliveryError(
                None, "accepted without a message id", True, http_status=response.status_code
            )
        raise _delivery_error(response.status_code, data)

    def close(self) -> None:
        if self._owns_client:
            self._client.close()

    def __enter__(self) -> CloudApiMessenger:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def _json_object(response: httpx.Response) -> dict[str, Any]:
    try:
        data = response.json()
    except ValueError:  # an HTML error page from a proxy or an outage
        return {}
    return data if isinstance(data, dict) else {}


def _message_id(data: dict[str, Any]) -> str:
    messages = data.get("messages")
    if isinstance(messages, list) and messages and isinstance(messages[0], dict):
        message_id = messages[0].get("id")
        if isinstance(message_id, str):
            return message_id
    return ""


def _delivery_error(http_status: int, data: dict[str, Any]) -> DeliveryError:
    error = data.get("error")
    error = error if isinstance(error, dict) else {}
    code = _as_int(error.get("code"))
    title = str(error.get("message") or error.get("error_user_title") or f"HTTP {http_status}")
    error_data = error.get("error_data")
    details = str(error_data.get("details", "")) if isinstance(error_data, dict) else ""
    kind = classify_error(code, http_status)
    log.warning(
        "Cloud API refused a message: HTTP %s, code %s, retryable %s",
        http_status,
        code,
        kind.retryable,
    )
    return DeliveryError(
        code,
        title,
        kind.retryable,
        kind.outside_window,
        http_status=http_status,
        details=details,
    )


def _as_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return None

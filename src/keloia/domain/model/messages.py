"""Messages the bot sends, in WhatsApp's shapes and within its limits."""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum
from typing import Annotated

from pydantic import Field

from keloia.domain.model.common import Phone, Value

# WhatsApp Cloud API limits: longer content is split or shortened by us, never sent to be
# rejected by Meta.
MAX_TEXT = 4096
MAX_BUTTONS = 3
MAX_BUTTON_TITLE = 20
MAX_LIST_ROWS = 10
MAX_ROW_TITLE = 24
MAX_ROW_DESCRIPTION = 72
MAX_CAPTION = 1024  # a document's caption

# WhatsApp's customer-service window. Free text only when the person wrote within it,
# with a margin for the minutes between queueing and sending.
WINDOW = timedelta(hours=24)
WINDOW_MARGIN = timedelta(minutes=15)


def window_open(last_seen: datetime | None, now: datetime) -> bool:
    """Whether free text may go to someone who last wrote at `last_seen` (else a template)."""
    return last_seen is not None and now - last_seen < WINDOW - WINDOW_MARGIN


class MessageKind(StrEnum):
    TEXT = "text"
    BUTTONS = "buttons"
    LIST = "list"
    TEMPLATE = "template"
    DOCUMENT = "document"  # a file (a PDF paper) with the body as its caption


class Button(Value):
    id: str = Field(max_length=256)
    title: str = Field(min_length=1, max_length=MAX_BUTTON_TITLE)


class ListRow(Value):
    id: str = Field(max_length=200)
    title: str = Field(min_length=1, max_length=MAX_ROW_TITLE)
    description: str = Field(default="", max_length=MAX_ROW_DESCRIPTION)


# Who a message goes to: an E.164 number, or Meta's business-scoped user id ("ID.1234…")
# for someone who writes with a username and no visible number.
Recipient = Annotated[str, Field(pattern=r"^(\+[1-9]\d{6,14}|[A-Z]{2}\.[A-Za-z0-9.]{1,200})$")]


class Attachment(Value):
    """A file from the tenant's file store sent as a WhatsApp document."""

    tenant_id: str
    file_key: str
    filename: str = Field(min_length=1, max_length=240)
    # A signed download link: what the simulator shows, what a person outside WhatsApp's
    # 24-hour window gets in the notice template, and the Cloud API's fallback source.
    url: str
    content_type: str = "application/pdf"


def is_user_id(recipient: str) -> bool:
    return not recipient.startswith("+")


class OutboundMessage(Value):
    to: Recipient
    kind: MessageKind = MessageKind.TEXT
    body: str = Field(default="", max_length=MAX_TEXT)
    buttons: tuple[Button, ...] = Field(default=(), max_length=MAX_BUTTONS)
    rows: tuple[ListRow, ...] = Field(default=(), max_length=MAX_LIST_ROWS)
    list_button: str = Field(default="Pilih", max_length=MAX_BUTTON_TITLE)
    template_name: str = ""
    template_params: tuple[str, ...] = ()
    document: Attachment | None = None
    # Sent instead when WhatsApp refuses this one for good (the 24-hour window closed, a
    # template it does not accept): a template, or a shorter one; never silence.
    fallback: OutboundMessage | None = None


class InboundKind(StrEnum):
    TEXT = "text"
    BUTTON_REPLY = "button_reply"  # interactive button_reply, or a template's quick-reply button
    LIST_REPLY = "list_reply"
    MEDIA = "media"  # image, audio, video, document, sticker: not read for now
    LOCATION = "location"
    CONTACTS = "contacts"
    REACTION = "reaction"
    UNSUPPORTED = "unsupported"


class InboundMedia(Value):
    """The file a media message carries, as WhatsApp announces it (fetched later by id)."""

    kind: str  # image, audio, video, document, sticker
    media_id: str = Field(min_length=1, max_length=200)
    mime_type: str = Field(default="", max_length=200)
    filename: str = Field(default="", max_length=240)
    voice: bool = False  # an audio recorded in WhatsApp (a voice note)


class InboundMessage(Value):
    """One message a person sent, as Keloia keeps it in the inbox."""

    wa_message_id: str
    # E.164; None when Meta sends only a business-scoped user id (2026 usernames).
    from_phone: Phone | None
    wa_user_id: str = ""  # Meta's business-scoped user id, when given
    sent_at: datetime
    kind: InboundKind
    text: str = ""  # the text, or the chosen button/row title
    reply_id: str = ""  # the chosen button/row id
    profile_name: str = ""
    phone_number_id: str = ""  # which of our numbers received it
    media: InboundMedia | None = None  # with kind MEDIA; `text` is then its caption


class DeliveryState(StrEnum):
    """Forward-only: a status never moves a message back."""

    QUEUED = "queued"
    SENT = "sent"
    DELIVERED = "delivered"
    READ = "read"
    FAILED = "failed"


DELIVERY_ORDER = {
    DeliveryState.QUEUED: 0,
    DeliveryState.SENT: 1,
    DeliveryState.DELIVERED: 2,
    DeliveryState.READ: 3,
    DeliveryState.FAILED: 4,
}


def moves_forward(current: DeliveryState, new: DeliveryState) -> bool:
    """Statuses arrive out of order; only a later one counts. A message that reached the
    phone (delivered, read) cannot fail any more."""
    if new is DeliveryState.FAILED:
        return current in (DeliveryState.QUEUED, DeliveryState.SENT)
    return DELIVERY_ORDER[new] > DELIVERY_ORDER[current]


class StatusUpdate(Value):
    """Meta's word on a message we sent."""

    provider_message_id: str
    state: DeliveryState
    at: datetime
    recipient: str = ""
    error_code: int | None = None
    error_title: str = ""
    # The provider says the person's messaging window is closed: only a template can reach
    # them now (the provider's adapter reads its own error codes to tell).
    window_closed: bool = False
    # The key the sender gave the message (Messenger.send), echoed by the provider.
    delivery_key: str = ""

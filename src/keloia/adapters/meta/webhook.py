"""Reading a WhatsApp Cloud API webhook notification into Keloia's inbound shapes.

Meta batches: one POST can carry several entries, each with several changes, each with
several messages and statuses. Every one of them is returned, never only the first.

Each level is read on its own, so one unreadable message is skipped (counted and logged)
without losing its neighbours. Only a body that is not a WhatsApp notification at all
raises, and always the one exception `MalformedNotification`.

Models ignore unknown fields and tolerate missing optional ones: Meta adds fields often
(business-scoped user ids and usernames arrived in 2026) and a new field must never turn
into a rejected webhook.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

import phonenumbers
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from keloia.domain.model.messages import (
    DeliveryState,
    InboundKind,
    InboundMessage,
    StatusUpdate,
)

from .graph import OUTSIDE_WINDOW_CODE

log = logging.getLogger(__name__)

M = TypeVar("M", bound=BaseModel)

WHATSAPP_OBJECT = "whatsapp_business_account"
MESSAGES_FIELD = "messages"

MEDIA_TYPES = frozenset({"image", "audio", "video", "document", "sticker"})

STATES = {
    "sent": DeliveryState.SENT,
    "delivered": DeliveryState.DELIVERED,
    "read": DeliveryState.READ,
    "failed": DeliveryState.FAILED,
}

# What reading one item may raise; anything in this list means "skip this item".
_UNREADABLE = (ValidationError, ValueError, TypeError, OverflowError, OSError)


class MalformedNotification(ValueError):
    """The body is not a WhatsApp Cloud API notification (not JSON, or not its shape)."""


@dataclass(frozen=True)
class Notification:
    """Everything one webhook POST told us, in the order Meta sent it."""

    messages: tuple[InboundMessage, ...] = ()
    statuses: tuple[StatusUpdate, ...] = ()
    skipped: int = 0  # items that could not be read and were left out (each one logged)


# --- Cloud API shapes --------------------------------------------------------------------


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True)


class Envelope(_Model):
    object: str = ""
    entry: list[Any]


class Entry(_Model):
    id: str = ""
    changes: list[Any] = Field(default_factory=list)


class Change(_Model):
    field: str = ""
    value: dict[str, Any] = Field(default_factory=dict)


class Metadata(_Model):
    display_phone_number: str = ""
    phone_number_id: str = ""


class ChangeValue(_Model):
    metadata: Any = None
    contacts: list[Any] = Field(default_factory=list)
    messages: list[Any] = Field(default_factory=list)
    statuses: list[Any] = Field(default_factory=list)
    errors: list[Any] = Field(default_factory=list)


class Profile(_Model):
    name: str = ""
    username: str = ""


class Contact(_Model):
    wa_id: str | None = None  # omitted for a user with a username and no shared number
    user_id: str | None = None  # business-scoped user id (BSUID), e.g. "ID.1502576394655843"
    profile: Profile | None = None


class MessageHead(_Model):
    """The part of a message every type shares; without it a message cannot be kept."""

    id: str = Field(min_length=1)
    from_: str | None = Field(default=None, alias="from")
    from_user_id: str | None = None
    timestamp: str | int
    type: str = "unknown"


class TextBody(_Model):
    body: str = ""


class Reply(_Model):
    id: str = ""
    title: str = ""
    description: str = ""


class Interactive(_Model):
    type: str = ""
    button_reply: Reply | None = None
    list_reply: Reply | None = None


class TemplateButton(_Model):
    payload: str = ""
    text: str = ""


class Media(_Model):
    id: str = ""
    caption: str = ""
    mime_type: str = ""


class Location(_Model):
    latitude: float | None = None
    longitude: float | None = None
    name: str = ""
    address: str = ""


class SharedName(_Model):
    formatted_name: str = ""


class SharedPhone(_Model):
    phone: str = ""


class SharedContact(_Model):
    name: SharedName | None = None
    phones: list[SharedPhone] = Field(default_factory=list)


class Reaction(_Model):
    message_id: str = ""
    emoji: str = ""  # empty when the person removed their reaction


class StatusItem(_Model):
    id: str = Field(min_length=1)
    status: str
    timestamp: str | int
    recipient_id: str | None = None
    recipient_user_id: str | None = None
    errors: list[Any] = Field(default_factory=list)


class ErrorItem(_Model):
    code: int | None = None
    title: str = ""
    message: str = ""


# --- conversions -------------------------------------------------------------------------


def wa_id_to_e164(wa_id: str | None) -> str | None:
    """Meta's digits-only number ("6281234567890") as E.164, or None if it is not one.

    Checked with phonenumbers' is_possible_number (right country code, right length), not
    is_valid_number: a wa_id is a number WhatsApp has registered, and phonenumbers' range
    metadata lags new allocations; refusing it would strand a real person's message.
    """
    if not wa_id:
        return None
    digits = wa_id.strip().removeprefix("+")
    if not (digits.isascii() and digits.isdigit()) or digits.startswith("0"):
        return None
    try:
        number = phonenumbers.parse("+" + digits, None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def unix_to_utc(value: str | int) -> datetime:
    """Meta's timestamps are Unix seconds, sent as a string of digits."""
    seconds = int(value)  # ValueError for anything but an integer
    return datetime.fromtimestamp(seconds, tz=UTC)


def _parse_model(model: type[M], raw: Any) -> M | None:
    try:
        return model.model_validate(raw)
    except ValidationError:
        return None


def _content(kind_name: str, raw: dict[str, Any]) -> tuple[InboundKind, str, str]:
    """(kind, text, reply_id) of one message; anything unreadable becomes UNSUPPORTED."""
    part = raw.get(kind_name)
    if kind_name == "text":
        text = _parse_model(TextBody, part)
        if text is not None:
            return InboundKind.TEXT, text.body, ""
    elif kind_name == "interactive":
        interactive = _parse_model(Interactive, part)
        if interactive is not None and interactive.button_reply is not None:
            reply = interactive.button_reply
            return InboundKind.BUTTON_REPLY, reply.title, reply.id
        if interactive is not None and interactive.list_reply is not None:
            reply = interactive.list_reply
            return InboundKind.LIST_REPLY, reply.title, reply.id
    elif kind_name == "button":  # a quick-reply button under a template message
        button = _parse_model(TemplateButton, part)
        if button is not None:
            return InboundKind.BUTTON_REPLY, button.text, button.payload
    elif kind_name in MEDIA_TYPES:
        media = _parse_model(Media, part)
        return InboundKind.MEDIA, media.caption if media else "", ""
    elif kind_name == "location":
        location = _parse_model(Location, part)
        if location is not None:
            return InboundKind.LOCATION, _describe_location(location), ""
    elif kind_name == "contacts":
        shared = _parse_model(_SharedContacts, {"items": part})
        if shared is not None:
            return InboundKind.CONTACTS, _describe_contacts(shared.items), ""
    elif kind_name == "reaction":
        reaction = _parse_model(Reaction, part)
        if reaction is not None:
            # reply_id carries the id of the message reacted to (a 👍 on a question).
            return InboundKind.REACTION, reaction.emoji, reaction.message_id
    return InboundKind.UNSUPPORTED, "", ""


class _SharedContacts(_Model):
    items: list[SharedContact]


def _describe_location(location: Location) -> str:
    words = [w for w in (location.name, location.address) if w]
    if words:
        return ", ".join(words)
    if location.latitude is not None and location.longitude is not None:
        return f"{location.latitude},{location.longitude}"
    return ""


def _describe_contacts(contacts: list[SharedContact]) -> str:
    lines = []
    for contact in contacts:
        name = contact.name.formatted_name if contact.name else ""
        words = [name, *(p.phone for p in contact.phones)]
        lines.append(" ".join(w for w in words if w))
    return "\n".join(line for line in lines if line)


def _sender_contact(contacts: list[Contact], head: MessageHead) -> Contact | None:
    for contact in contacts:
        if head.from_ and contact.wa_id == head.from_:
            return contact
    for contact in contacts:
        if head.from_user_id and contact.user_id == head.from_user_id:
            return contact
    if len(contacts) == 1:
        only = contacts[0]
        # One contact for one sender is Meta's usual pairing, unless its ids contradict.
        clashes = bool(head.from_ and only.wa_id and only.wa_id != head.from_)
        return None if clashes else only
    return None


def _read_message(raw: Any, contacts: list[Contact], phone_number_id: str) -> InboundMessage | None:
    if not isinstance(raw, dict):
        return None
    head = MessageHead.model_validate(raw)
    contact = _sender_contact(contacts, head)
    from_phone = wa_id_to_e164(head.from_ or (contact.wa_id if contact else None))
    user_id = head.from_user_id or (contact.user_id if contact else None) or ""
    if from_phone is None and not user_id:
        log.warning("webhook message %s has no sender we can answer; skipped", head.id)
        return None
    kind, text, reply_id = _content(head.type, raw)
    profile = contact.profile if contact else None
    return InboundMessage(
        wa_message_id=head.id,
        from_phone=from_phone,
        wa_user_id=user_id,
        sent_at=unix_to_utc(head.timestamp),
        kind=kind,
        text=text,
        reply_id=reply_id,
        profile_name=profile.name if profile else "",
        phone_number_id=phone_number_id,
    )


def _read_status(raw: Any) -> StatusUpdate | None:
    item = StatusItem.model_validate(raw)
    state = STATES.get(item.status)
    if state is None:
        log.debug("webhook status %r for %s ignored", item.status, item.id)
        return None
    errors = [e for e in (_parse_model(ErrorItem, r) for r in item.errors) if e is not None]
    first = errors[0] if errors else None
    recipient = wa_id_to_e164(item.recipient_id) or item.recipient_user_id or ""
    return StatusUpdate(
        provider_message_id=item.id,
        state=state,
        at=unix_to_utc(item.timestamp),
        recipient=recipient,
        error_code=first.code if first else None,
        error_title=(first.title or first.message) if first else "",
        window_closed=first is not None and first.code == OUTSIDE_WINDOW_CODE,
    )


@dataclass
class _Collector:
    messages: list[InboundMessage]
    statuses: list[StatusUpdate]
    skipped: int = 0

    def skip(self, what: str, error: Exception | None = None) -> None:
        self.skipped += 1
        reason = f": {type(error).__name__}" if error else ""
        log.warning("unreadable %s in a webhook notification skipped%s", what, reason)


def _read_change(value: ChangeValue, out: _Collector) -> None:
    metadata = _parse_model(Metadata, value.metadata) or Metadata()
    contacts = [c for c in (_parse_model(Contact, raw) for raw in value.contacts) if c]
    for error in value.errors:
        # Meta reports problems with the notification itself here (e.g. 131000 for a
        # payload it could not build); the messages next to it are still kept.
        log.warning("webhook notification carries an error: %s", _describe_error(error))
    for raw in value.messages:
        try:
            message = _read_message(raw, contacts, metadata.phone_number_id)
        except _UNREADABLE as error:
            out.skip("message", error)
            continue
        if message is None:
            out.skip("message")
        else:
            out.messages.append(message)
    for raw in value.statuses:
        try:
            status = _read_status(raw)
        except _UNREADABLE as error:
            out.skip("status", error)
            continue
        if status is not None:
            out.statuses.append(status)


def _describe_error(raw: Any) -> str:
    error = _parse_model(ErrorItem, raw)
    if error is None:
        return "unreadable error"
    return f"{error.code} {error.title or error.message}".strip()


def parse_notification(body: bytes | str) -> Notification:
    """Every inbound message and delivery status of a webhook POST body.

    Raises MalformedNotification (and nothing else) when the body is not a WhatsApp
    notification at all; unreadable items inside a good body are skipped and counted.
    """
    try:
        data = json.loads(body)
    except (ValueError, RecursionError) as error:  # UnicodeDecodeError is a ValueError
        raise MalformedNotification("the body is not JSON") from error
    try:
        envelope = Envelope.model_validate(data)
    except ValidationError as error:
        raise MalformedNotification("the body has no list of entries") from error
    if envelope.object != WHATSAPP_OBJECT:
        raise MalformedNotification(f"not a {WHATSAPP_OBJECT} notification")

    out = _Collector(messages=[], statuses=[])
    for raw_entry in envelope.entry:
        entry = _parse_model(Entry, raw_entry)
        if entry is None:
            out.skip("entry")
            continue
        for raw_change in entry.changes:
            change = _parse_model(Change, raw_change)
            if change is None:
                out.skip("change")
                continue
            if change.field != MESSAGES_FIELD:
                continue  # other subscriptions (template status, account updates...)
            value = _parse_model(ChangeValue, change.value)
            if value is None:
                out.skip("change")
                continue
            _read_change(value, out)
    return Notification(tuple(out.messages), tuple(out.statuses), out.skipped)

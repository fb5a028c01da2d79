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

import functools
import json
import logging
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

import phonenumbers
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from keloia.domain.model.messages import (
    DeliveryState,
    InboundKind,
    InboundMedia,
    InboundMessage,
    StatusUpdate,
)

from .graph import CALLBACK_DATA_MAX, OUTSIDE_WINDOW_CODE

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

# Bounds on what is kept, so the database never sees a value it cannot store: a message id
# longer than the inbox column (or with characters PostgreSQL refuses) is not a message of
# Meta's, and a name or a text beyond these is someone's attempt at harm.
MAX_ID = 200
MAX_TEXT = 10_000  # WhatsApp's own limit for a text is 4,096
MAX_NAME = 120  # a person's name, as the team records keep it
MAX_REPLY_ID = 256
MAX_SHORT = 64  # phone number ids
# A body nested deeper than Python's JSON reader goes is read with whatever sits deeper
# than this replaced by null: Meta's own shapes are under ten levels deep.
MAX_DEPTH = 64

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
    """Each list is read on its own: a sibling that is null, an object or anything but a
    list is ignored with a log line, and never costs the messages beside it."""

    metadata: Any = None
    contacts: Any = None
    messages: Any = None
    statuses: Any = None
    errors: Any = None

    def items(self, name: str) -> list[Any]:
        value = getattr(self, name)
        if isinstance(value, list):
            return value
        if value is not None:
            log.warning("webhook %s that is not a list ignored: %s", name, type(value).__name__)
        return []


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
    filename: str = ""
    voice: bool = False


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
    biz_opaque_callback_data: str = ""


class ErrorItem(_Model):
    code: int | None = None
    title: str = ""
    message: str = ""


# --- conversions -------------------------------------------------------------------------


# Cached: the same few senders write again and again, and phonenumbers' parse is the
# dearest step of reading a notification.
@functools.lru_cache(maxsize=8192)
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


def clean(value: str, limit: int) -> str:
    """`value` without what no database or log line should carry (NUL and other control
    characters but newline and tab, lone surrogates), cut to `limit` characters."""
    if value.isprintable() and len(value) <= limit:
        return value
    kept = (ch for ch in value if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs"))
    return "".join(kept)[:limit]


def usable_id(value: str) -> bool:
    """A WhatsApp id we can store and look up: bounded, printable, no stray surrogates."""
    return 0 < len(value) <= MAX_ID and value.isprintable() and value == clean(value, MAX_ID)


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


def _media(kind_name: str, raw: dict[str, Any]) -> InboundMedia | None:
    """The file a media message announces, to be fetched by its id; None without an id."""
    if kind_name not in MEDIA_TYPES:
        return None
    media = _parse_model(Media, raw.get(kind_name))
    if media is None or not media.id:
        return None
    return InboundMedia(
        kind=kind_name,
        media_id=media.id[:200],
        mime_type=media.mime_type[:200],
        filename=media.filename[:240],
        voice=media.voice,
    )


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
    if not usable_id(head.id):
        # Not an id Meta makes; storing it would fail (PostgreSQL) on every retry of the
        # POST and take the valid messages beside it down too. Dropped with a log line.
        log.warning("webhook message with an unusable id (%d characters) skipped", len(head.id))
        return None
    kind, text, reply_id = _content(head.type, raw)
    profile = contact.profile if contact else None
    return InboundMessage(
        wa_message_id=head.id,
        from_phone=from_phone,
        wa_user_id=clean(user_id, MAX_ID),
        sent_at=unix_to_utc(head.timestamp),
        kind=kind,
        text=clean(text, MAX_TEXT),
        reply_id=clean(reply_id, MAX_REPLY_ID),
        profile_name=" ".join(clean(profile.name, MAX_TEXT).split())[:MAX_NAME] if profile else "",
        phone_number_id=clean(phone_number_id, MAX_SHORT),
        media=_media(head.type, raw),
    )


def _read_status(raw: Any) -> StatusUpdate | None:
    item = StatusItem.model_validate(raw)
    if not usable_id(item.id):
        raise ValueError("unusable status id")
    state = STATES.get(item.status)
    if state is None:
        log.debug("webhook status %r for %s ignored", item.status, item.id)
        return None
    errors = [e for e in (_parse_model(ErrorItem, r) for r in item.errors) if e is not None]
    first = errors[0] if errors else None
    recipient = wa_id_to_e164(item.recipient_id) or clean(item.recipient_user_id or "", MAX_ID)
    return StatusUpdate(
        provider_message_id=item.id,
        state=state,
        at=unix_to_utc(item.timestamp),
        recipient=recipient,
        error_code=first.code if first else None,
        error_title=clean(first.title or first.message, MAX_ID) if first else "",
        window_closed=first is not None and first.code == OUTSIDE_WINDOW_CODE,
        delivery_key=clean(item.biz_opaque_callback_data, CALLBACK_DATA_MAX),
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
    contacts = [c for c in (_parse_model(Contact, raw) for raw in value.items("contacts")) if c]
    for error in value.items("errors"):
        # Meta reports problems with the notification itself here (e.g. 131000 for a
        # payload it could not build); the messages next to it are still kept.
        log.warning("webhook notification carries an error: %s", _describe_error(error))
    if value.messages is not None and not isinstance(value.messages, list):
        out.skip("list of messages")
    for raw in value.items("messages"):
        try:
            message = _read_message(raw, contacts, metadata.phone_number_id)
        except _UNREADABLE as error:
            out.skip("message", error)
            continue
        if message is None:
            out.skip("message")
        else:
            out.messages.append(message)
    for raw in value.items("statuses"):
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


# A JSON string (escapes included) or a bracket: enough to follow nesting outside strings.
_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)


def _loads(body: bytes | str) -> Any:
    """json.loads, except that a body nested too deep for it is read with the parts deeper
    than MAX_DEPTH replaced by null, so the messages beside a hostile value are kept."""
    try:
        return json.loads(body)
    except RecursionError:
        text = body.decode("utf-8") if isinstance(body, bytes) else body
        log.warning("webhook body nested too deep: read with its deepest parts left out")
        return json.loads(_prune_deep(text, MAX_DEPTH))


def _prune_deep(text: str, limit: int) -> str:
    """`text` (JSON) with every array or object that starts deeper than `limit` levels
    replaced by null."""
    out: list[str] = []
    depth = 0
    skipping_at = 0  # the depth whose closing bracket ends the part left out; 0: none
    emitted = 0  # text[emitted:] is not yet in `out`
    for token in _JSON_TOKENS.finditer(text):
        bracket = token.group()
        if bracket in ("[", "{"):
            depth += 1
            if not skipping_at and depth > limit:
                out.append(text[emitted : token.start()])
                out.append("null")
                skipping_at = depth
        elif bracket in ("]", "}"):
            if skipping_at == depth:
                skipping_at = 0
                emitted = token.end()
            depth -= 1
    if not skipping_at:
        out.append(text[emitted:])
    return "".join(out)


def parse_notification(body: bytes | str) -> Notification:
    """Every inbound message and delivery status of a webhook POST body.

    Raises MalformedNotification (and nothing else) when the body is not a WhatsApp
    notification at all; unreadable items inside a good body are skipped and counted.
    """
    try:
        data = _loads(body)
    except (ValueError, RecursionError) as error:  # UnicodeDecodeError is a ValueError
        raise MalformedNotification("the body is not JSON") from error
    return _one_text(data) or _read_with_models(data)


def _read_with_models(data: Any) -> Notification:
    """The general reading: every level through its model, each item on its own."""
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


def _one_text(data: Any) -> Notification | None:
    """The notification Meta sends most, one text message from a sender with its contact,
    read without the models (they cost three quarters of the webhook's parsing); None for
    anything else, which the models read. Every value is checked to be of the type its
    model wants, so the result is the models' own (tests/meta/test_webhook_fuzz.py)."""
    try:
        if type(data) is not dict or data.get("object") != WHATSAPP_OBJECT:
            return None
        [entry] = data["entry"]
        if type(entry) is not dict or type(entry.get("id", "")) is not str:
            return None
        [change] = entry["changes"]
        if type(change) is not dict or change.get("field") != MESSAGES_FIELD:
            return None
        value = change["value"]
        if type(value) is not dict or "statuses" in value or "errors" in value:
            return None
        metadata = value["metadata"]
        [contact] = value["contacts"]
        [message] = value["messages"]
        if not (
            type(metadata) is dict
            and _str_or_absent(metadata, "display_phone_number", "phone_number_id")
            and type(contact) is dict
            and contact.keys() <= {"wa_id", "profile"}
            and type(message) is dict
            and "from_" not in message
            and "from_user_id" not in message
            and message.get("type") == "text"
            and type(message.get("text")) is dict
            and _str_or_absent(message["text"], "body")
        ):
            return None
        wa_id, profile = contact["wa_id"], contact.get("profile")
        wamid, sender, timestamp = message["id"], message["from"], message["timestamp"]
        if not (
            type(wamid) is str
            and type(sender) is str
            and type(timestamp) is str
            and wa_id == sender
            and (profile is None or type(profile) is dict)
            and _str_or_absent(profile or {}, "name", "username")
        ):
            return None
        from_phone = wa_id_to_e164(sender)
        if from_phone is None or not usable_id(wamid):
            return None  # the models' reading skips it, with its log line
        name = profile.get("name", "") if profile else ""
        text = message["text"].get("body", "")
        inbound = InboundMessage(
            wa_message_id=wamid,
            from_phone=from_phone,
            sent_at=unix_to_utc(timestamp),
            kind=InboundKind.TEXT,
            text=clean(text, MAX_TEXT),
            profile_name=" ".join(clean(name, MAX_TEXT).split())[:MAX_NAME] if profile else "",
            phone_number_id=clean(metadata.get("phone_number_id", ""), MAX_SHORT),
        )
    except (KeyError, ValueError, TypeError, OverflowError, OSError, ValidationError):
        return None  # not the common shape after all (an unpacking, a timestamp, ...)
    return Notification(messages=(inbound,))


def _str_or_absent(raw: dict[str, Any], *keys: str) -> bool:
    return all(type(raw.get(key, "")) is str for key in keys)

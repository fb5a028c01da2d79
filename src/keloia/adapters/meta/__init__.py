"""WhatsApp Cloud API adapter: verifying and reading webhooks, sending through Graph."""

from .graph import (
    CloudApiMessenger,
    DeliveryError,
    ErrorClass,
    build_payload,
    classify_error,
)
from .signature import SIGNATURE_HEADER, sign, subscription_challenge, verify_signature
from .split import fit_message, shorten, split_text
from .webhook import MalformedNotification, Notification, parse_notification, wa_id_to_e164

__all__ = [
    "SIGNATURE_HEADER",
    "CloudApiMessenger",
    "DeliveryError",
    "ErrorClass",
    "MalformedNotification",
    "Notification",
    "build_payload",
    "classify_error",
    "fit_message",
    "parse_notification",
    "shorten",
    "sign",
    "split_text",
    "subscription_challenge",
    "verify_signature",
    "wa_id_to_e164",
]

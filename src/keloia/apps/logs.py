"""One line per event, `key=value` pairs after the message, so logs can be grepped and
parsed. Message texts are customers' business: they only appear at debug level.

Every line is one line: a value (or a message argument) carrying a newline or another
control character is escaped, so a crafted message id cannot forge a log line. Phone
numbers are masked wherever they appear (country code and last three digits kept)."""

from __future__ import annotations

import logging
import re
import sys
from typing import Any

# The attributes every LogRecord has; anything else was passed in `extra=`.
_STANDARD = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message",
    "asctime",
    "color_message",
}

# A phone number as it may appear in a log: E.164 (its plus sign perhaps URL-encoded, as in
# an access log's query string) or Meta's digits-only wa_id, 9-15 digits.
_PHONE = re.compile(r"(?<![\w.])(\+|%2[Bb])?(\d{2,4})(\d{4,10})(\d{3})(?!\w)")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")
# Secrets that travel in query strings (Meta's verification handshake) and headers.
_SECRET = re.compile(r"(?i)\b(hub\.verify_token=|access_token=|Bearer\s+)[^&\s\"']+")


def mask_phones(text: str) -> str:
    return _PHONE.sub(lambda m: (m[1] or "") + m[2] + "*" * len(m[3]) + m[4], text)


def _escape(text: str) -> str:
    return _CONTROL.sub(lambda m: m[0].encode("unicode_escape").decode("ascii"), text)


def clean(text: str) -> str:
    """What may go into one log line: control characters escaped, secrets and phones
    masked."""
    return mask_phones(_SECRET.sub(r"\1***", _escape(text)))


class KeyValueFormatter(logging.Formatter):
    def formatMessage(self, record: logging.LogRecord) -> str:
        record.message = clean(record.message)
        return super().formatMessage(record)

    def formatException(self, ei: Any) -> str:
        return mask_phones(super().formatException(ei))

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        pairs = [
            f"{key}={_value(value)}"
            for key, value in vars(record).items()
            if key not in _STANDARD and not key.startswith("_")
        ]
        return " ".join([line, *pairs]) if pairs else line


def _value(value: object) -> str:
    text = clean(str(value))
    if not text or any(ch in text for ch in ' "='):
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return text


def configure(level: int = logging.INFO) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(KeyValueFormatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)


def keep_fields(format_: str) -> None:
    """Give the root handlers that use `format_` (dramatiq's worker processes set up their
    own) the key=value formatter, so the `extra=` fields and the escaping are not lost."""
    for handler in logging.getLogger().handlers:
        formatter = handler.formatter
        if formatter is not None and formatter._fmt == format_:
            handler.setFormatter(KeyValueFormatter(format_))

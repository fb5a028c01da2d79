"""Fitting outbound messages inside WhatsApp's limits, so Meta never rejects one for size.

Pure functions. Long text is split on paragraph, then line, then word boundaries; titles
are shortened with an ellipsis; an interactive message whose body is too long sends the
long part as text first. Sizes are counted in UTF-16 code units, the stricter of the
ways a "character" can be counted (an emoji is two), so whatever Meta counts, it fits.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from keloia.domain.model.messages import (
    MAX_BUTTON_TITLE,
    MAX_BUTTONS,
    MAX_CAPTION,
    MAX_LIST_ROWS,
    MAX_ROW_DESCRIPTION,
    MAX_ROW_TITLE,
    MAX_TEXT,
    Button,
    ListRow,
    MessageKind,
    OutboundMessage,
)

# Interactive (button and list) messages: the body is limited to 1024 characters.
MAX_INTERACTIVE_BODY = 1024
MAX_LIST_BUTTON = 20
MAX_ROW_ID = 200
MAX_BUTTON_ID = 256
# A template body parameter: kept well inside the template body's own 1024 limit.
MAX_TEMPLATE_PARAM = 1024

ELLIPSIS = "…"
DEFAULT_LIST_BUTTON = "Pilih"
# Shown when an interactive message has no body of its own (Meta requires one).
DEFAULT_PROMPT = "Silakan pilih salah satu:"
MORE_CHOICES_PROMPT = "Pilihan lainnya:"

_BOUNDARIES = ("\n\n", "\n", " ")
_BREAKING_SPACE = re.compile(r"\s*[\r\n\t\v\f]+\s*")
_SPACE_RUN = re.compile(r" {2,}")


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _prefix_within(text: str, limit: int) -> int:
    """How many characters of `text` fit in `limit` UTF-16 units."""
    size = 0
    for index, char in enumerate(text):
        size += 2 if ord(char) > 0xFFFF else 1
        if size > limit:
            return index
    return len(text)


def split_text(body: str, limit: int = MAX_TEXT) -> list[str]:
    """Pieces of `body`, each within `limit`, that join back to exactly `body`.

    A piece ends after a paragraph break if one falls in the second half of the window,
    else after a line break, else after a space; only a single word longer than the limit
    is cut mid-word.
    """
    if limit < 2:
        raise ValueError("limit must be at least 2")
    pieces: list[str] = []
    rest = body
    while utf16_len(rest) > limit:
        window = rest[: _prefix_within(rest, limit)]
        cut = _boundary(window)
        pieces.append(rest[:cut])
        rest = rest[cut:]
    if rest:
        pieces.append(rest)
    return pieces


def _boundary(window: str) -> int:
    """Where to cut a window that must be cut: just after the best boundary in it."""
    half = len(window) // 2
    for separator in _BOUNDARIES:
        end = window.rfind(separator) + len(separator)
        if end >= max(half, len(separator)):
            return end
    for separator in _BOUNDARIES:
        end = window.rfind(separator) + len(separator)
        if end >= len(separator):
            return end
    return len(window)


def shorten(text: str, limit: int) -> str:
    """`text` within `limit` UTF-16 units, ending with an ellipsis when it had to be cut."""
    text = text.strip()
    if utf16_len(text) <= limit:
        return text
    kept = text[: _prefix_within(text, limit - len(ELLIPSIS))].rstrip()
    return kept + ELLIPSIS


def clean_template_param(value: str) -> str:
    """A template parameter Meta accepts: no newline or tab, no run of spaces, not empty."""
    text = _BREAKING_SPACE.sub(" · ", value.strip())
    text = _SPACE_RUN.sub(" ", text)
    return shorten(text, MAX_TEMPLATE_PARAM) or "-"


def _unique_titles(titles: Iterable[str], limit: int) -> list[str]:
    # Meta rejects buttons with the same title; shortening can make two titles equal.
    seen: set[str] = set()
    unique: list[str] = []
    for title in titles:
        candidate = shorten(title, limit)
        number = 2
        while candidate in seen:
            suffix = f" {number}"
            candidate = shorten(title, limit - len(suffix)) + suffix
            number += 1
        seen.add(candidate)
        unique.append(candidate)
    return unique


def _message(template: OutboundMessage, **changes: Any) -> OutboundMessage:
    fields = {
        "to": template.to,
        "kind": template.kind,
        "body": template.body,
        "buttons": template.buttons,
        "rows": template.rows,
        "list_button": template.list_button,
        "template_name": template.template_name,
        "template_params": template.template_params,
        "document": template.document,
    }
    fields.update(changes)
    return OutboundMessage.model_validate(fields)


def _texts(template: OutboundMessage, body: str) -> list[OutboundMessage]:
    return [
        _message(template, kind=MessageKind.TEXT, body=piece, buttons=(), rows=())
        for piece in split_text(body)
        if piece.strip()
    ]


def _interactive_body(body: str) -> tuple[str, str]:
    """(text to send first, body for the interactive message).

    The question usually closes the message ("... Betul, ya?"), so the longest closing
    run of paragraphs (or lines) that fits stays with the buttons.
    """
    if not body.strip():
        return "", DEFAULT_PROMPT
    if utf16_len(body) <= MAX_INTERACTIVE_BODY:
        return "", body
    for separator in ("\n\n", "\n"):
        start = body.find(separator)
        while start != -1:
            tail = body[start + len(separator) :]
            if tail.strip() and utf16_len(tail) <= MAX_INTERACTIVE_BODY:
                return body[:start], tail
            start = body.find(separator, start + 1)
    return body, DEFAULT_PROMPT


def _fit_buttons(msg: OutboundMessage) -> list[OutboundMessage]:
    if not msg.buttons:
        return _texts(msg, msg.body)
    if len(msg.buttons) > MAX_BUTTONS:
        # More buttons than a button message holds: a list holds up to ten choices.
        rows = tuple(
            ListRow(id=b.id[:MAX_ROW_ID], title=shorten(b.title, MAX_ROW_TITLE))
            for b in msg.buttons
        )
        return _fit_list(_message(msg, kind=MessageKind.LIST, buttons=(), rows=rows))
    titles = _unique_titles((b.title for b in msg.buttons), MAX_BUTTON_TITLE)
    buttons = tuple(
        Button(id=(b.id or title)[:MAX_BUTTON_ID], title=title)
        for b, title in zip(msg.buttons, titles, strict=True)
    )
    first, body = _interactive_body(msg.body)
    return [*_texts(msg, first), _message(msg, body=body, buttons=buttons, rows=())]


def _fit_list(msg: OutboundMessage) -> list[OutboundMessage]:
    if not msg.rows:
        return _texts(msg, msg.body)
    rows = [
        ListRow(
            id=(row.id or row.title)[:MAX_ROW_ID],
            title=shorten(row.title, MAX_ROW_TITLE),
            description=shorten(row.description, MAX_ROW_DESCRIPTION),
        )
        for row in msg.rows
    ]
    list_button = shorten(msg.list_button, MAX_LIST_BUTTON) or DEFAULT_LIST_BUTTON
    first, body = _interactive_body(msg.body)
    fitted = _texts(msg, first)
    # More rows than one list holds: further lists follow, so no choice is dropped.
    for start in range(0, len(rows), MAX_LIST_ROWS):
        chunk = tuple(rows[start : start + MAX_LIST_ROWS])
        chunk_body = body if start == 0 else MORE_CHOICES_PROMPT
        fitted.append(
            _message(msg, body=chunk_body, rows=chunk, buttons=(), list_button=list_button)
        )
    return fitted


def fit_message(msg: OutboundMessage) -> list[OutboundMessage]:
    """`msg` as one or more messages that each fit WhatsApp's limits, in sending order.

    An empty text gives an empty list: there is nothing to send.
    """
    if msg.kind == MessageKind.TEXT:
        return _texts(msg, msg.body)
    if msg.kind == MessageKind.BUTTONS:
        return _fit_buttons(msg)
    if msg.kind == MessageKind.LIST:
        return _fit_list(msg)
    if msg.kind == MessageKind.DOCUMENT:
        return [_message(msg, body=shorten(msg.body, MAX_CAPTION))]
    params = tuple(clean_template_param(p) for p in msg.template_params)
    return [_message(msg, template_params=params)]

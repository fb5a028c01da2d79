"""Messages the bot sends, in WhatsApp's shapes and within its limits."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from keloia.domain.model.common import Phone

# WhatsApp Cloud API limits: longer content is split or shortened by us, never sent to be
# rejected by Meta.
MAX_TEXT = 4096
MAX_BUTTONS = 3
MAX_BUTTON_TITLE = 20
MAX_LIST_ROWS = 10
MAX_ROW_TITLE = 24
MAX_ROW_DESCRIPTION = 72


class MessageKind(StrEnum):
    TEXT = "text"
    BUTTONS = "buttons"
    LIST = "list"
    TEMPLATE = "template"


class Button(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str = Field(max_length=256)
    title: str = Field(min_length=1, max_length=MAX_BUTTON_TITLE)


class ListRow(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str = Field(max_length=200)
    title: str = Field(min_length=1, max_length=MAX_ROW_TITLE)
    description: str = Field(default="", max_length=MAX_ROW_DESCRIPTION)


class OutboundMessage(BaseModel):
    model_config = ConfigDict(frozen=True)

    to: Phone
    kind: MessageKind = MessageKind.TEXT
    body: str = Field(default="", max_length=MAX_TEXT)
    buttons: tuple[Button, ...] = Field(default=(), max_length=MAX_BUTTONS)
    rows: tuple[ListRow, ...] = Field(default=(), max_length=MAX_LIST_ROWS)
    list_button: str = Field(default="Pilih", max_length=MAX_BUTTON_TITLE)
    template_name: str = ""
    template_params: tuple[str, ...] = ()

"""Time and identifiers come from outside the domain, so tests can fix them."""

from __future__ import annotations

from datetime import date, datetime
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """Aware datetime (UTC)."""
        ...

    def today(self) -> date:
        """The business's local date (Asia/Jakarta by default)."""
        ...


class IdGenerator(Protocol):
    def new_id(self) -> str:
        """A unique, sortable id (ULID)."""
        ...

    def new_code(self) -> str:
        """A short code a person can type (invite codes)."""
        ...

"""Time in the business's zone, and ULIDs for ids."""

from __future__ import annotations

import secrets
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from ulid import ULID

# No 0/O or 1/I/L: invite codes are read aloud and typed on phones.
_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


class SystemClock:
    def __init__(self, timezone: str = "Asia/Jakarta") -> None:
        self.zone = ZoneInfo(timezone)

    def now(self) -> datetime:
        return datetime.now(UTC)

    def today(self) -> date:
        return datetime.now(self.zone).date()


class UlidIds:
    def new_id(self) -> str:
        return str(ULID())

    def new_code(self) -> str:
        return "".join(secrets.choice(_CODE_ALPHABET) for _ in range(8))

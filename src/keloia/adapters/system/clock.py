"""Time in the business's zone, and ULIDs for ids."""

from __future__ import annotations

import secrets
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from ulid import ULID

from keloia.domain.model.tenants import INVITE_CODE_ALPHABET, INVITE_CODE_LENGTH


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
        return "".join(secrets.choice(INVITE_CODE_ALPHABET) for _ in range(INVITE_CODE_LENGTH))

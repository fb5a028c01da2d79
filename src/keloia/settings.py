"""Settings from the environment (and a .env file), named as in docs/contracts.md,
"Running Keloia"."""

from __future__ import annotations

from datetime import time
from decimal import Decimal
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore", populate_by_name=True)

    database_url: str = Field(default="sqlite:///./keloia.db", alias="KELOIA_DATABASE_URL")
    redis_url: str | None = Field(default=None, alias="KELOIA_REDIS_URL")
    env: Literal["development", "production", "test"] = Field(
        default="development", alias="KELOIA_ENV"
    )
    timezone: str = Field(default="Asia/Jakarta", alias="KELOIA_TIMEZONE")
    meta_app_secret: str | None = Field(default=None, alias="KELOIA_META_APP_SECRET")
    meta_verify_token: str | None = Field(default=None, alias="KELOIA_META_VERIFY_TOKEN")
    meta_access_token: str | None = Field(default=None, alias="KELOIA_META_ACCESS_TOKEN")
    meta_phone_number_id: str | None = Field(default=None, alias="KELOIA_META_PHONE_NUMBER_ID")
    meta_api_url: str = Field(
        default="https://graph.facebook.com/v26.0", alias="KELOIA_META_API_URL"
    )
    anthropic_api_key: str | None = Field(default=None, alias="ANTHROPIC_API_KEY")
    files_dir: str = Field(default="./keloia-files", alias="KELOIA_FILES_DIR")
    s3_endpoint: str | None = Field(default=None, alias="KELOIA_S3_ENDPOINT")
    s3_bucket: str | None = Field(default=None, alias="KELOIA_S3_BUCKET")
    s3_access_key: str | None = Field(default=None, alias="KELOIA_S3_ACCESS_KEY")
    s3_secret_key: str | None = Field(default=None, alias="KELOIA_S3_SECRET_KEY")

    # The browsable API doc pages under /schema (openapi.json is always served): unset
    # means on, except in production.
    schema_docs: bool | None = Field(default=None, alias="KELOIA_SCHEMA_DOCS")

    # Not in the contract: tuning knobs with safe defaults.
    claude_model: str = Field(default="claude-haiku-5-5", alias="KELOIA_CLAUDE_MODEL")
    # Extraction is classification, not reasoning: low effort and no thinking keep each
    # call fast and cheap (thinking tokens are billed as output). See docs/claude.md.
    # "none" sends no effort, for models that do not take one (Haiku 4.5).
    claude_effort: Literal["low", "medium", "high", "xhigh", "max", "none"] = Field(
        default="low", alias="KELOIA_CLAUDE_EFFORT"
    )
    claude_thinking: Literal["disabled", "adaptive"] = Field(
        default="disabled", alias="KELOIA_CLAUDE_THINKING"
    )
    # USD per million tokens; KELOIA_CLAUDE_PRICES (JSON, same shape) adds or replaces
    # models, e.g. {"claude-haiku-5-5": {"input": "0.1", "output": "0.5", ...}}.
    claude_prices: dict[str, dict[str, Decimal]] = Field(
        default_factory=dict, alias="KELOIA_CLAUDE_PRICES"
    )
    # For showing Claude's cost in rupiah (bench, docs); an integer, like all money.
    usd_to_idr: int = Field(default=16_500, gt=0, alias="KELOIA_USD_TO_IDR")
    claude_timeout_seconds: float = Field(default=8.0, alias="KELOIA_CLAUDE_TIMEOUT")
    claude_max_retries: int = Field(default=1, alias="KELOIA_CLAUDE_MAX_RETRIES")
    # A message delivered this long after it was sent is confirmed again, not acted on.
    stale_message_minutes: int = Field(default=60, ge=1, alias="KELOIA_STALE_MESSAGE_MINUTES")
    # SQLite durability: NORMAL survives a crash of the process, FULL also a power cut
    # (docs/storage.md).
    sqlite_synchronous: Literal["NORMAL", "FULL"] = Field(
        default="NORMAL", alias="KELOIA_SQLITE_SYNCHRONOUS"
    )
    # How long a killed process's work (a sender's lock, an outbox item being sent) stays
    # held before another process takes it up; a live one renews it every third of this.
    lease_seconds: float = Field(default=15.0, ge=1, le=3600, alias="KELOIA_LEASE_SECONDS")
    # `keloia serve`: worker processes beside the web process (each a core; a sender is
    # always handled by the same one). 0: worker threads inside the web process, on one core.
    serve_worker_processes: int = Field(
        default=1, ge=0, le=64, alias="KELOIA_SERVE_WORKER_PROCESSES"
    )
    # Below this confidence of the rules, Claude is asked (when a key is set).
    claude_threshold: float = Field(default=0.75, alias="KELOIA_CLAUDE_THRESHOLD")
    # Where people reach this server: the start of every file download link. `keloia
    # serve` sets it from --host/--port when it is not given.
    public_url: str = Field(default="http://127.0.0.1:8000", alias="KELOIA_PUBLIC_URL")
    # Signs download links; unset: a key kept in the file store (shared by its users).
    files_signing_key: str | None = Field(default=None, alias="KELOIA_FILES_SIGNING_KEY")
    # Scheduled jobs (docs/operations.md): how often the scheduler looks for due work, and
    # a briefing time for every tenant instead of each one's own (trials, tests).
    scheduler_tick_seconds: float = Field(
        default=30.0, ge=0.2, le=3600, alias="KELOIA_SCHEDULER_TICK_SECONDS"
    )
    briefing_time: time | None = Field(default=None, alias="KELOIA_BRIEFING_TIME")

    @property
    def production(self) -> bool:
        return self.env == "production"

    @field_validator("claude_prices", mode="after")
    @classmethod
    def _over_default_prices(
        cls, value: dict[str, dict[str, Decimal]]
    ) -> dict[str, dict[str, Decimal]]:
        prices = {model: dict(price) for model, price in CLAUDE_PRICES.items()}
        for model, price in value.items():
            missing = {"input", "output", "cache_write", "cache_read"} - set(price)
            if missing:
                raise ValueError(f"price of {model} lacks {', '.join(sorted(missing))}")
            prices[model] = price
        return prices


# Anthropic's list prices, USD per million tokens, for prompts under 100k tokens (ours are
# ~9k). Haiku 4.5 is kept to compare against and for deployments still pinned to it.
CLAUDE_PRICES: dict[str, dict[str, Decimal]] = {
    "claude-haiku-5-5": {
        "input": Decimal("0.10"),
        "output": Decimal("0.50"),
        "cache_write": Decimal("0.125"),
        "cache_read": Decimal("0.01"),
    },
    "claude-haiku-4-5": {
        "input": Decimal("1"),
        "output": Decimal("5"),
        "cache_write": Decimal("1.25"),
        "cache_read": Decimal("0.10"),
    },
}

"""Settings from the environment (and a .env file), named as in shared/contracts/runtime.md."""

from __future__ import annotations

from typing import Literal

from pydantic import Field
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

    # Not in the contract: tuning knobs with safe defaults.
    claude_model: str = Field(default="claude-haiku-4-5", alias="KELOIA_CLAUDE_MODEL")
    claude_timeout_seconds: float = Field(default=8.0, alias="KELOIA_CLAUDE_TIMEOUT")
    claude_max_retries: int = Field(default=1, alias="KELOIA_CLAUDE_MAX_RETRIES")
    # A message delivered this long after it was sent is confirmed again, not acted on.
    stale_message_minutes: int = Field(default=60, ge=1, alias="KELOIA_STALE_MESSAGE_MINUTES")
    # Below this confidence of the rules, Claude is asked (when a key is set).
    claude_threshold: float = Field(default=0.75, alias="KELOIA_CLAUDE_THRESHOLD")

"""The one place that reads settings and chooses adapters."""

from __future__ import annotations

from dataclasses import dataclass

from keloia.adapters.memory import MemoryKeyValueStore
from keloia.adapters.sql.engine import make_engine
from keloia.adapters.sql.migrate import check_database, migrate
from keloia.adapters.sql.uow import SqlUnitOfWorkFactory
from keloia.adapters.system import SystemClock, UlidIds
from keloia.domain.services.deps import Deps
from keloia.ports.extractor import IntentExtractor
from keloia.ports.keyvalue import KeyValueStore
from keloia.settings import Settings


@dataclass(frozen=True)
class Keloia:
    """Everything an entry point needs, wired."""

    settings: Settings
    deps: Deps
    kv: KeyValueStore
    extractor: IntentExtractor


def bootstrap(settings: Settings | None = None, *, run_migrations: bool = False) -> Keloia:
    """Wire the adapters the settings ask for. Raises StorageUnavailable (with a one-line
    reason) when the database cannot be reached."""
    settings = settings or Settings()
    if run_migrations:
        migrate(settings.database_url)
    else:
        check_database(settings.database_url)
    engine = make_engine(settings.database_url)
    deps = Deps(
        uow=SqlUnitOfWorkFactory(engine),
        clock=SystemClock(settings.timezone),
        ids=UlidIds(),
    )
    return Keloia(
        settings=settings,
        deps=deps,
        kv=build_key_value(settings),
        extractor=build_extractor(settings),
    )


def build_key_value(settings: Settings) -> KeyValueStore:
    if settings.redis_url:
        from keloia.adapters.redis import RedisKeyValueStore

        return RedisKeyValueStore.from_url(settings.redis_url)
    return MemoryKeyValueStore()


def build_extractor(settings: Settings, *, offline: bool = False) -> IntentExtractor:
    """Rules alone offline or without a key; otherwise rules first, Claude for the rest."""
    from keloia.adapters.rules import RulesExtractor

    rules = RulesExtractor()
    if offline or not settings.anthropic_api_key:
        return rules
    from keloia.adapters.claude import ClaudeExtractor, RoutedExtractor

    claude = ClaudeExtractor(
        model=settings.claude_model,
        timeout=settings.claude_timeout_seconds,
        max_retries=settings.claude_max_retries,
        api_key=settings.anthropic_api_key,
    )
    return RoutedExtractor(rules=rules, claude=claude, threshold=settings.claude_threshold)

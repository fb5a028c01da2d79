"""The one place that reads settings and chooses adapters."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import text as sql_text

from keloia.adapters.files import LocalFileStore, SignedLinks
from keloia.adapters.files.links import shared_signing_key
from keloia.adapters.local import LocalMessenger
from keloia.adapters.memory import MemoryKeyValueStore, MemoryLocks
from keloia.adapters.sql.engine import make_engine
from keloia.adapters.sql.migrate import check_database, migrate
from keloia.adapters.sql.uow import SqlUnitOfWorkFactory
from keloia.adapters.system import SystemClock, UlidIds
from keloia.adapters.system.holidays import IndonesianHolidays
from keloia.adapters.system.leases import Heartbeat, holder_id
from keloia.domain.services import channel
from keloia.domain.services.deps import Deps
from keloia.ports.calendar import HolidayCalendar
from keloia.ports.extractor import IntentExtractor
from keloia.ports.files import FileStore
from keloia.ports.keyvalue import KeyValueStore
from keloia.ports.locks import Locks
from keloia.ports.messaging import MediaSource, Messenger, TaskQueue
from keloia.settings import Settings

log = logging.getLogger(__name__)


class SetupError(Exception):
    """The settings cannot make a working Keloia (a one-line reason for the operator)."""


@dataclass(frozen=True)
class Keloia:
    """Everything an entry point needs, wired: the one object the apps pass around (named
    `keloia` wherever it is a variable; `app` is only ever the HTTP application)."""

    settings: Settings
    deps: Deps  # what the use cases need (storage, clock, ids, event handlers, extractor)
    kv: KeyValueStore
    locks: Locks
    messenger: Messenger
    # None when the database (and Redis, when configured) answer; else what is wrong.
    probe: Callable[[], str | None]
    queue: TaskQueue | None = None  # where background work goes (set by the runner)
    demo_tenant_id: str | None = None  # set when the simulator is on
    # Opens the signed download links deps.links makes; None in hand-wired test Keloias.
    links: SignedLinks | None = None
    media: MediaSource | None = None  # fetches what people send; None: nothing to fetch
    # The public holidays the scheduled jobs note (the official Indonesian calendar).
    calendar: HolidayCalendar = field(default_factory=IndonesianHolidays)
    # This process as the holder of leases ('serve:host:pid:…', adapters/system/leases.py),
    # and the heartbeat renewing the outbox items it is sending.
    holder: str = field(default_factory=lambda: holder_id("process"))
    claims: Heartbeat | None = None

    @property
    def lease(self) -> timedelta:
        return timedelta(seconds=self.settings.lease_seconds)


def bootstrap(
    settings: Settings | None = None, *, run_migrations: bool = False, role: str = "process"
) -> Keloia:
    """Wire the adapters the settings ask for, for a process of this role ('serve',
    'worker', ...: the start of its lease holder id). Raises SetupError with a one-line
    reason when they cannot work (bad database URL, missing production secrets)."""
    settings = settings or Settings()
    holder = holder_id(role)
    _check_production(settings)
    try:
        if run_migrations:
            migrate(settings.database_url)
        else:
            check_database(settings.database_url)
        engine = make_engine(settings.database_url, sqlite_synchronous=settings.sqlite_synchronous)
    except Exception as exc:  # the driver's many ways of saying "no"
        raise SetupError(f"cannot open the database: {_first_line(exc)}") from exc
    files = build_file_store(settings)
    links = build_links(settings, files)
    from keloia.adapters.pdf import FpdfRenderer

    kv, locks = build_shared_state(settings, holder)
    lease = timedelta(seconds=settings.lease_seconds)
    deps = Deps(
        storage=SqlUnitOfWorkFactory(engine),
        clock=SystemClock(settings.timezone),
        ids=UlidIds(),
        extractor=build_extractor(settings),
        stale_after=timedelta(minutes=settings.stale_message_minutes),
        files=files,
        renderer=FpdfRenderer(),
        links=links,
        limits=kv,
        calendar=IndonesianHolidays(),
    )

    def probe() -> str | None:
        try:
            with engine.connect() as connection:
                connection.execute(sql_text("SELECT 1"))
            if settings.redis_url:
                kv.get("health")
        except Exception as exc:
            return _first_line(exc)
        return None

    return Keloia(
        settings=settings,
        deps=deps,
        kv=kv,
        locks=locks,
        messenger=build_messenger(settings, files),
        calendar=IndonesianHolidays(),
        probe=probe,
        links=links,
        media=build_media_source(settings),
        holder=holder,
        claims=Heartbeat(
            settings.lease_seconds / 3,
            lambda: channel.renew_claims(deps, holder, lease),
            "keloia-outbox-leases",
        ),
    )


def build_shared_state(
    settings: Settings, holder: str | None = None
) -> tuple[KeyValueStore, Locks]:
    """In the process on the embedded default; in Redis when several processes share."""
    if not settings.redis_url:
        return MemoryKeyValueStore(), MemoryLocks()
    from keloia.adapters.redis import RedisKeyValueStore, RedisLocks

    try:
        kv = RedisKeyValueStore.from_url(settings.redis_url)
        kv.client.ping()
    except Exception as exc:
        raise SetupError(f"cannot reach Redis: {_first_line(exc)}") from exc
    return kv, RedisLocks(kv.client, holder=holder, lease_seconds=settings.lease_seconds)


def build_file_store(settings: Settings) -> FileStore:
    """The folder by default; the S3-compatible bucket when its settings are given."""
    s3 = (settings.s3_endpoint, settings.s3_bucket, settings.s3_access_key, settings.s3_secret_key)
    if not any(s3):
        return LocalFileStore(settings.files_dir)
    if not all(s3):
        raise SetupError(
            "KELOIA_S3_ENDPOINT, KELOIA_S3_BUCKET, KELOIA_S3_ACCESS_KEY and "
            "KELOIA_S3_SECRET_KEY go together"
        )
    from keloia.adapters.files.s3 import S3FileStore

    assert settings.s3_endpoint and settings.s3_bucket
    assert settings.s3_access_key and settings.s3_secret_key
    return S3FileStore(
        endpoint=settings.s3_endpoint,
        bucket=settings.s3_bucket,
        access_key=settings.s3_access_key,
        secret_key=settings.s3_secret_key,
    )


def build_links(settings: Settings, files: FileStore) -> SignedLinks:
    try:
        key = (
            settings.files_signing_key.encode()
            if settings.files_signing_key
            else shared_signing_key(files)
        )
        return SignedLinks(key, settings.public_url)
    except Exception as exc:
        raise SetupError(f"cannot use the file store: {_first_line(exc)}") from exc


def build_messenger(settings: Settings, files: FileStore | None = None) -> Messenger:
    if not settings.meta_access_token:
        return LocalMessenger()
    from keloia.adapters.meta import CloudApiMessenger

    if not settings.meta_phone_number_id:
        raise SetupError("KELOIA_META_PHONE_NUMBER_ID is needed with KELOIA_META_ACCESS_TOKEN")
    return CloudApiMessenger(
        api_url=settings.meta_api_url,
        access_token=settings.meta_access_token,
        phone_number_id=settings.meta_phone_number_id,
        files=files,
    )


def build_media_source(settings: Settings) -> MediaSource | None:
    """Media comes from the Cloud API when it is configured; otherwise from the simulator,
    which hands its photos and files over in the process."""
    if not settings.meta_access_token:
        from keloia.adapters.local.media import LocalMediaSource

        return LocalMediaSource()
    from keloia.adapters.meta.media import CloudApiMedia

    return CloudApiMedia(api_url=settings.meta_api_url, access_token=settings.meta_access_token)


def build_extractor(settings: Settings, *, offline: bool = False) -> IntentExtractor:
    """Rules alone offline or without a key; otherwise rules first, Claude for the rest."""
    from keloia.adapters.rules import RulesExtractor

    rules = RulesExtractor()
    if offline or not settings.anthropic_api_key:
        return rules
    from keloia.adapters.claude import ClaudeExtractor, RoutedExtractor

    try:
        claude = ClaudeExtractor(
            model=settings.claude_model,
            timeout=settings.claude_timeout_seconds,
            max_retries=settings.claude_max_retries,
            api_key=settings.anthropic_api_key,
            effort=None if settings.claude_effort == "none" else settings.claude_effort,
            thinking=settings.claude_thinking,
            prices=settings.claude_prices,
        )
    except ValueError as err:
        raise SetupError(f"KELOIA_CLAUDE_EFFORT / KELOIA_CLAUDE_THINKING: {err}") from None
    log.info("Claude reads what the rules are unsure of: %s", claude.describe())
    # An unknown or retired model is found out at start-up, off the start-up path: the
    # check logs one clear line and the rules then read every message alone.
    threading.Thread(target=claude.check_model, name="claude-model-check", daemon=True).start()
    return RoutedExtractor(rules=rules, claude=claude, threshold=settings.claude_threshold)


def _check_production(settings: Settings) -> None:
    if settings.env != "production":
        return
    missing = [
        name
        for name, value in (
            ("KELOIA_META_APP_SECRET", settings.meta_app_secret),
            ("KELOIA_META_VERIFY_TOKEN", settings.meta_verify_token),
            ("KELOIA_META_ACCESS_TOKEN", settings.meta_access_token),
            ("KELOIA_META_PHONE_NUMBER_ID", settings.meta_phone_number_id),
        )
        if not value
    ]
    if missing:
        raise SetupError("production needs " + ", ".join(missing))


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__

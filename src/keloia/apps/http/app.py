"""The app factory: routes, dependencies and error translation for one wired Keloia."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from litestar import Litestar, Request, get
from litestar.di import NamedDependency, Provide
from litestar.exceptions import HTTPException
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import JsonRenderPlugin
from litestar.response import Response

from keloia.apps.dashboard import DashboardPlugin
from keloia.apps.http.files import download
from keloia.apps.http.simulator import SimulatorController
from keloia.apps.http.webhook import webhook_route
from keloia.bootstrap import Keloia
from keloia.domain.errors import (
    AlreadyRegistered,
    DomainError,
    Forbidden,
    InvalidInput,
    InvalidTransition,
    InviteInvalid,
    LoginRefused,
    NotFound,
    Overpayment,
    RateLimited,
    ScheduleConflict,
    WarningsNotAcknowledged,
)
from keloia.settings import Settings

log = logging.getLogger("keloia.http")

# Domain refusals become the 4xx a client can act on; the message stays Indonesian.
DOMAIN_STATUS: dict[type[DomainError], int] = {
    NotFound: 404,
    Forbidden: 403,
    ScheduleConflict: 409,
    AlreadyRegistered: 409,
    InvalidTransition: 409,
    WarningsNotAcknowledged: 409,
    Overpayment: 422,
    InvalidInput: 422,
    InviteInvalid: 422,
    LoginRefused: 401,
    RateLimited: 429,
}


@get("/healthz", sync_to_thread=True)
def healthz(keloia: NamedDependency[Keloia]) -> Response[dict[str, str]]:
    problem = keloia.probe()
    if problem:
        # The driver's words (hosts, ports, users) are for the operator's log, not for anyone
        # who can reach /healthz.
        log.error("health check failed", extra={"problem": problem})
        return Response({"status": "unavailable"}, status_code=503)
    return Response({"status": "ok"}, status_code=200)


def domain_error(_: Request[Any, Any, Any], exc: DomainError) -> Response[dict[str, Any]]:
    status = next((code for kind, code in DOMAIN_STATUS.items() if isinstance(exc, kind)), 400)
    return Response({"status_code": status, "detail": exc.message}, status_code=status)


def unexpected_error(_: Request[Any, Any, Any], exc: Exception) -> Response[dict[str, Any]]:
    if isinstance(exc, HTTPException):
        return Response(
            {"status_code": exc.status_code, "detail": exc.detail}, status_code=exc.status_code
        )
    # Most often the database or Redis is unreachable: a retry later may succeed.
    log.exception("request failed")
    return Response(
        {"status_code": 503, "detail": "Layanan sedang bermasalah, silakan coba lagi."},
        status_code=503,
    )


def openapi_config(settings: Settings) -> OpenAPIConfig:
    """/schema/openapi.json always (the contract's); the browsable doc pages only where
    KELOIA_SCHEMA_DOCS allows, by default everywhere but production."""
    docs = settings.schema_docs if settings.schema_docs is not None else not settings.production
    plugins = () if docs else (JsonRenderPlugin(),)
    return OpenAPIConfig(
        title="Keloia API", version="0.1.0", path="/schema", render_plugins=plugins
    )


def create_app(
    keloia: Keloia,
    *,
    simulator: bool = False,
    on_startup: Sequence[Callable[[], None]] = (),
    on_shutdown: Sequence[Callable[[], None]] = (),
) -> Litestar:
    handlers: list[Any] = [webhook_route(keloia), healthz, download]
    if simulator:
        handlers.append(SimulatorController)
    return Litestar(
        route_handlers=handlers,
        plugins=[DashboardPlugin(keloia)],
        dependencies={"keloia": Provide(lambda: keloia, sync_to_thread=False)},
        exception_handlers={DomainError: domain_error, Exception: unexpected_error},
        openapi_config=openapi_config(keloia.settings),
        on_startup=list(on_startup),
        on_shutdown=list(on_shutdown),
        logging_config=None,  # the entry point configures logging (keloia.apps.logs)
    )

"""What every controller shares: how a route is declared, error responses for the
OpenAPI document."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from litestar.handlers import HTTPRouteHandler
from litestar.openapi.datastructures import ResponseSpec

from keloia.apps.dashboard.schemas import ErrorOut
from keloia.apps.dashboard.security import Guard


def errors(*codes: int) -> dict[int, ResponseSpec]:
    words = {
        400: "malformed request",
        401: "not signed in",
        403: "this role may not do this, or the CSRF token is missing",
        404: "no such record in this PO (another PO's record reads the same)",
        409: "a bus or crew member is already booked, or warnings need acknowledging",
        422: "a business rule refused the values",
        429: "too many attempts",
    }
    return {c: ResponseSpec(ErrorOut, description=words[c]) for c in (400, 401, 403, *codes)}


def api(
    method: Callable[..., HTTPRouteHandler], path: str, guard: Guard, *codes: int, **options: Any
) -> HTTPRouteHandler:
    """A JSON route as each is declared: `method` (litestar's `get`, `post`, ...) run in a
    thread (the use cases block), behind its one guard, with its error answers in the
    OpenAPI document."""
    return method(path, sync_to_thread=True, guards=[guard], responses=errors(*codes), **options)


def path_key(path: str) -> str:
    """The name of a route's one path parameter ("booking_id" in "/booking/{booking_id:str}"),
    for the handlers made for several routes, which read it from `request.path_params`."""
    found = re.search(r"\{(\w+):", path)
    return found.group(1) if found else ""

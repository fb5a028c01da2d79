"""Who is asking: the session (cookie or bearer), the current-user dependency and the
guards. Every dashboard route is protected by `allow(...)`, the one way in: it reads the
session, refuses a cookie request that changes something without its CSRF token, and
asks the domain's permission matrix (the same one WhatsApp obeys) whether the role may.

The dashboard may be narrower than the matrix (drivers have no dashboard; the contract
keeps money and fleet writes to the owner), never wider."""

from __future__ import annotations

import hmac
from collections.abc import Callable, Collection, Coroutine
from dataclasses import dataclass
from typing import Any

import anyio
from litestar import Request
from litestar.connection import ASGIConnection
from litestar.di import NamedDependency
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.handlers.base import BaseRouteHandler

from keloia.bootstrap import Keloia
from keloia.domain.errors import Forbidden
from keloia.domain.model.permissions import Action, Resource, require
from keloia.domain.model.tenants import Role, User
from keloia.domain.services import login

COOKIE = "keloia_session"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
MANAGERS = frozenset({Role.OWNER, Role.ADMIN})
ALL_ROLES_FOR_LOGOUT = frozenset({Role.OWNER, Role.ADMIN, Role.DRIVER})
OWNER = frozenset({Role.OWNER})
SIGN_IN_FIRST = "Silakan masuk terlebih dahulu."
CSRF_REFUSED = "Formulir kedaluwarsa. Muat ulang halaman lalu coba lagi."
NO_DASHBOARD = "Maaf, dashboard hanya untuk pemilik dan admin."
OWNER_ONLY = "Maaf, tindakan ini hanya untuk pemilik."


@dataclass(frozen=True)
class Auth:
    user: NamedDependency[User]
    token: str
    by_cookie: bool

    @property
    def csrf(self) -> str:
        return login.csrf_token(self.token)


def token_of(connection: ASGIConnection[Any, Any, Any, Any]) -> tuple[str, bool] | None:
    header = connection.headers.get("authorization", "")
    if header[:7].lower() == "bearer " and header[7:].strip():
        return header[7:].strip(), False
    cookie = connection.cookies.get(COOKIE)
    return (cookie, True) if cookie else None


def keloia_of(connection: ASGIConnection[Any, Any, Any, Any]) -> Keloia:
    keloia: Keloia = connection.app.state["keloia"]
    return keloia


async def authenticate(connection: ASGIConnection[Any, Any, Any, Any]) -> Auth | None:
    """The session's user, read once per request and kept on the connection."""
    if "keloia_auth" in connection.scope:
        cached: Auth | None = connection.scope["keloia_auth"]  # type: ignore[typeddict-item]
        return cached
    found = token_of(connection)
    auth = None
    if found is not None:
        keloia = keloia_of(connection)
        user = await anyio.to_thread.run_sync(login.session_user, keloia.deps, keloia.kv, found[0])
        if user is not None:
            auth = Auth(user=user, token=found[0], by_cookie=found[1])
    connection.scope["keloia_auth"] = auth  # type: ignore[typeddict-unknown-key]
    return auth


async def _check_csrf(
    connection: ASGIConnection[Any, Any, Any, Any], auth: NamedDependency[Auth]
) -> None:
    """Cookie sessions ride along with any page that posts here; the token proves the
    request came from our own page. Bearer tokens are never sent by a browser on its own."""
    if not auth.by_cookie or connection.scope.get("method", "GET") in SAFE_METHODS:
        return
    sent = connection.headers.get(CSRF_HEADER, "")
    if not sent:
        content_type = connection.headers.get("content-type", "")
        if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            form = await Request(connection.scope, connection.receive).form()
            value = form.get(CSRF_FIELD, "")
            sent = value if isinstance(value, str) else ""
    if not hmac.compare_digest(sent.encode(), auth.csrf.encode()):
        raise PermissionDeniedException(detail=CSRF_REFUSED)


Guard = Callable[[ASGIConnection[Any, Any, Any, Any], BaseRouteHandler], Coroutine[Any, Any, None]]


def allow(
    action: Action | None = None,
    resource: Resource | None = None,
    roles: Collection[Role] = MANAGERS,
) -> Guard:
    """Signed in, with a role among `roles`, that the domain's matrix lets do `action` on
    `resource` (when given), and the CSRF token for a cookie session's writes."""

    async def guard(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
        auth = await authenticate(connection)
        if auth is None:
            raise NotAuthorizedException(detail=SIGN_IN_FIRST)
        await _check_csrf(connection, auth)
        user = auth.user
        if action is not None and resource is not None:
            require(user, action, resource)  # the domain's refusal, in its own words
        if user.role not in roles:
            raise Forbidden(NO_DASHBOARD if user.role not in MANAGERS else OWNER_ONLY)

    return guard


# Who may do what, one guard per rule: the JSON route and the page that do the same thing
# share it, so the API and the pages never disagree on who may. A rule only one route has
# stays written at that route.
READ_SCHEDULE = allow(Action.READ, Resource.BOOKING)
ADD_BOOKINGS = allow(Action.CREATE, Resource.BOOKING)
CHANGE_BOOKINGS = allow(Action.UPDATE, Resource.BOOKING)
WAIVE_FEES = allow(Action.UPDATE, Resource.BOOKING, OWNER)
READ_MONEY = allow(Action.READ, Resource.PAYMENT)
READ_ACTIVITY = allow(Action.READ, Resource.ACTIVITY)
RECORD_PAYMENTS = allow(Action.CREATE, Resource.PAYMENT, OWNER)
RECORD_TRIP_COSTS = allow(Action.CREATE, Resource.TRIP_COST)
READ_FLEET = allow(Action.READ, Resource.BUS)
ADD_BUSES = allow(Action.CREATE, Resource.BUS, OWNER)
CHANGE_BUSES = allow(Action.UPDATE, Resource.BUS, OWNER)
LOG_SERVICES = allow(Action.CREATE, Resource.MAINTENANCE, OWNER)
ADD_DOCUMENTS = allow(Action.CREATE, Resource.DOCUMENT, OWNER)
READ_TEAM = allow(Action.READ, Resource.TEAM, OWNER)
CHANGE_TEAM = allow(Action.UPDATE, Resource.TEAM, OWNER)
INVITES = allow(Action.CREATE, Resource.INVITE, OWNER)
READ_SETTINGS = allow(Action.READ, Resource.SETTINGS)
CHANGE_SETTINGS = allow(Action.UPDATE, Resource.SETTINGS, OWNER)


async def provide_auth(request: Request[Any, Any, Any]) -> Auth:
    """The current session; only reachable behind a guard, which has already checked it."""
    auth = await authenticate(request)
    if auth is None:
        raise NotAuthorizedException(detail=SIGN_IN_FIRST)
    return auth


async def provide_user(auth: NamedDependency[Auth]) -> User:
    """The current user: the one dependency handlers act as."""
    return auth.user
